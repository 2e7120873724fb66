"""English UI text is set in a Latin font, Chinese UI text in Noto Sans SC, and neither loses the other's characters.

Noto Sans SC draws quotes and apostrophes full-width, as Chinese typography
wants; in the English UI they would show as wide curly marks with gaps
(“Ask us”). What the owner sees is checked on the glyphs Qt really lays out.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontMetricsF, QTextLayout

NOTO = "Noto Sans SC"
IDEOGRAPH = "中"


def drawn_with(text: str, font: QFont) -> list[tuple[str, list[int]]]:
    """(family, glyph indexes) of each run of glyphs Qt draws ``text`` with in ``font``."""
    layout = QTextLayout(text, font)
    layout.beginLayout()
    layout.createLine().setLineWidth(100_000)
    layout.endLayout()
    return [(run.rawFont().familyName(), list(run.glyphIndexes())) for run in layout.glyphRuns()]


def family_of(char: str, font: QFont) -> str:
    (family, glyphs), = drawn_with(char, font)
    assert glyphs and 0 not in glyphs, f"{char!r} is drawn as a missing-glyph box"
    return family


def help_label(window):
    """The help under "On what legal basis...", which quotes an option: “required by a law or regulation”."""
    window.navigator.select(("consent", window.project.scenarios[0].id))
    label = window.current_page().rows["legal_basis"].help
    assert "“" in label.text()
    return label


def test_english_ui_quotes_are_latin_and_chinese_still_renders(make_window, examples_dir):
    window = make_window(examples_dir / "bubble_tea_shop.signdesk")
    label = help_label(window)
    font = label.font()
    assert family_of("“", font) != NOTO
    assert family_of("A", font) != NOTO
    metrics = QFontMetricsF(font)
    for quote in "“”‘’'\"":
        # A Latin quote is a narrow mark, not an ideograph-wide box.
        assert metrics.horizontalAdvance(quote) < 0.7 * metrics.horizontalAdvance(IDEOGRAPH), quote
    # Chinese in the English UI (the scenario's name, bilingual texts) falls back to Noto: no tofu.
    assert family_of(IDEOGRAPH, font) == NOTO
    scenario = window.navigator.tree.topLevelItem(1)
    assert any("\u4e00" <= c <= "\u9fff" for c in scenario.text(0))
    for family, glyphs in drawn_with(scenario.text(0), scenario.font(0)):
        assert family == NOTO and 0 not in glyphs


def test_chinese_ui_is_set_in_noto_and_switching_back_flips(make_window, examples_dir):
    window = make_window(examples_dir / "bubble_tea_shop.signdesk")
    window.menus.languages["zh_CN"].trigger()
    label = help_label(window)
    assert not label.text().isascii()
    font = label.font()
    assert family_of(IDEOGRAPH, font) == NOTO
    assert family_of("“", font) == NOTO  # Chinese quotes: full-width
    metrics = QFontMetricsF(font)
    assert metrics.horizontalAdvance("“") >= 0.9 * metrics.horizontalAdvance(IDEOGRAPH)
    assert family_of("A", font) == NOTO  # Latin letters in Chinese text match the Chinese around them
    heading = window.navigator.tree.topLevelItem(0)
    assert family_of(heading.text(0)[0], heading.font(0)) == NOTO and heading.font(0).bold()

    window.menus.languages["en"].trigger()
    font = label.font()
    assert family_of("“", font) != NOTO
    assert QFontMetricsF(font).horizontalAdvance("“") < 0.7 * QFontMetricsF(font).horizontalAdvance(IDEOGRAPH)
    assert family_of(IDEOGRAPH, font) == NOTO
    # The bold group headings of the navigator follow too.
    heading = window.navigator.tree.topLevelItem(0)
    assert heading.text(0) == "Whole business"
    assert family_of("W", heading.font(0)) != NOTO and heading.font(0).bold()
