"""Classes of facts stated from the law (reference §A arts. 5-10, 15, §D, §F):
guardian consent, legal basis, retention past the purpose, transmission
consent, and late / early / never for deadlines. Each case is checked with a
near-identical project on the other side of the line."""

from __future__ import annotations

import datetime as dt

from signdesk.i18n import EN, ZH
from signdesk.rules import Law, Severity, evaluate

from rule_projects import TODAY, patched, rule_ids

D = dt.date
FILED = {"people_stored": 150_000, "threshold_date": D(2025, 8, 1), "filing_status": "filed",
         "filing_date": D(2025, 9, 1)}
CHILDREN = {"enrolled": ["children"], "guardian_consent": True, "child_rules": True}
CLOUD = {"storage_location": "vendor_cloud", "internet_transmission": True}


def _finding(project, rule_id, today=TODAY):
    (f,) = [f for f in evaluate(project, today=today).findings if f.rule_id == rule_id]
    return f


def _articles(finding) -> set[tuple[Law, str]]:
    return {(c.law, c.article) for c in finding.citations}


# ------------------------------------------------- 1. guardian consent is separate
def test_a_clause_in_the_enrolment_contract_is_no_separate_guardian_consent():
    for how in ("contract_clause", "pre_ticked"):
        f = _finding(patched(scenario={**CHILDREN, "guardian_consent_method": how}), "FR-15b")
        assert f.severity is Severity.VIOLATION
        assert {(Law.MEASURES, "7"), (Law.PIPL, "31"), (Law.MEASURES, "6"), (Law.PIPL, "29")} <= _articles(f)
    assert "FR-15b" not in rule_ids(patched(scenario={**CHILDREN, "guardian_consent_method": "separate_form"}))
    # A law requiring the processing needs no consent, the guardian's included.
    assert "FR-15b" not in rule_ids(patched(scenario={**CHILDREN, "guardian_consent_method": "contract_clause",
                                                      "legal_basis": "legal_duty"}))


def test_no_guardian_consent_fails_the_separate_consent_duty_too():
    f = _finding(patched(scenario={**CHILDREN, "guardian_consent": False}), "FR-15")
    assert {(Law.MEASURES, "6"), (Law.PIPL, "29"), (Law.MEASURES, "7"), (Law.PIPL, "31")} <= _articles(f)


def test_childrens_fix_texts_ask_the_guardian_not_the_child_to_sign():
    for patch, rule in (({"guardian_consent": False}, "FR-15"), ({"guardian_consent_method": "pre_ticked"}, "FR-15b")):
        f = _finding(patched(scenario={**CHILDREN, **patch}), rule)
        assert "signed by the person" not in f.fix(EN)
        assert "parent or guardian" in f.fix(EN) and "监护人" in f.fix(ZH)


# ------------------------------------------------------ 2. no legal basis at all
def test_no_basis_for_a_customer_use_points_to_separate_consent():
    f = _finding(patched(scenario={"legal_basis": "none", "purposes": ["marketing"]}), "FR-08b")
    assert {(Law.PIPL, "13"), (Law.MEASURES, "6"), (Law.PIPL, "29")} <= _articles(f)
    assert "separate consent" in f.fix(EN) and "单独同意" in f.why(ZH)
    # Staff attendance may rest on labour rules: PIPL 13 alone, no consent claimed.
    staff = patched(scenario={"legal_basis": "none", "purposes": ["attendance"], "enrolled": ["staff"]})
    found = rule_ids(staff)
    assert "FR-08" in found and "FR-08b" not in found
    assert _articles(_finding(staff, "FR-08")) == {(Law.PIPL, "13")}


# --------------------------------------------------- 3. retention past the purpose
AFTER_END = {"retention": "after_relationship_ends", "kept_after_end_reason": "might_return"}


