"""The personal information protection impact assessment report, as data.

The report follows what Measures art. 9 and PIPL arts. 55–56 ask an
assessment to cover: purpose and necessity, processing method, impact on
people's rights and the measures reducing it, the risks of leak, tampering,
loss and misuse with the protections against them, whether those
protections fit the risk, and a conclusion. Every statement comes from an
answer or a finding; an unanswered question stays a visible gap (``value``
is ``None``), never invented text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any

from signdesk.i18n import EN, N_, ZH, Bilingual, dated, translate
from signdesk.model.files import refuse_answers_to_fix
from signdesk.model.project import Project
from signdesk.questions import QUESTION_BY_ID
from signdesk.rules import Assessment, Severity, describe_value, evaluate

#: PIPL art. 56 / Measures art. 9: keep the report at least this long.
MIN_RETENTION_YEARS = 3


class Conclusion(str, Enum):
    """The assessment's verdict. Open violations rule out "acceptable"."""

    NOT_ACCEPTABLE = "not_acceptable"
    INCOMPLETE = "incomplete"
    ACCEPTABLE_WITH_ACTIONS = "acceptable_with_actions"
    ACCEPTABLE = "acceptable"

    def text(self) -> Bilingual:
        return Bilingual.of(CONCLUSION_TEXTS[self])


CONCLUSION_TEXTS = {
    Conclusion.NOT_ACCEPTABLE: N_("Not acceptable: the processing has the violations listed above. Stop or change it before continuing."),
    Conclusion.INCOMPLETE: N_("Cannot conclude yet: questions the law requires the assessment to answer are still unanswered."),
    Conclusion.ACCEPTABLE_WITH_ACTIONS: N_("Acceptable once the listed to-do items are done."),
    Conclusion.ACCEPTABLE: N_("Acceptable: the purpose is specific and necessary, and the protections fit the risk."),
}


@dataclass(frozen=True)
class PiaItem:
    """One line of the report: a label and a value, or a gap when ``value`` is None."""

    label: Bilingual
    value: Bilingual | None
    question_id: str | None = None


@dataclass(frozen=True)
class PiaGroup:
    """Items under an optional sub-heading (a scenario's name)."""

    title: Bilingual | None
    items: tuple[PiaItem, ...]


@dataclass(frozen=True)
class PiaSection:
    title: Bilingual
    citations: Bilingual
    groups: tuple[PiaGroup, ...]


@dataclass(frozen=True)
class PiaReport:
    """Everything the PIA report prints, in order."""

    operator: str
    sections: tuple[PiaSection, ...]
    conclusion: Conclusion
    assessed_on: dt.date | None
    assessor: str | None
    version: str | None
    keep_until: dt.date | None
    generated_on: dt.date

    def items(self) -> list[PiaItem]:
        return [i for s in self.sections for g in s.groups for i in g.items]

    def gaps(self) -> list[PiaItem]:
        """Items the owner has not answered yet."""
        return [i for i in self.items() if i.value is None]


# ------------------------------------------------------------------ helpers
_b = Bilingual.of


def _answer(answers: Mapping[str, Any], qid: str, label: str | None = None) -> PiaItem:
    """The owner's answer to ``qid`` in both languages, or a gap."""
    q = QUESTION_BY_ID[qid]
    value = answers.get(qid)
    text = None
    if value not in (None, "", []):
        text = Bilingual(describe_value(qid, value, ZH), describe_value(qid, value, EN))
    return PiaItem(_b(label or q.text), text, qid)


def _options(qid: str, keys: list[str]) -> Bilingual:
    q = QUESTION_BY_ID[qid]
    return Bilingual("、".join(translate(ZH, q.option(k).label) for k in keys),
                     "; ".join(translate(EN, q.option(k).label) for k in keys))


def keep_until(assessed_on: dt.date | None, years: int | None) -> dt.date | None:
    """The date until which the report must be kept: ≥ 3 years (PIPL art. 56)."""
    if assessed_on is None:
        return None
    years = max(MIN_RETENTION_YEARS, years or 0)
    try:
        return assessed_on.replace(year=assessed_on.year + years)
    except ValueError:  # 29 February
        return assessed_on.replace(year=assessed_on.year + years, day=28)


