"""The Register tab: intake by keyboard from serial to saved entry, the
tables, the findings that follow the register, and its backup on start."""

from __future__ import annotations

import shutil

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog

from signdesk.model import load
from signdesk.register import Register, register_path


def _window_with_register(make_window, examples_dir, tmp_path):
    project = tmp_path / "shop.signdesk"
    shutil.copy(examples_dir / "bubble_tea_shop.signdesk", project)
    window = make_window(project)
    window.side.setCurrentWidget(window.register_tab)
    assert window.register_tab.start_button.isVisible()
    assert window.register_tab.start_register()
    return window, project


def _type(qtbot, text):
    """Type into the focused widget, one key event per character (QtTest's own
    keyClicks only knows ASCII; an input method delivers Chinese the same way)."""
    for char in text:
        widget = QApplication.focusWidget()
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def _tab(qtbot):
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)


def test_intake_by_keyboard_from_serial_to_saved_entry(make_window, examples_dir, tmp_path, qtbot):
    window, project = _window_with_register(make_window, examples_dir, tmp_path)
    tab = window.register_tab
    # The project file on disk names its new register.
    assert load(project).register_id == tab.register.register_id
    dialog = tab.intake()
    qtbot.waitExposed(dialog)
    dialog.serial.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.serial)
    _type(qtbot, "000101/C-ABCDEF")  # as a scanner types the code on the form
    _tab(qtbot)
    assert QApplication.focusWidget() is dialog.name
    _type(qtbot, "王芳")
    _tab(qtbot)
    _tab(qtbot)  # no member number
    _type(qtbot, "1234")
    _tab(qtbot)
    assert QApplication.focusWidget() is dialog.scenario
    _tab(qtbot)
    first_tick = QApplication.focusWidget()
    assert first_tick is dialog.ticks[0][1]
    qtbot.keyClick(first_tick, Qt.Key.Key_Space)
    while QApplication.focusWidget() is not dialog.day:
        _tab(qtbot)
    _tab(qtbot)  # one Tab leaves the date (not its month, then its day)
    assert QApplication.focusWidget() is dialog.staff
    _type(qtbot, "李")
    _tab(qtbot)
    assert QApplication.focusWidget() is dialog.scan
    photo = tmp_path / "form-000101.jpg"
    photo.write_bytes(b"\xff\xd8 the signed form")
    _type(qtbot, str(photo))
    qtbot.keyClick(dialog.scan, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted)
    (entry,) = tab.register.entries()
    assert (entry.serial, entry.version, entry.staff) == ("000101", "C-ABCDEF", "李")
    import hashlib
    assert entry.data["attachment"]["sha256"] == hashlib.sha256(photo.read_bytes()).hexdigest()
    assert entry.data["ticks"] == [dialog.ticks[0][0]]
    assert tab.register.person(entry.person_id).name == "王芳"
    assert tab.people.rowCount() == 1 and tab.people.data(tab.people.index(0, 1)) == "王芳 · ****1234"
    # Search by serial and by name.
    tab.search.setText("000101")
    assert tab.people.rowCount() == 1
    tab.search.setText("张")
    assert tab.people.rowCount() == 0


def test_a_refused_entry_keeps_the_dialog_open_with_the_reason(make_window, examples_dir, tmp_path, qtbot):
    window, _project = _window_with_register(make_window, examples_dir, tmp_path)
    dialog = window.register_tab.intake()
    qtbot.waitExposed(dialog)
    dialog.save()  # no name, no member number
    assert dialog.isVisible() and "name or member number" in dialog.problem.text()
    assert window.register_tab.register.entries() == []