def test_keeping_faces_months_after_membership_ends_breaks_the_shortest_period():
    f = _finding(patched(scenario={**AFTER_END, "retention_days": 180}), "FR-20b")
    assert f.severity is Severity.VIOLATION
    assert {(Law.MEASURES, "8"), (Law.PIPL, "19"), (Law.PIPL, "47")} == _articles(f)
    assert "180" in f.title(EN) and "15" in f.why(EN)


def test_the_days_a_deletion_run_takes_are_allowed():
    assert "FR-20b" not in rule_ids(patched(scenario={**AFTER_END, "retention_days": 15}))
    assert "FR-20b" in rule_ids(patched(scenario={**AFTER_END, "retention_days": 16}))
    # A law that requires keeping the data that long is a reason (PIPL 19: "unless laws say otherwise").
    assert "FR-20b" not in rule_ids(patched(scenario={**AFTER_END, "retention_days": 180,
                                                      "kept_after_end_reason": "legal_duty"}))


# ---------------------------------------------------- 4. consent to transmission
def test_general_terms_are_no_consent_to_transmission():
    f = _finding(patched(scenario={**CLOUD, "transmission_basis": "terms_or_notice"}), "FR-18")
    assert f.severity is Severity.VIOLATION
    assert "FR-19" not in rule_ids(patched(scenario={**CLOUD, "transmission_basis": "terms_or_notice"}))


def test_a_separate_face_consent_naming_the_transfer_is_a_to_do():
    found = evaluate(patched(scenario={**CLOUD, "transmission_basis": "general_consent"}), today=TODAY).findings
    assert [(f.rule_id, f.severity) for f in found] == [("FR-19", Severity.OBLIGATION)]


def test_a_face_consent_that_is_itself_bundled_cannot_carry_the_transfer():
    found = rule_ids(patched(scenario={**CLOUD, "transmission_basis": "general_consent",
                                       "consent_method": "bundled"}))
    assert "FR-18" in found and "FR-19" not in found


# ------------------------------------------------------- 5. late, never, early
def test_filing_title_says_due_by_up_to_the_day_and_overdue_from_the_next():
    # Threshold 2 March 2026: 30 working days end on 14 April 2026.
    project = patched({"people_stored": 150_000, "threshold_date": D(2026, 3, 2), "filing_status": "not_filed"})
    on_the_day = _finding(project, "FR-41b", today=D(2026, 4, 14))
    assert on_the_day.title(EN) == "File with the provincial cyberspace office by 14 April 2026"
    assert on_the_day.severity is Severity.OBLIGATION
    after = _finding(project, "FR-41", today=D(2026, 4, 15))
    assert after.title(EN) == "Filing overdue since 15 April 2026"
    assert after.title(ZH) == "备案自2026年4月15日起逾期"


def test_a_late_filing_is_a_past_lapse_with_both_dates():
    project = patched({**FILED, "filing_date": D(2025, 10, 1)})
    f = _finding(project, "FR-41d")
    assert f.severity is Severity.OBLIGATION
    assert f.title(EN) == "Filed late: due by 12 September 2025, filed on 1 October 2025"
    assert "2025年9月12日" in f.title(ZH) and "2025年10月1日" in f.title(ZH)
    assert not evaluate(project, today=TODAY).violations


def test_late_change_filing_and_cancellation_are_past_lapses():
    change = patched({**FILED, "filing_changed": True, "filing_change_date": D(2026, 3, 2),
                      "change_filed": True, "change_filed_date": D(2026, 5, 6)})
    f = _finding(change, "FR-44c")
    assert "14 April 2026" in f.title(EN) and "6 May 2026" in f.title(EN)
    assert not evaluate(change, today=TODAY).violations
    cancel = patched({**FILED, "stopped_using": True, "stop_date": D(2026, 3, 2), "filing_cancelled": True,
                      "filing_cancelled_date": D(2026, 5, 6), "data_deleted_after_stop": True})
    f = _finding(cancel, "FR-45e")
    assert "14 April 2026" in f.title(EN) and "6 May 2026" in f.title(EN)
    assert not evaluate(cancel, today=TODAY).violations


