"""A register beside a copy of the bubble-tea shop, for the register tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from signdesk.register import Register

from register_helpers import SHOP


@pytest.fixture
def shop_path(tmp_path: Path) -> Path:
    target = tmp_path / "shop.signdesk"
    shutil.copy(SHOP, target)
    return target


@pytest.fixture
def reg(tmp_path: Path):
    r = Register.create(tmp_path / "t.register.sqlite")
    yield r
    r.close()

