"""The welcome page a start without a project shows: new from the kind of business, examples, files."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from signdesk.model import load
from signdesk.paths import EXAMPLES_DIR
from signdesk.ui.welcome import VENUE_QUESTION


def shown_buttons(window) -> list[QPushButton]:
    return [b for b in window.welcome.findChildren(QPushButton) if b.isVisible()]


def test_a_start_without_a_project_shows_the_welcome_page_not_a_questionnaire(make_window):
    window = make_window()
    assert window.welcome_shown() and window.welcome.isVisible()
    assert not window.navigator.isVisible() and not window.stack.isVisible()
    assert window.windowTitle() == "SignDesk"
    assert window.welcome.heading.text() == "Welcome to SignDesk"
    # Every kind of business the questionnaire asks about, in its words, and nothing to save yet.
    assert [b.text() for b in window.welcome.kind_buttons.values()] == [o.label for o in VENUE_QUESTION.options]
    assert "Hotel or guesthouse" in [b.text() for b in shown_buttons(window)]
    assert not window.menus.save.isEnabled() and not window.menus.print.isEnabled()
    assert window.focusWidget() is window.welcome.first_choice()


def test_a_start_with_a_file_shows_the_file(make_window, examples_dir):
    window = make_window(examples_dir / "small_hotel.signdesk")
    assert not window.welcome_shown() and window.stack.isVisible()
    assert window.menus.save.isEnabled()


def test_choosing_the_kind_of_business_starts_a_project_with_it_answered(make_window, qtbot):
    window = make_window()
    hotel = window.welcome.kind_buttons["hotel"]
    qtbot.mouseClick(hotel, Qt.MouseButton.LeftButton)
    assert not window.welcome.isVisible() and window.stack.isVisible()
    assert window.project.business == {"venue_type": "hotel"} and window.path is None
    assert window.windowTitle().startswith("Untitled project")
    page = window.current_page()
    assert page.rows["venue_type"].isVisible()
    assert window.focusWidget() is page.rows["operator_name"].field.edit  # typing goes into the first question
    assert window.menus.save.isEnabled()


def test_the_welcome_page_works_by_keyboard(make_window, qtbot):
    window = make_window()
    first = window.welcome.first_choice()
    qtbot.keyClick(first, Qt.Key.Key_Tab)
    assert window.focusWidget() is window.welcome.kind_buttons["hotel"]  # in reading order
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Return)
    assert window.project.business["venue_type"] == "hotel" and window.stack.isVisible()


def test_an_example_opens_as_a_copy_and_saving_leaves_the_bundled_file_alone(make_window, isolated, qtbot):
    bundled = EXAMPLES_DIR / "small_hotel.signdesk"
    before = bundled.read_bytes()
    window = make_window()
    qtbot.mouseClick(window.welcome.example_buttons["small_hotel.signdesk"], Qt.MouseButton.LeftButton)
    copy = isolated / "Documents" / "SignDesk" / "small_hotel.signdesk"
    assert window.path == copy and not window.welcome_shown()
    window.navigator.select(("business", None))
    edit = window.current_page().rows["operator_name"].field.edit
    edit.clear()
    qtbot.keyClicks(edit, "Jinli Courtyard")
    window.menus.save.trigger()
    assert not window.isWindowModified()
    assert bundled.read_bytes() == before
    assert load(copy).business["operator_name"] == "Jinli Courtyard"


def test_recent_files_are_offered_and_open(make_window, dialogs, tmp_path, qtbot):
    first = make_window()
    first.menus.new.trigger()
    saved = tmp_path / "Tom & Jerry.signdesk"
    dialogs.save_answer = saved
    first.menus.save_as.trigger()

    window = make_window()
    recent = window.welcome.recent_buttons
    assert len(recent) == 1 and recent[0].isVisible() and window.welcome.recent_heading.isVisible()
    assert recent[0].text().startswith("Tom && Jerry.signdesk") and recent[0].toolTip() == str(saved.resolve())
    qtbot.mouseClick(recent[0], Qt.MouseButton.LeftButton)
    assert window.path == saved.resolve() and not window.welcome_shown()


def test_a_recent_file_that_is_gone_stays_on_the_welcome_page_and_leaves_the_list(
        make_window, dialogs, tmp_path, qtbot):
    first = make_window()
    first.menus.new.trigger()
    dialogs.save_answer = tmp_path / "gone.signdesk"
    first.menus.save_as.trigger()
    dialogs.save_answer.unlink()

    window = make_window()
    qtbot.mouseClick(window.welcome.recent_buttons[0], Qt.MouseButton.LeftButton)
    assert dialogs.errors and window.welcome_shown()
    assert window.welcome.recent_buttons == [] and not window.welcome.recent_heading.isVisible()


def test_open_a_file_from_the_welcome_page(make_window, dialogs, examples_dir, qtbot):
    window = make_window()
    dialogs.open_answer = examples_dir / "residential_compound.signdesk"
    qtbot.mouseClick(window.welcome.open_button, Qt.MouseButton.LeftButton)
    assert window.path == dialogs.open_answer and not window.welcome_shown()


def test_the_welcome_page_speaks_chinese_and_nothing_is_cut_off(make_window, dialogs, tmp_path, qtbot):
    first = make_window()
    first.menus.new.trigger()
    folder = tmp_path / "a folder with a long name" / "and another one inside it" / "门店资料" / "2026"
    folder.mkdir(parents=True)
    dialogs.save_answer = folder / "一个名字相当长的奶茶店项目文件.signdesk"
    first.menus.save_as.trigger()
    window = make_window()  # the default size on this (800 × 800) screen

    def fits() -> bool:
        buttons = shown_buttons(window)
        return (len(buttons) == 17 and all(b.width() >= b.sizeHint().width() for b in buttons)
                and not window.welcome.horizontalScrollBar().isVisible())

    for locale in ("en", "zh_CN"):
        window.language.set_locale(locale)
        qtbot.waitUntil(fits, timeout=2000)  # once the layout has run
    assert window.welcome.heading.text() == "欢迎使用 SignDesk"
    assert window.welcome.kind_buttons["hotel"].text() == "酒店或民宿"
    assert window.welcome.open_button.text() == "打开文件(&O)…"
