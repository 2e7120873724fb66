"""GUI test set-up: isolated settings and data folders, dialogs that never block."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, QStandardPaths, QUrl

from signdesk.ui.dialogs import Unsaved


@dataclass
class FakeDialogs:
    """Answers every dialog at once and records what was asked."""

    window: Any = None
    texts: list[str] = field(default_factory=list)
    open_answer: Path | None = None
    save_answer: Path | None = None
    folder_answer: Path | None = None
    stores_answer: Path | None = None
    scan_answer: Path | None = None
    infos: list[tuple[str, str]] = field(default_factory=list)
    confirm_answer: bool = True
    unsaved_answer: Unsaved = Unsaved.DISCARD
    errors: list[tuple[str, str]] = field(default_factory=list)
    asked: list[str] = field(default_factory=list)
    opened_urls: list[QUrl] = field(default_factory=list)
    printed: bool = False

    def open_path(self, folder: str) -> Path | None:
        return self.open_answer

    def save_path(self, suggested: str) -> Path | None:
        return self.save_answer

    def export_folder(self, folder: str) -> Path | None:
        return self.folder_answer

    def calendar_path(self, suggested: str) -> Path | None:
        return self.save_answer

    def optout_text_folder(self, folder: str) -> Path | None:
        return self.folder_answer

    def stores_path(self, folder: str) -> Path | None:
        return self.stores_answer

    def chain_folder(self, folder: str) -> Path | None:
        return self.folder_answer

    def scan_path(self, folder: str) -> Path | None:
        return self.scan_answer

    def info(self, title: str, text: str) -> None:
        self.infos.append((title, text))

    def text(self, title: str, label: str, value: str) -> str | None:
        return self.texts.pop(0) if self.texts else value

    def confirm(self, title: str, text: str) -> bool:
        self.asked.append(text)
        return self.confirm_answer

    def unsaved(self, text: str) -> Unsaved:
        self.asked.append(text)
        return self.unsaved_answer

    def error(self, title: str, text: str) -> None:
        self.errors.append((title, text))

    def print_setup(self, printer) -> bool:
        from PySide6.QtPrintSupport import QPrinter

        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(self.print_to))
        return True

    def open_url(self, url: QUrl) -> bool:
        self.opened_urls.append(url)
        return True


@pytest.fixture
def isolated(tmp_path: Path, qapp) -> Path:
    """Settings and data of this test live under tmp_path, never the user's."""
    from signdesk.ui.app import application

    QStandardPaths.setTestModeEnabled(True)
    application()
    qapp.setOrganizationName("SignDeskTest")
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "SignDesk", "SignDesk").setValue(
        "ui/language", "en")
    return tmp_path


@pytest.fixture
def dialogs(tmp_path: Path) -> FakeDialogs:
    fake = FakeDialogs()
    fake.print_to = tmp_path / "printed.pdf"
    return fake


@pytest.fixture
def make_window(isolated: Path, dialogs: FakeDialogs, qtbot, today):
    """Build a main window like ``signdesk [PROJECT]`` does, with fake dialogs."""
    from signdesk.ui.app import build_window

    windows = []

    def make(project: Path | None = None):
        def factory(window):
            dialogs.window = window
            return dialogs

        window = build_window(project, dialogs=factory, data_folder=isolated / "data", today=today,
                              documents=isolated / "Documents" / "SignDesk")
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.setWindowModified(False)
        window.preview.wait_idle()


@pytest.fixture
def window(make_window):
    """A window with a new, empty project: the first start's welcome page left by File > New."""
    window = make_window()
    window.menus.new.trigger()
    return window
