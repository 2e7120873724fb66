"""At the default window size every option of every choice can be read in full, in both languages.

The closed box shows its whole current text (on more lines where the row is
narrow), the open list is wide enough for the longest option, and no page
scrolls sideways. Checked on every section of the example, on the findings
tab and on the documents tab.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QComboBox, QStyle, QStyleOptionComboBox

from signdesk.ui.navigator import _KEY_ROLE
from signdesk.ui.widgets import WrappingComboBox



def text_rect(combo: QComboBox) -> QRect:
    """Where the closed box draws its current text."""
    opt = QStyleOptionComboBox()
    combo.initStyleOption(opt)
    return combo.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, opt,
                                        QStyle.SubControl.SC_ComboBoxEditField, combo)


def shown_in_full(combo: QComboBox, text: str) -> bool:
    """Whether the closed box has room for ``text``: on one line, or (a wrapping box) on the lines it needs."""
    room, metrics = text_rect(combo), combo.fontMetrics()
    if room.width() >= metrics.horizontalAdvance(text):
        return True
    if not isinstance(combo, WrappingComboBox):
        return False
    flags = int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap)
    wrapped = metrics.boundingRect(QRect(0, 0, room.width(), 1 << 20), flags, text)
    return wrapped.width() <= room.width() and wrapped.height() <= room.height()


def cut_texts(window, qtbot, where: str) -> list[str]:
    """Texts of the visible combo boxes that are not shown in full, each named with ``where``."""
    problems = []
    for combo in window.findChildren(QComboBox):
        if not combo.isVisible():
            continue
        name = f"{where} {combo.objectName() or combo.parent().objectName()}"
        metrics = combo.fontMetrics()
        chosen = combo.currentIndex()
        for i in range(combo.count()):
            text = combo.itemText(i)
            combo.setCurrentIndex(i)  # as chosen by the owner (without storing an answer)
            try:  # the row lays the box out again for the lines its text needs
                qtbot.waitUntil(lambda: shown_in_full(combo, text), timeout=500)
            except qtbot.TimeoutError:
                room = text_rect(combo)
                problems.append(f"{name}: {text!r} needs {metrics.horizontalAdvance(text)} px, "
                                f"has {room.width()} x {room.height()}")
        combo.setCurrentIndex(chosen)
        combo.showPopup()
        view = combo.view()
        for i in range(combo.count()):
            needed = view.fontMetrics().horizontalAdvance(combo.itemText(i)) + view.fontMetrics().averageCharWidth()
            if view.viewport().width() < needed:
                problems.append(f"{name} list: {combo.itemText(i)!r} needs {needed} px, "
                                f"has {view.viewport().width()}")
        combo.hidePopup()
    return problems


@pytest.mark.parametrize("locale", ["en", "zh_CN"])
def test_no_option_is_cut_off_at_the_default_size(make_window, examples_dir, qtbot, locale):
    window = make_window(examples_dir / "training_centre.signdesk")  # the default size on this screen
    window.language.set_locale(locale)
    problems = []
    nav = window.navigator
    for item in [i for i in nav._items() if i.data(1, _KEY_ROLE) == "section"]:
        nav.tree.setCurrentItem(item)
        where = str(tuple(item.data(0, _KEY_ROLE)))
        problems += cut_texts(window, qtbot, where)
        # Nothing on the page (a long check-box label) pushes its end out of sight to the right.
        page = window.current_page()
        if page.scroll.horizontalScrollBar().maximum() > 0:
            problems.append(f"{where}: the page scrolls sideways, {page.scroll.widget().minimumSizeHint().width()} px "
                            f"wide in {page.scroll.viewport().width()}")
        if nav.tree.visualItemRect(item).width() < nav.tree.fontMetrics().horizontalAdvance(item.text(0)):
            assert item.toolTip(0) == item.text(0)  # an elided section title is there in full on hovering
    for tab in (window.findings, window.preview):
        window.side.setCurrentWidget(tab)
        problems += cut_texts(window, qtbot, type(tab).__name__)
    assert not problems, "\n".join(problems)
    # The window stayed within the screen, with room for the questions.
    room = window.screen().availableGeometry()
    assert window.frameGeometry().width() <= room.width()
    assert window.stack.width() >= 150


def test_a_long_stored_answer_shows_its_start(make_window, examples_dir):
    window = make_window(examples_dir / "training_centre.signdesk")
    edit = window.current_page().rows["address_en"].field.edit
    assert edit.text().startswith("3F, 27")
    assert edit.fontMetrics().horizontalAdvance(edit.text()) > edit.width()  # longer than the field here
    assert edit.cursorPosition() == 0  # so the field shows "3F, 27 Zhongguancun…", not "…Haidian District, Beijing"
