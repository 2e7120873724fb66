"""The questionnaire as data: well-formed, and visibility that behaves."""

from __future__ import annotations

import pytest

from signdesk.i18n import translate
from signdesk.model import Project, Scenario, is_visible
from signdesk.questions import QUESTION_BY_ID, QUESTIONS, SECTIONS, Kind, Scope, questions_in, scope_of
from signdesk.questions.conditions import Condition


def test_question_ids_are_unique():
    assert len({q.id for q in QUESTIONS}) == len(QUESTIONS)


def test_every_section_has_questions_and_every_question_a_section():
    section_ids = {s.id for s in SECTIONS}
    for section in SECTIONS:
        assert questions_in(section.id), section.id
    for q in QUESTIONS:
        assert q.section in section_ids, q.id


def test_business_sections_come_first():
    scopes = [s.scope for s in SECTIONS]
    assert scopes == sorted(scopes, key=lambda s: s is Scope.SCENARIO)


@pytest.mark.parametrize("q", [q for q in QUESTIONS if q.visible_if is not None], ids=lambda q: q.id)
def test_visibility_reads_only_earlier_questions_of_the_same_or_business_scope(q):
    position = {x.id: i for i, x in enumerate(QUESTIONS)}
    for qid in q.visible_if.questions():
        assert qid in QUESTION_BY_ID, f"{q.id} depends on unknown question {qid}"
        assert position[qid] < position[q.id], f"{q.id} depends on later question {qid}"
        assert scope_of(QUESTION_BY_ID[qid]) in (scope_of(q), Scope.BUSINESS), f"{q.id} reads scenario answer {qid}"


@pytest.mark.parametrize("q", QUESTIONS, ids=lambda q: q.id)
def test_options_fit_the_kind(q):
    keys = q.option_keys()
    assert len(set(keys)) == len(keys), f"duplicate option key in {q.id}"
    if q.kind in (Kind.CHOICE, Kind.MULTI):
        assert len(keys) >= 2
        assert all(k and k.isidentifier() for k in keys)
    else:
        assert not keys
    if q.kind is Kind.NUMBER:
        assert q.minimum is not None and q.maximum is not None and q.minimum <= q.maximum


@pytest.mark.parametrize("q", QUESTIONS, ids=lambda q: q.id)
def test_texts_are_translated(q):
    texts = [q.text] + [q.help] * bool(q.help) + [o.label for o in q.options]
    for text in texts:
        assert translate("zh_CN", text) != text, text


def test_conditions_are_inspectable():
    for q in QUESTIONS:
        if q.visible_if is not None:
            assert isinstance(q.visible_if, Condition) and q.visible_if.questions()


def _project(business=None, **scenario_answers) -> tuple[Project, Scenario]:
    sc = Scenario("s-1", "正门", dict(scenario_answers))
    return Project(dict(business or {}), [sc]), sc


def test_consent_method_shows_only_for_consent():
    project, sc = _project(legal_basis="employment", consent_method="bundled")
    assert not is_visible("consent_method", project, sc)
    assert "consent_method" not in project.answers_for(sc)
    sc.answers["legal_basis"] = "consent"
    assert is_visible("consent_method", project, sc)
    assert project.answers_for(sc)["consent_method"] == "bundled"


def test_hidden_answers_stay_in_the_file_but_not_in_the_evaluation():
    # Switching the basis away and back must not lose what the owner typed.
    project, sc = _project(legal_basis="employment", consent_method="separate")
    assert sc.answers["consent_method"] == "separate"
    assert "consent_method" not in project.answers_for(sc)


def test_chained_visibility_resolves_in_one_pass():
    # filing_change_date needs filing_changed, which needs filing_status == filed,
    # which needs people_stored >= 100,000.
    business = {"people_stored": 150_000, "filing_status": "filed", "filing_changed": True,
                "filing_change_date": "2026-01-05"}
    project, _ = _project(business)
    assert "filing_change_date" in project.business_answers()
    project.business["people_stored"] = 90_000
    visible = project.business_answers()
    assert not {"filing_status", "filing_changed", "filing_change_date"} & set(visible)


def test_scenario_questions_see_business_answers():
    project, sc = _project({"people_stored": 10}, public_place=True, sign_at_capture=False)
    answers = project.answers_for(sc)
    assert answers["people_stored"] == 10 and answers["sign_at_capture"] is False
    sc.answers["public_place"] = False
    assert "sign_at_capture" not in project.answers_for(sc)


def test_children_questions_follow_enrolment():
    project, sc = _project(enrolled=["customers"], guardian_consent=False)
    assert not is_visible("guardian_consent", project, sc)
    sc.answers["enrolled"] = ["customers", "children"]
    assert is_visible("guardian_consent", project, sc)
