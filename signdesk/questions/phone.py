"""Phone numbers as they are written in China: which are real, and what is wrong with one that is not.

A business's contact number may be a landline with its area code
(021-5555 0123), a local number without it (5555 0123), a mobile
(138 0000 0000), a 400/800 hotline, a short service number (95588 for a
bank, 12345 for a government hotline, 10086 for a carrier), any of them
after +86, or a foreign number after its country code. A number that is
none of these gets a message saying what does not fit (too few digits for
a mobile, a letter, a full-width digit ...), never a vague "digits only".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from signdesk.i18n import N_

#: What may stand between the digits; a + only in front of a country code.
SEPARATORS = " -()"
DIGITS = "0123456789"
#: Typed with a Chinese input method in full-width mode: "１３８", "（０２１）", "－", "＋", the wide space.
FULL_WIDTH = "０１２３４５６７８９（）－＋\u3000"


@dataclass(frozen=True)
class NumberKind:
    """One kind of number: the digits it starts with and how many digits it has.

    A ``real`` kind is accepted when the length fits; when it starts like
    the number but the length does not fit, ``message`` says so (None lets
    the next kinds try: a local number may start with 800 too). A kind that
    is not real names a common slip and always gets its ``message``.
    """

    name: str
    starts: tuple[str, ...]
    lengths: range
    message: str | None
    real: bool = True


#: Checked in order; the first kind that starts like the number and either fits or has a message decides.
NATIONAL_KINDS = (
    NumberKind("mobile", tuple(f"1{d}" for d in "3456789"), range(11, 12),
               N_("A mobile number has 11 digits; this one has {count}.")),
    NumberKind("mobile with a wrong start", ("10", "11", "12"), range(9, 99),
               N_("A mobile number starts with 13 to 19, not {start}."), real=False),
    NumberKind("service number starting with 1", ("10", "11", "12"), range(5, 6),
               N_("A service number starting with 1, such as 12345 or 10086, has 5 digits; this one has {count}.")),
    NumberKind("local number starting with 400 or 800", ("400", "800"), range(7, 9), None),
    NumberKind("400 or 800 hotline", ("400", "800"), range(10, 11),
               N_("A 400 or 800 number has 10 digits, such as 400-123-4567; this one has {count}.")),
    NumberKind("with area code", ("0",), range(10, 13),
               N_("A number with its area code has 10 to 12 digits, such as 021-5555 0123; this one has {count}.")),
    NumberKind("service number starting with 95 or 96", ("95", "96"), range(5, 9), None),
    NumberKind("local number", tuple("23456789"), range(7, 9),
               N_("A number without an area code has 7 or 8 digits; this one has {count}. "
                  "With the area code it starts with 0, such as 021-5555 0123.")),
)

#: The shortest real numbers (95588, 12345) have five digits.
SHORTEST = 5
#: E.164: a country code and number have at most 15 digits; fewer than 8 is no foreign number either.
INTERNATIONAL = range(8, 16)

Problem = tuple[str, dict[str, object]]


def phone_problem(text: str) -> Problem | None:
    """What is wrong with ``text`` as a phone number: (msgid, parameters), or None if it is a real one."""
    wide = "".join(dict.fromkeys(c for c in text if c in FULL_WIDTH))
    if wide:
        return N_("Switch the input method to half-width: “{characters}” are full-width characters."), {
            "characters": wide}
    body = text[1:] if text.startswith("+") else text
    if "+" in body:
        return N_("A + goes only at the start, before the country code (+86)."), {}
    stray = list(dict.fromkeys(re.findall(f"[^{DIGITS}{re.escape(SEPARATORS)}]+", body)))  # "call 021" -> ["call"]
    if stray:
        return N_("A phone number has only digits, spaces, hyphens and brackets: remove “{characters}”."), {
            "characters": "”, “".join(stray)}
    digits = "".join(c for c in body if c in DIGITS)
    international = text.startswith("+") or digits.startswith("00")
    if international:
        digits = digits[2:] if not text.startswith("+") else digits
        if not digits.startswith("86"):
            if len(digits) not in INTERNATIONAL:
                return N_("An international number has 8 to 15 digits after the +; this one has {count}."), {
                    "count": len(digits)}
            return None
        national = digits[2:]
        if national[:1] in tuple("23456789") and not national.startswith(("400", "800")):
            # After +86 the area code loses its 0: +86 21 5555 0123.
            if len(national) in range(9, 12):
                return None
            return N_("After +86 come the area code without its 0 and the number, 9 to 11 digits, "
                      "such as +86 21 5555 0123; this one has {count}."), {"count": len(national)}
        digits = national
    return national_problem(digits)


def national_problem(digits: str) -> Problem | None:
    """What is wrong with a number dialled within China (digits only), or None."""
    if len(digits) < SHORTEST:
        return N_("Too short for a phone number: even a service number such as 95588 has 5 digits; "
                  "this one has {count}."), {"count": len(digits)}
    params: dict[str, object] = {"count": len(digits), "start": digits[:2]}
    for kind in NATIONAL_KINDS:
        if not digits.startswith(kind.starts):
            continue
        if len(digits) in kind.lengths:
            return None if kind.real else (kind.message, params)  # type: ignore[return-value]
        if kind.real and kind.message is not None:
            return kind.message, params
    raise AssertionError(f"no kind of number starts like {digits}")  # every first digit has one