def _why_not_other_method(a: Mapping[str, Any]) -> Bilingual | None:
    alternatives = a.get("alternatives") or []
    if not alternatives:
        return None
    if "none" not in alternatives:
        return _b(N_("Face recognition is not the only way: people may use {methods} instead."),
                  methods=_options("alternatives", alternatives))
    feasible = a.get("non_face_feasible")
    if feasible is None:
        return None
    if feasible:
        return _b(N_("No other way is offered although a non-face method could do the same job (see the findings)."))
    return _b(N_("The owner states that no non-face method can achieve the same purpose here (for example because a law or regulation requires face recognition)."))


# ------------------------------------------------------------------ sections
def _purpose_section(project: Project) -> PiaSection:
    business = project.business_answers()
    groups = [PiaGroup(None, (_answer(business, "purpose_necessity_written"),))]
    for sc in project.scenarios:
        a = project.answers_for(sc)
        groups.append(PiaGroup(Bilingual(sc.name, sc.name_en), (
            _answer(a, "scenario_kind"),
            _answer(a, "purposes"),
            _answer(a, "location"),
            _answer(a, "alternatives"),
            PiaItem(_b(N_("Why a non-face method does not suffice")), _why_not_other_method(a)),
        )))
    return PiaSection(_b(N_("1. Purpose and necessity")), _b(N_("FR Measures art. 4, 9, 10; PIPL art. 6, 28, 56")),
                      tuple(groups))


def _method_section(project: Project) -> PiaSection:
    business = project.business_answers()
    groups = [PiaGroup(None, (
        _answer(business, "people_stored"),
        _answer(business, "vendor_processes"),
        *([_answer(business, "vendor_names")] if business.get("vendor_processes") else []),
        _answer(business, "shares_with_others"),
        *([_answer(business, "sharing_recipients")] if business.get("shares_with_others") else []),
        _answer(business, "cross_border"),
    ))]
    for sc in project.scenarios:
        a = project.answers_for(sc)
        items = [_answer(a, q) for q in ("match_mode", "device_count", "enrolled", "legal_basis")]
        if a.get("match_mode") in ("verify", "identify"):
            items.insert(1, _answer(a, "liveness_check"))
        if a.get("legal_basis") == "consent":
            items.append(_answer(a, "consent_method"))
        items += [_answer(a, q) for q in ("storage_location", "internet_transmission")]
        if a.get("internet_transmission") or a.get("storage_location") not in (None, "device"):
            items.append(_answer(a, "transmission_basis"))
        items.append(_answer(a, "retention"))
        if a.get("retention") in ("fixed_days", "after_relationship_ends"):
            items.append(_answer(a, "retention_days"))
        items += [_answer(a, "deletion_triggers"), _answer(a, "raw_images_kept")]
        groups.append(PiaGroup(Bilingual(sc.name, sc.name_en), tuple(items)))
    return PiaSection(_b(N_("2. Processing method")), _b(N_("FR Measures art. 8, 9; PIPL art. 56")), tuple(groups))


def _rights_section(project: Project) -> PiaSection:
    business = project.business_answers()
    groups = [PiaGroup(None, (_answer(business, "rights_requests"),))]
    for sc in project.scenarios:
        a = project.answers_for(sc)
        items = [
            PiaItem(_b(N_("Impact on people's rights")), _b(
                N_("Facial information is sensitive personal information: once leaked it cannot be changed like a password, and misuse can expose people to tracking, fraud or discrimination."))),
            _answer(a, "notice_before"),
        ]
        if a.get("public_place"):
            items.append(_answer(a, "sign_at_capture"))
        if a.get("legal_basis") == "consent":
            items += [_answer(a, "withdrawal_route"), _answer(a, "delete_on_withdrawal")]
        if "children" in (a.get("enrolled") or []):
            items += [_answer(a, "guardian_consent"), _answer(a, "child_rules")]
        if set(a.get("enrolled") or []) & {"elderly", "disabled"}:
            items.append(_answer(a, "accessibility"))
        items.append(_answer(a, "service_refused"))
        groups.append(PiaGroup(Bilingual(sc.name, sc.name_en), tuple(items)))
    return PiaSection(_b(N_("3. Impact on people's rights and measures that reduce it")),
                      _b(N_("FR Measures art. 5, 6, 7, 9, 10; PIPL art. 15, 30, 31, 56")), tuple(groups))


