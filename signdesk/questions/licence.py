"""Checks against the business licence: the unified social credit code.

GB 32100-2015: 18 characters from the 31 below (no I, O, Z, S, V); the last
one is a check character over the first 17 (weights 3^i mod 31).
"""

from __future__ import annotations

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))


def uscc_is_valid(code: str) -> bool:
    """True when ``code`` has the shape of a credit code and its check character matches."""
    code = code.strip().upper()
    if len(code) != 18 or any(c not in USCC_ALPHABET for c in code):
        return False
    total = sum(USCC_ALPHABET.index(c) * w for c, w in zip(code[:17], _WEIGHTS))
    return USCC_ALPHABET[(31 - total % 31) % 31] == code[17]
