"""The opt-out page's text for an article editor: the page's words, no markup in the .txt."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape
from html.parser import HTMLParser

import pytest

from signdesk.documents.optout import (OPTOUT_FRAGMENT_NAME, OPTOUT_TEXT_NAME, optout_text_files,
                                       render_optout_page)
from signdesk.model import load
from signdesk.paths import EXAMPLES_DIR

TODAY = dt.date(2026, 11, 22)
EXAMPLES = ("bubble_tea_shop", "small_hotel", "training_centre", "residential_compound")


def _files(name: str, **business: str) -> tuple[str, str]:
    project = load(EXAMPLES_DIR / f"{name}.signdesk")
    project.business.update(business)
    files = optout_text_files(project, TODAY)
    assert set(files) == {OPTOUT_TEXT_NAME, OPTOUT_FRAGMENT_NAME}
    return files[OPTOUT_TEXT_NAME].decode("utf-8"), files[OPTOUT_FRAGMENT_NAME].decode("utf-8")


def _page_paragraphs(name: str) -> list[str]:
    """Every paragraph a reader of the opt-out page sees, markup removed."""
    html = render_optout_page(load(EXAMPLES_DIR / f"{name}.signdesk"), TODAY).decode("utf-8")
    found = re.findall(r"<p[^>]*>(.*?)</p>", html, re.S)
    return [unescape(re.sub(r"<[^>]+>", "", p)) for p in found if "href=" not in p]  # not the tap-to-call line


@pytest.mark.parametrize("name", EXAMPLES)
def test_the_text_holds_every_paragraph_of_the_page(name):
    text, fragment = _files(name)
    paragraphs = text.rstrip("\n").split("\n\n")
    for expected in _page_paragraphs(name):
        assert any(p == expected or p.endswith(f"：{expected}") or p.endswith(f": {expected}")
                   for p in paragraphs), expected
        assert expected in unescape(fragment)


def test_the_text_says_how_to_reach_the_business_and_how_to_withdraw():
    text, _fragment = _files("bubble_tea_shop")
    for expected in ("privacy@lemontea.example.cn", "How to opt out, withdraw or ask for deletion",
                     "如何拒绝、撤回同意或要求删除", "withdraw your consent at any time", "Facial recognition: your choices"):
        assert expected in text, expected
    hotel, _ = _files("small_hotel")
    assert "028-8555 7788" in hotel and "成都锦里小院酒店有限公司" in hotel and "Chengdu Jinli Courtyard Hotel" in hotel


@pytest.mark.parametrize("name", EXAMPLES)
def test_the_txt_is_plain_paragraphs_without_markup(name):
    text, _fragment = _files(name)
    assert not re.search(r"</?[A-Za-z][^>]*>|&[a-z]+;|&#", text)
    assert text.endswith("\n") and not text.endswith("\n\n") and "\n\n\n" not in text
    assert all(p.strip() == p and p for p in text[:-1].split("\n\n"))
    assert "\r" not in text and "\ufeff" not in text


@pytest.mark.parametrize("name", EXAMPLES)
def test_the_html_is_headings_and_paragraphs_only(name):
    _text, fragment = _files(name)

    class Tags(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.open: list[str] = []
            self.seen: set[str] = set()
            self.attrs: list[object] = []

        def handle_starttag(self, tag, attrs):
            self.open.append(tag)
            self.seen.add(tag)
            self.attrs += attrs

        def handle_endtag(self, tag):
            assert self.open.pop() == tag

    parser = Tags()
    parser.feed(fragment.lstrip("\ufeff"))
    assert parser.seen == {"h1", "h2", "p"} and not parser.open and not parser.attrs
    assert fragment.startswith("\ufeff<h1>")  # a browser opening it for copying reads UTF-8
    assert fragment.count("<h1>") == 1


def test_what_the_owner_typed_is_shown_as_typed_and_never_markup():
    text, fragment = _files("bubble_tea_shop", operator_name_en="Tea & Co <script>alert(1)</script>")
    assert "Tea & Co <script>alert(1)</script>" in text  # plain text: as typed
    assert "<script" not in fragment and "Tea &amp; Co &lt;script&gt;alert(1)&lt;/script&gt;" in fragment
