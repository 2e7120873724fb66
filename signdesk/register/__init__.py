"""The register: consents, refusals, withdrawals, deletions and posted signs,
kept as evidence in a local SQLite database beside the project (no Qt)."""

from signdesk.register.errors import (  # noqa: F401
    EntryError,
    RegisterDamagedError,
    RegisterError,
    RegisterLockedError,
    RegisterMismatchError,
    RegisterWriteError,
)
from signdesk.register.facts import register_facts  # noqa: F401
from signdesk.register.policy import DEFAULT_DELETION_DAYS, deletion_days, deletion_days_by_scenario  # noqa: F401
from signdesk.register.project import open_project_register, save_with_register  # noqa: F401
from signdesk.register.store import Entry, Person, Register, VerifyResult, register_path  # noqa: F401
