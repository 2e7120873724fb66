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
from typing import TYPE_CHECKING, Callable

from signdesk.batch import (
    WORKERS,
    BatchReport,
    check_chain_printable,
    read_stores_file,
    run_batch,
    site_renderer,
    summary_sentence,
    write_summary,
)
from signdesk.i18n import N_
from signdesk.model import Project
from signdesk.ui.jobs import StatusBarJob

if TYPE_CHECKING:
    from signdesk.ui.main_window import MainWindow


def print_chain(project: Project, stores: Path, folder: Path, today: dt.date, locale: str,
                progress: Callable[[int, int], None], workers: int = WORKERS, draft: bool = False) -> BatchReport:
    """Run the chain batch for a stores table; writes summary.csv beside the sites.

    Raises ``DocumentNotReadyError`` (before drawing anything) when the
    signs or forms lack answers, unless ``draft``.
    """
    sites, problems = read_stores_file(stores)
    check_chain_printable(project, sites, draft)
    report = BatchReport(problems=problems)
    report.results = run_batch(project, sites, folder, today, workers=workers,
                               progress=lambda done, total, _result: progress(done, total),
                               renderer=site_renderer(draft), mp_context=multiprocessing.get_context("spawn"))
    write_summary(report, folder, locale)
    return report


class ChainJob(StatusBarJob):
    """One chain batch, its progress bar, and its summary."""

    busy_message = N_("Printing for every site…")
    failure_title = N_("Chain of sites")

    def __init__(self, window: "MainWindow", project: Project, stores: Path, folder: Path,
                 draft: bool = False) -> None:
        today, locale = window.today or dt.date.today(), window.locale
        super().__init__(window, lambda progress: print_chain(project, stores, folder, today, locale, progress,
                                                             draft=draft))
        self.folder = folder

    @property
    def report(self) -> BatchReport | None:
        return self.result

    def succeeded(self, report: BatchReport) -> None:
        tr, locale = self.window.tr_, self.window.locale
        lines = [summary_sentence(report, locale)]
        lines += [tr(N_("Line {line}: {reason}"), line=p.line, reason=p.error.message(locale))
                  for p in report.problems]
        lines += [f"{r.site.name}: {r.error.message(locale)}" for r in report.results if r.error is not None]
        lines.append(tr(N_("The documents and summary.csv are in {folder}."), folder=str(self.folder)))
        self.window.dialogs.info(tr(N_("Chain of sites")), "\n".join(lines))
