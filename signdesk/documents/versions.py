"""Document versions: a fingerprint of what a document prints.

A printed consent form (or sign) carries a version so that a signed form
can be matched, years later, with the exact text the person agreed to. The
version is computed from the text itself, never from a date or a name:

- the same text gives the same version on any day, on any machine;
- any change of the printed text (one word of an answer, the business's
  phone number, a new tick box) gives a new version;
- the adult and the guardian consent form say different things, so they
  have different versions (and the kind is part of the fingerprint, so two
  kinds of document never share one even if their texts happened to match).

Layout is not content: the same text at another type size (the large-print
form), on another sheet or after a line-breaking fix keeps its version.

A version is two plain strings, so layers below ``documents/`` (the model,
the rules, a register of signed forms) can store and compare versions
without importing this module or recomputing anything:

- ``code``: short, for people — a letter for the kind and six hex digits,
  e.g. ``C-3F9A2B`` (C consent form, G guardian form, S sign). It is what the
  form prints and what staff read out or type.
- ``digest``: the full SHA-256 of the content (64 hex digits), for machines.
  Two versions are the same exactly when their digests are equal; the code
  alone could, rarely, be shared by two texts.

The date printed beside the version is the day the copy was printed (the
``--today`` date), shown as "printed 22 November 2026": it tells the owner
how old a stack of forms is, and is deliberately not part of the version.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass

from signdesk.i18n import EN, N_, ZH, Bilingual, format_date, translate

#: Kinds of versioned document and the letter their code starts with.
CONSENT_FORM = "consent"
GUARDIAN_FORM = "guardian"
SIGN = "sign"
KIND_LETTERS = {CONSENT_FORM: "C", GUARDIAN_FORM: "G", SIGN: "S"}
#: Hex digits of the digest shown in the code.
CODE_DIGITS = 6


@dataclass(frozen=True)
class ContentVersion:
    """The version of one document's printed content."""

    kind: str
    #: SHA-256 of the content, 64 lower-case hex digits.
    digest: str

    @property
    def code(self) -> str:
        """``C-3F9A2B``: the kind's letter and the digest's first six hex digits."""
        return f"{KIND_LETTERS[self.kind]}-{self.digest[:CODE_DIGITS].upper()}"

    def __str__(self) -> str:
        return self.code

    def label(self, locale: str, printed: dt.date) -> str:
        """"C-3F9A2B, printed 22 November 2026" in ``locale``."""
        return translate(locale, N_("{code}, printed {date}"), code=self.code, date=format_date(printed, locale))


def printed_on(day: dt.date) -> Bilingual:
    """"2026年11月22日印制" / "printed 22 November 2026": the date shown beside a version."""
    return Bilingual(*(translate(loc, N_("printed {date}"), date=format_date(day, loc)) for loc in (ZH, EN)))


def texts_of(*items: object) -> list[str]:
    """The strings in ``items``, in order: a ``Bilingual`` gives its Chinese
    then its English, a string itself, ``None`` nothing, and any other
    iterable its items in turn."""
    out: list[str] = []
    for item in items:
        if item is None:
            continue
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, Bilingual):
            out.extend((item.zh, item.en))
        elif isinstance(item, Iterable):
            out.extend(texts_of(*item))
        else:
            raise TypeError(f"not printable text: {item!r}")
    return out


def content_version(kind: str, texts: Iterable[str]) -> ContentVersion:
    """The version of a document of ``kind`` that prints ``texts``.

    ``texts`` is everything the document prints except its own version and
    date (and page numbers), in reading order; :func:`texts_of` flattens
    bilingual texts. Runs of white space count as one space, so a text that
    reads the same has the same version.
    """
    if kind not in KIND_LETTERS:
        raise ValueError(f"unknown kind of document {kind!r}")
    canonical = [" ".join(t.split()) for t in texts]
    raw = json.dumps([kind, canonical], ensure_ascii=False, separators=(",", ":"))
    return ContentVersion(kind, hashlib.sha256(raw.encode("utf-8")).hexdigest())


__all__ = ["CONSENT_FORM", "GUARDIAN_FORM", "SIGN", "ContentVersion", "content_version", "printed_on", "texts_of"]
