"""``signdesk`` before Qt: --version, and one clear line instead of Qt's abort.

The environment is faked (a dict for the variables, a function for which
libraries the dynamic linker finds), so these run the same on any machine.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from signdesk import __version__
from signdesk.i18n import EN, ZH
import pytest

from signdesk.launcher import XCB_LIBRARIES, loadable, main, start_problem

REPO = Path(__file__).resolve().parents[1]


def everything_loads(soname: str) -> bool:
    return True


def test_no_display_at_all_gets_its_own_line_in_both_languages():
    en = start_problem({}, EN, "linux", everything_loads)
    zh = start_problem({}, ZH, "linux", everything_loads)
    assert "needs a desktop" in en and "DISPLAY" in en and "\n" not in en
    assert "需要在桌面环境中" in zh and "\n" not in zh


def test_missing_xcb_libraries_are_named_as_debian_packages_in_one_line():
    # What a minimal Debian desktop lacked although libxcb-cursor0 was installed.
    absent = {"libxcb-icccm.so.4", "libxcb-keysyms.so.1"}
    line = start_problem({"DISPLAY": ":0"}, EN, "linux", lambda name: name not in absent)
    assert line.endswith("sudo apt install libxcb-icccm4 libxcb-keysyms1")
    assert "libxcb-cursor0" not in line and "\n" not in line
    zh = start_problem({"DISPLAY": ":0"}, ZH, "linux", lambda name: name not in absent)
    assert zh.startswith("SignDesk 无法打开窗口") and zh.endswith("sudo apt install libxcb-icccm4 libxcb-keysyms1")


def test_a_complete_desktop_or_another_platform_starts_without_a_word():
    assert start_problem({"DISPLAY": ":0"}, EN, "linux", everything_loads) is None
    nothing_loads = lambda name: False  # noqa: E731
    # Qt is told to draw elsewhere, or it is not Linux: no xcb plugin involved.
    assert start_problem({"QT_QPA_PLATFORM": "offscreen"}, EN, "linux", nothing_loads) is None
    assert start_problem({"WAYLAND_DISPLAY": "wayland-0"}, EN, "linux", nothing_loads) is None
    assert start_problem({}, EN, "win32", nothing_loads) is None
    # ... but QT_QPA_PLATFORM=xcb is the X11 plugin, and needs its libraries.
    assert "libxcb1" in start_problem({"QT_QPA_PLATFORM": "xcb", "DISPLAY": ":0"}, EN, "linux", nothing_loads)


def test_the_table_names_what_the_platform_plugin_links_against():
    # Read the plugin's own NEEDED entries where PySide6 has one (Linux):
    # every xcb library it needs must be in the table, with its package.
    import PySide6

    plugin = Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    if not plugin.exists():
        pytest.skip("no X11 platform plugin in this PySide6 (not Linux)")
    needed = set()
    for lib in (plugin, plugin.parents[2] / "lib" / "libQt6XcbQpa.so.6"):
        with open(lib, "rb") as fh:
            data = fh.read()
        needed |= {n.decode() for n in re.findall(rb"(lib(?:xcb|xkbcommon|X11-xcb)[\w.-]*\.so\.\d+)", data)}
    assert needed, "no xcb library names found in the plugin"
    assert needed <= set(XCB_LIBRARIES), needed - set(XCB_LIBRARIES)


def test_the_frozen_app_counts_the_libraries_it_carries(tmp_path, monkeypatch):
    assert not loadable("libsigndesk-nowhere.so.9")
    (tmp_path / "libsigndesk-nowhere.so.9").write_bytes(b"")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert loadable("libsigndesk-nowhere.so.9")


def test_version(capsys):
    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"SignDesk {__version__}\n"


def test_the_launcher_says_so_instead_of_aborting_with_no_display(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env.update(LANG="zh_CN.UTF-8", LC_ALL="", LC_MESSAGES="", LANGUAGE="", HOME=str(tmp_path))
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    done = subprocess.run([sys.executable, "-m", "signdesk.launcher"], env=env, capture_output=True,
                          text=True, timeout=120, cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert done.stderr.count("\n") == 1 and "需要在桌面环境中" in done.stderr


def test_the_window_opens_offscreen_and_closes_cleanly_when_asked(tmp_path, examples_dir):
    # What the smoke tests of the installed and the frozen app rely on: the
    # window is shown, "ready" is printed, and the app closes as a user would
    # close it, so the next start offers no crash recovery and quits again.
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", SIGNDESK_QUIT_WHEN_READY="1", HOME=str(tmp_path),
               XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_DATA_HOME=str(tmp_path / "data"))
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    for _ in range(2):
        done = subprocess.run([sys.executable, "-m", "signdesk.launcher", str(examples_dir / "bubble_tea_shop.signdesk")],
                              env=env, capture_output=True, text=True, timeout=120, cwd=tmp_path)
        assert (done.returncode, done.stdout) == (0, "ready\n"), done.stderr
    assert list((tmp_path / "data").rglob("clean-exit"))
