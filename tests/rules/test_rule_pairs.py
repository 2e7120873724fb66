"""Every rule, twice: a project that triggers it and a near-identical one that does not.

Each row starts from the compliant bubble-tea shop and changes a few answers;
the two sides of a pair differ only in the answer that matters. The table
must name every rule in the catalogue.
"""

from __future__ import annotations

import datetime as dt

import pytest

from signdesk.rules import RULES, evaluate

from rule_projects import DROP, TODAY, patched, rule_ids, shop

D = dt.date
FULL_PIA = ["lawful_necessary", "impact_on_rights", "leak_risks", "protection_fit"]
FULL_SECURITY = ["encryption", "audit_log", "access_control", "authorisation", "intrusion_protection"]
FULL_NOTICE = ["name_contact", "purpose_method", "retention", "necessity", "impact", "rights"]
BIG = {"people_stored": 150_000}
FILED = {**BIG, "threshold_date": D(2025, 8, 1), "filing_status": "filed", "filing_date": D(2025, 9, 1)}
CHILDREN = {"enrolled": ["customers", "children"], "guardian_consent": True, "child_rules": True}
CLOUD = {"storage_location": "vendor_cloud", "internet_transmission": True}
RESIDENT_GATE_B = {"venue_type": "residential"}
RESIDENT_GATE_S = {"scenario_kind": "entrance_gate", "enrolled": ["residents"], "alternatives": ["none"],
                   "purposes": ["access"]}

