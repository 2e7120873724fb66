"""Details of an internal error, written where the user can find and send them.

The terminal gets one line saying where the file is (see ``signdesk.cli``);
the file gets the traceback, the command and the versions, so a report can
be acted on. Nothing from the user's project is copied in beyond what the
traceback itself names.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

from signdesk.paths import LOGS_DIR_NAME, app_data_dir

#: Logs kept; older ones are removed when a new one is written.
KEEP_LOGS = 20


def logs_dir() -> Path:
    return app_data_dir() / LOGS_DIR_NAME


def write_crash_log(argv: Sequence[str]) -> Path:
    """Write the exception being handled to a new log file; returns its path."""
    from signdesk import __version__

    folder = logs_dir()
    folder.mkdir(parents=True, exist_ok=True)
    now = dt.datetime.now()
    path = folder / f"crash-{now:%Y%m%d-%H%M%S}-{os.getpid()}.log"
    text = "".join([
        f"SignDesk {__version__}, Python {platform.python_version()}, {platform.platform()}\n",
        f"time: {now.isoformat(timespec='seconds')}\n",
        f"command: {' '.join(repr(a) for a in argv)}\n\n",
        traceback.format_exc(),
    ])
    path.write_text(text, "utf-8", errors="backslashreplace")
    for old in sorted(folder.glob("crash-*.log"))[:-KEEP_LOGS]:
        try:
            old.unlink()
        except OSError:
            pass
    return path
