"""Every register finding, both ways: a register that shows the problem, and a
nearly identical one that does not. Through the same engine as every rule."""

from __future__ import annotations

import datetime as dt

import pytest

from signdesk.model import load
from signdesk.register import Person, register_facts
from signdesk.rules import RULE_BY_ID, Severity, evaluate
from signdesk.rules.register_rules import REGISTER_RULES

from register_helpers import SHOP, consent

D = dt.date
TODAY = D(2026, 11, 22)
SC = "s-till"  # the shop's one scenario
V1 = {SC: {"adult": "v1", "guardian": "g1", "sign": "sv1"}}
V2 = {SC: {"adult": "v2", "guardian": "g1", "sign": "sv2"}}

def _ids(reg, versions=V1, project=None, today=TODAY):
    project = project or load(SHOP)
    found = evaluate(project, today, register_facts(reg, versions)).findings
    return {f.rule_id: f for f in found}

def test_the_shop_and_a_clean_register_give_no_findings(reg):
    consent(reg, scenario=SC, version="v1")
    assert _ids(reg) == {}

def test_register_rules_live_in_the_catalogue_and_violations_rest_on_binding_law():
    for rule in REGISTER_RULES:
        assert RULE_BY_ID[rule.id] is rule
        if rule.severity is Severity.VIOLATION:
            assert any(c.supports_violation for c in rule.citations)
        assert rule.citations

def test_no_register_no_register_findings():
    assert not [f for f in evaluate(load(SHOP), TODAY).findings if f.rule_id.startswith("RG-")]

def test_deletion_overdue_after_withdrawal_and_not_once_deleted(reg):
    a = consent(reg, scenario=SC, version="v1")
    reg.withdraw(a.person_id, day=D(2026, 11, 1), channel="phone", deletion_days=15)
    found = _ids(reg)
    assert "RG-01" in found and "RG-02" not in found
    assert found["RG-01"].severity is Severity.VIOLATION and "PIPL art. 47" in found["RG-01"].citation_text("en")
    assert "17 November 2026" in found["RG-01"].title("en")  # due by the 16th
    reg.confirm_deletion(a.person_id, day=D(2026, 11, 10), by="李", devices=["till"])
    assert "RG-01" not in _ids(reg)

def test_withdrawal_within_its_deletion_time_is_a_to_do_with_the_date(reg):
    a = consent(reg, scenario=SC, version="v1")
    reg.withdraw(a.person_id, day=D(2026, 11, 20), channel="in_person", deletion_days=15)
    found = _ids(reg)
    assert "RG-01" not in found and found["RG-02"].severity is Severity.OBLIGATION
    assert "5 December 2026" in found["RG-02"].title("en")
    assert "2026年12月5日" in found["RG-02"].title("zh_CN")
    # On the due date itself it is still due, the day after it is overdue.
    assert "RG-02" in _ids(reg, today=D(2026, 12, 5)) and "RG-01" in _ids(reg, today=D(2026, 12, 6))

def test_consents_on_an_earlier_form_version(reg):
    consent(reg, scenario=SC, version="v1")
    assert "RG-03" not in _ids(reg, V1)
    found = _ids(reg, V2)
    assert found["RG-03"].severity is Severity.OBLIGATION and "1" in found["RG-03"].title("en")
    assert "PIPL art. 14" in found["RG-03"].citation_text("en")

def test_unknown_versions_prove_nothing(reg):
    consent(reg, scenario=SC)  # no version recorded
    assert "RG-03" not in _ids(reg, V2)
    consent(reg, "张伟", "5678", scenario=SC, version="v1")
    assert "RG-03" not in _ids(reg, {})  # today's version not known

def test_child_without_guardian(reg):
    consent(reg, "小明", "1111", scenario=SC, version="g1", minor=True)
    found = _ids(reg)
    assert found["RG-04"].severity is Severity.VIOLATION and "FR Measures art. 7" in found["RG-04"].citation_text("en")
    consent(reg, "小红", "2222", scenario=SC, version="g1", minor=True, guardian_relation="母亲")
    assert found["RG-04"].params["count"] == 1
    assert _ids(reg)["RG-04"].params["count"] == 1

def test_child_with_guardian_is_clean(reg):
    reg.record_consent(Person("小红", phone_last4="2222", guardian_name="王芳"), scenario_id=SC, version="g1",
                       minor=True, guardian_relation="母亲", day=TODAY)
    assert "RG-04" not in _ids(reg)

def test_outdated_sign_names_where_it_hangs(reg):
    reg.post_sign("S-01", scenario_id=SC, location="南门", version="sv1", day=TODAY)
    reg.post_sign("S-02", scenario_id=SC, location="收银台", version="sv2", day=TODAY)
    found = _ids(reg, V2)
    assert "南门 (S-01)" in found["RG-05"].title("zh_CN") and "收银台" not in found["RG-05"].title("en")
    reg.take_down_sign("S-01", day=TODAY)
    assert "RG-05" not in _ids(reg, V2)

def test_public_capture_point_without_a_sign(reg):
    project = load(SHOP)
    assert project.scenarios[0].answers.get("public_place") is True
    project.add_scenario("Side door", "entrance_gate").answers["public_place"] = True
    reg.post_sign("S-01", scenario_id=SC, location="南门", version="sv1", day=TODAY)
    found = evaluate(project, TODAY, register_facts(reg, V1)).findings
    unsigned = [f for f in found if f.rule_id == "RG-06"]
    assert [f.scenario_id for f in unsigned] == [project.scenarios[1].id]
    assert unsigned[0].triggers[0].question_id == "public_place"

def test_no_sign_finding_when_the_owner_does_not_keep_the_sign_register(reg):
    consent(reg, scenario=SC, version="v1")
    assert "RG-06" not in _ids(reg)

@pytest.mark.parametrize("n, expected", [(79_999, set()), (80_000, {"RG-07"}), (100_000, {"RG-08"})])
def test_people_counted_against_the_filing_threshold(reg, n, expected, monkeypatch):
    # Counting is the register's job; avoid writing 100,000 rows here by
    # patching the count the facts read.
    from signdesk.rules import register_rules as rr

    consent(reg, scenario=SC, version="v1")
    facts = register_facts(reg, V1)
    facts = rr.RegisterFacts(rr.BusinessRegister(facts.business.open_withdrawals, n), facts.scenarios)
    found = {f.rule_id for f in evaluate(load(SHOP), TODAY, facts).findings}
    assert found & {"RG-07", "RG-08"} == expected

def test_people_count_is_distinct_people_whose_faces_may_be_stored(reg):
    a = consent(reg, scenario=SC, version="v1")
    consent(reg, "王芳", "1234", scenario="s-other", version="v1")  # the same person elsewhere
    b = consent(reg, "张伟", "5678", scenario=SC, version="v1")
    consent(reg, "刘洋", "9999", scenario=SC, refused=True)
    assert register_facts(reg).business.people == 2
    reg.withdraw(b.person_id, day=TODAY, channel="phone", deletion_days=15)
    assert register_facts(reg).business.people == 2  # withdrawn, not yet deleted: still stored
    reg.confirm_deletion(b.person_id, day=TODAY, by="李")
    assert register_facts(reg).business.people == 1
    assert a.person_id