def test_outdated_sign_finding_appears_after_an_answer_changes(make_window, examples_dir, tmp_path, qtbot):
    from signdesk.documents.register_report import today_versions

    window, _project = _window_with_register(make_window, examples_dir, tmp_path)
    tab = window.register_tab
    sid = window.project.scenarios[0].id
    current = today_versions(window.project, window.today)[sid]["sign"]
    tab.register.post_sign("S-01", scenario_id=sid, location="南门", version=current, day=window.today)
    tab.reload()
    window.refresh()
    assert "RG-05" not in {f.rule_id for f in window.assessment.findings}
    assert tab.signs.rowCount() == 1
    # The owner changes how long facial information is kept: the sign's text changes.
    window.project.scenarios[0].answers["retention"] = "fixed_days"
    window.project.scenarios[0].answers["retention_days"] = 730
    window._changed("retention_days")
    found = [f for f in window.assessment.findings if f.rule_id == "RG-05"]
    assert found and "南门 (S-01)" in found[0].title("en")


def test_the_register_is_backed_up_when_opened_and_a_second_window_is_read_only(
        make_window, examples_dir, tmp_path, isolated):
    window, project = _window_with_register(make_window, examples_dir, tmp_path)
    backups = list((isolated / "data" / "register-backups").glob("register-*.sqlite"))
    assert len(backups) == 1
    with Register.open(backups[0]) as copy:
        assert copy.register_id == window.register_tab.register.register_id
    second = make_window(project)
    assert second.register_tab.read_only
    assert "open in another SignDesk window" in second.register_tab.status.text()
    assert not second.register_tab.intake_button.isEnabled()
    assert register_path(project).exists()


def _scan(tmp_path, name="form.jpg", data=b"\xff\xd8 a photo of form 000101"):
    scan = tmp_path / name
    scan.write_bytes(data)
    return scan


def test_save_as_carries_the_register_and_its_scans(make_window, examples_dir, tmp_path, dialogs):
    from signdesk.register import Person
    from signdesk.register.store import attachments_folder

    window, project = _window_with_register(make_window, examples_dir, tmp_path)
    tab = window.register_tab
    sid = window.project.scenarios[0].id
    tab.record(Person("王芳", phone_last4="1234"), {"scenario_id": sid, "serial": "000101", "day": window.today,
                                                 "attachment": _scan(tmp_path)})
    target = tmp_path / "copies" / "shop 2025.signdesk"
    target.parent.mkdir()
    dialogs.save_answer = target
    window.menus.save_as.trigger()
    assert not dialogs.errors and window.path == target
    # The new pair opens as a pair, with the history and the scan; the old pair is untouched.
    assert tab.register.path == register_path(target)
    assert len(tab.register.entries()) == 1 and tab.people.rowCount() == 1
    (scan,) = attachments_folder(register_path(target)).iterdir()
    assert scan.read_bytes() == _scan(tmp_path).read_bytes()
    reopened = make_window(target)  # read-only: the first window holds the register
    assert reopened.register_tab.register is not None and reopened.register_tab.read_only
    with Register.open(register_path(project), lock=False, read_only=True) as old:
        assert len(old.entries()) == 1 and old.register_id == load(target).register_id


def test_save_as_never_overwrites_another_register_and_leaves_nothing_half_made(
        make_window, examples_dir, tmp_path, dialogs):
    window, project = _window_with_register(make_window, examples_dir, tmp_path)
    other = tmp_path / "other.signdesk"
    shutil.copy(examples_dir / "bubble_tea_shop.signdesk", other)
    with Register.create(register_path(other)) as theirs:
        their_id = theirs.register_id
    before = other.read_bytes()
    dialogs.save_answer = other
    window.menus.save_as.trigger()
    assert dialogs.errors and "There is already a register beside" in dialogs.errors[-1][1]
    assert other.read_bytes() == before and window.path == project
    with Register.open(register_path(other), lock=False, read_only=True) as theirs:
        assert theirs.register_id == their_id
    # A project file that cannot be written: no register is left behind naming nothing.
    blocked = tmp_path / "blocked.signdesk"
    blocked.mkdir()  # a folder where the file should go: the save fails
    dialogs.save_answer = blocked
    window.menus.save_as.trigger()
    assert "Cannot save the project" in dialogs.errors[-1][0]
    assert not register_path(blocked).exists() and window.path == project
    assert window.register_tab.register.path == register_path(project)


