"""The shapes of the questionnaire: sections, questions, options, answer kinds.

Texts are English msgids (translated through the gettext catalogues); the
catalogue of actual questions lives in ``signdesk.questions.catalogue``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import Enum
from typing import Any

from signdesk.errors import UserInputError
from signdesk.i18n import N_
from signdesk.questions.conditions import Condition
from signdesk.questions.phone import phone_problem
from signdesk.questions.urls import OptOutUrlError, check_optout_url


class Scope(str, Enum):
    """Asked once for the business, or once per scenario (place + purpose)."""

    BUSINESS = "business"
    SCENARIO = "scenario"


class Kind(str, Enum):
    YES_NO = "yes_no"
    CHOICE = "choice"
    MULTI = "multi"
    NUMBER = "number"
    DATE = "date"
    TEXT = "text"
    URL = "url"
    PHONE = "phone"
    EMAIL = "email"


@dataclass(frozen=True)
class Option:
    key: str
    label: str
    help: str = ""


@dataclass(frozen=True)
class Section:
    id: str
    scope: Scope
    title: str
    help: str = ""


@dataclass(frozen=True)
class Question:
    """One question. ``text``/``help``/option labels are English msgids."""

    id: str
    section: str
    kind: Kind
    text: str
    help: str = ""
    options: tuple[Option, ...] = ()
    visible_if: Condition | None = None
    #: For numbers: inclusive bounds. For texts: maximum length (url answers
    #: follow ``signdesk.questions.urls.MAX_URL_LENGTH`` instead).
    minimum: float | None = None
    maximum: float | None = None
    max_length: int = 500
    #: Glossary term keys explained in a tooltip wherever the question shows.
    terms: tuple[str, ...] = ()
    #: Shown as placeholder / example in an empty field.
    example: str = ""
    #: For the optional English value of a free-text answer that documents
    #: print in both languages: the id of the Chinese question it goes with
    #: (``"address"`` for ``"address_en"``). English lines print this value;
    #: when it is empty they print the Chinese one.
    english_of: str | None = None
    #: For a free-text answer printed in both languages: the label of its
    #: optional English value, which the catalogue then asks right after it
    #: (as ``<id>_en``, with ``english_of`` set).
    english_label: str = ""
    #: Left empty on purpose by many owners (a named person; every English
    #: value, see ``english_of``): not counted among the questions still to answer.
    optional: bool = False

    @property
    def may_stay_empty(self) -> bool:
        """Not counted as open when unanswered: optional, or an English value."""
        return self.optional or self.english_of is not None

    def option_keys(self) -> tuple[str, ...]:
        return tuple(o.key for o in self.options)

    def option(self, key: str) -> Option:
        for opt in self.options:
            if opt.key == key:
                return opt
        raise KeyError(key)

    def check(self, value: Any) -> Any:
        """Validate and normalise a value for this question.

        Returns the normalised value (dates as ``datetime.date``, multiple
        choices in catalogue order). Raises ``AnswerError`` with a message
        for the user. ``None`` means "not answered" and is always accepted.
        """
        if value is None:
            return None
        return _CHECKERS[self.kind](self, value)


class AnswerError(UserInputError):
    """An answer that does not fit its question."""


_EMAIL = re.compile(r"^[^@\s<>\"]{1,64}@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)+$")


def _yes_no(q: Question, value: Any) -> bool:
    if not isinstance(value, bool):
        raise AnswerError(N_("Answer yes or no."))
    return value


def _choice(q: Question, value: Any) -> str:
    if not isinstance(value, str) or value not in q.option_keys():
        raise AnswerError(
            N_("“{value}” is not one of the choices ({choices})."),
            value=str(value)[:40],
            choices=", ".join(q.option_keys()),
        )
    return value


def _multi(q: Question, value: Any) -> list[str]:
    if not isinstance(value, (list, tuple)):
        raise AnswerError(N_("Expected a list of choices."))
    keys = q.option_keys()
    for item in value:
        if not isinstance(item, str) or item not in keys:
            raise AnswerError(
                N_("“{value}” is not one of the choices ({choices})."),
                value=str(item)[:40],
                choices=", ".join(keys),
            )
    chosen = set(value)
    return [k for k in keys if k in chosen]


def _number(q: Question, value: Any) -> int | float:
    if isinstance(value, str):
        text = value.strip().replace(",", "").replace("，", "")
        try:
            value = int(text)
        except ValueError:
            try:
                value = float(text)
            except ValueError:
                raise AnswerError(N_("Enter a number.")) from None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise AnswerError(N_("Enter a number."))
    if value != value or value in (float("inf"), float("-inf")):
        raise AnswerError(N_("Enter a number."))
    if q.minimum is not None and value < q.minimum:
        raise AnswerError(N_("Enter a number of at least {minimum}."), minimum=_num(q.minimum))
    if q.maximum is not None and value > q.maximum:
        raise AnswerError(N_("Enter a number of at most {maximum}."), maximum=_num(q.maximum))
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return value


def _num(x: float) -> str:
    return f"{int(x):,}" if float(x).is_integer() else str(x)


def _date(q: Question, value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        day = value
    elif isinstance(value, str):
        day = _parse_date(value)
    else:
        raise AnswerError(N_("Enter a date as YYYY-MM-DD, for example 2025-06-01."))
    if not (dt.date(2000, 1, 1) <= day <= dt.date(2100, 12, 31)):
        raise AnswerError(N_("Enter a date between 2000 and 2100."))
    return day


# 2025-06-01, 2025/6/1, 2025.6.1 and 2025年6月1日 are all how owners write dates.
_DATE = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$")


def _parse_date(text: str) -> dt.date:
    match = _DATE.match(text)
    if not match:
        raise AnswerError(N_("Enter a date as YYYY-MM-DD, for example 2025-06-01."))
    year, month, day = (int(g) for g in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise AnswerError(N_("There is no such day: {year}-{month:02d}-{day:02d}."),
                          year=year, month=month, day=day) from None


def _text(q: Question, value: Any) -> str:
    if not isinstance(value, str):
        raise AnswerError(N_("Enter text."))
    text = value.strip()
    if len(text) > q.max_length:
        raise AnswerError(
            N_("Too long: {length} characters, at most {maximum}."),
            length=len(text),
            maximum=q.max_length,
        )
    if any(ord(c) < 32 and c not in "\n\t" for c in text):
        raise AnswerError(N_("The text contains control characters."))
    return text


def _url(q: Question, value: Any) -> str:
    # The opt-out link rule, not the text rule: the link the owner types
    # here is the one printed in the QR code, so both must refuse the same
    # addresses with the same words (``max_length`` is not consulted).
    if not isinstance(value, str):
        raise AnswerError(N_("Enter text."))
    if not value.strip():
        return ""
    try:
        return check_optout_url(value)
    except OptOutUrlError as err:
        raise AnswerError(err.msgid, **err.params) from None


def _phone(q: Question, value: Any) -> str:
    text = _text(q, value)
    problem = phone_problem(text) if text else None
    if problem is not None:
        msgid, params = problem
        raise AnswerError(msgid, **params)
    return text


def _email(q: Question, value: Any) -> str:
    text = _text(q, value)
    if text and not _EMAIL.match(text):
        raise AnswerError(N_("Enter an e-mail address such as privacy@example.cn."))
    return text


_CHECKERS = {
    Kind.YES_NO: _yes_no,
    Kind.CHOICE: _choice,
    Kind.MULTI: _multi,
    Kind.NUMBER: _number,
    Kind.DATE: _date,
    Kind.TEXT: _text,
    Kind.URL: _url,
    Kind.PHONE: _phone,
    Kind.EMAIL: _email,
}
