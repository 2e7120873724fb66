"""The register database: who consented on which form, refusals, withdrawals,
deletions, access requests, printed form serials and every posted sign.

One SQLite file beside the project (``shop.signdesk`` → ``shop.register.sqlite``),
in WAL mode with foreign keys. History is the ``entries`` table, append-only
(triggers refuse UPDATE and DELETE) and hash-chained (:mod:`.chain`); the
other tables are either personal details (``people``, erasable) or state
derived from the entries in the same transaction (``standing``, ``signs``,
``serials``), rebuildable at any time. Every change is one transaction: a
crash at any point leaves the register as it was before the change, or with
the whole change. docs/register.md describes the design.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import itertools
import json
import os
import re
import secrets
import sqlite3
import time
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from signdesk.i18n import N_, Bilingual
from signdesk.register.chain import (GENESIS, ChainBreak, canonical_sql, commitment, commitment_sql,
                                     entry_hash,
                                     first_break)
from signdesk.register.errors import (
    EntryError,
    RegisterDamagedError,
    RegisterError,
    RegisterLockedError,
    RegisterWriteError,
)

SUFFIX = ".register.sqlite"
SCHEMA_VERSION = 2
FORMAT_MARK = "signdesk-register"

CONSENT, REFUSAL, WITHDRAWAL, DELETION = "consent", "refusal", "withdrawal", "deletion"
ACCESS_REQUEST, ACCESS_ANSWERED = "access_request", "access_answered"
SIGN_POSTED, SIGN_TAKEN_DOWN = "sign_posted", "sign_taken_down"
FORMS_PRINTED, CORRECTION, ERASURE = "forms_printed", "correction", "erasure"
KINDS = (CONSENT, REFUSAL, WITHDRAWAL, DELETION, ACCESS_REQUEST, ACCESS_ANSWERED, SIGN_POSTED,
         SIGN_TAKEN_DOWN, FORMS_PRINTED, CORRECTION, ERASURE)
PERSON_KINDS = (CONSENT, REFUSAL, WITHDRAWAL, DELETION, ACCESS_REQUEST, ACCESS_ANSWERED, ERASURE)
SIGN_KINDS = (SIGN_POSTED, SIGN_TAKEN_DOWN)

#: How a withdrawal reached the business.
CHANNELS = ("in_person", "phone", "email", "web_page")
#: What a consent form lets a person tick besides each purpose.
EXTRA_TICKS = ("transmission", "sharing", "cross_border")
#: Which form a serial was printed on.
FORM_KINDS = ("adult", "guardian")
#: Longest run of serials printed at once, and the longest text kept.
MAX_SERIAL_RUN = 10_000
MAX_TEXT = 200
#: A person's details: kept in the people table, committed to in the entries.
PERSON_DETAILS = ("name", "member_no", "phone_last4", "guardian_name")

# standing.status values
CONSENTED, REFUSED, WITHDRAWN, DELETED = "consented", "refused", "withdrawn", "deleted"


def register_path(project_path: Path) -> Path:
    """Where a project's register lives: beside it, named after it."""
    project_path = Path(project_path)
    stem = project_path.name[: -len(project_path.suffix)] if project_path.suffix else project_path.name
    return project_path.with_name(stem + SUFFIX)


def attachments_folder(db_path: Path) -> Path:
    """Scans of signed forms, beside the register."""
    return db_path.with_name(db_path.name[: -len(".sqlite")] + "-files")


# ------------------------------------------------------------------ schema
_SCHEMA_V1 = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE people (
    person_id TEXT PRIMARY KEY,
    name TEXT, member_no TEXT, phone_last4 TEXT, guardian_name TEXT,
    salt BLOB,
    erased_on TEXT
);
CREATE INDEX people_name ON people(name);
CREATE INDEX people_member ON people(member_no);
CREATE TABLE entries (
    seq INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('consent','refusal','withdrawal','deletion','access_request',
        'access_answered','sign_posted','sign_taken_down','forms_printed','correction','erasure')),
    person_id TEXT REFERENCES people(person_id),
    scenario_id TEXT,
    serial TEXT,
    version TEXT,
    day TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    staff TEXT,
    data TEXT NOT NULL,
    commitment TEXT,
    refers_to INTEGER REFERENCES entries(seq),
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX entries_person ON entries(person_id, seq);
CREATE INDEX entries_serial ON entries(serial);
CREATE INDEX entries_refers ON entries(refers_to);
CREATE TRIGGER entries_append_only_update BEFORE UPDATE ON entries
    BEGIN SELECT RAISE(ABORT, 'the register history is append-only'); END;
CREATE TRIGGER entries_append_only_delete BEFORE DELETE ON entries
    BEGIN SELECT RAISE(ABORT, 'the register history is append-only'); END;
-- Derived from the entries (rebuild_state); one row per person and scenario.
CREATE TABLE standing (
    person_id TEXT NOT NULL REFERENCES people(person_id),
    scenario_id TEXT NOT NULL,
    status TEXT NOT NULL,
    serial TEXT, version TEXT, form_kind TEXT,
    minor INTEGER NOT NULL DEFAULT 0, guardian INTEGER NOT NULL DEFAULT 0,
    consent_day TEXT, withdrawn_on TEXT, due TEXT, deleted_on TEXT,
    last_seq INTEGER NOT NULL,
    PRIMARY KEY (person_id, scenario_id)
);
CREATE INDEX standing_status ON standing(status, due);
CREATE INDEX standing_scenario ON standing(scenario_id, status, version);
CREATE INDEX standing_serial ON standing(serial);
CREATE TABLE signs (
    sign_id TEXT PRIMARY KEY, scenario_id TEXT, location TEXT, version TEXT,
    posted_on TEXT, taken_down_on TEXT, last_seq INTEGER NOT NULL
);
CREATE TABLE serials (
    serial TEXT PRIMARY KEY, scenario_id TEXT, form_kind TEXT NOT NULL, version TEXT,
    printed_seq INTEGER NOT NULL REFERENCES entries(seq)
);
"""

# Covering indexes for the findings (register_facts): the distinct people
# whose face data may be stored are counted in person order without a sort,
# and the consents standing per form version are grouped straight off the
# index, so neither reads the table itself.
_V1_TO_V2 = """
CREATE INDEX standing_people ON standing(person_id, status);
CREATE INDEX standing_forms ON standing(status, scenario_id, form_kind, version, minor, guardian);
"""

#: user_version -> the SQL that brings a register from it to the next version.
MIGRATIONS: dict[int, str] = {0: _SCHEMA_V1, 1: _V1_TO_V2}


@dataclass(frozen=True)
class Person:
    """Who the entry is about, as typed at the counter."""

    name: str = ""
    member_no: str = ""
    phone_last4: str = ""
    guardian_name: str = ""

    def details(self) -> dict[str, str]:
        return {"name": self.name, "member_no": self.member_no, "phone_last4": self.phone_last4,
                "guardian_name": self.guardian_name}


@dataclass(frozen=True)
class Entry:
    """One row of history, as stored."""

    seq: int
    kind: str
    person_id: str | None
    scenario_id: str | None
    serial: str | None
    version: str | None
    day: dt.date
    recorded_at: str
    staff: str | None
    data: Mapping[str, Any]
    refers_to: int | None
    hash: str

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> "Entry":
        return cls(row["seq"], row["kind"], row["person_id"], row["scenario_id"], row["serial"],
                   row["version"], dt.date.fromisoformat(row["day"]), row["recorded_at"], row["staff"],
                   json.loads(row["data"]), row["refers_to"], row["hash"])


@dataclass(frozen=True)
class VerifyResult:
    """What ``verify`` found: the number of entries and the first break, if any."""

    entries: int
    broken: ChainBreak | None = None
    #: People whose stored details no longer match what was recorded.
    altered_people: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.broken is None and not self.altered_people


def _check_text(value: str | None, what: str) -> str | None:
    """A typed text, trimmed; ``what`` (a msgid) names it in the message if it is unusable."""
    if value is None:
        return None
    value = str(value).strip()
    if len(value) > MAX_TEXT:
        raise EntryError(N_("{what} is longer than {maximum} characters."), what=Bilingual.of(what), maximum=MAX_TEXT)
    if not value.isprintable() and _CONTROL.search(value):  # isprintable(): none, and quick
        raise EntryError(N_("{what} contains control characters."), what=Bilingual.of(what))
    return value or None


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _phone4(value: str | None) -> str | None:
    value = _check_text(value, N_("The phone number"))
    if value and not (len(value) == 4 and value.isdigit()):
        raise EntryError(N_("The phone number is kept as its last four digits only: give four digits."))
    return value


def _now() -> str:
    """The time now in UTC, to the second (made once a second: an import asks for it on every row)."""
    global _NOW
    second = int(time.time())
    if second != _NOW[0]:
        _NOW = (second, dt.datetime.fromtimestamp(second, dt.timezone.utc).isoformat())
    return _NOW[1]


_NOW = (0, "")


@contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic garbage collection meanwhile: a bulk import makes no reference
    cycles, so the collector would walk its rows' objects only to find no
    garbage among them (a tenth of an import's time, when an import still
    kept every row to its end)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _details(person: Person) -> dict[str, str | None]:
    """A person's details as typed, checked and trimmed."""
    return {"name": _check_text(person.name, N_("The name")),
            "member_no": _check_text(person.member_no, N_("The member number")),
            "phone_last4": _phone4(person.phone_last4),
            "guardian_name": _check_text(person.guardian_name, N_("The guardian's name"))}


