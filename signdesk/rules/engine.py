"""evaluate(project) -> findings, and the documents the business must produce."""

from __future__ import annotations

import datetime as dt
from collections import ChainMap
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Mapping

from signdesk.i18n import N_, translate
from signdesk.model.project import Project, Scenario
from signdesk.questions import FILING_THRESHOLD
from signdesk.rules.catalogue import RULES
from signdesk.rules.model import Citation, Finding, Law, M, PIPL, Rule, Severity, Trigger
from signdesk.rules.register_rules import REGISTER_BUSINESS_KEY, REGISTER_KEY, REGISTER_RULES, RegisterFacts

TODAY_KEY = "__today__"
#: Texts that apply only where the Measures apply (not to R&D, art. 2).
MEASURES_REGIME = frozenset({Law.MEASURES, Law.CAC_FILING})


class DocumentKind(str, Enum):
    """What SignDesk prints, in the order a checklist lists them."""

    SIGN = "sign"
    CONSENT_FORM = "consent_form"
    GUARDIAN_CONSENT_FORM = "guardian_consent_form"
    OPTOUT_PAGE = "optout_page"
    PIA_REPORT = "pia_report"
    FILING_PACK = "filing_pack"
    COMPLIANCE_REPORT = "compliance_report"

    def title(self, locale: str) -> str:
        return translate(locale, DOCUMENT_TITLES[self])


DOCUMENT_TITLES = {
    DocumentKind.SIGN: N_("Prominent notice sign"),
    DocumentKind.CONSENT_FORM: N_("Separate consent form"),
    DocumentKind.GUARDIAN_CONSENT_FORM: N_("Guardian consent form (children under 14)"),
    DocumentKind.OPTOUT_PAGE: N_("Opt-out web page"),
    DocumentKind.PIA_REPORT: N_("Personal information protection impact assessment report"),
    DocumentKind.FILING_PACK: N_("Filing pack for the provincial cyberspace office"),
    DocumentKind.COMPLIANCE_REPORT: N_("Compliance report"),
}


@dataclass(frozen=True)
class RequiredDocument:
    """A document the business needs, for one scenario or for the business."""

    kind: DocumentKind
    scenario_id: str | None
    citations: tuple[Citation, ...]


@dataclass(frozen=True)
class Assessment:
    """The outcome of one evaluation."""

    findings: tuple[Finding, ...]
    documents: tuple[RequiredDocument, ...]
    #: Scenarios outside the Measures because they only serve R&D or training (art. 2).
    research_only: frozenset[str] = field(default_factory=frozenset)

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)

    @property
    def violations(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.VIOLATION)

    def for_scenario(self, scenario_id: str | None) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.scenario_id == scenario_id)


def is_research_only(project: Project, scenario: Scenario | None = None) -> bool:
    """Outside the Measures (art. 2): only R&D or algorithm training."""
    if project.business.get("research_only") is True:
        return True
    if scenario is None:
        return False
    purposes = project.answers_for(scenario).get("purposes") or []
    return purposes == ["research"]


def _fire(rule: Rule, answers: Mapping[str, Any], scenario_id: str | None, outside_measures: bool) -> Finding | None:
    if not rule.when(answers):
        return None
    citations = rule.citations
    if outside_measures:
        # Art. 2 takes R&D out of the Measures, not out of PIPL: keep the rest.
        # The CAC filing announcement only implements Measures art. 15.
        citations = tuple(c for c in citations if c.law not in MEASURES_REGIME)
        if not citations:
            return None
    severity = rule.severity
    if severity is Severity.VIOLATION and not any(c.supports_violation for c in citations):
        severity = Severity.OBLIGATION
    # An empty multiple choice ("nothing ticked") is an answer and can be the
    # cause (no security measure, no deletion trigger); None and "" are not.
    triggers = tuple(
        Trigger(qid, answers[qid]) for qid in rule.when.causes(answers) if answers.get(qid) not in (None, "")
    )
    params = rule.params(answers) if rule.params else {}
    return Finding(rule, severity, citations, scenario_id, triggers, params)


