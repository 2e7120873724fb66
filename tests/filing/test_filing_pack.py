"""The filing pack: re-importable JSON, formula-safe CSV, the zip, the missing list."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile

import pypdf
import pytest

from signdesk.cli import main
from signdesk.filing.pack import (
    ATTACHMENTS,
    CSV_NAME,
    JSON_NAME,
    PIA_NAME,
    SUMMARY_NAME,
    ZIP_NAME,
    FilingFileError,
    build_filing,
    csv_safe,
    filing_csv_bytes,
    filing_json_bytes,
    filing_type,
    import_filing,
)
from signdesk.documents.filing_pack import filing_files
from signdesk.model import dumps, load


@pytest.fixture
def compound(examples_dir):
    return load(examples_dir / "residential_compound.signdesk")


def test_json_round_trip_gives_the_identical_project(compound, today):
    back = import_filing(filing_json_bytes(build_filing(compound, today)))
    assert dumps(back) == dumps(compound)


def test_cli_export_then_import_gives_the_identical_project(compound, examples_dir, tmp_path):
    src = examples_dir / "residential_compound.signdesk"
    assert main(["export", str(src), "--filing", "-o", str(tmp_path / "pack"), "--today", "2026-11-22"]) == 0
    for name in (JSON_NAME, ZIP_NAME):
        out = tmp_path / f"back-{name}.signdesk"
        assert main(["import-filing", str(tmp_path / "pack" / name), "-o", str(out)]) == 0
        assert dumps(load(out)) == dumps(compound)


def test_import_does_not_overwrite_a_project_without_force(compound, examples_dir, tmp_path, capsys):
    src = examples_dir / "residential_compound.signdesk"
    assert main(["export", str(src), "--filing", "-o", str(tmp_path / "pack"), "--today", "2026-11-22"]) == 0
    out = tmp_path / "back.signdesk"
    out.write_text("mine", encoding="utf-8")
    capsys.readouterr()
    for lang, words in (("en", "already exists; use --force"), ("zh", "已存在；如要覆盖，请加上 --force")):
        assert main(["import-filing", str(tmp_path / "pack" / JSON_NAME), "-o", str(out), "--lang", lang]) == 2
        err = capsys.readouterr().err
        assert err.startswith("signdesk: ") and words in err and err.count("\n") == 1, err
    assert out.read_text(encoding="utf-8") == "mine"
    assert main(["import-filing", str(tmp_path / "pack" / JSON_NAME), "-o", str(out), "--force"]) == 0
    assert dumps(load(out)) == dumps(compound)


def test_import_rejects_a_file_that_is_not_a_filing(tmp_path):
    with pytest.raises(FilingFileError):
        import_filing(b'{"format": "something-else"}')
    with pytest.raises(FilingFileError):
        import_filing(b"\xff\xfe not json")


def test_json_names_the_deadline_type_attachments_and_missing_fields(compound, today):
    data = json.loads(filing_json_bytes(build_filing(compound, today)))
    assert data["filing_type"] == "initial"
    # threshold 2 March 2026 + 30 PRC working days (Qingming on 4-6 April is off)
    assert data["deadline"] == {"due": "2026-04-14", "confirmed": True}
    assert {a["key"] for a in data["attachments"]} == {key for key, _l, _f in ATTACHMENTS}
    assert "pia.pia_assessor" in {m["field"] for m in data["missing"]}
    assert data["handler"]["uscc"]["value"] == compound.business["uscc"]
    assert len(data["scenarios"]) == len(compound.scenarios)


def test_filing_type_follows_the_headcount_answers():
    assert filing_type({"people_stored": 150_000, "filing_status": "not_filed"}) == "initial"
    assert filing_type({"people_stored": 150_000, "filing_status": "filed", "filing_changed": True}) == "change"
    assert filing_type({"filing_status": "filed", "filing_changed": True, "stopped_using": True}) == "cancellation"
    assert filing_type({"people_stored": 500}) == "none"


def test_legacy_handler_deadline_is_14_july_2025(compound, today):
    compound.business["threshold_date"] = dt.date(2024, 5, 1)
    assert build_filing(compound, today).deadline.due == dt.date(2025, 7, 14)


@pytest.mark.parametrize("cell", ["=HYPERLINK(\"http://x\")", "+86 21 5555", "-1+2", "@SUM(A1)", "\tx", "\rx"])
def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(cell):
    assert csv_safe(cell) == "'" + cell


def test_csv_export_neutralises_owner_text_and_opens_in_excel(compound, today):
    compound.business["operator_name"] = "=cmd|' /C calc'!A0"
    compound.scenarios[0].answers["location"] = "@evil"
    raw = filing_csv_bytes(build_filing(compound, today))
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads the Chinese correctly
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    cells = [c for r in rows for c in r]
    assert "'=cmd|' /C calc'!A0" in cells and "'@evil" in cells
    assert not any(c.startswith(("=", "+", "-", "@", "\t", "\r")) for c in cells)
    assert "统一社会信用代码" in raw.decode("utf-8-sig")


def test_zip_holds_every_file_sorted_with_fixed_times_and_a_readable_pia(compound, today):
    files = filing_files(compound, today)
    with zipfile.ZipFile(io.BytesIO(files[ZIP_NAME])) as zf:
        infos = zf.infolist()
        names = [i.filename for i in infos]
        assert names == sorted([CSV_NAME, JSON_NAME, PIA_NAME, SUMMARY_NAME])
        assert {i.date_time for i in infos} == {(2025, 6, 1, 0, 0, 0)}
        pia = pypdf.PdfReader(io.BytesIO(zf.read(PIA_NAME)))
        text = pia.pages[0].extract_text()
    assert "个人信息保护影响评估报告" in text and "impact assessment report" in text
    assert filing_files(compound, today)[ZIP_NAME] == files[ZIP_NAME]  # deterministic


def test_summary_pdf_lists_missing_fields_in_both_languages(compound, today):
    compound.business.pop("uscc")
    files = filing_files(compound, today)
    text = "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(files[SUMMARY_NAME])).pages)
    assert "缺少的信息" in text and "Missing information" in text
    assert "【未回答】" in text and "[NOT ANSWERED]" in text
    missing = json.loads(files[JSON_NAME])["missing"]
    assert "handler.uscc" in {m["field"] for m in missing}


def test_the_pack_names_who_files_and_the_group_companies_it_covers(compound, today):
    """Reference §G: the filing agent, and a group filing's list of covered companies."""
    compound.business.pop("filing_agent", None)
    compound.business.update(group_filing=True)
    compound.business.pop("group_members", None)
    missing = {m["field"] for m in json.loads(filing_json_bytes(build_filing(compound, today)))["missing"]}
    assert {"handler.filing_agent", "handler.group_members"} <= missing

    members = "杭州安居物业滨江分公司 91330108MA2B3C4D5E；=SUM(A1)"
    compound.business.update(filing_agent="周敏", filing_agent_phone="0571-8888 6667", group_members=members)
    pack = build_filing(compound, today)
    data = json.loads(filing_json_bytes(pack))
    assert data["handler"]["filing_agent"]["value"] == "周敏"
    assert data["handler"]["group_members"]["value"] == members
    assert not {"handler.filing_agent", "handler.group_members"} & {m["field"] for m in data["missing"]}
    cells = [c for r in csv.reader(io.StringIO(filing_csv_bytes(pack).decode("utf-8-sig"))) for c in r]
    assert "周敏" in cells and members in cells and "经办人电话" in "".join(cells)


def test_no_filing_due_asks_for_no_agent(compound, today):
    compound.business["people_stored"] = 500
    fields = {f.key for f in build_filing(compound, today).fields}
    assert not {"filing_agent", "group_filing", "group_members"} & fields


def test_attachments_are_the_eight_items_of_the_online_system_in_its_order(compound, today):
    # Reference §I1: two online forms, the assessment report, the credit-code certificate, two ID scans,
    # the authorisation letter and the commitment letter.
    data = json.loads(filing_json_bytes(build_filing(compound, today)))
    assert [a["key"] for a in data["attachments"]] == [
        "handler_form", "filing_form", "pia_report", "uscc_certificate", "legal_rep_id", "agent_id",
        "authorisation_letter", "commitment_letter"]
    assert [a["status"] for a in data["attachments"]].count("included") == 1