def _identified(person: Person) -> dict[str, str | None]:
    """The details of someone typed in for an entry: enough to find them again."""
    details = _details(person)
    if not (details["name"] or details["member_no"]):
        raise EntryError(N_("Give the person's name or member number."))
    return details


def _match_keys(d: Mapping[str, str | None]) -> tuple[str | None, tuple[str, str] | None]:
    """What says "the same person": the member number, or the name with the
    same phone digits (two customers called 王芳 are two people)."""
    pair = (d["name"], d["phone_last4"]) if d["name"] and d["phone_last4"] else None
    return d["member_no"] or None, pair  # type: ignore[return-value]


def _new_person(details: Mapping[str, str | None]) -> tuple[tuple[Any, ...], str]:
    """(people row, commitment to the details) for someone new: a random id and salt."""
    pid, salt = "P-" + secrets.token_hex(5), secrets.token_bytes(16)
    row = (pid, details["name"], details["member_no"], details["phone_last4"], details["guardian_name"], salt)
    return row, commitment(salt, details)


def _consent_draft(printed: Callable[[str], Mapping[str, Any] | None], *, day: dt.date,
                   scenario_id: str | None = None, serial: str | None = None, version: str | None = None,
                   ticks: Iterable[str] = (), staff: str | None = None, minor: bool = False,
                   guardian_relation: str | None = None, refused: bool = False,
                   extra: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """A consent's (or refusal's) entry columns but the person's, from what was
    on the form; ``printed`` gives a printed serial's row of ``serials``. Every
    check but the ones needing the person is made here, before anything is written."""
    serial = _check_text(serial, N_("The serial"))
    staff = _check_text(staff, N_("The staff member"))
    guardian_relation = _check_text(guardian_relation, N_("The relationship"))
    data: dict[str, Any] = {"ticks": sorted(set(ticks)), **(extra or {})}
    if minor:
        data["minor"] = True
        if guardian_relation:
            data["guardian_relation"] = guardian_relation
    form = printed(serial) if serial else None
    if form:
        scenario_id = scenario_id or form["scenario_id"]
        version = version or form["version"]
        data["form_kind"] = form["form_kind"]
    if not scenario_id:
        raise EntryError(N_("Say which scenario the form is for."))
    return {"kind": REFUSAL if refused else CONSENT, "day": day, "scenario_id": scenario_id, "serial": serial,
            "version": _check_text(version, N_("The version")), "staff": staff, "data": data}


def _given(e: Mapping[str, Any], data: Mapping[str, Any]) -> dict[str, Any]:
    """The standing a consent or refusal entry (``data`` its data) gives its scenario."""
    return {"status": CONSENTED if e["kind"] == CONSENT else REFUSED, "serial": e["serial"],
            "version": e["version"], "form_kind": data.get("form_kind") or ("guardian" if data.get("minor") else "adult"),
            "minor": int(bool(data.get("minor"))), "guardian": int(bool(data.get("guardian_relation"))),
            "consent_day": e["day"], "withdrawn_on": None, "due": None, "deleted_on": None, "last_seq": e["seq"]}


def _standing_row(person_id: str, scenario_id: str, s: Mapping[str, Any]) -> tuple[Any, ...]:
    return (person_id, scenario_id, s["status"], s["serial"], s["version"], s["form_kind"], s["minor"],
            s["guardian"], s["consent_day"], s["withdrawn_on"], s["due"], s["deleted_on"], s["last_seq"])


def _taken(serial: str) -> EntryError:
    return EntryError(N_("Form {serial} is already recorded for another person."), serial=serial)


def _as_entry(fields: Mapping[str, Any], day: dt.date, data: Mapping[str, Any] | None) -> Entry:
    return Entry(fields["seq"], fields["kind"], fields["person_id"], fields["scenario_id"], fields["serial"],
                 fields["version"], day, fields["recorded_at"], fields["staff"], dict(data or {}),
                 fields["refers_to"], fields["hash"])


def _select_in(cur: sqlite3.Cursor, sql: str, values: Iterable[Any]) -> Iterator[sqlite3.Row]:
    """Rows of ``sql`` whose ``IN ({})`` holds ``values``, asked 500 at a time."""
    values = list(values)
    for i in range(0, len(values), 500):
        part = values[i:i + 500]
        yield from cur.execute(sql.format(",".join("?" * len(part))), part).fetchall()


#: Rows of an import looked up and written together. SQLite's page cache
#: stays at its 2 MB meanwhile: 64 MB took about 6 % off the CPU time of a
#: 100,000-row import but grew the import's memory with the register, by
#: 72 MB at 100,000 people (docs/register.md, Speed).
_IMPORT_CHUNK = 1000
_INSERT_PERSON = ("INSERT INTO people (person_id, name, member_no, phone_last4, guardian_name, salt)"
                  " VALUES (?, ?, ?, ?, ?, ?)")
_ENTRY_COLUMNS = ("seq", "kind", "person_id", "scenario_id", "serial", "version", "day", "recorded_at", "staff",
                  "data", "commitment", "refers_to", "prev_hash", "hash")
_INSERT_ENTRY = f"INSERT INTO entries ({', '.join(_ENTRY_COLUMNS)}) VALUES ({', '.join('?' * len(_ENTRY_COLUMNS))})"


def _entry_row(fields: Mapping[str, Any]) -> tuple[Any, ...]:
    """An entry's columns in ``_ENTRY_COLUMNS`` order (positional parameters bind quicker than named ones)."""
    return tuple([fields[c] for c in _ENTRY_COLUMNS])
_INSERT_STANDING = ("INSERT INTO standing (person_id, scenario_id, status, serial, version, form_kind, minor,"
                    " guardian, consent_day, withdrawn_on, due, deleted_on, last_seq)"
                    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)")


class _Lock:
    """An exclusive lock on a file beside the register, held while it is open.

    The operating system drops it when the process ends, however it ends
    (SIGKILL included), so a crash never leaves a register locked.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fh = None

    def acquire(self) -> bool:
        fh = open(self.path, "a+b")
        try:
            if os.name == "nt":  # pragma: no cover - exercised on Windows only
                import msvcrt

                msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            fh.close()
            return False
        self._fh = fh
        return True

    def release(self) -> None:
        if self._fh is not None:
            self._fh.close()  # closing drops the lock
            self._fh = None


def _damaged(path: Path, backups: Sequence[Path] = ()) -> RegisterDamagedError:
    backup = backups[0] if backups else None
    if backup:
        return RegisterDamagedError(
            N_("The register {name} is damaged and cannot be opened. The newest backup is {backup}: copy it over the damaged file to go back to it."),
            backup=backup, name=str(path))
    return RegisterDamagedError(N_("The register {name} is damaged and cannot be opened, and there is no backup of it."),
                                name=str(path))


class Register:
    """An open register. Use :meth:`create` or :meth:`open`; close when done."""

    def __init__(self, path: Path, conn: sqlite3.Connection, lock: _Lock | None,
                 clock: Callable[[], str] = _now, backups: Callable[[], Sequence[Path]] = lambda: ()) -> None:
        self.path = path
        self._conn = conn
        self._lock = lock
        self._clock = clock
        self._backups = backups
        self._batch: sqlite3.Cursor | None = None
        #: (last seq, last hash) inside the open transaction; written to meta at commit.
        self._head: tuple[int, str] | None = None
        self._head_dirty = False
        self._fields: dict[str, Any] = {}
        self.register_id = self._meta("register_id")

    # ----------------------------------------------------------- opening
    @classmethod
    def create(cls, path: Path, register_id: str | None = None, **kwargs: Any) -> "Register":
        """A new, empty register at ``path`` (which must not exist)."""
        path = Path(path)
        if path.exists():
            raise RegisterError(N_("{name} already exists."), name=str(path))
        reg = cls.open(path, _create=True, **kwargs)
        try:
            with reg._transaction() as cur:
                rid = register_id or uuid.uuid4().hex
                cur.executemany("INSERT INTO meta(key, value) VALUES (?, ?)",
                                [("format", FORMAT_MARK), ("register_id", rid), ("head_seq", "0"),
                                 ("head_hash", GENESIS)])
            reg.register_id = rid
        except BaseException:
            reg.close()
            raise
        return reg

    @classmethod
    def open(cls, path: Path, *, lock: bool = True, read_only: bool = False, _create: bool = False,
             clock: Callable[[], str] = _now, backups: Callable[[], Sequence[Path]] = lambda: ()) -> "Register":
        """Open an existing register (migrating it forward), or refuse with the reason."""
        path = Path(path)
        if not _create and not path.exists():
            raise RegisterError(N_("There is no register at {name}."), name=str(path))
        held = None
        if lock and not read_only:
            held = _Lock(path.with_name(path.name + ".lock"))
            try:
                got = held.acquire()
            except OSError as err:
                raise _write_error(path, err) from None
            if not got:
                raise RegisterLockedError(
                    N_("The register {name} is open in another SignDesk window or command. Close it there first."),
                    name=str(path))
        try:
            uri = f"{path.resolve().as_uri()}?mode={'ro' if read_only else 'rwc'}"
            conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
            conn.row_factory = sqlite3.Row
            try:
                conn.execute("PRAGMA foreign_keys = ON")
                version = conn.execute("PRAGMA user_version").fetchone()[0]
                if not read_only:
                    conn.execute("PRAGMA journal_mode = WAL")
                    conn.execute("PRAGMA synchronous = FULL")
                if version > SCHEMA_VERSION:
                    raise RegisterError(
                        N_("This register was written by a newer SignDesk (format {found}); this version reads up to format {supported}. Please update SignDesk."),
                        found=version, supported=SCHEMA_VERSION)
                if version < SCHEMA_VERSION:
                    if read_only:
                        raise RegisterError(N_("This register must be updated to the current format, which cannot be done read-only."))
                    _migrate(conn, version)
                if not _create and _meta_value(conn, "format") != FORMAT_MARK:
                    raise _damaged(path, backups())
            except sqlite3.DatabaseError as err:
                conn.close()
                if isinstance(err, sqlite3.OperationalError) and _is_write_problem(err):
                    raise _write_error(path, err) from None
                raise _damaged(path, backups()) from None
            except BaseException:
                conn.close()
                raise
        except BaseException:
            if held:
                held.release()
            raise
        return cls(path, conn, held, clock, backups)

    def close(self) -> None:
        try:
            self._conn.close()
        finally:
            if self._lock:
                self._lock.release()
                self._lock = None

    def __enter__(self) -> "Register":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def connection(self) -> sqlite3.Connection:
        """For read-only queries (the app's table models); changes go through the methods."""
        return self._conn

    # ------------------------------------------------------- transactions
    @contextmanager
    def batch(self) -> Iterator[None]:
        """Make every change inside one transaction: all of them are kept, or,
        if any fails, none (for imports and bulk work)."""
        with self._transaction() as cur:
            self._batch = cur
            try:
                yield
            finally:
                self._batch = None

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Cursor]:
        if self._batch is not None:
            yield self._batch  # inside batch(): its transaction holds this change too
            return
        cur = self._conn.cursor()
        self._head, self._head_dirty = None, False
        try:
            cur.execute("BEGIN IMMEDIATE")
            yield cur
            if self._head_dirty:
                cur.executemany("UPDATE meta SET value = ? WHERE key = ?",
                                ((str(self._head[0]), "head_seq"), (self._head[1], "head_hash")))  # type: ignore[index]
            cur.execute("COMMIT")
        except BaseException as err:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            if isinstance(err, sqlite3.OperationalError) and _is_write_problem(err):
                raise _write_error(self.path, err) from None
            if isinstance(err, sqlite3.DatabaseError) and not isinstance(err, sqlite3.IntegrityError):
                raise _damaged(self.path, self._backups()) from None
            raise
        finally:
            self._head, self._head_dirty = None, False
            cur.close()

    def _meta(self, key: str) -> str | None:
        try:
            return _meta_value(self._conn, key)
        except sqlite3.DatabaseError:
            raise _damaged(self.path, self._backups()) from None

    def _append(self, cur: sqlite3.Cursor, kind: str, *, day: dt.date, data: Mapping[str, Any] | None = None,
                **columns: Any) -> Entry:
        fields = self._next_entry(cur, kind, day=day, data=data, **columns)
        cur.execute(_INSERT_ENTRY, _entry_row(fields))
        return _as_entry(fields, day, data)

    def _next_entry(self, cur: sqlite3.Cursor, kind: str, *, day: dt.date, person_id: str | None = None,
                    scenario_id: str | None = None, serial: str | None = None, version: str | None = None,
                    staff: str | None = None, data: Mapping[str, Any] | None = None,
                    commitment: str | None = None, refers_to: int | None = None) -> dict[str, Any]:
        """The next entry's columns, hashed onto the chain (the caller writes them)."""
        if self._head is None:
            head = cur.execute("SELECT value FROM meta WHERE key IN ('head_seq','head_hash') ORDER BY key").fetchall()
            self._head = (int(head[1][0]), head[0][0])
        seq, prev_hash = self._head[0] + 1, self._head[1]
        fields = {"seq": seq, "kind": kind, "person_id": person_id, "scenario_id": scenario_id,
                  "serial": serial, "version": version, "day": day.isoformat(), "recorded_at": self._clock(),
                  "staff": staff, "data": _DATA_JSON.encode(data if type(data) is dict else dict(data or {})),
                  "commitment": commitment, "refers_to": refers_to, "prev_hash": prev_hash}
        fields["hash"] = entry_hash(fields)
        self._head, self._head_dirty = (seq, fields["hash"]), True
        self._fields = fields
        return fields

    # --------------------------------------------------------------- people
    def _person_for(self, cur: sqlite3.Cursor, person: Person | str,
                    check: Callable[[str | None], None] = lambda pid: None) -> tuple[str, str | None]:
        """(person_id, commitment of new details or None) for an existing id or typed details.

        ``check`` sees the person's id (None for someone new) before anything
        is written, so a refused entry leaves nothing behind.
        """
        if isinstance(person, str):
            row = cur.execute("SELECT erased_on FROM people WHERE person_id = ?", (person,)).fetchone()
            if row is None:
                raise EntryError(N_("No person {person} in the register."), person=person)
            if row[0]:
                raise EntryError(N_("The details of {person} were erased; record a new person instead."), person=person)
            check(person)
            return person, None
        details = _identified(person)
        found = self._same_person(cur, details)
        check(found)
        if found:
            return found, None
        row, commit = _new_person(details)
        cur.execute(_INSERT_PERSON, row)
        return row[0], commit

    @staticmethod
    def _same_person(cur: sqlite3.Cursor, d: Mapping[str, str | None]) -> str | None:
        # One query (two index lookups); a member number match wins.
        member, pair = _match_keys(d)
        if not (member or pair):
            return None
        row = cur.execute("SELECT person_id, 0 FROM people WHERE member_no = ? AND erased_on IS NULL UNION ALL"
                          " SELECT person_id, 1 FROM people WHERE name = ? AND phone_last4 = ? AND erased_on IS NULL"
                          " ORDER BY 2 LIMIT 1", (member, *(pair or (None, None)))).fetchone()
        return row[0] if row else None

    def person(self, person_id: str) -> Person | None:
        """The stored details of a person (None once erased)."""
        row = self._conn.execute("SELECT * FROM people WHERE person_id = ?", (person_id,)).fetchone()
        if row is None or row["erased_on"]:
            return None
        return Person(row["name"] or "", row["member_no"] or "", row["phone_last4"] or "", row["guardian_name"] or "")

    # -------------------------------------------------------------- intake
    def record_consent(self, person: Person | str, *, attachment: Path | None = None, **fields: Any) -> Entry:
        """A consent (or, with ``refused=True``, a refusal) given on a form at the counter.

        Fields: ``scenario_id``, ``serial``, ``version``, ``ticks``, ``day``,
        ``staff``, ``minor``, ``guardian_relation``, ``refused``. A printed
        serial brings its scenario, form version and kind with it; a serial
        already used for another person's form is refused.
        """
        extra = {"attachment": self._attach(attachment)} if attachment is not None else {}
        with self._transaction() as cur:
            return self._consent(cur, person, extra=extra, **fields)

    def import_consents(self, rows: Iterable[tuple[int, Person | str, Mapping[str, Any]]]
                        ) -> tuple[list[Entry], list[tuple[int, EntryError]]]:
        """Many consents in one transaction: (line, person, fields) each; the
        entries written and the rows refused. For a few rows: an import of a
        file takes :meth:`import_stream`, which keeps none of them."""
        done: list[Entry] = []
        _, bad = self.import_stream(rows, done.append)
        return done, bad

    def import_stream(self, rows: Iterable[tuple[int, Person | str, Mapping[str, Any]]],
                      written: Callable[[Entry], None] | None = None) -> tuple[int, list[tuple[int, EntryError]]]:
        """Many consents in one transaction: (line, person, fields) each,
        taken from ``rows`` a chunk at a time as they come.

        A row the register refuses (a serial used twice, say) is skipped and
        returned with its line; the others are written together or, if the
        write itself fails, not at all. Returns how many were written; each
        written entry goes to ``written`` if given and is not kept otherwise,
        so an import takes the same memory however many rows it has.
        """
        count = 0
        bad: list[tuple[int, EntryError]] = []
        with paused_gc(), self._transaction() as cur:
            rows = iter(rows)
            while chunk := list(itertools.islice(rows, _IMPORT_CHUNK)):
                count += self._import_chunk(cur, chunk, written, bad)
        return count, bad

    def _import_chunk(self, cur: sqlite3.Cursor, chunk: Sequence[tuple[int, Person | str, Mapping[str, Any]]],
                      written: Callable[[Entry], None] | None, bad: list[tuple[int, EntryError]]) -> int:
        """Rows about someone new to the register are checked here against what
        the database and this chunk already hold (looked up for the whole chunk
        at once) and written together at the end; a row about someone already
        there (an id, or details matching a person) writes what is waiting and
        takes :meth:`_consent`, since it replays that person's history. Returns
        how many it wrote."""
        printed = {r[0]: r for r in _select_in(
            cur, "SELECT serial, scenario_id, form_kind, version FROM serials WHERE serial IN ({})",
            {str(f["serial"]).strip() for _, _, f in chunk if f.get("serial") is not None})}
        # First every row's own checks (no database), so the lookups below
        # can take the checked values of the whole chunk.
        checked: list[tuple[Any, ...]] = []
        for line, person, fields in chunk:
            if isinstance(person, str):
                checked.append((line, person, fields, None, None, None, None))
                continue
            try:
                draft = _consent_draft(printed.get, **fields)
                details = _identified(person)
            except EntryError as err:
                checked.append((line, person, fields, err, None, None, None))
                continue
            checked.append((line, person, fields, draft, details, *_match_keys(details)))
        members_in = {r[0] for r in _select_in(
            cur, "SELECT member_no FROM people WHERE member_no IN ({}) AND erased_on IS NULL",
            {c[5] for c in checked if c[5]})}
        pairs_in = {(r[0], r[1]) for r in _select_in(
            cur, "SELECT name, phone_last4 FROM people WHERE name IN ({}) AND erased_on IS NULL",
            {c[6][0] for c in checked if c[6]})}
        used = {r[0] for r in _select_in(
            cur, "SELECT serial FROM entries WHERE serial IN ({}) AND kind IN ('consent','refusal')",
            {c[3]["serial"] for c in checked if c[4] and c[3]["serial"]})}
        count = 0
        people: list[tuple[Any, ...]] = []
        entries: list[tuple[Any, ...]] = []
        standing: list[tuple[Any, ...]] = []

        def flush() -> None:
            if not entries:
                return
            cur.executemany(_INSERT_PERSON, people)
            cur.executemany(_INSERT_ENTRY, entries)
            cur.executemany(_INSERT_STANDING, standing)
            for pending in (people, entries, standing):
                pending.clear()

        for line, person, fields, draft, details, member, pair in checked:
            if isinstance(draft, EntryError):
                bad.append((line, draft))
                continue
            if draft is None or (member and member in members_in) or (pair and pair in pairs_in):
                flush()
                try:
                    entry = self._consent(cur, person, **fields)
                except EntryError as err:
                    bad.append((line, err))
                    continue
                if entry.serial:
                    used.add(entry.serial)
                count += 1
                if written:
                    written(entry)
                continue
            if draft["serial"] and draft["serial"] in used:
                bad.append((line, _taken(draft["serial"])))
                continue
            row, commit = _new_person(details)
            fields_ = self._next_entry(cur, person_id=row[0], commitment=commit, **draft)
            people.append(row)
            entries.append(_entry_row(fields_))
            # Someone new has this one entry: its standing needs no history replayed.
            standing.append(_standing_row(row[0], draft["scenario_id"], _given(fields_, draft["data"])))
            # Later rows of the chunk find this person and this form as if written.
            if member:
                members_in.add(member)
            if pair:
                pairs_in.add(pair)
            if draft["serial"]:
                used.add(draft["serial"])
            count += 1
            if written:
                written(_as_entry(fields_, draft["day"], draft["data"]))
        flush()
        return count

    def _consent(self, cur: sqlite3.Cursor, person: Person | str, **fields: Any) -> Entry:
        draft = _consent_draft(lambda serial: cur.execute(
            "SELECT serial, scenario_id, form_kind, version FROM serials WHERE serial = ?", (serial,)).fetchone(),
            **fields)
        serial = draft["serial"]
        used = cur.execute("SELECT person_id FROM entries WHERE serial = ? AND kind IN ('consent','refusal')",
                           (serial,)).fetchone() if serial else None

        def not_taken(pid: str | None) -> None:
            if used and used[0] != pid:
                raise _taken(serial)
        pid, commit = self._person_for(cur, person, not_taken)
        entry = self._append(cur, person_id=pid, commitment=commit, **draft)
        # A person new to the register has this one entry: no history to replay.
        self._restate_person(cur, pid, [{**self._fields, "data": draft["data"]}] if commit else None)
        return entry

    def _attach(self, source: Path) -> dict[str, str]:
        """Copy a scan of the signed form beside the register; its SHA-256 goes into the entry."""
        try:
            raw = Path(source).read_bytes()
        except OSError as err:
            raise EntryError(N_("The file {name} cannot be read: {problem}"), name=str(source),
                             problem=err.strerror or str(err)) from None
        digest = hashlib.sha256(raw).hexdigest()
        folder = attachments_folder(self.path)
        target = folder / (digest + Path(source).suffix.lower())
        try:
            folder.mkdir(exist_ok=True)
            if not target.exists():
                from signdesk.model.files import write_atomically

                write_atomically(target, raw)
        except OSError as err:
            raise _write_error(self.path, err) from None
        return {"sha256": digest, "file": target.name}

    def attach_scan(self, seq: int, source: Path, *, day: dt.date, reason: str,
                    staff: str | None = None) -> Entry:
        """A scan or photo of the signed form, attached after the consent or refusal ``seq`` was recorded.

        The file is copied beside the register under its SHA-256, which a
        correction entry naming ``seq`` records (the entry itself never
        changes); the register then reads the scan as part of that entry.
        """
        reason = _check_text(reason, N_("The reason"))
        with self._transaction() as cur:
            row = cur.execute("SELECT kind, person_id FROM entries WHERE seq = ?", (seq,)).fetchone()
            if row is None or row["kind"] not in (CONSENT, REFUSAL):
                raise EntryError(N_("A scan goes with a consent or refusal; entry {seq} is neither."), seq=seq)
            attachment = self._attach(source)
            return self._append(cur, CORRECTION, day=day, person_id=row["person_id"],
                                staff=_check_text(staff, N_("The staff member")), refers_to=seq,
                                data={"changes": {"attachment": attachment}, "reason": reason})

    def corrected_entries(self, person_id: str) -> list[Entry]:
        """One person's entries as the register reads them after their
        corrections: voided ones left out, corrections themselves folded in."""
        rows = self._conn.execute("SELECT * FROM entries WHERE person_id = ? ORDER BY seq", (person_id,)).fetchall()
        by_seq = {r["seq"]: r for r in rows}
        out = []
        for e in self._effective(rows):
            r = by_seq[e["seq"]]
            out.append(Entry(e["seq"], e["kind"], person_id, e["scenario_id"], e["serial"], e["version"],
                             dt.date.fromisoformat(e["day"]), r["recorded_at"], e["staff"], e["data"],
                             r["refers_to"], r["hash"]))
        return out

    def withdraw(self, person_id: str, *, day: dt.date, channel: str, deletion_days: Mapping[str, int] | int,
                 scenario_id: str | None = None, staff: str | None = None) -> list[Entry]:
        """A withdrawal of consent, for one scenario or every one the person consented in.

        Each gets a deletion due date: ``day`` plus the scenario's deletion
        time (``deletion_days``, from the project's answers).
        """
        if channel not in CHANNELS:
            raise EntryError(N_("Unknown channel “{channel}”; use one of {choices}."), channel=channel,
                             choices=", ".join(CHANNELS))
        staff = _check_text(staff, N_("The staff member"))
        with self._transaction() as cur:
            self._person_for(cur, person_id)
            scenarios = self._scenarios_with(cur, person_id, scenario_id, (CONSENTED,))
            if not scenarios:
                raise EntryError(N_("{person} has no consent to withdraw."), person=person_id)
            out = []
            for sid in scenarios:
                days = deletion_days if isinstance(deletion_days, int) else deletion_days[sid]
                due = day + dt.timedelta(days=days)
                out.append(self._append(cur, WITHDRAWAL, day=day, person_id=person_id, scenario_id=sid, staff=staff,
                                        data={"channel": channel, "due": due.isoformat()}))
            self._restate_person(cur, person_id)
        return out

    def confirm_deletion(self, person_id: str, *, day: dt.date, by: str, devices: Sequence[str] = (),
                         scenario_id: str | None = None) -> list[Entry]:
        """Facial information deleted: the date, who did it and from which devices."""
        by = _check_text(by, N_("The staff member"))
        if not by:
            raise EntryError(N_("Say who deleted the data."))
        devices = [d for d in (_check_text(x, N_("A device name")) for x in devices) if d]
        with self._transaction() as cur:
            self._person_for(cur, person_id)
            scenarios = self._scenarios_with(cur, person_id, scenario_id, (CONSENTED, WITHDRAWN, REFUSED))
            if not scenarios:
                raise EntryError(N_("{person} has no facial information recorded to delete."), person=person_id)
            out = [self._append(cur, DELETION, day=day, person_id=person_id, scenario_id=sid, staff=by,
                                data={"devices": devices}) for sid in scenarios]
            self._restate_person(cur, person_id)
        return out

    @staticmethod
    def _scenarios_with(cur: sqlite3.Cursor, person_id: str, scenario_id: str | None,
                        statuses: Sequence[str]) -> list[str]:
        # The person's few rows by the primary key, sorted out here: with the
        # status in the query, SQLite walks standing_forms through every
        # consent of that status instead (one withdrawal read 50,000 rows).
        rows = cur.execute("SELECT scenario_id, status FROM standing WHERE person_id = ? ORDER BY scenario_id",
                           (person_id,)).fetchall()
        found = [r[0] for r in rows if r[1] in statuses]
        return [s for s in found if s == scenario_id] if scenario_id else found

    def access_request(self, person_id: str, *, day: dt.date, answered_on: dt.date | None = None,
                       staff: str | None = None) -> Entry:
        """A request for the person's own data (PIPL 45), with its answer date if answered."""
        with self._transaction() as cur:
            self._person_for(cur, person_id)
            data = {"answered_on": answered_on.isoformat()} if answered_on else {}
            return self._append(cur, ACCESS_REQUEST, day=day, person_id=person_id,
                                staff=_check_text(staff, N_("The staff member")), data=data)

    def answer_access(self, request_seq: int, *, day: dt.date, staff: str | None = None) -> Entry:
        with self._transaction() as cur:
            row = cur.execute("SELECT person_id FROM entries WHERE seq = ? AND kind = 'access_request'",
                              (request_seq,)).fetchone()
            if row is None:
                raise EntryError(N_("Entry {seq} is not an access request."), seq=request_seq)
            return self._append(cur, ACCESS_ANSWERED, day=day, person_id=row[0], refers_to=request_seq,
                                staff=_check_text(staff, N_("The staff member")))

    def erase_person(self, person_id: str, *, day: dt.date, staff: str | None = None) -> Entry:
        """Remove a person's name and contact (their own deletion request).

        The entries stay, pseudonymous: the chain still verifies, and the
        register still proves that consent was given and withdrawn. Scans of
        their forms are deleted too (their hashes stay in the entries).
        """
        with self._transaction() as cur:
            self._person_for(cur, person_id)
            entry = self._append(cur, ERASURE, day=day, person_id=person_id, staff=_check_text(staff, N_("The staff member")))
            files = []
            for kind, data in cur.execute("SELECT kind, data FROM entries WHERE person_id = ? AND kind IN"
                                          " ('consent','refusal','correction')", (person_id,)):
                data = json.loads(data)
                files.append((data.get("changes") or {}).get("attachment") if kind == CORRECTION
                             else data.get("attachment"))
            cur.execute("UPDATE people SET name = NULL, member_no = NULL, phone_last4 = NULL, guardian_name = NULL,"
                        " salt = NULL, erased_on = ? WHERE person_id = ?", (day.isoformat(), person_id))
        for f in files:
            if f:
                try:
                    (attachments_folder(self.path) / f["file"]).unlink()
                except OSError:
                    pass  # already gone; the entry keeps the hash either way
        return entry

    # ---------------------------------------------------------------- signs
    def post_sign(self, sign_id: str, *, scenario_id: str, location: str, version: str | None, day: dt.date,
                  staff: str | None = None) -> Entry:
        """A printed sign put up: its ID, where it hangs and the content version it shows."""
        sign_id = _check_text(sign_id, N_("The sign ID"))
        location = _check_text(location, N_("The location"))
        if not sign_id or not location:
            raise EntryError(N_("A posted sign needs its ID and where it hangs."))
        with self._transaction() as cur:
            row = cur.execute("SELECT taken_down_on, location FROM signs WHERE sign_id = ?", (sign_id,)).fetchone()
            if row is not None and row[0] is None:
                raise EntryError(N_("Sign {sign} is already recorded as posted at {location}. Each copy on a wall needs its own ID: print the sign again, or several copies at once, and each copy gets a new one (or record the old one taken down first)."),
                                 sign=sign_id, location=row[1])
            entry = self._append(cur, SIGN_POSTED, day=day, scenario_id=scenario_id, serial=sign_id,
                                 version=_check_text(version, N_("The version")), staff=_check_text(staff, N_("The staff member")),
                                 data={"location": location})
            self._restate_sign(cur, sign_id)
        return entry

    def sign_numbers(self) -> dict[str, int]:
        """Content version -> the highest print number among the signs recorded
        with it: a new print of that text numbers on from there."""
        out: dict[str, int] = {}
        for (sid,) in self._conn.execute("SELECT sign_id FROM signs"):
            parsed = parse_sign_id(sid)
            if parsed:
                out[parsed[0]] = max(out.get(parsed[0], 0), parsed[1])
        return out

    def sign_scenario(self, version: str) -> str | None:
        """The scenario a sign of this content version was last posted for, if any."""
        row = self._conn.execute("SELECT scenario_id FROM signs WHERE version = ? ORDER BY last_seq DESC LIMIT 1",
                                 (version,)).fetchone()
        return row[0] if row else None

    def take_down_sign(self, sign_id: str, *, day: dt.date, staff: str | None = None) -> Entry:
        with self._transaction() as cur:
            row = cur.execute("SELECT taken_down_on FROM signs WHERE sign_id = ?", (sign_id,)).fetchone()
            if row is None or row[0] is not None:
                raise EntryError(N_("Sign {sign} is not recorded as posted."), sign=sign_id)
            entry = self._append(cur, SIGN_TAKEN_DOWN, day=day, serial=sign_id, staff=_check_text(staff, N_("The staff member")))
            self._restate_sign(cur, sign_id)
        return entry

    # -------------------------------------------------------- printed forms
    def record_printed(self, first: str, last: str, *, scenario_id: str, form_kind: str, version: str | None,
                       day: dt.date) -> Entry:
        """A run of numbered forms printed (``000101``–``000200``) for a scenario and form version.

        A run that reuses a serial already printed is refused, naming the
        serials it shares with earlier runs (:meth:`printed_overlap`).
        """
        serials = serial_run(first, last)
        if form_kind not in FORM_KINDS:
            raise EntryError(N_("Unknown form kind “{kind}”."), kind=form_kind)
        with self._transaction() as cur:
            _refuse_overlap(self._overlap(cur, serials))
            entry = self._append(cur, FORMS_PRINTED, day=day, scenario_id=scenario_id, version=version,
                                 data={"first": serials[0], "last": serials[-1], "form_kind": form_kind})
            cur.executemany("INSERT INTO serials (serial, scenario_id, form_kind, version, printed_seq)"
                            " VALUES (?, ?, ?, ?, ?)",
                            [(s, scenario_id, form_kind, version, entry.seq) for s in serials])
        return entry

    @staticmethod
    def _overlap(cur: sqlite3.Cursor, serials: Sequence[str]) -> list[str]:
        taken: list[str] = []
        for i in range(0, len(serials), 900):
            chunk = serials[i:i + 900]
            taken += [r[0] for r in cur.execute(
                f"SELECT serial FROM serials WHERE serial IN ({','.join('?' * len(chunk))}) ORDER BY serial", chunk)]
        return taken

    def printed_overlap(self, serials: Sequence[str]) -> None:
        """Refuse (EntryError naming them) a run sharing serials with one printed before."""
        _refuse_overlap(self._overlap(self._conn.cursor(), serials))

    def printed_form(self, serial: str) -> tuple[str | None, str, str | None] | None:
        """(scenario id, form kind, version) a serial was printed for, or None if it was not printed."""
        row = self._conn.execute("SELECT scenario_id, form_kind, version FROM serials WHERE serial = ?",
                                 (serial,)).fetchone()
        return (row[0], row[1], row[2]) if row else None

    # ----------------------------------------------------------- corrections
    #: Fields a correction may change, per entry column or data key.
    CORRECTABLE = ("day", "staff", "serial", "version", "scenario_id", "ticks", "minor", "guardian_relation",
                   "channel", "due", "devices", "location", "answered_on")

    def correct(self, seq: int, *, day: dt.date, reason: str, staff: str | None = None,
                changes: Mapping[str, Any] | None = None, void: bool = False) -> Entry:
        """A correction of an earlier entry: a new entry naming it, never an edit.

        ``changes`` replaces fields of entry ``seq`` as the register reads it
        from now on; ``void`` marks it as entered by mistake.
        """
        reason = _check_text(reason, N_("The reason"))
        if not reason:
            raise EntryError(N_("A correction needs a reason."))
        changes = dict(changes or {})
        unknown = sorted(set(changes) - set(self.CORRECTABLE))
        if unknown:
            raise EntryError(N_("These fields cannot be corrected: {fields}."), fields=", ".join(unknown))
        if "day" in changes:
            changes["day"] = _iso(changes["day"])
        with self._transaction() as cur:
            row = cur.execute("SELECT kind, person_id, serial FROM entries WHERE seq = ?", (seq,)).fetchone()
            if row is None or row["kind"] in (CORRECTION, ERASURE, FORMS_PRINTED):
                raise EntryError(N_("Entry {seq} cannot be corrected."), seq=seq)
            entry = self._append(cur, CORRECTION, day=day, person_id=row["person_id"], serial=row["serial"]
                                 if row["kind"] in SIGN_KINDS else None, staff=_check_text(staff, N_("The staff member")),
                                 refers_to=seq, data={"changes": changes, "void": void, "reason": reason})
            if row["person_id"]:
                self._restate_person(cur, row["person_id"])
            if row["kind"] in SIGN_KINDS:
                self._restate_sign(cur, row["serial"])
                if "serial" in changes:
                    self._restate_sign(cur, changes["serial"])
        return entry

    # ------------------------------------------------------ derived state
    def _effective(self, rows: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
        """Entries as they read after their corrections (voided ones left out), in order."""
        by_seq: dict[int, dict[str, Any]] = {}
        order: list[int] = []
        for r in rows:
            if r["kind"] == CORRECTION:
                target = by_seq.get(r["refers_to"])
                if target is None:
                    continue
                c = json.loads(r["data"])
                if c.get("void"):
                    target["void"] = True
                for key, value in c.get("changes", {}).items():
                    if key in ("day", "staff", "serial", "version", "scenario_id"):
                        target[key] = value
                    else:
                        target["data"][key] = value
                continue
            by_seq[r["seq"]] = {"seq": r["seq"], "kind": r["kind"], "scenario_id": r["scenario_id"],
                                "serial": r["serial"], "version": r["version"], "day": r["day"],
                                "staff": r["staff"], "data": _data(r["data"])}
            order.append(r["seq"])
        return [by_seq[s] for s in order if not by_seq[s].get("void")]

    def _restate_person(self, cur: sqlite3.Cursor, person_id: str,
                        rows: Sequence[Mapping[str, Any]] | None = None) -> None:
        """Derive the person's standing again; ``rows`` are their whole history when already at hand."""
        if rows is None:
            rows = cur.execute("SELECT * FROM entries WHERE person_id = ? ORDER BY seq", (person_id,)).fetchall()
            cur.execute("DELETE FROM standing WHERE person_id = ?", (person_id,))
        cur.executemany(_INSERT_STANDING, self._standing(person_id, rows))

    def _standing(self, person_id: str, rows: Sequence[Mapping[str, Any]]) -> list[tuple[Any, ...]]:
        """The person's standing rows (one per scenario) from their whole history."""
        state: dict[str, dict[str, Any]] = {}
        for e in self._effective(rows):
            sid = e["scenario_id"]
            if e["kind"] in (CONSENT, REFUSAL):
                state[sid] = _given(e, e["data"])
            elif e["kind"] == WITHDRAWAL and sid in state:
                state[sid].update(status=WITHDRAWN, withdrawn_on=e["day"], due=e["data"].get("due"),
                                  last_seq=e["seq"])
            elif e["kind"] == DELETION and sid in state:
                state[sid].update(status=DELETED, deleted_on=e["day"], last_seq=e["seq"])
        return [_standing_row(person_id, sid, s) for sid, s in state.items()]

    def _restate_sign(self, cur: sqlite3.Cursor, sign_id: str) -> None:
        rows = cur.execute("SELECT * FROM entries WHERE serial = ? AND kind IN ('sign_posted','sign_taken_down')"
                           " ORDER BY seq", (sign_id,)).fetchall()
        seqs = [r["seq"] for r in rows]
        fixes = cur.execute(f"SELECT * FROM entries WHERE kind = 'correction' AND refers_to IN "
                            f"({','.join('?' * len(seqs))}) ORDER BY seq", seqs).fetchall() if seqs else []
        cur.execute("DELETE FROM signs WHERE sign_id = ?", (sign_id,))
        sign: dict[str, Any] | None = None
        for e in self._effective(sorted([*rows, *fixes], key=lambda r: r["seq"])):
            if e["kind"] == SIGN_POSTED:
                sign = {"scenario_id": e["scenario_id"], "location": e["data"].get("location"),
                        "version": e["version"], "posted_on": e["day"], "taken_down_on": None, "last_seq": e["seq"]}
            elif e["kind"] == SIGN_TAKEN_DOWN and sign:
                sign.update(taken_down_on=e["day"], last_seq=e["seq"])
        if sign:
            cur.execute("INSERT INTO signs (sign_id, scenario_id, location, version, posted_on, taken_down_on,"
                        " last_seq) VALUES (?,?,?,?,?,?,?)",
                        (sign_id, sign["scenario_id"], sign["location"], sign["version"], sign["posted_on"],
                         sign["taken_down_on"], sign["last_seq"]))

    def rebuild_state(self) -> None:
        """Derive every person's standing and every sign again from the entries."""
        with self._transaction() as cur:
            cur.execute("DELETE FROM standing")
            cur.execute("DELETE FROM signs")
            # The people a row at a time through the person index (a cursor
            # of its own beside the writes), not a list of them all.
            for (pid,) in self._conn.execute("SELECT DISTINCT person_id FROM entries WHERE person_id IS NOT NULL"):
                self._restate_person(cur, pid)
            for (sid,) in cur.execute("SELECT DISTINCT serial FROM entries WHERE kind = 'sign_posted'").fetchall():
                self._restate_sign(cur, sid)

    # ---------------------------------------------------------------- reading
    def entries(self, person_id: str | None = None) -> list[Entry]:
        """History in order (one person's, or all)."""
        if person_id:
            rows = self._conn.execute("SELECT * FROM entries WHERE person_id = ? ORDER BY seq", (person_id,))
        else:
            rows = self._conn.execute("SELECT * FROM entries ORDER BY seq")
        return [Entry.from_row(r) for r in rows]

    def entry(self, seq: int) -> Entry | None:
        row = self._conn.execute("SELECT * FROM entries WHERE seq = ?", (seq,)).fetchone()
        return Entry.from_row(row) if row else None

    def person_by_serial(self, serial: str) -> tuple[str, str] | None:
        """(person_id, scenario_id) of the form with this serial."""
        row = self._conn.execute("SELECT person_id, scenario_id FROM standing WHERE serial = ?", (serial,)).fetchone()
        return (row[0], row[1]) if row else None

    def count(self) -> int:
        return int(self._meta("head_seq") or 0)

    def verify(self) -> VerifyResult:
        """Check the whole history: the hash chain, and every person's details
        against the commitment recorded when they were entered."""
        conn = self._conn
        try:
            head_seq, head_hash = int(self._meta("head_seq") or 0), self._meta("head_hash") or GENESIS
            cursor = conn.cursor()
            cursor.row_factory = None  # plain tuples: a third of the time of sqlite3.Row here
            cursor.execute(f"SELECT seq, prev_hash, {canonical_sql()}, hash FROM entries ORDER BY seq")
            broken = first_break(_rows(cursor), head_seq, head_hash)
            altered = []
            # Each person's details against the last commitment recorded for
            # them, streamed (one person at a time through the index).
            people = conn.cursor()
            people.row_factory = None
            sha256 = hashlib.sha256
            people.execute(
                f"SELECT p.person_id, p.salt, {commitment_sql(PERSON_DETAILS)},"
                " (SELECT e.commitment FROM entries e WHERE e.person_id = p.person_id AND e.commitment IS NOT NULL"
                "  ORDER BY e.seq DESC LIMIT 1) FROM people p WHERE p.erased_on IS NULL")
            for person_id, salt, text, recorded in _rows(people):
                if salt is None or recorded != sha256(salt + text.encode("utf-8")).hexdigest():
                    altered.append(person_id)
            altered.sort()
        except sqlite3.DatabaseError:
            raise _damaged(self.path, self._backups()) from None
        return VerifyResult(head_seq, broken, tuple(altered))

    def correct_person(self, person_id: str, person: Person, *, day: dt.date, reason: str,
                       staff: str | None = None) -> Entry:
        """Corrected details (a misspelt name): a new commitment in a correction entry."""
        reason = _check_text(reason, N_("The reason"))
        if not reason:
            raise EntryError(N_("A correction needs a reason."))
        details = _details(person)
        with self._transaction() as cur:
            self._person_for(cur, person_id)
            salt = secrets.token_bytes(16)
            cur.execute("UPDATE people SET name = ?, member_no = ?, phone_last4 = ?, guardian_name = ?, salt = ?"
                        " WHERE person_id = ?", (details["name"], details["member_no"], details["phone_last4"],
                                                 details["guardian_name"], salt, person_id))
            first = cur.execute("SELECT MIN(seq) FROM entries WHERE person_id = ?", (person_id,)).fetchone()[0]
            return self._append(cur, CORRECTION, day=day, person_id=person_id, staff=_check_text(staff, N_("The staff member")),
                                refers_to=first, commitment=commitment(salt, details),
                                data={"changes": {}, "person": True, "reason": reason})

    def backup_to(self, target: Path) -> None:
        """A consistent copy of the register (sqlite3's online backup)."""
        try:
            dest = sqlite3.connect(str(target))
            try:
                self._conn.backup(dest)
            finally:
                dest.close()
        except sqlite3.DatabaseError as err:
            raise _write_error(Path(target), err) from None


#: Entry data as stored (and hashed): keys sorted, compact, UTF-8 as is.
_DATA_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _data(value: str | Mapping[str, Any]) -> dict[str, Any]:
    """An entry's data as a dict (stored as JSON text; already a dict for one just written)."""
    return json.loads(value) if isinstance(value, str) else dict(value)


def _rows(cursor: sqlite3.Cursor) -> Iterator[tuple]:
    while True:
        chunk = cursor.fetchmany(1000)
        if not chunk:
            return
        yield from chunk


def form_code(serial: str, version: str | None) -> str:
    """What the small code beside a numbered form's record-number field holds: ``000101/C-3F9A2B``.

    Only digits, capitals, ``-`` and ``/``: QR's alphanumeric mode, so the
    code stays at the smallest size (21 modules) and prints a few
    centimetres from the edge of the record field.
    """
    return f"{serial}/{version}" if version else serial


#: ``S-3F9A2B-01``: a printed sign's ID, its content version and its print number.
_SIGN_ID = re.compile(r"^\s*([A-Z]-[0-9A-F]{6})-(\d{1,4})\s*$", re.IGNORECASE)


def sign_id(version: str, number: int) -> str:
    """The short ID a printed sign carries: its content version and a print
    number, ``S-3F9A2B-01``. Staff type it at post-sign; it tells the
    register which text hangs where, and two copies of one text apart."""
    return f"{version}-{number:02d}"


def parse_sign_id(text: str) -> tuple[str, int] | None:
    """(version, print number) of a sign ID as printed (any case), or None
    for an ID of another shape (one typed before signs carried theirs)."""
    match = _SIGN_ID.match(text or "")
    return (match.group(1).upper(), int(match.group(2))) if match else None


def typed_sign_id(text: str | None) -> str:
    """A sign ID as typed, in the form printed (``s-3f9a2b-01`` typed in lower case is the same sign);
    an ID of another shape as it is."""
    parsed = parse_sign_id(text or "")
    return sign_id(*parsed) if parsed else (text or "").strip()


#: What may stand between the serial and the version when typed or scanned:
#: ``/`` as printed, but a scanner typing through a Chinese input method may
#: send ``、`` for it, and staff typing by hand may use a space.
_SCANNED_SEPARATOR = re.compile(r"[/、\s]+")


def split_scanned(text: str) -> tuple[str, str | None]:
    """(serial, version or None) from what was typed or scanned at the counter."""
    serial, *rest = _SCANNED_SEPARATOR.split(text.strip(), maxsplit=1)
    version = rest[0].strip().upper() if rest else ""
    return serial.strip(), version or None


def serial_run(first: str, last: str, maximum: int = MAX_SERIAL_RUN) -> list[str]:
    """The serials from ``first`` to ``last``, zero-padded to ``first``'s width
    (at most ``maximum`` of them)."""
    first, last = str(first).strip(), str(last).strip()
    if not (first.isdigit() and last.isdigit()) or len(first) > 12 or len(last) > 12:
        raise EntryError(N_("Serial numbers are digits, such as 000101."))
    a, b = int(first), int(last)
    if b < a:
        raise EntryError(N_("The last serial comes before the first."))
    if b - a + 1 > maximum:
        raise EntryError(N_("At most {maximum} forms can be numbered at once."), maximum=maximum)
    width = len(first)
    return [str(n).zfill(width) for n in range(a, b + 1)]


#: ``000101-000200`` (a hyphen, an en dash, a tilde or a full-width one between the two).
_RUN = re.compile(r"^\s*(\d+)\s*(?:[-–—~～－]|\.\.)\s*(\d+)\s*$")


def parse_serial_run(text: str, maximum: int = MAX_SERIAL_RUN) -> list[str]:
    """The serials of a run written ``000101-000200`` (or one serial alone)."""
    text = str(text).strip()
    if text.isdigit():
        return serial_run(text, text, maximum)
    match = _RUN.match(text)
    if not match:
        raise EntryError(N_("“{text}” is not a run of serials: write the first and the last, such as 000101-000200."),
                         text=text[:40])
    return serial_run(match.group(1), match.group(2), maximum)


def _refuse_overlap(taken: Sequence[str]) -> None:
    if len(taken) == 1:
        raise EntryError(N_("Serial {serial} was already printed. Nothing was printed or recorded; choose a run "
                            "without it."), serial=taken[0])
    if taken:
        raise EntryError(N_("{count} serials of this run were already printed ({first} to {last}). Nothing was "
                            "printed or recorded; choose a run without them."),
                         count=len(taken), first=taken[0], last=taken[-1])


def _iso(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    try:
        return dt.date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise EntryError(N_("{value} is not a date; use YYYY-MM-DD"), value=str(value)) from None


def _meta_value(conn: sqlite3.Connection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


def _migrate(conn: sqlite3.Connection, version: int) -> None:
    """Bring the schema forward one version at a time, each step one transaction."""
    while version < SCHEMA_VERSION:
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in _statements(MIGRATIONS[version]):
                conn.execute(statement)
            version += 1
            conn.execute(f"PRAGMA user_version = {version}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise


def _statements(script: str) -> list[str]:
    """A schema script cut into statements (triggers keep their inner ';')."""
    out, buf = [], ""
    for line in script.strip().splitlines():
        if line.strip().startswith("--"):
            continue
        buf += line + "\n"
        if sqlite3.complete_statement(buf):
            out.append(buf.strip())
            buf = ""
    return out


def _is_write_problem(err: sqlite3.OperationalError) -> bool:
    text = str(err).lower()
    return any(s in text for s in ("readonly", "read-only", "disk is full", "disk i/o", "unable to open",
                                   "database or disk is full", "locked"))


def _write_error(path: Path, err: BaseException) -> RegisterWriteError:
    text = str(err).lower()
    if "full" in text or getattr(err, "errno", None) == 28:
        return RegisterWriteError(N_("The disk holding {name} is full. Nothing was changed; free some space and try again."),
                                  name=str(path))
    if "locked" in text:
        return RegisterWriteError(N_("The register {name} is busy in another program. Nothing was changed; try again."),
                                  name=str(path))
    return RegisterWriteError(N_("SignDesk may not write to {name} (a read-only place?). Nothing was changed."),
                              name=str(path))


#: What each kind of entry is called in lists and exports.
KIND_LABELS = {
    CONSENT: N_("Consent"), REFUSAL: N_("Refusal"), WITHDRAWAL: N_("Withdrawal"), DELETION: N_("Deletion"),
    ACCESS_REQUEST: N_("Request for own data"), ACCESS_ANSWERED: N_("Request answered"),
    SIGN_POSTED: N_("Sign posted"), SIGN_TAKEN_DOWN: N_("Sign taken down"), FORMS_PRINTED: N_("Numbered forms printed"),
    CORRECTION: N_("Correction"), ERASURE: N_("Name and contact erased"),
}
CHANNEL_LABELS = {"in_person": N_("in person"), "phone": N_("by phone"), "email": N_("by e-mail"),
                  "web_page": N_("on the web page")}
TICK_LABELS = {"transmission": N_("sending facial information off the device"), "sharing": N_("giving facial information to others"),
               "cross_border": N_("transfer abroad")}
