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


def test_a_request_for_own_data_then_its_answer(make_window, examples_dir, tmp_path, qtbot):
    window, tab = _with_people(make_window, examples_dir, tmp_path)
    row = _select(tab, "000101")
    dialog = tab.person_dialog("access")
    _open(qtbot, dialog, dialog.day)
    dialog.day.setDate(QDate(2026, 11, 18))
    _tab(qtbot)
    assert QApplication.focusWidget() is dialog.answered
    _tab(qtbot)  # "answered on" is off until ticked: straight to staff
    assert QApplication.focusWidget() is dialog.staff
    _enter(qtbot, dialog)
    request = tab.register.entries()[-1]
    assert (request.kind, request.day, request.person_id) == ("access_request", dt.date(2026, 11, 18), row.person_id)
    # A second request dialog says the first is waiting; the answer dialog offers it.
    again = tab.person_dialog("access")
    assert "2026-11-18" in again.findChild(type(again.who), "accessWaiting").text()
    again.reject()
    answer = tab.person_dialog("answer")
    _open(qtbot, answer, answer.day)
    assert answer.request.count() == 1 and answer.request.currentData() == request.seq
    _enter(qtbot, answer)
    done = tab.register.entries()[-1]
    assert (done.kind, done.refers_to, done.day) == ("access_answered", request.seq, window.today)
    nothing = tab.person_dialog("answer")
    assert not nothing.save_button.isEnabled() and "waiting" in nothing.problem.text()


def test_a_request_answered_on_the_spot(make_window, examples_dir, tmp_path, qtbot):
    _window, tab = _with_people(make_window, examples_dir, tmp_path)
    _select(tab, "000102")
    dialog = tab.person_dialog("access")
    _open(qtbot, dialog, dialog.answered)
    qtbot.keyClick(dialog.answered, Qt.Key.Key_Space)
    _tab(qtbot)
    assert QApplication.focusWidget() is dialog.answered_on
    _enter(qtbot, dialog)
    assert tab.register.entries()[-1].data == {"answered_on": "2026-11-22"}


def test_a_correction_of_the_form_number_is_a_new_entry_and_the_table_follows(make_window, examples_dir, tmp_path,
                                                                             qtbot):
    _window, tab = _with_people(make_window, examples_dir, tmp_path)
    _select(tab, "000102")
    dialog = tab.person_dialog("correct")
    _open(qtbot, dialog, dialog.entry)
    consent = tab.register.entries()[1]
    dialog.entry.setCurrentIndex(dialog.entry.findData(consent.seq))
    assert dialog.serial.text() == "000102" and not dialog.name.isVisible() and not dialog.channel.isVisible()
    dialog.serial.setFocus()
    dialog.serial.selectAll()
    _type(qtbot, "000120")
    while QApplication.focusWidget() is not dialog.reason:
        _tab(qtbot)
    _type(qtbot, "扫错了编号")
    _enter(qtbot, dialog)
    fix = tab.register.entries()[-1]
    assert (fix.kind, fix.refers_to, fix.data["changes"], fix.data["reason"]) == (
        "correction", consent.seq, {"serial": "000120"}, "扫错了编号")
    assert tab.register.entry(consent.seq).serial == "000102"  # the original stays
    assert {tab.people.row(n).serial for n in range(tab.people.rowCount())} == {"000101", "000120"}
    _verifies(tab)


def test_a_correction_without_a_change_or_reason_is_refused(make_window, examples_dir, tmp_path, qtbot):
    _window, tab = _with_people(make_window, examples_dir, tmp_path)
    _select(tab, "000101")
    dialog = tab.person_dialog("correct")
    qtbot.waitExposed(dialog)
    dialog.entry.setCurrentIndex(1)
    dialog.reason.setText("无")
    dialog.save()
    assert dialog.isVisible() and "Nothing was changed" in dialog.problem.text()
    dialog.reason.clear()
    dialog.void.setChecked(True)
    dialog.save()
    assert "needs a reason" in dialog.problem.text()
    assert len(tab.register.entries()) == 2


