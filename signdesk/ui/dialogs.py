"""Every question the app asks the user in a modal dialog, in one place.

The window never calls ``QFileDialog``/``QMessageBox`` directly: it calls a
``Dialogs`` object, so tests pass one that answers at once instead of
blocking, and dialogs are only ever opened from the GUI thread.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox, QWidget

from signdesk.i18n import N_

Translate = Callable[..., str]


#: What the scan picker offers (photos from a phone, scanner output).
SCAN_PATTERNS = ("*.jpg", "*.jpeg", "*.png", "*.pdf", "*.tif", "*.tiff", "*.heic", "*.webp")


class Unsaved(Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


class Dialogs:
    """The real, modal dialogs. Texts arrive already translated."""

    def __init__(self, parent: QWidget, tr: Translate) -> None:
        self.parent = parent
        self.tr = tr

    def _filter(self) -> str:
        return self.tr(N_("SignDesk projects (*.signdesk)"))

    def open_path(self, folder: str) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(self.parent, self.tr(N_("Open project")), folder, self._filter())
        return Path(name) if name else None

    def save_path(self, suggested: str) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(self.parent, self.tr(N_("Save project as")), suggested, self._filter())
        if not name:
            return None
        path = Path(name)
        return path if path.suffix == ".signdesk" else path.with_name(path.name + ".signdesk")

    def export_folder(self, folder: str) -> Path | None:
        name = QFileDialog.getExistingDirectory(self.parent, self.tr(N_("Export documents to folder")), folder)
        return Path(name) if name else None

    def calendar_path(self, suggested: str) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(self.parent, self.tr(N_("Export deadlines to calendar")), suggested,
                                              self.tr(N_("Calendar files (*.ics)")))
        if not name:
            return None
        path = Path(name)
        return path if path.suffix == ".ics" else path.with_name(path.name + ".ics")

    def optout_text_folder(self, folder: str) -> Path | None:
        name = QFileDialog.getExistingDirectory(self.parent, self.tr(N_("Folder for the opt-out page text")), folder)
        return Path(name) if name else None

    def stores_path(self, folder: str) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(self.parent, self.tr(N_("Stores table (one row per site)")), folder,
                                              self.tr(N_("CSV tables (*.csv)")))
        return Path(name) if name else None

    def chain_folder(self, folder: str) -> Path | None:
        name = QFileDialog.getExistingDirectory(self.parent, self.tr(N_("Folder for the sites' documents")), folder)
        return Path(name) if name else None

    def scan_path(self, folder: str) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(self.parent, self.tr(N_("Scan or photo of the signed form")), folder,
                                              self.tr(N_("Scans and photos ({patterns})"), patterns=" ".join(SCAN_PATTERNS)))
        return Path(name) if name else None

    def info(self, title: str, text: str) -> None:
        QMessageBox.information(self.parent, title, text)

    def text(self, title: str, label: str, value: str) -> str | None:
        dialog = QInputDialog(self.parent)
        dialog.setWindowTitle(title)
        dialog.setLabelText(label)
        dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
        dialog.setTextValue(value)
        # The static getText() is as narrow as its label: the title and a long name were cut off.
        dialog.setMinimumWidth(420)
        ok = dialog.exec() == QInputDialog.DialogCode.Accepted
        text = dialog.textValue()
        dialog.deleteLater()
        return text if ok else None

    def confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self.parent, title, text)
        return answer == QMessageBox.StandardButton.Yes

    def unsaved(self, text: str) -> Unsaved:
        answer = QMessageBox.warning(
            self.parent, self.tr(N_("Unsaved changes")), text,
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
        )
        return {QMessageBox.StandardButton.Save: Unsaved.SAVE,
                QMessageBox.StandardButton.Discard: Unsaved.DISCARD}.get(answer, Unsaved.CANCEL)

    def error(self, title: str, text: str) -> None:
        QMessageBox.warning(self.parent, title, text)

    def print_setup(self, printer: QPrinter) -> bool:
        dialog = QPrintDialog(printer, self.parent)
        return dialog.exec() == QPrintDialog.DialogCode.Accepted

    def open_url(self, url: QUrl) -> bool:
        return QDesktopServices.openUrl(url)
