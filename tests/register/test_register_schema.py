"""The register's schema is migrated forward: a register written by an
earlier SignDesk opens, is brought up to date in place, and reads the same."""

from __future__ import annotations

import sqlite3

import pytest

from signdesk.register import Person, Register, RegisterError, register_facts
from signdesk.register.store import MIGRATIONS, SCHEMA_VERSION

from register_helpers import DAY, consent

#: The migration that added the findings' indexes, and the version before it.
INDEXES_ADDED = next(v for v, sql in MIGRATIONS.items() if "standing_people" in sql)


def _indexes(path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    finally:
        conn.close()


def _version(path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA user_version").fetchone()[0]
    finally:
        conn.close()


def test_a_register_from_before_the_findings_indexes_is_migrated_and_reads_the_same(tmp_path):
    path = tmp_path / "old.register.sqlite"
    with Register.create(path) as reg:
        a = consent(reg, scenario="s-till", version="v1")
        consent(reg, "张伟", "5678", scenario="s-till", version="v0", minor=True)
        reg.withdraw(a.person_id, day=DAY, channel="phone", deletion_days=15)
        before = register_facts(reg, {"s-till": {"adult": "v1"}})
    # As an earlier SignDesk left it: without the indexes, at its version.
    conn = sqlite3.connect(path)
    conn.executescript(f"DROP INDEX standing_people; DROP INDEX standing_forms; PRAGMA user_version = {INDEXES_ADDED};")
    conn.close()
    assert not {"standing_people", "standing_forms"} & _indexes(path)

    with Register.open(path) as reg:
        assert reg.verify().ok and reg.count() == 3
        assert register_facts(reg, {"s-till": {"adult": "v1"}}) == before
        reg.record_consent(Person("刘洋", phone_last4="9999"), scenario_id="s-till", day=DAY)
    assert _version(path) == SCHEMA_VERSION
    assert {"standing_people", "standing_forms"} <= _indexes(path)


def test_a_new_register_has_the_current_schema(tmp_path):
    path = tmp_path / "new.register.sqlite"
    Register.create(path).close()
    assert _version(path) == SCHEMA_VERSION
    assert {"standing_people", "standing_forms", "standing_status"} <= _indexes(path)


def test_a_register_from_a_newer_signdesk_is_refused(tmp_path):
    path = tmp_path / "newer.register.sqlite"
    Register.create(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(RegisterError) as err:
        Register.open(path)
    assert "newer SignDesk" in str(err.value)
    assert "更新" in err.value.message("zh_CN")


def test_rebuild_state_derives_every_standing_and_sign_again_from_the_history(reg):
    people = [consent(reg, f"客人{i}", f"{i:04d}", serial=f"{i:06d}") for i in range(5)]
    reg.withdraw(people[1].person_id, day=DAY, channel="phone", deletion_days=15)
    reg.confirm_deletion(people[2].person_id, day=DAY, by="李", devices=["till"])
    reg.correct(people[3].seq, day=DAY, reason="entered twice", void=True)
    reg.post_sign("S-01", scenario_id="s-1", location="南门", version="v1", day=DAY)
    dump = lambda: [tuple(r) for r in reg.connection.execute(  # noqa: E731
        "SELECT * FROM standing ORDER BY person_id, scenario_id")] + [tuple(r) for r in reg.connection.execute(
        "SELECT * FROM signs")]
    before = dump()
    assert [r[2] for r in before if r[0] == people[1].person_id] == ["withdrawn"]
    assert not [r for r in before if r[0] == people[3].person_id]
    reg.connection.execute("DELETE FROM standing")
    reg.connection.execute("DELETE FROM signs")
    assert dump() == []
    reg.rebuild_state()
    assert dump() == before and len(before) == 5