def evaluate(project: Project, today: dt.date | None = None, register: RegisterFacts | None = None) -> Assessment:
    """Check every rule against the project.

    Business rules run once on the business answers; scenario rules once per
    scenario. ``today`` pins the date for deadline rules (default: today).
    ``register`` adds the register's rules, over what it holds.
    """
    today = today or dt.date.today()
    findings: list[Finding] = []
    rules = RULES + REGISTER_RULES if register else RULES
    extra: dict[str, Any] = {REGISTER_KEY: register.business} if register else {}
    business = ChainMap({TODAY_KEY: today, **extra}, project.business_answers())
    research = {sc.id for sc in project.scenarios if is_research_only(project, sc)}
    # A business whose every use is R&D owes no Measures duties (filing,
    # art. 9 assessment) either; PIPL ones remain.
    outside_all = project.business.get("research_only") is True or (
        bool(project.scenarios) and len(research) == len(project.scenarios))
    for rule in rules:
        if rule.scope == "business":
            found = _fire(rule, business, None, outside_all)
            if found:
                findings.append(found)
    for scenario in project.scenarios:
        outside = scenario.id in research
        if register:
            extra = {REGISTER_KEY: register.for_scenario(scenario.id), REGISTER_BUSINESS_KEY: register.business}
        answers = ChainMap({TODAY_KEY: today, **extra}, project.answers_for(scenario))
        for rule in rules:
            if rule.scope != "business":
                found = _fire(rule, answers, scenario.id, outside)
                if found:
                    findings.append(found)
    order = {sc.id: i for i, sc in enumerate(project.scenarios)}
    findings.sort(key=lambda f: (-1 if f.scenario_id is None else order[f.scenario_id], f.severity.rank))
    return Assessment(tuple(findings), required_documents(project, research), frozenset(research))


def required_documents(project: Project, research_only: set[str] | frozenset[str] = frozenset()) -> tuple[RequiredDocument, ...]:
    """What the business must print or file, derived from the answers."""
    docs: list[RequiredDocument] = []
    consent_needed = False
    for sc in project.scenarios:
        if sc.id in research_only:
            continue
        a = project.answers_for(sc)
        if a.get("public_place") is True:
            docs.append(RequiredDocument(DocumentKind.SIGN, sc.id, (M("13"), PIPL("26"), M("5"))))
        if a.get("legal_basis") == "consent":
            consent_needed = True
            docs.append(RequiredDocument(DocumentKind.CONSENT_FORM, sc.id, (M("6"), PIPL("29"))))
        # Like FR-15: where a law requires the processing (PIPL 13(3)) no
        # consent is asked, the guardian's included.
        if "children" in (a.get("enrolled") or []) and a.get("legal_basis") != "legal_duty":
            docs.append(RequiredDocument(DocumentKind.GUARDIAN_CONSENT_FORM, sc.id, (M("7"), PIPL("31"))))
    active = [sc for sc in project.scenarios if sc.id not in research_only]
    if consent_needed or any(d.kind is DocumentKind.SIGN for d in docs):
        docs.append(RequiredDocument(DocumentKind.OPTOUT_PAGE, None, (PIPL("15"), PIPL("17"))))
    if project.scenarios:
        citations = (M("9"), PIPL("55"), PIPL("56")) if active else (PIPL("55"), PIPL("56"))
        docs.append(RequiredDocument(DocumentKind.PIA_REPORT, None, citations))
    stored = project.business.get("people_stored") or 0
    if stored >= FILING_THRESHOLD and active:
        docs.append(RequiredDocument(DocumentKind.FILING_PACK, None, (M("15"),)))
    docs.append(RequiredDocument(DocumentKind.COMPLIANCE_REPORT, None, ()))
    return tuple(docs)


def describe_value(question_id: str, value: Any, locale: str) -> str:
    """An answer as the owner would read it ("Yes", "Vendor cloud", "2025-06-01")."""
    from signdesk.questions import QUESTION_BY_ID, Kind
    from signdesk.i18n import format_date

    q = QUESTION_BY_ID.get(question_id)
    if q is None:
        return str(value)
    if q.kind is Kind.YES_NO:
        return translate(locale, N_("Yes") if value else N_("No"))
    if q.kind is Kind.CHOICE:
        return translate(locale, q.option(value).label)
    if q.kind is Kind.MULTI:
        if not value:
            return translate(locale, N_("Nothing ticked"))
        sep = "、" if locale.startswith("zh") else ", "
        return sep.join(translate(locale, q.option(k).label) for k in value)
    if q.kind is Kind.DATE:
        return format_date(value, locale)
    if q.kind is Kind.NUMBER and isinstance(value, int):
        return f"{value:,}"  # 132,000: grouped the same way in both languages
    return str(value)
