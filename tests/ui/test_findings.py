"""Findings follow the answers, and lead back to the question behind them."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

PRIVATE_SPACE = "Face-recognition device inside a private space"


def click_box(qtbot, box):
    """Click on the box itself (a wide check box only reacts on its box and text)."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def test_a_finding_appears_and_disappears_as_answers_change(window, dialogs, qtbot):
    dialogs.texts.append("Changing room gate")
    qtbot.mouseClick(window.navigator.buttons["add"], Qt.MouseButton.LeftButton)
    page = window.current_page()
    assert PRIVATE_SPACE not in window.findings.titles()

    toilet = page.rows["private_spaces"].field.boxes["toilet"]
    click_box(qtbot, toilet)
    qtbot.waitUntil(lambda: PRIVATE_SPACE in window.findings.titles())
    card = next(c for c in window.findings.cards if c.title.text() == PRIVATE_SPACE)
    assert card.finding.severity.value == "violation"
    texts = [label.text() for label in card.findChildren(type(card.title))]
    assert any("FR Measures art." in t for t in texts)  # the article cited
    assert any(t.startswith("Why: ") for t in texts) and any(t.startswith("How to fix: ") for t in texts)
    assert window.findings.summary.text().startswith("Violations: 1")
    assert "(1)" in window.side.tabText(0)

    # "None of these" clears the other choices, and the violation goes away.
    click_box(qtbot, page.rows["private_spaces"].field.boxes["none"])
    assert not toilet.isChecked()
    qtbot.waitUntil(lambda: PRIVATE_SPACE not in window.findings.titles())
    assert window.findings.summary.text().startswith("Violations: 0")


def test_clicking_a_finding_jumps_to_its_question(make_window, examples_dir, qtbot):
    window = make_window(examples_dir / "training_centre.signdesk")
    card = next(c for c in window.findings.cards if c.finding.triggers and c.finding.scenario_id)
    trigger = card.finding.triggers[0]
    window.navigator.select(("business", None))
    qtbot.mouseClick(card, Qt.MouseButton.LeftButton)
    from signdesk.questions import QUESTION_BY_ID

    section = QUESTION_BY_ID[trigger.question_id].section
    assert window.navigator.current_key() == (section, card.finding.scenario_id)
    page = window.current_page()
    assert page.scenario.id == card.finding.scenario_id
    row = page.rows[trigger.question_id]
    assert row.isAncestorOf(window.focusWidget())


def test_documents_the_business_needs_are_listed(make_window, examples_dir):
    window = make_window(examples_dir / "bubble_tea_shop.signdesk")
    listed = window.findings.documents.text()
    assert "Prominent notice sign — 收银台刷脸支付" in listed
    assert "Opt-out web page" in listed
    assert window.findings.summary.text().startswith("Violations: 0")


def test_the_summary_counts_unanswered_questions_until_none_is_left(window, examples_dir, qtbot):
    from signdesk.model import unanswered_questions

    # Nothing answered: the panel says how much is open and never "No problems found".
    count = len(unanswered_questions(window.project))
    assert window.findings.incomplete.isVisible()
    assert window.findings.incomplete.text().startswith(f"Unanswered questions: {count}.")
    assert "may be incomplete" in window.findings.incomplete.text()
    assert not any(label.text() == "No problems found."
                   for label in window.findings.body.findChildren(type(window.findings.summary)))

    # One answer typed: one fewer open question.
    edit = window.current_page().rows["operator_name"].field.edit
    qtbot.keyClicks(edit, "Lemon Tea Co.")
    qtbot.waitUntil(lambda: window.findings.incomplete.text().startswith(f"Unanswered questions: {count - 1}."))

    window.setWindowModified(False)
    assert window.open_path(examples_dir / "bubble_tea_shop.signdesk")
    assert not window.findings.incomplete.isVisible()
