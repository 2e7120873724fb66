"""What the preview pane shows: its zoom, and always the document the selector names."""

from __future__ import annotations

import random
import time

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QImage, QPalette, QWheelEvent
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QApplication
from pypdf import PdfReader

from signdesk.rules import DocumentKind
from signdesk.ui import preview as preview_module
from signdesk.ui.preview import ZOOM_STEPS, _buffer


def choose(window, kind: DocumentKind, large_print: bool = False) -> int:
    combo = window.preview.documents
    index = next(i for i in range(combo.count())
                 if combo.itemData(i)[0] == kind.value and bool(combo.itemData(i)[2]) == large_print)
    combo.setCurrentIndex(index)
    return index


def settled(preview) -> bool:
    """No render queued or running, and the drawing on screen is the one the selector names."""
    return (not preview.timer.isActive() and not preview.progress.isVisible()
            and preview.shown is not None and preview.shown == preview.request())


def wait_drawn(preview, qtbot) -> None:
    qtbot.waitUntil(lambda: settled(preview), timeout=30000)
    qtbot.wait(150)  # QPdfView draws its pages in a thread of its own


def background(view) -> int:
    return view.palette().color(QPalette.ColorRole.Dark).rgb()


def page_width(view) -> int:
    """The width of the first page on screen in pixels (wider than the pane: as far as it scrolls)."""
    margins = view.documentMargins()
    bar = view.horizontalScrollBar()
    if bar.maximum() > 0:
        return bar.maximum() + view.viewport().width() - margins.left() - margins.right()
    image = view.viewport().grab().toImage()
    y = margins.top() + 2 - view.verticalScrollBar().value()
    page = [x for x in range(image.width()) if image.pixel(x, y) != background(view)]
    return page[-1] - page[0] + 1 if page else 0


def page_height(view) -> int:
    """The height of the first page on screen, measured down its white left margin."""
    image = view.viewport().grab().toImage()
    margins = view.documentMargins()
    row = margins.top() + 2
    x = next(x for x in range(image.width()) if image.pixel(x, row) != background(view)) + 2
    top = margins.top()
    bottom = next((y for y in range(top, image.height()) if image.pixel(x, y) == background(view)), image.height())
    return bottom - top


def zoom_shown(preview) -> str:
    return preview.zoom_label.text()


def consent_on_screen(make_window, examples_dir, qtbot):
    window = make_window(examples_dir / "bubble_tea_shop.signdesk")
    window.side.setCurrentWidget(window.preview)
    window.resize(1280, 700)
    window.splitter.setSizes([200, 300, 780])  # a pane wider than a page is
    choose(window, DocumentKind.CONSENT_FORM)
    wait_drawn(window.preview, qtbot)
    return window


def test_zoom_buttons_fit_the_width_or_the_page(make_window, examples_dir, qtbot):
    window = consent_on_screen(make_window, examples_dir, qtbot)
    preview = window.preview
    view = preview.view
    room = view.viewport().size()
    margins = view.documentMargins()
    # It opens showing a whole page.
    assert preview.zoom_buttons["fit_page"].isChecked()
    whole_page = page_width(view)
    a4 = 297 / 210
    assert whole_page * a4 <= room.height()  # (QPdfView lets the last 3 pixels run under the edge)
    assert whole_page < room.width() - margins.left() - margins.right() - 20

    qtbot.mouseClick(preview.zoom_buttons["fit_width"], Qt.MouseButton.LeftButton)
    assert preview.zoom_buttons["fit_width"].isChecked() and not preview.zoom_buttons["fit_page"].isChecked()
    assert abs(page_width(view) - (room.width() - margins.left() - margins.right())) <= 2
    assert page_height(view) == room.height() - margins.top()  # the page runs on below the pane
    assert int(zoom_shown(preview).rstrip(" %")) > int(round(whole_page / page_width(view) * 100))

    qtbot.mouseClick(preview.zoom_buttons["fit_page"], Qt.MouseButton.LeftButton)
    assert abs(page_width(view) - whole_page) <= 1


