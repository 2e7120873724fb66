"""The welcome page: what a start without a project offers.

A page in the main window's central area, not a dialog: start a new
project from the kind of business, open a copy of an example, open a file
or one of the recent files. The kinds of business are the options of the
questionnaire's own "What kind of business is it?" question, so they are
listed in one place only.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QBoxLayout, QGridLayout, QHBoxLayout, QLabel, QPushButton, QScrollArea,
                               QVBoxLayout, QWidget)

from signdesk.i18n import N_
from signdesk.questions import QUESTION_BY_ID
from signdesk.ui.files import EXAMPLE_PROJECTS

Translate = Callable[..., str]

#: The question a new project from the welcome page starts answered.
VENUE_QUESTION = QUESTION_BY_ID["venue_type"]
#: Space between the two columns, and around the page.
GAP, MARGIN = 32, 28
#: A recent file's folder is shortened to this width (the name and the tooltip stay whole).
FOLDER_WIDTH = 300


class WelcomePage(QScrollArea):
    """Start a project or open one; the window shows it until a project is open."""

    kind_chosen = Signal(str)        # a venue_type option key
    example_chosen = Signal(str)     # a file name among EXAMPLE_PROJECTS
    open_requested = Signal()
    recent_chosen = Signal(object)   # a Path

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcomePage")
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        body = QWidget(self)
        body.setObjectName("welcomeBody")
        centred = QHBoxLayout(body)  # on a wide window the page stands in the middle
        centred.setContentsMargins(MARGIN, MARGIN - 6, MARGIN, MARGIN)
        self.content = QWidget(body)
        centred.addStretch(1)
        centred.addWidget(self.content)
        centred.addStretch(1)
        body = self.content
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.heading = self._label(body, "pageHeading")
        self.intro = self._label(body, "pageIntro")
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)

        self.start_column = QWidget(body)
        start = QVBoxLayout(self.start_column)
        start.setContentsMargins(0, 0, 0, 0)
        self.start_heading = self._label(self.start_column, "welcomeHeading", wrap=False)
        self.kind_question = self._label(self.start_column, "helpText", wrap=False)
        start.addWidget(self.start_heading)
        start.addWidget(self.kind_question)
        self.kinds = QGridLayout()
        self.kinds.setSpacing(8)
        start.addLayout(self.kinds)
        start.addStretch(1)
        self.kind_buttons: dict[str, QPushButton] = {}
        for option in VENUE_QUESTION.options:
            self.kind_buttons[option.key] = self._button(
                self.start_column, f"kind-{option.key}", lambda k=option.key: self.kind_chosen.emit(k))
        self._columns_of_kinds = 0

        self.open_column = QWidget(body)
        self.opening = QVBoxLayout(self.open_column)
        self.opening.setContentsMargins(0, 0, 0, 0)
        self.open_heading = self._label(self.open_column, "welcomeHeading", wrap=False)
        self.open_button = self._button(self.open_column, "openFile", self.open_requested.emit)
        # Headings of the buttons below them stay on one line (a wrapped label's height comes out too tall).
        self.recent_heading = self._label(self.open_column, "welcomeSubheading", wrap=False)
        self.recent_buttons: list[QPushButton] = []
        self.example_heading = self._label(self.open_column, "welcomeSubheading", wrap=False)
        self.example_buttons: dict[str, QPushButton] = {}
        for name, _label in EXAMPLE_PROJECTS:
            self.example_buttons[name] = self._button(
                self.open_column, f"example-{name}", lambda n=name: self.example_chosen.emit(n))
        self._recent: list[Path] = []
        self._fill_open_column()

        self.columns = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.columns.setSpacing(GAP)
        self.columns.addWidget(self.start_column, 0, Qt.AlignmentFlag.AlignTop)
        self.columns.addWidget(self.open_column, 0, Qt.AlignmentFlag.AlignTop)
        self.columns.addStretch(1)
        layout.addLayout(self.columns)
        layout.addStretch(1)
        self.setWidget(self.content.parentWidget())
        self._reflow()

    @staticmethod
    def _label(parent: QWidget, name: str, wrap: bool = True) -> QLabel:
        label = QLabel(parent)
        label.setObjectName(name)
        label.setWordWrap(wrap)
        return label

    @staticmethod
    def _button(parent: QWidget, name: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(parent)
        button.setObjectName(name)
        button.setProperty("welcome", True)
        button.setAutoDefault(True)  # Enter presses the focused choice, as Space does
        button.clicked.connect(lambda _checked=False: slot())
        return button

    # -- contents -----------------------------------------------------------
    def _fill_open_column(self) -> None:
        """Open a file, the recent files (if any), the examples, in this order on screen and for Tab."""
        while self.opening.count():
            self.opening.takeAt(0)
        widgets: list[QWidget] = [self.open_heading, self.open_button]
        if self.recent_buttons:
            widgets += [self.recent_heading, *self.recent_buttons]
        self.recent_heading.setVisible(bool(self.recent_buttons))
        widgets += [self.example_heading, *self.example_buttons.values()]
        for widget in widgets:
            self.opening.addWidget(widget)
        self.opening.addStretch(1)
        focusable = [*self.kind_buttons.values(), *(w for w in widgets if isinstance(w, QPushButton))]
        for before, after in zip(focusable, focusable[1:]):
            QWidget.setTabOrder(before, after)

    def show_recent(self, paths: list[Path]) -> None:
        """List ``paths`` (newest first) under "Recent projects"; nothing at all when there are none."""
        self._recent = list(paths)
        for button in self.recent_buttons:
            button.hide()  # now: deleteLater waits for the event loop
            button.deleteLater()
        self.recent_buttons = [
            self._button(self.open_column, f"recent-{number}", lambda p=path: self.recent_chosen.emit(p))
            for number, path in enumerate(self._recent, start=1)]
        self._texts_of_recent()
        self._fill_open_column()
        self._reflow()

    def _texts_of_recent(self) -> None:
        metrics = self.fontMetrics()
        for button, path in zip(self.recent_buttons, self._recent):
            folder = metrics.elidedText(str(path.parent), Qt.TextElideMode.ElideMiddle, FOLDER_WIDTH)
            # "&&" so a "&" in a name shows as typed instead of making a shortcut.
            button.setText(f"{path.name}    {folder}".replace("&", "&&"))
            button.setToolTip(str(path))

    def first_choice(self) -> QPushButton:
        """The button that has the keyboard when the page appears."""
        return next(iter(self.kind_buttons.values()))

    def retranslate(self, tr: Translate) -> None:
        self.heading.setText(tr(N_("Welcome to SignDesk")))
        self.intro.setText(tr(N_("Answer plain questions about how your business uses facial recognition. "
                                 "SignDesk shows what the 2025 Measures require of you and prints the signs, "
                                 "consent forms and filing papers.")))
        self.start_heading.setText(tr(N_("Start a new project")))
        self.kind_question.setText(tr(VENUE_QUESTION.text))
        for option in VENUE_QUESTION.options:
            self.kind_buttons[option.key].setText(tr(option.label))
        self.open_heading.setText(tr(N_("Open a project")))
        self.open_button.setText(tr(N_("&Open a file…")))
        self.recent_heading.setText(tr(N_("Recent projects")))
        self.example_heading.setText(tr(N_("Examples (each opens as your own copy in your documents folder)")))
        for name, label in EXAMPLE_PROJECTS:
            self.example_buttons[name].setText(tr(label))
            self.example_buttons[name].setToolTip(name)
        self._texts_of_recent()
        self._reflow()

    # -- layout -------------------------------------------------------------
    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._reflow()

    def _reflow(self) -> None:
        """Two columns side by side where they fit; below each other, and the kinds in one column, where not."""
        room = self.viewport().width() - 2 * MARGIN
        widest_kind = max(b.sizeHint().width() for b in self.kind_buttons.values())
        two_kinds = 2 * widest_kind + self.kinds.horizontalSpacing()
        beside = room >= two_kinds + GAP + self.open_column.sizeHint().width()
        self.columns.setDirection(QBoxLayout.Direction.LeftToRight if beside else QBoxLayout.Direction.TopToBottom)
        self.columns.setSpacing(GAP if beside else GAP // 3)
        columns = 2 if room >= two_kinds else 1
        for column in range(2):  # columns of equal width
            self.kinds.setColumnMinimumWidth(column, widest_kind if column < columns else 0)
        if columns != self._columns_of_kinds:
            for button in self.kind_buttons.values():
                self.kinds.removeWidget(button)
            # Row by row, so reading order and Tab order are the same.
            for index, button in enumerate(self.kind_buttons.values()):
                self.kinds.addWidget(button, index // columns, index % columns)
            self._columns_of_kinds = columns
        # Lay out now, innermost first, not at the next turn of the event loop: a click may come first.
        for widget in (self.start_column, self.open_column, self.content, self.widget()):
            widget.layout().activate()
