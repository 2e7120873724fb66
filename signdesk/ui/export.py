"""Export every document to a folder in a worker thread, with progress."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from signdesk.i18n import N_
from signdesk.model import Project
from signdesk.ui.jobs import StatusBarJob
from signdesk.ui.renderers import export_all

if TYPE_CHECKING:
    from signdesk.ui.main_window import MainWindow


class ExportJob(StatusBarJob):
    """Every document the business needs, written into one folder."""

    busy_message = N_("Exporting documents…")
    failure_title = N_("Export failed")

    def __init__(self, window: "MainWindow", project: Project, folder: Path, options: dict[str, Any]) -> None:
        super().__init__(window, lambda progress: export_all(project, folder, progress=progress, **options))
        self.folder = folder

    @property
    def written(self) -> list[Path] | None:
        return self.result

    def succeeded(self, written: list[Path]) -> None:
        self.window.statusBar().showMessage(self.window.tr_(
            N_("{count} documents exported to {folder}"), count=len(written), folder=str(self.folder)), 10_000)
