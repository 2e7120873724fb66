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

        # A nested error (an answer problem inside a file problem) speaks the
        # same language as the message around it.
        params = {
            k: v.message(locale) if isinstance(v, UserInputError) else v for k, v in self.params.items()
        }
        return translate(locale, self.msgid, **params)

    def __str__(self) -> str:  # logs and pytest output read English
        return self.message("en")
