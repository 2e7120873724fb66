"""Start-up time of ``signdesk PROJECT`` against a bare PySide6 window.

Runs both as fresh subprocesses N times each (interleaved, offscreen), from
process start until the event loop runs with the window shown, and prints
the medians and their ratio. The target is a ratio of at most 2.5.

    python bench/bench_startup.py [-n 9] [--lang zh_CN.UTF-8]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "bubble_tea_shop.signdesk"

# Both children print "ready" from the first turn of the event loop, after
# the window is shown, then quit.
BARE = """
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.show()
QTimer.singleShot(0, lambda: (print("ready", flush=True), app.quit()))
app.exec()
"""

SIGNDESK = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from signdesk.ui.app import application
app = application([])
QTimer.singleShot(0, lambda: (print("ready", flush=True), app.quit()))
from signdesk.launcher import main
main([sys.argv[1]])
"""


def time_to_ready(code: str, env: dict[str, str], *args: str) -> float:
    return command_time_to_ready([sys.executable, "-c", code, *args], env)


def command_time_to_ready(command: list[str], env: dict[str, str]) -> float:
    """Seconds from starting ``command`` until it prints "ready"."""
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True)
    assert child.stdout is not None
    for line in child.stdout:
        if line.strip() == "ready":
            elapsed = time.perf_counter() - start
            break
    else:
        raise SystemExit(f"{command[0]} never became ready (exit {child.wait()})")
    child.wait()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=9, help="runs of each (default 9)")
    parser.add_argument("--lang", default="en_GB.UTF-8", help="LANG of the children (zh_CN.UTF-8 reads the catalogues)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        # A throwaway home: no real settings, autosave or recovery prompt.
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=home,
                   XDG_CONFIG_HOME=f"{home}/config", XDG_DATA_HOME=f"{home}/data",
                   # Byte code cached as in an installed app (pip writes .pyc),
                   # but in the throwaway folder, not in the checkout.
                   PYTHONPYCACHEPREFIX=f"{home}/pycache", LANG=args.lang, LC_ALL=args.lang)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        time_to_ready(BARE, env)  # warm the OS file cache for both
        time_to_ready(SIGNDESK, env, str(EXAMPLE))
        bare, ours = [], []
        for _ in range(args.n):
            bare.append(time_to_ready(BARE, env))
            ours.append(time_to_ready(SIGNDESK, env, str(EXAMPLE)))
    b, s = statistics.median(bare), statistics.median(ours)
    print(f"bare PySide6 QMainWindow : median {b * 1000:7.1f} ms over {args.n} runs")
    print(f"signdesk {EXAMPLE.name} : median {s * 1000:7.1f} ms over {args.n} runs")
    print(f"ratio                    : {s / b:.2f}x (target <= 2.5x)")


if __name__ == "__main__":
    main()
