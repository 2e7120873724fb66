"""The main window: section list | questions | findings and documents.

It holds the open project, wires the panes together and owns the file
commands. Everything it knows about the law comes from the core
(``evaluate``), everything it asks the user goes through ``Dialogs``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QSettings, QTimer, QUrl, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QMainWindow, QSplitter, QStackedWidget, QTabWidget, QWidget

from signdesk.errors import UserInputError
from signdesk.i18n import N_
from signdesk.model import Project, ProjectFileError, save
from signdesk.questions import QUESTION_BY_ID, SECTION_BY_ID, Scope, scope_of
from signdesk.rules import Assessment, DocumentKind, Finding, evaluate
from signdesk.ui.dialogs import Dialogs, Unsaved
from signdesk.paths import EXAMPLES_DIR
from signdesk.ui.files import Autosave, RecentFiles, TypedText, copy_of_example, documents_folder
from signdesk.ui.findings import FindingsPanel
from signdesk.ui.i18n_qt import UiLanguage
from signdesk.ui.menus import MainMenus
from signdesk.ui.navigator import Navigator, PageKey
from signdesk.ui.questionnaire import SectionPage
from signdesk.ui.welcome import VENUE_QUESTION, WelcomePage

if TYPE_CHECKING:
    from signdesk.register import Register
    from signdesk.ui.about import AboutDialog
    from signdesk.ui.guide import GuideWindow
    from signdesk.ui.numbered import NumberedFormsJob
    from signdesk.ui.preview import PreviewPane
    from signdesk.ui.register_tab import RegisterTab

AUTOSAVE_MS = 60_000


class MainWindow(QMainWindow):
    """One open project and everything the owner does with it."""

    def __init__(self, settings: QSettings, language: UiLanguage, autosave: Autosave,
                 dialogs: Callable[["MainWindow"], Dialogs] | None = None,
                 today: dt.date | None = None, project: Project | None = None,
                 path: Path | None = None, documents: Path | None = None) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.settings, self.language, self.autosave = settings, language, autosave
        self.today = today
        self.dialogs = (dialogs or (lambda w: Dialogs(w, w.tr_)))(self)
        self.recent = RecentFiles(settings)
        #: Where copies of the examples go (the owner's documents folder).
        self.documents = documents or documents_folder()
        self.project = Project()
        self.path: Path | None = None
        self.assessment: Assessment | None = None
        self.pages: dict[PageKey, SectionPage] = {}
        self.guide: "GuideWindow | None" = None
        #: The last run of numbered forms started (ui/numbered.py), drawn in the background.
        self.numbered_job: "NumberedFormsJob | None" = None

        self.navigator = Navigator(self)
        self.stack = QStackedWidget(self)
        self.stack.setObjectName("questionPages")
        self.findings = FindingsPanel(self)
        self.side = QTabWidget(self)
        self.side.setObjectName("sideTabs")
        # All three tab names stay in view: the pane is never narrower than they are.
        self.side.tabBar().setUsesScrollButtons(False)
        self.side.addTab(self.findings, "")
        # The Documents tab is built when it is first shown, and the Register
        # tab then or when the project has a register: a start does not load
        # the PDF viewer's or the register's code. Until then an empty page
        # holds each one's place.
        self.preview_slot = QWidget(self.side)
        self._preview: "PreviewPane | None" = None
        self.side.addTab(self.preview_slot, "")
        self.register_slot = QWidget(self.side)
        self._register_tab: "RegisterTab | None" = None
        self.side.addTab(self.register_slot, "")
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        for pane, stretch in ((self.navigator, 0), (self.stack, 3), (self.side, 2)):
            self.splitter.addWidget(pane)
            self.splitter.setStretchFactor(self.splitter.count() - 1, stretch)
        self.splitter.setChildrenCollapsible(False)
        # The project's panes, or (at a start without a project) the welcome page instead.
        self.central = QStackedWidget(self)
        self.central.setObjectName("centralPages")
        self.central.addWidget(self.splitter)
        self.welcome: WelcomePage | None = None
        self.setCentralWidget(self.central)
        self.menus = MainMenus(self)

        self.navigator.page_selected.connect(self.show_page)
        self.navigator.add_scenario.connect(self.add_scenario)
        self.navigator.rename_scenario.connect(self.rename_scenario)
        self.navigator.duplicate_scenario.connect(self.duplicate_scenario)
        self.navigator.remove_scenario.connect(self.remove_scenario)
        self.findings.finding_activated.connect(self.go_to_finding)
        self.side.currentChanged.connect(lambda _i: self._side_tab_shown())
        language.changed.connect(lambda _l: self.retranslate())

        self.autosave_timer = QTimer(self)
        self.autosave_timer.setInterval(AUTOSAVE_MS)
        self.autosave_timer.timeout.connect(self.autosave_now)
        self.autosave_timer.start()
        self._restore_layout()
        # Start with the project to show, so no throwaway page is built first.
        self.set_project(project or Project(), path)
        if path is not None:
            self.recent.add(path)
            self._recent_changed()

    # -- language ---------------------------------------------------------
    @property
    def locale(self) -> str:
        return self.language.locale

    def tr_(self, msgid: str, **params: object) -> str:
        return self.language.tr(msgid, **params)

    def retranslate(self) -> None:
        """Every text again, in the current language."""
        tr = self.tr_
        self.menus.retranslate(tr)
        if self.welcome is not None:
            self.welcome.retranslate(tr)
        self.navigator.retranslate(tr)
        if self._preview is not None:
            self._preview.retranslate(tr)
        if self._register_tab is not None:
            self._register_tab.retranslate()
        for page in self.pages.values():
            page.retranslate(tr, self.locale)
        self.refresh()
        self._update_title()

    # -- the project --------------------------------------------------------
    def set_project(self, project: Project, path: Path | None, modified: bool = False) -> None:
        """Show ``project`` (replacing the one open, whose pages are dropped)."""
        for page in self.pages.values():
            self.stack.removeWidget(page)
            page.deleteLater()
        self.pages.clear()
        self.project, self.path = project, path
        self._register_follows()
        self.navigator.show_project(project)
        self.setWindowModified(modified)
        self._leave_welcome()
        self.retranslate()
        # Typing goes into the first question, not into the section list.
        self._focus_first_question(self.current_page())

    # -- the welcome page ---------------------------------------------------
    def show_welcome(self) -> None:
        """The first-start page in place of the (empty) questionnaire, until a project is open."""
        if self.welcome is None:
            self.welcome = WelcomePage(self.central)
            self.welcome.kind_chosen.connect(self.start_project)
            self.welcome.example_chosen.connect(self.open_example)
            self.welcome.open_requested.connect(self.open_dialog)
            self.welcome.recent_chosen.connect(self.open_recent)
            self.welcome.retranslate(self.tr_)
            self.welcome.show_recent(self.recent.paths())
            self.central.addWidget(self.welcome)
        self.central.setCurrentWidget(self.welcome)
        self.menus.set_project_open(False)
        self._update_title()
        self.welcome.first_choice().setFocus(Qt.FocusReason.OtherFocusReason)

    def welcome_shown(self) -> bool:
        return self.welcome is not None and self.central.currentWidget() is self.welcome

    def _leave_welcome(self) -> None:
        if self.welcome_shown():
            self.central.setCurrentWidget(self.splitter)
            self.menus.set_project_open(True)

    def start_project(self, venue_type: str) -> None:
        """A new project for this kind of business (the answer to "What kind of business is it?")."""
        if not self.maybe_discard():
            return
        self.autosave.discard()
        self.set_project(Project(business={VENUE_QUESTION.id: venue_type}), None)

    def _recent_changed(self) -> None:
        paths = self.recent.paths()
        self.menus.update_recent(paths)
        if self.welcome is not None:
            self.welcome.show_recent(paths)

    def _focus_first_question(self, page: SectionPage) -> None:
        rows = page.visible_rows()
        if rows:
            page.focus_question(rows[0].question.id)
            page.scroll.verticalScrollBar().setValue(0)  # the page heading stays in view

    def refresh(self) -> None:
        """Re-evaluate the rules and update findings, progress and documents."""
        facts = self._register_tab.facts() if self._register_tab is not None else None
        self.assessment = evaluate(self.project, self.today, facts)
        self.findings.show_assessment(self.project, self.assessment, self.tr_, self.locale)
        if self._preview is not None:
            self._show_documents(self._preview)
        self.navigator.update_progress()
        self.side.setTabText(0, self.tr_(N_("F&indings ({count})"), count=len(self.assessment.findings)))
        self.side.setTabText(1, self.tr_(N_("D&ocuments")))
        self.side.setTabText(2, self.tr_(N_("&Register")))
        self._preview_if_shown()

    @property
    def register_tab(self) -> "RegisterTab":
        """The Register tab's contents (built, with the open project's register, on first use)."""
        if self._register_tab is None:
            from signdesk.ui.register_tab import RegisterTab

            tab = RegisterTab(self.tr_, lambda: self.locale, self.side)
            tab.today = self.today
            tab.dialogs = self.dialogs
            tab.backup_folder = self.autosave.folder / "register-backups"
            tab.changed.connect(self.refresh)
            tab.created.connect(self._register_created)
            self._register_tab = tab
            self._into_tab(self.register_slot, tab)
            tab.set_project(self.project, self.path)
        return self._register_tab

    @property
    def preview(self) -> "PreviewPane":
        """The Documents tab's contents (built, showing the open project's documents, on first use)."""
        if self._preview is None:
            from signdesk.ui.preview import PreviewPane

            pane = PreviewPane(self.side)
            pane.today = self.today
            pane.print_requested.connect(self.print_document)
            pane.export_requested.connect(self.export_documents)
            pane.numbered_requested.connect(self.print_numbered_forms)
            pane.optout_requested.connect(self.open_optout_page)
            pane.retranslate(self.tr_)
            self._preview = pane
            if self.assessment is not None:
                self._show_documents(pane)
            self._into_tab(self.preview_slot, pane)
        return self._preview

    def _show_documents(self, pane: "PreviewPane") -> None:
        assert self.assessment is not None
        register = self._open_register()
        # A sign printed now numbers on after the signs the register holds.
        pane.sign_numbers = tuple(sorted(register.sign_numbers().items())) if register else ()
        pane.show_documents(self.project, self.assessment, self.tr_, self.locale)

    def _into_tab(self, slot: QWidget, widget: QWidget) -> None:
        """``widget`` takes the place (and the tab) of the empty page ``slot``."""
        index = self.side.indexOf(slot)
        shown = self.side.currentIndex() == index
        self.side.insertTab(index, widget, self.side.tabText(index))
        self.side.removeTab(index + 1)
        slot.deleteLater()
        if shown:
            self.side.setCurrentIndex(index)

    def _register_follows(self) -> None:
        """The Register tab shows the open project's register (built now if the project has one)."""
        if self._register_tab is not None:
            self._register_tab.set_project(self.project, self.path)
        elif self.path is not None and self.project.register_id:
            self.register_tab  # noqa: B018 - built with this project's register

    def _open_register(self) -> "Register | None":
        """The open project's register if one is open (without building the tab for it)."""
        return self._register_tab.register if self._register_tab is not None else None

    def _side_tab_shown(self) -> None:
        if self.side.currentWidget() is self.register_slot:
            self.register_tab  # noqa: B018 - built on first view
        if self.side.currentWidget() is self.preview_slot:
            self.preview  # noqa: B018 - built on first view
        self._preview_if_shown()

    def _preview_if_shown(self) -> None:
        # Drawing is only worth it (and reportlab only imported) when visible.
        if self._preview is not None and self.side.currentWidget() is self._preview:
            self._preview.schedule()

    def _changed(self, qid: str) -> None:
        if scope_of(QUESTION_BY_ID[qid]) is Scope.BUSINESS or QUESTION_BY_ID[qid].section == "place":
            for page in self.pages.values():
                page.update_visibility()
        self.setWindowModified(True)
        self.refresh()

    def page(self, key: PageKey) -> SectionPage:
        """The page of one section (built on first visit)."""
        if key not in self.pages:
            section_id, scenario_id = key
            scenario = self.project.scenario(scenario_id) if scenario_id else None
            page = SectionPage(self.project, scenario, SECTION_BY_ID[section_id], self.stack)
            page.setObjectName(f"page-{section_id}-{scenario_id or 'business'}")
            page.retranslate(self.tr_, self.locale)
            page.changed.connect(self._changed)
            page.typed_invalid.connect(lambda _qid: self.setWindowModified(True))  # unsaved, and autosaved
            page.next_requested.connect(self.navigator.select_next)
            self.stack.addWidget(page)
            self.pages[key] = page
        return self.pages[key]

    def show_page(self, key: PageKey) -> None:
        self.stack.setCurrentWidget(self.page(tuple(key)))  # type: ignore[arg-type]
        self.autosave_now()

    def current_page(self) -> SectionPage:
        return self.stack.currentWidget()  # type: ignore[return-value]

    def go_to_finding(self, finding: Finding) -> None:
        """Select the page of the question behind a finding and focus it."""
        if not finding.triggers:
            return
        qid = finding.triggers[0].question_id
        question = QUESTION_BY_ID[qid]
        scenario_id = None if scope_of(question) is Scope.BUSINESS else finding.scenario_id
        self.navigator.select((question.section, scenario_id))
        self.page((question.section, scenario_id)).focus_question(qid)

    # -- scenarios ----------------------------------------------------------
    def _ask_name(self, title: str, value: str) -> str | None:
        from signdesk.model.project import MAX_SCENARIO_NAME

        while True:
            name = self.dialogs.text(title, self.tr_(N_("Name (for example “Front gate” or “Till”):")), value)
            if name is None:
                return None
            name = name.strip()
            if 1 <= len(name) <= MAX_SCENARIO_NAME:
                return name
            self.dialogs.error(title, self.tr_(N_("A scenario needs a name of 1 to {maximum} characters."),
                                               maximum=MAX_SCENARIO_NAME))
            value = name[:MAX_SCENARIO_NAME]

    def add_scenario(self) -> None:
        default = self.tr_(N_("Scenario {number}"), number=len(self.project.scenarios) + 1)
        name = self._ask_name(self.tr_(N_("Add scenario")), default)
        if name:
            self._start_on_scenario(self.project.add_scenario(name).id)

    def rename_scenario(self) -> None:
        sid = self.navigator.current_scenario_id()
        if sid is None:
            return
        scenario = self.project.scenario(sid)
        name = self._ask_name(self.tr_(N_("Rename scenario")), scenario.name)
        if name and name != scenario.name:
            scenario.name = name
            self._scenarios_changed(self.navigator.current_key())

    def duplicate_scenario(self) -> None:
        sid = self.navigator.current_scenario_id()
        if sid is None:
            return
        source = self.project.scenario(sid)
        name = self._ask_name(self.tr_(N_("Duplicate scenario")),
                              self.tr_(N_("{name} (copy)"), name=source.name)[:60])
        if name:
            self._start_on_scenario(self.project.duplicate_scenario(sid, name).id)

    def remove_scenario(self) -> None:
        sid = self.navigator.current_scenario_id()
        if sid is None:
            return
        name = self.project.scenario(sid).name
        if not self.dialogs.confirm(self.tr_(N_("Remove scenario")),
                                    self.tr_(N_("Remove “{name}” and all its answers?"), name=name)):
            return
        section = self.navigator.current_key()[0]  # type: ignore[index]
        index = [sc.id for sc in self.project.scenarios].index(sid)
        self.project.remove_scenario(sid)
        for key in [k for k in self.pages if k[1] == sid]:
            page = self.pages.pop(key)
            self.stack.removeWidget(page)
            page.deleteLater()
        # Stay where the owner was: the same section of the next scenario (or the one before).
        rest = self.project.scenarios
        neighbour = rest[min(index, len(rest) - 1)].id if rest else None
        self._scenarios_changed((section, neighbour) if neighbour else None)
        self.navigator.tree.setFocus(Qt.FocusReason.OtherFocusReason)

    def _start_on_scenario(self, scenario_id: str) -> None:
        """Show a new scenario's first page with the cursor in its first question."""
        self._scenarios_changed(("place", scenario_id))
        self._focus_first_question(self.page(("place", scenario_id)))

    def _scenarios_changed(self, select: PageKey | None) -> None:
        self.setWindowModified(True)
        self.navigator.show_project(self.project, keep=select)
        for page in self.pages.values():
            page.retranslate(self.tr_, self.locale)  # headings carry the scenario name
        self.refresh()

    # -- files ----------------------------------------------------------------
    def _update_title(self) -> None:
        if self.welcome_shown():
            self.setWindowTitle("SignDesk")  # no project open yet, not even an untitled one
            self.setWindowFilePath("")
            return
        name = self.path.name if self.path else self.tr_(N_("Untitled project"))
        self.setWindowTitle(f"{name}[*] — SignDesk")
        self.setWindowFilePath(str(self.path) if self.path else "")

    def maybe_discard(self) -> bool:
        """True when the open project may be closed (saved, or the user agrees)."""
        if not self.isWindowModified():
            return True
        name = self.path.name if self.path else self.tr_(N_("Untitled project"))
        answer = self.dialogs.unsaved(self.tr_(N_("Save the changes to {name} before closing it?"), name=name))
        if answer is Unsaved.SAVE:
            return self.save()
        return answer is Unsaved.DISCARD

    def new_project(self) -> None:
        if self.maybe_discard():
            self.autosave.discard()
            self.set_project(Project(), None)

    def open_dialog(self) -> None:
        if not self.maybe_discard():
            return
        folder = str(self.path.parent) if self.path else ""
        path = self.dialogs.open_path(folder)
        if path is not None:
            self.open_path(path)

    def open_path(self, path: Path) -> bool:
        """Open a project file; on failure say why and keep the open project."""
        from signdesk.model import load

        try:
            project = load(Path(path))
        except ProjectFileError as err:
            self.dialogs.error(self.tr_(N_("Cannot open {name}"), name=Path(path).name), err.message(self.locale))
            if not Path(path).exists():  # moved or deleted: no use offering it again
                self.recent.remove(Path(path))
                self._recent_changed()
            return False
        self.autosave.discard()
        self.set_project(project, Path(path))
        self.recent.add(Path(path))
        self._recent_changed()
        return True

    def open_recent(self, path: Path) -> bool:
        """File > Open recent, or a recent file on the welcome page."""
        return self.maybe_discard() and self.open_path(path)

    def open_example(self, name: str) -> bool:
        """Open a copy of the bundled example ``name`` made in the documents folder."""
        if not self.maybe_discard():
            return False
        try:
            copy = copy_of_example(EXAMPLES_DIR / name, self.documents)
        except OSError as err:
            self.dialogs.error(self.tr_(N_("Cannot copy the example project")), self.tr_(
                N_("The copy could not be written in {folder}: {reason}"),
                folder=str(self.documents), reason=err.strerror or str(err)))
            return False
        return self.open_path(copy)

    def show_about(self) -> "AboutDialog":
        from signdesk.ui.about import AboutDialog

        dialog = AboutDialog(self.tr_, self.autosave.folder, self.documents, self.dialogs.open_url, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def show_guide(self) -> "GuideWindow":
        """Help > User guide: the guide in the UI language (the other one a click away), one window."""
        from signdesk.ui.guide import GuideWindow

        if self.guide is None:
            self.guide = GuideWindow(self.tr_, self.locale, self)
        else:
            self.guide.show_locale(self.locale)
        self.guide.show()
        self.guide.raise_()
        self.guide.activateWindow()
        return self.guide

    def save(self) -> bool:
        if self.path is None:
            return self.save_as()
        return self._save_to(self.path)

    def save_as(self) -> bool:
        suggested = str(self.path) if self.path else self.tr_(N_("Untitled project")) + ".signdesk"
        path = self.dialogs.save_path(suggested)
        return self._save_to(path) if path is not None else False

    def invalid_answers(self) -> list[tuple[PageKey, str, str]]:
        """(page, question id, message) for every field whose typed text is not valid.

        A stored answer that fails today's check (kept from an older file) is
        not listed: it is saved as it is, and its field shows the problem.
        """
        return [(key, qid, row.problem) for key, page in self.pages.items()
                for qid, row in page.rows.items() if row.problem and row.problem_is_typed]

    def _save_to(self, path: Path) -> bool:
        invalid = self.invalid_answers()
        if invalid:
            # Typed text that failed its check is not in the project: say so
            # rather than let the owner find it missing after reopening.
            listed = "\n".join(f"• {self.tr_(QUESTION_BY_ID[qid].text)} — {message.lstrip('⚠ ')}"
                                for _key, qid, message in invalid)
            if not self.dialogs.confirm(self.tr_(N_("Some answers are not valid")), self.tr_(
                    N_("These answers are not valid, so they cannot be saved:\n{answers}\n\nSave the other answers anyway?"),
                    answers=listed)):
                key, qid, _message = invalid[0]
                self.navigator.select(key)
                self.page(key).focus_question(qid)
                return False
        from signdesk.register import save_with_register

        moved = self.path is not None and Path(path) != self.path
        try:
            # A project that has a register takes it along to a new name.
            save_with_register(self.project, path, source=self.path, register=self._open_register())
        except UserInputError as err:
            self.dialogs.error(self.tr_(N_("Cannot save the project")), err.message(self.locale))
            return False
        self.path = Path(path)
        if moved and self.project.register_id:
            self._register_follows()
        self.setWindowModified(False)
        self.autosave.discard()
        self.recent.add(self.path)
        self._recent_changed()
        self._update_title()
        return True

    def _register_created(self) -> None:
        """A new register's id goes into the project file on disk at once (other unsaved edits stay unsaved)."""
        from signdesk.model import load

        try:
            on_disk = load(self.path)  # type: ignore[arg-type]
            on_disk.register_id = self.project.register_id
            save(on_disk, self.path)  # type: ignore[arg-type]
        except ProjectFileError as err:
            self.dialogs.error(self.tr_(N_("Cannot save the project")), err.message(self.locale))

    def autosave_now(self) -> None:
        if self.isWindowModified():
            try:
                self.autosave.write(self.project, self.path, self.typed_texts())
            except OSError:
                pass  # a full disk must not interrupt the owner; the next tick tries again

    def typed_texts(self) -> list[TypedText]:
        """The text of every field that failed its check, as typed (it is not in the project)."""
        return [TypedText(key[0], key[1], qid, text) for key, page in self.pages.items()
                for qid, row in page.rows.items() if (text := row.invalid_text()) is not None]

    def _restore_typed(self, typed: list[TypedText]) -> None:
        """Put recovered typed texts back in their fields, where their problem shows again."""
        first: tuple[PageKey, str] | None = None
        scenarios = {sc.id for sc in self.project.scenarios}
        for t in typed:
            key = (t.section, t.scenario_id)
            if t.section not in SECTION_BY_ID or (t.scenario_id is not None and t.scenario_id not in scenarios):
                continue
            row = self.page(key).rows.get(t.question_id)
            if row is None:
                continue
            row.field.type_text(t.text)
            first = first or (key, t.question_id)
        if first is not None:  # show the owner the first of them
            self.navigator.select(first[0])
            self.page(first[0]).focus_question(first[1])

    def offer_recovery(self) -> bool:
        """After a crash, offer the autosaved copy. True if it was opened."""
        if not self.autosave.recovery_pending():
            self.autosave.begin_session()
            return False
        recovered = False
        if self.dialogs.confirm(self.tr_(N_("Recover unsaved work")),
                                self.tr_(N_("SignDesk did not close properly last time. Open the unsaved changes it kept?"))):
            try:
                project, origin = self.autosave.recover()
            except ProjectFileError as err:
                self.dialogs.error(self.tr_(N_("Cannot open the project")), err.message(self.locale))
            else:
                self.set_project(project, origin, modified=True)
                self._restore_typed(self.autosave.typed_texts())
                recovered = True
        if not recovered:
            self.autosave.discard()
        self.autosave.begin_session()
        return recovered

    # -- documents ------------------------------------------------------------
    def print_as_draft(self, missing: list) -> bool | None:
        """Whether documents lacking answers may print marked DRAFT.

        None: the owner declined, nothing is printed; False: nothing is
        missing; True: the owner insists on drafts.
        """
        if not missing:
            return False
        from signdesk.rules.document_needs import DocumentNotReadyError

        text = DocumentNotReadyError(self.project, missing, "\n").message(self.locale)
        question = self.tr_(N_("Print them anyway, marked DRAFT on every page?"))
        return True if self.dialogs.confirm(self.tr_(N_("Not ready to print")), f"{text}\n\n{question}") else None

    def print_document(self) -> None:
        from signdesk.ui.preview import print_pdf
        from signdesk.ui.renderers import render_document

        pane = self._preview
        data = pane.data if pane is not None else b""
        if pane is None or not data[:5] == b"%PDF-" or pane.shown != pane.request():
            self.dialogs.error(self.tr_(N_("Print")), self.tr_(N_("There is no document on screen to print yet.")))
            return
        if self.print_as_draft(pane.missing()) is None:
            return  # the preview already carries the DRAFT mark the owner agreed to
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if not self.dialogs.print_setup(printer):
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            request = pane.shown
            if request is not None and request.kind is DocumentKind.SIGN and printer.copyCount() > 1:
                # Copies of a sign are pages of their own, each with its own sign ID.
                data = render_document(self.project, replace(request, copies=printer.copyCount()))
                printer.setCopyCount(1)
            pages = print_pdf(data, printer)
        except OSError as err:  # "print to file" into a folder that cannot be written
            pages = 0
            problem = err.strerror or str(err)
        else:
            problem = ""
        finally:
            QApplication.restoreOverrideCursor()
        if problem:
            self.dialogs.error(self.tr_(N_("Print")), self.tr_(N_("The document could not be printed: {problem}"),
                                                             problem=problem))
        elif pages:
            self.statusBar().showMessage(self.tr_(N_("The document was sent to the printer.")), 10_000)

    def export_documents(self) -> None:
        from signdesk.ui.export import ExportJob

        if self.assessment is None:
            return
        from signdesk.rules.document_needs import missing_for_print

        draft = self.print_as_draft(missing_for_print(self.project, self.assessment.documents))
        if draft is None:
            return
        folder = self.dialogs.export_folder(str(self.path.parent) if self.path else "")
        if folder is None:
            return
        request = self._preview.request() if self._preview is not None else None
        options: dict[str, object] = {"today": self.today, "draft": draft}
        if request is not None:
            options.update(sheet=request.sheet, landscape=request.landscape)
        register = self._open_register()
        if register is not None:  # new signs number on after those in the register
            options["sign_numbers"] = register.sign_numbers()
        self.export_job = ExportJob(self, self.project.copy(), folder, options)
        self.export_job.start()

    def print_numbered_forms(self) -> None:
        """Numbered copies of the consent form on the preview, recorded in the register."""
        from signdesk.ui.numbered import print_numbered_forms

        print_numbered_forms(self)

    def export_calendar(self) -> None:
        """File > Export deadlines to calendar: every date due, as an .ics file (as ``signdesk-cli calendar``)."""
        from signdesk.filing.calendar import write_calendar

        suggested = self.path.with_suffix(".ics") if self.path else Path("deadlines.ics")
        path = self.dialogs.calendar_path(str(suggested))
        if path is None:
            return
        try:
            count = write_calendar(self.project, path, self.today, self.locale)
        except UserInputError as err:
            self.dialogs.error(self.tr_(N_("Export deadlines to calendar")), err.message(self.locale))
            return
        self.statusBar().showMessage(self.tr_(N_("{count} dates written to {name}"), count=count, name=path.name),
                                     10_000)

    def export_optout_text(self) -> None:
        """File > Export opt-out page text: the page's words as .txt and .html, to paste into a
        WeChat official-account article or a CMS (as ``signdesk-cli export --optout-text``)."""
        from signdesk.documents.optout import optout_text_files
        from signdesk.documents.render import write_documents

        folder = self.dialogs.optout_text_folder(str(self.path.parent) if self.path else "")
        if folder is None:
            return
        try:
            written = write_documents(optout_text_files(self.project, self.today or dt.date.today()), folder)
        except UserInputError as err:
            self.dialogs.error(self.tr_(N_("Export opt-out page text")), err.message(self.locale))
            return
        self.statusBar().showMessage(self.tr_(N_("Opt-out page text written to {folder}: {names}"), folder=str(folder),
                                              names=", ".join(path.name for path in written)), 10_000)

    def print_for_chain(self) -> None:
        """Signs and consent forms for every row of a stores table (the chain batch)."""
        from signdesk.ui.chain import ChainJob

        start = str(self.path.parent) if self.path else ""
        stores = self.dialogs.stores_path(start)
        if stores is None:
            return
        draft = self._chain_as_draft(stores)
        if draft is None:
            return
        folder = self.dialogs.chain_folder(str(stores.parent))
        if folder is None:
            return
        self.chain_job = ChainJob(self, self.project.copy(), stores, folder, draft)
        self.chain_job.start()

    def _chain_as_draft(self, stores: Path) -> bool | None:
        """Ask before a chain prints drafts (see ``print_as_draft``); a bad table is the job's to report."""
        from signdesk.batch import chain_missing, read_stores_file

        try:
            sites, _problems = read_stores_file(stores)
        except UserInputError:
            return False
        return self.print_as_draft(chain_missing(self.project, sites))

    def open_optout_page(self) -> None:
        from signdesk.ui.renderers import DocumentRequest, render_document

        try:
            html = render_document(self.project, DocumentRequest(DocumentKind.OPTOUT_PAGE, today=self.today))
        except UserInputError as err:
            self.dialogs.error(self.tr_(N_("Opt-out page")), err.message(self.locale))
            return
        target = self.autosave.folder / "optout-preview.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(html)
        self.dialogs.open_url(QUrl.fromLocalFile(str(target)))

    # -- window -------------------------------------------------------------
    def _restore_layout(self) -> None:
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            # 1280×800, but never bigger than the screen (a laptop at 200 % has 960×540 to give).
            room = self.screen().availableGeometry()
            self.resize(min(1280, room.width() * 9 // 10), min(800, room.height() * 9 // 10))
        state = self.settings.value("window/splitter")
        if state is None or not self.splitter.restoreState(state):
            # The proportions of 1280 px on the width there is: a fixed 250 px section list
            # would leave the questions a sliver in a window on a small screen.
            self.splitter.setSizes([size * self.width() // 1280 for size in (250, 600, 430)])

    def save_layout(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/splitter", self.splitter.saveState())

    def _finish_numbered_forms(self) -> None:
        """A run of numbered forms still being drawn is finished, written and
        recorded before the register closes (never printed unrecorded, never lost)."""
        job = self.numbered_job
        if job is None or not job.running:
            return
        from PySide6.QtCore import QThreadPool

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            QThreadPool.globalInstance().waitForDone()
            while job.running:  # its result comes by signal: let it arrive
                QApplication.processEvents()
        finally:
            QApplication.restoreOverrideCursor()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.maybe_discard():
            event.ignore()
            return
        self.save_layout()
        if self._preview is not None:
            self._preview.wait_idle()
        self._finish_numbered_forms()
        if self._register_tab is not None:
            self._register_tab.close_register()
        self.autosave.end_session()
        event.accept()
