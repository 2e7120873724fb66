"""Lawful set-ups a careful practitioner would pass must stay clean, and the
nearest unlawful variant must still be caught.

Each test starts from the compliant bubble-tea shop, turns it into a
legitimate but unusual set-up (a law requires the processing, staff managed
under labour rules, a people counter, a fixed retention period ...), checks
that no finding (or only the expected advice) appears, then changes one
answer to make it unlawful and checks the finding appears.
"""

from __future__ import annotations

import datetime as dt

from signdesk.i18n import EN, ZH
from signdesk.rules import DocumentKind, RULES, Law, Severity, evaluate
from signdesk.rules.model import Confidence

from rule_projects import TODAY, patched, rule_ids

D = dt.date

# Face check at hotel check-in, required by local public-security rules
# (PIPL 13(3)); families with children stay; the registration goes to the
# police system, which a regulation requires.
HOTEL_B = {"venue_type": "hotel"}
HOTEL_S = {"scenario_kind": "hotel_checkin", "purposes": ["identity_check"], "legal_basis": "legal_duty",
           "enrolled": ["customers", "children"], "guardian_consent": False, "child_rules": True,
           "age_check": True, "alternatives": ["none"], "non_face_feasible": False, "service_refused": True,
           "reprompt": True, "new_use_since_consent": False, "storage_location": "local_server",
           "internet_transmission": True, "transmission_basis": "law", "retention": "fixed_days",
           "retention_days": 30, "deletion_triggers": ["service_stops", "period_expires"]}

# Staff attendance at a training centre, under the staff-management basis
# (PIPL 13(2)): no consent is needed, so no consent rule may fire.
STAFF_B = {"venue_type": "school"}
STAFF_S = {"scenario_kind": "staff_attendance", "purposes": ["attendance"], "public_place": False,
           "enrolled": ["staff"], "legal_basis": "employment", "age_check": False,
           "alternatives": ["card"], "alternative_equal": True, "reprompt": True,
           "new_use_since_consent": True, "reconsent": False,
           "retention": "until_relationship_ends", "deletion_triggers": ["relationship_ends", "service_stops"]}

# A device that only counts visitors, never identifies anyone.
COUNTER_S = {"scenario_kind": "other", "match_mode": "analyse_only", "purposes": ["footfall"],
             "enrolled": ["visitors"], "alternatives": ["none"], "non_face_feasible": True}


def _documents(project) -> set[DocumentKind]:
    return {d.kind for d in evaluate(project, today=TODAY).documents}


def test_hotel_check_in_required_by_law_is_clean():
    hotel = patched(HOTEL_B, HOTEL_S)
    assert rule_ids(hotel) == set()
    # No consent is collected, so no consent form and no guardian form either.
    docs = _documents(hotel)
    assert DocumentKind.CONSENT_FORM not in docs and DocumentKind.GUARDIAN_CONSENT_FORM not in docs
    assert DocumentKind.SIGN in docs  # Measures 13 / PIPL 26 still want the sign


def test_hotel_relying_on_consent_is_caught():
    # The same hotel, but the face check rests on consent: the guardian must agree,
    # nobody may be refused or re-prompted, and the forms are needed.
    found = rule_ids(patched(HOTEL_B, {**HOTEL_S, "legal_basis": "consent", "consent_method": "separate",
                                      "consent_records": True, "withdrawal_route": True,
                                      "delete_on_withdrawal": True, "transmission_basis": "separate_consent",
                                      "deletion_triggers": ["service_stops", "period_expires",
                                                            "consent_withdrawn"],
                                      "non_face_feasible": True}))
    assert {"FR-15", "FR-10", "FR-14", "FR-27"} <= found
    docs = _documents(patched(HOTEL_B, {**HOTEL_S, "legal_basis": "consent"}))
    assert DocumentKind.GUARDIAN_CONSENT_FORM in docs and DocumentKind.CONSENT_FORM in docs


def test_staff_attendance_under_labour_rules_fires_no_consent_rule():
    assert rule_ids(patched(STAFF_B, STAFF_S)) == set()
    assert DocumentKind.CONSENT_FORM not in _documents(patched(STAFF_B, STAFF_S))


def test_staff_attendance_still_needs_another_way_and_a_notice():
    found = rule_ids(patched(STAFF_B, {**STAFF_S, "alternatives": ["none"], "non_face_feasible": True,
                                       "notice_before": False}))
    assert {"FR-27", "FR-03"} <= found


