"""One input widget per answer kind, built from the question definition.

``make_field(question)`` is the only way the questionnaire gets an input:
there is no hand-made form for any question. Every field emits ``edited``
with the raw value the user entered (a string for typed kinds, a bool, an
option key, a list of keys, or None for "no answer"); the question row
checks it with ``Question.check``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Callable

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QFontMetrics, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QRadioButton,
    QSizePolicy,
    QStyle,
    QStyleOptionButton,
    QStyleOptionComboBox,
    QStylePainter,
    QVBoxLayout,
    QWidget,
)

from signdesk.i18n import N_
from signdesk.questions import Kind, Question

Translate = Callable[..., str]


#: How a wrapped text is laid out: left-aligned, broken between words.
WRAP_FLAGS = int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap)


def wrapped_height(metrics: QFontMetrics, text: str, width: int) -> int:
    """The height ``text`` takes broken into lines of at most ``width`` pixels."""
    return metrics.boundingRect(QRect(0, 0, max(width, 1), 1 << 20), WRAP_FLAGS, text).height()


class WrappingComboBox(QComboBox):
    """A combo box that shows its whole current text, on more lines when its row is narrower than the text.

    Option labels are sentences ("A separate consent just for face recognition
    (own form or screen, unticked box)"): cut off, the owner cannot tell two
    of them apart; kept on one line, they would force the page wider than its
    pane. The box is as wide as its longest option where the row has room and
    grows taller where it has not.
    """

    #: The text area never gets narrower than this many characters.
    MIN_CHARACTERS = 8

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(self.MIN_CHARACTERS)
        # Not Fixed in height: a layout caps a Fixed widget at its one-line size hint.
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred,
                             QSizePolicy.ControlType.ComboBox)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        # Another text (chosen, or the language switched) may need another number of lines.
        self.currentIndexChanged.connect(lambda _i: self.updateGeometry())
        self.model().dataChanged.connect(lambda *_a: self.updateGeometry())
        self.model().rowsInserted.connect(lambda *_a: self.updateGeometry())

    def text_rect(self, opt: QStyleOptionComboBox) -> QRect:
        """Where the current text is drawn in a box drawn with ``opt``."""
        return self.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, opt,
                                           QStyle.SubControl.SC_ComboBoxEditField, self)

    def _text_width(self, width: int) -> int:
        # Measured on a bare option: layouts ask for sizes very often, and initStyleOption is a
        # call into Qt each time (with PySide6 6.12 on Python 3.11 each such call also drops a
        # reference to None). The edit field depends only on the rectangle and the frame.
        opt = QStyleOptionComboBox()
        opt.rect = QRect(0, 0, width, 30)
        opt.direction = self.layoutDirection()
        return self.text_rect(opt).width()

    def sizeHint(self) -> QSize:
        # Room for the longest option on one line, as QComboBox.AdjustToContents would ask for.
        metrics = self.fontMetrics()
        widest = max((metrics.horizontalAdvance(self.itemText(i)) for i in range(self.count())), default=0)
        base = super().sizeHint()
        frame = base.width() - self._text_width(base.width())
        return QSize(max(widest + frame, base.width()), base.height())

    def heightForWidth(self, width: int) -> int:
        lines = wrapped_height(self.fontMetrics(), self.currentText(), self._text_width(width))
        return super().sizeHint().height() + max(lines - self.fontMetrics().height(), 0)

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.fontMetrics().horizontalAdvance(self.currentText()) <= self._text_width(self.width()):
            super().paintEvent(event)  # one line: as any combo box
            return
        painter = QStylePainter(self)
        opt = QStyleOptionComboBox()
        self.initStyleOption(opt)
        text, opt.currentText = opt.currentText, ""
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, opt)
        self.style().drawItemText(painter, self.text_rect(opt), WRAP_FLAGS | int(Qt.AlignmentFlag.AlignVCenter),
                                  opt.palette, self.isEnabled(), text, QPalette.ColorRole.ButtonText)


class WrappingCheckBox(QCheckBox):
    """A check box whose label breaks onto more lines when its row is narrower than the label.

    A plain QCheckBox keeps its label on one line, so a long option
    ("Access control: only named staff can see or export face data") made
    the whole page scroll sideways in a narrow pane, its end out of sight.
    """

    #: The label never gets narrower than this many characters.
    MIN_CHARACTERS = 12

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred,
                             QSizePolicy.ControlType.CheckBox)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def _text_rect(self, width: int, height: int) -> QRect:
        # A bare option, as in WrappingComboBox: the label's place depends only on the rectangle.
        opt = QStyleOptionButton()
        opt.rect = QRect(0, 0, width, height)
        opt.direction = self.layoutDirection()
        return self.style().subElementRect(QStyle.SubElement.SE_CheckBoxContents, opt, self)

    def minimumSizeHint(self) -> QSize:
        hint = super().sizeHint()
        metrics = self.fontMetrics()
        spare = metrics.horizontalAdvance(self.text()) - metrics.averageCharWidth() * self.MIN_CHARACTERS
        return QSize(hint.width() - max(spare, 0), hint.height())

    def heightForWidth(self, width: int) -> int:
        one_line = super().sizeHint().height()
        lines = wrapped_height(self.fontMetrics(), self.text(), self._text_rect(width, one_line).width())
        return one_line + max(lines - self.fontMetrics().height(), 0)

    def paintEvent(self, event: QPaintEvent) -> None:
        one_line = super().sizeHint().height()
        room = self._text_rect(self.width(), one_line)
        if self.fontMetrics().horizontalAdvance(self.text()) <= room.width():
            super().paintEvent(event)  # one line: as any check box
            return
        painter = QStylePainter(self)
        opt = QStyleOptionButton()
        self.initStyleOption(opt)
        opt.rect = QRect(0, 0, self.width(), one_line)  # the box sits beside the first line
        text, opt.text = opt.text, ""
        painter.drawControl(QStyle.ControlElement.CE_CheckBox, opt)
        room.setTop((one_line - self.fontMetrics().height()) // 2)
        room.setBottom(self.height() - 1)
        flags = WRAP_FLAGS | int(Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextShowMnemonic)
        self.style().drawItemText(painter, room, flags, opt.palette, self.isEnabled(), text,
                                  QPalette.ColorRole.WindowText)


class AnswerField(QWidget):
    """Base: a widget that shows and edits one answer."""

    edited = Signal(object)

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question = question

    def set_value(self, value: Any) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def retranslate(self, tr: Translate) -> None:
        """Re-read option labels and placeholders in the current language."""

    def focus_target(self) -> QWidget:
        """The widget that takes keyboard focus when the row is jumped to."""
        return self

    def typed_text(self) -> str | None:
        """The text in the field as typed (None for fields that are not typed into)."""
        return None

    def type_text(self, text: str) -> None:
        """Put ``text`` in the field as if the owner had typed it (fields that are typed into)."""


class YesNoField(AnswerField):
    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(question, parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.yes = QRadioButton(self)
        self.no = QRadioButton(self)
        self.group = QButtonGroup(self)
        for button in (self.yes, self.no):
            self.group.addButton(button)
            layout.addWidget(button)
        layout.addStretch(1)
        self.group.buttonClicked.connect(lambda b: self.edited.emit(b is self.yes))

    def set_value(self, value: Any) -> None:
        # An exclusive group cannot show "unanswered" unless exclusivity is lifted.
        self.group.setExclusive(False)
        self.yes.setChecked(value is True)
        self.no.setChecked(value is False)
        self.group.setExclusive(True)

    def retranslate(self, tr: Translate) -> None:
        self.yes.setText(tr(N_("Yes")))
        self.no.setText(tr(N_("No")))

    def focus_target(self) -> QWidget:
        return self.no if self.no.isChecked() else self.yes


class ChoiceField(AnswerField):
    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(question, parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.combo = WrappingComboBox(self)
        self.combo.addItem("", None)
        for opt in question.options:
            self.combo.addItem(opt.label, opt.key)
        layout.addWidget(self.combo)
        layout.addStretch(1)
        self.setFocusProxy(self.combo)
        self.combo.activated.connect(lambda i: self.edited.emit(self.combo.itemData(i)))

    def set_value(self, value: Any) -> None:
        index = self.combo.findData(value) if value is not None else 0
        self.combo.setCurrentIndex(max(index, 0))

    def retranslate(self, tr: Translate) -> None:
        self.combo.setItemText(0, tr(N_("— choose —")))
        for i, opt in enumerate(self.question.options, start=1):
            self.combo.setItemText(i, tr(opt.label))

    def focus_target(self) -> QWidget:
        return self.combo


class MultiField(AnswerField):
    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(question, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.boxes: dict[str, QCheckBox] = {}
        for opt in question.options:
            box = WrappingCheckBox(self)
            box.toggled.connect(lambda _on, key=opt.key: self._toggled(key))
            layout.addWidget(box)
            self.boxes[opt.key] = box
        self._quiet = False

    def _toggled(self, key: str) -> None:
        if self._quiet:
            return
        # "None of these" excludes every other choice, and the other way round.
        exclusive = "none"
        if exclusive in self.boxes:
            self._quiet = True
            if key == exclusive and self.boxes[exclusive].isChecked():
                for k, box in self.boxes.items():
                    if k != exclusive:
                        box.setChecked(False)
            elif key != exclusive and self.boxes[key].isChecked():
                self.boxes[exclusive].setChecked(False)
            self._quiet = False
        chosen = [k for k, box in self.boxes.items() if box.isChecked()]
        self.edited.emit(chosen or None)

    def set_value(self, value: Any) -> None:
        self._quiet = True
        for key, box in self.boxes.items():
            box.setChecked(bool(value) and key in value)
        self._quiet = False

    def retranslate(self, tr: Translate) -> None:
        for opt in self.question.options:
            self.boxes[opt.key].setText(tr(opt.label))

    def focus_target(self) -> QWidget:
        return next(iter(self.boxes.values()))


class TextField(AnswerField):
    """Text, numbers, dates, phone numbers, e-mail and web addresses."""

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(question, parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = QLineEdit(self)
        self.edit.setClearButtonEnabled(True)
        narrow = question.kind in (Kind.NUMBER, Kind.DATE)
        self.edit.setMaximumWidth(180 if narrow else 16777215)
        layout.addWidget(self.edit, 0 if narrow else 1)
        if narrow:
            layout.addStretch(1)
        self.setFocusProxy(self.edit)
        self.edit.textEdited.connect(lambda text: self.edited.emit(text.strip() or None))

    def set_value(self, value: Any) -> None:
        if value is None:
            text = ""
        elif isinstance(value, dt.date):
            text = value.isoformat()
        else:
            text = str(value)
        if text != self.edit.text():
            self.edit.setText(text)
            # A stored answer longer than the field shows its start ("Beijing Morning Sta…"), not its end.
            self.edit.setCursorPosition(0)

    def retranslate(self, tr: Translate) -> None:
        if self.question.kind is Kind.DATE:
            self.edit.setPlaceholderText(tr(N_("YYYY-MM-DD")))
        elif self.question.example:
            self.edit.setPlaceholderText(tr(self.question.example))

    def focus_target(self) -> QWidget:
        return self.edit

    def typed_text(self) -> str | None:
        return self.edit.text()

    def type_text(self, text: str) -> None:
        self.edit.setText(text)
        self.edited.emit(text.strip() or None)


FIELD_FOR_KIND: dict[Kind, type[AnswerField]] = {
    Kind.YES_NO: YesNoField,
    Kind.CHOICE: ChoiceField,
    Kind.MULTI: MultiField,
    Kind.NUMBER: TextField,
    Kind.DATE: TextField,
    Kind.TEXT: TextField,
    Kind.URL: TextField,
    Kind.PHONE: TextField,
    Kind.EMAIL: TextField,
}


def make_field(question: Question, parent: QWidget | None = None) -> AnswerField:
    """The input widget for ``question``, chosen by its kind."""
    field = FIELD_FOR_KIND[question.kind](question, parent)
    field.setObjectName(f"field-{question.id}")
    return field
