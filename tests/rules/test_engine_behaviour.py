"""What the engine promises beyond single rules: examples, citations, scope,
hidden and unanswered questions, and findings that name their answers."""

from __future__ import annotations

import re

import pytest

from signdesk.i18n import EN, ZH, translate
from signdesk.model import Project, Scenario, load
from signdesk.questions import QUESTION_BY_ID
from signdesk.questions.model import Kind
from signdesk.rules import RULES, Law, Severity, evaluate
from signdesk.rules.engine import TODAY_KEY
from signdesk.rules.model import Confidence, LAW_SHORT_NAMES, SEVERITY_LABELS

from rule_projects import EXAMPLES, TODAY, patched, rule_ids

NON_BINDING = {Law.DRAFT_2023, Law.GBT_41819, Law.GBT_45574, Law.AUDIT_GUIDELINE}


# ------------------------------------------------------------------ examples
def test_compliant_example_has_no_violations():
    a = evaluate(load(EXAMPLES / "bubble_tea_shop.signdesk"), today=TODAY)
    assert a.violations == ()
    assert a.findings == ()


@pytest.mark.parametrize("name, violations", [
    ("residential_compound", {
        (None, "FR-23"), (None, "FR-41"),
        ("s-gates", "FR-03"), ("s-gates", "FR-09"), ("s-gates", "FR-10"), ("s-gates", "FR-12"),
        ("s-gates", "FR-14"), ("s-gates", "FR-15"), ("s-gates", "FR-18"), ("s-gates", "FR-20"),
        ("s-gates", "FR-21"), ("s-gates", "FR-29"), ("s-gates", "FR-31"), ("s-gates", "FR-54"),
    }),
    ("small_hotel", {(None, "FR-25")}),
    ("training_centre", {("s-kids", "FR-15"), ("s-staff", "FR-27")}),
])
def test_non_compliant_examples(name, violations):
    a = evaluate(load(EXAMPLES / f"{name}.signdesk"), today=TODAY)
    assert {(f.scenario_id, f.rule_id) for f in a.violations} == violations


def test_residential_filing_overdue_names_the_deadline_in_both_languages():
    a = evaluate(load(EXAMPLES / "residential_compound.signdesk"), today=TODAY)
    (f,) = [f for f in a.findings if f.rule_id == "FR-41"]
    # Due by 14 April 2026 (30 working days from 2 March): overdue from the 15th.
    assert f.title(EN) == "Filing overdue since 15 April 2026"
    assert f.title(ZH) == "备案自2026年4月15日起逾期"
    assert "by 14 April 2026" in f.why(EN) and "2026年4月14日前" in f.why(ZH)
    assert f.citation_text(ZH) == ("《人脸识别技术应用安全管理办法》第15条；"
                                   "国家网信办《关于开展人脸识别技术应用备案工作的公告》")


# ----------------------------------------------------------------- citations
def test_articles_of_one_law_are_grouped():
    from signdesk.rules import RULE_BY_ID
    a = evaluate(patched(scenario={**{"enrolled": ["children"], "guardian_consent": False}}), today=TODAY)
    (f,) = [f for f in a.findings if f.rule_id == "FR-15"]
    assert f.citation_text(ZH) == "《人脸识别技术应用安全管理办法》第6条、第7条；《个人信息保护法》第28条、第29条、第31条"
    assert f.citation_text(EN) == "FR Measures arts. 6, 7; PIPL arts. 28, 29, 31"
    assert [c.article for c in RULE_BY_ID["FR-15"].citations] == ["7", "31", "28", "6", "29"]


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_violations_rest_on_binding_law(rule):
    if rule.severity is Severity.VIOLATION:
        assert any(c.supports_violation for c in rule.citations)
    if rule.severity is not Severity.ADVISORY:
        # The draft and the voluntary standard never carry a duty on their own.
        assert any(c.law not in NON_BINDING for c in rule.citations)
    assert rule.citations, "every rule cites something"