# rule id -> (business, scenario) common to both sides, the triggering change, the clean change.
# A change is (business patch, scenario patch).
PAIRS: dict[str, tuple[tuple[dict, dict], tuple[dict, dict], tuple[dict, dict]]] = {
    "FR-01": (({}, {}), ({}, {"match_mode": "analyse_only"}), ({}, {"match_mode": "verify"})),
    "FR-02": (({}, {}), ({"purpose_necessity_written": False}, {}), ({"purpose_necessity_written": True}, {})),
    "FR-23": (({}, {}), ({"pia_done": False}, {}), ({"pia_done": True}, {})),
    "FR-23b": (({}, {}), ({"pia_before_start": False}, {}), ({"pia_before_start": True}, {})),
    "FR-24": (({}, {}), ({"pia_contents": ["lawful_necessary", "leak_risks"]}, {}), ({"pia_contents": FULL_PIA}, {})),
    "FR-25": (({}, {}), ({"pia_retention_years": 2}, {}), ({"pia_retention_years": 3}, {})),
    "FR-25b": (({}, {}), ({"processing_records": False}, {}), ({"processing_records": True}, {})),
    "FR-26": (({"pia_changed_since": True}, {}), ({"pia_redone": False}, {}), ({"pia_redone": True}, {})),
    "FR-35": (({}, {}), ({"security_measures": FULL_SECURITY[:4]}, {}), ({"security_measures": FULL_SECURITY}, {})),
    "FR-39": (({}, {}), ({"mlps_status": "not_assessed"}, {}), ({"mlps_status": "not_needed"}, {})),
    "FR-40": (({}, {}), ({"incident_plan": False}, {}), ({"incident_plan": True}, {})),
    # Threshold reached 1 June 2026: due mid-July, overdue on 22 November.
    "FR-41": (({**BIG, "threshold_date": D(2026, 6, 1)}, {}),
              ({"filing_status": "not_filed"}, {}), ({"filing_status": "filed"}, {})),
    # Reached 2 November 2026: still within the 30 working days.
    "FR-41b": (({**BIG, "threshold_date": D(2026, 11, 2)}, {}),
               ({"filing_status": "not_filed"}, {}), ({"filing_status": "filed"}, {})),
    "FR-41c": (({**BIG, "filing_status": "not_filed"}, {}),
               ({"threshold_date": DROP}, {}), ({"threshold_date": D(2026, 11, 2)}, {})),
    # A first filing to make: the office checks the ID scans and the licence details.
    "FR-41e": (({**BIG, "threshold_date": D(2026, 11, 2), "filing_status": "not_filed"}, {}),
               ({"filing_agent_id_expiry": D(2026, 10, 31)}, {}), ({"filing_agent_id_expiry": D(2030, 10, 31)}, {})),
    "FR-41f": (({**BIG, "threshold_date": D(2026, 11, 2), "filing_status": "not_filed"}, {}),
               ({"licence_match": False}, {}), ({"licence_match": True}, {})),
    "FR-41g": (({**BIG, "threshold_date": D(2026, 11, 2), "filing_status": "not_filed"}, {}),
               ({"uscc": "91310104MA1FL2XX3K"}, {}), ({"uscc": "91310104MA1FL2XX30"}, {})),
    "FR-43": (({}, {}), ({"people_stored": 85_000}, {}), ({"people_stored": 50_000}, {})),
    "FR-44": (({**FILED, "filing_changed": True, "filing_change_date": D(2026, 6, 1)}, {}),
              ({"change_filed": False}, {}), ({"change_filed": True}, {})),
    "FR-44b": (({**FILED, "filing_changed": True, "filing_change_date": D(2026, 11, 10)}, {}),
               ({"change_filed": False}, {}), ({"change_filed": True}, {})),
    "FR-45": (({**FILED, "stopped_using": True, "stop_date": D(2026, 6, 1), "data_deleted_after_stop": True}, {}),
              ({"filing_cancelled": False}, {}), ({"filing_cancelled": True}, {})),
    "FR-45b": (({**FILED, "stopped_using": True, "stop_date": D(2026, 11, 10), "data_deleted_after_stop": True}, {}),
               ({"filing_cancelled": False}, {}), ({"filing_cancelled": True}, {})),
    "FR-45c": (({**FILED, "stopped_using": True, "stop_date": D(2026, 6, 1), "filing_cancelled": True}, {}),
               ({"data_deleted_after_stop": False}, {}), ({"data_deleted_after_stop": True}, {})),
    "FR-45d": (({**FILED, "stopped_using": True, "stop_date": D(2026, 11, 10), "filing_cancelled": True}, {}),
               ({"data_deleted_after_stop": False}, {}), ({"data_deleted_after_stop": True}, {})),
    # Filed on 1 October 2025, due 12 September 2025: late, but on record.
    "FR-41d": (({**FILED, "threshold_date": D(2025, 8, 1)}, {}),
               ({"filing_date": D(2025, 10, 1)}, {}), ({"filing_date": D(2025, 9, 12)}, {})),
    "FR-44c": (({**FILED, "filing_changed": True, "filing_change_date": D(2026, 3, 2), "change_filed": True}, {}),
               ({"change_filed_date": D(2026, 5, 6)}, {}), ({"change_filed_date": D(2026, 4, 14)}, {})),
    "FR-45e": (({**FILED, "stopped_using": True, "stop_date": D(2026, 3, 2), "filing_cancelled": True,
                 "data_deleted_after_stop": True}, {}),
               ({"filing_cancelled_date": D(2026, 4, 15)}, {}), ({"filing_cancelled_date": D(2026, 4, 14)}, {})),
    "FR-46": (({"vendor_processes": True}, {}), ({"vendor_contract": False}, {}), ({"vendor_contract": True}, {})),
    "FR-47": (({"shares_with_others": True}, {}),
              ({"sharing_separate_consent": False}, {}), ({"sharing_separate_consent": True}, {})),
    "FR-48": (({"cross_border": True, "cross_border_consent": True}, {}),
              ({"cross_border_mechanism": False}, {}), ({"cross_border_mechanism": True}, {})),
    "FR-50": (({}, {}), ({"unlimited_terms": True}, {}), ({"unlimited_terms": False}, {})),
    "FR-51": (({}, {}), ({"rights_requests": False}, {}), ({"rights_requests": True}, {})),
    "FR-52": (({}, {}), ({"compliance_audit": False}, {}), ({"compliance_audit": True}, {})),
    "FR-03": (({}, {}), ({}, {"notice_before": False}), ({}, {"notice_before": True})),
    "FR-04": (({}, {}), ({}, {"notice_items": FULL_NOTICE[:2] + FULL_NOTICE[3:]}), ({}, {"notice_items": FULL_NOTICE})),
    "FR-05": (({}, {}), ({}, {"notice_prominent": False}), ({}, {"notice_prominent": True})),
    "FR-06": (({}, {}), ({}, {"change_notice": False}), ({}, {"change_notice": True})),
    "FR-07": (({}, {"enrolled": ["customers", "elderly"]}), ({}, {"accessibility": False}), ({}, {"accessibility": True})),
    # A hotel's identity check could rest on a law: no basis is PIPL 13 alone.
    "FR-08": (({}, {"purposes": ["identity_check"]}), ({}, {"legal_basis": "none"}), ({}, {"legal_basis": "consent"})),
    # Face payment for customers: no contract or law needs it, only consent can carry it.
    "FR-08b": (({}, {}), ({}, {"legal_basis": "none"}), ({}, {"legal_basis": "consent"})),
    "FR-09": (({}, {}), ({}, {"consent_method": "bundled"}), ({}, {"consent_method": "separate"})),
    "FR-09b": (({}, {}), ({}, {"consent_method": "none"}), ({}, {"consent_method": "separate"})),
    "FR-10": (({}, {}), ({}, {"service_refused": True}), ({}, {"service_refused": False})),
    "FR-11": (({}, {}), ({}, {"consent_records": False}), ({}, {"consent_records": True})),
    "FR-12": (({}, {}), ({}, {"withdrawal_route": False}), ({}, {"withdrawal_route": True})),
    "FR-13": (({}, {"new_use_since_consent": True}), ({}, {"reconsent": False}), ({}, {"reconsent": True})),
    "FR-14": (({}, {}), ({}, {"reprompt": True}), ({}, {"reprompt": False})),
    "FR-15": (({}, CHILDREN), ({}, {"guardian_consent": False}), ({}, {"guardian_consent": True})),
    "FR-15b": (({}, CHILDREN), ({}, {"guardian_consent_method": "contract_clause"}),
               ({}, {"guardian_consent_method": "separate_form"})),
    "FR-16": (({}, CHILDREN), ({}, {"child_rules": False}), ({}, {"child_rules": True})),
    "FR-17": (({}, CHILDREN), ({}, {"age_check": False}), ({}, {"age_check": True})),
    "FR-18": (({}, CLOUD), ({}, {"transmission_basis": "nothing"}), ({}, {"transmission_basis": "separate_consent"})),
    "FR-19": (({}, CLOUD), ({}, {"transmission_basis": "general_consent"}), ({}, {"transmission_basis": "separate_consent"})),
    "FR-20b": (({}, {"retention": "after_relationship_ends", "retention_days": 90}),
               ({}, {"kept_after_end_reason": "might_return"}), ({}, {"kept_after_end_reason": "legal_duty"})),
    "FR-20": (({}, {}), ({}, {"retention": "indefinite"}), ({}, {"retention": "until_relationship_ends"})),
    "FR-21": (({}, {}), ({}, {"deletion_triggers": ["relationship_ends", "service_stops"]}),
              ({}, {"deletion_triggers": ["relationship_ends", "service_stops", "consent_withdrawn"]})),
    # The service still runs: deletion for when it stops is a plan to make.
    "FR-21b": (({}, {}), ({}, {"deletion_triggers": ["relationship_ends", "consent_withdrawn"]}),
               ({}, {"deletion_triggers": ["relationship_ends", "service_stops", "consent_withdrawn"]})),
    "FR-22": (({}, {"raw_images_kept": True}), ({}, {"raw_images_authorised": False}), ({}, {"raw_images_authorised": True})),
    "FR-27": (({}, {"alternatives": ["none"]}), ({}, {"non_face_feasible": True}), ({}, {"non_face_feasible": False})),
    "FR-28": (({}, {}), ({}, {"alternative_equal": False}), ({}, {"alternative_equal": True})),
    "FR-29": (({}, {}), ({}, {"pressure": ["says_required"]}), ({}, {"pressure": ["none"]})),
    "FR-30": (({}, {"consent_method": "bundled"}), ({}, {"purposes": ["payment", "marketing"]}), ({}, {"purposes": ["payment"]})),
    "FR-31": (({}, {}), ({}, {"sign_at_capture": False}), ({}, {"sign_at_capture": True})),
    "FR-31b": (({}, {}), ({}, {"sign_position": "after_capture"}), ({}, {"sign_position": "before_capture"})),
    # An A4 sign's first layer reads from about 0.4 m.
    "FR-31c": (({}, {"sign_sheet": "A4"}), ({}, {"sign_reading_distance": 2}), ({}, {"sign_reading_distance": 0.4})),
    "FR-32": (({}, {}), ({}, {"capture_area_limited": False}), ({}, {"capture_area_limited": True})),
    "FR-33": (({}, {"public_reuse": True}), ({}, {"public_reuse_consent": False}), ({}, {"public_reuse_consent": True})),
    "FR-34": (({}, {}), ({}, {"private_spaces": ["toilet"]}), ({}, {"private_spaces": ["none"]})),
    "FR-49": (({}, {}), ({}, {"sensitive_inference": True}), ({}, {"sensitive_inference": False})),
    "FR-49b": (({}, {"legal_basis": "employment"}), ({}, {"sensitive_inference": True}), ({}, {"sensitive_inference": False})),
    "FR-53": (({}, {}), ({}, {"national_id_channel": False}), ({}, {"national_id_channel": True})),
    "FR-54": ((RESIDENT_GATE_B, RESIDENT_GATE_S), ({}, {"non_face_feasible": True}), ({}, {"non_face_feasible": False})),
}


