"""Rules over the register: what the evidence at the counter shows.

The register (``signdesk.register``) is summarised into :class:`RegisterFacts`,
plain data the caller hands to :func:`signdesk.rules.evaluate` together with
today's content versions of the forms and signs (computed above this layer,
from the documents). The engine puts a scenario's facts under
``REGISTER_KEY`` beside its answers, and the business facts beside the
business answers, so these rules are ordinary catalogue entries: conditions,
citations, texts. Without a register nothing here fires.

Ids: RG-nn (the reference's §F has no rows for a register; each rule names
the §F row it gives evidence for in its comment).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Mapping

from signdesk.i18n import N_
from signdesk.questions import FILING_THRESHOLD
from signdesk.questions.conditions import Check
from signdesk.rules.deadlines import Deadline, Due
from signdesk.rules.model import NDSR, PIPL, M, Rule, Severity

REGISTER_KEY = "__register__"
#: The business facts, beside a scenario's own (a scenario rule may need both).
REGISTER_BUSINESS_KEY = "__register_business__"
#: Like FR-43: from this many people, prepare the filing.
APPROACHING_THRESHOLD = 80_000
#: Form kinds and the sign, as keys of today's versions.
ADULT_FORM, GUARDIAN_FORM, SIGN = "adult", "guardian", "sign"


@dataclass(frozen=True)
class PostedSign:
    sign_id: str
    location: str
    version: str | None


@dataclass(frozen=True)
class ScenarioRegister:
    """What the register holds for one scenario."""

    #: (form kind, form version) -> people whose consent stands on it
    consents: Mapping[tuple[str, str | None], int] = field(default_factory=dict)
    minors_without_guardian: int = 0
    #: Signs up now (posted, not taken down).
    signs: tuple[PostedSign, ...] = ()
    #: Today's content versions: "adult", "guardian", "sign" -> version.
    current: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class BusinessRegister:
    """What the register holds for the whole business."""

    #: deletion due date -> withdrawals with no deletion recorded
    open_withdrawals: Mapping[dt.date, int] = field(default_factory=dict)
    #: Distinct people whose facial information the register says may be stored.
    people: int = 0
    #: Whether any sign was ever recorded (the owner keeps the sign register).
    signs_recorded: bool = False


@dataclass(frozen=True)
class RegisterFacts:
    business: BusinessRegister
    scenarios: Mapping[str, ScenarioRegister]

    def for_scenario(self, scenario_id: str) -> ScenarioRegister:
        return self.scenarios.get(scenario_id) or ScenarioRegister()


def _today(a: Mapping[str, Any]) -> dt.date:
    return a.get("__today__") or dt.date.today()


def _business(a: Mapping[str, Any]) -> BusinessRegister | None:
    facts = a.get(REGISTER_KEY)
    return facts if isinstance(facts, BusinessRegister) else None


def _scenario(a: Mapping[str, Any]) -> ScenarioRegister | None:
    facts = a.get(REGISTER_KEY)
    return facts if isinstance(facts, ScenarioRegister) else None


def _withdrawals(a: Mapping[str, Any], overdue: bool) -> list[tuple[dt.date, int]]:
    b = _business(a)
    if b is None:
        return []
    today = _today(a)
    return sorted((due, n) for due, n in b.open_withdrawals.items() if n and (due < today) == overdue)


def _withdrawal_params(overdue: bool):  # type: ignore[no-untyped-def]
    def params(a: Mapping[str, Any]) -> dict[str, Any]:
        found = _withdrawals(a, overdue)
        # The earliest deletion still open is the date that matters (and the
        # one a calendar reminds of).
        return {"count": sum(n for _d, n in found), "date": found[-1][0], "first": found[0][0],
                "since": found[0][0] + dt.timedelta(days=1), "deadline": Deadline(found[0][0])}
    return params


def _outdated_consents(a: Mapping[str, Any]) -> int:
    s = _scenario(a)
    if s is None:
        return 0
    # A consent with no recorded version, or a form whose version today is
    # unknown, proves nothing either way.
    return sum(n for (kind, version), n in s.consents.items()
               if version and s.current.get(kind) and version != s.current[kind])


def _outdated_signs(a: Mapping[str, Any]) -> list[PostedSign]:
    s = _scenario(a)
    if s is None or not s.current.get(SIGN):
        return []
    return [p for p in s.signs if p.version and p.version != s.current[SIGN]]


def _where(signs: list[PostedSign]) -> str:
    # Locations are the owner's own words, the same in both languages.
    return " · ".join(f"{p.location} ({p.sign_id})" for p in signs)


def _people(a: Mapping[str, Any]) -> int:
    b = _business(a)
    return b.people if b else 0


def _unsigned_capture_point(a: Mapping[str, Any]) -> bool:
    s, b = _scenario(a), a.get(REGISTER_BUSINESS_KEY)
    return (a.get("public_place") is True and s is not None and not s.signs
            and isinstance(b, BusinessRegister) and b.signs_recorded)


V, O, A = Severity.VIOLATION, Severity.OBLIGATION, Severity.ADVISORY

REGISTER_RULES: tuple[Rule, ...] = (
    # Evidence for FR-21 / FR-12: deletion after withdrawal (PIPL 47(1)(3)).
    Rule("RG-01", V, (PIPL("47"),),
         Check(lambda a: bool(_withdrawals(a, True)), ()),
         N_("Facial information not deleted after withdrawal: {count} overdue since {since}"),
         N_("The register shows withdrawals of consent whose deletion was due by {first} and is not recorded. Once consent is withdrawn, the facial information must be deleted on your own initiative."),
         N_("Delete these people's facial information from every device and backup now, and record each deletion in the register."),
         scope="business", params=_withdrawal_params(True), due=Due.DELETION),
    Rule("RG-02", O, (PIPL("47"), PIPL("15")),
         Check(lambda a: bool(_withdrawals(a, False)), ()),
         N_("Delete the facial information of {count} people who withdrew, by {date}"),
         N_("The register shows withdrawals of consent with no deletion recorded yet; the first deletion is due by {first}."),
         N_("Delete their facial information from every device and backup, and record each deletion in the register (date, by whom, which devices)."),
         scope="business", params=_withdrawal_params(False), due=Due.DELETION),
    # Evidence for FR-13: consent again after a change (PIPL 14, NDSR 22).
    Rule("RG-03", O, (PIPL("14"), NDSR("22")),
         Check(lambda a: _outdated_consents(a) > 0, ()),
         N_("Consents taken on an earlier version of the form: {count}"),
         N_("The consent form of this scenario has changed since these people signed it. If the purpose or method of processing changed, their consent must be asked again; any other change must be made known to them."),
         N_("Check what changed. Where the purpose or method changed, ask these people to sign today's form at their next visit and record it; until then, use their facial information only as they agreed."),
         params=lambda a: {"count": _outdated_consents(a)}),
    # Evidence for FR-15: a child's consent needs the guardian's (Measures 7, PIPL 31).
    Rule("RG-04", V, (M("7"), PIPL("31")),
         Check(lambda a: (s := _scenario(a)) is not None and s.minors_without_guardian > 0, ()),
         N_("Children under 14 recorded without a guardian's consent: {count}"),
         N_("The register has consents for children under 14 with no parent or other guardian recorded. A child's face may be processed only with the guardian's consent."),
         N_("Collect the guardian consent form for each of these children and record the guardian, or delete the child's facial information."),
         params=lambda a: {"count": _scenario(a).minors_without_guardian}),  # type: ignore[union-attr]
    # Evidence for FR-06: a change to the notice items must be made known (Measures 5, PIPL 17).
    Rule("RG-05", O, (M("5"), PIPL("17")),
         Check(lambda a: bool(_outdated_signs(a)), ()),
         N_("Posted signs show out-of-date content: {where}"),
         N_("What the sign tells people has changed since these signs were printed, and they still hang there. A change to what the notice says must be made known."),
         N_("Print today's sign and replace each one listed; record the new sign and take the old one down in the register."),
         params=lambda a: {"where": _where(_outdated_signs(a))}),
    # Evidence for FR-31: a sign at every public capture point (Measures 13, PIPL 26).
    Rule("RG-06", O, (M("13"), PIPL("26")),
         Check(_unsigned_capture_point, ("public_place",)),
         N_("No posted sign recorded at this capture point"),
         N_("This scenario captures faces in a public place, and the sign register has no sign up here."),
         N_("Put up the notice sign before the capture area and record it in the register (where it hangs, the date)."),
         ),
    # Evidence for FR-43 / FR-41: the distinct people stored (Measures 15).
    Rule("RG-07", A, (M("15"),),
         Check(lambda a: APPROACHING_THRESHOLD <= _people(a) < FILING_THRESHOLD, ()),
         N_("The register counts {count} people: approaching the 100,000-person filing threshold"),
         N_("At 100,000 people whose faces are stored, a filing with the provincial cyberspace office becomes due within 30 working days."),
         N_("Delete facial information you no longer need, and prepare the filing pack in advance."),
         scope="business", params=lambda a: {"count": f"{_people(a):,}"}),
    Rule("RG-08", O, (M("15"),),
         Check(lambda a: _people(a) >= FILING_THRESHOLD and (a.get("people_stored") or 0) < _people(a),
               ("people_stored",)),
         N_("The register counts {count} people: more than your answers say"),
         N_("The register holds the faces of 100,000 people or more, more than the number in your answers. From 100,000 a filing is due within 30 working days."),
         N_("Correct the number of people stored in “Face records and filing”, enter the date you reached 100,000, and file."),
         scope="business", params=lambda a: {"count": f"{_people(a):,}"}),
)
