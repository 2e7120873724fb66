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
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from signdesk.errors import UserInputError
from signdesk.i18n import N_
from signdesk.register import Entry, Person, deletion_days_by_scenario
from signdesk.register.store import CHANNELS, KIND_LABELS, parse_sign_id, typed_sign_id
from signdesk.register.views import SignRow, StandingRow, access_requests

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


def scan_field(parent: QWidget, tr: Callable[..., str], dialogs: Callable[[], Any]) -> tuple[QWidget, QLineEdit]:
    """A file path to type, or to choose with the button beside it (for a scan or photo of a signed form)."""
    path = QLineEdit(parent, objectName="scanFile")
    path.setPlaceholderText(tr(N_("Type the file's path, or choose it")))
    path.setMinimumWidth(path.fontMetrics().horizontalAdvance(path.placeholderText()) + 16)  # the hint in full
    choose = QPushButton(tr(N_("&Choose…")), parent, objectName="scanChoose")
    choose.setAutoDefault(False)

    def chosen() -> None:
        picked = dialogs().scan_path(str(Path(path.text()).parent) if path.text() else "")
        if picked is not None:
            path.setText(str(picked))

    choose.clicked.connect(chosen)
    box = QWidget(parent)
    line = QHBoxLayout(box)
    line.setContentsMargins(0, 0, 0, 0)
    line.addWidget(path, 1)
    line.addWidget(choose)
    return box, path


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



class AccessRequestDialog(PersonDialog):
    """A request for the person's own data or a copy of it (PIPL 45): the
    day it was made and, if already given, the day it was answered."""

    title = N_("Record a request for own data")
    save_label = N_("Save the request")

    def __init__(self, tab: "RegisterTab", row: StandingRow) -> None:
        super().__init__(tab, "accessDialog", row)
        waiting = [r for r in access_requests(self.register, row.person_id) if r.answered_on is None]
        if waiting:
            self.note(self.tr_(N_("Not answered yet: the request of {date}. Use “Request answered…” when it is."),
                               date=waiting[0].asked_on.isoformat()), "accessWaiting")
        self.day = self.date_field(N_("Asked on"), "accessDate")
        self.answered = QCheckBox(self.tr_(N_("Already answered")), self, objectName="accessAnswered")
        self.add_row("", self.answered)
        self.answered_on = self.date_field(N_("Answered on"), "accessAnsweredOn")
        self.answered_on.setEnabled(False)
        self.answered.toggled.connect(self.answered_on.setEnabled)
        self.staff = self.staff_field()

    def write(self) -> Any:
        answered_on = pydate(self.answered_on) if self.answered.isChecked() else None
        if answered_on and answered_on < pydate(self.day):
            raise UserInputError(N_("The answer cannot come before the request."))
        return self.register.access_request(self.row.person_id, day=pydate(self.day), answered_on=answered_on,
                                            staff=self.staff.text() or None)


class AccessAnswerDialog(PersonDialog):
    """The day a waiting request for own data was answered."""

    title = N_("Record the answer to a request")
    save_label = N_("Save the answer")

    def __init__(self, tab: "RegisterTab", row: StandingRow) -> None:
        super().__init__(tab, "answerDialog", row)
        self.request = QComboBox(self, objectName="answerRequest")
        for r in access_requests(self.register, row.person_id):
            if r.answered_on is None:
                self.request.addItem(self.tr_(N_("Asked on {date} (entry {seq})"), date=r.asked_on.isoformat(),
                                              seq=r.seq), r.seq)
        self.add_row(N_("Request"), self.request)
        if not self.request.count():
            self.problem.setText(self.tr_(N_("No request of this person is waiting for an answer.")))
            self.save_button.setEnabled(False)
        self.day = self.date_field(N_("Answered on"), "answerDate")
        self.staff = self.staff_field()

    def write(self) -> Any:
        seq = self.request.currentData()
        if seq is None:
            raise UserInputError(N_("No request of this person is waiting for an answer."))
        return self.register.answer_access(seq, day=pydate(self.day), staff=self.staff.text() or None)


