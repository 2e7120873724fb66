"""What happens when things go wrong: a killed process, two instances, no
room or no right to write, a damaged file. Nothing committed is lost, nothing
half-written is left, and the owner is told what happened."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from signdesk.register import (
    Person,
    Register,
    RegisterDamagedError,
    RegisterLockedError,
    RegisterWriteError,
)
from signdesk.register.backup import backup_register, backups_of

from register_helpers import DAY, REPO, consent

INTAKE = textwrap.dedent("""
    import datetime as dt, sys
    from signdesk.register import Person, Register
    reg = Register.open(sys.argv[1])
    for i in range(100000):
        e = reg.record_consent(Person(f"客人{i}", phone_last4=f"{i % 10000:04d}"), scenario_id="s-1",
                               ticks=["purpose:payment", "transmission"], day=dt.date(2026, 11, 2), staff="李")
        print(e.seq, flush=True)
""")


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO)}


def test_sigkill_mid_intake_loses_nothing_committed_and_leaves_no_half_entry(tmp_path):
    path = tmp_path / "r.register.sqlite"
    Register.create(path).close()
    proc = subprocess.Popen([sys.executable, "-c", INTAKE, str(path)], stdout=subprocess.PIPE, env=_env(), text=True)
    committed = 0
    try:
        for line in proc.stdout:  # type: ignore[union-attr]
            committed = int(line)
            if committed >= 40:
                break
        os.kill(proc.pid, signal.SIGKILL)  # somewhere inside the next intake
    finally:
        proc.wait()
    assert proc.returncode == -signal.SIGKILL
    with Register.open(path) as reg:  # the lock died with the process
        result = reg.verify()
        assert result.ok
        assert result.entries >= committed
        entries = reg.entries()
        assert [e.seq for e in entries] == list(range(1, result.entries + 1))
        people = reg.connection.execute("SELECT COUNT(*) FROM people").fetchone()[0]
        standing = reg.connection.execute("SELECT COUNT(*) FROM standing").fetchone()[0]
        # Every person written has their entry and standing, and no more.
        assert people == standing == len(entries)
        assert reg.entries()[committed - 1].data["ticks"] == ["purpose:payment", "transmission"]


def test_a_second_instance_is_told_the_register_is_open(tmp_path):
    path = tmp_path / "r.register.sqlite"
    with Register.create(path):
        with pytest.raises(RegisterLockedError) as err:
            Register.open(path)
        assert "open in another SignDesk window" in str(err.value)
        assert "另一个" in err.value.message("zh_CN")
        # Another process too.
        probe = ("import sys\nfrom signdesk.register import Register, RegisterLockedError\n"
                 "try:\n    Register.open(sys.argv[1])\nexcept RegisterLockedError as e:\n    print(e)\n")
        out = subprocess.run([sys.executable, "-c", probe, str(path)], capture_output=True, text=True, env=_env())
        assert "open in another SignDesk window" in out.stdout
    with Register.open(path):
        pass  # closed: free again


def test_disk_full_gives_a_clear_message_and_changes_nothing(reg):
    consent(reg, "王芳", "1234")
    before = reg.verify()
    pages = reg.connection.execute("PRAGMA page_count").fetchone()[0]
    reg.connection.execute(f"PRAGMA max_page_count = {pages}")
    rows = [(i, Person(f"客人{i}" * 10, member_no=f"M{i:06d}"), {"day": DAY, "scenario_id": "s-1"}) for i in range(3000)]
    with pytest.raises(RegisterWriteError) as err:
        reg.import_consents(rows)
    assert "full" in str(err.value) and "Nothing was changed" in str(err.value)
    after = reg.verify()
    assert after.ok and after.entries == before.entries == 1
    assert reg.connection.execute("SELECT COUNT(*) FROM people").fetchone()[0] == 1


def test_read_only_register_refuses_changes_with_a_clear_message(tmp_path):
    path = tmp_path / "r.register.sqlite"
    with Register.create(path) as reg:
        consent(reg)
    with Register.open(path, read_only=True) as reg:
        with pytest.raises(RegisterWriteError) as err:
            consent(reg, "张伟", "5678")
        assert "may not write" in str(err.value)
        assert reg.verify().ok and reg.count() == 1


def test_damaged_file_is_refused_and_the_backup_offered(tmp_path):
    path = tmp_path / "r.register.sqlite"
    folder = tmp_path / "backups"
    with Register.create(path) as reg:
        consent(reg)
        rid = reg.register_id
        backup = backup_register(reg, folder)
    raw = bytearray(path.read_bytes())
    raw[:100] = b"\x00garbage" * 12 + b"0000"
    path.write_bytes(bytes(raw))
    with pytest.raises(RegisterDamagedError) as err:
        Register.open(path, backups=lambda: backups_of(folder, rid))
    assert err.value.backup == backup and str(backup) in str(err.value)
    # The backup is a working register with the entry.
    with Register.open(backup) as copy:
        assert copy.verify().ok and copy.count() == 1


def test_not_a_register_at_all_is_refused(tmp_path):
    path = tmp_path / "r.register.sqlite"
    path.write_text("hello")
    with pytest.raises(RegisterDamagedError):
        Register.open(path)


def test_backups_keep_the_last_few(reg, tmp_path):
    import datetime as dt

    consent(reg)
    for minute in range(7):
        backup_register(reg, tmp_path / "b", keep=3, now=dt.datetime(2026, 11, 2, 9, minute))
    kept = backups_of(tmp_path / "b", reg.register_id)
    assert [p.name.split("-", 2)[2] for p in kept] == [
        f"20261102-09{m:02d}00-000000.sqlite" for m in (6, 5, 4)]
