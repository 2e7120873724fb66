"""Help > About: the version, the font's licence and where the data is kept."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QUrl, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

import signdesk
from signdesk.i18n import N_
from signdesk.paths import FONTS_DIR

Translate = Callable[..., str]

FONT_LICENCE = FONTS_DIR / "OFL.txt"


def _link(path: Path) -> str:
    return f'<a href="{QUrl.fromLocalFile(str(path)).toString()}">{html.escape(str(path))}</a>'


class AboutDialog(QDialog):
    """What a user asks the maker: which version, whose font, where is my data."""

    def __init__(self, tr: Translate, data_folder: Path, documents: Path,
                 open_url: Callable[[QUrl], object], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(tr(N_("About SignDesk")))
        paragraphs = [
            f"<h3>{html.escape(tr(N_('SignDesk {version}'), version=signdesk.__version__))}</h3>",
            html.escape(tr(N_("Signs, consent forms and filing papers for businesses that use facial "
                              "recognition in China (2025 Measures)."))),
            html.escape(tr(N_("Chinese text is set in Noto Sans SC, under the SIL Open Font License 1.1:")))
            + "<br>" + _link(FONT_LICENCE),
            html.escape(tr(N_("Crash-recovery autosaves and register backups are kept in:")))
            + "<br>" + _link(data_folder),
            html.escape(tr(N_("Copies of the example projects are made in:"))) + "<br>" + _link(documents),
        ]
        self.text = QLabel("".join(f"<p>{p}</p>" for p in paragraphs), self)
        self.text.setObjectName("aboutText")
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.text.linkActivated.connect(lambda href: open_url(QUrl(href)))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)
