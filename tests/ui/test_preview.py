"""Documents are previewed off the UI thread, printed and exported."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pathlib import Path

from pypdf import PdfReader

from signdesk.rules import DocumentKind


def choose(window, kind: DocumentKind):
    combo = window.preview.documents
    index = next(i for i in range(combo.count()) if combo.itemData(i)[0] == kind.value)
    combo.setCurrentIndex(index)


def test_preview_follows_the_answers(make_window, examples_dir, qtbot):
    window = make_window(examples_dir / "bubble_tea_shop.signdesk")
    window.side.setCurrentWidget(window.preview)
    choose(window, DocumentKind.SIGN)
    qtbot.waitUntil(lambda: window.preview.page_count() == 1, timeout=20000)
    assert window.preview.sheet.isEnabled()
    first = window.preview.data

    # An edit redraws the sign with the new phone number.
    window.navigator.select(("business", None))
    edit = window.current_page().rows["contact_phone"].field.edit
    edit.selectAll()
    qtbot.keyClicks(edit, "021-6666 0000")
    qtbot.waitUntil(lambda: window.preview.data[:5] == b"%PDF-" and window.preview.data != first, timeout=20000)

    # Sheet size and orientation are offered for signs.
    window.preview.orientation.setCurrentIndex(1)
    qtbot.waitUntil(lambda: window.preview.pdf.pagePointSize(0).width() > window.preview.pdf.pagePointSize(0).height(),
                    timeout=20000)


def test_the_large_print_consent_form_is_one_choice_away(make_window, examples_dir, qtbot):
    window = make_window(examples_dir / "bubble_tea_shop.signdesk")
    window.side.setCurrentWidget(window.preview)
    combo = window.preview.documents
    choose(window, DocumentKind.CONSENT_FORM)
    qtbot.waitUntil(lambda: window.preview.page_count() >= 1, timeout=20000)
    normal_pages = window.preview.page_count()
    large = combo.currentIndex() + 1  # listed right under the normal form
    assert combo.itemData(large) == (DocumentKind.CONSENT_FORM.value, combo.itemData(large)[1], True)
    assert "large print" in combo.itemText(large)
    combo.setCurrentIndex(large)
    qtbot.waitUntil(lambda: window.preview.page_count() > normal_pages, timeout=20000)


def test_the_opt_out_page_opens_in_the_browser(make_window, examples_dir, dialogs, qtbot):
    window = make_window(examples_dir / "bubble_tea_shop.signdesk")
    qtbot.mouseClick(window.preview.optout_button, Qt.MouseButton.LeftButton)
    assert dialogs.opened_urls
    page = dialogs.opened_urls[-1].toLocalFile()
    assert "lemontea.example.cn" in open(page, encoding="utf-8").read()


def test_print_sends_every_page_to_the_printer(make_window, examples_dir, dialogs, qtbot):
    window = make_window(examples_dir / "bubble_tea_shop.signdesk")
    window.side.setCurrentWidget(window.preview)
    choose(window, DocumentKind.CONSENT_FORM)
    qtbot.waitUntil(lambda: window.preview.page_count() >= 1, timeout=20000)
    window.menus.print.trigger()
    assert len(PdfReader(str(dialogs.print_to)).pages) == window.preview.page_count()


def test_export_writes_every_document(make_window, examples_dir, dialogs, qtbot, tmp_path):
    window = make_window(examples_dir / "residential_compound.signdesk")
    dialogs.folder_answer = tmp_path / "out"
    qtbot.mouseClick(window.preview.export_button, Qt.MouseButton.LeftButton)
    job = window.export_job
    with qtbot.waitSignal(job.finished, timeout=60000):
        pass
    names = sorted(p.name for p in job.written)
    assert "filing-summary.pdf" in names and "pia-report.pdf" in names and "optout.html" in names
    assert any(n.startswith("sign-") for n in names)
    starts = {".pdf": b"%PDF-", ".html": b"<!DOC", ".zip": b"PK\x03\x04", ".json": b"{", ".csv": b"\xef\xbb\xbf"}
    assert all((tmp_path / "out" / n).read_bytes().startswith(starts[Path(n).suffix]) for n in names)
    assert "exported" in window.statusBar().currentMessage()


def report_on_screen(make_window, examples_dir, qtbot):
    """The window with the bubble-tea shop's impact-assessment report previewed."""
    window = make_window(examples_dir / "bubble_tea_shop.signdesk")
    window.side.setCurrentWidget(window.preview)
    choose(window, DocumentKind.PIA_REPORT)
    qtbot.waitUntil(lambda: window.preview.page_count() >= 2, timeout=20000)
    return window


