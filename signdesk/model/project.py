"""A business's answers: business-wide ones and one set per scenario."""

from __future__ import annotations

import copy
import datetime as dt
from collections import ChainMap
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

from signdesk.i18n import N_
from signdesk.questions import QUESTION_BY_ID, QUESTIONS, Scope, scope_of

#: Longest scenario name, so it fits a sign's subtitle and a file name.
MAX_SCENARIO_NAME = 60


def new_scenario_id() -> str:
    """A short random id that stays with a scenario through renames."""
    import secrets  # here, not at start: it brings OpenSSL's hashes along

    return "s-" + secrets.token_hex(4)


@dataclass
class Scenario:
    """One place and purpose where the business uses face recognition."""

    id: str
    name: str
    answers: dict[str, Any] = field(default_factory=dict)

    def kind(self) -> str | None:
        return self.answers.get("scenario_kind")

    @property
    def name_en(self) -> str:
        """The name on English lines: the owner's English name for it, else the name itself."""
        value = self.answers.get("scenario_name_en")
        return value.strip() if isinstance(value, str) and value.strip() else self.name


@dataclass
class Project:
    """Everything the owner has answered. Pure data; no Qt, no I/O."""

    business: dict[str, Any] = field(default_factory=dict)
    scenarios: list[Scenario] = field(default_factory=list)
    #: The id of the register (signdesk.register) kept beside the project file, once there is one.
    register_id: str | None = None

    def scenario(self, scenario_id: str) -> Scenario:
        for sc in self.scenarios:
            if sc.id == scenario_id:
                return sc
        raise KeyError(scenario_id)

    def add_scenario(self, name: str, kind: str | None = None) -> Scenario:
        sc = Scenario(new_scenario_id(), name, {"scenario_kind": kind} if kind else {})
        self.scenarios.append(sc)
        return sc

    def duplicate_scenario(self, scenario_id: str, name: str) -> Scenario:
        src = self.scenario(scenario_id)
        sc = Scenario(new_scenario_id(), name, copy.deepcopy(src.answers))
        self.scenarios.insert(self.scenarios.index(src) + 1, sc)
        return sc

    def remove_scenario(self, scenario_id: str) -> None:
        self.scenarios.remove(self.scenario(scenario_id))

    def copy(self) -> "Project":
        return copy.deepcopy(self)

    # -- answers as rules and documents see them --------------------------
    def business_answers(self) -> dict[str, Any]:
        """Business-wide answers, with answers to hidden questions left out."""
        return visible_answers(self.business, {})

    def answers_for(self, scenario: Scenario) -> Mapping[str, Any]:
        """A scenario's answers over the business answers, hidden ones left out.

        A question hidden by an earlier answer counts as unanswered, so a
        stale answer (say, a retention period after switching to "kept on
        the device only") can never trigger a finding.
        """
        business = self.business_answers()
        return ChainMap(visible_answers(scenario.answers, business), business)


def visible_answers(own: Mapping[str, Any], context: Mapping[str, Any]) -> dict[str, Any]:
    """The answers in ``own`` whose questions are visible.

    Visibility conditions may read earlier answers of the same scope and the
    business answers in ``context``. Questions are walked in catalogue order,
    so a chain of conditions resolves in one pass.
    """
    kept: dict[str, Any] = {}
    lookup = ChainMap(kept, context)
    for q in QUESTIONS:
        if q.id not in own:
            continue
        if q.visible_if is not None and not q.visible_if(lookup):
            continue
        kept[q.id] = own[q.id]
    return kept


def visibility(project: Project, scenario: Scenario | None) -> Callable[[str], bool]:
    """``shown(question_id)``: whether a question is shown, given the current answers.

    The visible answers it reads are worked out once, so asking about every
    question of a project costs one pass over the answers, not one per question.
    """
    business = project.business_answers()
    scenario_view: list[Mapping[str, Any]] = []

    def shown(question_id: str) -> bool:
        q = QUESTION_BY_ID[question_id]
        if q.visible_if is None:
            return True
        if scope_of(q) is Scope.BUSINESS or scenario is None:
            return q.visible_if(business)
        if not scenario_view:
            scenario_view.append(ChainMap(visible_answers(scenario.answers, business), business))
        return q.visible_if(scenario_view[0])

    return shown


def is_visible(question_id: str, project: Project, scenario: Scenario | None) -> bool:
    """Whether a question is shown, given the current answers."""
    return visibility(project, scenario)(question_id)


def is_answered(value: Any) -> bool:
    """Whether a stored value is an answer (None, "" and nothing ticked are not)."""
    return value is not None and value != "" and value != []


@dataclass(frozen=True)
class Unanswered:
    """A question the owner still has to answer, where it is asked."""

    question_id: str
    #: None for a business-wide question.
    scenario_id: str | None


def unanswered_questions(project: Project) -> list[Unanswered]:
    """Every shown, non-optional question without an answer, in questionnaire order.

    Findings are only as complete as the answers: the findings summary,
    ``check`` and the compliance report say how many of these are left.
    """
    shown = visibility(project, None)
    missing = [Unanswered(q.id, None) for q in QUESTIONS
               if scope_of(q) is Scope.BUSINESS and not q.may_stay_empty
               and not is_answered(project.business.get(q.id)) and shown(q.id)]
    for sc in project.scenarios:
        shown = visibility(project, sc)
        missing += [Unanswered(q.id, sc.id) for q in QUESTIONS
                    if scope_of(q) is Scope.SCENARIO and not q.may_stay_empty
                    and not is_answered(sc.answers.get(q.id)) and shown(q.id)]
    return missing


#: Said wherever findings are summed up (window, ``check``, compliance report) while questions are open.
INCOMPLETE_NOTE = N_("Unanswered questions: {count}. The findings may be incomplete until they are answered.")


def nothing_found_msgid(unanswered: int) -> str:
    """What a group without findings says: "No problems found." only once nothing is left to answer."""
    return N_("No problems found.") if unanswered == 0 else N_("Nothing to fix in the answers given so far.")


def today() -> dt.date:
    """Today's date; one place so tests and the CLI can pin it."""
    return dt.date.today()
