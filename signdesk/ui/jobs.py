"""Long work off the UI thread, with a progress bar in the status bar.

The worker only computes and writes files; what it has to say travels back
by signal and the window shows it, so no dialog is ever opened off the GUI
thread and a bug in the work cannot take the window down.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import QProgressBar

from signdesk.errors import UserInputError
from signdesk.i18n import N_, translate

if TYPE_CHECKING:
    from signdesk.ui.main_window import MainWindow

#: work(progress) -> result; progress(done, total) may be called from the worker.
Work = Callable[[Callable[[int, int], None]], Any]


class _Signals(QObject):
    progress = Signal(int, int)
    done = Signal(object)
    failed = Signal(str)


class _Runnable(QRunnable):
    def __init__(self, work: Work, locale: str) -> None:
        super().__init__()
        self.work, self.locale = work, locale
        self.signals = _Signals()

    def run(self) -> None:
        try:
            result = self.work(self.signals.progress.emit)
        except UserInputError as err:
            self.signals.failed.emit(err.message(self.locale))
        except OSError as err:
            self.signals.failed.emit(translate(self.locale, N_("The documents could not be written: {problem}"),
                                               problem=err.strerror or str(err)))
        except Exception as err:  # a renderer bug must not take the window down
            self.signals.failed.emit(translate(self.locale, N_("The document could not be drawn: {problem}"),
                                               problem=str(err)[:200]))
        else:
            self.signals.done.emit(result)


class StatusBarJob(QObject):
    """One piece of background work, its progress bar, and its outcome.

    Subclasses say what the work is, what the status bar says meanwhile,
    and what the owner is told at the end (``succeeded``).
    """

    finished = Signal(object)  # the result, or None on failure
    busy_message = ""
    failure_title = ""

    def __init__(self, window: "MainWindow", work: Work) -> None:
        super().__init__(window)
        self.window = window
        self.runnable = _Runnable(work, window.locale)
        self.runnable.setAutoDelete(False)
        self.bar = QProgressBar(window)
        self.bar.setMaximumWidth(220)
        self.runnable.signals.progress.connect(self._progress)
        self.runnable.signals.done.connect(self._done)
        self.runnable.signals.failed.connect(self._failed)
        self.result: Any = None
        self.running = False

    def start(self) -> None:
        self.running = True
        self.window.statusBar().addPermanentWidget(self.bar)
        self.bar.setRange(0, 0)  # busy until the work reports progress
        self.window.statusBar().showMessage(self.window.tr_(self.busy_message))
        QThreadPool.globalInstance().start(self.runnable)

    def succeeded(self, result: Any) -> None:  # pragma: no cover - overridden
        """Tell the owner what was done."""

    def _progress(self, done: int, total: int) -> None:
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)

    def _end(self) -> None:
        self.running = False
        self.window.statusBar().removeWidget(self.bar)
        self.bar.deleteLater()
        self.window.statusBar().clearMessage()

    def _done(self, result: Any) -> None:
        self._end()
        self.result = result
        self.succeeded(result)
        self.finished.emit(result)

    def _failed(self, message: str) -> None:
        self._end()
        self.window.dialogs.error(self.window.tr_(self.failure_title), message)
        self.finished.emit(None)
