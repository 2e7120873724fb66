"""Help > User guide: the bundled guide in a window of its own, in either language."""

from __future__ import annotations

from typing import Callable

from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QPushButton, QTextBrowser,
                               QVBoxLayout, QWidget)

import signdesk
from signdesk.guide import guide_html
from signdesk.i18n import EN, N_, ZH, normalize_locale
from signdesk.ui.i18n_qt import LANGUAGE_NAMES

Translate = Callable[..., str]

#: Qt's rich text has no user style sheet of its own: air between the steps and above the headings.
GUIDE_STYLE = "h1 { margin-bottom: 10px; } h2 { margin-top: 22px; } h3 { margin-top: 16px; } li { margin-bottom: 6px; }"


class GuideWindow(QDialog):
    """The user guide, read offline, with a button that shows it in the other language."""

    def __init__(self, tr: Translate, locale: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guideWindow")
        self.tr_ = tr
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("guideText")
        # Links inside the guide jump to its sections; it has no others.
        self.browser.setOpenExternalLinks(False)
        self.browser.document().setDefaultStyleSheet(GUIDE_STYLE)
        self.browser.document().setDocumentMargin(14)
        self.other_language = QPushButton(self)
        self.other_language.setObjectName("guideOtherLanguage")
        self.other_language.clicked.connect(lambda: self.show_locale(EN if self.locale == ZH else ZH))
        self.version = QLabel(self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        row = QHBoxLayout()
        row.addWidget(self.version, 1)
        row.addWidget(self.other_language)
        row.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addLayout(row)
        self.locale = ""
        self.show_locale(locale)
        self.resize(780, 700)

    def show_locale(self, locale: str) -> None:
        """Show the guide in ``locale``'s language; the button then offers the other one."""
        self.locale = normalize_locale(locale)
        self.browser.setHtml(guide_html(self.locale))
        # Named in its own language, as the Language menu names them.
        self.other_language.setText(LANGUAGE_NAMES[EN if self.locale == ZH else ZH])
        self.setWindowTitle(self.tr_(N_("SignDesk user guide")))
        self.version.setText(self.tr_(N_("SignDesk {version}"), version=signdesk.__version__))

    def text(self) -> str:
        """What the reader sees, as plain text."""
        return self.browser.toPlainText()
