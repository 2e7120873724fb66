"""The side list: business sections, then each scenario with its sections.

Each section shows its progress (answered visible / visible questions).
Below the list, the owner adds, renames, duplicates and removes scenarios.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHeaderView,
    QPushButton,
    QGridLayout,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from signdesk.i18n import N_
from signdesk.model import Project, visibility
from signdesk.questions import SECTIONS, Scope
from signdesk.ui.questionnaire import section_progress

Translate = Callable[..., str]
#: (section id, scenario id or None for the business) — the key of a page.
PageKey = tuple[str, "str | None"]

_KEY_ROLE = Qt.ItemDataRole.UserRole


class Navigator(QWidget):
    """Section list with progress, and the scenario buttons."""

    page_selected = Signal(object)  # PageKey
    add_scenario = Signal()
    rename_scenario = Signal()
    duplicate_scenario = Signal()
    remove_scenario = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 4, 8)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("sectionList")
        self.tree.setColumnCount(2)
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(False)
        self.tree.setIndentation(14)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.currentItemChanged.connect(self._current_changed)
        layout.addWidget(self.tree, 1)
        grid = QGridLayout()
        grid.setSpacing(4)
        self.buttons: dict[str, QPushButton] = {}
        for i, (name, signal) in enumerate((
            ("add", self.add_scenario), ("rename", self.rename_scenario),
            ("duplicate", self.duplicate_scenario), ("remove", self.remove_scenario),
        )):
            button = QPushButton(self)
            button.setObjectName(f"scenario-{name}")
            button.clicked.connect(signal)
            grid.addWidget(button, i // 2, i % 2)
            self.buttons[name] = button
        layout.addLayout(grid)
        self._project: Project | None = None
        self._tr: Translate = lambda msgid, **p: msgid.format(**p) if p else msgid

    # -- building ---------------------------------------------------------
    def show_project(self, project: Project, keep: "PageKey | None" = None) -> None:
        """Rebuild the list for ``project``; reselect ``keep`` if it still exists."""
        self._project = project
        self.tree.blockSignals(True)
        self.tree.clear()
        business = QTreeWidgetItem(self.tree)
        business.setData(0, _KEY_ROLE, ("business", None))
        business.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        for section in SECTIONS:
            if section.scope is Scope.BUSINESS:
                self._section_item(business, section.id, None)
        for sc in project.scenarios:
            group = QTreeWidgetItem(self.tree)
            group.setData(0, _KEY_ROLE, ("place", sc.id))
            for section in SECTIONS:
                if section.scope is Scope.SCENARIO:
                    self._section_item(group, section.id, sc.id)
        self.tree.expandAll()
        self.tree.blockSignals(False)
        self.retranslate(self._tr)
        target = self.item_for(keep) if keep else None
        self.tree.setCurrentItem(target or self.tree.topLevelItem(0).child(0))

    def _section_item(self, parent: QTreeWidgetItem, section_id: str, scenario_id: str | None) -> None:
        item = QTreeWidgetItem(parent)
        item.setData(0, _KEY_ROLE, (section_id, scenario_id))
        item.setData(1, _KEY_ROLE, "section")
        item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def _items(self):
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            yield top
            for j in range(top.childCount()):
                yield top.child(j)

    def item_for(self, key: PageKey) -> QTreeWidgetItem | None:
        for item in self._items():
            if item.data(1, _KEY_ROLE) == "section" and tuple(item.data(0, _KEY_ROLE)) == tuple(key):
                return item
        return None

    # -- state --------------------------------------------------------------
    def current_key(self) -> PageKey | None:
        item = self.tree.currentItem()
        return tuple(item.data(0, _KEY_ROLE)) if item is not None else None  # type: ignore[return-value]

    def current_scenario_id(self) -> str | None:
        key = self.current_key()
        return key[1] if key else None

    def select(self, key: PageKey) -> None:
        item = self.item_for(key)
        if item is not None:
            self.tree.setCurrentItem(item)

    def select_next(self) -> None:
        items = [i for i in self._items() if i.data(1, _KEY_ROLE) == "section"]
        current = self.tree.currentItem()
        if current in items and items.index(current) + 1 < len(items):
            self.tree.setCurrentItem(items[items.index(current) + 1])

    def _current_changed(self, item: QTreeWidgetItem | None, _previous) -> None:
        if item is None:
            return
        if item.data(1, _KEY_ROLE) != "section" and item.childCount():
            # A group heading stands for its first section.
            self.tree.setCurrentItem(item.child(0))
            return
        self.buttons_enabled()
        self.page_selected.emit(tuple(item.data(0, _KEY_ROLE)))

    def buttons_enabled(self) -> None:
        has_scenario = self.current_scenario_id() is not None
        for name in ("rename", "duplicate", "remove"):
            self.buttons[name].setEnabled(has_scenario)

    def update_progress(self) -> None:
        """Refresh "answered / visible" beside every section."""
        project = self._project
        if project is None:
            return
        from signdesk.questions import SECTION_BY_ID

        shown: dict[str | None, Callable[[str], bool]] = {}  # per scenario, worked out once
        for item in self._items():
            if item.data(1, _KEY_ROLE) != "section":
                continue
            section_id, scenario_id = item.data(0, _KEY_ROLE)
            scenario = project.scenario(scenario_id) if scenario_id else None
            if scenario_id not in shown:
                shown[scenario_id] = visibility(project, scenario)
            done, total = section_progress(project, scenario, SECTION_BY_ID[section_id], shown[scenario_id])
            item.setText(1, f"{done}/{total}")
            item.setForeground(1, self.palette().mid() if done < total else self.palette().link())

    def retranslate(self, tr: Translate) -> None:
        self._tr = tr
        from signdesk.questions import SECTION_BY_ID

        # Group headings are bold in the font of the language now shown (its fonts come first).
        bold = QFont(self.tree.font())
        bold.setBold(True)
        for item in self._items():
            section_id, scenario_id = item.data(0, _KEY_ROLE)
            if item.data(1, _KEY_ROLE) == "section":
                item.setText(0, tr(SECTION_BY_ID[section_id].title))
                item.setToolTip(0, item.text(0))  # the whole title where the list is too narrow for it
                continue
            item.setFont(0, bold)
            if scenario_id is None:
                item.setText(0, tr(N_("Whole business")))
            elif self._project is not None:
                item.setText(0, self._project.scenario(scenario_id).name)
        labels = {"add": N_("&Add scenario"), "rename": N_("Re&name"),
                  "duplicate": N_("D&uplicate"), "remove": N_("Remo&ve")}
        for name, msgid in labels.items():
            self.buttons[name].setText(tr(msgid))
        self.update_progress()
