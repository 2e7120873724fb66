"""The Help menu: the example project opens as the owner's own copy."""

from __future__ import annotations

from signdesk.model import load
from signdesk.paths import EXAMPLES_DIR


def test_the_example_opens_as_a_copy_in_the_documents_folder(window, dialogs, isolated, qtbot):
    bundled = EXAMPLES_DIR / "bubble_tea_shop.signdesk"
    before = bundled.read_bytes()
    documents = isolated / "Documents" / "SignDesk"

    window.menus.example.trigger()
    assert window.path == documents / "bubble_tea_shop.signdesk"
    assert window.windowTitle().startswith("bubble_tea_shop.signdesk")
    window.navigator.select(("business", None))
    edit = window.current_page().rows["operator_name"].field.edit
    edit.clear()
    qtbot.keyClicks(edit, "Lemon Tea Ltd")
    window.menus.save.trigger()  # Ctrl+S writes the copy, without asking where

    assert not dialogs.errors and not window.isWindowModified()
    assert bundled.read_bytes() == before
    assert load(window.path).business["operator_name"] == "Lemon Tea Ltd"

    # Opening the example again does not overwrite the edited copy.
    window.menus.example.trigger()
    assert window.path == documents / "bubble_tea_shop 2.signdesk"
    assert window.path.read_bytes() == before
    assert load(documents / "bubble_tea_shop.signdesk").business["operator_name"] == "Lemon Tea Ltd"
    # An untouched copy is reused rather than piling up numbered ones.
    window.menus.example.trigger()
    assert window.path == documents / "bubble_tea_shop 2.signdesk"
    assert sorted(p.name for p in documents.iterdir()) == ["bubble_tea_shop 2.signdesk", "bubble_tea_shop.signdesk"]


def test_a_documents_folder_that_cannot_be_written_is_said_in_one_line(make_window, dialogs, isolated):
    (isolated / "Documents").write_text("a file where the folder should be", "utf-8")
    window = make_window()
    window.menus.example.trigger()
    assert window.path is None
    assert dialogs.errors and dialogs.errors[0][0] == "Cannot copy the example project"
    assert "\n" not in dialogs.errors[0][1] and "Documents" in dialogs.errors[0][1]


def test_about_says_the_version_the_font_licence_and_where_the_data_is(window, isolated, qtbot):
    import signdesk
    from signdesk.ui.about import AboutDialog

    window.menus.about.trigger()
    dialog = window.findChild(AboutDialog)
    assert dialog is not None and dialog.isVisible()
    text = dialog.text.text()
    assert signdesk.__version__ in text and "SIL Open Font License 1.1" in text and "OFL.txt" in text
    assert str(isolated / "data") in text  # the autosaves' folder
    dialog.close()
    window.language.set_locale("zh_CN")
    window.menus.about.trigger()
    zh = [d for d in window.findChildren(AboutDialog) if d.isVisible()][0]
    assert zh.windowTitle() == "关于 SignDesk" and "自动保存" in zh.text.text()
