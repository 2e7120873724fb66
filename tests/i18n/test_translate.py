"""Lookups: the user's language, placeholders, dates, and no crash on a bad catalogue."""

from __future__ import annotations

import datetime as dt

import signdesk.i18n as i18n
from signdesk.errors import UserInputError
from signdesk.i18n import Bilingual, Catalogue, format_date, normalize_locale, translate


def test_locales_are_normalised():
    assert [normalize_locale(x) for x in ("zh", "zh-CN", "zh_Hans_CN", "zh_CN.UTF-8", "en_GB", "fr", None)] == [
        "zh_CN", "zh_CN", "zh_CN", "zh_CN", "en", "en", "en"]


def test_bilingual_gives_chinese_first_and_fills_placeholders():
    text = Bilingual.of("The file {name} does not exist.", name="店.signdesk")
    assert text.zh == "文件 店.signdesk 不存在。"
    assert text.en == "The file 店.signdesk does not exist."
    assert text.get("zh-CN") == text.zh and text.get("en") == text.en


def test_dates_read_naturally():
    day = dt.date(2026, 11, 22)
    assert format_date(day, "zh_CN") == "2026年11月22日"
    assert format_date(day, "en") == "22 November 2026"


def test_a_broken_translation_falls_back_to_english_instead_of_crashing(monkeypatch):
    broken = Catalogue("zh_CN", {"The file {name} does not exist.": "文件 {nom} 不存在。"}, {})
    monkeypatch.setattr(i18n, "catalogue", lambda locale, root=None: broken)
    assert translate("zh_CN", "The file {name} does not exist.", name="a") == "The file a does not exist."


def test_user_errors_speak_both_languages_and_nest():
    inner = UserInputError("Enter a number.")
    outer = UserInputError("In {field}: {problem}", field="business.people_stored", problem=inner)
    assert outer.message("en") == "In business.people_stored: Enter a number."
    assert outer.message("zh_CN") == "business.people_stored 有误：请输入数字。"
    assert str(outer) == outer.message("en")


def test_untranslated_text_falls_back_to_english():
    assert translate("zh_CN", "A text nobody translated") == "A text nobody translated"


def _po(text: str) -> str:
    return ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: zh_CN\\n"\n\n'
            f'msgid "Hello"\nmsgstr "{text}"\n')


def test_parsed_catalogue_cache_never_serves_an_edited_po_file_stale(tmp_path, monkeypatch) -> None:
    from signdesk.i18n import catalogue

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    po = tmp_path / "tr" / "zh_CN" / "x.po"
    po.parent.mkdir(parents=True)
    po.write_text(_po("你好"), "utf-8")
    catalogue.cache_clear()
    try:
        assert catalogue("zh_CN", tmp_path / "tr").get("Hello") == "你好"
        assert list((tmp_path / "cache" / "signdesk").glob("catalogue-zh_CN-*.json"))
        po.write_text(_po("您好"), "utf-8")  # the owner's translator edits the catalogue
        catalogue.cache_clear()  # a new process
        assert catalogue("zh_CN", tmp_path / "tr").get("Hello") == "您好"
        for cached in (tmp_path / "cache" / "signdesk").glob("*.json"):
            cached.write_text("{broken", "utf-8")  # a damaged cache is ignored, not trusted
        catalogue.cache_clear()
        assert catalogue("zh_CN", tmp_path / "tr").get("Hello") == "您好"
    finally:
        catalogue.cache_clear()


def test_stretch_switch_makes_every_text_longer_but_keeps_placeholders(monkeypatch) -> None:
    from signdesk.i18n import STRETCH_VARIABLE, translate

    plain_en = translate("en", "Violations: {violations} · To do: {todo} · Advice: {advice}",
                         violations=1, todo=2, advice=0)
    plain_zh = translate("zh_CN", "Your business")
    import signdesk.i18n

    monkeypatch.setenv(STRETCH_VARIABLE, "1")
    monkeypatch.setattr(signdesk.i18n, "_STRETCH", True)  # as if started with the variable set
    long_en = translate("en", "Violations: {violations} · To do: {todo} · Advice: {advice}",
                        violations=1, todo=2, advice=0)
    long_zh = translate("zh_CN", "Your business")
    assert long_en.startswith(plain_en) and len(long_en) >= 1.3 * len(plain_en)
    assert long_zh.startswith(plain_zh) and len(long_zh) > len(plain_zh)
