"""The questionnaire as data: sections, questions, options and visibility."""

from signdesk.questions.catalogue import (  # noqa: F401
    ENGLISH_VALUE,
    FILING_THRESHOLD,
    QUESTION_BY_ID,
    QUESTIONS,
    SECTION_BY_ID,
    SECTIONS,
    questions_in,
    scope_of,
    sections_for,
)
from signdesk.questions.model import AnswerError, Kind, Option, Question, Scope, Section  # noqa: F401
