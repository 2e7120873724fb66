"""Pages of the register for lists and tables: filtered, searched, fetched a
page at a time in a stable order (keyset paging: the next page starts after
the last row shown, so scrolling never re-reads the rows above)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from signdesk.i18n import N_
from signdesk.register.store import Register


@dataclass(frozen=True)
class Filter:
    """Which people to show. Empty fields do not filter."""

    status: str | None = None
    #: Withdrawn, deletion due by now or before, not deleted.
    overdue: bool = False
    #: Withdrawn and not yet deleted (due for deletion).
    due: bool = False
    scenario_id: str | None = None
    version: str | None = None
    #: A serial (exact) or the start of a name or member number.
    search: str = ""
    today: dt.date | None = None


@dataclass(frozen=True)
class StandingRow:
    """One person in one scenario, as the lists show them."""

    person_id: str
    scenario_id: str
    status: str
    serial: str | None
    version: str | None
    consent_day: str | None
    withdrawn_on: str | None
    due: str | None
    deleted_on: str | None
    minor: bool
    guardian: bool
    name: str
    member_no: str
    phone_last4: str
    #: The paging key: where the next page starts.
    key: tuple[str, str]


def _where(f: Filter) -> tuple[str, list[Any]]:
    clauses, params = [], []
    if f.status:
        clauses.append("s.status = ?")
        params.append(f.status)
    if f.overdue or f.due:
        clauses.append("s.status = 'withdrawn'")
        if f.overdue:
            clauses.append("s.due < ?")
            params.append((f.today or dt.date.today()).isoformat())
    if f.scenario_id:
        clauses.append("s.scenario_id = ?")
        params.append(f.scenario_id)
    if f.version:
        clauses.append("s.version = ?")
        params.append(f.version)
    text = f.search.strip()
    if text:
        # Prefix ranges use the name and member-number indexes (LIKE would not).
        clauses.append("(s.serial = ? OR s.person_id IN (SELECT person_id FROM people WHERE"
                       " (name >= ? AND name < ?) OR (member_no >= ? AND member_no < ?)) OR s.person_id = ?)")
        params += [text, text, text + "\U0010ffff", text, text + "\U0010ffff", text]
    return (" AND ".join(clauses) or "1"), params


def standing_rows(register: Register, f: Filter = Filter(), *, after: tuple[str, str] | None = None,
                  limit: int = 200) -> list[StandingRow]:
    """Up to ``limit`` rows matching ``f``, in person order, after the key ``after``."""
    where, params = _where(f)
    if after:
        where += " AND (s.person_id, s.scenario_id) > (?, ?)"
        params += list(after)
    rows = register.connection.execute(
        "SELECT s.*, p.name, p.member_no, p.phone_last4 FROM standing s JOIN people p ON p.person_id = s.person_id"
        f" WHERE {where} ORDER BY s.person_id, s.scenario_id LIMIT ?", (*params, limit)).fetchall()
    return [StandingRow(r["person_id"], r["scenario_id"], r["status"], r["serial"], r["version"], r["consent_day"],
                        r["withdrawn_on"], r["due"], r["deleted_on"], bool(r["minor"]), bool(r["guardian"]),
                        r["name"] or "", r["member_no"] or "", r["phone_last4"] or "",
                        (r["person_id"], r["scenario_id"])) for r in rows]


def count_rows(register: Register, f: Filter = Filter()) -> int:
    where, params = _where(f)
    return register.connection.execute(f"SELECT COUNT(*) FROM standing s WHERE {where}", params).fetchone()[0]


@dataclass(frozen=True)
class SignRow:
    sign_id: str
    scenario_id: str
    location: str
    version: str | None
    posted_on: str
    taken_down_on: str | None


def sign_rows(register: Register) -> list[SignRow]:
    """Every sign ever posted (a business has tens, not thousands)."""
    return [SignRow(*r) for r in register.connection.execute(
        "SELECT sign_id, scenario_id, location, version, posted_on, taken_down_on FROM signs"
        " ORDER BY taken_down_on IS NOT NULL, scenario_id, sign_id")]


def outdated_form_note(register: Register, versions: Mapping[str, Mapping[str, str]], serial: str,
                       scanned_version: str | None = None, scenario_id: str | None = None) -> tuple[str, dict[str, str]] | None:
    """(msgid, params) of the one-line note for a form whose version is not
    today's, or None.

    The form's version is the one its serial was printed with (the
    register's ``serials``), else the one its scanned code names, compared
    with today's version of that scenario's form of the same kind
    (``versions``, as for :func:`~signdesk.register.register_facts`). A
    version or scenario not known says nothing.
    """
    printed = register.printed_form(serial) if serial else None
    if printed is not None:
        scenario_id, kind, version = printed
    elif scanned_version:
        kind = "guardian" if scanned_version.startswith("G-") else "adult"
        version = scanned_version
    else:
        return None
    today = versions.get(scenario_id or "", {}).get(kind)
    if not (today and version) or today == version:
        return None
    return (N_("Form {serial} was printed with version {printed}; today's form is {today}: fresh consent may be "
               "needed if its purpose or method changed."), {"serial": serial, "printed": version, "today": today})


@dataclass(frozen=True)
class AccessRequest:
    """A person's request for their own data (PIPL 45) and when it was answered."""

    seq: int
    asked_on: dt.date
    answered_on: dt.date | None


def access_requests(register: Register, person_id: str) -> list[AccessRequest]:
    """The person's requests for their own data, oldest first (their own entries, through the person index)."""
    asked: dict[int, dt.date] = {}
    answered: dict[int, dt.date] = {}
    for e in register.corrected_entries(person_id):
        if e.kind == "access_request":
            asked[e.seq] = e.day
            if e.data.get("answered_on"):
                answered[e.seq] = dt.date.fromisoformat(str(e.data["answered_on"]))
        elif e.kind == "access_answered" and e.refers_to is not None:
            answered.setdefault(e.refers_to, e.day)
    return [AccessRequest(seq, day, answered.get(seq)) for seq, day in asked.items()]