def test_draft_and_standard_support_nothing():
    for rule in RULES:
        for c in rule.citations:
            if c.law in NON_BINDING or c.confidence is Confidence.LOW:
                assert not c.supports_violation


def test_no_rule_rests_on_unidentified_measures_articles():
    # Reference (A): arts. 16-18 are supervision/liability or unidentified.
    cited = {c.article for r in RULES for c in r.citations if c.law is Law.MEASURES}
    assert not cited & {"16", "17", "18"}
    assert cited <= {str(n) for n in range(1, 21)}


def test_draft_only_rules_are_advice():
    for rule in RULES:
        if all(c.law in NON_BINDING for c in rule.citations):
            assert rule.severity is Severity.ADVISORY, rule.id


# ----------------------------------------------------------- research scope
def _bad_scenario(**extra) -> Project:
    return patched(scenario={"notice_before": False, "alternatives": ["none"], "non_face_feasible": True,
                             "private_spaces": ["toilet"], **extra})


def test_research_scenario_drops_the_measures_but_keeps_pipl():
    normal = evaluate(_bad_scenario(), today=TODAY)
    assert {"FR-03", "FR-27", "FR-34"} <= {f.rule_id for f in normal.findings}
    research = evaluate(_bad_scenario(purposes=["research"]), today=TODAY)
    ids = {f.rule_id for f in research.findings}
    assert "FR-03" in ids            # PIPL 17/30 still bind
    assert "FR-27" not in ids        # Measures art. 10 only
    assert "FR-34" not in ids        # Measures art. 13 only
    for f in research.findings:
        assert all(c.law not in (Law.MEASURES, Law.CAC_FILING) for c in f.citations), f.rule_id
    (notice,) = [f for f in research.findings if f.rule_id == "FR-03"]
    assert notice.severity is Severity.VIOLATION
    assert research.research_only == {"s-till"}


def test_research_business_needs_no_filing_but_keeps_pipl_assessment():
    overdue = {"people_stored": 150_000, "threshold_date": TODAY.replace(month=6), "filing_status": "not_filed",
               "pia_done": False}
    assert {"FR-41", "FR-23"} <= rule_ids(patched(overdue))
    a = evaluate(patched({**overdue, "research_only": True}), today=TODAY)
    ids = {f.rule_id: f for f in a.findings}
    assert "FR-41" not in ids
    # PIPL binds; the recommended standard stays as advice beside it.
    assert [c.law for c in ids["FR-23"].citations if c.law.binding] == [Law.PIPL]
    assert all(c.law is not Law.MEASURES for f in a.findings for c in f.citations)


def test_all_scenarios_research_takes_the_business_out_of_the_measures():
    overdue = {"people_stored": 150_000, "threshold_date": TODAY.replace(month=6), "filing_status": "not_filed"}
    assert "FR-41" not in rule_ids(patched(overdue, {"purposes": ["research"]}))
    assert "FR-41" in rule_ids(patched(overdue, {"purposes": ["research", "payment"]}))


# ------------------------------------------------------- hidden and unanswered
@pytest.mark.parametrize("business, scenario, rule_id", [
    # Guardian consent is asked only when children are enrolled.
    ({}, {"guardian_consent": False, "child_rules": False}, "FR-15"),
    # Consent method is asked only when the basis is consent.
    ({}, {"legal_basis": "employment", "consent_method": "bundled"}, "FR-09"),
    # Transfer basis is asked only when data leaves the device.
    ({}, {"transmission_basis": "nothing"}, "FR-18"),
    # Re-consent is asked only after a new use.
    ({}, {"new_use_since_consent": False, "reconsent": False}, "FR-13"),
    # Sign at capture is asked only for public places.
    ({}, {"public_place": False, "sign_at_capture": False}, "FR-31"),
    # Filing questions are asked only at 100,000 people.
    ({"people_stored": 5_000, "threshold_date": TODAY.replace(year=2025), "filing_status": "not_filed"}, {}, "FR-41"),
    # Change filing is asked only once filed.
    ({"people_stored": 150_000, "filing_status": "not_filed", "filing_changed": True,
      "filing_change_date": TODAY.replace(year=2025), "change_filed": False}, {}, "FR-44"),
    # Raw-image authorisation is asked only if raw images are kept.
    ({}, {"raw_images_kept": False, "raw_images_authorised": False}, "FR-22"),
    # The PIA follow-ups are asked only if a PIA was done.
    ({"pia_done": False, "pia_retention_years": 1}, {}, "FR-25"),
])
def test_stale_answer_under_a_hidden_question_never_triggers(business, scenario, rule_id):
    assert rule_id not in rule_ids(patched(business, scenario))


