"""The ``signdesk`` command: the desktop app, or a CLI subcommand.

``signdesk`` opens the window, ``signdesk PROJECT`` opens that project, and
``signdesk check PROJECT`` (or any other subcommand) runs headless.

Before Qt is loaded, the launcher checks what Qt would otherwise abort on
with a message few shop owners can act on (exit 134): no display at all, or
a Linux desktop without the libraries of Qt's X11 platform plugin. Either
gets one line in the user's language saying what to do.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Sequence

from signdesk.i18n import N_, translate

#: The app cannot start here (no display, missing libraries).
EXIT_CANNOT_START = 1

#: Set to 1 and the window quits as soon as it is shown, after printing
#: "ready" (the smoke tests of the installed and the frozen app, bench/).
QUIT_WHEN_READY = "SIGNDESK_QUIT_WHEN_READY"

#: The shared libraries Qt's X11 platform plugin (libqxcb.so, with
#: libQt6XcbQpa.so.6) links against, each with the Debian package that
#: holds it: the NEEDED entries of PySide6 6.12's plugin, beyond the ones
#: every desktop has (libc, libstdc++, libX11, libGL).
XCB_LIBRARIES: dict[str, str] = {
    "libxcb.so.1": "libxcb1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libglib-2.0.so.0": "libglib2.0-0",
}


def loadable(soname: str) -> bool:
    """Whether ``soname`` is there for Qt's plugin: in the frozen app's own
    folder (PyInstaller copies what the build machine had), or where the
    dynamic linker finds it."""
    bundled = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundled and (Path(bundled) / soname).exists():
        return True
    import ctypes

    try:
        ctypes.CDLL(soname, mode=os.RTLD_LAZY)
    except OSError:
        return False
    return True


def start_problem(env: Mapping[str, str], locale: str, platform: str = sys.platform,
                  can_load: Callable[[str], bool] = loadable) -> str | None:
    """One line saying why the window cannot open here, or None if it can.

    Only what is certain is reported: a Linux session with no display at
    all, or an X11 session whose platform plugin libraries are missing.
    Another platform (Windows, macOS) or an explicit non-X11
    ``QT_QPA_PLATFORM`` (offscreen, wayland) is left to Qt.
    """
    if not platform.startswith("linux"):
        return None
    requested = env.get("QT_QPA_PLATFORM", "")
    if requested and not requested.startswith("xcb"):
        return None
    if not requested and not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        return translate(locale, N_(
            "SignDesk needs a desktop to open its window, and there is none here (DISPLAY and WAYLAND_DISPLAY "
            "are not set). Start it from the desktop, or use signdesk-cli for the commands without a window."))
    if not requested and env.get("WAYLAND_DISPLAY") and not env.get("DISPLAY"):
        return None  # a Wayland session: Qt's wayland plugin, not xcb
    missing = sorted({package for soname, package in XCB_LIBRARIES.items() if not can_load(soname)})
    if not missing:
        return None
    return translate(locale, N_("SignDesk cannot open its window: libraries are missing. "
                                "Install them with: sudo apt install {packages}"), packages=" ".join(missing))


def version_line() -> str:
    from signdesk import __version__

    return f"SignDesk {__version__}"


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    # No argument or a project file: straight to the window, without importing
    # every CLI command (they pull in reportlab; ~0.3 s of start-up).
    if args and args[0] in ("--version", "-V"):
        print(version_line())
        return 0
    if args and not args[0].endswith(".signdesk"):
        from signdesk import cli

        cli._load_commands()
        if args[0] in cli.COMMANDS or args[0] in ("-h", "--help"):
            return cli.main(args, prog="signdesk")
    from signdesk.i18n import default_locale

    problem = start_problem(os.environ, default_locale())
    if problem:
        print(problem, file=sys.stderr)
        return EXIT_CANNOT_START
    from signdesk.ui.app import application, run_app

    if os.environ.get(QUIT_WHEN_READY) == "1":
        from PySide6.QtCore import QTimer

        app = application([])

        def ready() -> None:
            print("ready", flush=True)
            # Closed as a user closes it (layout kept, clean-exit marker
            # written), so the next start offers no crash recovery.
            app.closeAllWindows()
            app.quit()

        # Runs on the first turn of the event loop, after the window is shown.
        QTimer.singleShot(0, ready)
    return run_app(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