class ErasureDialog(PersonDialog):
    """The person's own request to be deleted: their name and contact go,
    the pseudonymous history stays. The dialog says exactly which."""

    title = N_("Erase name and contact")
    save_label = N_("&Erase name and contact")

    def __init__(self, tab: "RegisterTab", row: StandingRow) -> None:
        super().__init__(tab, "erasureDialog", row)
        person = self.register.person(row.person_id)
        if person is None:
            raise UserInputError(N_("The details of {person} were erased; record a new person instead."),
                                 person=row.person_id)
        details = [(N_("Name"), person.name), (N_("Member no."), person.member_no),
                   (N_("Phone, last 4 digits"), person.phone_last4), (N_("Guardian's name"), person.guardian_name)]
        removed = self.tr_(N_("; ")).join(f"{self.tr_(label)}: {value}" for label, value in details if value)
        self.removed = self.note(self.tr_(N_("Removed from the register: {details}, and the scans of their signed forms."),
                                          details=removed), "erasureRemoved")
        self.kept = self.note(self.tr_(
            N_("Kept, under the pseudonymous number {person}: every entry with its date, form number and form version (consent, withdrawal, deletion). It still proves what the business did, and can no longer be linked to the name."),
            person=row.person_id), "erasureKept")
        pending = sorted({r.scenario_id for r in self.tab.person_rows(row.person_id)
                          if r.status in ("consented", "withdrawn")})
        if pending:
            names = {sc.id: sc.name for sc in tab.project.scenarios}
            self.pending = self.note(self.tr_(
                N_("Their facial information is not yet recorded as deleted ({scenarios}): delete it from the devices and record the deletion too."),
                scenarios=self.tr_(N_("; ")).join(names.get(s, s) for s in pending)), "erasurePending")
            self.pending.setStyleSheet("color: #b00020;")
        self.day = self.date_field(N_("Date"), "erasureDate")
        self.staff = self.staff_field()
        # Enter alone must not erase: the erase button is pressed on purpose.
        self.save_button.setAutoDefault(False)
        self.save_button.setDefault(False)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setDefault(True)

    def write(self) -> Any:
        return self.register.erase_person(self.row.person_id, day=pydate(self.day), staff=self.staff.text() or None)


#: Entry kinds a correction can be about, in the person's history.
CORRECTABLE_KINDS = ("consent", "refusal", "withdrawal", "deletion", "access_request", "access_answered")
PERSON_DETAILS = "person"


