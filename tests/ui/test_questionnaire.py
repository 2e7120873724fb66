"""The questionnaire is built from the question definitions and driven by keyboard and mouse."""

from __future__ import annotations

from PySide6.QtCore import Qt

from signdesk.questions import SECTIONS, Kind, Scope, questions_in
from signdesk.ui.widgets import ChoiceField, MultiField, TextField, YesNoField


def add_scenario(window, dialogs, qtbot, name="Front gate"):
    dialogs.texts.append(name)
    qtbot.mouseClick(window.navigator.buttons["add"], Qt.MouseButton.LeftButton)
    return window.project.scenarios[-1]


def test_every_question_of_a_section_gets_a_widget_of_its_kind(window, dialogs, qtbot):
    scenario = add_scenario(window, dialogs, qtbot)
    widget_for = {Kind.YES_NO: YesNoField, Kind.CHOICE: ChoiceField, Kind.MULTI: MultiField}
    for section in SECTIONS:
        key = (section.id, scenario.id if section.scope is Scope.SCENARIO else None)
        page = window.page(key)
        assert list(page.rows) == [q.id for q in questions_in(section.id)]
        for q in questions_in(section.id):
            assert isinstance(page.rows[q.id].field, widget_for.get(q.kind, TextField))


def test_fill_a_scenario_by_keyboard_and_mouse(window, dialogs, qtbot):
    scenario = add_scenario(window, dialogs, qtbot)
    assert window.navigator.current_key() == ("place", scenario.id)
    page = window.current_page()
    assert page.heading.text().startswith("Front gate")

    location = page.rows["location"].field.edit
    location.setFocus()
    qtbot.keyClicks(location, "Main entrance, ground floor")
    assert scenario.answers["location"] == "Main entrance, ground floor"
    assert window.isWindowModified()
    assert "[*]" in window.windowTitle()

    # A follow-up question appears only once it is relevant.
    assert page.rows["public_reuse"].isHidden()
    qtbot.mouseClick(page.rows["public_place"].field.yes, Qt.MouseButton.LeftButton)
    assert scenario.answers["public_place"] is True
    assert not page.rows["public_reuse"].isHidden()
    qtbot.mouseClick(page.rows["public_place"].field.no, Qt.MouseButton.LeftButton)
    assert page.rows["public_reuse"].isHidden()

    # A choice picked with the keyboard.
    combo = page.rows["scenario_kind"].field.combo
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert scenario.answers["scenario_kind"] == "entrance_gate"

    # Progress beside the section follows the answers.
    item = window.navigator.item_for(("place", scenario.id))
    done, total = map(int, item.text(1).split("/"))
    assert done == 3 and total == len([r for r in page.rows.values() if not r.isHidden()])


def test_typed_input_is_checked_as_typed(window, qtbot):
    window.navigator.select(("headcount", None))
    row = window.current_page().rows["people_stored"]
    qtbot.keyClicks(row.field.edit, "lots")
    assert "Enter a number" in row.problem
    assert row.error.isVisible()
    assert "people_stored" not in window.project.business
    row.field.edit.clear()
    qtbot.keyClicks(row.field.edit, "120000")
    assert row.problem == "" and not row.error.isVisible()
    assert window.project.business["people_stored"] == 120_000
    # The answer makes the filing questions relevant.
    assert not window.current_page().rows["filing_status"].isHidden()


def test_enter_moves_to_the_next_question_then_the_next_section(window, qtbot):
    window.navigator.select(("business", None))
    page = window.current_page()
    first = page.rows["operator_name"].field.edit
    first.setFocus()
    qtbot.keyClicks(first, "Lemon Tea")  # QTest types ASCII only
    qtbot.keyClick(first, Qt.Key.Key_Return)
    assert page.rows["operator_name_en"].field.edit.hasFocus()
    page.next_button.setFocus()
    qtbot.keyClick(page.next_button, Qt.Key.Key_Return)
    assert window.navigator.current_key() == ("headcount", None)


def test_scenarios_renamed_duplicated_removed(window, dialogs, qtbot):
    scenario = add_scenario(window, dialogs, qtbot, "Till")
    scenario.answers["location"] = "Counter"
    dialogs.texts.append("Cash desk")
    qtbot.mouseClick(window.navigator.buttons["rename"], Qt.MouseButton.LeftButton)
    assert scenario.name == "Cash desk"
    assert window.navigator.tree.topLevelItem(1).text(0) == "Cash desk"

    dialogs.texts.append("Second till")
    qtbot.mouseClick(window.navigator.buttons["duplicate"], Qt.MouseButton.LeftButton)
    copy = window.project.scenarios[1]
    assert copy.name == "Second till" and copy.answers["location"] == "Counter"

    dialogs.confirm_answer = True
    qtbot.mouseClick(window.navigator.buttons["remove"], Qt.MouseButton.LeftButton)
    assert [s.name for s in window.project.scenarios] == ["Cash desk"]
    assert window.navigator.tree.topLevelItemCount() == 2


def test_an_empty_scenario_name_is_refused(window, dialogs, qtbot):
    dialogs.texts.extend(["   ", "Gate"])
    qtbot.mouseClick(window.navigator.buttons["add"], Qt.MouseButton.LeftButton)
    assert dialogs.errors and "1 to 60" in dialogs.errors[0][1]
    assert [s.name for s in window.project.scenarios] == ["Gate"]


def test_legal_terms_have_an_explanation(window, dialogs, qtbot):
    scenario = add_scenario(window, dialogs, qtbot)
    row = window.page(("consent", scenario.id)).rows["consent_method"]
    assert "Separate consent:" in row.label.toolTip()
    row = window.page(("assessment", None)).rows["pia_done"]
    assert "impact assessment" in row.field.toolTip()


def test_after_adding_a_scenario_typing_goes_into_its_first_question(window, dialogs, qtbot):
    scenario = add_scenario(window, dialogs, qtbot, "Till")
    page = window.current_page()
    assert page.scenario is scenario
    first = page.visible_rows()[0]
    assert window.focusWidget() is first.field.focus_target()


def test_removing_the_scenario_on_screen_shows_the_same_section_of_another(make_window, examples_dir, dialogs, qtbot):
    window = make_window(examples_dir / "small_hotel.signdesk")
    first, second = window.project.scenarios
    window.side.setCurrentWidget(window.preview)
    window.navigator.select(("consent", second.id))
    qtbot.mouseClick(window.navigator.buttons["remove"], Qt.MouseButton.LeftButton)
    assert window.navigator.current_key() == ("consent", first.id)
    assert window.current_page().scenario is first
    assert window.navigator.buttons["remove"].isEnabled()
    assert window.focusWidget() is window.navigator.tree
    documents = [window.preview.documents.itemText(i) for i in range(window.preview.documents.count())]
    assert not any(second.name in d for d in documents)
