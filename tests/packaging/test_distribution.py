"""What the wheel carries: every Python package and every data file the code reads.

The real proof is .ci/run, which builds the wheel, installs it into a fresh
venv and uses it from another folder; these checks fail earlier and say
which line of pyproject.toml to add.
"""

from __future__ import annotations

import fnmatch
import tomllib
from pathlib import Path

from signdesk import paths

REPO = Path(__file__).resolve().parents[2]
SETUPTOOLS = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]


def test_every_python_package_is_in_the_wheel():
    on_disk = {".".join(p.parent.relative_to(REPO).parts) for p in (REPO / "signdesk").rglob("__init__.py")}
    missing = sorted(on_disk - set(SETUPTOOLS["packages"]))
    assert not missing, f"add to [tool.setuptools] packages in pyproject.toml: {missing}"


def test_every_data_file_the_code_reads_is_mapped_into_the_package():
    # The folders paths.py reads in a checkout, and the data package each
    # is mapped to in the wheel.
    for folder in (paths.FONTS_DIR, paths.TRANSLATIONS_DIR, paths.EXAMPLES_DIR):
        mapped = [name for name, source in SETUPTOOLS["package-dir"].items() if REPO / source == folder]
        assert mapped, f"{folder} is not mapped into the package in [tool.setuptools.package-dir]"
        package = mapped[0]
        assert package.startswith("signdesk._data."), package
        globs = SETUPTOOLS["package-data"][package]
        files = [p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()]
        assert files, folder
        left_out = [f for f in files if not any(fnmatch.fnmatch(f, g) for g in globs)]
        assert not left_out, f"{folder.name}: not in package-data {globs}: {left_out}"


def test_a_checkout_reads_the_repository_folders():
    assert not paths.INSTALLED
    assert (paths.FONTS_DIR / "NotoSansSC_400Regular.ttf").is_file()
    assert sorted(p.name for p in paths.TRANSLATIONS_DIR.glob("zh_CN/*.po"))
    assert (paths.EXAMPLES_DIR / "bubble_tea_shop.signdesk").is_file()


def test_qt_translations_come_from_the_installed_pyside6():
    assert (paths.qt_translations_dir() / "qtbase_zh_CN.qm").is_file()


def test_the_user_guide_is_package_data_of_the_wheel_and_the_frozen_app():
    guide = REPO / "signdesk" / "guide"
    pages = sorted(p.name for p in guide.glob("*") if p.is_file() and p.suffix != ".py")
    assert pages == ["guide.en.html", "guide.zh_CN.html"]
    globs = SETUPTOOLS["package-data"]["signdesk.guide"]
    assert all(any(fnmatch.fnmatch(page, g) for g in globs) for page in pages), globs
    # PyInstaller collects only the data it is told of.
    assert '"guide/*.html"' in (REPO / "packaging" / "signdesk.spec").read_text("utf-8")
