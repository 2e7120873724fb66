"""Start the desktop app: ``run_app(argv)``.

``argv`` may hold one project path. Sets up the application (names for
QSettings and the data folder, the bundled Chinese font, the look), offers
crash recovery, opens the project and runs the event loop.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtGui import QFontDatabase, QFontInfo
from PySide6.QtWidgets import QApplication

from signdesk.i18n import N_
from signdesk.model import ProjectFileError, load
from signdesk.paths import FONTS_DIR
from signdesk.ui.dialogs import Dialogs
from signdesk.ui.files import Autosave
from signdesk.ui.i18n_qt import CJK_FAMILY, LATIN_FAMILY, UiLanguage
from signdesk.ui.main_window import MainWindow
from signdesk.ui.style import STYLE_SHEET

ORGANIZATION = "SignDesk"
APPLICATION = "SignDesk"
CJK_FONT = FONTS_DIR / "NotoSansSC_400Regular.ttf"
#: Headings and question texts are bold; without the bold face Qt would fake it or not bold at all.
CJK_FONT_BOLD = FONTS_DIR / "NotoSansSC_700Bold.ttf"


def register_cjk_font(app: QApplication) -> str:
    """Make the bundled Noto Sans SC available, as the Chinese font of every widget.

    Chinese then renders on machines without any CJK system font. The Latin
    family the system gives (say DejaVu Sans) and Noto's family are kept as
    application properties; ``order_fonts`` puts one or the other first for
    the UI language. Returns Noto's family name ("" if the font file is missing).
    """
    if not app.property(LATIN_FAMILY):
        # Asked before Noto is there: once it is, "Sans Serif" resolves to Noto.
        app.setProperty(LATIN_FAMILY, QFontInfo(app.font()).family())
    font_id = QFontDatabase.addApplicationFont(str(CJK_FONT))
    QFontDatabase.addApplicationFont(str(CJK_FONT_BOLD))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        return ""
    app.setProperty(CJK_FAMILY, families[0])
    return families[0]


def application(argv: list[str] | None = None) -> QApplication:
    """The one QApplication, set up once: names, font, style."""
    app = QApplication.instance()
    if app is None:
        app = QApplication([sys.argv[0] if sys.argv else "signdesk", *(argv or [])])
    if not app.property("signdesk-ready"):
        app.setOrganizationName(ORGANIZATION)
        app.setApplicationName(APPLICATION)
        app.setApplicationDisplayName("SignDesk")
        app.setStyle("Fusion")
        register_cjk_font(app)
        app.setStyleSheet(STYLE_SHEET)
        app.setProperty("signdesk-ready", True)
    return app  # type: ignore[return-value]


def app_settings() -> QSettings:
    """Where the window, language and recent files are remembered."""
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION)


def app_data_folder() -> Path:
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))


def build_window(project_path: Path | None = None, *,
                 dialogs: Callable[[MainWindow], Dialogs] | None = None,
                 data_folder: Path | None = None, today: dt.date | None = None,
                 show: bool = False, documents: Path | None = None) -> MainWindow:
    """The main window, after crash recovery, with ``project_path`` open (else the welcome page).

    ``show`` puts the window on screen before any question about recovery
    or a file that cannot be opened, so those dialogs sit on the window.
    """
    application()
    settings = app_settings()
    language = UiLanguage(settings)
    autosave = Autosave(data_folder or app_data_folder())
    project, problem = None, None
    if project_path is not None and not autosave.recovery_pending():
        try:
            project = load(project_path)
        except ProjectFileError as err:
            problem = err
    window = MainWindow(settings, language, autosave, dialogs, today,
                        project, Path(project_path) if project is not None else None, documents)
    language.setParent(window)
    if show:
        window.show()
    if problem is not None:
        window.dialogs.error(window.tr_(N_("Cannot open {name}"), name=Path(project_path).name),
                             problem.message(window.locale))
    recovered = window.offer_recovery()
    opened = project is not None or recovered
    if project_path is not None and project is None and problem is None and not recovered:
        opened = window.open_path(project_path)
    if not opened:
        window.show_welcome()  # no project to show: offer to start or open one
    return window


def run_app(argv: list[str]) -> int:
    """``signdesk [PROJECT]``: show the window and run until it closes."""
    app = application([])
    project = Path(argv[0]) if argv else None
    window = build_window(project, show=True)  # noqa: F841 - kept alive while the app runs
    return app.exec()
