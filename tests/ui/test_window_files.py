"""New, open, save, recent files, autosave and crash recovery, broken files."""

from __future__ import annotations

from signdesk.model import load
from signdesk.ui.dialogs import Unsaved


def test_save_and_reopen(window, dialogs, qtbot, tmp_path, make_window):
    window.navigator.select(("business", None))
    edit = window.current_page().rows["operator_name"].field.edit
    qtbot.keyClicks(edit, "Lemon Tea Ltd")
    assert window.isWindowModified()
    target = tmp_path / "shop.signdesk"
    dialogs.save_answer = target
    window.menus.save.trigger()  # Ctrl+S; no file yet, so it asks where
    assert window.menus.save.shortcut().toString() != ""
    assert target.exists() and not window.isWindowModified()
    assert window.windowTitle().startswith("shop.signdesk")
    assert load(target).business["operator_name"] == "Lemon Tea Ltd"
    assert window.recent.paths()[0] == target.resolve()

    again = make_window(target)
    assert again.project.business["operator_name"] == "Lemon Tea Ltd"
    assert again.current_page().rows["operator_name"].field.edit.text() == "Lemon Tea Ltd"
    assert [a.toolTip() for a in again.menus.recent.actions()][0] == str(target.resolve())
    assert again.menus.recent.actions()[0].text().startswith("&1 shop.signdesk")


def test_recent_files_show_names_as_typed_and_forget_missing_ones(window, dialogs, tmp_path):
    kept, gone = tmp_path / "Tom & Jerry.signdesk", tmp_path / "moved.signdesk"
    for path in (gone, kept):
        dialogs.save_answer = path
        window.menus.save_as.trigger()
    assert window.menus.recent.actions()[0].text().startswith("&1 Tom && Jerry.signdesk")
    gone.unlink()
    window.menus.recent.actions()[1].trigger()
    assert dialogs.errors
    assert [a.toolTip() for a in window.menus.recent.actions()] == [str(kept.resolve())]


def test_a_broken_file_opens_nothing_and_says_why(make_window, dialogs, examples_dir, tmp_path):
    window = make_window(examples_dir / "bubble_tea_shop.signdesk")
    broken = tmp_path / "broken.signdesk"
    broken.write_text('{"format": "signdesk-project", "schema_version": 2, "business": {', "utf-8")
    dialogs.open_answer = broken
    window.menus.open.trigger()
    assert dialogs.errors and "damaged or incomplete" in dialogs.errors[-1][1]
    assert "broken.signdesk" in dialogs.errors[-1][0]  # the owner sees which file
    assert window.path == examples_dir / "bubble_tea_shop.signdesk"
    assert window.project.business["operator_name"] == "上海柠檬茶饮有限公司"

    window.language.set_locale("zh_CN")
    assert window.open_path(broken) is False
    assert "损坏" in dialogs.errors[-1][1] or "不完整" in dialogs.errors[-1][1]


def test_closing_with_unsaved_changes_asks_first(window, dialogs, qtbot):
    window.navigator.select(("business", None))
    qtbot.keyClicks(window.current_page().rows["address"].field.edit, "Shanghai")
    dialogs.unsaved_answer = Unsaved.CANCEL
    assert window.close() is False
    assert window.isVisible() and dialogs.asked
    dialogs.unsaved_answer = Unsaved.DISCARD
    assert window.close() is True


def test_recover_after_a_crash(make_window, dialogs, qtbot, isolated):
    window = make_window()
    window.menus.new.trigger()
    window.navigator.select(("business", None))
    qtbot.keyClicks(window.current_page().rows["address"].field.edit, "Pudong")
    window.navigator.select(("headcount", None))  # a page change autosaves
    assert window.autosave.copy_path.exists()
    # The process dies here: no closeEvent, so no clean-exit marker.
    window.setWindowModified(False)
    window.hide()

    dialogs.confirm_answer = True
    recovered = make_window()
    assert dialogs.asked and "did not close properly" in dialogs.asked[-1]
    assert recovered.project.business["address"] == "Pudong"
    assert recovered.isWindowModified()

    # A clean exit leaves nothing to recover.
    recovered.setWindowModified(False)
    recovered.close()
    asked = len(dialogs.asked)
    make_window()
    assert len(dialogs.asked) == asked