def test_empty_project_has_no_findings():
    assert evaluate(Project(), today=TODAY).findings == ()
    empty = Project(scenarios=[Scenario("s-1", "Gate", {})])
    assert evaluate(empty, today=TODAY).findings == ()


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_no_rule_fires_on_no_answers(rule):
    assert not rule.when({TODAY_KEY: TODAY})


def test_findings_name_the_answers_that_triggered_them():
    project = load(EXAMPLES / "residential_compound.signdesk")
    a = evaluate(project, today=TODAY)
    assert a.findings
    for f in a.findings:
        assert f.triggers, f.rule_id
        answers = project.business_answers() if f.scenario_id is None else project.answers_for(
            project.scenario(f.scenario_id))
        for t in f.triggers:
            assert t.question_id in f.rule.when.questions(), (f.rule_id, t.question_id)
            assert answers[t.question_id] == t.value


# ------------------------------------------------------------------ language
def _texts():
    for rule in RULES:
        yield rule.title
        yield rule.why
        yield rule.fix
    yield from SEVERITY_LABELS.values()
    yield from LAW_SHORT_NAMES.values()


@pytest.mark.parametrize("msgid", sorted(set(_texts())))
def test_chinese_text_uses_chinese_punctuation(msgid):
    zh = translate(ZH, msgid)
    assert zh != msgid or msgid in ("GB/T 41819",), "untranslated"
    assert sorted(re.findall(r"\{\w+\}", zh)) == sorted(re.findall(r"\{\w+\}", msgid))
    assert not re.search(r"[,;:?!]|\((?!\w)|[\u3400-\u9fff][()]", zh), zh


def test_glossary_terms_are_used_consistently():
    pairs = {"separate consent": "单独同意", "prominent notice sign": "显著提示标识",
             "impact assessment": "影响评估", "sensitive personal information": "敏感个人信息",
             "guardian's consent": "监护人同意"}
    for msgid in set(_texts()):
        for en, zh in pairs.items():
            if en in msgid.lower():
                assert zh in translate(ZH, msgid), (msgid, zh)


def test_yes_no_and_empty_choice_read_naturally():
    from signdesk.rules import describe_value
    assert describe_value("pia_done", False, ZH) == "否"
    assert describe_value("security_measures", [], EN) == "Nothing ticked"
    assert QUESTION_BY_ID["security_measures"].kind is Kind.MULTI


def test_chinese_law_titles_are_the_official_ones():
    # A title in 《》 must be the law's real title (or 《个人信息保护法》, the
    # PIPL's customary short title): no invented short forms like 《人脸识别办法》.
    official = {"《人脸识别技术应用安全管理办法》", "《中华人民共和国个人信息保护法》", "《个人信息保护法》",
                "《网络数据安全管理条例》", "《关于开展人脸识别技术应用备案工作的公告》",
                "《最高人民法院关于审理使用人脸识别技术处理个人信息相关民事案件适用法律若干问题的规定》",
                "《信息安全技术 人脸识别数据安全要求》", "《人脸识别技术应用安全管理规定（试行）（征求意见稿）》",
                "《数据安全技术 敏感个人信息处理安全要求》", "《个人信息保护合规审计指引》"}
    for msgid in set(_texts()):
        for title in re.findall(r"《[^》]*》", translate(ZH, msgid)):
            assert title in official, (msgid, title)
