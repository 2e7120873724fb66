"""The questionnaire pages, built from ``signdesk.questions``.

A ``SectionPage`` shows the questions of one section, for the business or
for one scenario. Rows appear and disappear as earlier answers make them
relevant (``signdesk.model.is_visible``); every typed value is checked as it
is typed and a problem is shown beside the field.
"""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from signdesk.i18n import N_
from signdesk.i18n.glossary import TERM_BY_KEY, TERMS
from signdesk.model import Project, Scenario, visibility
from signdesk.questions import AnswerError, Question, Section, questions_in
from signdesk.ui.widgets import AnswerField, make_field

Translate = Callable[..., str]


def answered(value: Any) -> bool:
    return value is not None and value != "" and value != []


def terms_explained(msgids: list[str], keys: tuple[str, ...], tr: Translate) -> str:
    """Tooltip text explaining each legal term named by ``keys`` or used in ``msgids``."""
    found = list(keys)
    text = " ".join(msgids).lower()
    for term in TERMS:
        if term.key not in found and term.en.lower() in text:
            found.append(term.key)
    return "\n\n".join(tr(TERM_BY_KEY[k].explanation) for k in found if k in TERM_BY_KEY)


def section_progress(project: Project, scenario: Scenario | None, section: Section,
                     shown: Callable[[str], bool] | None = None) -> tuple[int, int]:
    """(answered visible questions, visible questions) of one section (``shown``:
    the scenario's :func:`~signdesk.model.visibility`, when the caller has it)."""
    own = scenario.answers if scenario is not None else project.business
    shown = shown or visibility(project, scenario)
    visible = [q for q in questions_in(section.id) if shown(q.id)]
    return sum(1 for q in visible if answered(own.get(q.id))), len(visible)


