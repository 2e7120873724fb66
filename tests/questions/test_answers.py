"""Each answer kind accepts what an owner would type and explains refusals in both languages."""

from __future__ import annotations

import datetime as dt

import pytest

from signdesk.questions import QUESTION_BY_ID, AnswerError


def _refusal(qid: str, value) -> AnswerError:
    with pytest.raises(AnswerError) as info:
        QUESTION_BY_ID[qid].check(value)
    return info.value


@pytest.mark.parametrize("qid, typed, stored", [
    ("people_stored", "132,000", 132000),
    ("people_stored", "13，200", 13200),
    ("people_stored", 4200.0, 4200),
    ("device_count", " 3 ", 3),
    ("threshold_date", "2026-03-02", dt.date(2026, 3, 2)),
    ("threshold_date", dt.datetime(2026, 3, 2, 9, 30), dt.date(2026, 3, 2)),
    ("threshold_date", "2026/3/2", dt.date(2026, 3, 2)),
    ("threshold_date", "2026年3月2日", dt.date(2026, 3, 2)),
    ("optout_url", "https://lemontea.example.cn/face-optout", "https://lemontea.example.cn/face-optout"),
    ("optout_url", "  https://example.cn:8443/a?b=c  ", "https://example.cn:8443/a?b=c"),
    ("contact_phone", "021-5555 0123", "021-5555 0123"),
    ("contact_phone", "+86 138 0000 0000", "+86 138 0000 0000"),
    ("contact_email", "privacy@lemontea.example.cn", "privacy@lemontea.example.cn"),
    ("purposes", ["payment", "access"], ["access", "payment"]),  # catalogue order
    ("venue_type", "shop", "shop"),
    ("public_place", False, False),
    ("operator_name", "  上海柠檬茶饮有限公司 ", "上海柠檬茶饮有限公司"),
    ("optout_url", None, None),
])
def test_accepted_answers_are_normalised(qid, typed, stored):
    assert QUESTION_BY_ID[qid].check(typed) == stored


@pytest.mark.parametrize("qid, value, en, zh", [
    ("optout_url", "http://example.cn/optout", "https://", "不能是 http://"),
    ("optout_url", "example.cn/optout", "https://", "完整网址"),
    ("optout_url", "https://exa mple.cn", "spaces", "空格"),
    ("contact_phone", "call 021", "phone number", "电话号码"),
    ("contact_email", "privacy@", "e-mail", "电子邮箱"),
    ("contact_email", "a b@example.cn", "e-mail", "电子邮箱"),
    ("people_stored", "lots", "Enter a number", "请输入数字"),
    ("people_stored", True, "Enter a number", "请输入数字"),
    ("people_stored", float("nan"), "Enter a number", "请输入数字"),
    ("people_stored", -5, "at least 0", "不小于 0"),
    ("device_count", 100_001, "at most 100,000", "不大于 100,000"),
    ("threshold_date", "2026-02-30", "no such day: 2026-02-30", "没有这一天：2026-02-30"),
    ("threshold_date", "last spring", "YYYY-MM-DD", "YYYY-MM-DD"),
    ("threshold_date", "2101-01-01", "between 2000 and 2100", "2000 年至 2100 年"),
    ("threshold_date", 20260302, "YYYY-MM-DD", "YYYY-MM-DD"),
    ("public_place", "yes", "yes or no", "“是”或“否”"),
    ("venue_type", "casino", "casino", "不是可选项"),
    ("purposes", "payment", "list of choices", "选项列表"),
    ("purposes", ["payment", "spying"], "spying", "不是可选项"),
    ("operator_name", "x" * 81, "81 characters, at most 80", "81 个字符，最多 80 个"),
    ("operator_name", "bad\x00name", "control characters", "控制字符"),
    ("operator_name", 42, "Enter text", "请输入文字"),
])
def test_refusals_explain_themselves_in_both_languages(qid, value, en, zh):
    err = _refusal(qid, value)
    assert en in err.message("en"), err.message("en")
    assert zh in err.message("zh_CN"), err.message("zh_CN")
