"""Where SignDesk's own resources live (one place for every path).

An installed SignDesk (a wheel, or the frozen app) carries its fonts,
translations and example projects inside the package, under
``signdesk/_data/``: pyproject.toml maps the repository's top-level
``assets/fonts``, ``translations`` and ``examples`` folders there at build
time. They are found through ``importlib.resources``. A source checkout has
no ``_data`` folder, so there the same folders are taken from the
repository itself (edits to a .po file count at once, without a rebuild).

Qt's own translations (``qtbase_zh_CN.qm``) come from the installed PySide6
package the same way, not from a path Qt was compiled with: in the frozen
app that path does not exist.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def _folder(traversable: object) -> Path:
    # Our packages are always plain folders on disk (wheel or PyInstaller
    # one-folder); reportlab and Qt need real file names.
    return Path(str(traversable))


PACKAGE_DIR = _folder(files("signdesk"))
#: Set when running from an installed distribution (the data was mapped in at build time).
BUNDLED_DATA_DIR = PACKAGE_DIR / "_data"
INSTALLED = BUNDLED_DATA_DIR.is_dir()

if INSTALLED:
    FONTS_DIR = BUNDLED_DATA_DIR / "fonts"
    TRANSLATIONS_DIR = BUNDLED_DATA_DIR / "translations"
    EXAMPLES_DIR = BUNDLED_DATA_DIR / "examples"
else:
    _REPO_ROOT = PACKAGE_DIR.parent
    FONTS_DIR = _REPO_ROOT / "assets" / "fonts"
    TRANSLATIONS_DIR = _REPO_ROOT / "translations"
    EXAMPLES_DIR = _REPO_ROOT / "examples"


def qt_translations_dir() -> Path:
    """The folder holding Qt's own .qm files (qtbase_zh_CN.qm), inside PySide6."""
    return _folder(files("PySide6") / "Qt" / "translations")


def app_data_dir() -> Path:
    """SignDesk's own data folder: ``$XDG_DATA_HOME/SignDesk`` (default ``~/.local/share/SignDesk``).

    Windows uses ``%LOCALAPPDATA%\\SignDesk``, macOS ``~/Library/Application Support/SignDesk``.
    """
    import os
    import sys

    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "SignDesk"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "SignDesk"
    base = os.environ.get("XDG_DATA_HOME")
    # The XDG spec: a relative value is invalid and is ignored.
    return (Path(base) if base and os.path.isabs(base) else Path.home() / ".local" / "share") / "SignDesk"


LOGS_DIR_NAME = "logs"
