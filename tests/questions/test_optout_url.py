"""The opt-out link question: what an owner may type, and what they are told to type instead."""

from __future__ import annotations

import pytest

from signdesk.questions import QUESTION_BY_ID, AnswerError
from signdesk.questions.urls import MAX_URL_LENGTH, check_optout_url

OPTOUT = QUESTION_BY_ID["optout_url"]
NEEDS_NAME = ("website's public name", "公开域名")


@pytest.mark.parametrize("typed, en, zh", [
    ("https://optout", *NEEDS_NAME),                      # a bare word: only inside the shop's network
    ("https://optout/face", *NEEDS_NAME),
    ("https://localhost/optout", *NEEDS_NAME),
    ("https://shop.localhost/optout", *NEEDS_NAME),
    ("https://printer.local/optout", *NEEDS_NAME),
    ("https://192.168.1.10/optout", *NEEDS_NAME),         # a numeric address
    ("https://[::1]/optout", *NEEDS_NAME),
    ("https://[::1/optout", *NEEDS_NAME),
    ("https:///optout", *NEEDS_NAME),                     # no website at all
    ("https://user@evil.example.cn/optout", *NEEDS_NAME),  # shows one name, opens another site
    ("https://-tea.example.cn/optout", *NEEDS_NAME),
    ("https://tea..example.cn/optout", *NEEDS_NAME),
    ("https://tea_shop.example.cn/optout", *NEEDS_NAME),
    ("https://" + "t" * 64 + ".example.cn/", *NEEDS_NAME),  # a name part longer than DNS allows
    ("https://tea.example.c0/optout", *NEEDS_NAME),
    ("http://example.cn/optout", "not http://", "不能是 http://"),
    ("HTTP://example.cn/optout", "not http://", "不能是 http://"),
    ("example.cn/optout", "starting with https://", "完整网址"),
    ("www.example.cn", "starting with https://", "完整网址"),
    ("https:example.cn/optout", "starting with https://", "完整网址"),
    ("ftp://example.cn/optout", "starting with https://", "完整网址"),
    ("https：//example.cn/optout", "starting with https://", "完整网址"),  # full-width colon from an IME
    ("https://exa mple.cn", "spaces", "空格"),
    ("https://example.cn/opt\tout", "spaces", "空格"),
    ("https://example.cn/\u200boptout", "invisible characters", "不可见字符"),
    ('https://example.cn/"optout"', "quotation marks", "引号"),
    ("https://example.cn/<optout>", "angle brackets", "尖括号"),
    ("https://例子。中国/退出", "Chinese full stop", "中文句号"),
    ("https://example.cn:99999/optout", "port from 1 to 65535", "端口号"),
    ("https://example.cn:0/optout", "port from 1 to 65535", "端口号"),
    ("https://example.cn:web/optout", "port from 1 to 65535", "端口号"),
    ("https://example.cn/" + "a" * (MAX_URL_LENGTH - 18), f"at most {MAX_URL_LENGTH}", f"不超过 {MAX_URL_LENGTH}"),
])
def test_a_bad_link_is_refused_with_what_to_type_in_both_languages(typed, en, zh):
    with pytest.raises(AnswerError) as info:
        OPTOUT.check(typed)
    assert en in info.value.message("en"), info.value.message("en")
    assert zh in info.value.message("zh_CN"), info.value.message("zh_CN")


@pytest.mark.parametrize("typed, stored", [
    ("https://lemontea.example.cn/face-optout", "https://lemontea.example.cn/face-optout"),
    ("  https://example.cn:8443/a?b=c#top\n", "https://example.cn:8443/a?b=c#top"),  # paste whitespace
    ("https://例子.中国/退出", "https://例子.中国/退出"),                                  # Chinese website name
    ("https://xn--fsqu00a.xn--fiqs8s/%E9%80%80%E5%87%BA", "https://xn--fsqu00a.xn--fiqs8s/%E9%80%80%E5%87%BA"),
    ("https://optout.tea-shop.example.cn./x", "https://optout.tea-shop.example.cn./x"),
    ("HTTPS://Tea.Example.cn/Optout", "https://Tea.Example.cn/Optout"),             # phone keyboard capitals
    ("https://example.cn/" + "a" * (MAX_URL_LENGTH - 19), "https://example.cn/" + "a" * (MAX_URL_LENGTH - 19)),
])
def test_a_good_link_is_stored_as_it_will_be_printed(typed, stored):
    assert OPTOUT.check(typed) == stored
    assert check_optout_url(typed) == stored


@pytest.mark.parametrize("typed", [None, "", "   "])
def test_an_empty_answer_is_simply_not_answered_yet(typed):
    assert OPTOUT.check(typed) == (None if typed is None else "")


def test_the_questionnaire_refuses_with_the_rules_own_words():
    """Not a generic text message: the words the QR code and a batch row would use too."""
    for typed in ("https://optout", "https://example.cn/\x00", "https://example.cn/" + "a" * 400):
        with pytest.raises(AnswerError) as info:
            OPTOUT.check(typed)
        assert "opt-out link" in info.value.message("en")
        assert "拒绝与撤回页面网址" in info.value.message("zh_CN")
    with pytest.raises(AnswerError) as info:
        OPTOUT.check(42)
    assert "Enter text" in info.value.message("en")
