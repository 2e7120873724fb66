"""The consent block holds together for every project: every example, and generated answers.

The consent block — each purpose's tick box, the separate ticks (Internet
transmission, sharing, abroad), the declaration, the name, signature and
date lines (on the guardian form the child's name, the guardian's name,
relationship and contact) and the business's record fields — lies on one
page, after the whole notice, in normal and in large print. Checked on the
laid-out flow and on the text of each PDF page.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from answer_values import right_kind
from consent_checks import assert_form_holds_together
from pdf_checks import reader, text_of
from signdesk.documents.consent import consent_form, layout_consent, render_consent
from signdesk.model import Project, Scenario, load
from signdesk.paths import EXAMPLES_DIR
from signdesk.questions import QUESTIONS, Scope, scope_of
from signdesk.questions.model import Kind

TODAY = dt.date(2026, 11, 22)
EXAMPLES = sorted(EXAMPLES_DIR.glob("*.signdesk"))


def _cases():
    for path in EXAMPLES:
        for sc in load(path).scenarios:
            for guardian in (False, True):
                for large in (False, True):
                    yield pytest.param(path, sc.id, guardian, large,
                                       id=f"{path.stem}-{sc.id}-{'guardian' if guardian else 'adult'}"
                                          f"{'-large' if large else ''}")


def _check(project: Project, scenario: Scenario, guardian: bool, large: bool) -> tuple[float, int]:
    form = consent_form(project, scenario, guardian, TODAY)
    flow = layout_consent(form, TODAY, large)
    pdf = render_consent(project, scenario, TODAY, guardian, large_print=large)
    assert_form_holds_together(flow, pdf, form)
    return flow.s, len(flow.pages)


@pytest.mark.parametrize("path,scenario_id,guardian,large", list(_cases()))
def test_every_example_form_keeps_its_consent_block_on_one_page(path, scenario_id, guardian, large) -> None:
    project = load(path)
    size, pages = _check(project, project.scenario(scenario_id), guardian, large)
    if large:
        assert size >= 14.0
    else:
        assert size >= 10.0 and pages <= 3  # comfortable type, at most two sheets


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_large_print_is_bigger_and_the_same_text(path) -> None:
    project = load(path)
    for sc in project.scenarios:
        for guardian in (False, True):
            form = consent_form(project, sc, guardian, TODAY)
            normal, large = layout_consent(form, TODAY), layout_consent(form, TODAY, large_print=True)
            assert large.s >= normal.s + 3 and large.s >= 14.0
            # Measured on the PDF: the biggest body text size of the large-print edition.
            normal_pdf = render_consent(project, sc, TODAY, guardian)
            large_pdf = render_consent(project, sc, TODAY, guardian, large_print=True)
            assert len(reader(large_pdf).pages) > len(reader(normal_pdf).pages)
            assert "".join(text_of(normal_pdf).split()).count("人脸信息") == \
                "".join(text_of(large_pdf).split()).count("人脸信息")


# --- generated projects ----------------------------------------------------------

SCENARIO_QS = [q for q in QUESTIONS if scope_of(q) is Scope.SCENARIO]
BUSINESS_QS = [q for q in QUESTIONS if scope_of(q) is Scope.BUSINESS]
#: Printable text: Chinese, Latin letters, digits, spaces and the punctuation people type.
TYPED = st.text(st.sampled_from("北京市海淀区中关村大街号层室启明星课外培训中心旷视科技有限公司ABCDEFGHIJabcdefghij0123456789 -&,.()（）、"),
                min_size=1)


def _value(q) -> st.SearchStrategy:
    if q.kind is Kind.TEXT:
        # Often the longest text the question allows: the hardest case for a page.
        return st.one_of(TYPED.map(lambda t: (t * q.max_length)[:q.max_length]),
                         TYPED.map(lambda t: t[:q.max_length]))
    if q.kind in (Kind.URL, Kind.PHONE, Kind.EMAIL):
        return {Kind.URL: st.just("https://example.cn/face-optout"), Kind.PHONE: st.just("010-6266 1234"),
                Kind.EMAIL: st.just("privacy@example.cn")}[q.kind]
    return right_kind(q)


@st.composite
def _project(draw) -> Project:
    def answers(questions):
        chosen = draw(st.lists(st.sampled_from(questions), unique_by=lambda q: q.id))
        return {q.id: draw(_value(q)) for q in chosen}

    business = answers(BUSINESS_QS)
    business["optout_url"] = "https://example.cn/face-optout"
    scenario = answers(SCENARIO_QS)
    return Project(business=business, scenarios=[Scenario("s-1", draw(TYPED)[:30], scenario)])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(_project(), st.booleans(), st.booleans())
def test_generated_projects_keep_the_consent_block_on_one_page(project, guardian, large) -> None:
    size, pages = _check(project, project.scenarios[0], guardian, large)
    assert size >= (12.0 if large else 8.5)
