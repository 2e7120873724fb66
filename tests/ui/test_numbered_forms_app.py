"""Numbered consent forms from the app: the run asked for on the preview,
written to a folder and recorded in the open project's register."""

from __future__ import annotations

from PySide6.QtCore import Qt

from signdesk.rules import DocumentKind
from test_register_tab import _window_with_register


def _show_consent_form(window) -> None:
    combo = window.preview.documents
    for i in range(combo.count()):
        if combo.itemData(i)[0] == DocumentKind.CONSENT_FORM.value and not combo.itemData(i)[2]:
            combo.setCurrentIndex(i)
            return
    raise AssertionError("no consent form on the preview")


def _serials(tab):
    return [r[0] for r in tab.register.connection.execute("SELECT serial FROM serials ORDER BY serial")]


def test_a_run_from_the_preview_is_written_and_recorded(make_window, examples_dir, tmp_path, dialogs, qtbot):
    window, _project = _window_with_register(make_window, examples_dir, tmp_path)
    preview = window.preview
    preview.documents.setCurrentIndex(0)
    if preview.request().kind is not DocumentKind.CONSENT_FORM:
        assert not preview.numbered_button.isEnabled()  # a sign or report has no serials
    _show_consent_form(window)
    assert preview.numbered_button.isEnabled() and preview.numbered_button.text() == "Nu&mbered forms…"
    dialogs.folder_answer = tmp_path / "forms"
    dialogs.texts = ["000101-000120"]
    qtbot.mouseClick(preview.numbered_button, Qt.MouseButton.LeftButton)
    job = window.numbered_job
    assert job.running  # drawn off the UI thread, with a progress bar
    qtbot.waitUntil(lambda: not job.running, timeout=60000)
    written = sorted((tmp_path / "forms").glob("consent-*-000101-000120.pdf"))
    assert len(written) == 1 and not dialogs.errors
    tab = window.register_tab
    assert _serials(tab)[0] == "000101" and len(_serials(tab)) == 20
    assert "000101" in window.statusBar().currentMessage()

    # the same serials again: refused naming them, nothing written or recorded
    dialogs.folder_answer = tmp_path / "again"
    dialogs.texts = ["000110-000130"]
    preview.numbered_button.click()
    (title, text), = dialogs.errors
    assert "11 serials of this run were already printed (000110 to 000120)" in text
    assert not (tmp_path / "again").exists() and len(_serials(tab)) == 20

    # a run written wrongly or too long is told, in the window's language
    window.language.set_locale("zh_CN")
    dialogs.texts = ["101 到 200"]
    preview.numbered_button.click()
    assert "不是一段编号" in dialogs.errors[-1][1]
    dialogs.texts = ["000001-002000"]
    preview.numbered_button.click()
    assert "1000" in dialogs.errors[-1][1]
    assert len(_serials(tab)) == 20


def test_a_large_print_run_is_numbered_too(make_window, examples_dir, tmp_path, dialogs, qtbot):
    from pypdf import PdfReader

    window, _project = _window_with_register(make_window, examples_dir, tmp_path)
    combo = window.preview.documents
    large = next(i for i in range(combo.count())
                 if combo.itemData(i)[0] == DocumentKind.CONSENT_FORM.value and combo.itemData(i)[2])
    combo.setCurrentIndex(large)
    assert window.preview.numbered_button.isEnabled()
    dialogs.folder_answer = tmp_path / "forms"
    dialogs.texts = ["000201-000203"]
    window.preview.numbered_button.click()
    qtbot.waitUntil(lambda: not window.numbered_job.running, timeout=60000)
    (pdf,) = (tmp_path / "forms").glob("consent-*-000201-000203-large-print.pdf")
    assert not dialogs.errors
    reader = PdfReader(pdf)
    assert "000201" in " ".join(reader.pages[0].extract_text().split())
    assert _serials(window.register_tab) == ["000201", "000202", "000203"]
    # Large print takes more pages per copy than the normal form.
    _show_consent_form(window)
    dialogs.folder_answer = tmp_path / "normal"
    dialogs.texts = ["000301-000303"]
    window.preview.numbered_button.click()
    qtbot.waitUntil(lambda: not window.numbered_job.running, timeout=60000)
    (normal,) = (tmp_path / "normal").glob("consent-*-000301-000303.pdf")
    assert len(reader.pages) > len(PdfReader(normal).pages)


def test_closing_the_window_while_a_run_is_drawn_still_writes_and_records_it(make_window, examples_dir, tmp_path,
                                                                             dialogs, qtbot):
    window, _project = _window_with_register(make_window, examples_dir, tmp_path)
    _show_consent_form(window)
    dialogs.folder_answer = tmp_path / "forms"
    dialogs.texts = ["000101-000150"]
    window.preview.numbered_button.click()
    assert window.numbered_job.running
    register_file = window.register_tab.register.path
    assert window.close()
    (pdf,) = (tmp_path / "forms").glob("consent-*-000101-000150.pdf")
    from signdesk.register import Register

    with Register.open(register_file, lock=False, read_only=True) as reg:
        assert reg.printed_form("000150") is not None
    assert not dialogs.errors