class QuestionRow(QWidget):
    """One question: text, help, input and the problem with the input, if any."""

    answered = Signal(str, object)
    typed_invalid = Signal(str)  # question id: text that fails its check is in the field, not in the project

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question = question
        self.setObjectName(f"row-{question.id}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 10)
        layout.setSpacing(4)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setObjectName("questionText")
        self.help = QLabel(self)
        self.help.setWordWrap(True)
        self.help.setObjectName("helpText")
        self.field: AnswerField = make_field(question, self)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setObjectName("fieldError")
        self.error.hide()
        self.label.setBuddy(self.field.focus_target())
        for widget in (self.label, self.help, self.field, self.error):
            layout.addWidget(widget)
        self.field.edited.connect(self._edited)
        self._tr: Translate | None = None
        self._problem: AnswerError | None = None
        #: Whether the problem is with text typed now (not in the project) or
        #: with a stored answer (in the project, kept as it was).
        self.problem_is_typed = False

    def _edited(self, raw: Any) -> None:
        try:
            value = self.question.check(raw)
        except AnswerError as err:
            self._problem, self.problem_is_typed = err, True
            self._show_problem()
            self.typed_invalid.emit(self.question.id)
            return
        self._problem, self.problem_is_typed = None, False
        self.error.hide()
        self.answered.emit(self.question.id, value)

    def show_value(self, value: Any) -> None:
        """Show a stored answer, with its problem if it fails today's check
        (an answer kept from a file saved under an older rule)."""
        self.field.set_value(value)
        self._problem, self.problem_is_typed = None, False
        if value is not None:
            try:
                self.question.check(value)
            except AnswerError as err:
                self._problem = err
        self.error.hide()
        self._show_problem()

    def _show_problem(self) -> None:
        if self._problem is not None and self._tr is not None:
            self.error.setText("⚠ " + self._problem.message(self._locale))
            self.error.show()

    def invalid_text(self) -> str | None:
        """The text typed in the field when it failed its check (kept for crash recovery), else None."""
        return self.field.typed_text() if self.problem_is_typed else None

    @property
    def problem(self) -> str:
        """The message beside the field, or "" when the input is fine."""
        return self.error.text() if self._problem is not None else ""

    def retranslate(self, tr: Translate, locale: str) -> None:
        self._tr, self._locale = tr, locale
        q = self.question
        self.label.setText(tr(q.text))
        self.help.setText(tr(q.help) if q.help else "")
        self.help.setVisible(bool(q.help))
        tip = terms_explained([q.text, q.help], q.terms, tr)
        if tip:
            self.label.setText(tr(q.text) + "  ⓘ")
        for widget in (self.label, self.field):
            widget.setToolTip(tip)
        self.field.retranslate(tr)
        self._show_problem()


class SectionPage(QWidget):
    """The questions of one section, for the business or one scenario."""

    changed = Signal(str)  # question id
    typed_invalid = Signal(str)  # question id whose field holds text that fails its check
    next_requested = Signal()

    def __init__(self, project: Project, scenario: Scenario | None, section: Section,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project, self.scenario, self.section = project, scenario, section
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        outer.addWidget(scroll)
        body = QWidget(scroll)
        body.setObjectName("pageBody")
        layout = QVBoxLayout(body)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.setSpacing(2)
        self.heading = QLabel(body)
        self.heading.setObjectName("pageHeading")
        self.heading.setWordWrap(True)
        self.intro = QLabel(body)
        self.intro.setObjectName("pageIntro")
        self.intro.setWordWrap(True)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        self.rows: dict[str, QuestionRow] = {}
        for q in questions_in(section.id):
            row = QuestionRow(q, body)
            row.answered.connect(self._store)
            row.typed_invalid.connect(self.typed_invalid)
            layout.addWidget(row)
            self.rows[q.id] = row
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.next_button = QPushButton(body)
        self.next_button.setObjectName("nextButton")
        self.next_button.clicked.connect(self.next_requested)
        buttons.addWidget(self.next_button)
        layout.addLayout(buttons)
        layout.addStretch(1)
        scroll.setWidget(body)
        self.scroll = scroll
        self.load_values()

    @property
    def answers(self) -> dict[str, Any]:
        return self.scenario.answers if self.scenario is not None else self.project.business

    def _store(self, qid: str, value: Any) -> None:
        if answered(value):
            self.answers[qid] = value
        else:
            self.answers.pop(qid, None)
        self.update_visibility()
        self.changed.emit(qid)

    def load_values(self) -> None:
        """Show the project's answers (after opening, undoing, recovering)."""
        for qid, row in self.rows.items():
            row.show_value(self.answers.get(qid))
        self.update_visibility()

    def update_visibility(self) -> None:
        shown = visibility(self.project, self.scenario)
        for qid, row in self.rows.items():
            row.setVisible(shown(qid))

    def visible_rows(self) -> list[QuestionRow]:
        return [row for row in self.rows.values() if not row.isHidden()]

    def focus_question(self, qid: str) -> None:
        row = self.rows[qid]
        row.setVisible(True)
        self.scroll.ensureWidgetVisible(row)
        # In a narrow pane the page scrolls sideways; keep the start of the text in view.
        self.scroll.horizontalScrollBar().setValue(0)
        row.field.focus_target().setFocus(Qt.FocusReason.OtherFocusReason)

    def retranslate(self, tr: Translate, locale: str) -> None:
        title = tr(self.section.title)
        if self.scenario is not None:
            title = f"{self.scenario.name} · {title}"
        self.heading.setText(title)
        self.intro.setText(tr(self.section.help))
        self.intro.setToolTip(terms_explained([self.section.help], (), tr))
        self.next_button.setText(tr(N_("Nex&t section")))
        for row in self.rows.values():
            row.retranslate(tr, locale)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter moves on to the next question, then to the next section.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            rows = self.visible_rows()
            focused = self.focusWidget()
            current = next((i for i, r in enumerate(rows) if focused is not None and r.isAncestorOf(focused)), -1)
            if focused is not self.next_button and current + 1 < len(rows):
                self.focus_question(rows[current + 1].question.id)
            else:
                self.next_requested.emit()
            return
        super().keyPressEvent(event)
