"""Today's versions of forms and signs, as the register's findings read them."""

from __future__ import annotations

import datetime as dt

from signdesk.documents.register_report import today_versions
from signdesk.model import load

from register_helpers import SHOP

TODAY = dt.date(2026, 11, 22)


def test_versions_are_the_printed_codes_and_follow_the_answers():
    project = load(SHOP)
    before = today_versions(project, TODAY)["s-till"]
    assert before["adult"].startswith("C-") and before["sign"].startswith("S-")
    # Another day, the same text: the same versions.
    assert today_versions(project, dt.date(2027, 1, 5))["s-till"] == before
    project.scenarios[0].answers["retention_days"] = 31
    project.scenarios[0].answers["retention"] = "fixed_days"
    after = today_versions(project, TODAY)["s-till"]
    assert after["sign"] != before["sign"] or after["adult"] != before["adult"]
