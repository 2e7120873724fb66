"""Numbered consent forms from the app: a run of serials for the form on
the preview, written to a folder and recorded in the open project's register
(as ``signdesk-cli render … --serials``)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from signdesk.errors import UserInputError
from signdesk.i18n import N_
from signdesk.rules import DocumentKind
from signdesk.ui.jobs import StatusBarJob

if TYPE_CHECKING:
    from signdesk.ui.main_window import MainWindow

#: The forms a run of serials can be printed on.
NUMBERED_KINDS = (DocumentKind.CONSENT_FORM, DocumentKind.GUARDIAN_CONSENT_FORM)


class NumberedFormsJob(StatusBarJob):
    """The run drawn off the UI thread (a thousand forms take seconds), then
    written and recorded in the register on it (the register's connection
    belongs to the UI thread)."""

    busy_message = N_("Drawing numbered forms…")
    failure_title = N_("Numbered consent forms")

    def __init__(self, window: "MainWindow", folder: Path, draw: Any) -> None:
        super().__init__(window, draw)
        self.folder = folder
        self.path: Path | None = None

    def succeeded(self, forms: Any) -> None:
        from signdesk.documents.render import write_numbered_forms

        window, tr = self.window, self.window.tr_
        tab = window.register_tab
        if tab.register is None or tab.read_only:
            window.dialogs.error(tr(self.failure_title), tr(N_(
                "The register was closed before the forms were recorded, so none were written.")))
            return
        try:
            self.path = write_numbered_forms(forms, tab.register, self.folder)
        except UserInputError as err:
            window.dialogs.error(tr(self.failure_title), err.message(window.locale))
            return
        tab.reload()
        tab.changed.emit()
        window.statusBar().showMessage(tr(N_("Forms {first} to {last} written to {path} and recorded in the register."),
                                          first=forms.serials[0], last=forms.serials[-1], path=str(self.path)), 15_000)


def print_numbered_forms(window: "MainWindow") -> NumberedFormsJob | None:
    """Ask for the run and the folder, then draw the forms in the background;
    the job (its ``path`` is set once written and recorded), or None when the
    owner stopped or was told why not."""
    from signdesk.documents.consent import MAX_NUMBERED_RUN
    from signdesk.documents.render import draw_numbered_forms
    from signdesk.register.store import parse_serial_run

    tr, title = window.tr_, window.tr_(N_("Numbered consent forms"))
    request = window.preview.request()
    if request is None or request.kind not in NUMBERED_KINDS:
        return None
    running = window.numbered_job
    if running is not None and running.running:
        window.statusBar().showMessage(tr(N_("Numbered forms are still being drawn.")), 5_000)
        return None
    tab = window.register_tab
    if tab.register is None or tab.read_only:
        window.dialogs.error(title, tr(N_("Numbered forms are recorded in the register: start the register "
                                          "(Register tab) first, and close it in any other SignDesk window.")))
        return None
    text = window.dialogs.text(title, tr(N_("Serials to print, first and last (at most {maximum}), e.g. "
                                            "000101-000200:"), maximum=MAX_NUMBERED_RUN), "")
    if not text:
        return None
    try:
        serials = parse_serial_run(text, MAX_NUMBERED_RUN)
        tab.register.printed_overlap(serials)  # told now, before a folder is asked for
    except UserInputError as err:
        window.dialogs.error(title, err.message(window.locale))
        return None
    folder = window.dialogs.export_folder(str(window.path.parent) if window.path else "")
    if folder is None:
        return None
    project, guardian = window.project.copy(), request.kind is DocumentKind.GUARDIAN_CONSENT_FORM
    job = NumberedFormsJob(window, Path(folder), lambda progress: draw_numbered_forms(
        project, request.scenario_id or "", guardian, serials, window.today, request.large_print, progress))
    window.numbered_job = job
    job.start()
    return job
