"""The user guide (Help > User guide): one short HTML file per UI language.

The files sit beside this module (``guide.zh_CN.html``, ``guide.en.html``)
and are read through ``importlib.resources``, so a wheel and the frozen app
carry them as package data and the guide reads offline. They are plain
HTML of the subset Qt's rich-text browser shows (headings, paragraphs,
lists, bold, links within the page): no scripts, styles or images. The
menu names they quote are the app's own (tests/ui/test_guide.py checks
them against the menus).
"""

from __future__ import annotations

from importlib.resources import files

from signdesk.i18n import normalize_locale


def guide_file_name(locale: str) -> str:
    """``guide.zh_CN.html`` or ``guide.en.html``: the guide in ``locale``'s language."""
    return f"guide.{normalize_locale(locale)}.html"


def guide_html(locale: str) -> str:
    """The guide in ``locale``'s language (Chinese for any zh locale, else English)."""
    return files(__name__).joinpath(guide_file_name(locale)).read_text("utf-8")
