"""The register summed up for the rule engine (a few grouped queries)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping

from signdesk.register.store import CONSENTED, WITHDRAWN, Register
from signdesk.rules.register_rules import BusinessRegister, PostedSign, RegisterFacts, ScenarioRegister


def register_facts(register: Register, versions: Mapping[str, Mapping[str, str]] | None = None) -> RegisterFacts:
    """What the engine's register rules read.

    ``versions`` are today's content versions per scenario id ("adult",
    "guardian", "sign" -> version), computed by the caller from the
    documents; a scenario or kind left out is never called out of date.
    """
    versions = versions or {}
    conn = register.connection
    open_withdrawals = {dt.date.fromisoformat(due): n for due, n in conn.execute(
        "SELECT due, COUNT(*) FROM standing WHERE status = ? AND due IS NOT NULL GROUP BY due", (WITHDRAWN,))}
    # In person order off the index, so the distinct count needs no sort.
    people = conn.execute("SELECT COUNT(DISTINCT person_id) FROM standing INDEXED BY standing_people"
                          " WHERE status IN (?, ?)", (CONSENTED, WITHDRAWN)).fetchone()[0]
    consents: dict[str, dict[tuple[str, str | None], int]] = defaultdict(dict)
    minors: dict[str, int] = defaultdict(int)
    for sid, kind, version, minor, guardian, n in conn.execute(
            "SELECT scenario_id, form_kind, version, minor, guardian, COUNT(*) FROM standing WHERE status = ?"
            " GROUP BY scenario_id, form_kind, version, minor, guardian", (CONSENTED,)):
        key = (kind, version)
        consents[sid][key] = consents[sid].get(key, 0) + n
        if minor and not guardian:
            minors[sid] += n
    signs: dict[str, list[PostedSign]] = defaultdict(list)
    for sign_id, sid, location, version in conn.execute(
            "SELECT sign_id, scenario_id, location, version FROM signs WHERE taken_down_on IS NULL ORDER BY sign_id"):
        signs[sid].append(PostedSign(sign_id, location, version))
    recorded = conn.execute("SELECT EXISTS (SELECT 1 FROM signs)").fetchone()[0]
    scenario_ids = set(consents) | set(minors) | set(signs) | set(versions)
    scenarios = {sid: ScenarioRegister(consents.get(sid, {}), minors.get(sid, 0), tuple(signs.get(sid, ())),
                                       dict(versions.get(sid, {})))
                 for sid in scenario_ids}
    return RegisterFacts(BusinessRegister(open_withdrawals, people, bool(recorded)), scenarios)
