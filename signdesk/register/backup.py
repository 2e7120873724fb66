"""Backups of a register (sqlite3's online backup API), the last few kept.

The app makes one on every start, in its data folder, named after the
register's id so the backups of two projects never mix.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from signdesk.register.store import Register

KEEP = 5


def backups_of(folder: Path, register_id: str) -> list[Path]:
    """Backups of one register in ``folder``, newest first."""
    try:
        found = list(Path(folder).glob(f"register-{register_id}-*.sqlite"))
    except OSError:
        return []
    return sorted(found, key=lambda p: p.name, reverse=True)


def backup_register(register: Register, folder: Path, *, keep: int = KEEP, now: dt.datetime | None = None) -> Path:
    """Copy ``register`` into ``folder`` and delete all but the newest ``keep`` backups."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"register-{register.register_id}-{stamp}.sqlite"
    tmp = target.with_suffix(".tmp")
    register.backup_to(tmp)
    os.replace(tmp, target)
    for old in backups_of(folder, register.register_id or "")[keep:]:
        try:
            old.unlink()
        except OSError:
            pass
    return target
