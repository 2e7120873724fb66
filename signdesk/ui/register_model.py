"""Table models over the register that fetch rows as the view scrolls.

``StandingModel`` shows people (one row per person and scenario) a page at a
time: the view asks ``canFetchMore``/``fetchMore`` as it scrolls, and each
page is one indexed keyset query (``register.views.standing_rows``) of a few
milliseconds, so the table never loads the whole register.
"""

from __future__ import annotations

import datetime as dt
from typing import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from signdesk.i18n import N_
from signdesk.register import Register
from signdesk.register.views import Filter, SignRow, StandingRow, sign_rows, standing_rows

PAGE = 200
Index = QModelIndex | QPersistentModelIndex
Translate = Callable[..., str]

STATUS_LABELS = {"consented": N_("Consented"), "refused": N_("Refused"), "withdrawn": N_("Withdrawn"),
                 "deleted": N_("Deleted")}


class _Table(QAbstractTableModel):
    """Rows of a register table under translated column titles."""

    COLUMNS: tuple[str, ...] = ()

    def __init__(self, tr: Translate, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.tr_ = tr
        self.rows: list = []  # type: ignore[type-arg]
        self.scenario_names: dict[str, str] = {}

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt's name
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.tr_(self.COLUMNS[section])
        return None


class StandingModel(_Table):
    """People in the register, filtered, fetched a page at a time."""

    COLUMNS = (N_("Serial"), N_("Name"), N_("Member no."), N_("Scenario"), N_("Status"), N_("Form version"),
               N_("Consent date"), N_("Delete by"), N_("Deleted on"))
    DUE_COLUMN = 7

    def __init__(self, tr: Translate, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(tr, parent)
        self.register: Register | None = None
        self.filter = Filter()
        self.rows: list[StandingRow] = []
        self._more = False

    def show(self, register: Register | None, flt: Filter, scenario_names: dict[str, str]) -> None:
        """Start again from the first page of ``flt``."""
        self.beginResetModel()
        self.register, self.filter, self.scenario_names = register, flt, scenario_names
        self.rows = []
        self._more = register is not None
        self.endResetModel()
        if self._more:
            self.fetchMore(QModelIndex())

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: N802
        return not parent.isValid() and self._more

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: N802
        if parent.isValid() or not self._more or self.register is None:
            return
        after = self.rows[-1].key if self.rows else None
        page = standing_rows(self.register, self.filter, after=after, limit=PAGE)
        self._more = len(page) == PAGE
        if page:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(page) - 1)
            self.rows.extend(page)
            self.endInsertRows()

    def overdue(self, r: StandingRow) -> bool:
        """Withdrawn, and the deletion due date has passed with no deletion recorded (RG-01)."""
        today = (self.filter.today or dt.date.today()).isoformat()
        return r.status == "withdrawn" and bool(r.due) and r.due < today  # type: ignore[operator]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if not index.isValid():
            return None
        r = self.rows[index.row()]
        if role == Qt.ItemDataRole.ForegroundRole:
            # A deletion overdue shows in red where the owner looks: its date.
            return QColor("#b00020") if index.column() == self.DUE_COLUMN and self.overdue(r) else None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        due = r.due if r.status == "withdrawn" else None
        values = (r.serial or "", " · ".join(x for x in (r.name, r.phone_last4 and f"****{r.phone_last4}") if x)
                  or self.tr_(N_("(erased)")), r.member_no, self.scenario_names.get(r.scenario_id, r.scenario_id),
                  self.tr_(STATUS_LABELS[r.status]), r.version or "", r.consent_day or "", due or "",
                  r.deleted_on or "")
        return values[index.column()]

    def row(self, number: int) -> StandingRow:
        return self.rows[number]


class SignsModel(_Table):
    """Every sign posted, up first (a business has tens of signs)."""

    COLUMNS = (N_("Sign ID"), N_("Where it hangs"), N_("Scenario"), N_("Content version"), N_("Posted"),
               N_("Taken down"))


    def show(self, register: Register | None, scenario_names: dict[str, str]) -> None:
        self.beginResetModel()
        self.rows = sign_rows(register) if register else []
        self.scenario_names = scenario_names
        self.endResetModel()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        s = self.rows[index.row()]
        return (s.sign_id, s.location, self.scenario_names.get(s.scenario_id, s.scenario_id), s.version or "",
                s.posted_on, s.taken_down_on or "")[index.column()]

