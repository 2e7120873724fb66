"""The hash chain of register entries and the commitments to personal details.

Each entry's hash covers its own fields and the previous entry's hash, so an
edit, a deletion or a reordering anywhere breaks every hash after it. Personal
details never enter a hash: an entry carries a *commitment* instead, the
SHA-256 of a per-person random salt and the details. Erasing a person deletes
the details and the salt together; the commitment stays, still covered by the
chain, but nothing can be learned from it any more (without the salt, not
even a guess of "Wang, phone ending 1234" can be checked against it).
docs/register.md tells the whole design.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

#: The hash before the first entry.
GENESIS = "0" * 64
#: Entry columns a hash covers, in this order. Not ``seq``: the order is held
#: by ``prev_hash``, and leaving the number out lets verify tell an entry
#: moved elsewhere (its own hash still fits) from one edited.
HASHED_COLUMNS = ("kind", "person_id", "scenario_id", "serial", "version", "day",
                  "recorded_at", "staff", "data", "commitment", "refers_to", "prev_hash")


def entry_hash(fields: Mapping[str, Any]) -> str:
    """The hash of one entry: SHA-256 over its columns as a JSON list."""
    payload = json.dumps([fields[c] for c in HASHED_COLUMNS], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def commitment(salt: bytes, details: Mapping[str, str | None]) -> str:
    """A salted commitment to a person's details (name, member number, ...)."""
    canonical = json.dumps(sorted((k, v or "") for k, v in details.items()), ensure_ascii=False,
                           separators=(",", ":"))
    return hashlib.sha256(salt + canonical.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ChainBreak:
    """The first entry where the register no longer adds up."""

    seq: int
    #: "changed", "missing", "order", "details", "head"
    reason: str


def first_break(rows: Iterable[Mapping[str, Any]], head_seq: int, head_hash: str) -> ChainBreak | None:
    """Walk the entries in order; the first one that does not fit, or None.

    ``rows`` are entries sorted by ``seq``; ``head_seq``/``head_hash`` are
    what the register recorded as its last entry, so cutting entries off
    the end is found too.
    """
    prev_hash, expected = GENESIS, 1
    for row in rows:
        seq = row["seq"]
        if seq != expected:
            # A gap is a deleted entry; going backwards is a reordering.
            return ChainBreak(expected, "missing" if seq > expected else "order")
        if row["prev_hash"] != prev_hash:
            return ChainBreak(seq, "order" if _is_own_hash(row) else "changed")
        if entry_hash(row) != row["hash"]:
            return ChainBreak(seq, "changed")
        prev_hash, expected = row["hash"], expected + 1
    if expected - 1 != head_seq or prev_hash != head_hash:
        return ChainBreak(min(expected, head_seq), "missing" if expected - 1 < head_seq else "head")
    return None


def _is_own_hash(row: Mapping[str, Any]) -> bool:
    # An entry whose own hash still fits its content but not its place has
    # been moved, not edited.
    return entry_hash(row) == row["hash"]
