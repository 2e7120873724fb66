"""``signdesk-cli render … --serials``: numbered forms printed and recorded in the register."""

from __future__ import annotations

import datetime as dt

from pypdf import PdfReader
from signdesk.cli import main
from signdesk.documents.consent import MAX_NUMBERED_RUN, form_version
from signdesk.model import load
from signdesk.register import Register, register_path
from signdesk.register.store import parse_serial_run

SC = "s-till"
TODAY = "2026-11-22"


def _render(capsys, shop_path, out, *extra):
    status = main(["render", str(shop_path), "-o", str(out), "--today", TODAY, *map(str, extra)])
    got = capsys.readouterr()
    return status, got.out, got.err


def _serials(shop_path):
    with Register.open(register_path(shop_path), lock=False, read_only=True) as reg:
        return [tuple(r) for r in reg.connection.execute(
            "SELECT serial, scenario_id, form_kind, version FROM serials ORDER BY serial")]


def test_a_run_is_printed_one_form_per_serial_and_recorded_for_the_form_version(shop_path, tmp_path, capsys):
    out = tmp_path / "out"
    status, text, err = _render(capsys, shop_path, out, "--serials", "000101-000200", "--lang", "en")
    assert status == 0, err
    pdf = out / "consent-收银台刷脸支付-000101-000200.pdf"
    assert pdf.exists() and str(pdf) in text
    assert (out / "consent-收银台刷脸支付.pdf").exists()  # the unnumbered form as always
    assert "Forms 000101 to 000200 recorded in the register" in text
    project = load(shop_path)
    version = form_version(project, project.scenario(SC), False, dt.date.fromisoformat(TODAY)).code
    rows = _serials(shop_path)
    assert len(rows) == 100 and rows[0] == ("000101", SC, "adult", version) and rows[-1][0] == "000200"
    pages = PdfReader(pdf).pages
    assert len(pages) % 100 == 0
    assert "000200" in pages[-1].extract_text()
    # the register now belongs to the project, and the history holds the run
    with Register.open(register_path(shop_path), lock=False, read_only=True) as reg:
        assert reg.register_id == project.register_id
        (entry,) = [e for e in reg.entries() if e.kind == "forms_printed"]
        assert entry.data == {"first": "000101", "last": "000200", "form_kind": "adult"}
        assert entry.version == version and reg.verify().ok


def test_an_overlapping_run_is_refused_naming_the_overlap_and_nothing_is_written(shop_path, tmp_path, capsys):
    assert _render(capsys, shop_path, tmp_path / "a", "--serials", "000101-000200")[0] == 0
    out = tmp_path / "b"
    status, _text, err = _render(capsys, shop_path, out, "--serials", "000150-000250", "--lang", "en")
    assert status == 2
    assert "51 serials of this run were already printed (000150 to 000200)" in err
    assert not out.exists()
    assert len(_serials(shop_path)) == 100
    status, _text, err = _render(capsys, shop_path, out, "--serials", "000200-000300", "--lang", "zh")
    assert status == 2 and "编号 000200 已经印制过" in err


def test_a_run_of_more_than_1000_is_refused(shop_path, tmp_path, capsys):
    status, _text, err = _render(capsys, shop_path, tmp_path / "out", "--serials", "000001-001001", "--lang", "en")
    assert status == 2 and "At most 1000 forms" in err
    assert not (tmp_path / "out").exists() and not register_path(shop_path).exists()
    # 1000 is allowed (printing them takes some seconds: checked on the run alone)
    assert len(parse_serial_run("000001-001000", MAX_NUMBERED_RUN)) == 1000


def test_a_run_written_wrongly_is_told_in_the_users_language(shop_path, tmp_path, capsys):
    status, _text, err = _render(capsys, shop_path, tmp_path / "out", "--serials", "101 to 200", "--lang", "zh")
    assert status == 2 and "不是一段编号" in err and "000101-000200" in err
    status, _text, err = _render(capsys, shop_path, tmp_path / "out", "--serials", "000200-000101", "--lang", "en")
    assert status == 2 and "The last serial comes before the first." in err
    assert not register_path(shop_path).exists()


def test_a_guardian_form_the_project_does_not_need_is_refused(shop_path, tmp_path, capsys):
    status, _text, err = _render(capsys, shop_path, tmp_path / "out", "--serials", "000101-000110", "--guardian",
                                 "--lang", "en")
    assert status == 2 and "needs no guardian consent form" in err


def test_a_run_in_large_print_is_its_own_file_recorded_for_the_same_form_version(shop_path, tmp_path, capsys):
    out = tmp_path / "out"
    status, text, err = _render(capsys, shop_path, out, "--serials", "000101-000102", "--serials-large-print",
                                "--lang", "en")
    assert status == 0, err
    large = out / "consent-收银台刷脸支付-000101-000102-large-print.pdf"
    assert large.exists() and str(large) in text
    assert not (out / "consent-收银台刷脸支付-000101-000102.pdf").exists()
    project = load(shop_path)
    version = form_version(project, project.scenario(SC), False, dt.date.fromisoformat(TODAY)).code
    assert _serials(shop_path) == [("000101", SC, "adult", version), ("000102", SC, "adult", version)]
    pages = PdfReader(large).pages
    # Each copy carries its own serial, in large print on as many pages as one large-print form takes.
    per_copy = len(pages) // 2
    assert "000101" in pages[0].extract_text() and "000102" in pages[per_copy].extract_text()
