"""Generated projects: loading only ever fails with ProjectFileError, and every
finding of every project that loads renders fully in both languages."""

from __future__ import annotations

import datetime as dt
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from answer_values import right_kind
from signdesk.i18n import EN, ZH
from signdesk.model import ProjectFileError, loads, project_from_json
from signdesk.questions import QUESTIONS, Scope, scope_of
from signdesk.rules import describe_value, evaluate

SETTINGS = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
BUSINESS_QS = [q for q in QUESTIONS if scope_of(q) is Scope.BUSINESS]
SCENARIO_QS = [q for q in QUESTIONS if scope_of(q) is Scope.SCENARIO]
TODAYS = st.sampled_from([dt.date(2026, 11, 22), dt.date(2025, 7, 1), dt.date(2027, 2, 1), dt.date(2040, 1, 1)])

_SCALAR = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=12),
                    st.sampled_from(["yes", "2025-02-30", "1e9", "-1", "none", "", "NaN", "100,000", "shop"]))
GARBAGE = st.one_of(_SCALAR, st.lists(_SCALAR, max_size=3), st.dictionaries(st.text(max_size=4), _SCALAR, max_size=2))


def answers(questions, values, most: int | None = None) -> st.SearchStrategy:
    @st.composite
    def build(draw):
        chosen = draw(st.lists(st.sampled_from(questions), unique_by=lambda q: q.id,
                               max_size=most or len(questions)))
        return {q.id: draw(values(q)) for q in chosen}
    return build()


def project_json(values, most: int | None = None) -> st.SearchStrategy:
    scenario = st.builds(
        lambda i, a: {"id": f"s-{i}", "name": f"Place {i}", "answers": a},
        st.integers(0, 3), answers(SCENARIO_QS, values, most))
    return st.builds(
        lambda b, scs: {"format": "signdesk-project", "schema_version": 2, "business": b, "scenarios": scs},
        answers(BUSINESS_QS, values, most),
        st.lists(scenario, max_size=2, unique_by=lambda s: s["id"]))


def render_everything(project, today) -> None:
    assessment = evaluate(project, today=today)
    for f in assessment.findings:
        for locale in (ZH, EN):
            texts = [f.title(locale), f.why(locale), f.fix(locale), f.citation_text(locale),
                     f.severity.label(locale)]
            texts += [describe_value(t.question_id, t.value, locale) for t in f.triggers]
            for text in texts:
                assert text and "{" not in text and "}" not in text, (f.rule_id, locale, text)
        assert f.triggers, f.rule_id
    for doc in assessment.documents:
        assert doc.kind.title(ZH) != doc.kind.title(EN)


@settings(max_examples=500, **SETTINGS)
@given(project_json(right_kind), TODAYS)
def test_well_formed_projects_load_evaluate_and_render(data, today):
    project = project_from_json(data)  # right kinds and ranges: must load
    render_everything(project, today)


# Small projects: one bad answer already refuses the file, so size buys nothing.
MIXED = project_json(lambda q: st.one_of(right_kind(q), GARBAGE), most=8)


@settings(max_examples=400, **SETTINGS)
@given(MIXED, TODAYS)
def test_garbage_answers_are_refused_with_a_message(data, today):
    try:
        project = project_from_json(data)
    except ProjectFileError as err:
        assert err.message(ZH) and err.message(EN)
        return
    render_everything(project, today)


@settings(max_examples=200, **SETTINGS)
@given(st.one_of(
    st.binary(max_size=200),
    GARBAGE.map(lambda v: json.dumps(v).encode()),
    MIXED.map(lambda d: json.dumps(d, default=str).encode()[: len(json.dumps(d, default=str)) // 2]),
    MIXED.map(lambda d: json.dumps(d, default=str).encode()),
))
def test_loads_never_raises_anything_but_a_file_error(raw):
    try:
        project = loads(raw)
    except ProjectFileError as err:
        assert err.message(ZH) and err.message(EN)
        return
    render_everything(project, dt.date(2026, 11, 22))
