"""Small, inspectable conditions over answers.

The same conditions decide whether a question is shown and whether a rule
fires, and each one can say which questions it looks at, so a finding can
name the answers that triggered it and the UI can jump to them.

An unanswered question makes every test on it false: SignDesk never flags a
problem on the strength of an answer the owner has not given.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Callable, Mapping

Answers = Mapping[str, Any]


class Condition:
    """A test over a mapping of question id -> answer."""

    def __call__(self, answers: Answers) -> bool:  # pragma: no cover - abstract
        raise NotImplementedError

    def questions(self) -> tuple[str, ...]:
        """Ids of the questions this condition reads, in reading order."""
        raise NotImplementedError  # pragma: no cover

    def causes(self, answers: Answers) -> tuple[str, ...]:
        """The questions whose answers make this condition true, to show the
        owner why a rule fired. Negated parts are context, not causes."""
        return self.questions()

    def __and__(self, other: "Condition") -> "Condition":
        return All(self, other)

    def __or__(self, other: "Condition") -> "Condition":
        return Any_(self, other)


def _answered(answers: Answers, qid: str) -> bool:
    value = answers.get(qid)
    return value is not None and value != "" and value != []


@dataclass(frozen=True)
class Answered(Condition):
    qid: str

    def __call__(self, answers: Answers) -> bool:
        return _answered(answers, self.qid)

    def questions(self) -> tuple[str, ...]:
        return (self.qid,)


@dataclass(frozen=True, init=False)
class Is(Condition):
    """The answer equals one of ``values`` (yes/no, choice, number)."""

    qid: str
    values: tuple[Any, ...]

    def __init__(self, qid: str, *values: Any) -> None:
        object.__setattr__(self, "qid", qid)
        object.__setattr__(self, "values", values)

    def __call__(self, answers: Answers) -> bool:
        return _answered(answers, self.qid) and answers[self.qid] in self.values

    def questions(self) -> tuple[str, ...]:
        return (self.qid,)


@dataclass(frozen=True, init=False)
class IsNot(Is):
    """Answered, and with none of ``values``."""

    def __call__(self, answers: Answers) -> bool:
        return _answered(answers, self.qid) and answers[self.qid] not in self.values


def Yes(qid: str) -> Condition:
    return Is(qid, True)


def No(qid: str) -> Condition:
    return Is(qid, False)


@dataclass(frozen=True, init=False)
class Has(Condition):
    """A multiple-choice answer includes at least one of ``values``."""

    qid: str
    values: tuple[str, ...]

    def __init__(self, qid: str, *values: str) -> None:
        object.__setattr__(self, "qid", qid)
        object.__setattr__(self, "values", values)

    def __call__(self, answers: Answers) -> bool:
        if not _answered(answers, self.qid):
            return False
        return any(v in answers[self.qid] for v in self.values)

    def questions(self) -> tuple[str, ...]:
        return (self.qid,)


@dataclass(frozen=True, init=False)
class Lacks(Has):
    """A multiple-choice answer was given and includes none of ``values``."""

    def __call__(self, answers: Answers) -> bool:
        if self.qid not in answers or answers[self.qid] is None:
            return False
        return not any(v in answers[self.qid] for v in self.values)


@dataclass(frozen=True)
class AtLeast(Condition):
    qid: str
    bound: float

    def __call__(self, answers: Answers) -> bool:
        return _answered(answers, self.qid) and answers[self.qid] >= self.bound

    def questions(self) -> tuple[str, ...]:
        return (self.qid,)


@dataclass(frozen=True)
class Below(Condition):
    qid: str
    bound: float

    def __call__(self, answers: Answers) -> bool:
        return _answered(answers, self.qid) and answers[self.qid] < self.bound

    def questions(self) -> tuple[str, ...]:
        return (self.qid,)


@dataclass(frozen=True)
class Before(Condition):
    """A date answer falls before ``day``."""

    qid: str
    day: dt.date

    def __call__(self, answers: Answers) -> bool:
        return _answered(answers, self.qid) and answers[self.qid] < self.day

    def questions(self) -> tuple[str, ...]:
        return (self.qid,)


@dataclass(frozen=True, init=False)
class All(Condition):
    parts: tuple[Condition, ...]

    def __init__(self, *parts: Condition) -> None:
        object.__setattr__(self, "parts", parts)

    def __call__(self, answers: Answers) -> bool:
        return all(p(answers) for p in self.parts)

    def questions(self) -> tuple[str, ...]:
        return _merge(p.questions() for p in self.parts)

    def causes(self, answers: Answers) -> tuple[str, ...]:
        return _merge(p.causes(answers) for p in self.parts)


@dataclass(frozen=True, init=False)
class Any_(Condition):
    parts: tuple[Condition, ...]

    def __init__(self, *parts: Condition) -> None:
        object.__setattr__(self, "parts", parts)

    def __call__(self, answers: Answers) -> bool:
        return any(p(answers) for p in self.parts)

    def questions(self) -> tuple[str, ...]:
        return _merge(p.questions() for p in self.parts)

    def causes(self, answers: Answers) -> tuple[str, ...]:
        return _merge(p.causes(answers) for p in self.parts if p(answers))


@dataclass(frozen=True)
class Not(Condition):
    """Negation. Careful: true when the inner question is unanswered."""

    part: Condition

    def __call__(self, answers: Answers) -> bool:
        return not self.part(answers)

    def questions(self) -> tuple[str, ...]:
        return self.part.questions()

    def causes(self, answers: Answers) -> tuple[str, ...]:
        return ()


@dataclass(frozen=True)
class Check(Condition):
    """An arbitrary test for the few rules a combinator cannot say.

    ``reads`` must list every question the function looks at.
    """

    test: Callable[[Answers], bool]
    reads: tuple[str, ...]
    label: str = ""

    def __call__(self, answers: Answers) -> bool:
        return bool(self.test(answers))

    def questions(self) -> tuple[str, ...]:
        return self.reads


def _merge(groups) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for group in groups:
        for qid in group:
            seen.setdefault(qid, None)
    return tuple(seen)
