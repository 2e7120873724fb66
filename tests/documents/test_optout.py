"""The opt-out page: self-contained, escaped, bilingual, readable on a phone."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from signdesk.documents.optout import render_optout_page
from signdesk.model import load
from signdesk.paths import FONTS_DIR

TODAY = dt.date(2026, 11, 22)
CHROMIUM = shutil.which("chromium") or (Path("/usr/bin/chromium") if Path("/usr/bin/chromium").exists() else None)


def _project(name: str):
    from signdesk.paths import EXAMPLES_DIR as EXAMPLES
    return load(EXAMPLES / f"{name}.signdesk")


def test_page_says_what_why_alternative_and_how_to_withdraw_in_both_languages() -> None:
    html = render_optout_page(_project("small_hotel"), TODAY).decode("utf-8")
    for expected in ("成都锦里小院酒店有限公司", "Chengdu Jinli Courtyard Hotel Co., Ltd.", "028-8555 7788",
                     "frontdesk@jinlihotel.example.cn", "前台入住核验", "法律规定的身份核验",
                     "identity check required by law", "工作人员查验证件", "a check of your ID",
                     "如何拒绝、撤回同意或要求删除", "How to opt out, withdraw or ask for deletion",
                     "最多保存30天", "at most 30 days"):
        assert expected in html, expected


def test_page_loads_nothing_and_runs_nothing() -> None:
    html = render_optout_page(_project("residential_compound"), TODAY).decode("utf-8")
    assert "<script" not in html.lower()
    assert not re.search(r"<(link|img|iframe|object|embed)\b", html, re.I)
    assert not re.search(r"\b(src|srcset)\s*=", html, re.I)
    assert "url(" not in html and "@import" not in html
    assert all(h.startswith(("tel:", "mailto:")) for h in re.findall(r'href="([^"]*)"', html))
    assert 'name="viewport"' in html


def test_user_text_is_escaped() -> None:
    project = _project("bubble_tea_shop")
    project.business["operator_name_en"] = "Tea & Co <script>alert(1)</script>"
    project.scenarios[0].name = "收银台 <b>\"支付\"</b>"
    html = render_optout_page(project, TODAY).decode("utf-8")
    assert "Tea &amp; Co &lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>" not in html and "<b>" not in html


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
def test_renders_on_a_phone_sized_screen(tmp_path: Path) -> None:
    page = tmp_path / "optout.html"
    page.write_bytes(render_optout_page(_project("training_centre"), TODAY))
    # A phone has CJK system fonts; a CI box may not. Give Chromium our font
    # through fontconfig instead of the page (which must load nothing).
    conf = tmp_path / "fonts.conf"
    conf.write_text(f"""<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><include ignore_missing="yes">/etc/fonts/fonts.conf</include>
<dir>{FONTS_DIR}</dir><cachedir>{tmp_path / 'fc-cache'}</cachedir></fontconfig>""")
    shot = tmp_path / "phone.png"
    subprocess.run(
        [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={tmp_path / 'profile'}", "--window-size=390,844", "--hide-scrollbars",
         f"--screenshot={shot}", page.as_uri()],
        check=True, timeout=120, capture_output=True,
        env={"FONTCONFIG_FILE": str(conf), "HOME": str(tmp_path), "PATH": "/usr/bin:/bin"})
    img = np.asarray(Image.open(shot).convert("RGB"))
    assert img.shape[:2] == (844, 390)
    # The amber header band runs the full width at the top ...
    assert (np.abs(img[5, 5].astype(int) - (0xF9, 0xB1, 0x15)) < 12).all()
    # ... and below it there is dark text on white, with nothing wider than the screen.
    amber = (np.abs(img[:, 5].astype(int) - (0xF9, 0xB1, 0x15)) < 12).all(axis=1)
    body = img[int(np.argmin(amber)):, :]
    assert (body < 100).all(axis=2).sum() > 2000
    assert (body[:, -3:] > 200).all(), "something runs off the right edge"
    shutil.copy(shot, Path("/tmp/docs3/optout-phone.png")) if Path("/tmp/docs3").exists() else None
