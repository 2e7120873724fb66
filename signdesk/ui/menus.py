"""The menu bar: File, Scenario, Language, Help — with the standard shortcuts."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Callable

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu

from signdesk.i18n import EN, N_, ZH
from signdesk.ui.files import EXAMPLE_PROJECTS
from signdesk.ui.i18n_qt import LANGUAGE_NAMES

if TYPE_CHECKING:
    from signdesk.ui.main_window import MainWindow

Translate = Callable[..., str]


class MainMenus:
    """Builds the menus of ``window`` and keeps their texts current."""

    def __init__(self, window: "MainWindow") -> None:
        self.window = window
        bar = window.menuBar()
        self.texts: list[tuple[QAction | QMenu, str]] = []
        self.file = self._menu(bar.addMenu(""), N_("&File"))
        self.new = self._action(self.file, N_("&New"), window.new_project, QKeySequence.StandardKey.New)
        self.open = self._action(self.file, N_("&Open…"), window.open_dialog, QKeySequence.StandardKey.Open)
        self.recent = self._menu(self.file.addMenu(""), N_("Open &recent"))
        self.save = self._action(self.file, N_("&Save"), window.save, QKeySequence.StandardKey.Save)
        self.save_as = self._action(self.file, N_("Save &as…"), window.save_as, QKeySequence.StandardKey.SaveAs)
        self.file.addSeparator()
        #: What needs an open project (none while the welcome page is shown).
        self.project_actions = [self.save, self.save_as]
        self.export = self._action(self.file, N_("&Export documents…"), window.export_documents)
        self.calendar = self._action(self.file, N_("Export &deadlines to calendar…"), window.export_calendar)
        self.optout_text = self._action(self.file, N_("Export opt-out page &text…"), window.export_optout_text)
        self.chain = self._action(self.file, N_("Print for a c&hain of sites…"), window.print_for_chain)
        self.print = self._action(self.file, N_("&Print document…"), window.print_document,
                                  QKeySequence.StandardKey.Print)
        self.project_actions += [self.export, self.calendar, self.optout_text, self.chain, self.print]
        self.file.addSeparator()
        self.quit = self._action(self.file, N_("&Quit"), window.close, QKeySequence.StandardKey.Quit)

        scenario = self._menu(bar.addMenu(""), N_("S&cenario"))
        nav = window.navigator
        self.project_actions += [
            self._action(scenario, N_("&Add scenario…"), nav.add_scenario.emit, QKeySequence("Ctrl+Shift+N")),
            self._action(scenario, N_("Re&name scenario…"), nav.rename_scenario.emit, QKeySequence("F2")),
            self._action(scenario, N_("Dupli&cate scenario…"), nav.duplicate_scenario.emit),
            self._action(scenario, N_("Remo&ve scenario…"), nav.remove_scenario.emit)]

        language = self._menu(bar.addMenu(""), N_("&Language"))
        group = QActionGroup(language)
        self.languages: dict[str, QAction] = {}
        for locale in (ZH, EN):
            action = language.addAction(LANGUAGE_NAMES[locale])
            action.setCheckable(True)
            action.setObjectName(f"language-{locale}")
            action.triggered.connect(lambda _c=False, loc=locale: window.language.set_locale(loc))
            group.addAction(action)
            self.languages[locale] = action

        help_menu = self._menu(bar.addMenu(""), N_("&Help"))
        self.guide = self._action(help_menu, N_("&User guide"), window.show_guide,
                                  QKeySequence.StandardKey.HelpContents)
        self.example = self._action(help_menu, N_("Open the &example project"),
                                    lambda: window.open_example(EXAMPLE_PROJECTS[0][0]))
        self.about = self._action(help_menu, N_("&About SignDesk"), window.show_about)
        self.update_recent(window.recent.paths())

    def _menu(self, menu: QMenu, msgid: str) -> QMenu:
        self.texts.append((menu, msgid))
        return menu

    def _action(self, menu: QMenu, msgid: str, slot, shortcut=None) -> QAction:
        action = menu.addAction("")
        action.triggered.connect(lambda _checked=False: slot())
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        self.texts.append((action, msgid))
        return action

    def update_recent(self, paths: list[Path]) -> None:
        self.recent.clear()
        for number, path in enumerate(paths, start=1):
            # File name first (the path is long and alike); "&&" so a "&" in a name shows as typed.
            label = f"{path.name}    {path.parent}".replace("&", "&&")
            action = self.recent.addAction(f"&{number} {label}" if number < 10 else label)
            action.setToolTip(str(path))
            action.triggered.connect(lambda _c=False, p=path: self.window.open_recent(p))
        self.recent.setEnabled(bool(paths))

    def set_project_open(self, is_open: bool) -> None:
        """Save, export, print and the scenario commands only work on an open project."""
        for action in self.project_actions:
            action.setEnabled(is_open)

    def retranslate(self, tr: Translate) -> None:
        for widget, msgid in self.texts:
            if isinstance(widget, QMenu):
                widget.setTitle(tr(msgid))
            else:
                widget.setText(tr(msgid))
        self.languages[self.window.locale].setChecked(True)
