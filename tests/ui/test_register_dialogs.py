"""The Register tab's dialogs, driven by keyboard as at the counter: fill in,
Enter saves, the table shows the change, the history still verifies."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QDialog
from test_register_tab import _tab, _type, _window_with_register

from signdesk.register import Person, Register


def _with_people(make_window, examples_dir, tmp_path, people=(("王芳", "1234"), ("李娜", "5678"))):
    """A window whose register has a consent for each of ``people`` (000101, 000102, …)."""
    window, project = _window_with_register(make_window, examples_dir, tmp_path)
    tab = window.register_tab
    sid = window.project.scenarios[0].id
    for i, (name, phone) in enumerate(people):
        tab.record(Person(name, phone_last4=phone), {"scenario_id": sid, "serial": f"{101 + i:06d}",
                                                     "day": window.today - dt.timedelta(days=10), "staff": "赵"})
    return window, tab


def _select(tab, serial):
    """Select the table row of form ``serial``, as a click would."""
    for n in range(tab.people.rowCount()):
        if tab.people.row(n).serial == serial:
            tab.people_view.selectRow(n)
            return tab.people.row(n)
    raise AssertionError(f"no row for {serial}")


def _cell(tab, serial, column):
    columns = [c for c in tab.people.COLUMNS]
    for n in range(tab.people.rowCount()):
        if tab.people.row(n).serial == serial:
            return tab.people.data(tab.people.index(n, columns.index(column)))
    raise AssertionError(f"no row for {serial}")


def _open(qtbot, dialog, first):
    qtbot.waitExposed(dialog)
    first.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is first)


def _enter(qtbot, dialog):
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted)


def _verifies(tab):
    with Register.open(tab.register.path, lock=False, read_only=True) as reg:
        assert reg.verify().ok


def test_withdrawal_by_phone_shows_its_deletion_date_before_saving(make_window, examples_dir, tmp_path, qtbot):
    window, tab = _with_people(make_window, examples_dir, tmp_path)
    sid = window.project.scenarios[0].id
    window.project.scenarios[0].answers["withdrawal_deletion_days"] = 7
    _select(tab, "000102")
    dialog = tab.withdraw_selected()
    _open(qtbot, dialog, dialog.day)
    assert "李娜" in dialog.who.text()
    # Withdrawn by phone two days ago: due seven days after that, shown as the date changes.
    dialog.day.setDate(QDate(2026, 11, 20))
    assert "2026-11-27" in dialog.due.text() and "7 days" in dialog.due.text()
    _tab(qtbot)
    assert QApplication.focusWidget() is dialog.channel
    dialog.channel.setCurrentIndex(dialog.channel.findData("phone"))
    _tab(qtbot)
    assert QApplication.focusWidget() is dialog.staff
    dialog.staff.clear()
    _type(qtbot, "钱")
    _enter(qtbot, dialog)
    entry = tab.register.entries()[-1]
    assert (entry.kind, entry.day, entry.staff, entry.scenario_id) == ("withdrawal", dt.date(2026, 11, 20), "钱", sid)
    assert entry.data == {"channel": "phone", "due": "2026-11-27"}
    assert _cell(tab, "000102", "Status") == "Withdrawn" and _cell(tab, "000102", "Delete by") == "2026-11-27"
    assert _cell(tab, "000101", "Status") == "Consented"
    assert tab.last_staff == "钱"
    # The findings follow: a withdrawal waits for its deletion.
    assert "RG-02" in {f.rule_id for f in window.assessment.findings}


def test_withdrawal_without_a_selection_says_to_select_someone(make_window, examples_dir, tmp_path):
    _window, tab = _with_people(make_window, examples_dir, tmp_path)
    tab.people_view.clearSelection()
    assert tab.withdraw_selected() is None
    assert "Select a person" in tab.status.text()


def test_deletion_from_named_devices(make_window, examples_dir, tmp_path, qtbot):
    window, tab = _with_people(make_window, examples_dir, tmp_path)
    row = _select(tab, "000101")
    tab.register.withdraw(row.person_id, day=window.today, channel="email", deletion_days=15)
    tab.reload()
    _select(tab, "000101")
    dialog = tab.delete_selected()
    _open(qtbot, dialog, dialog.staff)
    assert "2026-12-07" in dialog.findChild(type(dialog.who), "deletionDue").text()
    dialog.staff.clear()
    _type(qtbot, "店长 孙")
    _tab(qtbot)
    assert QApplication.focusWidget() is dialog.devices
    _type(qtbot, "前台终端，闸机 1, cloud backup")
    _enter(qtbot, dialog)
    entry = tab.register.entries()[-1]
    assert (entry.kind, entry.staff, entry.day) == ("deletion", "店长 孙", window.today)
    assert entry.data["devices"] == ["前台终端", "闸机 1", "cloud backup"]
    assert _cell(tab, "000101", "Status") == "Deleted" and _cell(tab, "000101", "Deleted on") == "2026-11-22"
    _verifies(tab)


def test_a_deletion_without_who_did_it_stays_open_with_the_reason(make_window, examples_dir, tmp_path, qtbot):
    _window, tab = _with_people(make_window, examples_dir, tmp_path)
    _select(tab, "000101")
    dialog = tab.delete_selected()
    qtbot.waitExposed(dialog)
    dialog.staff.clear()
    dialog.save()
    assert dialog.isVisible() and "who deleted" in dialog.problem.text()
    assert [e.kind for e in tab.register.entries()] == ["consent", "consent"]