def _project(common, change):
    return patched({**common[0], **change[0]}, {**common[1], **change[1]})


def test_every_rule_has_a_pair():
    assert set(PAIRS) == {r.id for r in RULES}


def test_the_shop_itself_is_clean():
    assert rule_ids(shop()) == set()


@pytest.mark.parametrize("rule_id", list(PAIRS))
def test_pair(rule_id):
    common, trigger, clean = PAIRS[rule_id]
    # The two sides differ in exactly one answer.
    assert set(trigger[0]) == set(clean[0]) and set(trigger[1]) == set(clean[1])
    assert len(trigger[0]) + len(trigger[1]) == 1
    assert rule_id in rule_ids(_project(common, trigger))
    assert rule_id not in rule_ids(_project(common, clean))


@pytest.mark.parametrize("rule_id", list(PAIRS))
def test_finding_names_the_answer_that_matters(rule_id):
    common, trigger, _ = PAIRS[rule_id]
    project = _project(common, trigger)
    (finding,) = [f for f in evaluate(project, today=TODAY).findings if f.rule_id == rule_id]
    changed = {**trigger[0], **trigger[1]}
    (qid, value), = changed.items()
    named = {t.question_id: t.value for t in finding.triggers}
    if value is DROP:  # an answer that is missing is never named
        assert qid not in named and named
    else:
        assert named.get(qid) == value


