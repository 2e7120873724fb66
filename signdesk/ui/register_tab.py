"""The Register tab: consents, withdrawals and deletions, posted signs.

The register beside the open project is opened (and backed up to the app's
data folder) when the project is shown; its history is verified in the
background, and a broken chain is reported naming the first broken entry.
Tables read through models that fetch rows as they scroll. Intake at the
counter is a keyboard-first dialog: serial (typed or scanned), person,
ticks, date, staff, Enter saves.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QDate, QObject, QRunnable, QThreadPool, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from signdesk.errors import UserInputError
from signdesk.i18n import N_
from signdesk.model import Project
from signdesk.register import (
    Person,
    Register,
    RegisterLockedError,
    open_project_register,
    register_facts,
)
from signdesk.register.backup import backup_register, backups_of
from signdesk.register.store import EXTRA_TICKS, split_scanned
from signdesk.register.views import Filter, StandingRow, outdated_form_note, standing_rows
from signdesk.rules.register_rules import RegisterFacts
from signdesk.ui.flow import FlowLayout
from signdesk.ui.register_dialogs import (
    PERSON_ACTION_LABELS,
    PERSON_DIALOGS,
    DayEdit,
    DeletionDialog,
    PostSignDialog,
    TakeDownDialog,
    WithdrawalDialog,
    scan_field,
)
from signdesk.ui.register_model import SignsModel, StandingModel
from signdesk.ui.widgets import WrappingComboBox

Translate = Callable[..., str]

#: (filter key, label): what the consents table can show.
FILTERS = (("all", N_("Everyone")), ("consented", N_("Consented")), ("refused", N_("Refused")),
           ("due", N_("Due for deletion")), ("overdue", N_("Deletion overdue")), ("deleted", N_("Deleted")))


class _VerifySignals(QObject):
    done = Signal(object)


class _Verify(QRunnable):
    """Verify the history on its own read-only connection, off the UI thread."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self.signals = _VerifySignals()

    def run(self) -> None:
        try:
            with Register.open(self.path, lock=False, read_only=True) as reg:
                result = reg.verify()
        except UserInputError as err:
            result = err
        self.signals.done.emit(result)