def test_recovery_puts_back_text_that_was_being_typed_even_if_not_valid(make_window, dialogs, qtbot):
    window = make_window()
    window.menus.new.trigger()
    window.navigator.select(("business", None))
    page = window.current_page()
    qtbot.keyClicks(page.rows["address"].field.edit, "Pudong")
    qtbot.keyClicks(page.rows["contact_phone"].field.edit, "138 0000 000")  # one digit short
    qtbot.keyClicks(page.rows["contact_email"].field.edit, "privacy@")  # half typed
    assert page.rows["contact_phone"].problem and "contact_phone" not in window.project.business
    window.navigator.select(("headcount", None))  # a page change autosaves
    window.setWindowModified(False)  # the process dies here
    window.hide()

    dialogs.confirm_answer = True
    recovered = make_window()
    page = recovered.page(("business", None))
    assert recovered.current_page() is page  # where the unfinished text is
    assert page.rows["address"].field.edit.text() == "Pudong"
    assert page.rows["contact_phone"].field.edit.text() == "138 0000 000"
    assert page.rows["contact_email"].field.edit.text() == "privacy@"
    # The problem shows again, the text is still not in the project, and saving says so.
    assert "11 digits; this one has 10" in page.rows["contact_phone"].problem
    assert page.rows["contact_phone"].error.isVisibleTo(page)
    assert page.rows["contact_email"].problem
    assert "contact_phone" not in recovered.project.business
    assert recovered.focusWidget() is page.rows["contact_phone"].field.edit
    assert {qid for _key, qid, _m in recovered.invalid_answers()} == {"contact_phone", "contact_email"}
    # Finishing the number puts it in the project.
    qtbot.keyClicks(page.rows["contact_phone"].field.edit, "0")
    assert recovered.project.business["contact_phone"] == "138 0000 0000"


def test_text_that_fails_its_check_alone_is_autosaved(make_window, dialogs, qtbot):
    # Nothing valid typed yet: the window still has unsaved work, and a crash keeps it.
    window = make_window()
    window.menus.new.trigger()
    window.setWindowModified(False)
    window.navigator.select(("business", None))
    qtbot.keyClicks(window.current_page().rows["contact_phone"].field.edit, "call me")
    assert window.isWindowModified()
    window.autosave_now()
    window.setWindowModified(False)
    window.hide()
    recovered = make_window()
    edit = recovered.page(("business", None)).rows["contact_phone"].field.edit
    assert edit.text() == "call me"
    assert "remove “call”, “me”" in recovered.page(("business", None)).rows["contact_phone"].problem


def test_new_project_starts_empty(make_window, examples_dir):
    window = make_window(examples_dir / "small_hotel.signdesk")
    window.menus.new.trigger()
    assert window.path is None and window.project.scenarios == []
    assert window.windowTitle().startswith("Untitled project")


def test_typing_at_start_goes_into_the_first_question(make_window, examples_dir):
    # Not into the section list, where letters only searched the list and Space pressed a button.
    window = make_window()
    window.menus.new.trigger()  # leaves the welcome page
    assert window.focusWidget() is window.current_page().rows["operator_name"].field.edit
    assert not window.current_page().heading.visibleRegion().isEmpty()
    window.open_path(examples_dir / "small_hotel.signdesk")
    assert window.focusWidget() is window.current_page().rows["operator_name"].field.edit


def test_the_first_window_fits_the_screen(window):
    # Nothing remembered yet: the default size must not run off a small or high-DPI screen.
    room = window.screen().availableGeometry()
    assert window.frameGeometry().width() <= room.width() and window.height() <= room.height()


def test_a_narrow_question_pane_shows_the_start_of_its_text(make_window, examples_dir, qtbot):
    window = make_window(examples_dir / "residential_compound.signdesk")
    window.splitter.setSizes([250, 120, 430])  # a small screen at 200 %
    window.navigator.select(("headcount", None))
    window.navigator.select(("business", None))
    window.current_page().focus_question("contact_phone")
    assert window.current_page().scroll.horizontalScrollBar().value() == 0