#: Risk (Measures art. 9) -> the security measures that protect against it.
RISKS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (N_("Leak of facial information"), ("encryption", "access_control")),
    (N_("Tampering with facial information"), ("audit_log", "authorisation")),
    (N_("Loss or destruction of facial information"), ("intrusion_protection", "audit_log")),
    (N_("Unlawful acquisition, sale or misuse"), ("authorisation", "access_control", "audit_log")),
)


def _risk_section(project: Project) -> PiaSection:
    business = project.business_answers()
    measures = business.get("security_measures")
    items: list[PiaItem] = []
    for risk, protections in RISKS:
        if measures is None:
            items.append(PiaItem(_b(risk), None, "security_measures"))
            continue
        present = [p for p in protections if p in measures]
        missing = [p for p in protections if p not in measures]
        parts = []
        if present:
            parts.append(_b(N_("In place: {measures}."), measures=_options("security_measures", present)))
        if missing:
            parts.append(_b(N_("Missing: {measures}."), measures=_options("security_measures", missing)))
        items.append(PiaItem(_b(risk), Bilingual("".join(p.zh for p in parts), " ".join(p.en for p in parts)),
                             "security_measures"))
    items += [_answer(business, q) for q in ("mlps_status", "incident_plan", "compliance_audit", "processing_records")]
    if business.get("vendor_processes"):
        items.append(_answer(business, "vendor_contract"))
    return PiaSection(_b(N_("4. Risks of leak, tampering, loss and misuse, and the protections")),
                      _b(N_("FR Measures art. 9, 14; PIPL art. 51, 56")), (PiaGroup(None, tuple(items)),))


def _fit_section(project: Project, assessment: Assessment) -> PiaSection:
    items: list[PiaItem] = []
    names = {sc.id: Bilingual(sc.name, sc.name_en) for sc in project.scenarios}
    for f in assessment.findings:
        if f.severity is Severity.ADVISORY:
            continue
        where = names.get(f.scenario_id or "")
        label = Bilingual(f"{f.severity.label(ZH)}：{where.zh}" if where else f.severity.label(ZH),
                          f"{f.severity.label(EN)}: {where.en}" if where else f.severity.label(EN))
        items.append(PiaItem(label, Bilingual(f"{f.title(ZH)}（{f.citation_text(ZH)}）",
                                              f"{f.title(EN)} ({f.citation_text(EN)})")))
    if not items:
        items.append(PiaItem(_b(N_("Findings")), _b(N_("No violations or open obligations were found."))))
    return PiaSection(_b(N_("5. Do the protections fit the risk?")), _b(N_("FR Measures art. 9; PIPL art. 56")),
                      (PiaGroup(None, tuple(items)),))


def _conclusion(assessment: Assessment, gaps: int) -> Conclusion:
    if assessment.violations:
        return Conclusion.NOT_ACCEPTABLE
    if gaps:
        return Conclusion.INCOMPLETE
    if assessment.count(Severity.OBLIGATION):
        return Conclusion.ACCEPTABLE_WITH_ACTIONS
    return Conclusion.ACCEPTABLE


def build_pia(project: Project, today: dt.date) -> PiaReport:
    """The PIA report's content for ``project`` as of ``today`` (refusing answers to fix)."""
    refuse_answers_to_fix(project)
    business = project.business_answers()
    assessment = evaluate(project, today)
    sections = (
        _purpose_section(project),
        _method_section(project),
        _rights_section(project),
        _risk_section(project),
        _fit_section(project, assessment),
    )
    gap_count = sum(1 for s in sections for g in s.groups for i in g.items if i.value is None)
    conclusion = _conclusion(assessment, gap_count)
    assessed_on = business.get("pia_date")
    until = keep_until(assessed_on, business.get("pia_retention_years"))
    record = (
        PiaItem(_b(N_("Conclusion")), conclusion.text()),
        _answer(business, "pia_date"),
        _answer(business, "pia_assessor"),
        _answer(business, "pia_version"),
        PiaItem(_b(N_("Keep this report until")),
                dated(until) if until else None,
                "pia_date"),
    )
    sections += (PiaSection(_b(N_("6. Conclusion and record")), _b(N_("FR Measures art. 9; PIPL art. 56 (kept at least three years)")),
                            (PiaGroup(None, record),)),)
    return PiaReport(
        operator=business.get("operator_name") or "",
        sections=sections,
        conclusion=conclusion,
        assessed_on=assessed_on,
        assessor=business.get("pia_assessor"),
        version=business.get("pia_version"),
        keep_until=until,
        generated_on=today,
    )
