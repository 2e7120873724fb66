"""The whole UI switches between Simplified Chinese and English at runtime."""

from __future__ import annotations

from PySide6.QtCore import QSettings


def test_switch_language_from_the_menu(make_window, examples_dir):
    window = make_window(examples_dir / "small_hotel.signdesk")
    page = window.current_page()
    assert window.menus.file.title() == "&File"
    assert page.heading.text() == "Your business"
    english_finding = window.findings.titles()[0]

    window.menus.languages["zh_CN"].trigger()
    assert window.menus.file.title() == "文件(&F)"
    assert page.heading.text() == "您的企业"
    assert page.next_button.text() == "下一部分(&T)"
    assert page.rows["operator_name"].label.text().startswith("企业名称")
    assert window.findings.summary.text().startswith("违规：")
    assert window.findings.titles()[0] != english_finding
    assert window.navigator.tree.topLevelItem(0).text(0) == "整个企业"
    assert window.side.tabText(1) == "文件预览(&O)"

    # Remembered for the next start.
    settings = QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "SignDesk", "SignDesk")
    assert settings.value("ui/language") == "zh_CN"
    again = make_window()
    assert again.menus.file.title() == "文件(&F)"

    again.menus.languages["en"].trigger()
    assert again.menus.file.title() == "&File"


def test_answer_problems_speak_the_users_language(window, qtbot):
    window.language.set_locale("zh_CN")
    window.navigator.select(("business", None))
    row = window.current_page().rows["optout_url"]
    qtbot.keyClicks(row.field.edit, "http://example.cn")
    assert "https://" in row.problem
    assert not row.problem.isascii()  # the Chinese message, not the English one


def mnemonics_on_screen(window) -> list[str]:
    """The Alt+letter of every menu title, tab, button and labelled field the user can see."""
    from PySide6.QtWidgets import QAbstractButton, QLabel, QTabBar

    def letter(text: str) -> str | None:
        i = text.replace("&&", "").find("&")
        return text.replace("&&", "")[i + 1].upper() if i >= 0 else None

    texts = [action.text() for action in window.menuBar().actions()]
    tabs = window.side.tabBar()
    texts += [tabs.tabText(i) for i in range(tabs.count())]
    for widget in window.findChildren(QAbstractButton) + window.findChildren(QLabel):
        if widget.isVisible() and not isinstance(widget.parent(), QTabBar):
            if isinstance(widget, QAbstractButton) or widget.buddy() is not None:
                texts.append(widget.text())
    return [m for m in map(letter, texts) if m]


def test_every_alt_letter_on_screen_does_one_thing(make_window, examples_dir):
    # Two widgets with the same Alt+letter: the key only cycles focus between them.
    window = make_window(examples_dir / "small_hotel.signdesk")
    window.navigator.select(("place", window.project.scenarios[0].id))
    for locale in ("en", "zh_CN"):
        window.language.set_locale(locale)
        for tab in (window.findings, window.preview):
            window.side.setCurrentWidget(tab)
            letters = mnemonics_on_screen(window)
            assert len(letters) == len(set(letters)), (locale, sorted(letters))


def test_sheet_choices_are_readable_after_switching_language(make_window, examples_dir, qtbot):
    QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "SignDesk", "SignDesk").setValue(
        "ui/language", "zh_CN")  # started in Chinese: "纵向" is two characters, "Landscape" nine
    window = make_window(examples_dir / "bubble_tea_shop.signdesk")
    window.side.setCurrentWidget(window.preview)
    qtbot.wait(50)
    window.language.set_locale("en")
    combo = window.preview.orientation
    qtbot.waitUntil(lambda: combo.width() > combo.fontMetrics().horizontalAdvance("Landscape"))