class CorrectionDialog(PersonDialog):
    """A mistake put right: a new correction entry naming the entry it
    corrects and the fields it changes (or voiding it); the old entry stays.
    The first choice corrects the person's name and contact instead."""

    title = N_("Correct an entry")
    save_label = N_("Save the correction")

    def __init__(self, tab: "RegisterTab", row: StandingRow) -> None:
        super().__init__(tab, "correctionDialog", row)
        self.entries = {e.seq: e for e in self.register.corrected_entries(row.person_id)
                        if e.kind in CORRECTABLE_KINDS}
        self.entry = QComboBox(self, objectName="correctionEntry")
        self.entry.addItem(self.tr_(N_("Name and contact")), PERSON_DETAILS)
        names = {sc.id: sc.name for sc in tab.project.scenarios}
        for e in self.entries.values():
            parts = (f"#{e.seq}", e.day.isoformat(), self.tr_(KIND_LABELS[e.kind]), e.serial,
                     names.get(e.scenario_id or "", e.scenario_id))
            self.entry.addItem(" · ".join(p for p in parts if p), e.seq)
        self.add_row(N_("What to correct"), self.entry)
        person = self.register.person(row.person_id) or Person()
        self.name = self.text_field(N_("Name"), "correctionName", person.name)
        self.member = self.text_field(N_("Member no."), "correctionMember", person.member_no)
        self.phone4 = self.text_field(N_("Phone, last 4 digits"), "correctionPhone", person.phone_last4)
        self.phone4.setMaxLength(4)
        self.guardian = self.text_field(N_("Guardian's name"), "correctionGuardian", person.guardian_name)
        self.day = self.date_field(N_("Date"), "correctionDate")
        self.entry_staff = self.text_field(N_("Staff on that entry"), "correctionEntryStaff")
        self.serial = self.text_field(N_("Form number"), "correctionSerial")
        self.version = self.text_field(N_("Form version"), "correctionVersion")
        self.channel = QComboBox(self, objectName="correctionChannel")
        for key, label in CHANNEL_CHOICES.items():
            self.channel.addItem(self.tr_(label), key)
        self.add_row(N_("How it came in"), self.channel)
        self.devices = self.text_field(N_("From which devices"), "correctionDevices")
        self.void = QCheckBox(self.tr_(N_("This entry was made by mistake: void it")), self, objectName="correctionVoid")
        self.add_row("", self.void)
        self.reason = self.text_field(N_("Reason for the correction"), "correctionReason")
        self.staff = self.staff_field(N_("Corrected by"))
        self.entry.currentIndexChanged.connect(lambda _i: self._show_entry())
        self.void.toggled.connect(lambda _on: self._show_entry())
        self._show_entry()

    def chosen(self) -> Entry | None:
        seq = self.entry.currentData()
        return None if seq == PERSON_DETAILS else self.entries[seq]

    def _show_entry(self) -> None:
        """Show the fields the chosen entry has, filled with what it reads now."""
        e = self.chosen()
        kind = e.kind if e else None
        edit = e is not None and not self.void.isChecked()
        for w in (self.name, self.member, self.phone4, self.guardian):
            self.form.setRowVisible(w, e is None)
        self.form.setRowVisible(self.void, e is not None)
        for w, kinds in ((self.day, CORRECTABLE_KINDS), (self.entry_staff, CORRECTABLE_KINDS),
                         (self.serial, ("consent", "refusal")), (self.version, ("consent", "refusal")),
                         (self.channel, ("withdrawal",)), (self.devices, ("deletion",))):
            self.form.setRowVisible(w, edit and kind in kinds)
        if e is None:
            return
        self.day.setDate(qdate(e.day))
        self.entry_staff.setText(e.staff or "")
        self.serial.setText(e.serial or "")
        self.version.setText(e.version or "")
        self.channel.setCurrentIndex(max(0, self.channel.findData(e.data.get("channel"))))
        self.devices.setText(", ".join(map(str, e.data.get("devices") or ())))

    def changes(self, e: Entry) -> dict[str, Any]:
        """The fields of ``e`` that the dialog now says otherwise."""
        now: dict[str, Any] = {"day": pydate(self.day), "staff": self.entry_staff.text().strip() or None}
        if e.kind in ("consent", "refusal"):
            now.update(serial=self.serial.text().strip() or None, version=self.version.text().strip() or None)
        if e.kind == "withdrawal":
            now["channel"] = self.channel.currentData()
        if e.kind == "deletion":
            now["devices"] = split_list(self.devices.text())
        was = {"day": e.day, "staff": e.staff, "serial": e.serial, "version": e.version,
               "channel": e.data.get("channel"), "devices": list(e.data.get("devices") or [])}
        out = {k: v for k, v in now.items() if v != was[k]}
        if e.kind == "withdrawal" and "day" in out:
            # A withdrawal on another day is due for deletion on another day too.
            days = deletion_days_by_scenario(self.tab.project)[e.scenario_id or ""]
            out["due"] = (out["day"] + dt.timedelta(days=days)).isoformat()
        return out

    def write(self) -> Any:
        e = self.chosen()
        today = self.tab.today_or_now()
        staff = self.staff.text() or None
        if e is None:
            person = Person(self.name.text(), self.member.text(), self.phone4.text(), self.guardian.text())
            return self.register.correct_person(self.row.person_id, person, day=today, reason=self.reason.text(),
                                                staff=staff)
        changes = {} if self.void.isChecked() else self.changes(e)
        if not changes and not self.void.isChecked():
            raise UserInputError(N_("Nothing was changed: change a field, or void the entry."))
        return self.register.correct(e.seq, day=today, reason=self.reason.text(), staff=staff, changes=changes,
                                     void=self.void.isChecked())


class ScanDialog(PersonDialog):
    """A scan or photo of the signed form, attached to the person's consent
    (or refusal): copied beside the register, its SHA-256 in the entry."""

    title = N_("Attach a scan of the signed form")
    save_label = N_("Attach")

    def __init__(self, tab: "RegisterTab", row: StandingRow) -> None:
        super().__init__(tab, "scanDialog", row)
        forms = [e for e in self.register.corrected_entries(row.person_id)
                 if e.kind in ("consent", "refusal") and e.scenario_id == row.scenario_id]
        self.form_entry = forms[-1] if forms else None
        box, self.file = scan_field(self, self.tr_, lambda: self.tab.dialogs)
        self.add_row(N_("Scan or photo"), box)
        if self.form_entry and self.form_entry.data.get("attachment"):
            self.note(self.tr_(N_("This form already has a scan (SHA-256 {digest}); a new one is kept beside it."),
                               digest=str(self.form_entry.data["attachment"]["sha256"])[:16] + "…"), "scanExisting")
        self.staff = self.staff_field()

    def write(self) -> Any:
        if self.form_entry is None:
            raise UserInputError(N_("No consent or refusal of this person is recorded to attach a scan to."))
        if not self.file.text().strip():
            raise UserInputError(N_("Choose the scan or photo of the signed form."))
        return self.register.attach_scan(self.form_entry.seq, Path(self.file.text().strip()),
                                         day=self.tab.today_or_now(), reason=self.tr_(N_("Scan of the signed form attached")),
                                         staff=self.staff.text() or None)