def test_zoom_steps_in_and_out_from_the_buttons_and_the_keyboard(make_window, examples_dir, qtbot):
    window = consent_on_screen(make_window, examples_dir, qtbot)
    preview = window.preview
    window.activateWindow()
    preview.view.setFocus()
    qtbot.waitUntil(lambda: preview.view.hasFocus() or preview.view.viewport().hasFocus())
    widths = [page_width(preview.view)]
    labels = [zoom_shown(preview)]

    def after(step) -> None:
        step()
        widths.append(page_width(preview.view))
        labels.append(zoom_shown(preview))

    after(lambda: qtbot.mouseClick(preview.zoom_buttons["zoom_in"], Qt.MouseButton.LeftButton))
    after(lambda: qtbot.keyClick(preview.view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier))
    after(lambda: qtbot.mouseClick(preview.zoom_buttons["zoom_out"], Qt.MouseButton.LeftButton))
    after(lambda: qtbot.keyClick(preview.view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier))
    after(lambda: qtbot.keyClick(preview.view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier))
    assert widths[0] < widths[1] < widths[2]
    assert widths[2] > widths[3] > widths[4] > widths[5]
    # Each step is one of the steps the label names, and the page follows it.
    steps = [f"{round(z * 100)} %" for z in ZOOM_STEPS]
    assert all(label in steps for label in labels[1:]), labels
    assert labels[1] == labels[3] and widths[1] == widths[3]
    assert not preview.zoom_buttons["fit_page"].isChecked() and not preview.zoom_buttons["fit_width"].isChecked()
    # Ctrl+0 is "fit page" again.
    after(lambda: qtbot.keyClick(preview.view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier))
    assert preview.zoom_buttons["fit_page"].isChecked() and abs(widths[-1] - widths[0]) <= 1


