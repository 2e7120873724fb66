"""Signs and consent forms for every site of a chain, from the app.

The same batch engine as ``signdesk-cli batch``: the owner picks the stores
table and a folder, a worker thread runs the batch (its two worker
processes are started fresh, not forked from this multi-threaded process),
a progress bar follows it in the status bar, and the summary is shown at
the end with the lines that were skipped.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import QProgressBar

from signdesk.batch import WORKERS, BatchReport, read_sites, run_batch, write_summary
from signdesk.errors import UserInputError
from signdesk.i18n import N_, translate
from signdesk.model import Project

if TYPE_CHECKING:
    from signdesk.ui.main_window import MainWindow


class ChainSignals(QObject):
    progress = Signal(int, int)
    done = Signal(object)  # BatchReport
    failed = Signal(str)


class _ChainRunnable(QRunnable):
    def __init__(self, project: Project, stores: Path, folder: Path, today: dt.date, locale: str,
                 workers: int) -> None:
        super().__init__()
        self.project, self.stores, self.folder, self.today = project, stores, folder, today
        self.locale, self.workers = locale, workers
        self.signals = ChainSignals()

    def run(self) -> None:
        try:
            try:
                raw = self.stores.read_bytes()
            except OSError as err:
                raise UserInputError(N_("The stores file {name} cannot be read: {problem}"),
                                     name=str(self.stores), problem=err.strerror or str(err)) from None
            sites, problems = read_sites(raw)
            report = BatchReport(problems=problems)
            report.results = run_batch(
                self.project, sites, self.folder, self.today, workers=self.workers,
                progress=lambda done, total, _result: self.signals.progress.emit(done, total),
                mp_context=multiprocessing.get_context("spawn"))
            write_summary(report, self.folder, self.locale)
        except UserInputError as err:
            self.signals.failed.emit(err.message(self.locale))
        except OSError as err:
            self.signals.failed.emit(translate(self.locale, N_("The documents could not be written: {problem}"),
                                               problem=err.strerror or str(err)))
        except Exception as err:  # a bug must not take the window down
            self.signals.failed.emit(translate(self.locale, N_("The document could not be drawn: {problem}"),
                                               problem=str(err)[:200]))
        else:
            self.signals.done.emit(report)


class ChainJob(QObject):
    """One chain batch, its progress bar, and its summary."""

    finished = Signal(object)  # BatchReport, or None on failure

    def __init__(self, window: "MainWindow", project: Project, stores: Path, folder: Path,
                 workers: int = WORKERS) -> None:
        super().__init__(window)
        self.window = window
        self.folder = folder
        self.runnable = _ChainRunnable(project, stores, folder, window.today or dt.date.today(),
                                       window.locale, workers)
        self.runnable.setAutoDelete(False)
        self.bar = QProgressBar(window)
        self.bar.setMaximumWidth(220)
        self.runnable.signals.progress.connect(self._progress)
        self.runnable.signals.done.connect(self._done)
        self.runnable.signals.failed.connect(self._failed)
        self.report: BatchReport | None = None

    def start(self) -> None:
        self.window.statusBar().addPermanentWidget(self.bar)
        self.bar.setRange(0, 0)  # busy until the first site reports
        self.window.statusBar().showMessage(self.window.tr_(N_("Printing for every site…")))
        QThreadPool.globalInstance().start(self.runnable)

    def _progress(self, done: int, total: int) -> None:
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)

    def _end(self) -> None:
        self.window.statusBar().removeWidget(self.bar)
        self.bar.deleteLater()
        self.window.statusBar().clearMessage()

    def _done(self, report: BatchReport) -> None:
        self._end()
        self.report = report
        tr = self.window.tr_
        lines = [tr(N_("{done} sites done, {skipped} already done, {failed} failed, {bad} bad rows."),
                    done=report.count("done"), skipped=report.count("skipped"),
                    failed=report.count("failed"), bad=len(report.problems))]
        for problem in report.problems:
            lines.append(tr(N_("Line {line}: {reason}"), line=problem.line,
                            reason=problem.error.message(self.window.locale)))
        for result in report.results:
            if result.error is not None:
                lines.append(f"{result.site.name}: {result.error.message(self.window.locale)}")
        lines.append(tr(N_("The documents and summary.csv are in {folder}."), folder=str(self.folder)))
        self.window.dialogs.info(tr(N_("Chain of sites")), "\n".join(lines))
        self.finished.emit(report)

    def _failed(self, message: str) -> None:
        self._end()
        self.window.dialogs.error(self.window.tr_(N_("Chain of sites")), message)
        self.finished.emit(None)
