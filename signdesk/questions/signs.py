"""How far away a notice sign can be read, per sheet size.

One place for this fact below the documents: the rules judge the sign an
owner hangs against it (the compliance audit guideline, item 4(2): the size
of the notice text must let a person read it), and the sign layout
(``signdesk.documents.sign.READING_DISTANCES``) reads its first layer's
distance from here, so a printed sign and the rules cannot disagree.

The distance is the sign's first layer (who, what for, the other way, where
to read more): the most a notice must say where people stand (reference
§I6, layered notice). The sign-maker's rule of thumb is about 25 mm of
character height for every 3 m. A2 and A1 are an A3 sign enlarged at a print
shop: each step scales the text by the square root of 2.
"""

from __future__ import annotations

#: Sheet -> the farthest distance (metres) from which its first layer reads.
READING_DISTANCE_M: dict[str, float] = {
    "A5": 0.3,
    "A4": 0.42,
    "LETTER": 0.42,
    "A3": 0.6,
    "A2": 0.85,
    "A1": 1.2,
}


def smallest_sheet_for(distance_m: float) -> str | None:
    """The smallest sheet whose first layer reads from ``distance_m``, or None if none does."""
    fitting = [s for s, d in READING_DISTANCE_M.items() if d >= distance_m and s != "LETTER"]
    return min(fitting, key=READING_DISTANCE_M.__getitem__) if fitting else None