class IntakeDialog(QDialog):
    """One consent (or refusal) at the counter, by keyboard: Tab moves on, Enter saves."""

    def __init__(self, tab: "RegisterTab") -> None:
        super().__init__(tab)
        self.setObjectName("intakeDialog")
        self.tab = tab
        tr = tab.tr_
        self.setWindowTitle(tr(N_("Record a consent")))
        form = QFormLayout()
        self.serial = QLineEdit(self, objectName="intakeSerial")
        self.serial.setPlaceholderText(tr(N_("Type or scan the number on the form")))
        self.name = QLineEdit(self, objectName="intakeName")
        self.member = QLineEdit(self, objectName="intakeMember")
        self.phone4 = QLineEdit(self, objectName="intakePhone")
        self.phone4.setMaxLength(4)
        self.phone4.setInputMask("9999;")
        self.scenario = QComboBox(self, objectName="intakeScenario")
        for sc in tab.project.scenarios:
            self.scenario.addItem(sc.name, sc.id)
        self.ticks_box = QWidget(self)
        self.ticks_layout = QVBoxLayout(self.ticks_box)
        self.ticks_layout.setContentsMargins(0, 0, 0, 0)
        self.ticks: list[tuple[str, QCheckBox]] = []
        self.refused = QCheckBox(tr(N_("The person chose the other way (refused)")), self, objectName="intakeRefused")
        self.minor = QCheckBox(tr(N_("A child under 14")), self, objectName="intakeMinor")
        self.guardian = QLineEdit(self, objectName="intakeGuardian")
        self.relation = QLineEdit(self, objectName="intakeRelation")
        self.day = DayEdit(self, objectName="intakeDate")
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        today = tab.today or dt.date.today()
        self.day.setDate(QDate(today.year, today.month, today.day))
        self.staff = QLineEdit(self, objectName="intakeStaff")
        self.staff.setText(tab.last_staff)
        self.scan_box, self.scan = scan_field(self, tr, lambda: tab.dialogs)
        self.problem = QLabel("", self, objectName="intakeProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020;")
        self.note = QLabel("", self, objectName="intakeVersionNote")  # a warning, never a refusal
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #8a5300;")
        for label, widget in ((N_("Form number"), self.serial), (N_("Name"), self.name),
                              (N_("Member no."), self.member), (N_("Phone, last 4 digits"), self.phone4),
                              (N_("Scenario"), self.scenario), (N_("Ticked on the form"), self.ticks_box),
                              ("", self.refused), ("", self.minor), (N_("Guardian's name"), self.guardian),
                              (N_("Relationship to the child"), self.relation), (N_("Date"), self.day),
                              (N_("Staff"), self.staff), (N_("Scan or photo"), self.scan_box)):
            form.addRow(tr(label) if label else "", widget)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(tr(N_("Save")))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr(N_("Cancel")))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.scenario.currentIndexChanged.connect(lambda _i: self._show_ticks())
        self.serial.editingFinished.connect(self._serial_entered)
        self.version: str | None = None
        self._show_ticks()
        self.saved = None

    def _show_ticks(self) -> None:
        for _key, box in self.ticks:
            box.setParent(None)
            box.deleteLater()
        self.ticks = []
        scenario_id = self.scenario.currentData()
        for key, label in self.tab.tick_items(scenario_id):
            box = QCheckBox(label, self.ticks_box)
            box.setObjectName(f"tick-{key}")
            self.ticks_layout.addWidget(box)
            self.ticks.append((key, box))
        # Tab order: the ticks right after the scenario, then the rest.
        chain = [self.serial, self.name, self.member, self.phone4, self.scenario, *(b for _k, b in self.ticks),
                 self.refused, self.minor, self.guardian, self.relation, self.day, self.staff, self.scan,
                 self.scan_box.findChild(QPushButton, "scanChoose")]
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)

    def _serial_entered(self) -> None:
        """A scanned code carries the serial and the form's version: keep the serial, remember the version."""
        serial, version = split_scanned(self.serial.text())
        if version:  # a plain typed serial keeps the version scanned before it
            self.serial.setText(serial)
            self.version = version
        note = self.tab.version_note(serial, self.version, self.scenario.currentData())
        if note != self.note.text():
            self.note.setText(note)
            self.adjustSize()  # room for the wrapped line

    def save(self) -> None:
        self._serial_entered()
        d = self.day.date()
        fields = {"scenario_id": self.scenario.currentData(), "serial": self.serial.text() or None,
                  "version": self.version, "ticks": [k for k, b in self.ticks if b.isChecked()],
                  "day": dt.date(d.year(), d.month(), d.day()), "staff": self.staff.text() or None,
                  "minor": self.minor.isChecked(), "guardian_relation": self.relation.text() or None,
                  "refused": self.refused.isChecked()}
        if self.scan.text().strip():
            fields["attachment"] = Path(self.scan.text().strip())
        person = Person(self.name.text(), self.member.text(), self.phone4.text(), self.guardian.text())
        try:
            self.saved = self.tab.record(person, fields)
        except UserInputError as err:
            self.problem.setText(err.message(self.tab.locale))
            return
        self.tab.last_staff = self.staff.text()
        self.accept()


