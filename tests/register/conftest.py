"""A register beside a copy of the bubble-tea shop, for the register tests."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from signdesk.model import load
from signdesk.register import Person, Register, open_project_register

REPO = Path(__file__).resolve().parents[2]
SHOP = REPO / "examples" / "bubble_tea_shop.signdesk"
DAY = dt.date(2026, 11, 2)


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


@pytest.fixture
def shop_register(shop_path: Path):
    from signdesk.model import save

    project = load(shop_path)
    r = open_project_register(shop_path, project, create=True)
    save(project, shop_path)
    yield project, r
    r.close()


def consent(reg: Register, name: str = "王芳", phone: str = "1234", scenario: str = "s-1", **kw):
    kw.setdefault("day", DAY)
    return reg.record_consent(Person(name, phone_last4=phone), scenario_id=scenario, **kw)
