"""File > Export opt-out page text: the page's words for an article editor, as the window shows them."""

from __future__ import annotations

import re


def test_file_menu_writes_the_opt_out_text_of_the_open_project(make_window, dialogs, examples_dir, tmp_path, qtbot):
    window = make_window(examples_dir / "small_hotel.signdesk")
    # An edit not saved yet is in the text: it is what the window shows.
    window.navigator.select(("business", None))
    edit = window.current_page().rows["contact_phone"].field.edit
    edit.clear()
    qtbot.keyClicks(edit, "028-8111 2222")
    dialogs.folder_answer = tmp_path / "article"

    window.menus.optout_text.trigger()

    text = (tmp_path / "article" / "optout-text.txt").read_text("utf-8")
    fragment = (tmp_path / "article" / "optout-text.html").read_text("utf-8-sig")
    for page in (text, fragment):
        assert "028-8111 2222" in page and "028-8555 7788" not in page
        assert "如何拒绝或要求删除" in page and "How to opt out or ask for deletion" in page
    assert not re.search(r"<[a-z/]", text) and fragment.startswith("<h1>")
    message = window.statusBar().currentMessage()
    assert str(tmp_path / "article") in message and "optout-text.txt" in message and "optout-text.html" in message
    assert not dialogs.errors


def test_a_folder_that_cannot_be_written_is_said_and_nothing_is_written(make_window, dialogs, examples_dir, tmp_path):
    window = make_window(examples_dir / "bubble_tea_shop.signdesk")
    (tmp_path / "taken").write_text("a file where the folder should be", "utf-8")
    dialogs.folder_answer = tmp_path / "taken"
    window.menus.optout_text.trigger()
    assert dialogs.errors and dialogs.errors[0][0] == "Export opt-out page text"
    assert str(tmp_path / "taken") in dialogs.errors[0][1]


def test_cancelling_the_folder_writes_nothing(make_window, dialogs, examples_dir, tmp_path):
    window = make_window(examples_dir / "bubble_tea_shop.signdesk")
    dialogs.folder_answer = None
    window.menus.optout_text.trigger()
    assert not dialogs.errors and window.statusBar().currentMessage() == ""


def test_the_menu_item_speaks_chinese(window):
    window.language.set_locale("zh_CN")
    assert window.menus.optout_text.text() == "导出拒绝与撤回页面文字(&T)…"


def test_it_waits_for_a_project(make_window, examples_dir):
    window = make_window()  # the welcome page: nothing to export yet
    assert not window.menus.optout_text.isEnabled()
    window.open_path(examples_dir / "bubble_tea_shop.signdesk")
    assert window.menus.optout_text.isEnabled()