def test_before_the_deletion_deadline_nothing_calls_keeping_the_data_a_violation():
    # Stopped 7 September 2026: cancel and delete by 23 October 2026.
    stop = {**FILED, "stopped_using": True, "stop_date": D(2026, 9, 7), "filing_cancelled": False,
            "data_deleted_after_stop": False}
    project = patched(stop, {"deletion_triggers": ["relationship_ends", "consent_withdrawn"]})
    early = evaluate(project, today=D(2026, 10, 1))
    assert early.violations == ()
    assert {"FR-45b", "FR-45d", "FR-21b"} <= {f.rule_id for f in early.findings}
    late = {f.rule_id for f in evaluate(project, today=D(2026, 10, 26)).violations}
    assert {"FR-45", "FR-45c", "FR-21"} <= late


def test_a_deletion_rule_for_an_event_still_ahead_is_a_to_do():
    project = patched(scenario={"deletion_triggers": ["relationship_ends", "consent_withdrawn"]})
    f = _finding(project, "FR-21b")
    assert f.severity is Severity.OBLIGATION
    assert "FR-21" not in rule_ids(project)
    # A trigger for something that happens every day (memberships end) stays a violation.
    assert "FR-21" in rule_ids(patched(scenario={"deletion_triggers": ["service_stops", "consent_withdrawn"]}))
    # Both missing: each event under its own severity, each finding naming only its own.
    both = evaluate(patched(scenario={"deletion_triggers": ["consent_withdrawn"]}), today=TODAY).findings
    by_rule = {f.rule_id: f for f in both}
    assert by_rule["FR-21"].severity is Severity.VIOLATION and by_rule["FR-21b"].severity is Severity.OBLIGATION
    assert "stop offering" not in by_rule["FR-21"].why(EN) and "stop offering" in by_rule["FR-21b"].why(EN)


# ------------------------------------------- 7. standards and filing materials
def test_sign_legibility_is_a_to_do_but_no_sign_stays_a_violation():
    small = _finding(patched(scenario={"sign_sheet": "A3", "sign_reading_distance": 3}), "FR-31c")
    assert small.severity is Severity.OBLIGATION
    assert {(Law.MEASURES, "5"), (Law.MEASURES, "13"), (Law.AUDIT_GUIDELINE, "4(2)")} == _articles(small)
    assert small.title(EN) == "The sign is too small to read from 3 m"
    assert small.fix(EN).endswith("(size needed: a poster larger than A1).")  # no standard sheet reads from 3 m
    assert "所需尺寸：大于 A1 的海报" in small.fix(ZH)
    after = _finding(patched(scenario={"sign_position": "after_capture"}), "FR-31b")
    assert after.severity is Severity.OBLIGATION and (Law.AUDIT_GUIDELINE, "4(3)") in _articles(after)
    # No sign at all: the violation, and the placement questions are not asked.
    found = evaluate(patched(scenario={"sign_at_capture": False, "sign_position": "after_capture",
                                       "sign_sheet": "A5", "sign_reading_distance": 5}), today=TODAY).findings
    assert [(f.rule_id, f.severity) for f in found] == [("FR-31", Severity.VIOLATION)]


def test_the_smallest_sheet_for_a_distance_is_named():
    from signdesk.questions.signs import READING_DISTANCE_M, smallest_sheet_for

    assert smallest_sheet_for(0.6) == "A3" and smallest_sheet_for(1.2) == "A1" and smallest_sheet_for(3) is None
    f = _finding(patched(scenario={"sign_sheet": "A4", "sign_reading_distance": 0.8}), "FR-31c")
    assert f.fix(EN).endswith("(size needed: A2).") and READING_DISTANCE_M["A2"] >= 0.8


