"""Export every document to a folder in a worker thread, with progress.

The worker only computes and writes files; what it has to say travels back
by signal and the window shows it (no dialog is ever opened off the GUI
thread).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import QProgressBar

from signdesk.errors import UserInputError
from signdesk.i18n import N_, translate
from signdesk.model import Project
from signdesk.ui.renderers import export_all

if TYPE_CHECKING:
    from signdesk.ui.main_window import MainWindow


class ExportSignals(QObject):
    progress = Signal(int, int)
    done = Signal(object)  # list[Path]
    failed = Signal(str)


class _ExportRunnable(QRunnable):
    def __init__(self, project: Project, folder: Path, options: dict[str, Any], locale: str) -> None:
        super().__init__()
        self.project, self.folder, self.options, self.locale = project, folder, options, locale
        self.signals = ExportSignals()

    def run(self) -> None:
        try:
            written = export_all(self.project, self.folder,
                                 progress=self.signals.progress.emit, **self.options)
        except UserInputError as err:
            self.signals.failed.emit(err.message(self.locale))
        except OSError as err:
            self.signals.failed.emit(translate(self.locale, N_("The documents could not be written: {problem}"),
                                               problem=err.strerror or str(err)))
        except Exception as err:  # a renderer bug must not take the window down
            self.signals.failed.emit(translate(self.locale, N_("The document could not be drawn: {problem}"),
                                               problem=str(err)[:200]))
        else:
            self.signals.done.emit(written)


class ExportJob(QObject):
    """One export, its progress bar in the status bar, and its outcome."""

    finished = Signal(object)  # list[Path] or None on failure

    def __init__(self, window: "MainWindow", project: Project, folder: Path,
                 options: dict[str, Any]) -> None:
        super().__init__(window)
        self.window = window
        self.folder = folder
        self.runnable = _ExportRunnable(project, folder, options, window.locale)
        self.runnable.setAutoDelete(False)
        self.bar = QProgressBar(window)
        self.bar.setMaximumWidth(220)
        self.runnable.signals.progress.connect(self._progress)
        self.runnable.signals.done.connect(self._done)
        self.runnable.signals.failed.connect(self._failed)
        self.written: list[Path] | None = None

    def start(self) -> None:
        self.window.statusBar().addPermanentWidget(self.bar)
        self.window.statusBar().showMessage(self.window.tr_(N_("Exporting documents…")))
        QThreadPool.globalInstance().start(self.runnable)

    def _progress(self, done: int, total: int) -> None:
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)

    def _end(self) -> None:
        self.window.statusBar().removeWidget(self.bar)
        self.bar.deleteLater()

    def _done(self, written: list[Path]) -> None:
        self._end()
        self.written = written
        self.window.statusBar().showMessage(self.window.tr_(
            N_("{count} documents exported to {folder}"), count=len(written), folder=str(self.folder)), 10_000)
        self.finished.emit(written)

    def _failed(self, message: str) -> None:
        self._end()
        self.window.statusBar().clearMessage()
        self.window.dialogs.error(self.window.tr_(N_("Export failed")), message)
        self.finished.emit(None)
