"""Errors a user can cause, with messages in the user's language.

The GUI and the CLI show ``err.message(locale)`` as is; a traceback is never
shown for user input. Messages are English msgids with ``{placeholders}``;
their Chinese lives in the gettext catalogue of the area that raises them
(``translations/zh_CN/<area>.po``).
"""

from __future__ import annotations

import unicodedata

#: Longest piece of user data an error message repeats (a key, a name, a path).
MAX_ECHO = 300


class UserInputError(Exception):
    """A problem the user can fix (a bad file, a bad URL, a name too long).

    ``UserInputError("The file {name} is not a SignDesk project.", name=...)``
    """

    def __init__(self, msgid: str, **params: object) -> None:
        self.msgid = msgid
        self.params = params
        super().__init__(self.message("en"))

    def message(self, locale: str) -> str:
        """The message in ``locale`` ("zh_CN" or "en")."""
        from signdesk.i18n import translate

        return translate(locale, self.msgid, **in_locale(self.params, locale))

    def __str__(self) -> str:  # logs and pytest output read English
        return self.message("en")


def in_locale(params: dict[str, object], locale: str) -> dict[str, object]:
    """Message parameters as the reader of ``locale`` sees them.

    A nested error (an answer problem inside a file problem) and a
    bilingual value (a field's name) speak the language of the message
    around them.
    """
    from signdesk.i18n import Bilingual

    out: dict[str, object] = {}
    for key, value in params.items():
        if isinstance(value, UserInputError):
            value = value.message(locale)
        elif isinstance(value, Bilingual):
            value = visible(value.get(locale))
        elif isinstance(value, str):
            # Values from a file or the command line: one line, no terminal
            # escapes, not a megabyte of key.
            value = visible(value, MAX_ECHO)
        out[key] = value
    return out


def visible(text: str, limit: int | None = None) -> str:
    """``text`` safe to show on one terminal line.

    Control characters (newline, ESC, bidi overrides, zero-width marks) and
    lone surrogates are shown as escapes (``\\n``, ``\\x1b``, ``\\u202e``), so
    they can be seen and cannot move the cursor or break the encoding; text
    longer than ``limit`` characters is cut with "…".
    """
    cut = limit is not None and len(text) > limit
    if cut:
        text = text[:limit]
    out = []
    for ch in text:
        if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp"):
            out.append({"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(ch) or
                       (f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}"))
        else:
            out.append(ch)
    return "".join(out) + ("…" if cut else "")