def test_age_check_advice_concerns_pupils_not_teachers():
    assert "FR-17" not in rule_ids(patched(STAFF_B, STAFF_S))
    pupils = {"enrolled": ["customers"], "age_check": False}
    assert "FR-17" in rule_ids(patched(STAFF_B, pupils))


def test_a_people_counter_gets_the_scoping_advice_not_the_verification_rules():
    found = evaluate(patched(scenario=COUNTER_S), today=TODAY).findings
    assert {f.rule_id for f in found} == {"FR-01"}
    assert all(f.severity is Severity.ADVISORY for f in found)
    # Once it identifies people, face recognition as the only way is a violation.
    assert "FR-27" in rule_ids(patched(scenario={**COUNTER_S, "match_mode": "identify"}))


def test_just_under_the_filing_threshold_is_advice_only():
    a = evaluate(patched({"people_stored": 99_999}), today=TODAY)
    assert {f.rule_id for f in a.findings} == {"FR-43"}
    assert DocumentKind.FILING_PACK not in {d.kind for d in a.documents}
    at = {"people_stored": 100_000, "threshold_date": D(2026, 6, 1), "filing_status": "not_filed"}
    assert "FR-41" in rule_ids(patched(at))


def test_legacy_handler_that_filed_on_time_is_clean():
    legacy = {"people_stored": 250_000, "threshold_date": D(2024, 9, 1), "filing_status": "filed",
              "filing_date": D(2025, 7, 10), "filing_number": "示例-2025-001", "filing_changed": False,
              "stopped_using": False}
    assert rule_ids(patched(legacy)) == set()
    a = evaluate(patched({**legacy, "filing_status": "not_filed"}), today=TODAY)
    (f,) = [f for f in a.findings if f.rule_id == "FR-41"]
    assert f.title(EN) == "Filing overdue since 15 July 2025" and "2025年7月14日前" in f.why(ZH)


def test_changed_and_change_filed_is_clean():
    filed = {"people_stored": 150_000, "threshold_date": D(2025, 8, 1), "filing_status": "filed",
             "filing_date": D(2025, 9, 1), "filing_changed": True, "filing_change_date": D(2026, 3, 2),
             "change_filed": True, "stopped_using": False}
    assert rule_ids(patched(filed)) == set()
    assert "FR-44" in rule_ids(patched({**filed, "change_filed": False}))


def test_fixed_retention_with_automatic_deletion_is_clean():
    fixed = {"retention": "fixed_days", "retention_days": 30,
             "deletion_triggers": ["service_stops", "consent_withdrawn", "period_expires"]}
    assert rule_ids(patched(scenario=fixed)) == set()
    # Consent-based: deletion on withdrawal is still required (PIPL 15, 47).
    missing = {**fixed, "deletion_triggers": ["service_stops", "period_expires"]}
    assert "FR-21" in rule_ids(patched(scenario=missing))


# ------------------------------------------------------------- citations
def test_uncertain_measures_details_cite_the_binding_pipl_article_first():
    # Reference §0: where a Measures detail is only [M]/[L], the PIPL article
    # that binds anyway comes first; the Measures article is secondary.
    for rule in RULES:
        if rule.severity is Severity.ADVISORY:
            continue
        if any(c.law is Law.MEASURES and c.confidence is not Confidence.HIGH for c in rule.citations):
            first = rule.citations[0]
            assert first.law is Law.PIPL and first.confidence is Confidence.HIGH, rule.id


def test_reassessment_rests_on_pipl_and_survives_for_research():
    stale = {"pia_changed_since": True, "pia_redone": False}
    a = evaluate(patched(stale, {"purposes": ["research"]}), today=TODAY)
    (f,) = [f for f in a.findings if f.rule_id == "FR-26"]
    assert f.severity is Severity.VIOLATION and [c.law for c in f.citations] == [Law.PIPL]
    assert f.citation_text(EN) == "PIPL art. 55"


def test_pia_retention_cites_pipl_56_first():
    a = evaluate(patched({"pia_retention_years": 1}), today=TODAY)
    (f,) = [f for f in a.findings if f.rule_id == "FR-25"]
    assert f.citation_text(ZH) == "《个人信息保护法》第56条；《人脸识别技术应用安全管理办法》第9条"
    assert f.citation_text(EN) == "PIPL art. 56; FR Measures art. 9"
