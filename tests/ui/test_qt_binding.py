"""The installed Qt binding survives a long session.

PySide6 6.12.0 drops a reference to None on every Qt call that returns
nothing. Where None is not immortal (Python 3.11) its count runs out after
some thousands of calls and Python aborts ("deallocating None"): the window
would close mid-intake. pyproject.toml keeps such a pair from being
installed; this checks the pair that is.
"""

from __future__ import annotations

import os
import subprocess
import sys

CALLS = 20_000

SESSION = f"""
import sys
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
label = QLabel()
before = sys.getrefcount(None)
for n in range({CALLS}):
    label.setText(str(n % 7))
    label.setVisible(False)
print(before - sys.getrefcount(None))
"""


def test_twenty_thousand_qt_calls_leave_python_standing():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    run = subprocess.run([sys.executable, "-c", SESSION], capture_output=True, text=True, env=env, timeout=120)
    assert run.returncode == 0, run.stderr[-500:]
    lost = int(run.stdout.strip().splitlines()[-1])
    if sys.version_info < (3, 12):  # 3.12 made None immortal: its count means nothing there
        assert lost < 100, f"None lost {lost} references over {2 * CALLS} Qt calls"
