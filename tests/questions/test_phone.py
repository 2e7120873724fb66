"""Phone numbers: every kind China really uses is accepted; anything else is told what is wrong."""

from __future__ import annotations

import pytest

from signdesk.questions import QUESTION_BY_ID
from signdesk.questions.model import AnswerError

PHONE = QUESTION_BY_ID["contact_phone"]


@pytest.mark.parametrize("number", [
    "12345",                 # government service hotline
    "12315",                 # consumer complaints
    "95588",                 # a bank's five-digit service number
    "95105888",              # an eight-digit 95 number
    "10086",                 # a carrier's service number
    "400-123-4567", "800 820 8820",
    "021-5555 0123", "(021) 5555 0123", "010-6266 1234", "0755-1234 5678", "0571-8888 6666",
    "5555 0123", "8888666",  # local, without the area code
    "138 0000 0000", "13800000000", "199-1234-5678",
    "+86 138 0000 0000", "+86 21 5555 0123", "+86 (0)21 5555 0123", "+86 755 1234 5678", "0086 138 0000 0000",
    "+852 2123 4567", "+1 212 555 0100",
])
def test_real_numbers_are_accepted_as_typed(number):
    assert PHONE.check(number) == number


def problem(number: str, locale: str = "en") -> str:
    with pytest.raises(AnswerError) as err:
        PHONE.check(number)
    return err.value.message(locale)


@pytest.mark.parametrize("number, en, zh", [
    ("1234", "Too short for a phone number: even a service number such as 95588 has 5 digits; this one has 4.",
     "只有 4 位"),
    ("138 0000 000", "A mobile number has 11 digits; this one has 10.", "11 位数字，这里有 10 位"),
    ("138 0000 00000", "A mobile number has 11 digits; this one has 12.", "这里有 12 位"),
    ("120 1234 5678", "A mobile number starts with 13 to 19, not 12.", "不是 12"),
    ("123456", "A service number starting with 1, such as 12345 or 10086, has 5 digits; this one has 6.", "5 位数字"),
    ("021-555", "A number with its area code has 10 to 12 digits, such as 021-5555 0123; this one has 6.",
     "带区号"),
    ("400-123-456", "A 400 or 800 number has 10 digits, such as 400-123-4567; this one has 9.", "400 或 800"),
    ("555 012", "A number without an area code has 7 or 8 digits; this one has 6.", "不带区号"),
    ("+86 21 555", "After +86 come the area code without its 0 and the number", "+86 之后"),
    ("+1 23", "An international number has 8 to 15 digits after the +; this one has 3.", "国际号码"),
    ("call 021", "A phone number has only digits, spaces, hyphens and brackets: remove “call”.", "请删去“call”"),
    ("021-5555 0123 ext. 8", "remove “ext.”", "电话号码只能包含数字"),
    ("138+0000 0000", "A + goes only at the start", "“+”只能"),
    ("１３８ 0000 0000", "Switch the input method to half-width: “１３８” are full-width characters.", "半角"),
])
def test_a_wrong_number_is_told_what_is_wrong(number, en, zh):
    assert en in problem(number)
    assert zh in problem(number, "zh_CN")


def test_five_digits_is_never_called_not_digits():
    # "12345" was refused with "Enter a phone number with digits only": it is digits.
    assert PHONE.check("12345") == "12345"
    assert "digits only" not in problem("1234")


def test_the_filing_agents_phone_is_checked_the_same_way():
    agent = QUESTION_BY_ID["filing_agent_phone"]
    assert agent.check("95588") == "95588"
    with pytest.raises(AnswerError, match="11 digits"):
        agent.check("139 1234 567")