def test_the_rules_accept_a_sheet_as_far_as_the_sign_printed_on_it_reads():
    from signdesk.documents.content import scenario_notice
    from signdesk.documents.sign import READING_DISTANCES, distance_for_size, layout_sign

    project = patched()
    answers = project.scenarios[0].answers
    for sheet in ("A5", "A4", "A3"):   # the sheets an owner can answer that SignDesk prints
        answers["sign_sheet"] = sheet
        accepted = 0.0
        for cm in range(10, 150):
            answers["sign_reading_distance"] = cm / 100
            if "FR-31c" in rule_ids(project):
                break
            accepted = cm / 100
        # No false alarm: a distance the sheet's smallest first-layer type reads from passes ...
        smallest = distance_for_size(READING_DISTANCES[sheet].first_size)
        assert accepted >= smallest - 0.01, sheet
        # ... and no miss: the sign SignDesk prints on that sheet reads from every accepted distance.
        printed = layout_sign(scenario_notice(project, project.scenarios[0], TODAY), sheet).reads_from()["first"]
        assert accepted <= printed + 1e-9, sheet


def test_recommended_standard_is_cited_but_never_carries_a_violation():
    f = _finding(patched(scenario={"consent_method": "bundled"}), "FR-09")
    assert (Law.GBT_45574, "") in _articles(f) and f.severity is Severity.VIOLATION
    assert not Law.GBT_45574.binding and not Law.AUDIT_GUIDELINE.binding
    assert "GB/T 45574-2025" in f.citation_text(EN) and "敏感个人信息处理安全要求" in f.citation_text(ZH)


def test_credit_code_check_digit():
    from signdesk.questions.licence import uscc_is_valid

    assert uscc_is_valid("91330106MA2B3C4D5D") and uscc_is_valid(" 91330106ma2b3c4d5d ")
    assert not uscc_is_valid("91330106MA2B3C4D5E")   # one character off
    assert not uscc_is_valid("91330106MA2B3C4D5")    # 17 characters
    assert not uscc_is_valid("91330106MA2B3C4D5I")   # I is not in the alphabet


def test_filing_material_checks_only_while_a_filing_is_to_be_made():
    expired = {"legal_rep_id_expiry": D(2026, 1, 1), "licence_match": False, "uscc": "91310104MA1FL2XX3K"}
    due = {"people_stored": 150_000, "threshold_date": D(2026, 11, 2), "filing_status": "not_filed", **expired}
    found = evaluate(patched(due), today=TODAY).findings
    (ids,) = [f for f in found if f.rule_id == "FR-41e"]
    assert "legal representative" in ids.why(EN) and "法定代表人" in ids.why(ZH)
    assert {"FR-41e", "FR-41f", "FR-41g"} <= {f.rule_id for f in found}
    # Filed, nothing changed: no filing to make, nothing to check.
    filed = {**due, "filing_status": "filed", "filing_date": D(2026, 11, 20), "filing_changed": False,
             "stopped_using": False}
    assert not {"FR-41e", "FR-41f", "FR-41g"} & rule_ids(patched(filed))


# --------------------------------------------------------------- 8. words
def test_national_identity_service_advice_only_where_identity_is_verified():
    assert "FR-53" in rule_ids(patched(scenario={"match_mode": "verify", "national_id_channel": False}))
    assert "FR-53" not in rule_ids(patched(scenario={"match_mode": "identify", "national_id_channel": False}))


def test_the_optout_page_has_a_chinese_name_that_is_not_log_out():
    from signdesk.i18n import translate
    from signdesk.i18n.glossary import TERM_BY_KEY

    assert TERM_BY_KEY["optout_page"].zh == "拒绝与撤回页面"
    assert translate(ZH, "Opt-out web page") == "拒绝与撤回页面"


def test_the_handler_is_explained_where_a_finding_names_it():
    f = _finding(patched({"compliance_audit": False}), "FR-52")
    assert f.why(ZH).startswith("您（个人信息处理者）")


def test_staff_under_labour_rules_with_a_face_consent_naming_the_transfer_stay_a_to_do():
    staff = {**CLOUD, "legal_basis": "employment", "enrolled": ["staff"], "purposes": ["attendance"],
             "transmission_basis": "general_consent"}
    found = rule_ids(patched(scenario=staff))
    assert "FR-19" in found and "FR-18" not in found
