"""Every printed sign carries its own short ID beside its version and print date."""

from __future__ import annotations

import datetime as dt
import re

from pdf_checks import text_of
from signdesk.documents.content import scenario_notice
from signdesk.documents.render import render_documents
from signdesk.documents.sign import render_sign, sign_version
from signdesk.model import load
from signdesk.paths import EXAMPLES_DIR
from signdesk.register.store import parse_sign_id

TODAY = dt.date(2026, 11, 22)


def _ids(pdf: bytes) -> list[str]:
    return re.findall(r"S-[0-9A-F]{6}-\d{2}", text_of(pdf))


def test_the_sign_prints_its_id_beside_its_version_in_both_languages() -> None:
    tea = load(EXAMPLES_DIR / "bubble_tea_shop.signdesk")
    sc = tea.scenarios[0]
    version = sign_version(scenario_notice(tea, sc, TODAY)).code
    text = " ".join(text_of(render_sign(tea, sc, "A4", False, TODAY, number=7)).split())
    assert f"printed 22 November 2026 · sign ID {version}-07" in text
    assert f"标识编号 {version}-07" in text
    assert parse_sign_id(f"{version}-07") == (version, 7)


def test_each_sign_file_gets_its_own_number_following_those_already_used() -> None:
    tea = load(EXAMPLES_DIR / "bubble_tea_shop.signdesk")
    version = sign_version(scenario_notice(tea, tea.scenarios[0], TODAY)).code
    out = render_documents(tea, ("A4", "A3"), ("portrait", "landscape"), TODAY)
    ids = sorted(i for name, pdf in out.items() if name.startswith("sign-") for i in set(_ids(pdf)))
    assert ids == [f"{version}-0{n}" for n in (1, 2, 3, 4)]
    out = render_documents(tea, ("A4",), ("portrait",), TODAY, sign_numbers={version: 4, "S-000000": 9})
    (sign,) = [pdf for name, pdf in out.items() if name.startswith("sign-")]
    assert set(_ids(sign)) == {f"{version}-05"}