class RegisterTab(QWidget):
    """The register of the open project."""

    changed = Signal()  # the register changed: findings may have too
    created = Signal()  # a new register: the project file must name it

    def __init__(self, tr: Translate, locale: Callable[[], str], parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.setObjectName("registerTab")
        self.tr_, self._locale = tr, locale
        self.project = Project()
        self.path: Path | None = None
        self.register: Register | None = None
        self.read_only = False
        self.today: dt.date | None = None
        self.backup_folder: Path | None = None
        self.last_staff = ""
        self.verified: object = None
        self._backed_up: set[str] = set()

        self.status = QLabel("", self, objectName="registerStatus")
        self.status.setWordWrap(True)
        self.search = QLineEdit(self, objectName="registerSearch")
        self.search.setClearButtonEnabled(True)
        # Whole option texts, on two lines where the pane is narrow.
        self.filter = WrappingComboBox(self)
        self.filter.setObjectName("registerFilter")
        self.scenario = WrappingComboBox(self)
        self.scenario.setObjectName("registerScenario")
        self.version = QLineEdit(self, objectName="registerVersion")
        self.intake_button = QPushButton("", self, objectName="registerIntake")
        self.withdraw_button = QPushButton("", self, objectName="registerWithdraw")
        self.delete_button = QPushButton("", self, objectName="registerDelete")
        self.start_button = QPushButton("", self, objectName="registerStart")
        # The rarer entries about a person, under one button (and the table's context menu).
        self.more_button = QPushButton("", self, objectName="registerMore")
        self.more_menu = QMenu(self.more_button)
        self.person_actions: dict[str, QAction] = {}
        for key, make in PERSON_DIALOGS.items():
            action = self.more_menu.addAction("")
            action.setObjectName(f"register-{key}")
            action.triggered.connect(lambda _checked=False, make=make: self._person_dialog(make))
            self.person_actions[key] = action
        self.more_button.setMenu(self.more_menu)
        #: The window's dialogs (file pickers); set by the window.
        self.dialogs = None
        # Search and form version above, the two filters below: in a narrow
        # pane each field keeps room for its hint.
        top = QVBoxLayout()
        for row in (((self.search, 2), (self.version, 1)), ((self.filter, 1), (self.scenario, 1))):
            line = QHBoxLayout()
            for w, stretch in row:
                line.addWidget(w, stretch)
            top.addLayout(line)
        actions = FlowLayout()  # wraps in a narrow pane rather than squeezing the questions
        for w in (self.intake_button, self.withdraw_button, self.delete_button, self.more_button, self.start_button):
            actions.addWidget(w)

        self.people = StandingModel(tr, self)
        self.people_view = self._table("registerPeople", self.people)
        self.signs = SignsModel(tr, self)
        self.signs_view = self._table("registerSigns", self.signs)
        self.people_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.people_view.customContextMenuRequested.connect(self._people_menu)
        self.tables = QTabWidget(self, objectName="registerTables")
        self.tables.addTab(self.people_view, "")
        self.post_sign_button = QPushButton("", self, objectName="registerPostSign")
        self.take_down_button = QPushButton("", self, objectName="registerTakeDown")
        self.post_sign_button.clicked.connect(self.post_sign)
        self.take_down_button.clicked.connect(self.take_down_selected)
        signs_page = QWidget(self)
        signs_layout = QVBoxLayout(signs_page)
        signs_layout.setContentsMargins(0, 4, 0, 0)
        sign_actions = QHBoxLayout()
        sign_actions.addWidget(self.post_sign_button)
        sign_actions.addWidget(self.take_down_button)
        sign_actions.addStretch(1)
        signs_layout.addLayout(sign_actions)
        signs_layout.addWidget(self.signs_view, 1)
        self.tables.addTab(signs_page, "")
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addLayout(top)
        layout.addLayout(actions)
        layout.addWidget(self.tables, 1)

        self.search.textChanged.connect(lambda _t: self.reload())
        self.version.textChanged.connect(lambda _t: self.reload())
        self.filter.currentIndexChanged.connect(lambda _i: self.reload())
        self.scenario.currentIndexChanged.connect(lambda _i: self.reload())
        self.intake_button.clicked.connect(self.intake)
        self.withdraw_button.clicked.connect(self.withdraw_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.start_button.clicked.connect(self.start_register)
        self.retranslate()

    def _table(self, name: str, model) -> QTableView:  # type: ignore[no-untyped-def]
        view = QTableView(self, objectName=name)
        view.setModel(model)
        view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        view.verticalHeader().setVisible(False)
        view.horizontalHeader().setStretchLastSection(True)
        return view

    @property
    def locale(self) -> str:
        return self._locale()

    # -------------------------------------------------------------- texts
    def retranslate(self) -> None:
        tr = self.tr_
        self.search.setPlaceholderText(tr(N_("Search by serial or name")))
        self.version.setPlaceholderText(tr(N_("Form version")))
        # The form-version field is short: it keeps room for its whole hint, the search takes the rest.
        self.version.setMinimumWidth(self.version.fontMetrics().horizontalAdvance(self.version.placeholderText()) + 16)
        current = self.filter.currentData()
        self.filter.blockSignals(True)
        self.filter.clear()
        for key, label in FILTERS:
            self.filter.addItem(tr(label), key)
        self.filter.setCurrentIndex(max(0, self.filter.findData(current)))
        self.filter.blockSignals(False)
        self._fill_scenarios()
        self.intake_button.setText(tr(N_("&Record a consent…")))
        self.withdraw_button.setText(tr(N_("&Withdrawal…")))
        self.delete_button.setText(tr(N_("Deletion &done…")))
        self.start_button.setText(tr(N_("Start the register")))
        self.more_button.setText(tr(N_("&More")))
        self.post_sign_button.setText(tr(N_("&Post a sign…")))
        self.take_down_button.setText(tr(N_("&Taken down…")))
        for key, action in self.person_actions.items():
            action.setText(tr(PERSON_ACTION_LABELS[key]))
        self.tables.setTabText(0, tr(N_("Consents, withdrawals and deletions")))
        self.tables.setTabText(1, tr(N_("Posted signs")))
        self._show_status()
        self.people.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.people.COLUMNS) - 1)

    def _fill_scenarios(self) -> None:
        current = self.scenario.currentData()
        self.scenario.blockSignals(True)
        self.scenario.clear()
        self.scenario.addItem(self.tr_(N_("All scenarios")), None)
        for sc in self.project.scenarios:
            self.scenario.addItem(sc.name, sc.id)
        self.scenario.setCurrentIndex(max(0, self.scenario.findData(current)))
        self.scenario.blockSignals(False)

    def _show_status(self) -> None:
        tr = self.tr_
        if self.register is None:
            text = self._closed_reason or tr(N_("This project has no register yet. Save the project, then start the register to record consents at the counter."))
        elif isinstance(self.verified, UserInputError):
            text = self.verified.message(self.locale)
        elif self.verified is None:
            text = tr(N_("Checking the register's history…"))
        elif not self.verified.ok:  # type: ignore[attr-defined]
            broken = self.verified.broken  # type: ignore[attr-defined]
            if broken:
                text = tr(N_("Warning: the register has been tampered with. The first broken entry is {seq}."), seq=broken.seq)
            else:
                text = tr(N_("Warning: the details of {count} people were changed outside SignDesk."),
                          count=len(self.verified.altered_people))  # type: ignore[attr-defined]
        else:
            text = tr(N_("History verified: {count} entries, none changed, removed or reordered."),
                      count=self.verified.entries)  # type: ignore[attr-defined]
        if self.read_only and self.register is not None:
            text = tr(N_("Read only: the register is open in another SignDesk window.")) + " " + text
        self.status.setText(text)
        writable = self.register is not None and not self.read_only
        for b in (self.intake_button, self.withdraw_button, self.delete_button, self.more_button,
                  self.post_sign_button, self.take_down_button):
            b.setEnabled(writable)
        self.start_button.setVisible(self.register is None and self.path is not None and not self.project.register_id)

    _closed_reason = ""
    #: The columns are fitted to the first rows each project shows.
    _measure = True

    # ------------------------------------------------------------ opening
    def set_project(self, project: Project, path: Path | None) -> None:
        """Show the register of ``project`` (closing the one open)."""
        self.close_register()
        self.project, self.path = project, path
        self._closed_reason = ""
        self._measure = True
        if path is not None and project.register_id:
            self._open()
        self._fill_scenarios()
        self.reload()

    def _open(self) -> None:
        assert self.path is not None
        backups = (lambda: backups_of(self.backup_folder, self.project.register_id or "")) \
            if self.backup_folder else (lambda: [])
        try:
            try:
                self.register = open_project_register(self.path, self.project, backups=backups)
                self.read_only = False
            except RegisterLockedError:
                self.register = open_project_register(self.path, self.project, read_only=True, lock=False,
                                                      backups=backups)
                self.read_only = True
        except UserInputError as err:
            self.register, self._closed_reason = None, err.message(self.locale)
            return
        if not self.read_only and self.backup_folder and self.register.register_id not in self._backed_up:
            try:
                backup_register(self.register, self.backup_folder)
                self._backed_up.add(self.register.register_id or "")
            except UserInputError:
                pass  # a backup that cannot be written must not stop the counter
        self.verified = None
        job = _Verify(self.register.path)
        job.signals.done.connect(self._verified)
        self._job = job  # keep the signals alive until they fire
        QThreadPool.globalInstance().start(job)

    def _verified(self, result: object) -> None:
        self.verified = result
        self._show_status()

    def close_register(self) -> None:
        if self.register is not None:
            self.register.close()
            self.register = None

    def start_register(self) -> bool:
        """Create the register beside the saved project (the window saves the project's new register id)."""
        if self.path is None:
            return False
        try:
            self.register = open_project_register(self.path, self.project, create=True)
        except UserInputError as err:
            self._closed_reason = err.message(self.locale)
            self._show_status()
            return False
        self.register.close()
        self.register = None
        self.created.emit()
        self._measure = True
        self._open()
        self.reload()
        self.changed.emit()
        return True

    # ------------------------------------------------------------ tables
    def current_filter(self) -> Filter:
        key = self.filter.currentData() or "all"
        status = key if key in ("consented", "refused", "deleted") else None
        return Filter(status=status, overdue=key == "overdue", due=key == "due", scenario_id=self.scenario.currentData(),
                      version=self.version.text().strip().upper() or None, search=self.search.text(),
                      today=self.today or dt.date.today())

    def reload(self) -> None:
        names = {sc.id: sc.name for sc in self.project.scenarios}
        self.people.show(self.register, self.current_filter(), names)
        if self._measure and self.people.rows:
            self._measure = False
            # Measured once, on the first page: the columns fit what they hold (the delete-by date stays in view).
            self.people_view.resizeColumnsToContents()
        self.signs.show(self.register, names)
        self._show_status()

    def facts(self) -> RegisterFacts | None:
        """What the register holds, for the findings (None without a register)."""
        if self.register is None:
            return None
        from signdesk.documents.register_report import today_versions

        return register_facts(self.register, today_versions(self.project, self.today or dt.date.today()))

    # ------------------------------------------------------------ intake
    def version_note(self, serial: str, version: str | None, scenario_id: str | None) -> str:
        """One line when the form was printed with another version than today's form (else empty)."""
        from signdesk.documents.register_report import today_versions

        if self.register is None:
            return ""
        note = outdated_form_note(self.register, today_versions(self.project, self.today or dt.date.today()),
                                  serial, version, scenario_id)
        return self.tr_(note[0], **note[1]) if note else ""

    def tick_items(self, scenario_id: str | None) -> list[tuple[str, str]]:
        """(tick key, label) for each box the scenario's consent form has."""
        from signdesk.documents.content import scenario_notice
        from signdesk.documents.register_report import tick_label

        if scenario_id is None:
            return []
        try:
            notice = scenario_notice(self.project, self.project.scenario(scenario_id), self.today or dt.date.today())
        except (UserInputError, KeyError):
            return []
        out = []
        for item in notice.consent_items:
            key = item.key if item.key in EXTRA_TICKS else f"purpose:{item.key}"
            out.append((key, tick_label(key, self.locale)))
        return out

    def intake(self) -> IntakeDialog:
        dialog = IntakeDialog(self)
        dialog.open()
        return dialog

    def record(self, person: Person, fields: dict):  # type: ignore[no-untyped-def,type-arg]
        """Save one consent; the tables and findings follow."""
        assert self.register is not None
        entry = self.register.record_consent(person, **fields)
        self.reload()
        self.changed.emit()
        return entry

    def selected(self):  # type: ignore[no-untyped-def]
        rows = self.people_view.selectionModel().selectedRows()
        return self.people.row(rows[0].row()) if rows else None

    def today_or_now(self) -> dt.date:
        return self.today or dt.date.today()

    def _person_dialog(self, make):  # type: ignore[no-untyped-def]
        """Open ``make(tab, row)`` for the selected person, or say to select one."""
        row = self.selected()
        if self.register is None or self.read_only:
            return None
        if row is None:
            self.status.setText(self.tr_(N_("Select a person in the table first.")))
            return None
        try:
            dialog = make(self, row)
        except UserInputError as err:
            self.status.setText(err.message(self.locale))
            return None
        dialog.open()
        return dialog

    def person_dialog(self, key: str):  # type: ignore[no-untyped-def]
        """Open one of the More menu's dialogs (``PERSON_DIALOGS``) for the selected person."""
        return self._person_dialog(PERSON_DIALOGS[key])

    def person_rows(self, person_id: str) -> list[StandingRow]:
        """The person's rows, one per scenario (a handful, through the person index)."""
        assert self.register is not None
        return standing_rows(self.register, Filter(search=person_id), limit=100)

    def _people_menu(self, pos) -> None:  # type: ignore[no-untyped-def]
        """Every entry about the person under the mouse, in one menu."""
        if self.register is None or self.read_only or not self.people_view.indexAt(pos).isValid():
            return
        self.people_view.selectRow(self.people_view.indexAt(pos).row())
        menu = QMenu(self)
        menu.addAction(self.withdraw_button.text(), self.withdraw_selected)
        menu.addAction(self.delete_button.text(), self.delete_selected)
        for action in self.person_actions.values():
            menu.addAction(action)
        menu.popup(self.people_view.viewport().mapToGlobal(pos))

    def withdraw_selected(self) -> "WithdrawalDialog | None":
        """The withdrawal dialog for the selected person and scenario."""
        return self._person_dialog(WithdrawalDialog)

    def delete_selected(self) -> "DeletionDialog | None":
        """The deletion dialog for the selected person and scenario."""
        return self._person_dialog(DeletionDialog)

    def after_change(self) -> None:
        """A dialog wrote to the register: the tables and findings follow,
        and the person stays selected for the next entry about them."""
        row = self.selected()
        self.reload()
        if row is not None:
            for n, shown in enumerate(self.people.rows):
                if shown.key == row.key:
                    self.people_view.selectRow(n)
                    break
        self.changed.emit()

    # ------------------------------------------------------------- signs
    def post_sign(self) -> "PostSignDialog | None":
        """The dialog for a sign put up."""
        if self.register is None or self.read_only:
            return None
        dialog = PostSignDialog(self)
        dialog.open()
        return dialog

    def take_down_selected(self) -> "TakeDownDialog | None":
        """The dialog for the selected sign taken down."""
        rows = self.signs_view.selectionModel().selectedRows()
        if self.register is None or self.read_only:
            return None
        sign = self.signs.rows[rows[0].row()] if rows else None
        if sign is None or sign.taken_down_on:
            self.status.setText(self.tr_(N_("Select a sign that is up in the table first.")))
            return None
        dialog = TakeDownDialog(self, sign)
        dialog.open()
        return dialog
