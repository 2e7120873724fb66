"""The history proves itself: any edit, deletion or reordering is found and
named; an erasure of a person's details keeps it valid."""

from __future__ import annotations

import sqlite3

import pytest

from signdesk.register import Person, Register

from register_helpers import DAY, consent


def _history(reg: Register) -> None:
    a = consent(reg, "王芳", "1234", ticks=["purpose:payment"], staff="李")
    consent(reg, "张伟", "5678")
    reg.withdraw(a.person_id, day=DAY, channel="phone", deletion_days=15)
    reg.confirm_deletion(a.person_id, day=DAY, by="李", devices=["till"])
    reg.post_sign("S-01", scenario_id="s-1", location="南门", version="v1", day=DAY)


def _tamper(reg: Register, *sql: str) -> Register:
    """Edit the file behind SignDesk's back, as someone with the sqlite3 tool could."""
    path = reg.path
    reg.close()
    conn = sqlite3.connect(path)
    conn.execute("DROP TRIGGER entries_append_only_update")
    conn.execute("DROP TRIGGER entries_append_only_delete")
    for s in sql:
        conn.execute(s)
    conn.commit()
    conn.close()
    return Register.open(path)


def test_an_untouched_history_verifies(reg):
    _history(reg)
    result = reg.verify()
    assert result.ok and result.entries == 5


def test_history_cannot_be_edited_through_sqlite_without_dropping_the_guard(reg):
    _history(reg)
    with pytest.raises(sqlite3.IntegrityError):
        reg.connection.execute("UPDATE entries SET day = '2020-01-01' WHERE seq = 1")
    with pytest.raises(sqlite3.IntegrityError):
        reg.connection.execute("DELETE FROM entries WHERE seq = 5")


@pytest.mark.parametrize("sql, seq, reason", [
    ("UPDATE entries SET day = '2026-10-01' WHERE seq = 3", 3, "changed"),
    ("UPDATE entries SET data = '{\"ticks\":[]}' WHERE seq = 1", 1, "changed"),
    ("UPDATE entries SET staff = '王' WHERE seq = 4", 4, "changed"),
    ("DELETE FROM entries WHERE seq = 2", 2, "missing"),
    ("DELETE FROM entries WHERE seq = 5", 5, "missing"),
])
def test_edits_and_deletions_are_found_at_the_first_broken_entry(reg, sql, seq, reason):
    _history(reg)
    reg = _tamper(reg, sql)
    try:
        result = reg.verify()
        assert not result.ok
        assert (result.broken.seq, result.broken.reason) == (seq, reason)
    finally:
        reg.close()


def test_reordering_is_found(reg):
    _history(reg)
    # Swap entries 2 and 3, hashes and all, so each still matches its own content.
    reg = _tamper(reg, "UPDATE entries SET seq = -2 WHERE seq = 2", "UPDATE entries SET seq = 2 WHERE seq = 3",
                  "UPDATE entries SET seq = 3 WHERE seq = -2")
    try:
        result = reg.verify()
        assert result.broken.seq == 2 and result.broken.reason == "order"
    finally:
        reg.close()


def test_cutting_off_the_last_entries_and_fixing_the_head_count_is_still_found(reg):
    _history(reg)
    reg = _tamper(reg, "DELETE FROM entries WHERE seq = 5", "UPDATE meta SET value = '4' WHERE key = 'head_seq'")
    try:
        assert reg.verify().broken.reason == "head"
    finally:
        reg.close()


def test_a_changed_name_is_found_though_names_are_not_in_the_chain(reg):
    _history(reg)
    reg = _tamper(reg, "UPDATE people SET name = '王小芳' WHERE name = '王芳'")
    try:
        result = reg.verify()
        assert result.broken is None and len(result.altered_people) == 1
    finally:
        reg.close()


