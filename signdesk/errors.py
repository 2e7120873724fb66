"""Errors a user can cause, with messages in the user's language.

The GUI and the CLI show ``err.message(locale)`` as is; a traceback is never
shown for user input. Messages are English msgids with ``{placeholders}``;
their Chinese lives in the gettext catalogue of the area that raises them
(``translations/zh_CN/<area>.po``).
"""

from __future__ import annotations


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
            value = value.get(locale)
        out[key] = value
    return out
