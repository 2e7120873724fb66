"""Shared test set-up: Qt runs offscreen, deadlines are pinned to one day."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from hypothesis import settings

# Before anything imports Qt: no display on CI machines.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# CI draws the same generated examples on every run, so a red CI means a change
# broke something rather than that a random search got lucky; a local run
# explores new examples each time (and bench/fuzz_cli.py explores at length).
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
#: The date the bundled examples are checked against.
TODAY = dt.date(2026, 11, 22)


@pytest.fixture
def examples_dir() -> Path:
    return EXAMPLES


@pytest.fixture
def today() -> dt.date:
    return TODAY