def test_a_misspelt_name_is_corrected_and_still_verifies(make_window, examples_dir, tmp_path, qtbot):
    _window, tab = _with_people(make_window, examples_dir, tmp_path)
    _select(tab, "000101")
    dialog = tab.person_dialog("correct")
    _open(qtbot, dialog, dialog.name)
    assert dialog.entry.currentData() == "person" and dialog.name.text() == "王芳"
    dialog.name.selectAll()
    _type(qtbot, "汪芳")
    dialog.reason.setFocus()
    _type(qtbot, "名字写错")
    _enter(qtbot, dialog)
    assert _cell(tab, "000101", "Name") == "汪芳 · ****1234"
    _verifies(tab)


def test_erasure_says_what_goes_and_what_stays_and_enter_alone_does_not_erase(make_window, examples_dir, tmp_path,
                                                                              qtbot):
    window, tab = _with_people(make_window, examples_dir, tmp_path)
    row = _select(tab, "000101")
    dialog = tab.person_dialog("erase")
    _open(qtbot, dialog, dialog.staff)
    assert "王芳" in dialog.removed.text() and "1234" in dialog.removed.text()
    assert row.person_id in dialog.kept.text() and "form number" in dialog.kept.text()
    assert "not yet recorded as deleted" in dialog.pending.text()
    qtbot.keyClick(dialog.staff, Qt.Key.Key_Return)  # the default button is Cancel
    assert dialog.result() == QDialog.DialogCode.Rejected and tab.register.person(row.person_id) is not None
    dialog = tab.person_dialog("erase")
    _open(qtbot, dialog, dialog.staff)
    while QApplication.focusWidget() is not dialog.save_button:
        _tab(qtbot)
    qtbot.keyClick(dialog.save_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted)
    assert tab.register.person(row.person_id) is None
    assert _cell(tab, "000101", "Name") == "(erased)"
    tab.search.setText("王芳")
    assert tab.people.rowCount() == 0
    _verifies(tab)
    # Nobody is left to erase twice.
    tab.search.clear()
    _select(tab, "000101")
    assert tab.person_dialog("erase") is None and "were erased" in tab.status.text()


def test_the_chinese_erasure_dialog_lists_in_chinese_punctuation(make_window, examples_dir, tmp_path, qtbot):
    window, tab = _with_people(make_window, examples_dir, tmp_path)
    window.language.set_locale("zh_CN")
    _select(tab, "000101")
    dialog = tab.person_dialog("erase")
    _open(qtbot, dialog, dialog.staff)
    removed = dialog.removed.text()
    assert "王芳" in removed and "1234" in removed
    assert "；" in removed and "; " not in removed


def test_a_scan_attached_to_the_selected_form(make_window, examples_dir, tmp_path, qtbot, dialogs):
    import hashlib

    from signdesk.register.store import attachments_folder

    _window, tab = _with_people(make_window, examples_dir, tmp_path)
    _select(tab, "000102")
    photo = tmp_path / "IMG_0001.JPG"
    photo.write_bytes(b"\xff\xd8 a photo of form 000102")
    dialogs.scan_answer = photo
    dialog = tab.person_dialog("scan")
    _open(qtbot, dialog, dialog.file)
    _tab(qtbot)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)  # Choose…
    assert dialog.file.text() == str(photo)
    dialog.file.setFocus()
    _enter(qtbot, dialog)
    digest = hashlib.sha256(photo.read_bytes()).hexdigest()
    consent = tab.register.entries()[1]
    assert tab.register.entries()[-1].refers_to == consent.seq
    assert (attachments_folder(tab.register.path) / f"{digest}.jpg").read_bytes() == photo.read_bytes()
    again = tab.person_dialog("scan")
    assert digest[:16] in again.findChild(type(again.who), "scanExisting").text()
    _verifies(tab)