def test_erasure_removes_name_and_contact_and_the_chain_still_verifies(reg):
    _history(reg)
    pid = reg.entries()[0].person_id
    reg.erase_person(pid, day=DAY)
    assert reg.person(pid) is None
    row = reg.connection.execute("SELECT * FROM people WHERE person_id = ?", (pid,)).fetchone()
    assert row["name"] is None and row["phone_last4"] is None and row["salt"] is None
    # Nothing of the person's details is left anywhere in the file's history.
    assert not reg.connection.execute("SELECT 1 FROM entries WHERE data LIKE '%王芳%' OR data LIKE '%1234%'").fetchone()
    result = reg.verify()
    assert result.ok and result.entries == 6
    # The pseudonymous proof stays: consent given, withdrawn, deleted.
    assert [e.kind for e in reg.entries(pid)] == ["consent", "withdrawal", "deletion", "erasure"]


def test_a_corrected_name_verifies(reg):
    a = consent(reg)
    reg.correct_person(a.person_id, Person("王芳芳", phone_last4="1234"), day=DAY, reason="misspelt")
    assert reg.person(a.person_id).name == "王芳芳"
    assert reg.verify().ok


def test_the_hashed_text_sqlite_makes_is_the_text_python_makes(reg):
    """verify() has SQLite build the hashed text of each entry and each
    person's details; the hashes recorded at intake were made in Python."""
    from signdesk.register.chain import HASHED_COLUMNS, canonical, canonical_sql, commitment_sql
    from signdesk.register.store import PERSON_DETAILS

    _history(reg)
    reg.correct_person(reg.connection.execute("SELECT person_id FROM people LIMIT 1").fetchone()[0],
                       Person("王芳芳", "M-7", "1234", guardian_name="王母"), day=DAY, reason="错字")
    conn = reg.connection
    rows = conn.execute(f"SELECT {', '.join(HASHED_COLUMNS)}, {canonical_sql()} FROM entries").fetchall()
    assert any(None in tuple(r)[:-1] for r in rows) and any(isinstance(v, int) for r in rows for v in tuple(r)[:-1])
    for row in rows:
        assert row[-1].encode("utf-8") == canonical(tuple(row)[:-1])
    people = conn.execute(f"SELECT {', '.join(PERSON_DETAILS)}, {commitment_sql(PERSON_DETAILS)} FROM people").fetchall()
    for row in people:
        details = dict(zip(PERSON_DETAILS, tuple(row)[:-1]))
        assert row[-1].encode("utf-8") == canonical(x for k in sorted(details) for x in (k, details[k] or ""))


@pytest.mark.parametrize("sql, seq, reason", [
    (["UPDATE entries SET staff = '王' WHERE seq = 2345"], 2345, "changed"),
    (["UPDATE entries SET seq = 9999 WHERE seq = 2000"], 2000, "missing"),
    (["UPDATE entries SET seq = -1 WHERE seq = 1500", "UPDATE entries SET seq = 1500 WHERE seq = 1501",
      "UPDATE entries SET seq = 1501 WHERE seq = -1"], 1500, "order"),
])
def test_verify_reads_a_long_history_a_part_at_a_time_and_still_names_the_first_break(reg, sql, seq, reason):
    # 2,500 entries: verify reads them (and the people) in parts of 1,000 so
    # its memory does not grow with the register; breaks past the first
    # part, and a person's changed name among the last, are still found.
    reg.import_consents((i, Person(f"客人{i}", phone_last4=f"{i % 10000:04d}"), {"day": DAY, "scenario_id": "s-1"})
                        for i in range(2500))
    assert reg.verify().ok
    reg = _tamper(reg, *sql, "UPDATE people SET name = '客人x' WHERE name = '客人2400'")
    try:
        result = reg.verify()
        assert (result.broken.seq, result.broken.reason) == (seq, reason)
        assert result.altered_people == (reg.connection.execute(
            "SELECT person_id FROM people WHERE name = '客人x'").fetchone()[0],)
    finally:
        reg.close()
