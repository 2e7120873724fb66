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
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

#: The hash before the first entry.
GENESIS = "0" * 64
#: Entry columns a hash covers, in this order. Not ``seq``: the order is held
#: by ``prev_hash``, and leaving the number out lets verify tell an entry
#: moved elsewhere (its own hash still fits) from one edited.
HASHED_COLUMNS = ("kind", "person_id", "scenario_id", "serial", "version", "day",
                  "recorded_at", "staff", "data", "commitment", "refers_to", "prev_hash")


#: Between fields, and for a missing value, in the hashed form of an entry.
#: No field can hold either: typed text is refused with control characters
#: in it, and the kind-specific data is JSON, which escapes them.
SEPARATOR, NOTHING = "\x1f", "\x00"


def canonical(values: Iterable[Any]) -> bytes:
    """The bytes a hash is taken over: the values as text, U+001F between them, U+0000 for none."""
    return SEPARATOR.join([NOTHING if v is None else str(v) for v in values]).encode("utf-8")


def canonical_sql(columns: Sequence[str] = HASHED_COLUMNS) -> str:
    """An SQL expression for ``canonical()`` of ``columns``, as text.

    Verifying a long register spends most of its time turning rows into
    Python objects and joining them; SQLite concatenates in C, writes an
    integer as Python's ``str`` does and stores text as it was given, so the
    bytes are the same (tests/register/test_register_chain.py compares them).
    """
    return " || char(31) || ".join(f"coalesce({c}, char(0))" for c in columns)


def entry_hash(fields: Mapping[str, Any]) -> str:
    """The hash of one entry: SHA-256 over its columns in ``HASHED_COLUMNS`` order."""
    return hashlib.sha256(canonical([fields[c] for c in HASHED_COLUMNS])).hexdigest()


def commitment(salt: bytes, details: Mapping[str, str | None]) -> str:
    """A salted commitment to a person's details (name, member number, ...)."""
    return hashlib.sha256(salt + canonical([x for k in sorted(details) for x in (k, details[k] or "")])).hexdigest()


def commitment_sql(columns: Iterable[str]) -> str:
    """An SQL expression for the text ``commitment()`` hashes after the salt,
    the details being the columns of the same names (none of them is empty
    in a name, so a name can stand in the SQL as a literal)."""
    return " || char(31) || ".join(f"'{c}' || char(31) || coalesce({c}, '')" for c in sorted(columns))


@dataclass(frozen=True)
class ChainBreak:
    """The first entry where the register no longer adds up."""

    seq: int
    #: "changed", "missing", "order", "details", "head"
    reason: str


def first_break(rows: Iterable[Sequence[Any]], head_seq: int, head_hash: str) -> ChainBreak | None:
    """Walk the entries in order; the first one that does not fit, or None.

    ``rows`` are tuples ``(seq, prev_hash, text, hash)`` sorted by ``seq``,
    ``text`` being ``canonical()`` of the entry's hashed columns as text
    (``canonical_sql()`` selects it); ``head_seq``/``head_hash`` are what the
    register recorded as its last entry, so cutting entries off the end is
    found too.
    """
    prev_hash, expected = GENESIS, 1
    sha256 = hashlib.sha256
    for row in rows:
        seq, prev, text, own = row
        if seq != expected:
            # A gap is a deleted entry; going backwards is a reordering.
            return ChainBreak(expected, "missing" if seq > expected else "order")
        fits = sha256(text.encode("utf-8")).hexdigest() == own
        if prev != prev_hash:
            # An entry whose own hash still fits its content but not its
            # place has been moved, not edited.
            return ChainBreak(seq, "order" if fits else "changed")
        if not fits:
            return ChainBreak(seq, "changed")
        prev_hash, expected = own, expected + 1
    if expected - 1 != head_seq or prev_hash != head_hash:
        return ChainBreak(min(expected, head_seq), "missing" if expected - 1 < head_seq else "head")
    return None
