"""Live findings: a summary, one card per finding, the documents needed.

Clicking a card (or pressing Enter on it) asks the window to jump to the
question behind the finding.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from signdesk.i18n import N_
from signdesk.model import INCOMPLETE_NOTE, Project, nothing_found_msgid, unanswered_questions
from signdesk.rules import Assessment, Finding, Severity

Translate = Callable[..., str]

_ICONS = {
    Severity.VIOLATION: QStyle.StandardPixmap.SP_MessageBoxCritical,
    Severity.OBLIGATION: QStyle.StandardPixmap.SP_MessageBoxWarning,
    Severity.ADVISORY: QStyle.StandardPixmap.SP_MessageBoxInformation,
}


def _label(text: str, parent: QWidget, name: str = "") -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if name:
        label.setObjectName(name)
    return label


class FindingCard(QFrame):
    """One finding: icon, title, where, article, why and how to fix."""

    activated = Signal(object)  # Finding

    def __init__(self, finding: Finding, where: str, tr: Translate, locale: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.finding = finding
        self.setObjectName(f"finding-{finding.severity.value}")
        self.setProperty("severity", finding.severity.value)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(tr(N_("Click to go to the question behind this finding.")))
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 8, 10, 8)
        row.setSpacing(10)
        icon = QLabel(self)
        icon.setPixmap(self.style().standardIcon(_ICONS[finding.severity]).pixmap(22, 22))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        row.addWidget(icon)
        text = QVBoxLayout()
        text.setSpacing(3)
        row.addLayout(text, 1)
        self.title = _label(finding.title(locale), self, "findingTitle")
        text.addWidget(self.title)
        cited = finding.citation_text(locale)
        meta = f"{finding.severity.label(locale)} · {where}" + (f" · {cited}" if cited else "")
        text.addWidget(_label(meta, self, "findingMeta"))
        text.addWidget(_label(tr(N_("Why: {text}"), text=finding.why(locale)), self, "findingWhy"))
        text.addWidget(_label(tr(N_("How to fix: {text}"), text=finding.fix(locale)), self, "findingFix"))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.activated.emit(self.finding)
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.activated.emit(self.finding)
            return
        super().keyPressEvent(event)


class FindingsPanel(QWidget):
    """Summary at the top, the findings, then the documents the business needs."""

    finding_activated = Signal(object)  # Finding

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 8, 8, 8)
        self.summary = _label("", self, "findingsSummary")
        layout.addWidget(self.summary)
        self.incomplete = _label("", self, "findingsIncomplete")
        layout.addWidget(self.incomplete)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.body = QWidget(scroll)
        self.body.setObjectName("findingsBody")
        self.list = QVBoxLayout(self.body)
        self.list.setContentsMargins(0, 0, 4, 0)
        self.list.setSpacing(8)
        scroll.setWidget(self.body)
        layout.addWidget(scroll, 1)
        self.documents_heading = _label("", self, "documentsHeading")
        layout.addWidget(self.documents_heading)
        self.documents = _label("", self, "documentsList")
        layout.addWidget(self.documents)
        self.cards: list[FindingCard] = []

    def show_assessment(self, project: Project, assessment: Assessment, tr: Translate, locale: str) -> None:
        """Replace the cards with those of ``assessment``."""
        names = {sc.id: sc.name for sc in project.scenarios}
        business = tr(N_("Whole business"))
        while self.list.count():
            item = self.list.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.cards = []
        for finding in assessment.findings:
            card = FindingCard(finding, names.get(finding.scenario_id or "", business), tr, locale, self.body)
            card.activated.connect(self.finding_activated)
            self.list.addWidget(card)
            self.cards.append(card)
        unanswered = len(unanswered_questions(project))
        if not self.cards:
            self.list.addWidget(_label(tr(nothing_found_msgid(unanswered)), self.body, "noFindings"))
        self.list.addStretch(1)
        self.summary.setText(tr(
            N_("Violations: {violations}  ·  To do: {todos}  ·  Advice: {advice}"),
            violations=assessment.count(Severity.VIOLATION),
            todos=assessment.count(Severity.OBLIGATION),
            advice=assessment.count(Severity.ADVISORY),
        ))
        # Findings are only as complete as the answers: say so while questions are open.
        self.incomplete.setText(tr(INCOMPLETE_NOTE, count=unanswered) if unanswered else "")
        self.incomplete.setVisible(bool(unanswered))
        self.documents_heading.setText(tr(N_("Documents you need")))
        lines = []
        for doc in assessment.documents:
            title = doc.kind.title(locale)
            lines.append(f"• {title} — {names[doc.scenario_id]}" if doc.scenario_id in names else f"• {title}")
        self.documents.setText("\n".join(lines))

    def titles(self) -> list[str]:
        return [card.title.text() for card in self.cards]
