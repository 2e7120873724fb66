"""Importing many consents at once refuses and writes exactly what recording
them one by one at the counter would."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from signdesk.model import load
from signdesk.register import Person, Register, store
from signdesk.register.csvfiles import import_csv

from register_helpers import DAY, SHOP, consent


def _people(reg: Register) -> int:
    return reg.connection.execute("SELECT COUNT(*) FROM people").fetchone()[0]


def _owner(reg: Register, serial: str) -> str:
    return reg.connection.execute("SELECT person_id FROM entries WHERE serial = ?", (serial,)).fetchone()[0]


def _csv(*rows: str) -> bytes:
    return ("serial,name,member_no,phone_last4,date,ticks\n" + "\n".join(rows) + "\n").encode("utf-8")


def test_a_serial_twice_in_the_file_is_refused_on_its_second_line(reg):
    report = import_csv(reg, _csv("000101,王芳,,1234,2026-11-01,", "000101,李娜,,4321,2026-11-01,"), load(SHOP))
    assert report.written == 1 and [line for line, _ in report.skipped] == [3]
    assert "appears twice" in str(report.skipped[0][1])
    assert _people(reg) == 1


def test_a_serial_given_twice_to_the_register_in_one_import_goes_to_the_first_person_only(reg):
    rows = [(2, Person("王芳", phone_last4="1234"), {"day": DAY, "scenario_id": "s-1", "serial": "000101"}),
            (3, Person("李娜", phone_last4="4321"), {"day": DAY, "scenario_id": "s-1", "serial": " 000101 "})]
    done, bad = reg.import_consents(rows)
    assert len(done) == 1 and [line for line, _ in bad] == [3]
    assert "already recorded for another person" in str(bad[0][1])
    assert _people(reg) == 1 and reg.verify().ok


def test_two_rows_with_one_member_number_are_one_person_with_two_consents(reg):
    report = import_csv(reg, _csv("000101,王芳,M-7,1234,2026-11-01,", "000102,王小芳,M-7,,2026-11-02,",
                                  "000103,李娜,M-8,4321,2026-11-01,"), load(SHOP))
    assert report.written == 3 and not report.skipped
    assert _people(reg) == 2
    first = _owner(reg, "000101")
    assert _owner(reg, "000102") == first != _owner(reg, "000103")
    assert [e.serial for e in reg.entries(first)] == ["000101", "000102"]
    # The later consent is the one standing for the scenario.
    assert reg.person_by_serial("000102") == (first, "s-till") and reg.person_by_serial("000101") is None
    assert reg.verify().ok


def test_the_same_name_is_the_same_person_only_with_the_same_phone_digits(reg):
    report = import_csv(reg, _csv("000101,王芳,,1234,2026-11-01,", "000102,王芳,,1234,2026-11-02,",
                                  "000103,王芳,,9999,2026-11-02,", "000104,王芳,,,2026-11-02,"), load(SHOP))
    assert report.written == 4 and _people(reg) == 3
    assert _owner(reg, "000101") == _owner(reg, "000102")
    assert len({_owner(reg, s) for s in ("000102", "000103", "000104")}) == 3


def test_a_row_about_someone_already_in_the_register_joins_their_history(reg):
    earlier = consent(reg, "王芳", "1234", serial="000100")
    report = import_csv(reg, _csv("000101,王芳,,1234,2026-11-05,", "000100,李娜,,4321,2026-11-05,",
                                  "000102,赵磊,,1111,2026-11-05,"), load(SHOP))
    assert report.written == 2 and [line for line, _ in report.skipped] == [3]
    assert "already recorded for another person" in str(report.skipped[0][1])
    assert [e.serial for e in reg.entries(earlier.person_id)] == ["000100", "000101"]
    assert _people(reg) == 2 and reg.verify().ok


def test_an_erased_person_is_not_found_again(reg):
    earlier = consent(reg, "王芳", "1234")
    reg.erase_person(earlier.person_id, day=DAY)
    done, _ = reg.import_consents([(2, Person("王芳", phone_last4="1234"), {"day": DAY, "scenario_id": "s-1"})])
    assert done[0].person_id != earlier.person_id and reg.verify().ok


def test_a_bad_row_leaves_nothing_behind(reg):
    rows = [(2, Person("王芳", phone_last4="1234"), {"day": DAY, "scenario_id": "s-1", "version": "C-\x07"}),
            (3, Person("", phone_last4="1234"), {"day": DAY, "scenario_id": "s-1"}),
            (4, Person("李娜"), {"day": DAY}),
            (5, "P-nobody", {"day": DAY, "scenario_id": "s-1"})]
    done, bad = reg.import_consents(rows)
    assert not done and [line for line, _ in bad] == [2, 3, 4, 5]
    assert "control characters" in str(bad[0][1]) and "name or member number" in str(bad[1][1])
    assert _people(reg) == 0 and reg.count() == 0


def _rows() -> list:
    """A mixed import: new people, the same people again, rows by id, bad rows, a printed serial."""
    rows = []
    for i in range(40):
        person = Person(f"客人{i % 13}", member_no=f"M{i % 7}" if i % 3 == 0 else "",
                        phone_last4=f"{i % 5:04d}" if i % 2 else "")
        fields = {"day": DAY, "scenario_id": "s-1" if i % 4 else None, "serial": f"{100 + i % 29:06d}",
                  "ticks": ["purpose:payment"] if i % 2 else [], "minor": i % 9 == 0,
                  "guardian_relation": "母亲" if i % 9 == 0 else None, "refused": i % 11 == 0,
                  "staff": "李" if i % 6 else None}
        rows.append((i + 2, person, fields))
    return rows


def _fixed(monkeypatch: pytest.MonkeyPatch) -> None:
    counter = itertools.count()
    monkeypatch.setattr(store.secrets, "token_bytes", lambda n: next(counter).to_bytes(n, "big"))
    monkeypatch.setattr(store.secrets, "token_hex", lambda n: next(counter).to_bytes(n, "big").hex())


def _dump(reg: Register) -> tuple:
    conn = reg.connection
    return tuple(tuple(map(tuple, conn.execute(sql))) for sql in (
        "SELECT * FROM entries ORDER BY seq", "SELECT * FROM people ORDER BY rowid",
        "SELECT * FROM standing ORDER BY person_id, scenario_id"))


@pytest.mark.parametrize("chunk", [1000, 3])
def test_an_import_stores_what_recording_each_row_at_the_counter_stores(tmp_path: Path, monkeypatch, chunk):
    clock = lambda: "2026-11-02T09:00:00+00:00"  # noqa: E731
    _fixed(monkeypatch)
    with Register.create(tmp_path / "one.register.sqlite", register_id="r", clock=clock) as one:
        one.record_printed("000120", "000125", scenario_id="s-2", form_kind="guardian", version="G-1", day=DAY)
        consent(one, "客人3", "0003")
        refused = []
        for line, person, fields in _rows():
            try:
                one.record_consent(person, **fields)
            except store.EntryError as err:
                refused.append((line, str(err)))
        expected = _dump(one)
    _fixed(monkeypatch)
    monkeypatch.setattr(store, "_IMPORT_CHUNK", chunk)
    with Register.create(tmp_path / "all.register.sqlite", register_id="r", clock=clock) as reg:
        reg.record_printed("000120", "000125", scenario_id="s-2", form_kind="guardian", version="G-1", day=DAY)
        consent(reg, "客人3", "0003")
        done, bad = reg.import_consents(_rows())
        assert [(line, str(err)) for line, err in bad] == refused
        assert len(refused) > 5 and len(done) > 20
        assert _dump(reg) == expected
        assert reg.verify().ok


def test_an_import_leaves_garbage_collection_on_whether_it_succeeds_or_fails(reg):
    import gc

    assert gc.isenabled()
    reg.import_consents([(2, Person("王芳"), {"day": DAY, "scenario_id": "s-1"})])
    assert gc.isenabled()
    with pytest.raises(TypeError):
        reg.import_consents([(2, Person("李娜"), {"scenario_id": "s-1"})])  # no day: a caller's mistake
    assert gc.isenabled() and reg.count() == 1


def test_a_withdrawal_reads_only_that_persons_standing(reg):
    reg.import_consents((i, Person(f"客人{i}", member_no=f"M{i}"), {"day": DAY, "scenario_id": "s-1"})
                        for i in range(300))
    pid = _owner_of_member(reg, "M150")
    steps = []
    reg.connection.set_progress_handler(lambda: steps.append(1), 10)
    reg.withdraw(pid, day=DAY, channel="phone", deletion_days=15)
    reg.connection.set_progress_handler(None, 0)
    # SQLite's work for the whole withdrawal (a tick per 10 instructions): 35
    # ticks, whatever the register's size; walking every consent took 185 here.
    assert len(steps) < 80, len(steps)


def _owner_of_member(reg: Register, member: str) -> str:
    return reg.connection.execute("SELECT person_id FROM people WHERE member_no = ?", (member,)).fetchone()[0]


def test_an_import_keeps_sqlites_page_cache_at_its_bounded_size(reg):
    before = reg.connection.execute("PRAGMA cache_size").fetchone()[0]
    during = []

    def rows():
        for i in range(3):
            during.append(reg.connection.execute("PRAGMA cache_size").fetchone()[0])
            yield (i + 2, Person(f"客人{i}"), {"day": DAY, "scenario_id": "s-1"})

    assert len(reg.import_consents(rows())[0]) == 3
    assert during == [before] * 3 and reg.connection.execute("PRAGMA cache_size").fetchone()[0] == before


def test_a_serial_repeated_far_down_a_long_file_names_the_line_it_was_first_on(reg, monkeypatch):
    from signdesk.register import csvfiles

    monkeypatch.setattr(csvfiles, "_BLOCK", 3)  # the file is read three rows at a time
    rows = [f"{100 + i:06d},客人{i},,{i:04d},2026-11-01," for i in range(7)]
    rows += ["000102,李娜,,4321,2026-11-01,", "000107,赵磊,,1111,2026-11-01,", "000107,钱多,,2222,2026-11-01,"]
    report = import_csv(reg, _csv(*rows), load(SHOP))
    assert report.written == 8 and _people(reg) == 8
    assert [(line, str(err)) for line, err in report.skipped] == [
        (9, str(store.EntryError("Form {serial} appears twice in the file (first on line {line}).",
                                 serial="000102", line=4))),
        (11, str(store.EntryError("Form {serial} appears twice in the file (first on line {line}).",
                                  serial="000107", line=10)))]
    assert _owner(reg, "000107") == reg.connection.execute(
        "SELECT person_id FROM people WHERE name = '赵磊'").fetchone()[0]


def test_a_file_saved_by_chinese_excel_in_gb18030_or_with_a_bom_is_read(reg):
    table = "编号,姓名,手机后四位,日期\n000101,王芳,1234,2026-11-01\n000102,李娜,4321,2026-11-01\n"
    report = import_csv(reg, table.encode("gb18030"), load(SHOP))
    assert report.written == 2 and not report.skipped
    assert reg.person(_owner(reg, "000101")).name == "王芳"
    report = import_csv(reg, ("\ufeff" + table.replace("0001", "0002")).encode("utf-8"), load(SHOP))
    assert report.written == 2 and reg.person(_owner(reg, "000202")).name == "李娜"
    with pytest.raises(store.RegisterError, match="neither UTF-8 nor GB18030"):
        import_csv(reg, b"\xff\xfe\x00" * 10, load(SHOP))


def _python_peak_of_import(tmp_path: Path, n: int) -> int:
    import tracemalloc

    raw = _csv(*(f"{i:06d},客人{i:06d},M{i:06d},{i % 10000:04d},2026-11-01,purpose:payment" for i in range(n)))
    project = load(SHOP)
    with Register.create(tmp_path / f"{n}.register.sqlite") as reg:
        tracemalloc.start()
        try:
            report = import_csv(reg, raw, project)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    assert report.written == n
    return peak


def test_an_import_takes_no_more_memory_for_a_longer_file(tmp_path: Path):
    # Rows are read, checked and written a thousand at a time and none is
    # kept, so three times the rows take about the same memory (before: 2.2
    # times as much, every row's fields and entry being kept to the end).
    short, long = _python_peak_of_import(tmp_path, 2000), _python_peak_of_import(tmp_path, 6000)
    assert long < short * 1.25, (short, long)


def _python_peak_of_export(tmp_path: Path, n: int) -> tuple[int, bytes]:
    import tracemalloc

    from signdesk.register.csvfiles import export_csv, write_csv

    with Register.create(tmp_path / f"x{n}.register.sqlite") as reg:
        reg.import_consents((i, Person(f"客人{i:06d}", member_no=f"M{i:06d}"), {"day": DAY, "scenario_id": "s-1"})
                            for i in range(n))
        target = tmp_path / f"x{n}.csv"
        with open(target, "wb") as fh:
            tracemalloc.start()
            try:
                write_csv(reg, fh, load(SHOP))
                peak = tracemalloc.get_traced_memory()[1]
            finally:
                tracemalloc.stop()
        written = target.read_bytes()
        assert written == export_csv(reg, load(SHOP))
    return peak, written


def test_an_export_is_written_as_it_is_read_whatever_the_registers_length(tmp_path: Path):
    (short, _), (long, written) = _python_peak_of_export(tmp_path, 1500), _python_peak_of_export(tmp_path, 4500)
    lines = written.decode("utf-8-sig").splitlines()
    assert written.startswith(b"\xef\xbb\xbf") and len(lines) == 4501 and "客人004499" in lines[-1]
    # Before, the whole CSV was built in memory: three times the entries took
    # three times the memory.
    assert long < short * 1.25, (short, long)
