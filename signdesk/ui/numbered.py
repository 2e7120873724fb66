"""Numbered consent forms from the app: a run of serials for the form on
the preview, written to a folder and recorded in the open project's register
(as ``signdesk-cli render … --serials``)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from signdesk.errors import UserInputError
from signdesk.i18n import N_
from signdesk.rules import DocumentKind

if TYPE_CHECKING:
    from signdesk.ui.main_window import MainWindow

#: The forms a run of serials can be printed on.
NUMBERED_KINDS = (DocumentKind.CONSENT_FORM, DocumentKind.GUARDIAN_CONSENT_FORM)


def print_numbered_forms(window: "MainWindow") -> Path | None:
    """Ask for the run and the folder, write the forms and record the run;
    the path written, or None when the owner stopped or was told why not."""
    from signdesk.documents.consent import MAX_NUMBERED_RUN
    from signdesk.documents.render import print_numbered_forms as write_and_record
    from signdesk.register.store import parse_serial_run

    tr, title = window.tr_, window.tr_(N_("Numbered consent forms"))
    request = window.preview.request()
    if request is None or request.kind not in NUMBERED_KINDS:
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
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        path = write_and_record(window.project.copy(), tab.register, folder, request.scenario_id or "",
                                request.kind is DocumentKind.GUARDIAN_CONSENT_FORM, serials, window.today)
    except UserInputError as err:
        window.dialogs.error(title, err.message(window.locale))
        return None
    finally:
        QApplication.restoreOverrideCursor()
    tab.reload()
    tab.changed.emit()
    window.statusBar().showMessage(tr(N_("Forms {first} to {last} written to {path} and recorded in the register."),
                                      first=serials[0], last=serials[-1], path=str(path)), 15_000)
    return path
