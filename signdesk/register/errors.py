"""What can go wrong with a register, in words the owner can act on."""

from __future__ import annotations

from pathlib import Path

from signdesk.errors import UserInputError


class RegisterError(UserInputError):
    """A register that cannot be opened or changed, with the reason."""


class RegisterMismatchError(RegisterError):
    """The register beside a project belongs to another project."""


class RegisterLockedError(RegisterError):
    """Another SignDesk window or command has the register open."""


class RegisterDamagedError(RegisterError):
    """The database file is damaged; ``backup`` is the newest backup, if any."""

    def __init__(self, msgid: str, backup: Path | None = None, **params: object) -> None:
        self.backup = backup
        if backup is not None:
            params["backup"] = str(backup)
        super().__init__(msgid, **params)


class RegisterWriteError(RegisterError):
    """A change could not be saved (read-only place, disk full); nothing was changed."""


class EntryError(RegisterError):
    """An entry that cannot be recorded as given (unknown serial, bad date, ...)."""
