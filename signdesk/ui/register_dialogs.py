"""Dialogs of the Register tab beyond intake: withdrawal, deletion, requests
for own data, corrections, erasure, scans and signs.

Each is keyboard-first like intake: the fields in reading order, Tab moves
on, Enter saves, Esc cancels. A refused entry keeps the dialog open with the
register's reason in red. Each save is one short transaction in the
register; the dialog never holds the register open between keystrokes.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from signdesk.errors import UserInputError
from signdesk.i18n import N_
from signdesk.register import deletion_days_by_scenario
from signdesk.register.store import CHANNELS
from signdesk.register.views import StandingRow

if TYPE_CHECKING:
    from signdesk.ui.register_tab import RegisterTab

#: How a withdrawal reached the business, as the dialog offers it.
CHANNEL_CHOICES = {"in_person": N_("In person at the counter"), "phone": N_("By phone"), "email": N_("By e-mail"),
                   "web_page": N_("On the opt-out page")}
assert set(CHANNEL_CHOICES) == set(CHANNELS)


class DayEdit(QDateEdit):
    """A date field that Tab leaves, like every other field (QDateEdit's Tab
    walks its year, month and day first); arrow keys move between those."""

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802,A002 - Qt's names
        return QWidget.focusNextPrevChild(self, next)


def qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(edit: QDateEdit) -> dt.date:
    d = edit.date()
    return dt.date(d.year(), d.month(), d.day())


def split_list(text: str) -> list[str]:
    """Devices typed as a list: commas (ASCII or Chinese), 、 or semicolons between them."""
    return [part.strip() for part in re.split(r"[,，、;；]", text) if part.strip()]


def person_line(tab: "RegisterTab", row: StandingRow) -> str:
    """Who a dialog is about, as the table shows them: serial · name · phone · scenario."""
    names = {sc.id: sc.name for sc in tab.project.scenarios}
    who = row.name or row.member_no or tab.tr_(N_("(erased)"))
    parts = (row.serial, who, row.phone_last4 and f"****{row.phone_last4}", names.get(row.scenario_id, row.scenario_id))
    return " · ".join(p for p in parts if p)


class EntryDialog(QDialog):
    """A small form that writes one change to the register when saved.

    Subclasses add their fields with :meth:`add_row` and do the change in
    :meth:`write`; a :class:`UserInputError` it raises is shown in the
    dialog, which stays open.
    """

    title = ""
    save_label = N_("Save")

    def __init__(self, tab: "RegisterTab", name: str) -> None:
        super().__init__(tab)
        self.setObjectName(name)
        self.tab = tab
        self.tr_ = tab.tr_
        self.setWindowTitle(self.tr_(self.title))
        self.setMinimumWidth(500)  # room for a long scenario name and the placeholders
        self.form = QFormLayout()
        self.problem = QLabel("", self, objectName=f"{name}Problem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020;")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr_(self.save_label))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr_(N_("Cancel")))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.saved: Any = None

    # ------------------------------------------------------------- fields
    def add_row(self, label: str, widget: QWidget) -> QWidget:
        self.form.addRow(self.tr_(label) if label else "", widget)
        return widget

    def note(self, text: str, name: str) -> QLabel:
        label = QLabel(text, self, objectName=name)
        label.setWordWrap(True)
        self.form.addRow(label)
        return label

    def date_field(self, label: str, name: str, day: dt.date | None = None) -> QDateEdit:
        edit = DayEdit(self, objectName=name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setDate(qdate(day or self.tab.today_or_now()))
        self.add_row(label, edit)
        return edit

    def text_field(self, label: str, name: str, text: str = "") -> QLineEdit:
        edit = QLineEdit(self, objectName=name)
        edit.setText(text)
        self.add_row(label, edit)
        return edit

    def staff_field(self, label: str = N_("Staff")) -> QLineEdit:
        return self.text_field(label, f"{self.objectName()}Staff", self.tab.last_staff)

    # --------------------------------------------------------------- saving
    def save(self) -> None:
        try:
            self.saved = self.write()
        except UserInputError as err:
            self.problem.setText(err.message(self.tab.locale))
            return
        staff = getattr(self, "staff", None)
        if isinstance(staff, QLineEdit) and staff.text().strip():
            self.tab.last_staff = staff.text().strip()
        self.tab.after_change()
        self.accept()

    def write(self) -> Any:  # pragma: no cover - every dialog defines it
        raise NotImplementedError


class PersonDialog(EntryDialog):
    """An entry about the person (and scenario) selected in the table."""

    def __init__(self, tab: "RegisterTab", name: str, row: StandingRow) -> None:
        super().__init__(tab, name)
        self.row = row
        self.who = self.note(person_line(tab, row), f"{name}Person")
        self.who.setStyleSheet("font-weight: bold;")

    @property
    def register(self):  # type: ignore[no-untyped-def]
        assert self.tab.register is not None
        return self.tab.register


class WithdrawalDialog(PersonDialog):
    """Consent withdrawn (PIPL 15): when, how it reached the business, who took it.

    Shows the deletion due date the withdrawal gets (the project's deletion
    time for the scenario) before anything is saved.
    """

    title = N_("Record a withdrawal")
    save_label = N_("Save the withdrawal")

    def __init__(self, tab: "RegisterTab", row: StandingRow) -> None:
        super().__init__(tab, "withdrawalDialog", row)
        self.day = self.date_field(N_("Date"), "withdrawalDate")
        self.channel = QComboBox(self, objectName="withdrawalChannel")
        for key, label in CHANNEL_CHOICES.items():
            self.channel.addItem(self.tr_(label), key)
        self.add_row(N_("How it came in"), self.channel)
        self.staff = self.staff_field()
        self.days = deletion_days_by_scenario(tab.project)[row.scenario_id]
        self.due = self.note("", "withdrawalDue")
        self.day.dateChanged.connect(lambda _d: self._show_due())
        self._show_due()

    def due_date(self) -> dt.date:
        return pydate(self.day) + dt.timedelta(days=self.days)

    def _show_due(self) -> None:
        self.due.setText(self.tr_(
            N_("Delete this person's facial information by {date} ({days} days after the withdrawal, as the project's answers say)."),
            date=self.due_date().isoformat(), days=self.days))

    def write(self) -> Any:
        return self.register.withdraw(self.row.person_id, day=pydate(self.day), channel=self.channel.currentData(),
                                      deletion_days=self.days, scenario_id=self.row.scenario_id,
                                      staff=self.staff.text() or None)


class DeletionDialog(PersonDialog):
    """Facial information deleted (PIPL 47): when, by whom, from which devices."""

    title = N_("Record a deletion")
    save_label = N_("Save the deletion")

    def __init__(self, tab: "RegisterTab", row: StandingRow) -> None:
        super().__init__(tab, "deletionDialog", row)
        self.day = self.date_field(N_("Deleted on"), "deletionDate")
        self.staff = self.staff_field(N_("Deleted by"))
        self.devices = self.text_field(N_("From which devices"), "deletionDevices")
        self.devices.setPlaceholderText(self.tr_(N_("e.g. front-desk terminal, gate 1, cloud backup")))
        if row.due:
            self.note(self.tr_(N_("The withdrawal asked for deletion by {date}."), date=row.due), "deletionDue")

    def write(self) -> Any:
        return self.register.confirm_deletion(self.row.person_id, day=pydate(self.day), by=self.staff.text(),
                                              devices=split_list(self.devices.text()),
                                              scenario_id=self.row.scenario_id)

