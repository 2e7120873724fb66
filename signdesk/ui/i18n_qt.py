"""The UI language: our gettext catalogues for our strings, Qt's .qm for Qt's, and the font order.

Our own texts go through ``signdesk.i18n.translate`` (one catalogue for the
GUI, the CLI and the documents); Qt's own dialog buttons (Cancel, Open...)
come from the ``qtbase_zh_CN.qm`` file PySide6 ships. The language also
decides which font comes first (``order_fonts``).
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, QObject, QSettings, QTranslator, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from signdesk.i18n import EN, ZH, normalize_locale, translate
from signdesk.paths import qt_translations_dir

LANGUAGE_KEY = "ui/language"
#: Application properties: the system's Latin font family and the bundled Chinese one (set by app.py).
LATIN_FAMILY = "signdesk-latin-family"
CJK_FAMILY = "signdesk-cjk-family"

#: Language names in the language itself, as every app's language menu shows them.
LANGUAGE_NAMES = {ZH: "简体中文", EN: "English"}


def system_locale() -> str:
    """The default UI language from the operating system's locale."""
    return normalize_locale(QLocale.system().name())


def order_fonts(app: QApplication, locale: str) -> None:
    """Put the font of ``locale`` first in the application font, the other one behind it as fallback.

    Noto Sans SC's quotes and apostrophes (“ ” ‘ ’ ' ") are full-width, as
    Chinese typography wants them; English text needs the Latin font's.
    Characters the first font lacks (Chinese names in the English UI) come
    from the second one.
    """
    latin, cjk = app.property(LATIN_FAMILY), app.property(CJK_FAMILY)
    families = [f for f in ((cjk, latin) if locale == ZH else (latin, cjk)) if f]
    if not families or app.font().families() == families:
        return
    font = QFont(app.font())
    font.setFamilies(families)
    app.setFont(font)
    # Widgets styled by the sheet keep the font it resolved until it is applied again.
    app.setStyleSheet(app.styleSheet())


class UiLanguage(QObject):
    """The current UI locale; emits ``changed`` so widgets can retranslate."""

    changed = Signal(str)

    def __init__(self, settings: QSettings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        stored = settings.value(LANGUAGE_KEY, "", type=str)
        self.locale = normalize_locale(stored) if stored else system_locale()
        self._qt_translator: QTranslator | None = None
        self._install_qt_translator()
        self._order_fonts()

    def tr(self, msgid: str, **params: object) -> str:
        """``msgid`` in the current UI language."""
        return translate(self.locale, msgid, **params)

    def set_locale(self, locale: str) -> None:
        """Switch language now and remember the choice."""
        locale = normalize_locale(locale)
        self._settings.setValue(LANGUAGE_KEY, locale)
        if locale == self.locale:
            return
        self.locale = locale
        self._install_qt_translator()
        self._order_fonts()
        self.changed.emit(locale)

    def _order_fonts(self) -> None:
        app = QApplication.instance()
        if app is not None:
            order_fonts(app, self.locale)

    def _install_qt_translator(self) -> None:
        app = QApplication.instance()
        if app is None:
            return
        if self._qt_translator is not None:
            app.removeTranslator(self._qt_translator)
            self._qt_translator = None
        if self.locale == ZH:
            translator = QTranslator(self)
            if translator.load("qtbase_zh_CN", str(qt_translations_dir())):
                app.installTranslator(translator)
                self._qt_translator = translator
