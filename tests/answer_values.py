"""Hypothesis strategies for answers a careful user (or our own GUI) would store."""

from __future__ import annotations

import datetime as dt
import math

from hypothesis import strategies as st

from signdesk.questions.model import Kind

TEXT_EXAMPLES = {
    Kind.URL: st.sampled_from(["https://example.cn/optout", ""]),
    Kind.PHONE: st.sampled_from(["021-5555 0123", "138 0000 0000", ""]),
    Kind.EMAIL: st.sampled_from(["privacy@example.cn", ""]),
}


def right_kind(q) -> st.SearchStrategy:
    """A value a careful user (or our own GUI) would store for ``q``."""
    if q.kind is Kind.YES_NO:
        return st.booleans()
    if q.kind is Kind.CHOICE:
        return st.sampled_from(q.option_keys())
    if q.kind is Kind.MULTI:
        return st.lists(st.sampled_from(q.option_keys()), unique=True)
    if q.kind is Kind.NUMBER:
        lo, hi = math.ceil(q.minimum or 0), int(q.maximum or 10**9)  # a bound may be a fraction (0.1 m)
        near = [v for v in (0, 1, 2, 3, 79_999, 80_000, 99_999, 100_000, 100_001, hi) if lo <= v <= hi]
        return st.one_of(st.sampled_from(near), st.integers(lo, hi))
    if q.kind is Kind.DATE:
        near = st.dates(dt.date(2024, 1, 1), dt.date(2028, 12, 31))
        return st.one_of(near, st.dates(dt.date(2000, 1, 1), dt.date(2100, 12, 31))).map(dt.date.isoformat)
    if q.kind is Kind.TEXT:
        return st.text(st.characters(min_codepoint=32), max_size=min(30, q.max_length))
    return TEXT_EXAMPLES[q.kind]