def test_saving_with_an_invalid_answer_says_what_is_not_saved(make_window, dialogs, examples_dir, qtbot,
                                                            tmp_path):
    window = make_window(examples_dir / "bubble_tea_shop.signdesk")
    window.navigator.select(("business", None))
    url = window.current_page().rows["optout_url"].field.edit
    url.selectAll()
    qtbot.keyClicks(url, "http://lemontea.example.cn/optout")
    phone = window.current_page().rows["contact_phone"].field.edit
    phone.selectAll()
    qtbot.keyClicks(phone, "021-5555 9999")
    dialogs.save_answer = tmp_path / "shop.signdesk"

    dialogs.confirm_answer = False  # "no, let me fix it"
    assert window.save_as() is False
    assert "https://" in dialogs.asked[-1] and not (tmp_path / "shop.signdesk").exists()
    assert "https://" in window.current_page().rows["optout_url"].problem  # still shown beside the field

    dialogs.confirm_answer = True  # "save the rest"
    assert window.save_as() is True
    saved = load(tmp_path / "shop.signdesk").business
    assert saved["contact_phone"] == "021-5555 9999"
    assert saved["optout_url"] == "https://lemontea.example.cn/face-optout"  # the last valid answer


def test_the_recovery_question_is_asked_over_the_open_window(make_window, dialogs, qtbot, isolated, today):
    from signdesk.ui.app import build_window

    window = make_window()
    window.menus.new.trigger()
    window.navigator.select(("business", None))
    qtbot.keyClicks(window.current_page().rows["address"].field.edit, "Pudong")
    window.navigator.select(("headcount", None))  # autosave
    window.setWindowModified(False)
    window.hide()  # the process dies: no clean exit

    seen: list[bool] = []
    dialogs.confirm = lambda title, text: seen.append(dialogs.window.isVisible()) or True

    def factory(w):
        dialogs.window = w
        return dialogs

    again = build_window(None, dialogs=factory, data_folder=isolated / "data", today=today, show=True)
    qtbot.addWidget(again)
    assert seen == [True]  # the window was already on screen when asked
    assert again.project.business["address"] == "Pudong"
    again.setWindowModified(False)


def test_a_file_saved_under_an_older_link_rule_opens_shows_the_problem_and_saves_unchanged(
        make_window, dialogs, examples_dir, tmp_path):
    """An opt-out link the questionnaire refuses today (it only works inside
    the shop) was accepted when the file was saved: the file opens, the
    field shows the link and what is wrong with it, and saving keeps it."""
    import json

    data = json.loads((examples_dir / "bubble_tea_shop.signdesk").read_text("utf-8"))
    data["business"]["optout_url"] = "https://optout"
    old = tmp_path / "old.signdesk"
    old.write_text(json.dumps(data, ensure_ascii=False), "utf-8")

    window = make_window(old)
    assert not dialogs.errors
    window.navigator.select(("business", None))
    row = window.current_page().rows["optout_url"]
    assert row.field.edit.text() == "https://optout"
    assert "https://example.cn/optout" in row.problem and row.error.isVisible()

    dialogs.save_answer = tmp_path / "again.signdesk"
    assert window.save_as() is True
    assert not dialogs.asked  # nothing typed is lost, so nothing to ask
    assert load(tmp_path / "again.signdesk").business["optout_url"] == "https://optout"


def test_file_menu_exports_the_deadlines_calendar(make_window, dialogs, examples_dir, tmp_path):
    import datetime as dt

    import icalendar

    window = make_window(examples_dir / "residential_compound.signdesk")
    dialogs.save_answer = tmp_path / "deadlines.ics"
    window.menus.calendar.trigger()
    cal = icalendar.Calendar.from_ical((tmp_path / "deadlines.ics").read_bytes())
    starts = [e.decoded("dtstart") for e in cal.walk("VEVENT")]
    assert dt.date(2026, 4, 14) in starts  # the overdue filing
    assert "deadlines.ics" in window.statusBar().currentMessage()
    # A folder that does not exist: an error in the window, nothing written.
    dialogs.save_answer = tmp_path / "missing" / "deadlines.ics"
    window.menus.calendar.trigger()
    assert dialogs.errors and not dialogs.save_answer.exists()
