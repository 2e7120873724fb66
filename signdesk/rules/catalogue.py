"""The rule catalogue: every check SignDesk makes, with its citations.

Ids follow reference §F (FR-nn; a letter marks a rule split out of one §F
row). Each rule's condition reads answers by question id; an unanswered
question never fires a rule. A rule's severity may only be "violation" when
at least one citation is binding law resting on a high- or medium-confidence
reading (``Citation.supports_violation``); the test suite enforces that.

Folded §F rows (no rule of their own, so that one answer gives one finding):

- FR-36 audit logs, FR-37 access control and authorisation, FR-38 intrusion
  protection are items of FR-35, which names each missing one (Measures 14
  lists all five controls together).
- FR-42 legacy filing is FR-41/41b: ``filing_deadline()`` returns the
  2025-07-14 deadline for a threshold date before 2025-06-01.
- FR-55 (hotels, banks, stations ... forcing face recognition) rests on the
  draft's list, which the final Measures dropped; the binding parts are
  FR-10 (service refused), FR-27 (face as the only way) and FR-29
  (misleading or coercing), which apply to every venue.
- FR-56 (employees) is FR-27 (face-only attendance), FR-03/FR-04 (notice)
  and FR-23 (impact assessment), asked per scenario, staff included.

Adding a rule: one ``Rule(...)`` entry below, its Chinese texts in
``translations/zh_CN/rules.po``, and a pair of tests in
``tests/rules/test_rule_pairs.py`` (one project that triggers it, one nearly
identical that does not).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Callable, Mapping

from signdesk.i18n import N_
from signdesk.questions import FILING_THRESHOLD
from signdesk.questions.licence import uscc_is_valid
from signdesk.questions.signs import READING_DISTANCE_M, smallest_sheet_for
from signdesk.questions.conditions import All, Answered, Any_, Below, Check, Has, Is, IsNot, Lacks, No, Not, Yes
from signdesk.rules.deadlines import FILING_WORKING_DAYS, Deadline, Due, add_working_days, filing_deadline, filing_kind
from signdesk.rules.model import (
    NDSR,
    PIPL,
    SPC,
    Citation,
    Confidence,
    Law,
    M,
    Msgids,
    Rule,
    Severity,
)

V, O, A = Severity.VIOLATION, Severity.OBLIGATION, Severity.ADVISORY
MED = Confidence.MEDIUM
CAC = Citation(Law.CAC_FILING, "")
GBT = Citation(Law.GBT_41819, "")
# GB/T 45574-2025 (in force 1 November 2025), section 6.1 on biometric
# information: separate consent, encryption, access control, impact
# assessment. A recommended standard: cited beside the binding duty, never
# carrying one (reference §I2).
GBT_SENSITIVE = Citation(Law.GBT_45574, "")
DRAFT = Citation(Law.DRAFT_2023, "11", Confidence.MEDIUM)


@dataclass(frozen=True)
class Because(Check):
    """A ``Check`` whose finding names only the ``because`` answers.

    The other questions it reads (legal basis, retention, ...) only decide
    what is required; listing them as "triggering answers" would confuse.
    """

    because: tuple[str, ...] = ()

    def causes(self, answers: Mapping[str, Any]) -> tuple[str, ...]:
        return self.because


# Notice items the Measures (art. 5) and PIPL (arts. 17, 30) require.
NOTICE_ITEMS = ("name_contact", "purpose_method", "retention", "necessity", "impact", "rights")
PIA_ITEMS = ("lawful_necessary", "impact_on_rights", "leak_risks", "protection_fit")
SECURITY_ITEMS = {
    "encryption": N_("encryption"),
    "audit_log": N_("audit logging"),
    "access_control": N_("access control"),
    "authorisation": N_("authorisation management"),
    "intrusion_protection": N_("intrusion detection and prevention"),
}
PRIVATE_SPACES = ("guest_room", "bathhouse", "changing_room", "toilet")
PRESSURE = ("says_required", "hidden_optout", "deals_only_face", "slower_without")
VENUES_WITH_CHILDREN = ("school", "gym", "venue")
# At such a venue children are likely among customers and visitors, not among
# the staff clocking in (FR-17).
CHILDREN_LIKELY = Any_(Has("enrolled", "children"),
                       All(Is("venue_type", *VENUES_WITH_CHILDREN), Has("enrolled", "customers", "visitors")))
# Rules about face recognition as a way to verify identity (Measures 10, SPC
# 10) say nothing about a device that only counts people (FR-01).
VERIFIES_IDENTITY = Not(Is("match_mode", "analyse_only"))
# Consent-specific duties (re-consent, no re-prompting: PIPL 14(2), NDSR 22)
# bind processing that rests on consent, not on staff management or a law.
ON_CONSENT = Not(Is("legal_basis", "employment", "legal_duty"))
# Measures 7 and PIPL 31 ask for the guardian's consent where processing rests
# on consent; a legal duty (PIPL 13(3)) needs no consent at all.
NOT_BY_LAW = Not(Is("legal_basis", "legal_duty"))
# Consent is the basis but not a separate one, or another basis that cannot
# carry this processing. Both parts need an answer: an unknown basis is never
# read as "no consent".
NO_SEPARATE_CONSENT = Any_(IsNot("legal_basis", "consent"), IsNot("consent_method", "separate"))
# The face consent itself is shown not to be separate (bundled, pre-ticked,
# implied or never asked), so it cannot carry a transfer either (FR-18).
FACE_CONSENT_NOT_SEPARATE = All(Is("legal_basis", "consent"), IsNot("consent_method", "separate"))
# Facial information stored off the device or sent over the Internet (Measures 8).
OFF_DEVICE = Any_(Yes("internet_transmission"), IsNot("storage_location", "device"))
# Entry to a residential compound by its residents: SPC art. 10 gives them a
# court claim to another way in (FR-54); other uses fall under FR-27.
RESIDENT_ENTRY = All(Is("venue_type", "residential"),
                     Any_(Is("scenario_kind", "entrance_gate"), Has("enrolled", "residents")))
# Inferring sensitive traits: a legal duty needs no consent (PIPL 13(3));
# every other basis needs a separate consent (PIPL 29).
INFERENCE_WITHOUT_CONSENT = Any_(Is("legal_basis", "employment", "none"),
                                 All(Is("legal_basis", "consent"), IsNot("consent_method", "separate")))


# Customer-facing uses that no contract, legal duty or public-security rule
# requires: for them the only basis PIPL 13 leaves is consent, and for face
# data a separate one (PIPL 29). Staff attendance (PIPL 13(2)), an identity
# check a law requires (13(3)) and public security (PIPL 26) may rest on
# another basis; an unanswered purpose or group decides nothing.
OTHER_BASIS_PURPOSES = ("public_security", "attendance", "identity_check", "research")
CONSENT_ONLY_USE = All(Lacks("purposes", *OTHER_BASIS_PURPOSES), Answered("purposes"),
                       Lacks("enrolled", "staff"), Answered("enrolled"))
#: Days facial information may outlive its purpose (FR-20b): the time one deletion run
#: takes to reach every device, server and backup. Two weekly runs plus the
#: longest public-holiday break (Spring Festival, 8 days) fit in 15 days; a
#: longer wait is storage without a purpose.
DELETION_WINDOW_DAYS = 15


def _missing(answers: Mapping[str, Any], qid: str, needed) -> list[str]:
    from signdesk.questions import QUESTION_BY_ID

    given = answers.get(qid) or []
    q = QUESTION_BY_ID[qid]
    return [q.option(k).label for k in needed if k not in given]


def _notice_missing(a: Mapping[str, Any]) -> dict[str, Any]:
    return {"missing": Msgids(_missing(a, "notice_items", NOTICE_ITEMS))}


def _pia_missing(a: Mapping[str, Any]) -> dict[str, Any]:
    return {"missing": Msgids(_missing(a, "pia_contents", PIA_ITEMS))}


def _security_missing(a: Mapping[str, Any]) -> dict[str, Any]:
    given = a.get("security_measures") or []
    return {"missing": Msgids(label for key, label in SECURITY_ITEMS.items() if key not in given)}


def _sign_too_small(a: Mapping[str, Any]) -> bool:
    limit = READING_DISTANCE_M.get(a.get("sign_sheet") or "")
    distance = a.get("sign_reading_distance")
    return limit is not None and isinstance(distance, (int, float)) and distance > limit


def _sign_size_params(a: Mapping[str, Any]) -> dict[str, Any]:
    limit = READING_DISTANCE_M[a["sign_sheet"]]
    needed = smallest_sheet_for(a["sign_reading_distance"])
    return {"distance": f"{a['sign_reading_distance']:g}", "limit": f"{limit:g}", "sheet": a["sign_sheet"],
            # Sheet names read the same in both languages; beyond A1 it is a print-shop size.
            "needed": needed or Msgids((N_("a poster larger than A1"),))}


def _deletion_needed(a: Mapping[str, Any]) -> list[str]:
    needed = ["service_stops"]
    # A fixed period with deletion when it runs out is itself a deletion
    # trigger PIPL 47(1)(2) names ("保存期限已届满"); whether the period is
    # the shortest necessary is FR-20's and the assessment's question, not a
    # clear breach. Without a fixed period, data goes when the membership,
    # job or tenancy it serves ends.
    if a.get("retention") != "fixed_days":
        needed.insert(0, "relationship_ends")
    if a.get("legal_basis") == "consent":
        needed.append("consent_withdrawn")
    if a.get("retention") == "fixed_days":
        needed.append("period_expires")
    return needed


def _service_stop_due_passed(a: Mapping[str, Any]) -> bool:
    """The service has stopped and the 30 working days to delete have run out
    (an unknown stop date counts as long past, as in FR-45c)."""
    if a.get("stopped_using") is not True:
        return False
    return a.get("stop_date") is None or _today(a) > _stop_due(a)


def _missing_deletion_keys(a: Mapping[str, Any]) -> tuple[list[str], list[str]]:
    """Deletion triggers not in place: (for events that happen now, for events still ahead).

    Memberships end, periods run out and people withdraw every day; the
    service stopping is ahead until the business stops, and then still
    within its 30 working days to delete (Measures 15).
    """
    if a.get("deletion_triggers") is None:
        return [], []
    given = a["deletion_triggers"]
    missing = [k for k in _deletion_needed(a) if k not in given]
    ahead = [k for k in missing if k == "service_stops" and not _service_stop_due_passed(a)]
    return [k for k in missing if k not in ahead], ahead


def _lacks_deletion_trigger(a: Mapping[str, Any]) -> bool:
    return bool(_missing_deletion_keys(a)[0])


def _lacks_future_deletion(a: Mapping[str, Any]) -> bool:
    return bool(_missing_deletion_keys(a)[1])


def _deletion_missing_now(a: Mapping[str, Any]) -> dict[str, Any]:
    return {"missing": Msgids(_option_labels("deletion_triggers", _missing_deletion_keys(a)[0]))}


def _deletion_missing_ahead(a: Mapping[str, Any]) -> dict[str, Any]:
    return {"missing": Msgids(_option_labels("deletion_triggers", _missing_deletion_keys(a)[1]))}


def _option_labels(qid: str, keys) -> list[str]:
    from signdesk.questions import QUESTION_BY_ID

    return [QUESTION_BY_ID[qid].option(k).label for k in keys]


def _kept_past_purpose(a: Mapping[str, Any]) -> bool:
    days = a.get("retention_days")
    return (a.get("retention") == "after_relationship_ends" and isinstance(days, (int, float))
            and days > DELETION_WINDOW_DAYS
            and a.get("kept_after_end_reason") not in (None, "legal_duty"))


# -- filing deadlines -----------------------------------------------------
def _today(a: Mapping[str, Any]) -> dt.date:
    # The engine puts the evaluation date under this pseudo-answer.
    return a.get("__today__") or dt.date.today()


def _filing_due(a: Mapping[str, Any]) -> dt.date:
    return filing_deadline(a["threshold_date"]).due


def _due_params(due: Deadline) -> dict[str, Any]:
    """``deadline`` (the last day allowed) and ``overdue_since`` (the day after)."""
    return {"deadline": due, "overdue_since": Deadline(due.due + dt.timedelta(days=1), due.confirmed)}


def _due_now(a: Mapping[str, Any]) -> dict[str, Any]:
    """A duty already owed on the day of the check (no assessment after a change, no audit)."""
    return {"deadline": Deadline(_today(a))}


def _filing_params(a: Mapping[str, Any]) -> dict[str, Any]:
    return {**_due_params(filing_deadline(a["threshold_date"])), "days": FILING_WORKING_DAYS}


def _change_params(a: Mapping[str, Any]) -> dict[str, Any]:
    return _due_params(add_working_days(a["filing_change_date"], FILING_WORKING_DAYS))


def _stop_params(a: Mapping[str, Any]) -> dict[str, Any]:
    return _due_params(add_working_days(a["stop_date"], FILING_WORKING_DAYS))


def _late(done_key: str, due: Callable[[Mapping[str, Any]], dt.date]) -> Callable[[Mapping[str, Any]], bool]:
    """Done, on a known date after its deadline: a past lapse to explain, not a current breach."""
    def test(a: Mapping[str, Any]) -> bool:
        try:
            return a.get(done_key) is not None and a[done_key] > due(a)
        except (KeyError, TypeError):  # the date the deadline counts from is unknown
            return False
    return test


def _late_params(done_key: str, params: Callable[[Mapping[str, Any]], dict[str, Any]]):
    return lambda a: {**params(a), "done_on": a[done_key]}


def _not_filed(a: Mapping[str, Any]) -> bool:
    return (
        (a.get("people_stored") or 0) >= FILING_THRESHOLD
        and a.get("threshold_date") is not None
        and a.get("filing_status") == "not_filed"
    )


def _filing_to_make(a: Mapping[str, Any]) -> bool:
    return filing_kind(a) != "none"


EXPIRING_IDS = {"legal_rep_id_expiry": N_("the legal representative's ID document"),
                "filing_agent_id_expiry": N_("the ID document of the person handling the filing")}


def _expired_ids(a: Mapping[str, Any]) -> list[str]:
    return [whose for qid, whose in EXPIRING_IDS.items() if a.get(qid) is not None and a[qid] < _today(a)]


def _change_due(a: Mapping[str, Any]) -> dt.date:
    return add_working_days(a["filing_change_date"], FILING_WORKING_DAYS).due


def _stop_due(a: Mapping[str, Any]) -> dt.date:
    return add_working_days(a["stop_date"], FILING_WORKING_DAYS).due


def _change_pending(a: Mapping[str, Any]) -> bool:
    return a.get("filing_changed") is True and a.get("change_filed") is False and a.get("filing_change_date") is not None


def _cancel_pending(a: Mapping[str, Any]) -> bool:
    return a.get("stopped_using") is True and a.get("filing_cancelled") is False and a.get("stop_date") is not None


RULES: tuple[Rule, ...] = (
    # ================================================================ scoping
    Rule("FR-01", A, (M("2"), M("19", MED), PIPL("28")),
         Is("match_mode", "analyse_only"),
         N_("This use may fall outside the facial recognition Measures"),
         N_("A device that only counts people or estimates age or gender, without identifying anyone, may not be “facial recognition” as the Measures define it. The Personal Information Protection Law still treats facial information as sensitive personal information."),
         N_("Keep the device from identifying anyone, delete images at once, and still tell people and protect the data. If it ever identifies people, all rules apply.")),
    # ============================================================ business-wide
    Rule("FR-02", O, (M("4"), PIPL("6"), PIPL("28")),
         No("purpose_necessity_written"),
         N_("Purpose and necessity are not written down"),
         N_("Face recognition is allowed only for a specific purpose with real necessity, using the method with the least impact on people."),
         N_("Write down, for each place, what face recognition is for and why a card, code or staff check would not do. SignDesk's impact-assessment report gives you the template."),
         scope="business"),
    Rule("FR-23", V, (M("9"), PIPL("55"), GBT_SENSITIVE),
         No("pia_done"),
         N_("No personal information protection impact assessment"),
         N_("Facial information is sensitive personal information. An impact assessment must be done before processing starts."),
         N_("Carry out the assessment now and keep the report. SignDesk drafts it from your answers: print the impact-assessment report, review it, sign and date it."),
         scope="business"),
    Rule("FR-23b", V, (M("9"), PIPL("55")),
         No("pia_before_start"),
         N_("The impact assessment was done only after face recognition started"),
         N_("The assessment must come before processing, so that problems are fixed before anyone's face is captured."),
         N_("Review the assessment now against how the system actually runs, and assess before any new use or change in future."),
         scope="business"),
    Rule("FR-24", O, (PIPL("56"), M("9", MED)),
         Check(lambda a: bool(_missing(a, "pia_contents", PIA_ITEMS)) and a.get("pia_contents") is not None,
               ("pia_contents",)),
         N_("The impact assessment leaves out required points"),
         N_("An assessment must cover lawfulness and necessity, the impact on people's rights, the risks of leaks, tampering, loss and misuse, and whether the protections fit the risk. Missing: {missing}."),
         N_("Add the missing points to the assessment report."),
         scope="business", params=_pia_missing),
    # Reference §0: cite PIPL 56 for the three-year retention.
    Rule("FR-25", V, (PIPL("56"), M("9")),
         Below("pia_retention_years", 3),
         N_("Assessment report and records kept for less than three years"),
         N_("The impact-assessment report and the processing records must be kept for at least three years."),
         N_("Keep the report and the records for at least three years and note the date until which they are kept."),
         scope="business"),
    Rule("FR-25b", O, (M("9"), PIPL("55")),
         No("processing_records"),
         N_("No records of face processing"),
         N_("Records of the processing (who was enrolled, deleted or exported, and when) must be kept alongside the assessment."),
         N_("Keep a processing log, on paper or in the device's management software, and keep it at least three years."),
         scope="business"),
    # Re-assessment is Measures 9 [M]; a new purpose or method is new
    # processing of sensitive data, which PIPL 55 assesses in advance anyway.
    Rule("FR-26", V, (PIPL("55"), M("9", MED)),
         No("pia_redone"),
         N_("The impact assessment is out of date"),
         N_("After a change of purpose or method, or a major security incident, the assessment must be done again."),
         N_("Assess again and replace the old report (keep the old one too)."),
         scope="business",
         params=_due_now, due=Due.PIA_REASSESSMENT),
    Rule("FR-35", O, (M("14"), PIPL("51"), GBT_SENSITIVE),
         Check(lambda a: a.get("security_measures") is not None
               and any(k not in a["security_measures"] for k in SECURITY_ITEMS), ("security_measures",)),
         N_("Security measures are missing"),
         N_("Facial information must be protected with encryption, security audit, access control, authorisation management and intrusion detection and prevention. Missing: {missing}."),
         N_("Ask your device or software vendor to switch on the missing protections, change default passwords and give each staff member a personal account."),
         scope="business", params=_security_missing),
    Rule("FR-39", A, (M("14", MED),),
         Is("mlps_status", "not_assessed"),
         N_("Check whether the Multi-Level Protection Scheme applies"),
         N_("Information systems may need grading and filing under the Multi-Level Protection Scheme (等保); a small stand-alone device usually does not."),
         N_("Ask your vendor or the local public security bureau whether your system needs grading."),
         scope="business"),
    Rule("FR-40", O, (PIPL("51"), PIPL("57")),
         No("incident_plan"),
         N_("No plan for a data leak"),
         N_("If facial information leaks, is tampered with or lost, you must act at once and tell the authorities and, unless your measures prevent any harm, the people affected."),
         N_("Write a one-page incident plan: who decides, how to stop the leak, who tells the cyberspace office and the people affected, and the contact for questions."),
         scope="business"),
    Rule("FR-41", V, (M("15"), CAC),
         Check(lambda a: _not_filed(a) and _today(a) > _filing_due(a), ("people_stored", "threshold_date", "filing_status")),
         N_("Filing overdue since {overdue_since}"),
         N_("You store the faces of 100,000 people or more. Filing with the provincial cyberspace office was due within {days} working days, by {deadline}."),
         N_("File now in the CAC personal information protection system, with the filing pack SignDesk prepares."),
         scope="business", params=_filing_params, due=Due.FILING),
    Rule("FR-41b", O, (M("15"), CAC),
         Check(lambda a: _not_filed(a) and _today(a) <= _filing_due(a), ("people_stored", "threshold_date", "filing_status")),
         N_("File with the provincial cyberspace office by {deadline}"),
         N_("You store the faces of 100,000 people or more. Filing is due within {days} working days of reaching that number."),
         N_("Prepare the filing pack with SignDesk and file in the CAC personal information protection system by {deadline}."),
         scope="business", params=_filing_params, due=Due.FILING),
    Rule("FR-41c", O, (M("15"),),
         Check(lambda a: (a.get("people_stored") or 0) >= FILING_THRESHOLD and a.get("threshold_date") is None,
               ("people_stored", "threshold_date")),
         N_("Enter the date you reached 100,000 people"),
         N_("You store the faces of 100,000 people or more, so a filing is required; its deadline counts from the day you reached that number."),
         N_("Enter the date in “Face records and filing”."),
         scope="business"),
    # The filing materials (reference §I1 [M]): the ID scans and the licence
    # details are checked by the office; only while a filing is to be made.
    Rule("FR-41e", O, (M("15"), CAC),
         Check(lambda a: _filing_to_make(a) and bool(_expired_ids(a)),
               ("legal_rep_id_expiry", "filing_agent_id_expiry")),
         N_("An ID document for the filing has expired"),
         N_("The filing system asks for scans of the ID documents of the legal representative and of the person handling the filing; an expired one draws a review warning. Expired: {whose}."),
         N_("Renew the ID document, or name another person to handle the filing, before you submit."),
         scope="business", params=lambda a: {"whose": Msgids(_expired_ids(a))}),
    Rule("FR-41f", O, (M("15"), CAC),
         All(No("licence_match"), Check(_filing_to_make, ("people_stored", "filing_status"))),
         N_("Business name or credit code not as on the business licence"),
         N_("The filing office compares the handler's name and unified social credit code with the business licence, character for character."),
         N_("Copy the full registered name and the 18-character code from the licence into “Your business”."),
         scope="business"),
    Rule("FR-41g", O, (M("15"), CAC),
         Check(lambda a: _filing_to_make(a) and bool(a.get("uscc")) and not uscc_is_valid(a["uscc"]), ("uscc",)),
         N_("The unified social credit code is not a valid code"),
         N_("A unified social credit code has 18 characters and ends in a check character computed from the other 17 (GB 32100-2015); the code entered does not, so it has a typing error."),
         N_("Copy the code again from the business licence, character for character."),
         scope="business"),
    Rule("FR-43", A, (M("15"),),
         Check(lambda a: 80_000 <= (a.get("people_stored") or 0) < FILING_THRESHOLD, ("people_stored",)),
         N_("Approaching the 100,000-person filing threshold"),
         N_("At 100,000 people a filing becomes due within 30 working days."),
         N_("Delete facial information you no longer need, and prepare the filing pack in advance."),
         scope="business"),
    Rule("FR-44", V, (M("15"), CAC),
         Check(lambda a: _change_pending(a) and _today(a) > _change_due(a), ("filing_changed", "filing_change_date", "change_filed")),
         N_("Change filing overdue since {overdue_since}"),
         N_("A substantial change to filed information must be filed within 30 working days of the change, by {deadline}."),
         N_("File the change now."),
         scope="business", params=_change_params, due=Due.CHANGE_FILING),
    Rule("FR-44b", O, (M("15"), CAC),
         Check(lambda a: _change_pending(a) and _today(a) <= _change_due(a), ("filing_changed", "filing_change_date", "change_filed")),
         N_("File the change by {deadline}"),
         N_("A substantial change to filed information must be filed within 30 working days of the change."),
         N_("Export a change filing with SignDesk and submit it by {deadline}."),
         scope="business", params=_change_params, due=Due.CHANGE_FILING),
    Rule("FR-45", V, (M("15"),),
         Check(lambda a: _cancel_pending(a) and _today(a) > _stop_due(a), ("stopped_using", "stop_date", "filing_cancelled")),
         N_("Cancellation of the filing overdue since {overdue_since}"),
         N_("When you stop using face recognition, the filing must be cancelled within 30 working days, by {deadline}."),
         N_("Cancel the filing now."),
         scope="business", params=_stop_params, due=Due.CANCELLATION),
    Rule("FR-45b", O, (M("15"),),
         Check(lambda a: _cancel_pending(a) and _today(a) <= _stop_due(a), ("stopped_using", "stop_date", "filing_cancelled")),
         N_("Cancel the filing by {deadline}"),
         N_("When you stop using face recognition, the filing must be cancelled within 30 working days."),
         N_("Export a cancellation with SignDesk and submit it by {deadline}."),
         scope="business", params=_stop_params, due=Due.CANCELLATION),
    # Measures 15 gives the same 30 working days to cancel the filing and deal
    # with the facial information, so keeping it is a violation only after that.
    Rule("FR-45c", V, (M("15"), PIPL("47")),
         Check(lambda a: a.get("data_deleted_after_stop") is False
               and (a.get("stop_date") is None or _today(a) > _stop_due(a)),
               ("data_deleted_after_stop", "stop_date")),
         N_("Facial information kept after face recognition stopped"),
         N_("When the purpose ends, facial information must be deleted (or anonymised)."),
         N_("Delete the stored faces from every device, server and backup, and record the date."),
         scope="business",
         params=lambda a: _stop_params(a) if a.get("stop_date") else {}, due=Due.DELETION),
    Rule("FR-45d", O, (M("15"), PIPL("47")),
         Check(lambda a: a.get("data_deleted_after_stop") is False
               and a.get("stop_date") is not None and _today(a) <= _stop_due(a),
               ("data_deleted_after_stop", "stop_date")),
         N_("Delete the stored facial information by {deadline}"),
         N_("When you stop using face recognition, the facial information must be deleted (or anonymised) within 30 working days, together with cancelling the filing."),
         N_("Delete the stored faces from every device, server and backup, and record the date."),
         scope="business", params=_stop_params, due=Due.DELETION),
    # Late is not never: a filing made after its deadline is a past lapse.
    # Nothing is to be done now but to keep, with the filing, a note of why it
    # came late, should the office ask.
    Rule("FR-41d", O, (M("15"), CAC),
         Check(_late("filing_date", _filing_due), ("filing_status", "threshold_date", "filing_date")),
         N_("Filed late: due by {deadline}, filed on {done_on}"),
         N_("The filing was due within {days} working days of reaching 100,000 people. It is on record now; the delay is a past lapse the office may ask about."),
         N_("Keep a short note with the filing papers saying why it came late and what you changed so that deadlines are met."),
         scope="business", params=_late_params("filing_date", _filing_params), due=Due.FILING),
    Rule("FR-44c", O, (M("15"), CAC),
         Check(_late("change_filed_date", _change_due), ("filing_change_date", "change_filed", "change_filed_date")),
         N_("Change filed late: due by {deadline}, filed on {done_on}"),
         N_("A substantial change to filed information must be filed within 30 working days of the change. It is on record now; the delay is a past lapse the office may ask about."),
         N_("Keep a short note with the filing papers saying why it came late and what you changed so that deadlines are met."),
         scope="business", params=_late_params("change_filed_date", _change_params), due=Due.CHANGE_FILING),
    Rule("FR-45e", O, (M("15"),),
         Check(_late("filing_cancelled_date", _stop_due), ("stop_date", "filing_cancelled", "filing_cancelled_date")),
         N_("Filing cancelled late: due by {deadline}, cancelled on {done_on}"),
         N_("When you stop using face recognition, the filing must be cancelled within 30 working days. It is cancelled now; the delay is a past lapse the office may ask about."),
         N_("Keep a short note with the filing papers saying why it came late and what you changed so that deadlines are met."),
         scope="business", params=_late_params("filing_cancelled_date", _stop_params), due=Due.CANCELLATION),
    Rule("FR-46", O, (PIPL("21"),),
         No("vendor_contract"),
         N_("No data-processing contract with a vendor"),
         N_("A vendor that processes facial information for you needs a contract setting the purpose, duration, method, protection and deletion at the end, and you must supervise it."),
         N_("Sign a data-processing agreement with each vendor."),
         scope="business"),
    Rule("FR-47", V, (PIPL("23"), SPC("2")),
         No("sharing_separate_consent"),
         N_("Facial information shared without separate consent"),
         N_("Giving facial information to another company requires telling people who receives it and why, and their separate consent."),
         N_("Stop the sharing, or collect a separate consent naming the recipient, its contact, purpose and method."),
         scope="business"),
    Rule("FR-48", V, (PIPL("38"), PIPL("39")),
         Any_(No("cross_border_mechanism"), No("cross_border_consent")),
         N_("Facial information leaves mainland China without the required safeguards"),
         N_("A transfer abroad needs a legal mechanism (security assessment, certification or standard contract) and the person's separate consent."),
         N_("Keep facial information in mainland China, or put the mechanism and a separate consent in place first."),
         scope="business"),
    Rule("FR-50", V, (SPC("11"),),
         Yes("unlimited_terms"),
         N_("Your terms claim unlimited rights to people's faces"),
         N_("Standard terms that grant unlimited-time, irrevocable or freely sub-licensable rights over facial information can be declared invalid by a court."),
         N_("Remove these clauses; state a purpose, a retention period and a way to withdraw."),
         scope="business"),
    Rule("FR-51", O, (PIPL("44"), PIPL("45"), PIPL("47"), PIPL("50")),
         No("rights_requests"),
         N_("No way for people to see or delete their facial information"),
         N_("People have the right to see, copy, correct and delete their personal information, and you must offer a convenient way to ask."),
         N_("Name a contact on your signs and opt-out page, and answer requests promptly."),
         scope="business"),
    Rule("FR-52", O, (PIPL("54"), NDSR("27")),
         No("compliance_audit"),
         N_("No regular compliance audit"),
         N_("You, the personal information handler, must audit your processing of personal information regularly."),
         N_("Once a year, run through SignDesk's questionnaire and the impact assessment and record what you checked."),
         scope="business",
         params=_due_now, due=Due.COMPLIANCE_AUDIT),
    # ============================================================ per scenario
    Rule("FR-03", V, (M("5"), PIPL("17"), PIPL("30")),
         No("notice_before"),
         N_("People are not told before their face is captured"),
         N_("Before processing, people must be told who you are, what their face is used for, how long it is kept, why it is necessary and how to exercise their rights."),
         N_("Put up the SignDesk notice sign before the capture area and hand out the consent form before enrolment.")),
    Rule("FR-04", V, (M("5"), PIPL("17"), PIPL("30")),
         Check(lambda a: a.get("notice_items") is not None and bool(_missing(a, "notice_items", NOTICE_ITEMS)),
               ("notice_items",)),
         N_("The notice leaves out required information"),
         N_("The notice must give your name and contact, the purpose and method, the retention period, the necessity, the impact on people's rights and how to exercise them. Missing: {missing}."),
         N_("Use the SignDesk sign and consent form: they contain every required item."),
         params=_notice_missing),
    Rule("FR-05", O, (M("5"), NDSR("21")),
         No("notice_prominent"),
         N_("The notice is not prominent or not in plain language"),
         N_("The notice must be given in a prominent way and in clear, easy-to-understand language, not only inside a long policy."),
         N_("Put the notice at eye level before the capture point, in large print, and keep it short.")),
    Rule("FR-06", O, (M("5"), PIPL("17")),
         No("change_notice"),
         N_("No process to tell people about changes"),
         N_("If the purpose, method or retention changes, people must be told again."),
         N_("Reprint the signs and consent forms after any change; SignDesk dates each version.")),
    Rule("FR-07", O, (M("5"),),
         All(Has("enrolled", "elderly", "disabled"), No("accessibility")),
         N_("No accessible notice or alternative for elderly or disabled people"),
         N_("Where elderly or disabled people are involved, notice and processing must follow the national rules on barrier-free environments."),
         N_("Offer large print, a staff member who explains and helps, and an alternative that does not need the device.")),
    Rule("FR-08", V, (PIPL("13"),),
         All(Is("legal_basis", "none"), Not(CONSENT_ONLY_USE)),
         N_("No legal basis for processing faces"),
         N_("Personal information may be processed only on a legal basis such as consent, the needs of staff management, or a legal duty."),
         N_("Decide the basis; for customers it is usually separate consent, collected with the SignDesk consent form.")),
    Rule("FR-08b", V, (PIPL("13"), M("6"), PIPL("29")),
         Because(lambda a: a.get("legal_basis") == "none" and CONSENT_ONLY_USE(a),
                 ("legal_basis", "purposes", "enrolled"), because=("legal_basis",)),
         N_("No legal basis: this use needs each person's separate consent"),
         N_("Personal information may be processed only on a legal basis. No contract, legal duty or public-security rule requires face recognition for a use like this one, so the only basis available is each person's consent, and for facial information a separate consent."),
         N_("Ask each person for a separate consent with the SignDesk consent form before enrolling them, and delete the faces of everyone who has not given it.")),
    Rule("FR-09", V, (M("6"), PIPL("29"), SPC("4"), GBT_SENSITIVE),
         Is("consent_method", "bundled", "pre_ticked", "implied"),
         N_("Consent is not a separate consent"),
         N_("Facial information is sensitive: consent must be a separate consent, given voluntarily and explicitly, not bundled with other terms, pre-ticked or implied by walking in."),
         N_("Use the SignDesk separate consent form: its own sheet, unticked boxes, a signature and a date.")),
    Rule("FR-09b", V, (M("6"), PIPL("29")),
         Is("consent_method", "none"),
         N_("Consent is the basis, but nobody is asked"),
         N_("If you rely on consent, each person must give a separate consent before their face is processed."),
         N_("Collect a separate consent with the SignDesk consent form before enrolment.")),
    Rule("FR-10", V, (PIPL("16"), SPC("4"), M("10")),
         # Lawful only where face recognition is strictly necessary: required
         # by law (legal duty, or "no other way would do" answered no).
         All(Yes("service_refused"), NOT_BY_LAW, Not(No("non_face_feasible"))),
         N_("Service refused to people who decline face recognition"),
         N_("You may not refuse a product or service because someone declines face recognition, unless it is strictly necessary to provide it."),
         N_("Serve people who decline by the other method, and tell staff so.")),
    Rule("FR-11", O, (SPC("6"), PIPL("69")),
         No("consent_records"),
         N_("No record of consents"),
         N_("In a dispute you must prove that each person consented; without records you cannot."),
         N_("Keep each signed form, or a log of who agreed, when, to which version of the text and how. SignDesk numbers each form.")),
    Rule("FR-12", V, (PIPL("15"), PIPL("47")),
         Any_(No("withdrawal_route"), No("delete_on_withdrawal")),
         N_("Consent cannot easily be withdrawn, or faces are kept after withdrawal"),
         N_("People may withdraw consent at any time, through a convenient channel, and their facial information must then be deleted."),
         N_("Offer withdrawal at the counter, by phone and on the opt-out page, and delete the facial information when someone withdraws.")),
    Rule("FR-13", V, (PIPL("14"), NDSR("22")),
         All(No("reconsent"), ON_CONSENT),
         N_("Facial information used in a new way without new consent"),
         N_("A change of purpose or method needs the person's consent again."),
         N_("Stop the new use until people have agreed again with an updated consent form.")),
    Rule("FR-14", V, (NDSR("22"),),
         All(Yes("reprompt"), ON_CONSENT),
         N_("People are asked again and again after declining"),
         N_("After someone refuses, you may not keep asking them to consent."),
         N_("Record the refusal and stop prompting; offer the other method by default.")),
    Rule("FR-15", V, (M("7"), PIPL("31"), PIPL("28"), M("6"), PIPL("29")),
         All(No("guardian_consent"), NOT_BY_LAW),
         N_("Children under 14 enrolled without a guardian's consent"),
         N_("A child's face may be processed only with the consent of a parent or other guardian, and facial information, being sensitive, needs a separate consent."),
         N_("Collect the SignDesk guardian consent form, signed by a parent or guardian, for every child before enrolment, and delete faces enrolled without it.")),
    # A child's facial information is sensitive twice over (PIPL 28): the guardian's
    # consent is the consent PIPL 29 and Measures 6 require to be separate.
    Rule("FR-15b", V, (M("7"), PIPL("31"), M("6"), PIPL("29")),
         All(Is("guardian_consent_method", "contract_clause", "pre_ticked"), NOT_BY_LAW),
         N_("The guardian's consent is not a separate consent"),
         N_("A child's facial information is sensitive personal information: the parent's or guardian's consent must be a separate consent, given explicitly for the child's facial information, not a clause in an enrolment or membership contract or a box ticked in advance."),
         N_("Collect the SignDesk guardian consent form, signed by a parent or guardian, for every child, and delete the faces of children whose guardian has not signed it.")),
    Rule("FR-16", O, (PIPL("31"), NDSR("21")),
         No("child_rules"),
         N_("No dedicated processing rules for children under 14"),
         N_("Processing children's personal information needs its own written processing rules."),
         N_("Write short rules for children's facial information: who may enrol them, how guardians withdraw, when data is deleted.")),
    Rule("FR-17", A, (PIPL("31"), GBT),
         All(No("age_check"), CHILDREN_LIKELY),
         N_("No check of whether a person is under 14"),
         N_("Where children are likely, you need to know who is under 14 to ask the guardian. The draft of the voluntary national standard advised against using face recognition on children."),
         N_("Ask for the date of birth at enrolment, and offer children a non-face method by default.")),
    Rule("FR-18", V, (M("8"),),
         All(OFF_DEVICE, Any_(Is("transmission_basis", "nothing", "terms_or_notice"),
                              All(Is("transmission_basis", "general_consent"), FACE_CONSENT_NOT_SEPARATE))),
         N_("Facial information leaves the device without separate consent"),
         N_("Facial information must be stored inside the face-recognition device and not sent out over the Internet, unless a law requires it or the person gives separate consent."),
         N_("Switch the device to on-device storage and matching, or collect a separate consent for the transfer (the SignDesk consent form has its own tick box for it).")),
    # The separate face consent names the transfer but gives it no tick of its
    # own (reference §F FR-19): a consent exists, so a to-do, not a breach.
    Rule("FR-19", O, (M("8"),),
         All(OFF_DEVICE, Is("transmission_basis", "general_consent"), Not(FACE_CONSENT_NOT_SEPARATE)),
         N_("Transfer off the device has no consent tick of its own"),
         N_("Storing facial information off the device or sending it over the Internet needs the person's separate consent to that; a face-recognition consent that mentions the transfer without a tick of its own may not be enough."),
         N_("Add the separate tick box for the transfer (SignDesk's consent form has it) and collect it from everyone enrolled.")),
    Rule("FR-20", V, (M("8"), PIPL("19")),
         Is("retention", "indefinite"),
         N_("No retention period for facial information"),
         N_("Facial information may be kept only for the shortest time the purpose needs."),
         N_("Set a retention period (for example, until membership ends, deleted within the days a deletion run takes) and configure automatic deletion.")),
    Rule("FR-20b", V, (M("8"), PIPL("19"), PIPL("47")),
         Because(_kept_past_purpose, ("retention", "retention_days", "kept_after_end_reason"),
                 because=("retention_days", "kept_after_end_reason")),
         N_("Facial information kept {days} days after its purpose ends"),
         N_("When the membership, stay or employment ends, the purpose is achieved and facial information must be deleted, allowing only the days a deletion run takes ({window} days), unless a law requires keeping it. Keeping it in case people come back is not a purpose."),
         N_("Delete facial information within {window} days of the end of the membership, stay or employment, and set the device to do it automatically."),
         params=lambda a: {"days": a["retention_days"], "window": DELETION_WINDOW_DAYS}),
    Rule("FR-21", V, (PIPL("47"), NDSR("24")),
         Because(_lacks_deletion_trigger, ("deletion_triggers", "legal_basis", "retention", "stopped_using", "stop_date"),
                 because=("deletion_triggers",)),
         N_("Facial information is not deleted when it should be"),
         N_("Facial information must be deleted when the purpose is achieved, the service ends, the retention period runs out or consent is withdrawn. Not in place: {missing}."),
         N_("Set up deletion for each of these events and check it works."),
         params=_deletion_missing_now),
    # The service has not stopped yet (or its 30 working days to delete are
    # still running): a rule to set up before it does, not a breach.
    Rule("FR-21b", O, (PIPL("47"), NDSR("24")),
         Because(_lacks_future_deletion, ("deletion_triggers", "stopped_using", "stop_date"),
                 because=("deletion_triggers",)),
         N_("Plan deletion for when you stop offering the service"),
         N_("When you stop using face recognition, the stored facial information must be deleted (within 30 working days, with the cancellation of any filing). Not yet in place: {missing}."),
         N_("Write down how every device, server and backup will be wiped when the service stops, and who does it."),
         params=_deletion_missing_ahead),
    Rule("FR-22", A, (GBT, GBT_SENSITIVE),
         All(Yes("raw_images_kept"), No("raw_images_authorised")),
         N_("Original face images kept"),
         N_("The voluntary national standard advises deleting original face images once the template is made, unless the person separately authorises keeping them."),
         N_("Configure the device to keep only templates, or ask for a separate authorisation.")),
    Rule("FR-27", V, (M("10"),),
         # Residents' entry has its own rule (FR-54), which adds SPC art. 10.
         All(Yes("non_face_feasible"), Not(RESIDENT_ENTRY), VERIFIES_IDENTITY),
         N_("Face recognition is the only way"),
         N_("Where a card, code, key or staff check can do the same job, face recognition must not be the only method offered."),
         N_("Offer a non-face method alongside the device and say so on the sign.")),
    Rule("FR-28", V, (M("10"),),
         All(No("alternative_equal"), VERIFIES_IDENTITY),
         N_("The other way is made harder than face recognition"),
         N_("Someone who declines face recognition must get another reasonable and convenient way, not an extra fee, a long wait or worse service."),
         N_("Make the other way as quick and free as the face scan.")),
    Rule("FR-29", V, (M("12"), PIPL("5"), NDSR("22")),
         Has("pressure", *PRESSURE),
         N_("Customers are pushed into face recognition"),
         N_("Nobody may mislead, defraud or coerce people into face recognition, for example by saying it is required or that service will suffer."),
         N_("Train staff to offer both ways neutrally; remove “face only” perks and wording.")),
    Rule("FR-30", V, (M("13"), PIPL("26")),
         All(Yes("public_place"), Has("purposes", "marketing", "footfall"), NO_SEPARATE_CONSENT),
         N_("Face recognition in a public place for marketing or customer analysis"),
         N_("In places open to the public, face-recognition devices are allowed for public security; using them to recognise VIPs or analyse customers needs each person's separate consent."),
         N_("Stop recognising customers in the public area, or limit it to people who gave separate consent.")),
    Rule("FR-31", V, (M("13"), PIPL("26")),
         No("sign_at_capture"),
         N_("No prominent notice sign at the capture area"),
         N_("A face-recognition device in a public place must have a prominent notice sign."),
         N_("Print the SignDesk notice sign and put it up at eye level before the capture area.")),
    # The audit guideline (reference §I3) is the test: can a person read the
    # notice completely (4(2)), and is offline notice given by signs where
    # people are (4(3))? The duty is Measures 5 and 13. A sign that is plainly
    # absent stays FR-31's violation.
    Rule("FR-31b", O, (M("5"), M("13"), Citation(Law.AUDIT_GUIDELINE, "4(3)")),
         Is("sign_position", "after_capture"),
         N_("The sign hangs after the capture area"),
         N_("People must be told before their face is captured: a sign they reach only after the camera has seen them is no notice at the capture area."),
         N_("Move the sign before the capture area, at eye height (about 1.5 to 1.7 m), where people see it before they reach the device.")),
    Rule("FR-31c", O, (M("5"), M("13"), Citation(Law.AUDIT_GUIDELINE, "4(2)")),
         Check(_sign_too_small, ("sign_sheet", "sign_reading_distance")),
         N_("The sign is too small to read from {distance} m"),
         N_("The notice must be prominent and clear, and an audit checks that the size of its text lets a person read it completely. Text on an {sheet} sign reads completely from about {limit} m; people here read it from {distance} m."),
         N_("Hang the sign where people pass within {limit} m of it, or print it larger (size needed: {needed})."),
         params=_sign_size_params),
    Rule("FR-32", O, (M("13"),),
         No("capture_area_limited"),
         N_("The camera sees more than it needs to"),
         N_("The area where faces are captured must be set lawfully and reasonably."),
         N_("Re-aim or mask the camera so it covers only the entrance or counter it serves.")),
    Rule("FR-33", V, (PIPL("26"),),
         No("public_reuse_consent"),
         N_("Public-area images used for other purposes"),
         N_("Images and identities captured in public places may be used only for public security, unless the person gives separate consent."),
         N_("Stop the other use, or limit it to people who gave separate consent.")),
    Rule("FR-34", V, (M("13"),),
         Has("private_spaces", *PRIVATE_SPACES),
         N_("Face-recognition device inside a private space"),
         N_("No face-recognition device may be installed in hotel rooms, bathhouses, changing rooms, toilets or similar private spaces, whatever the sign or consent."),
         N_("Remove the device from the private space now.")),
    Rule("FR-49", A, (PIPL("28"), DRAFT),
         # The violation case is FR-49b; this advice covers the rest.
         All(Yes("sensitive_inference"), Not(INFERENCE_WITHOUT_CONSENT)),
         N_("The system infers sensitive traits from faces"),
         N_("Inferring ethnicity, religion, health, mood or social class is high-risk processing of sensitive personal information; the 2023 draft would have banned it."),
         N_("Switch these features off unless you have a specific necessity and each person's separate consent.")),
    Rule("FR-49b", V, (PIPL("28"), PIPL("29"), SPC("2")),
         # A legal duty needs no consent (PIPL 13(3)); every other basis needs
         # a separate consent for this sensitive processing.
         All(Yes("sensitive_inference"), INFERENCE_WITHOUT_CONSENT),
         N_("Sensitive traits inferred from faces without separate consent"),
         N_("Inferring ethnicity, religion, health, mood or social class processes more sensitive personal information; it needs a specific purpose, real necessity and each person's separate consent."),
         N_("Switch these features off, or collect a separate consent that names them.")),
    Rule("FR-53", A, (M("11", MED),),
         All(No("national_id_channel"), Is("match_mode", "verify")),
         N_("Consider the national identity authentication service"),
         N_("For identity checks the Measures encourage using the national network identity authentication public service instead of building your own face database."),
         N_("Ask your vendor whether the national service can be used.")),
    Rule("FR-54", V, (M("10"), SPC("10")),
         All(RESIDENT_ENTRY, Yes("non_face_feasible"), VERIFIES_IDENTITY),
         N_("Residents can only get in by face"),
         N_("A property manager may not make face recognition the only way into the compound; residents can go to court to get another way."),
         N_("Offer access cards, codes or keys to every resident who asks, at no charge.")),
)

# The register's rules run only when a register is given to evaluate().
from signdesk.rules.register_rules import REGISTER_RULES  # noqa: E402

RULE_BY_ID: dict[str, Rule] = {r.id: r for r in RULES + REGISTER_RULES}