def wheel(view, notches: int, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    centre = QPointF(view.viewport().width() / 2, view.viewport().height() / 2)
    event = QWheelEvent(centre, QPointF(view.viewport().mapToGlobal(centre.toPoint())), QPoint(0, 0),
                        QPoint(0, 120 * notches), Qt.MouseButton.NoButton, modifiers,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(view.viewport(), event)


def test_ctrl_and_the_mouse_wheel_zoom_a_plain_wheel_scrolls(make_window, examples_dir, qtbot):
    window = consent_on_screen(make_window, examples_dir, qtbot)
    preview = window.preview
    fitted = page_width(preview.view)
    wheel(preview.view, 1, Qt.KeyboardModifier.ControlModifier)
    bigger = page_width(preview.view)
    assert bigger > fitted
    wheel(preview.view, 1, Qt.KeyboardModifier.ControlModifier)
    assert page_width(preview.view) > bigger
    wheel(preview.view, -1, Qt.KeyboardModifier.ControlModifier)
    assert page_width(preview.view) == bigger
    # Without Ctrl the wheel scrolls down the pages at the same zoom.
    label = zoom_shown(preview)
    wheel(preview.view, -2)
    assert preview.view.verticalScrollBar().value() > 0
    preview.view.verticalScrollBar().setValue(0)
    assert zoom_shown(preview) == label and page_width(preview.view) == bigger


def title(preview) -> str:
    return preview.pdf.metaData(QPdfDocument.MetaDataField.Title)


def test_the_chosen_document_and_its_zoom_survive_a_language_switch_and_an_edit(make_window, examples_dir, qtbot):
    window = consent_on_screen(make_window, examples_dir, qtbot)
    preview = window.preview
    consent = preview.request()
    consent_title = title(preview)
    qtbot.mouseClick(preview.zoom_buttons["zoom_in"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(preview.zoom_buttons["zoom_in"], Qt.MouseButton.LeftButton)
    label, width = zoom_shown(preview), page_width(preview.view)
    first_drawing = preview.view

    with qtbot.waitSignal(preview.rendered, timeout=30000):
        window.language.set_locale("zh_CN")
    wait_drawn(preview, qtbot)
    assert preview.view is not first_drawing  # drawn again, in the new language's window
    assert preview.documents.currentText().startswith("单独同意书")
    assert preview.shown == consent and title(preview) == consent_title
    assert zoom_shown(preview) == label and page_width(preview.view) == width

    # An edit draws the form again: the same form, at the same zoom.
    window.navigator.select(("business", None))
    edit = window.current_page().rows["contact_phone"].field.edit
    edit.selectAll()
    before = preview.data
    qtbot.keyClicks(edit, "021-6666 0000")
    qtbot.waitUntil(lambda: settled(preview) and preview.data != before, timeout=30000)
    assert preview.shown == consent and title(preview) == consent_title
    assert zoom_shown(preview) == label and page_width(preview.view) == width

    # A fit mode is kept as the mode, not as the number it gave.
    qtbot.mouseClick(preview.zoom_buttons["fit_width"], Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(preview.rendered, timeout=30000):
        window.language.set_locale("en")
    wait_drawn(preview, qtbot)
    assert preview.zoom_buttons["fit_width"].isChecked()
    assert preview.view.zoomMode() is QPdfView.ZoomMode.FitToWidth


def small_grey(image: QImage) -> QImage:
    return image.scaled(image.width() // 6, image.height() // 6, Qt.AspectRatioMode.IgnoreAspectRatio,
                        Qt.TransformationMode.SmoothTransformation).convertToFormat(QImage.Format.Format_Grayscale8)


def difference(a: QImage, b: QImage) -> float:
    """Mean difference of two pictures seen from afar (0 same, 255 opposite)."""
    a, b = small_grey(a), small_grey(b)
    total = sum(abs(a.pixelColor(x, y).value() - b.pixelColor(x, y).value())
                for y in range(a.height()) for x in range(a.width()))
    return total / (a.width() * a.height())


def drawn_afresh(preview, qtbot) -> QImage:
    """What the view should show: the same bytes in a new view of the same size, zoom and scroll."""
    document = QPdfDocument()
    buffer = _buffer(preview.data)
    document.load(buffer)
    reference = QPdfView()
    reference.setPageMode(preview.view.pageMode())
    reference.setZoomMode(preview.view.zoomMode())
    reference.setZoomFactor(preview.view.zoomFactor())
    reference.setDocument(document)
    reference.resize(preview.view.size())
    reference.show()
    qtbot.waitExposed(reference)
    reference.verticalScrollBar().setValue(preview.view.verticalScrollBar().value())
    qtbot.wait(300)
    image = reference.viewport().grab().toImage()
    reference.close()
    reference.setDocument(None)
    return image


def test_the_preview_always_shows_the_document_the_selector_names(make_window, examples_dir, qtbot, monkeypatch):
    # Seen once: after a language switch the selector named the sign while the consent form
    # stayed on screen (a page the view's renderer drew from the old document landed in its
    # cache after the new one was loaded). Renders here take different times and run side by
    # side, so their results arrive in every order.
    delays = {DocumentKind.SIGN: (0.0, 0.25), DocumentKind.CONSENT_FORM: (0.0, 0.08)}
    chance = random.Random(10)
    draw = preview_module.render_document

    def slow_draw(project, request):
        time.sleep(chance.uniform(*delays[request.kind]))
        return draw(project, request)

    monkeypatch.setattr(preview_module, "render_document", slow_draw)
    window = make_window(examples_dir / "bubble_tea_shop.signdesk")
    preview = window.preview
    preview.pool.setMaxThreadCount(3)
    window.side.setCurrentWidget(preview)
    choices = [(DocumentKind.SIGN, False), (DocumentKind.CONSENT_FORM, False), (DocumentKind.CONSENT_FORM, True)]
    for _round in range(8):
        for _step in range(6):
            if chance.random() < 0.4:
                window.language.set_locale(chance.choice(["en", "zh_CN"]))
            else:
                choose(window, *chance.choice(choices))
            qtbot.wait(chance.choice([0, 5, 40, 100, 200]))
        wait_drawn(preview, qtbot)
        request = preview.request()
        kind, _scenario, large = preview._key_at(preview.documents.currentIndex())
        assert (request.kind.value, request.large_print) == (kind, large)
        # The bytes on screen are the selected document's own, and the view holds them ...
        expected = draw(window.project, request)
        assert preview.data == expected
        assert preview.view.document() is preview.pdf
        assert preview.pdf.pageCount() == len(PdfReader(__import__("io").BytesIO(expected)).pages)
        # ... and what the view draws is that document, not a page left from another.
        shown = preview.view.viewport().grab().toImage()
        assert difference(shown, drawn_afresh(preview, qtbot)) < 4, preview.documents.currentText()


def test_choosing_the_same_document_again_draws_it_if_the_screen_shows_another(make_window, examples_dir, qtbot):
    window = consent_on_screen(make_window, examples_dir, qtbot)
    preview = window.preview
    combo = preview.documents
    # The selector moved to the sign without the preview hearing of it (as a lost update would).
    combo.blockSignals(True)
    sign = choose(window, DocumentKind.SIGN)
    combo.blockSignals(False)
    assert preview.shown.kind is DocumentKind.CONSENT_FORM
    combo.activated.emit(sign)  # the owner picks "sign" in the list again
    qtbot.waitUntil(lambda: settled(preview), timeout=30000)
    assert preview.shown.kind is DocumentKind.SIGN
    assert preview.page_count() == 1
