"""Shared values and a quick consent for the register tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from signdesk.register import Person, Register

REPO = Path(__file__).resolve().parents[2]
SHOP = REPO / "examples" / "bubble_tea_shop.signdesk"
DAY = dt.date(2026, 11, 2)


def consent(reg: Register, name: str = "王芳", phone: str = "1234", scenario: str = "s-1", **kw):
    kw.setdefault("day", DAY)
    return reg.record_consent(Person(name, phone_last4=phone), scenario_id=scenario, **kw)
