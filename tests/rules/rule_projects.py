"""Shared builders for the rule tests: the compliant bubble-tea shop, patched."""

from __future__ import annotations

import datetime as dt
from typing import Any, Mapping

from pathlib import Path

from signdesk.model import Project, load
from signdesk.rules import evaluate

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
#: The date the examples are checked against (as in tests/conftest.py).
TODAY = dt.date(2026, 11, 22)

#: Put this as a patch value to remove an answer.
DROP = object()


def shop() -> Project:
    """The bubble-tea shop example: compliant, one public-place payment scenario."""
    return load(EXAMPLES / "bubble_tea_shop.signdesk")


def _apply(answers: dict[str, Any], patch: Mapping[str, Any]) -> None:
    for qid, value in patch.items():
        if value is DROP:
            answers.pop(qid, None)
        else:
            answers[qid] = value


def patched(business: Mapping[str, Any] | None = None, scenario: Mapping[str, Any] | None = None) -> Project:
    """The shop with some business and scenario answers replaced."""
    project = shop()
    _apply(project.business, business or {})
    _apply(project.scenarios[0].answers, scenario or {})
    return project


def rule_ids(project: Project, today: dt.date = TODAY) -> set[str]:
    return {f.rule_id for f in evaluate(project, today=today).findings}
