"""What a rule, a citation and a finding are."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Callable, Mapping

from signdesk.i18n import N_, translate
from signdesk.questions.conditions import Condition
from signdesk.rules.deadlines import Deadline, Due, DueDate


class Severity(str, Enum):
    """How serious a finding is. Sorted most serious first."""

    VIOLATION = "violation"   # a clear breach when the condition holds
    OBLIGATION = "obligation"  # a required control or document is missing
    ADVISORY = "advisory"     # good practice, a voluntary standard, or a draft-only idea

    @property
    def rank(self) -> int:
        return list(Severity).index(self)

    def label(self, locale: str) -> str:
        return translate(locale, SEVERITY_LABELS[self])


SEVERITY_LABELS = {
    Severity.VIOLATION: N_("Violation"),
    Severity.OBLIGATION: N_("To do"),
    Severity.ADVISORY: N_("Advice"),
}


class Law(str, Enum):
    """The texts SignDesk cites. ``binding`` ones can support a violation."""

    MEASURES = "measures"
    PIPL = "pipl"
    NDSR = "ndsr"
    SPC = "spc"
    CAC_FILING = "cac_filing_2025"
    GBT_41819 = "gbt_41819"
    GBT_45574 = "gbt_45574"
    #: The compliance audit guideline (annex to CAC Order No. 18): the test an
    #: audit applies, cited beside the duty it tests.
    AUDIT_GUIDELINE = "audit_guideline_2025"
    DRAFT_2023 = "draft_2023"

    @property
    def binding(self) -> bool:
        return self not in (Law.GBT_41819, Law.GBT_45574, Law.AUDIT_GUIDELINE, Law.DRAFT_2023)

    def short_in(self, locale: str) -> str:
        return translate(locale, LAW_SHORT_NAMES[self])


LAW_SHORT_NAMES = {
    Law.MEASURES: N_("FR Measures"),
    Law.PIPL: N_("PIPL"),
    Law.NDSR: N_("Network Data Regulations"),
    Law.SPC: N_("SPC Provisions"),
    Law.CAC_FILING: N_("CAC filing announcement"),
    Law.GBT_41819: N_("GB/T 41819"),
    Law.GBT_45574: N_("GB/T 45574-2025 section 6.1"),
    Law.AUDIT_GUIDELINE: N_("Compliance audit guideline"),
    Law.DRAFT_2023: N_("2023 draft"),
}


class Confidence(str, Enum):
    """How sure the reference is of the cited provision (reference §0)."""

    HIGH = "H"
    MEDIUM = "M"
    LOW = "L"


@dataclass(frozen=True)
class Citation:
    """A law and an article, e.g. Measures art. 10, PIPL art. 31(2)."""

    law: Law
    article: str
    confidence: Confidence = Confidence.HIGH

    @property
    def supports_violation(self) -> bool:
        return self.law.binding and self.confidence is not Confidence.LOW

    def text(self, locale: str) -> str:
        """"FR Measures art. 10" / "《人脸识别技术应用安全管理办法》第10条"."""
        if not self.article:
            return self.law.short_in(locale)
        return translate(locale, N_("{law} art. {article}"), law=self.law.short_in(locale), article=self.article)


def cite_all(citations: tuple[Citation, ...] | list[Citation], locale: str) -> str:
    """Several citations as one line, articles of the same law grouped."""
    zh = locale.startswith("zh")
    groups: dict[Law, list[Citation]] = {}
    for c in citations:
        groups.setdefault(c.law, []).append(c)
    parts = []
    for law, cites in groups.items():
        articles = sorted((c.article for c in cites if c.article), key=lambda a: (len(a), a))
        if len(articles) < 2:
            parts.extend(c.text(locale) for c in cites)
            continue
        # zh: "第{articles}条" with "51条、第57" inside reads 第51条、第57条.
        joined = ("条、第" if zh else ", ").join(articles)
        parts.append(translate(locale, N_("{law} arts. {articles}"), law=law.short_in(locale), articles=joined))
    return ("；" if zh else "; ").join(parts)


def M(article: str, confidence: Confidence = Confidence.HIGH) -> Citation:
    return Citation(Law.MEASURES, article, confidence)


def PIPL(article: str) -> Citation:
    return Citation(Law.PIPL, article)


def NDSR(article: str) -> Citation:
    return Citation(Law.NDSR, article)


def SPC(article: str) -> Citation:
    return Citation(Law.SPC, article)


@dataclass(frozen=True)
class Rule:
    """One checkable requirement. Texts are English msgids."""

    id: str
    severity: Severity
    citations: tuple[Citation, ...]
    when: Condition
    title: str
    why: str
    fix: str
    #: "business" rules run once on the business answers; "scenario" rules per scenario.
    scope: str = "scenario"
    #: Extra values for ``{placeholders}`` in the texts, computed from the answers.
    params: Callable[[Mapping[str, Any]], dict[str, Any]] | None = None
    #: What falls due by the date in ``params["deadline"]`` (a ``Deadline``).
    due: Due | None = None


DUE_LABELS = {
    Due.FILING: N_("Filing with the provincial cyberspace office"),
    Due.CHANGE_FILING: N_("Change filing"),
    Due.CANCELLATION: N_("Cancellation of the filing"),
    Due.DELETION: N_("Deletion of the stored facial information"),
    Due.PIA_REASSESSMENT: N_("New impact assessment"),
    Due.KEEP_RECORDS: N_("Keeping the impact-assessment report and processing records"),
    Due.COMPLIANCE_AUDIT: N_("Compliance audit"),
}


def due_label(due: Due, locale: str) -> str:
    return translate(locale, DUE_LABELS[due])


class Msgids(tuple):
    """English msgids a finding shows translated and joined (e.g. missing items)."""

    def text(self, locale: str) -> str:
        sep = "、" if locale.startswith("zh") else "; "
        return sep.join(translate(locale, m) for m in self)


@dataclass(frozen=True)
class Trigger:
    """One answer that led to a finding."""

    question_id: str
    value: Any


@dataclass(frozen=True)
class Finding:
    """A rule that fired, for one scenario or for the whole business."""

    rule: Rule
    severity: Severity
    citations: tuple[Citation, ...]
    scenario_id: str | None
    triggers: tuple[Trigger, ...]
    params: Mapping[str, Any] = field(default_factory=dict)

    @property
    def rule_id(self) -> str:
        return self.rule.id

    @property
    def deadline(self) -> DueDate | None:
        """The date this finding carries, as data (None when it has none)."""
        day = self.params.get("deadline")
        if self.rule.due is None or not isinstance(day, Deadline):
            return None
        done = self.params.get("done_on")
        return DueDate(self.rule.due, day.due, day.confirmed, self.rule.id,
                       done if isinstance(done, dt.date) else None)

    def title(self, locale: str) -> str:
        return translate(locale, self.rule.title, **self._params(locale))

    def why(self, locale: str) -> str:
        return translate(locale, self.rule.why, **self._params(locale))

    def fix(self, locale: str) -> str:
        return translate(locale, self.rule.fix, **self._params(locale))

    def citation_text(self, locale: str) -> str:
        """"PIPL arts. 51, 57; Network Data Regulations art. 27" /
        "《个人信息保护法》第51条、第57条；《网络数据安全管理条例》第27条"."""
        return cite_all(self.citations, locale)

    def _params(self, locale: str) -> dict[str, Any]:
        from signdesk.i18n import format_date
        import datetime as dt

        out: dict[str, Any] = {}
        for key, value in self.params.items():
            if isinstance(value, Deadline):
                # A deadline in a year whose holiday schedule is not yet
                # published is an estimate, and the owner should know it.
                text = format_date(value.due, locale)
                value = text if value.confirmed else translate(
                    locale, N_("{date} (estimated: the holiday schedule for that year is not yet published)"), date=text)
            elif isinstance(value, dt.date):
                value = format_date(value, locale)
            elif isinstance(value, Msgids):
                value = value.text(locale)
            out[key] = value
        return out