def test_print_to_file_writes_the_document_itself(make_window, examples_dir, dialogs, qtbot):
    # Vector text, not page pictures: the file is the one SignDesk drew, written at once.
    window = report_on_screen(make_window, examples_dir, qtbot)
    window.menus.print.trigger()
    assert dialogs.print_to.read_bytes() == window.preview.data
    assert "sent to the printer" in window.statusBar().currentMessage()


def test_a_paper_printer_gets_pages_at_a_sensible_resolution(make_window, examples_dir, qtbot, tmp_path):
    # At a printer's 1200 dpi a page used to be a 550 MB picture and the window froze.
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPrintSupport import QPrinter

    from signdesk.ui.preview import PRINT_DPI, _buffer, paint_pages

    window = report_on_screen(make_window, examples_dir, qtbot)
    document = QPdfDocument()
    buffer = _buffer(window.preview.data)
    document.load(buffer)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "paper.pdf"))
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 2)  # "Pages 2 to 2" in the print dialog
    assert paint_pages(document, printer) == 1
    pages = PdfReader(str(tmp_path / "paper.pdf")).pages
    assert len(pages) == 1
    (image,) = pages[0].images
    assert image.image.width <= 210 / 25.4 * PRINT_DPI + 1


def _sign_ids(pdf_bytes_or_path):
    import io
    import re

    source = io.BytesIO(pdf_bytes_or_path) if isinstance(pdf_bytes_or_path, bytes) else str(pdf_bytes_or_path)
    return [re.search(r"sign ID (S-[0-9A-F]{6}-\d{2})", " ".join(p.extract_text().split())).group(1)
            for p in PdfReader(source).pages]


def test_the_sign_on_screen_numbers_on_after_the_registers_signs_and_copies_print_with_ids_of_their_own(
        make_window, examples_dir, dialogs, qtbot, tmp_path):
    import shutil

    project = tmp_path / "shop.signdesk"
    shutil.copy(examples_dir / "bubble_tea_shop.signdesk", project)
    window = make_window(project)
    assert window.register_tab.start_register()
    window.side.setCurrentWidget(window.preview)
    choose(window, DocumentKind.SIGN)
    qtbot.waitUntil(lambda: window.preview.page_count() == 1, timeout=20000)
    (first,) = _sign_ids(window.preview.data)
    assert first.endswith("-01")
    # Posted at the south gate: the sign on screen is now the next copy.
    window.register_tab.register.post_sign(first, scenario_id=window.project.scenarios[0].id, location="南门",
                                           version=first[:8], day=window.today)
    window.register_tab.changed.emit()
    qtbot.waitUntil(lambda: _sign_ids(window.preview.data) == [first[:8] + "-02"], timeout=20000)
    # Two copies from the print dialog: two pages, two IDs, so each can be recorded where it hangs.
    setup = dialogs.print_setup

    def two_copies(printer):
        setup(printer)
        printer.setCopyCount(2)
        return True

    dialogs.print_setup = two_copies
    window.menus.print.trigger()
    assert _sign_ids(dialogs.print_to) == [first[:8] + "-02", first[:8] + "-03"]


def test_a_click_on_the_documents_tab_opens_the_preview_and_draws_the_first_document(make_window, examples_dir,
                                                                                    qtbot):
    window = make_window(examples_dir / "bubble_tea_shop.signdesk")
    window.show()
    qtbot.waitExposed(window)
    bar = window.side.tabBar()
    assert bar.tabText(1) == "D&ocuments"
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(1).center())
    assert window.side.currentWidget() is window.preview and window.side.count() == 3
    qtbot.waitUntil(lambda: window.preview.page_count() >= 1, timeout=20000)
    assert window.preview.shown == window.preview.request()
