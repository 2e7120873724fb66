"""Document preview, drawn off the UI thread, plus print and export.

Edits are debounced; each render works on a copy of the project in a worker
thread and hands back bytes through a signal. Results of renders that an
edit has since made stale are dropped.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QRect, QRunnable, QSize, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QPainter, QWheelEvent
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from signdesk.errors import UserInputError
from signdesk.i18n import N_
from signdesk.model import Project
from signdesk.rules import Assessment, DocumentKind
from signdesk.ui.flow import FlowLayout
from signdesk.ui.renderers import LARGE_PRINT_DOCUMENTS, SHEET_NAMES, DocumentRequest, is_pdf, render_document
from signdesk.ui.widgets import WrappingComboBox

Translate = Callable[..., str]

#: Wait this long after the last edit before drawing again.
DEBOUNCE_MS = 80

#: Zoom steps for "in" and "out"; 1.0 shows a page at its printed size (as the screen's dpi says).
ZOOM_STEPS = (0.25, 0.33, 0.5, 0.67, 0.75, 0.9, 1.0, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 4.0)

#: Documents whose sheet the owner chooses; reports are always A4 portrait.
SHEET_DOCUMENTS = (DocumentKind.SIGN, DocumentKind.CONSENT_FORM, DocumentKind.GUARDIAN_CONSENT_FORM)


class RenderSignals(QObject):
    done = Signal(int, object)  # generation, bytes
    failed = Signal(int, str)  # generation, message for the user
    skipped = Signal(int)  # generation: a newer edit came first, nothing was drawn


class RenderJob(QRunnable):
    """Draw one document in a worker thread; never touches a widget."""

    def __init__(self, generation: int, project: Project, request: DocumentRequest, locale: str,
                 is_current: Callable[[int], bool]) -> None:
        super().__init__()
        self.generation, self.project, self.request, self.locale = generation, project, request, locale
        self.is_current = is_current
        self.signals = RenderSignals()

    def run(self) -> None:
        if not self.is_current(self.generation):
            self.signals.skipped.emit(self.generation)  # a newer edit is already queued
            return
        from signdesk.i18n import translate

        try:
            data = render_document(self.project, self.request)
        except UserInputError as err:
            self.signals.failed.emit(self.generation, err.message(self.locale))
        except Exception as err:  # a renderer bug must not take the window down
            self.signals.failed.emit(self.generation, translate(
                self.locale, N_("The document could not be drawn: {problem}"), problem=str(err)[:200]))
        else:
            self.signals.done.emit(self.generation, data)


#: Pages go to a paper printer as images; beyond this a page only gets slower and bigger, not sharper.
PRINT_DPI = 300


def print_pdf(data: bytes, printer: QPrinter) -> int:
    """Send every page of a PDF to ``printer``; returns the number of pages.

    "Print to file (PDF)" gets the document's own bytes: vector text, the
    exact file SignDesk made, written at once. A paper printer gets each
    page drawn at ``PRINT_DPI`` at most (at a printer's 1200 dpi one A4
    page is a 550 MB image and the window froze for seconds per page).
    """
    document = QPdfDocument()
    buffer = _buffer(data)
    document.load(buffer)
    if printer.outputFormat() is QPrinter.OutputFormat.PdfFormat and printer.outputFileName():
        from signdesk.model import write_atomically

        write_atomically(Path(printer.outputFileName()), data)
        return document.pageCount()
    return paint_pages(document, printer)


def paint_pages(document: QPdfDocument, printer: QPrinter) -> int:
    """Draw each page of ``document`` as an image of at most ``PRINT_DPI`` onto ``printer``."""
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    # The pages the owner chose in the print dialog ("Pages from 2 to 3"), else all.
    first = max(printer.fromPage(), 1) - 1
    last = min(printer.toPage() or document.pageCount(), document.pageCount())
    pages = range(first, last)
    try:
        for page in pages:
            if page != first:
                printer.newPage()
            viewport = painter.viewport()
            target = QRect(viewport.topLeft(), document.pagePointSize(page).toSize().scaled(
                viewport.size(), Qt.AspectRatioMode.KeepAspectRatio))
            scale = min(1.0, PRINT_DPI / max(printer.resolution(), 1))
            image = document.render(page, QSize(max(1, round(target.width() * scale)),
                                                max(1, round(target.height() * scale))))
            painter.drawImage(target, image)
    finally:
        painter.end()
    return len(pages)


def _buffer(data: bytes) -> QBuffer:
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    return buffer


class ZoomablePdfView(QPdfView):
    """A PDF view that zooms with Ctrl + mouse wheel (or a touchpad's pinch-scroll)."""

    zoom_step = Signal(int)  # +1 in, -1 out

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            delta = event.angleDelta().y()
            if delta:
                self.zoom_step.emit(1 if delta > 0 else -1)
            event.accept()
            return
        super().wheelEvent(event)


def next_zoom(current: float, direction: int) -> float:
    """The zoom step after ``current`` going in (+1) or out (-1)."""
    if direction > 0:
        return next((z for z in ZOOM_STEPS if z > current + 1e-3), ZOOM_STEPS[-1])
    return next((z for z in reversed(ZOOM_STEPS) if z < current - 1e-3), ZOOM_STEPS[0])


class PreviewPane(QWidget):
    """The document chooser, sheet options, the PDF view and the actions."""

    rendered = Signal()  # a new preview is on screen (or a message is)
    print_requested = Signal()
    export_requested = Signal()
    optout_requested = Signal()
    numbered_requested = Signal()  # numbered copies of the consent form shown

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 8, 8, 8)
        choose = QHBoxLayout()
        self.document_label = QLabel(self)
        self.documents = WrappingComboBox(self)
        self.documents.setObjectName("previewDocument")
        self.document_label.setBuddy(self.documents)
        choose.addWidget(self.document_label)
        choose.addWidget(self.documents, 1)
        layout.addLayout(choose)
        # Sheet and zoom side by side, or one above the other in a narrow pane.
        options = FlowLayout()
        sheet_group, zoom_group = QWidget(self), QWidget(self)
        sheet_row, zoom_row = QHBoxLayout(sheet_group), QHBoxLayout(zoom_group)
        for row in (sheet_row, zoom_row):
            row.setContentsMargins(0, 0, 0, 0)
        self.sheet_label = QLabel(self)
        self.sheet = QComboBox(self)
        self.sheet.setObjectName("previewSheet")
        for name in SHEET_NAMES:
            self.sheet.addItem(name.title() if name == "LETTER" else name, name)
        self.sheet_label.setBuddy(self.sheet)
        self.orientation = QComboBox(self)
        self.orientation.setObjectName("previewOrientation")
        self.orientation.addItems(["", ""])
        for combo in (self.sheet, self.orientation):
            # Grow with the language: "纵向" is two characters, "Portrait" eight.
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        sheet_row.addWidget(self.sheet_label)
        sheet_row.addWidget(self.sheet)
        sheet_row.addWidget(self.orientation)
        # Zoom: fit the width, fit the page, or steps in and out (Ctrl+wheel, Ctrl++ / Ctrl+-).
        self.zoom_buttons: dict[str, QToolButton] = {}
        self.zoom_actions: dict[str, QAction] = {}
        for name, shortcut, slot in (
            ("fit_width", None, lambda: self.set_zoom_mode(QPdfView.ZoomMode.FitToWidth)),
            ("fit_page", QKeySequence("Ctrl+0"), lambda: self.set_zoom_mode(QPdfView.ZoomMode.FitInView)),
            ("zoom_out", QKeySequence.StandardKey.ZoomOut, lambda: self.zoom_by(-1)),
            ("zoom_in", QKeySequence.StandardKey.ZoomIn, lambda: self.zoom_by(1)),
        ):
            action = QAction(self)
            action.setObjectName(f"preview-{name}")
            if shortcut is not None:
                action.setShortcut(QKeySequence(shortcut))
                action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(lambda _c=False, f=slot: f())
            self.addAction(action)
            button = QToolButton(self)
            button.setObjectName(f"preview-{name}")
            button.setDefaultAction(action)
            button.setAutoRaise(True)
            zoom_row.addWidget(button)
            self.zoom_actions[name] = action
            self.zoom_buttons[name] = button
        for name in ("fit_width", "fit_page"):
            self.zoom_actions[name].setCheckable(True)
        self.zoom_label = QLabel(self)
        self.zoom_label.setObjectName("previewZoom")
        self.zoom_label.setMinimumWidth(self.zoom_label.fontMetrics().horizontalAdvance("400 %") + 8)
        zoom_row.addWidget(self.zoom_label)
        options.addWidget(sheet_group)
        options.addWidget(zoom_group)
        layout.addLayout(options)
        self.not_ready = QLabel(self)
        self.not_ready.setObjectName("previewNotReady")
        self.not_ready.setWordWrap(True)
        self.not_ready.setTextFormat(Qt.TextFormat.PlainText)
        self.not_ready.hide()
        layout.addWidget(self.not_ready)
        self.stack = QStackedWidget(self)
        self.view, self.pdf = self._new_view(QPdfView.ZoomMode.FitInView, 1.0)
        self._show_zoom()
        self.message = QLabel(self.stack)
        self.message.setObjectName("previewMessage")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setMargin(24)
        self.stack.addWidget(self.message)
        self.stack.addWidget(self.view)
        self.stack.setCurrentWidget(self.view)
        layout.addWidget(self.stack, 1)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)  # busy: the length of a render is unknown
        self.progress.setMaximumHeight(6)
        self.progress.setTextVisible(False)
        self.progress.hide()
        layout.addWidget(self.progress)
        actions = FlowLayout()
        self.print_button = QPushButton(self)
        self.export_button = QPushButton(self)
        self.optout_button = QPushButton(self)
        self.numbered_button = QPushButton(self)
        self.numbered_button.setObjectName("previewNumbered")
        for button, signal in ((self.print_button, self.print_requested),
                               (self.export_button, self.export_requested),
                               (self.numbered_button, self.numbered_requested),
                               (self.optout_button, self.optout_requested)):
            button.clicked.connect(signal)
            actions.addWidget(button)
        layout.addLayout(actions)

        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)  # one render at a time; stale ones are skipped
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self._start_render)
        self._generation = 0
        self._jobs: dict[int, RenderJob] = {}
        self.data: bytes = b""
        self.today: dt.date | None = None
        #: The print numbers the open register's signs use (see DocumentRequest.sign_numbers).
        self.sign_numbers: tuple[tuple[str, int], ...] = ()
        self._project: Project | None = None
        self._locale = "en"
        self._tr: Translate = lambda m, **p: m
        #: The document the owner chose (kind, scenario id): kept across a language switch and a re-render.
        self._chosen: tuple[str, str | None, bool] | None = None
        #: The request whose drawing is on screen (None while a message is shown).
        self.shown: DocumentRequest | None = None
        self.documents.currentIndexChanged.connect(self._document_chosen)
        self.documents.activated.connect(self._document_chosen_again)
        for combo in (self.sheet, self.orientation):
            combo.currentIndexChanged.connect(self.schedule)

    # -- choices -----------------------------------------------------------
    def _key_at(self, index: int) -> tuple[str, str | None, bool] | None:
        """(kind, scenario id, large print) of one entry of the selector."""
        data = self.documents.itemData(index)
        return (data[0], data[1], bool(data[2])) if data else None

    def request(self) -> DocumentRequest | None:
        """The document the selector names, as the preview draws it (marked DRAFT if it lacks answers)."""
        key = self._key_at(self.documents.currentIndex())
        if key is None:
            return None
        kind, scenario_id, large_print = key
        return DocumentRequest(DocumentKind(kind), scenario_id, self.sheet.currentData() or "A4",
                               self.orientation.currentIndex() == 1, self.today, large_print, draft=True,
                               sign_numbers=self.sign_numbers if kind == DocumentKind.SIGN.value else ())

    def _document_chosen(self, index: int) -> None:
        self._chosen = self._key_at(index)
        self._update_options()
        self.schedule()

    def _document_chosen_again(self, _index: int) -> None:
        # The owner picked the entry already selected: draw it if the screen shows anything else.
        if self.shown is None or self.shown != self.request():
            self.schedule()

    def show_documents(self, project: Project, assessment: Assessment, tr: Translate, locale: str) -> None:
        """List the documents the business needs; keep the owner's choice."""
        self._project, self._tr, self._locale = project, tr, locale
        names = {sc.id: sc.name for sc in project.scenarios}
        self.documents.blockSignals(True)
        self.documents.clear()
        for doc in assessment.documents:
            title = doc.kind.title(locale)
            if doc.scenario_id in names:
                title = f"{title} — {names[doc.scenario_id]}"
            self.documents.addItem(title, (doc.kind.value, doc.scenario_id, False))
            if doc.kind in LARGE_PRINT_DOCUMENTS:  # one choice away, right under the normal form
                self.documents.addItem(tr(N_("{document} (large print)"), document=title),
                                       (doc.kind.value, doc.scenario_id, True))
        # Compared here, not with findData: a Python value in a QVariant may not compare equal to itself.
        keys = [self._key_at(i) for i in range(self.documents.count())]
        self.documents.setCurrentIndex(keys.index(self._chosen) if self._chosen in keys else 0)
        self.documents.blockSignals(False)
        self._update_options()
        self.optout_button.setEnabled(any(d.kind is DocumentKind.OPTOUT_PAGE for d in assessment.documents))

    def _update_options(self) -> None:
        request = self.request()
        with_sheet = request is not None and request.kind in SHEET_DOCUMENTS
        self.sheet.setEnabled(with_sheet)
        self.orientation.setEnabled(with_sheet)
        self.numbered_button.setEnabled(request is not None and request.kind in (
            DocumentKind.CONSENT_FORM, DocumentKind.GUARDIAN_CONSENT_FORM))
        missing = request.missing(self._project) if request is not None and self._project is not None else []
        if missing:
            from signdesk.rules.document_needs import describe_missing

            self.not_ready.setText(self._tr(N_("Not ready to print; it prints marked DRAFT until you answer:"))
                                   + "\n" + describe_missing(self._project, missing).get(self._locale))
        self.not_ready.setVisible(bool(missing))

    def missing(self) -> list:
        """What the document on the selector lacks before it can be printed."""
        request = self.request()
        return request.missing(self._project) if request is not None and self._project is not None else []

    # -- zoom ----------------------------------------------------------------
    def set_zoom_mode(self, mode: QPdfView.ZoomMode) -> None:
        self.view.setZoomMode(mode)
        self._show_zoom()

    def zoom_by(self, direction: int) -> None:
        """One step in (+1) or out (-1) from the zoom on screen, fit modes included."""
        current = self.effective_zoom()
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(next_zoom(current, direction))
        self._show_zoom()

    def effective_zoom(self) -> float:
        """The zoom on screen: in a fit mode, what fitting the first page gives."""
        mode = self.view.zoomMode()
        if mode is QPdfView.ZoomMode.Custom or self.pdf.pageCount() == 0:
            return self.view.zoomFactor()
        page = self.pdf.pagePointSize(0)
        # QPdfView draws a point as screen-dpi/72 pixels at zoom 1.
        scale = self.view.logicalDpiX() / 72.0
        room = self.view.viewport().size()
        margins = self.view.documentMargins()
        width = max(1, room.width() - margins.left() - margins.right())
        height = max(1, room.height() - margins.top() - margins.bottom())
        factor = width / (page.width() * scale)
        if mode is QPdfView.ZoomMode.FitInView:
            factor = min(factor, height / (page.height() * scale))
        return factor

    def _show_zoom(self) -> None:
        mode = self.view.zoomMode()
        self.zoom_actions["fit_width"].setChecked(mode is QPdfView.ZoomMode.FitToWidth)
        self.zoom_actions["fit_page"].setChecked(mode is QPdfView.ZoomMode.FitInView)
        self.zoom_label.setText(f"{round(self.effective_zoom() * 100)} %")

    def retranslate(self, tr: Translate) -> None:
        self._tr = tr
        self.document_label.setText(tr(N_("&Document:")))
        self.sheet_label.setText(tr(N_("&Sheet:")))
        self.orientation.setItemText(0, tr(N_("Portrait")))
        self.orientation.setItemText(1, tr(N_("Landscape")))
        self.print_button.setText(tr(N_("&Print…")))
        self.export_button.setText(tr(N_("E&xport all…")))
        self.numbered_button.setText(tr(N_("Nu&mbered forms…")))
        self.optout_button.setText(tr(N_("Open opt-out page in &browser")))
        for name, text, tip in (
            ("fit_width", tr(N_("Fit width")), N_("Zoom so the page fills the width of the pane")),
            ("fit_page", tr(N_("Fit page")), N_("Zoom so the whole page shows (Ctrl+0)")),
            ("zoom_out", "−", N_("Zoom out (Ctrl+minus, or Ctrl+mouse wheel)")),
            ("zoom_in", "+", N_("Zoom in (Ctrl+plus, or Ctrl+mouse wheel)")),
        ):
            self.zoom_actions[name].setText(text)
            self.zoom_actions[name].setToolTip(tr(tip))
        self._update_options()

    # -- rendering ---------------------------------------------------------
    def schedule(self) -> None:
        """Draw again shortly; a burst of edits gives one render."""
        self._generation += 1
        self.timer.start()

    def _is_current(self, generation: int) -> bool:
        return generation == self._generation

    def _start_render(self) -> None:
        request = self.request()
        if request is None or self._project is None:
            self._show_message(self._tr(N_("Answer a few questions to see your documents here.")))
            return
        job = RenderJob(self._generation, self._project.copy(), request, self._locale, self._is_current)
        job.setAutoDelete(False)
        job.signals.done.connect(self._done, Qt.ConnectionType.QueuedConnection)
        job.signals.failed.connect(self._failed, Qt.ConnectionType.QueuedConnection)
        job.signals.skipped.connect(self._finish, Qt.ConnectionType.QueuedConnection)
        self._jobs[job.generation] = job
        self.progress.show()
        self.pool.start(job)

    def _finish(self, generation: int) -> bool:
        self._jobs.pop(generation, None)
        if generation != self._generation:
            return False
        self.progress.hide()
        return True

    def _done(self, generation: int, data: bytes) -> None:
        job = self._jobs.get(generation)
        if not self._finish(generation):
            return
        if job is None or job.request != self.request():
            # Drawn for another choice than the selector names now: draw again, never show it.
            self.schedule()
            return
        self.data = data
        if not is_pdf(data):
            self.shown = None
            self._show_message(self._tr(N_("This document is a web page. Use “Open opt-out page in browser” to see it.")))
            return
        self._show_pdf(data)
        self.shown = job.request
        self._show_zoom()
        self.rendered.emit()

    def _new_view(self, mode: QPdfView.ZoomMode, factor: float) -> tuple[ZoomablePdfView, QPdfDocument]:
        """A PDF view with its own empty document, at the zoom given."""
        view = ZoomablePdfView(self.stack)
        view.setObjectName("pdfView")
        view.setPageMode(QPdfView.PageMode.MultiPage)
        view.setZoomMode(mode)
        view.setZoomFactor(factor)
        document = QPdfDocument(self)
        view.setDocument(document)
        view.zoom_step.connect(self.zoom_by)
        view.zoomFactorChanged.connect(lambda _f: self._show_zoom())
        view.zoomModeChanged.connect(lambda _m: self._show_zoom())
        return view, document

    def _show_pdf(self, data: bytes) -> None:
        """Put a new drawing on screen in a new view, at the zoom and scroll position of the old one.

        Reloading one QPdfView's document is not enough: its page renderer
        works in a thread, and a page of the previous document drawn just
        before the reload lands in the view's cache afterwards and stays on
        screen (the sign selected, the consent form shown). A new view has
        a new renderer that never saw the old document.
        """
        old = self.view
        view, document = self._new_view(old.zoomMode(), old.zoomFactor())
        buffer = _buffer(data)
        buffer.setParent(document)  # the document reads from it as long as it lives
        document.load(buffer)
        had_focus = old.hasFocus() or old.viewport().hasFocus()
        view.resize(old.size())  # first drawn at its size, not drawn small and blown up
        self.stack.addWidget(view)
        self.stack.setCurrentWidget(view)
        for new_bar, old_bar in ((view.horizontalScrollBar(), old.horizontalScrollBar()),
                                 (view.verticalScrollBar(), old.verticalScrollBar())):
            new_bar.setValue(old_bar.value())
        if had_focus:
            view.setFocus(Qt.FocusReason.OtherFocusReason)
        old_document, self.view, self.pdf = self.pdf, view, document
        self.stack.removeWidget(old)
        # The document goes after its view: the view's renderer may still be drawing from it,
        # and a document closing under a dying view calls into it.
        old.destroyed.connect(old_document.deleteLater)
        old.deleteLater()

    def _failed(self, generation: int, message: str) -> None:
        if self._finish(generation):
            self.data = b""
            self._show_message(message)

    def _show_message(self, text: str) -> None:
        self.progress.hide()
        self.shown = None
        self.message.setText(text)
        self.stack.setCurrentWidget(self.message)
        self.rendered.emit()

    def page_count(self) -> int:
        return self.pdf.pageCount() if self.stack.currentWidget() is self.view else 0

    def wait_idle(self, msecs: int = 30000) -> None:
        """Wait for the worker (used when the window closes)."""
        self.timer.stop()
        self._generation += 1
        self.pool.waitForDone(msecs)
