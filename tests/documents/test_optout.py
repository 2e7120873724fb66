"""The opt-out page: self-contained, escaped, bilingual, readable on a phone."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
from html import unescape
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


def visible_text(page: bytes) -> str:
    """What a reader sees: the page's text without its markup (the line-breaking
    spans and <wbr> included)."""
    body = page.decode("utf-8").split("<body>", 1)[1]
    return unescape(re.sub(r"<[^>]+>", "", body))


def test_page_says_what_why_alternative_and_how_to_withdraw_in_both_languages() -> None:
    text = visible_text(render_optout_page(_project("small_hotel"), TODAY))
    for expected in ("成都锦里小院酒店有限公司", "Chengdu Jinli Courtyard Hotel Co., Ltd.", "028-8555 7788",
                     "frontdesk@jinlihotel.example.cn", "前台入住核验", "法律规定的身份核验",
                     "identity check required by law", "工作人员人工核验证件", "an ID check by our staff",
                     "如何拒绝或要求删除", "How to opt out or ask for deletion",
                     "最多保存30天", "at most 30 days"):
        assert expected in text, expected


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
    page = render_optout_page(project, TODAY)
    html = page.decode("utf-8")
    # Shown as typed, and nothing of it is markup.
    assert "Tea & Co <script>alert(1)</script>" in visible_text(page)
    assert "<script>" not in html and "<b>" not in html


def _chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run headless Chromium at a phone's window size with our font."""
    # A phone has CJK system fonts; a CI box may not. Give Chromium our font
    # through fontconfig instead of the page (which must load nothing).
    conf = tmp_path / "fonts.conf"
    conf.write_text(f"""<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><include ignore_missing="yes">/etc/fonts/fonts.conf</include>
<dir>{FONTS_DIR}</dir><cachedir>{tmp_path / 'fc-cache'}</cachedir></fontconfig>""")
    return subprocess.run(
        [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={tmp_path / 'profile'}", "--window-size=390,844", "--hide-scrollbars", *args],
        check=True, timeout=120, capture_output=True, text=True,
        env={"FONTCONFIG_FILE": str(conf), "HOME": str(tmp_path), "PATH": "/usr/bin:/bin"})


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
def test_renders_on_a_phone_sized_screen(tmp_path: Path) -> None:
    page = tmp_path / "optout.html"
    page.write_bytes(render_optout_page(_project("training_centre"), TODAY))
    shot = tmp_path / "phone.png"
    _chromium(tmp_path, f"--screenshot={shot}", page.as_uri())
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


# Measures in the browser how the page's lines break: links and kept runs
# (class "k") on more than one line, paragraphs whose last line holds one
# character or one word (a whole contact alone is fine: it is the long word),
# and anything reaching past the page's right edge.
PROBE = r"""
(() => {
  const out = {overflow: [], split: [], lone: []};
  const limit = document.documentElement.getBoundingClientRect().right;
  for (const el of document.body.querySelectorAll('*')) {
    if (el.getBoundingClientRect().right > limit + 0.5) out.overflow.push(el.textContent.slice(0, 40));
  }
  for (const el of document.querySelectorAll('a, .k')) {
    const tops = new Set([...el.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
    if (tops.size > 1) out.split.push(el.textContent);
  }
  for (const p of document.querySelectorAll('p, h1, h2, h3')) {
    const chars = [];
    const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      for (let i = 0; i < n.data.length; i++) {
        const range = document.createRange();
        range.setStart(n, i); range.setEnd(n, i + 1);
        const r = range.getClientRects()[0];
        if (r && r.width > 0) chars.push([Math.round(r.top), n.data[i]]);
      }
    }
    const tops = [...new Set(chars.map(c => c[0]))].sort((a, b) => a - b);
    if (tops.length < 2) continue;
    const last = chars.filter(c => c[0] === tops[tops.length - 1]).map(c => c[1]).join('');
    const units = last.match(/[\u4e00-\u9fff]|[A-Za-z0-9]+(?:[-.@'/:][A-Za-z0-9]+)*/g) || [];
    const contact = /^\s*(\S+@\S+|https?:\/\/\S+|[+\d][\d -]{6,})\s*$/.test(last);
    if (units.length < 2 && !contact) out.lone.push(last + ' <= ' + p.textContent.slice(-40));
  }
  const pre = document.createElement('pre');
  pre.id = 'probe';
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
"""


def _line_breaks_on_a_phone(tmp_path: Path, page: str) -> dict[str, list[str]]:
    # A copy for measuring only: the page itself forbids scripts. Headless
    # Chromium keeps its window at least 500 px wide, so the copy's root is
    # made 390 px wide instead (the page has no media queries).
    copy = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page)
    copy = copy.replace("</head>", "<style>html{width:390px}</style></head>")
    copy = copy.replace("</body>", f"<script>{PROBE}</script></body>")
    path = tmp_path / "probe.html"
    path.write_text(copy, encoding="utf-8")
    dom = _chromium(tmp_path, "--dump-dom", path.as_uri()).stdout
    found = re.search(r'<pre id="probe">(.*?)</pre>', dom, re.S)
    assert found, dom[-500:]
    return json.loads(unescape(found.group(1)))


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
@pytest.mark.parametrize("example", ["bubble_tea_shop", "residential_compound"])
def test_on_a_phone_no_contact_is_split_and_no_last_line_is_alone(tmp_path: Path, example: str) -> None:
    page = render_optout_page(_project(example), TODAY).decode("utf-8")
    assert _line_breaks_on_a_phone(tmp_path, page) == {"overflow": [], "split": [], "lone": []}


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
def test_the_phone_probe_sees_what_the_old_page_did(tmp_path: Path) -> None:
    # The page as it was before it kept runs together: e-mail addresses cut
    # anywhere, words alone on last lines. The probe must see both.
    page = render_optout_page(_project("bubble_tea_shop"), TODAY).decode("utf-8")
    old = re.sub(r"<wbr>|</?span class=\"[kc]\">", "", page).replace("a{color:#0b2a5b}", "a{color:#0b2a5b;word-break:break-all}")
    seen = _line_breaks_on_a_phone(tmp_path, old)
    assert "privacy@lemontea.example.cn" in seen["split"]
    assert seen["lone"]


def test_contacts_break_only_at_their_separators_and_numbers_keep_their_units() -> None:
    page = render_optout_page(_project("small_hotel"), TODAY).decode("utf-8")
    # The e-mail address: one inline block, parts that never wrap, a break chance only before @ and dots.
    assert ('<span class="c"><span class="k">frontdesk</span><wbr><span class="k">@jinlihotel</span><wbr>'
            '<span class="k">.example</span><wbr><span class="k">.cn</span></span>') in page
    assert not re.search(r"word-break\s*:\s*break-all", page)
    # 30天 inside one no-wrap run.
    assert re.search(r'<span class="k">[^<]*30天[^<]*</span>', page)
