"""The font can draw what owners type, and says clearly when it cannot."""

from __future__ import annotations

from reportlab.pdfbase import pdfmetrics

from signdesk.documents.fonts import (
    BOLD,
    REGULAR,
    MissingGlyphError,
    ensure_printable,
    missing_glyphs,
    register_fonts,
)
from signdesk.errors import UserInputError
from signdesk.i18n import Bilingual

BUSINESS_NAME = Bilingual(zh="营业名称", en="business name")


def test_registration_is_idempotent() -> None:
    register_fonts()
    first = pdfmetrics.getFont(REGULAR)
    register_fonts()
    assert pdfmetrics.getFont(REGULAR) is first
    assert pdfmetrics.getFont(BOLD).face.name != first.face.name


def test_chinese_latin_and_shop_punctuation_are_printable() -> None:
    text = "珍珠奶茶（朝阳店）Bubble-Tea & Co. <VIP> 电话：010-1234 5678 ¥18。\n第二行"
    assert missing_glyphs(text) == frozenset()
    ensure_printable(BUSINESS_NAME, text)  # does not raise


def test_emoji_in_business_name_is_reported_in_both_languages() -> None:
    name = "快乐奶茶😀店🧋"
    assert missing_glyphs(name) == {"😀", "🧋"}
    try:
        ensure_printable(BUSINESS_NAME, name)
    except MissingGlyphError as err:
        assert isinstance(err, UserInputError)
        assert err.field == BUSINESS_NAME
        assert err.chars == ("😀", "🧋")  # in the order typed
        zh, en = err.message("zh_CN"), err.message("en")
        assert "营业名称" in zh and "😀" in zh and "🧋" in zh
        assert "business name" in en and "😀" in en and "🧋" in en
        assert "营业名称" not in en
        assert str(err) == en
    else:
        raise AssertionError("emoji not reported")


def test_invisible_characters_are_named_by_code_point() -> None:
    # "❤️" is U+2764 + U+FE0F: the selector would otherwise be an invisible culprit.
    try:
        ensure_printable(BUSINESS_NAME, "爱心\ufe0f店")
    except MissingGlyphError as err:
        assert "U+FE0F" in err.message("en")
        assert "U+FE0F" in err.message("zh_CN")
    else:
        raise AssertionError("variation selector not reported")
