"""Intake at the counter: a form printed with another version than today's
is named in one line, and the consent is still recorded."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from signdesk.documents.register_report import today_versions
from test_register_tab import _tab, _type, _window_with_register

SC = "s-till"


def _dialog(window, qtbot):
    dialog = window.register_tab.intake()
    qtbot.waitExposed(dialog)
    dialog.serial.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.serial)
    return dialog


def test_a_serial_printed_on_an_older_form_version_warns_but_does_not_block(make_window, examples_dir, tmp_path,
                                                                            qtbot):
    window, _project = _window_with_register(make_window, examples_dir, tmp_path)
    tab = window.register_tab
    today = today_versions(tab.project, tab.today or dt.date.today())[SC]["adult"]
    tab.register.record_printed("000101", "000110", scenario_id=SC, form_kind="adult", version="C-0A0B0C",
                                day=dt.date(2026, 1, 5))
    tab.register.record_printed("000201", "000210", scenario_id=SC, form_kind="adult", version=today,
                                day=dt.date(2026, 1, 5))
    dialog = _dialog(window, qtbot)
    _type(qtbot, "000105")
    _tab(qtbot)
    note = dialog.note.text()
    assert note.startswith("Form 000105 was printed with version C-0A0B0C; today's form is " + today)
    assert "\n" not in note and dialog.note.isVisible()
    _type(qtbot, "王芳")
    dialog.save()
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted)
    (entry,) = [e for e in tab.register.entries() if e.kind == "consent"]
    assert (entry.serial, entry.version) == ("000105", "C-0A0B0C")

    # today's version: nothing to say
    dialog = _dialog(window, qtbot)
    _type(qtbot, "000203")
    _tab(qtbot)
    assert dialog.note.text() == ""


def test_a_scanned_code_with_an_old_version_warns_in_chinese(make_window, examples_dir, tmp_path, qtbot):
    window, _project = _window_with_register(make_window, examples_dir, tmp_path)
    window.language.set_locale("zh_CN")
    dialog = _dialog(window, qtbot)
    _type(qtbot, "000777/C-ABCDEF")  # never recorded as printed: the code names the version
    qtbot.keyClick(dialog.serial, Qt.Key.Key_Tab)
    assert dialog.serial.text() == "000777"
    assert dialog.note.text().startswith("同意书 000777 印制时的版本是 C-ABCDEF，今天的同意书版本是 C-")
