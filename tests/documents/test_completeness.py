"""Reports say how much is still unanswered; the compliant example has nothing left to answer."""

from __future__ import annotations

import datetime as dt

from pdf_checks import text_of
from signdesk.documents.pia_report import render_pia_report
from signdesk.documents.report import render_report
from signdesk.i18n import translate
from signdesk.model import Project, load, unanswered_questions
from signdesk.paths import EXAMPLES_DIR

TODAY = dt.date(2026, 11, 22)


def _flat(text: str) -> str:
    return "".join(text.split())


def test_the_compliance_report_of_a_half_answered_project_says_how_many_are_open() -> None:
    project = Project(business={"operator_name": "上海柠檬茶饮有限公司"})
    project.add_scenario("收银台", "payment")
    count = len(unanswered_questions(project))
    text = _flat(text_of(render_report(project, TODAY)))
    assert _flat(f"Unanswered questions: {count}.") in text
    assert _flat(f"未回答的问题：{count} 个") in text
    assert "Noproblemsfound" not in text and _flat("Nothing to fix in the answers given so far.") in text


def test_the_compliant_example_is_complete_in_its_reports() -> None:
    project = load(EXAMPLES_DIR / "bubble_tea_shop.signdesk")
    assert unanswered_questions(project) == []
    gap_note = "items are not answered yet"
    assert gap_note not in " ".join(text_of(render_pia_report(project, TODAY)).split())
    report = _flat(text_of(render_report(project, TODAY)))
    assert "Unanswered" not in report and _flat(translate("en", "No problems found.")) in report


def test_optional_and_hidden_questions_are_not_counted() -> None:
    project = load(EXAMPLES_DIR / "bubble_tea_shop.signdesk")
    project.business.pop("operator_name_en")  # optional
    project.business["pia_done"] = False  # hides the assessment's date, assessor and version
    project.business.pop("pia_date")
    assert unanswered_questions(project) == []
    project.business.pop("contact_email")
    assert [u.question_id for u in unanswered_questions(project)] == ["contact_email"]