def test_the_register_tab_is_there_to_click_and_opens_with_its_start_button(make_window, examples_dir, tmp_path,
                                                                           qtbot):
    project = tmp_path / "shop.signdesk"
    shutil.copy(examples_dir / "bubble_tea_shop.signdesk", project)
    window = make_window(project)
    window.show()
    qtbot.waitExposed(window)
    bar = window.side.tabBar()
    assert bar.tabText(2) == "&Register"
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(2).center())
    shown = window.side.currentWidget()
    assert shown is window.register_tab
    assert shown.start_button.isVisible() and shown.intake_button.isVisible()
    assert window.side.count() == 3


def test_a_reopened_project_shows_its_register_findings_before_the_tab_is_visited(make_window, examples_dir,
                                                                                 tmp_path):
    window, project = _window_with_register(make_window, examples_dir, tmp_path)
    sid = window.project.scenarios[0].id
    window.register_tab.register.post_sign("S-01", scenario_id=sid, location="南门", version="0000000000",
                                           day=window.today)
    window.close()
    again = make_window(project)
    assert again.side.currentIndex() != 2
    found = [f for f in again.assessment.findings if f.rule_id == "RG-05"]
    assert found and "南门 (S-01)" in found[0].title("en")


def test_a_start_loads_neither_the_register_nor_the_pdf_viewer_until_their_tab_is_opened(examples_dir, tmp_path):
    """The register's code (SQLite, the hash chain, its tables) waits until a project has a register or
    the owner opens its tab, and the Documents tab's PDF viewer until that tab is opened: a start
    without them is that much quicker."""
    import os
    import subprocess
    import sys

    code = ("import sys\n"
            "from signdesk.ui.app import application, build_window\n"
            "application([])\n"
            f"window = build_window({str(examples_dir / 'bubble_tea_shop.signdesk')!r}, data_folder={str(tmp_path)!r})\n"
            "print(window.windowTitle())\n"
            "late = ('signdesk.register', 'sqlite3', 'signdesk.ui.preview', 'PySide6.QtPdf')\n"
            "print(sorted(m for m in sys.modules if m.startswith(late)))\n"
            "window.side.setCurrentIndex(2)\n"
            "print('signdesk.register.store' in sys.modules, window.register_tab.start_button.isVisibleTo(window))\n"
            "window.side.setCurrentIndex(1)\n"
            "print('PySide6.QtPdfWidgets' in sys.modules, window.side.currentWidget() is window.preview,\n"
            "      window.preview.documents.count() > 0)\n")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / "config"))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 0, out.stderr
    title, loaded, register, documents = out.stdout.splitlines()[-4:]
    assert "bubble_tea_shop" in title
    assert loaded == "[]"
    assert register == "True True"
    assert documents == "True True True"


def test_the_register_fields_keep_room_for_their_hints_in_a_narrow_pane(make_window, examples_dir, tmp_path, qtbot):
    window, _project = _window_with_register(make_window, examples_dir, tmp_path)
    window.resize(720, 720)
    window.show()
    qtbot.waitExposed(window)
    tab = window.register_tab
    qtbot.waitUntil(lambda: tab.search.width() > 60)
    version = tab.version
    assert version.width() >= version.fontMetrics().horizontalAdvance(version.placeholderText())
    assert tab.search.width() >= 4 * version.fontMetrics().horizontalAdvance("000101") // 3  # a serial and more
    for combo in (tab.filter, tab.scenario):  # every option whole, on one line or two
        for i in range(combo.count()):
            combo.setCurrentIndex(i)
            qtbot.waitUntil(lambda combo=combo: combo.height() >= combo.heightForWidth(combo.width()))
            assert combo.heightForWidth(combo.width()) > 0
