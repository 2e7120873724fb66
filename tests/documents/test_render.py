"""render_all and `signdesk render`: every document, clear names, same bytes each time."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from signdesk.errors import UserInputError

from pdf_checks import assert_fonts_embedded
from signdesk.cli import main
from signdesk.documents.render import render_all
from signdesk.documents.textfit import TextDoesNotFitError
from signdesk.model import load

TODAY = dt.date(2026, 11, 22)


def _project(name: str):
    from signdesk.paths import EXAMPLES_DIR as EXAMPLES
    return load(EXAMPLES / f"{name}.signdesk")


def test_training_centre_gets_signs_forms_guardian_form_page_and_report(tmp_path: Path) -> None:
    written = render_all(_project("training_centre"), tmp_path, ["A4", "A3"], ["portrait", "landscape"], TODAY)
    names = [p.name for p in written]
    assert names == [
        "sign-学员签到-A4-portrait.pdf", "sign-学员签到-A4-landscape.pdf",
        "sign-学员签到-A3-portrait.pdf", "sign-学员签到-A3-landscape.pdf",
        "consent-学员签到.pdf", "guardian-consent-学员签到.pdf", "optout.html", "pia-report.pdf",
        "compliance-report.pdf",
    ]
    for p in written:
        if p.suffix == ".pdf":
            assert_fonts_embedded(p.read_bytes())
    assert sorted(x.name for x in tmp_path.iterdir()) == sorted(names)  # no temp files left


def test_same_project_and_options_give_identical_bytes(tmp_path: Path) -> None:
    project = _project("small_hotel")
    a = render_all(project, tmp_path / "a", ["A5"], ["portrait"], TODAY)
    b = render_all(project, tmp_path / "b", ["A5"], ["portrait"], TODAY)
    assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b]


def test_user_error_leaves_the_folder_untouched(tmp_path: Path) -> None:
    project = _project("bubble_tea_shop")
    # A name longer than any answer may be: kept from an old file, it is refused when printing.
    project.business["operator_name"] = "上海柠檬茶饮" * 80
    with pytest.raises(UserInputError):
        render_all(project, tmp_path / "out", ["A5"], ["portrait"], TODAY)
    assert not (tmp_path / "out").exists()


def test_cli_lists_the_files_it_wrote(tmp_path: Path, capsys) -> None:
    from signdesk.paths import EXAMPLES_DIR as EXAMPLES
    status = main(["render", str(EXAMPLES / "bubble_tea_shop.signdesk"), "-o", str(tmp_path),
                   "--sizes", "A4,LETTER", "--orientation", "both", "--today", "2026-11-22", "--lang", "en"])
    out = capsys.readouterr().out
    assert status == 0
    assert "8 files written" in out
    for name in ("sign-收银台刷脸支付-Letter-landscape.pdf", "consent-收银台刷脸支付.pdf", "optout.html",
                 "compliance-report.pdf"):
        assert name in out and (tmp_path / name).exists()


def test_cli_reports_a_bad_link_in_one_line(tmp_path: Path, capsys) -> None:
    project_file = tmp_path / "p.signdesk"
    from signdesk.model import save
    project = _project("bubble_tea_shop")
    project.business["optout_url"] = "http://lemontea.example.cn/x"
    save(project, project_file)
    status = main(["render", str(project_file), "-o", str(tmp_path / "out"), "--lang", "zh"])
    err = capsys.readouterr().err
    assert status == 2 and "https://" in err and "Traceback" not in err


def test_a_business_over_100000_people_gets_the_filing_pack_with_its_documents(tmp_path: Path) -> None:
    # The compound has not fixed how long it keeps faces: its signs and forms print only as drafts.
    written = render_all(_project("residential_compound"), tmp_path, ["A4"], ["portrait"], TODAY, draft=True)
    names = {p.name for p in written}
    assert {"pia-report.pdf", "filing.json", "filing.csv", "filing-summary.pdf", "filing-pack.zip"} <= names
    # the bubble-tea shop stores 4,200 people: no filing pack for it
    small = {p.name for p in render_all(_project("bubble_tea_shop"), tmp_path / "small", ["A4"], ["portrait"], TODAY)}
    assert "filing-pack.zip" not in small and "pia-report.pdf" in small


def _body_size(pdf: bytes) -> float:
    """The size most of a PDF's characters are set in."""
    from collections import Counter

    from pdf_checks import text_origins
    counts: Counter[float] = Counter()
    for page in text_origins(pdf):
        for _x, _y, size, text in page:
            counts[round(size, 1)] += len(text)
    return counts.most_common(1)[0][0]


def test_render_large_print_adds_a_large_print_edition_of_each_consent_form(tmp_path: Path, capsys) -> None:
    from signdesk.paths import EXAMPLES_DIR
    code = main(["render", str(EXAMPLES_DIR / "training_centre.signdesk"), "-o", str(tmp_path),
                 "--today", "2026-11-22", "--large-print"])
    assert code == 0
    for name in ("consent-学员签到", "guardian-consent-学员签到"):
        normal, large = (tmp_path / f"{name}.pdf").read_bytes(), (tmp_path / f"{name}-large-print.pdf").read_bytes()
        body = [_body_size(normal), _body_size(large)]
        assert body[1] >= 14 and body[1] >= body[0] + 3, body
    assert f"{name}-large-print.pdf" in capsys.readouterr().out
    # Without the option, no large-print file.
    other = tmp_path / "plain"
    assert main(["render", str(EXAMPLES_DIR / "training_centre.signdesk"), "-o", str(other),
                 "--today", "2026-11-22"]) == 0
    assert not list(other.glob("*large-print*"))
