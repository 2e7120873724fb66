"""Message catalogues, locale helpers and bilingual lookups.

Our own strings are written in English in the code (marked with ``N_`` so
``pybabel extract`` finds them) and translated in gettext catalogues under
``translations/<locale>/*.po``, one file per area of the code so that areas
can be edited independently. The catalogues are read straight from the .po
files with babel at first use (the parsed result is cached under the hash of
the .po files' bytes); there is no compiled file that could go stale.

Documents need two languages at once, so lookups take the locale explicitly:
``translate("zh_CN", "Facial recognition in use")``. A text about a number
of things has a singular and a plural msgid and is looked up with
``translate_plural(locale, "{count} bad row", "{count} bad rows", n)``:
the catalogue's plural entries (``msgid_plural`` / ``msgstr[i]``) and its
Plural-Forms rule choose the form, as gettext's ngettext does.
"""

from __future__ import annotations

import datetime as _dt
import gettext
import io
import json
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from signdesk.paths import TRANSLATIONS_DIR

ZH = "zh_CN"
EN = "en"
LOCALES = (ZH, EN)
#: The language the code's msgids are written in.
SOURCE_LOCALE = EN


def N_(msgid: str) -> str:
    """Mark a string for extraction without translating it here."""
    return msgid


def default_locale() -> str:
    """The UI language from the environment (LC_ALL, LC_MESSAGES, LANG)."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var)
        if value:
            return normalize_locale(value)
    return EN


@lru_cache(maxsize=64)
def normalize_locale(locale: str | None) -> str:
    """Map "zh", "zh-CN", "zh_Hans_CN" to zh_CN and everything else to en."""
    if locale and locale.replace("-", "_").lower().startswith("zh"):
        return ZH
    return EN


@dataclass(frozen=True)
class Catalogue:
    """All translations of one locale, merged from that locale's .po files."""

    locale: str
    messages: dict[str, str]
    sources: dict[str, Path]
    #: singular msgid -> its translated forms (msgstr[0], msgstr[1], ...)
    plurals: dict[str, list[str]] = field(default_factory=dict)
    #: the C expression of the catalogue's Plural-Forms header ("0" for Chinese)
    plural_expr: str = "(n != 1)"

    def get(self, msgid: str) -> str | None:
        return self.messages.get(msgid)

    def ngettext(self, singular: str, n: int) -> str | None:
        """The form of ``singular``'s translation for ``n`` things, or None if untranslated."""
        forms = self.plurals.get(singular)
        if not forms:
            return None
        index = _plural_rule(self.plural_expr)(n)
        return forms[index] if 0 <= index < len(forms) else forms[-1]


@lru_cache(maxsize=8)
def _plural_rule(expr: str):  # type: ignore[no-untyped-def]
    # gettext's own parser of Plural-Forms expressions (what ngettext uses).
    return gettext.c2py(expr)


@lru_cache(maxsize=None)
def catalogue(locale: str, root: Path = TRANSLATIONS_DIR) -> Catalogue:
    """Every translation of ``locale``, read once per process.

    Parsing the .po files with babel costs a noticeable part of the app's
    start, so the parsed result is kept in the user's cache folder under the
    hash of the .po files' bytes: an edited catalogue has another hash, so a
    cached copy can never be stale. Fuzzy and empty entries are left out, so
    they count as untranslated.
    """
    import hashlib  # only here: an English start reads no catalogue

    folder = root / locale
    sources = sorted(folder.glob("*.po"))
    contents = [path.read_bytes() for path in sources]
    digest = hashlib.sha256(b"\0".join([CACHE_FORMAT, *(p.name.encode() + b"\0" + c
                                                       for p, c in zip(sources, contents))])).hexdigest()
    cache = _cache_dir() / f"catalogue-{locale}-{digest[:24]}.json"
    try:
        cached = json.loads(cache.read_text("utf-8"))
        return Catalogue(locale, cached["messages"], {k: folder / v for k, v in cached["sources"].items()},
                         cached["plurals"], cached["plural_expr"])
    except (OSError, ValueError, KeyError, TypeError):
        pass
    parsed = _parse_po_files(sources, contents, locale)
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(parsed, ensure_ascii=False), "utf-8")
        os.replace(tmp, cache)
    except OSError:
        pass  # a read-only home only costs the parse next time
    return Catalogue(locale, parsed["messages"], {k: folder / v for k, v in parsed["sources"].items()},
                     parsed["plurals"], parsed["plural_expr"])


#: Hashed into the cache file's name: a cache an older SignDesk wrote (another layout) is not read.
CACHE_FORMAT = b"plurals"


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.environ.get("LOCALAPPDATA") or str(Path.home() / ".cache")
    return Path(base) / "signdesk"