#: The More menu of the Register tab: key -> the dialog for the selected person.
PERSON_DIALOGS: dict[str, type[PersonDialog]] = {
    "access": AccessRequestDialog, "answer": AccessAnswerDialog, "correct": CorrectionDialog, "scan": ScanDialog,
    "erase": ErasureDialog}
PERSON_ACTION_LABELS = {
    "access": N_("&Request for own data or a copy…"), "answer": N_("Request &answered…"),
    "correct": N_("&Correct an entry…"), "scan": N_("Attach a &scan of the signed form…"),
    "erase": N_("&Erase name and contact (their own request)…")}


class PostSignDialog(EntryDialog):
    """A printed sign put up: its ID as printed, the scenario, where it hangs,
    the content version it shows, the day. The ID brings its version and
    scenario with it; without one, the version is today's sign's."""

    title = N_("Record a posted sign")
    save_label = N_("Save the sign")

    def __init__(self, tab: "RegisterTab") -> None:
        super().__init__(tab, "postSignDialog")
        from signdesk.documents.register_report import today_versions

        self.versions = today_versions(tab.project, tab.today_or_now())
        self.sign_id = self.text_field(N_("Sign ID"), "postSignId")
        self.sign_id.setPlaceholderText(self.tr_(N_("As printed on the sign, e.g. S-3F9A2B-01")))
        self.scenario = QComboBox(self, objectName="postSignScenario")
        for sc in tab.project.scenarios:
            self.scenario.addItem(sc.name, sc.id)
        self.add_row(N_("Scenario"), self.scenario)
        self.location = self.text_field(N_("Where it hangs"), "postSignLocation")
        self.location.setPlaceholderText(self.tr_(N_("e.g. beside the gate at the south entrance")))
        self.version = self.text_field(N_("Content version"), "postSignVersion")
        self.day = self.date_field(N_("Posted on"), "postSignDate")
        self.staff = self.staff_field()
        self.sign_id.editingFinished.connect(self._id_entered)
        self.scenario.currentIndexChanged.connect(lambda _i: self._todays_version())
        self._todays_version()

    def _todays_version(self) -> None:
        """The version today's sign of the chosen scenario shows (unless the ID said another)."""
        if parse_sign_id(self.sign_id.text()) is None:
            self.version.setText(self.versions.get(self.scenario.currentData() or "", {}).get("sign", ""))

    def _id_entered(self) -> None:
        parsed = parse_sign_id(self.sign_id.text())
        if parsed is None:
            return
        self.sign_id.setText(typed_sign_id(self.sign_id.text()))
        self.version.setText(parsed[0])
        from signdesk.documents.register_report import sign_scenario

        scenario = sign_scenario(self.tab.register, self.tab.project, parsed[0], self.tab.today_or_now(),  # type: ignore[arg-type]
                                 self.versions)
        index = self.scenario.findData(scenario)
        if index >= 0:
            self.scenario.blockSignals(True)
            self.scenario.setCurrentIndex(index)
            self.scenario.blockSignals(False)

    def write(self) -> Any:
        assert self.tab.register is not None
        if self.scenario.currentData() is None:
            raise UserInputError(N_("Say which scenario the form is for."))
        return self.tab.register.post_sign(typed_sign_id(self.sign_id.text()), scenario_id=self.scenario.currentData(),
                                           location=self.location.text(), version=self.version.text() or None,
                                           day=pydate(self.day), staff=self.staff.text() or None)


class TakeDownDialog(EntryDialog):
    """A posted sign taken down (replaced by a new print, or the camera removed)."""

    title = N_("Record a sign taken down")
    save_label = N_("Save")

    def __init__(self, tab: "RegisterTab", sign: SignRow) -> None:
        super().__init__(tab, "takeDownDialog")
        self.sign = sign
        self.who = self.note(f"{sign.sign_id} · {sign.location}", "takeDownSign")
        self.who.setStyleSheet("font-weight: bold;")
        self.day = self.date_field(N_("Taken down on"), "takeDownDate")
        self.staff = self.staff_field()

    def write(self) -> Any:
        assert self.tab.register is not None
        return self.tab.register.take_down_sign(self.sign.sign_id, day=pydate(self.day),
                                                staff=self.staff.text() or None)