# ---------------------------------------------------------------- no false alarms
def test_service_may_be_refused_where_law_requires_face_recognition():
    base = {"alternatives": ["none"], "service_refused": True}
    assert "FR-10" in rule_ids(patched(scenario={**base, "non_face_feasible": True}))
    assert "FR-10" not in rule_ids(patched(scenario={**base, "non_face_feasible": False}))
    assert "FR-10" not in rule_ids(patched(scenario={"service_refused": True, "legal_basis": "legal_duty"}))


def test_no_guardian_consent_needed_when_a_law_requires_the_processing():
    assert "FR-15" in rule_ids(patched(scenario={**CHILDREN, "guardian_consent": False}))
    assert "FR-15" not in rule_ids(
        patched(scenario={**CHILDREN, "guardian_consent": False, "legal_basis": "legal_duty"}))


def test_reconsent_only_binds_consent_based_processing():
    change = {"new_use_since_consent": True, "reconsent": False}
    assert "FR-13" in rule_ids(patched(scenario=change))
    assert "FR-13" not in rule_ids(patched(scenario={**change, "legal_basis": "employment"}))


def test_a_fixed_period_with_deletion_at_its_end_needs_no_membership_trigger():
    # PIPL 47(1)(2): the end of the retention period is itself a deletion trigger.
    fixed = {"enrolled": ["visitors"], "legal_basis": "legal_duty", "retention": "fixed_days",
             "retention_days": 7, "deletion_triggers": ["service_stops", "period_expires"]}
    assert "FR-21" not in rule_ids(patched(scenario=fixed))
    assert "FR-21" not in rule_ids(patched(scenario={**fixed, "enrolled": ["staff"], "legal_basis": "employment"}))
    # Without the deletion at the end of the period, it is missing.
    assert "FR-21" in rule_ids(patched(scenario={**fixed, "deletion_triggers": ["service_stops"]}))
    # Kept until the membership ends: the end of the membership is the trigger.
    members = {**fixed, "enrolled": ["customers"], "retention": "until_relationship_ends"}
    assert "FR-21" in rule_ids(patched(scenario=members))


def test_staff_attendance_at_a_property_company_is_not_resident_entry():
    staff = {"scenario_kind": "staff_attendance", "enrolled": ["staff"], "purposes": ["attendance"],
             "alternatives": ["none"], "non_face_feasible": True, "legal_basis": "employment"}
    found = rule_ids(patched(RESIDENT_GATE_B, staff))
    assert "FR-27" in found and "FR-54" not in found
    gate = rule_ids(patched(RESIDENT_GATE_B, {**RESIDENT_GATE_S, "non_face_feasible": True}))
    assert "FR-54" in gate and "FR-27" not in gate


def test_sensitive_inference_with_separate_consent_is_advice_only():
    found = rule_ids(patched(scenario={"sensitive_inference": True}))
    assert "FR-49" in found and "FR-49b" not in found
    found = rule_ids(patched(scenario={"sensitive_inference": True, "consent_method": "bundled"}))
    assert "FR-49b" in found and "FR-49" not in found


def test_deletion_after_stopping_is_due_with_the_cancellation():
    stop = {**FILED, "stopped_using": True, "stop_date": D(2026, 11, 10), "filing_cancelled": True,
            "data_deleted_after_stop": False}
    assert "FR-45d" in rule_ids(patched(stop)) and "FR-45c" not in rule_ids(patched(stop))
    later = rule_ids(patched(stop), today=D(2027, 3, 1))
    assert "FR-45c" in later and "FR-45d" not in later


def test_filing_deadline_moves_from_to_do_to_violation():
    project = patched({**BIG, "threshold_date": D(2026, 11, 2), "filing_status": "not_filed"})
    assert "FR-41b" in rule_ids(project, today=D(2026, 12, 14))
    assert "FR-41" in rule_ids(project, today=D(2026, 12, 16))
