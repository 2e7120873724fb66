"""Help > User guide: the bundled guide, offline, in the UI language with the other a click away."""

from __future__ import annotations

import re
from importlib.resources import files

import pytest
from PySide6.QtCore import Qt

from signdesk.guide import guide_file_name, guide_html
from signdesk.i18n import EN, LOCALES, ZH, translate
from signdesk.ui.guide import GuideWindow

#: What the guide must tell an owner with no website, per language: the three ways, and where the QR code leads.
NO_WEBSITE = {
    EN: ("WeChat official-account article", "static web host", "head office's website", "QR code",
         "Web address of your opt-out page"),
    ZH: ("微信公众号文章", "静态网页托管", "总部的网站", "二维码", "您的拒绝与撤回页面网址"),
}


@pytest.mark.parametrize("locale", LOCALES)
def test_the_guide_is_package_data_found_through_importlib_resources(locale):
    resource = files("signdesk.guide").joinpath(guide_file_name(locale))
    assert resource.is_file()
    assert guide_html(locale) == resource.read_text("utf-8")
    assert guide_html("zh") == guide_html(ZH) and guide_html("en_GB") == guide_html(EN)


def _structure(html: str) -> list[str]:
    return re.findall(r"<(h[1-3]|li|ol|ul)\b", html)


def test_both_languages_have_the_same_sections_and_steps():
    assert _structure(guide_html(ZH)) == _structure(guide_html(EN))
    assert _structure(guide_html(EN)).count("h2") == 2
    # Links within the page only; no scripts, styles or pictures to load.
    for locale in LOCALES:
        html = guide_html(locale)
        assert re.findall(r'href="([^"]*)"', html) and all(h.startswith("#") for h in re.findall(r'href="([^"]*)"', html))
        assert not re.search(r"<(script|style|img|link|iframe)\b|\bsrc=", html, re.I)


def _shown(window) -> GuideWindow:
    guide = window.findChild(GuideWindow)
    assert guide is not None and guide.isVisible()
    return guide


def test_help_menu_opens_the_guide_in_english_and_chinese_is_one_click_away(window, qtbot):
    window.menus.guide.trigger()
    guide = _shown(window)
    text = guide.text()
    assert text.startswith("SignDesk user guide") and guide.windowTitle() == "SignDesk user guide"
    for expected in NO_WEBSITE[EN]:
        assert expected in text, expected
    assert "100,000 people" in text and "30 working days" in text
    assert guide.other_language.text() == "简体中文"

    qtbot.mouseClick(guide.other_language, Qt.MouseButton.LeftButton)
    text = guide.text()
    assert text.startswith("SignDesk 使用指南")
    for expected in NO_WEBSITE[ZH]:
        assert expected in text, expected
    assert "10万人" in text and "30个工作日" in text
    assert guide.other_language.text() == "English"
    qtbot.mouseClick(guide.other_language, Qt.MouseButton.LeftButton)
    assert guide.text().startswith("SignDesk user guide")


def test_a_chinese_ui_opens_the_chinese_guide_and_one_window_serves(window):
    window.language.set_locale(ZH)
    window.menus.guide.trigger()
    guide = _shown(window)
    assert guide.text().startswith("SignDesk 使用指南") and guide.windowTitle() == "SignDesk 使用指南"
    assert window.menus.guide.text() == "使用指南(&U)"
    guide.close()
    window.language.set_locale(EN)
    window.menus.guide.trigger()
    assert window.findChildren(GuideWindow) == [guide] and guide.isVisible()
    assert guide.text().startswith("SignDesk user guide")


def _label(text: str) -> str:
    """A menu or button text as a reader sees it: no mnemonic ("&T", "(&T)")."""
    return re.sub(r"\(&\w\)|&", "", text)


@pytest.mark.parametrize("locale", LOCALES)
def test_the_names_the_guide_quotes_are_the_app_s_own(window, locale):
    window.language.set_locale(locale)
    menus, preview = window.menus, window.preview
    quoted = [menus.optout_text.text(), menus.calendar.text(), preview.print_button.text(),
              preview.export_button.text(), *(translate(locale, m) for m in (
                  "&Add scenario…", "Start a new project", "Your business", "Place and purpose", "Storage and deletion",
                  "Face records and filing", "Violation", "To do", "Advice"))]
    html = " ".join(guide_html(locale).split())  # the file's line breaks are spaces to a reader
    for name in quoted:
        assert _label(name) in html or _label(name).lower() in html, name
    for tab in range(3):  # Findings (n), Documents, Register
        name = re.sub(r"\s*[（(]\d+[)）]", "", _label(window.side.tabText(tab)))
        assert name in html, name