def _parse_po_files(sources: list[Path], contents: list[bytes], locale: str) -> dict[str, Any]:
    """messages, plurals, sources (msgid -> .po file name) and plural_expr, as stored in the cache."""
    from babel.messages.pofile import read_po

    messages: dict[str, str] = {}
    plurals: dict[str, list[str]] = {}
    origin: dict[str, str] = {}
    plural_expr = "(n != 1)"
    for path, raw in zip(sources, contents):
        po = read_po(io.BytesIO(raw), locale=locale)
        plural_expr = po.plural_expr
        for msg in po:
            if not msg.id or msg.fuzzy:
                continue
            if isinstance(msg.id, tuple):  # msgid + msgid_plural: one msgstr per plural form
                forms = list(msg.string) if isinstance(msg.string, tuple) else [msg.string]
                if all(forms):
                    plurals[msg.id[0]] = forms
                    origin[msg.id[0]] = path.name
            elif msg.string:
                messages[msg.id] = msg.string
                origin[msg.id] = path.name
    return {"messages": messages, "plurals": plurals, "sources": origin, "plural_expr": plural_expr}


def translate(locale: str, msgid: str, **params: object) -> str:
    """``msgid`` in ``locale``, with ``{name}`` placeholders filled from params.

    An untranslated msgid falls back to the English source text (the test
    suite makes sure none is untranslated).
    """
    locale = normalize_locale(locale)
    text = msgid
    if locale != SOURCE_LOCALE:
        text = catalogue(locale).get(msgid) or msgid
    return _fill(text, msgid, params)


def translate_plural(locale: str, singular: str, plural: str, count: int, **params: object) -> str:
    """The form of ``singular``/``plural`` for ``count`` things in ``locale``, ``{count}`` filled in.

    English picks ``singular`` for 1 and ``plural`` otherwise; a catalogue
    picks by its own Plural-Forms rule (Chinese has one form).
    """
    locale = normalize_locale(locale)
    source = singular if count == 1 else plural
    text = None
    if locale != SOURCE_LOCALE:
        text = catalogue(locale).ngettext(singular, count)
    return _fill(text or source, source, {"count": count, **params})


def _fill(text: str, msgid: str, params: dict[str, object]) -> str:
    if _STRETCH:
        text = stretch(text)
    if not params:
        return text
    try:
        return text.format(**params)
    except (KeyError, IndexError, ValueError):
        # A translation with a broken placeholder (the catalogue test catches
        # these) must not turn a message to the user into a crash.
        return msgid.format(**params)


#: Set this environment variable to see every text 40 % longer, as a
#: wordier translation would be: layouts that clip or overlap show at once.
STRETCH_VARIABLE = "SIGNDESK_STRETCH_TEXT"
_STRETCH = STRETCH_VARIABLE in os.environ  # read once: translate() runs thousands of times a page


def stretch(text: str) -> str:
    """``text`` made about 40 % longer with filler that reads as filler."""
    if not text.strip():
        return text
    wide = any(ord(c) > 0x2E80 for c in text)

    def longer(line: str) -> str:
        extra = max(2, len(line) * 2 // 5)
        if wide:
            return line + "长" * extra
        # Word-sized filler, so it wraps the way real words would.
        return line + "".join(" ~~~~" if i % 5 == 0 else "~" for i in range(extra))

    return "\n".join(longer(line) if line.strip() else line for line in text.split("\n"))


@dataclass(frozen=True)
class Bilingual:
    """One text in both document languages, Chinese first as on our signs."""

    zh: str
    en: str

    @classmethod
    def of(cls, msgid: str, **params: object) -> "Bilingual":
        """``msgid`` in both languages; a Bilingual param is taken in the matching language."""
        return cls(*(translate(locale, msgid, **_params_in(locale, params)) for locale in (ZH, EN)))

    @classmethod
    def of_count(cls, singular: str, plural: str, count: int, **params: object) -> "Bilingual":
        """``singular``/``plural`` for ``count`` things in both languages (see translate_plural)."""
        return cls(*(translate_plural(locale, singular, plural, count, **_params_in(locale, params))
                     for locale in (ZH, EN)))

    def get(self, locale: str) -> str:
        return self.zh if normalize_locale(locale) == ZH else self.en


def _params_in(locale: str, params: dict[str, object]) -> dict[str, object]:
    """``params`` for a text in ``locale``: a Bilingual value in the matching language."""
    return {k: v.get(locale) if isinstance(v, Bilingual) else v for k, v in params.items()}


def dated(day: _dt.date) -> "Bilingual":
    """A date written the way each language writes it."""
    return Bilingual(format_date(day, ZH), format_date(day, EN))


@lru_cache(maxsize=512)
def format_date(day: _dt.date, locale: str) -> str:
    """A date the way a reader of ``locale`` writes it: 2026年11月22日 / 22 November 2026."""
    from babel.dates import format_date as _babel_format_date

    if normalize_locale(locale) == ZH:
        return _babel_format_date(day, format="long", locale="zh_CN")
    return _babel_format_date(day, format="long", locale="en_GB")