def test_a_sign_posted_by_its_printed_id_then_taken_down(make_window, examples_dir, tmp_path, qtbot):
    from signdesk.documents.register_report import today_versions

    window, tab = _with_people(make_window, examples_dir, tmp_path, people=())
    sid = window.project.scenarios[0].id
    version = today_versions(window.project, window.today)[sid]["sign"]
    tab.tables.setCurrentIndex(1)
    dialog = tab.post_sign()
    _open(qtbot, dialog, dialog.sign_id)
    assert dialog.version.text() == version  # today's sign, before any ID is typed
    _type(qtbot, f"{version.lower()}-02")
    _tab(qtbot)
    assert dialog.sign_id.text() == f"{version}-02" and dialog.scenario.currentData() == sid
    _tab(qtbot)
    assert QApplication.focusWidget() is dialog.location
    _type(qtbot, "南门闸机旁")
    _enter(qtbot, dialog)
    entry = tab.register.entries()[-1]
    assert (entry.kind, entry.serial, entry.version, entry.scenario_id, entry.data["location"]) == (
        "sign_posted", f"{version}-02", version, sid, "南门闸机旁")
    assert tab.signs.rowCount() == 1
    assert [tab.signs.data(tab.signs.index(0, c)) for c in (0, 1, 4, 5)] == [f"{version}-02", "南门闸机旁",
                                                                            "2026-11-22", ""]
    # The same sign twice while it is up is refused, and the dialog says why.
    again = tab.post_sign()
    qtbot.waitExposed(again)
    again.sign_id.setText(f"{version}-02")
    again.location.setText("北门")
    again.save()
    assert again.isVisible() and "already recorded as posted" in again.problem.text()
    again.reject()
    tab.signs_view.selectRow(0)
    down = tab.take_down_selected()
    _open(qtbot, down, down.day)
    down.day.setDate(QDate(2026, 11, 21))
    _enter(qtbot, down)
    assert tab.signs.data(tab.signs.index(0, 5)) == "2026-11-21"
    tab.signs_view.selectRow(0)
    assert tab.take_down_selected() is None and "that is up" in tab.status.text()
    _verifies(tab)


def test_filters_due_overdue_scenario_and_form_version(make_window, examples_dir, tmp_path, qtbot):
    import shutil

    project = tmp_path / "hotel.signdesk"
    shutil.copy(examples_dir / "small_hotel.signdesk", project)
    window = make_window(project)
    tab = window.register_tab
    assert tab.start_register()
    checkin, staff = (sc.id for sc in window.project.scenarios)
    reg = tab.register
    people = {}
    for i, (name, sid, version) in enumerate((("王芳", checkin, "C-AAAAAA"), ("李娜", checkin, "C-BBBBBB"),
                                              ("张伟", checkin, "C-BBBBBB"), ("刘洋", staff, "C-CCCCCC"))):
        e = reg.record_consent(Person(name), scenario_id=sid, serial=f"{101 + i:06d}", version=version,
                               day=dt.date(2026, 11, 1))
        people[name] = e.person_id
    reg.withdraw(people["王芳"], day=dt.date(2026, 11, 1), channel="phone", deletion_days=15)  # due 11-16: overdue
    reg.withdraw(people["李娜"], day=dt.date(2026, 11, 20), channel="phone", deletion_days=15)  # due 12-05
    tab.reload()

    def shown():
        return sorted(tab.people.row(n).name for n in range(tab.people.rowCount()))

    assert shown() == ["刘洋", "张伟", "李娜", "王芳"]
    tab.filter.setCurrentIndex(tab.filter.findData("due"))
    assert shown() == ["李娜", "王芳"]
    tab.filter.setCurrentIndex(tab.filter.findData("overdue"))
    assert shown() == ["王芳"]
    tab.filter.setCurrentIndex(tab.filter.findData("all"))
    tab.scenario.setCurrentIndex(tab.scenario.findData(staff))
    assert shown() == ["刘洋"]
    tab.scenario.setCurrentIndex(tab.scenario.findData(None))
    tab.version.setText("c-bbbbbb")  # typed in lower case: the same version
    assert shown() == ["张伟", "李娜"]
    tab.filter.setCurrentIndex(tab.filter.findData("consented"))
    assert shown() == ["张伟"]
    # An overdue deletion's date shows in red; one still in time does not.
    tab.version.clear()
    tab.filter.setCurrentIndex(tab.filter.findData("due"))
    red = {tab.people.row(n).name: tab.people.data(tab.people.index(n, tab.people.DUE_COLUMN),
                                                  Qt.ItemDataRole.ForegroundRole) for n in range(tab.people.rowCount())}
    assert red["王芳"] is not None and red["王芳"].name() == "#b00020" and red["李娜"] is None
