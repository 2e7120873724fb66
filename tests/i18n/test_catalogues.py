"""The zh_CN catalogues against the source: every English msgid has Chinese.

This guards every area (questions, rules, documents, filing, ui, core): the
msgids are extracted from the code exactly as ``pybabel extract -F babel.cfg``
does, and a failure lists what is missing grouped by source file, with the
catalogue that area is expected to put it in.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from signdesk.i18n.glossary import TERMS

REPO = Path(__file__).resolve().parents[2]
PACKAGE = REPO / "signdesk"
PO_DIR = REPO / "translations" / "zh_CN"

#: Which catalogue an area of the code writes its Chinese into.
AREA_CATALOGUE = {
    "questions": "questions.po",
    "rules": "rules.po",
    "documents": "documents.po",
    "filing": "filing.po",
    "ui": "ui.po",
}
PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)[^{}]*\}")
CJK = r"[\u3400-\u9fff]"


def _user_error_classes() -> set[str]:
    """UserInputError and every subclass defined anywhere in the package
    (their first argument is a msgid), found from the source text so a new
    error class in any area is covered without editing this test."""
    bases: dict[str, set[str]] = defaultdict(set)
    for path in PACKAGE.rglob("*.py"):
        for name, parents in re.findall(r"^class\s+(\w+)\(([^)]*)\)", path.read_text("utf-8"), re.M):
            for parent in parents.split(","):
                bases[parent.strip().split(".")[-1]].add(name)
    found, todo = set(), ["UserInputError"]
    while todo:
        cls = todo.pop()
        if cls not in found:
            found.add(cls)
            todo.extend(bases.get(cls, ()))
    return found


def extract_msgids() -> dict[str, set[str]]:
    """msgid -> the source files (relative to the repo) that use it."""
    keywords: dict[str, object] = {"N_": None, "translate": (2,)}
    keywords.update({name: None for name in _user_error_classes()})
    out: dict[str, set[str]] = defaultdict(set)
    for filename, _line, message, _comments, _context in extract_from_dir(
        PACKAGE, method_map=[("**.py", "python")], keywords=keywords
    ):
        if isinstance(message, str) and message:
            out[message].add(f"signdesk/{filename}")
    return out


def read_catalogues() -> dict[str, dict[str, str]]:
    """po file name -> {msgid: Chinese}, non-fuzzy non-empty entries only."""
    out: dict[str, dict[str, str]] = {}
    for path in sorted(PO_DIR.glob("*.po")):
        with path.open("rb") as fh:
            po = read_po(fh, locale="zh_CN")
        out[path.name] = {
            m.id: m.string for m in po if m.id and isinstance(m.id, str) and m.string and not m.fuzzy
        }
    return out


MSGIDS = extract_msgids()
CATALOGUES = read_catalogues()


#: CLI subcommands written by other areas keep their Chinese with that area.
CLI_COMMAND_CATALOGUE = {"batch.py": "filing.po", "export.py": "filing.po", "render.py": "documents.po"}


def _expected_catalogue(source: str) -> str:
    parts = Path(source).parts
    area = parts[1] if len(parts) > 2 else ""
    if area == "cli":
        return CLI_COMMAND_CATALOGUE.get(parts[-1], "core.po")
    return AREA_CATALOGUE.get(area, "core.po")


def test_extraction_finds_the_code_strings():
    # If the extraction broke, every other test here would pass vacuously.
    assert "Business name (as registered)" in MSGIDS
    assert "The file is not a SignDesk project." in MSGIDS
    assert "Answer yes or no." in MSGIDS
    assert {"UserInputError", "ProjectFileError", "AnswerError"} <= _user_error_classes()


def test_every_msgid_has_chinese():
    translated = {msgid for cat in CATALOGUES.values() for msgid in cat}
    missing: dict[str, list[str]] = defaultdict(list)
    for msgid, sources in MSGIDS.items():
        if msgid not in translated:
            missing[min(sources)].append(msgid)
    if missing:
        total = sum(len(v) for v in missing.values())
        lines = [f"{total} msgids have no non-fuzzy zh_CN translation:"]
        for source in sorted(missing):
            ids = missing[source]
            lines.append(f"  {source} ({len(ids)}, expected in translations/zh_CN/{_expected_catalogue(source)}):")
            lines.extend(f"      {m!r}" for m in sorted(ids)[:8])
            if len(ids) > 8:
                lines.append(f"      ... and {len(ids) - 8} more")
        pytest.fail("\n".join(lines), pytrace=False)


def test_placeholders_survive_translation():
    bad = [
        f"{po}: {msgid!r} -> {text!r}"
        for po, cat in CATALOGUES.items()
        for msgid, text in cat.items()
        if set(PLACEHOLDER.findall(msgid)) != set(PLACEHOLDER.findall(text))
    ]
    assert not bad, "placeholders lost or added:\n" + "\n".join(bad)


def test_translations_agree_across_catalogues():
    seen: dict[str, tuple[str, str]] = {}
    clashes = []
    for po, cat in CATALOGUES.items():
        for msgid, text in cat.items():
            if msgid in seen and seen[msgid][1] != text:
                clashes.append(f"{msgid!r}: {seen[msgid][0]} says {seen[msgid][1]!r}, {po} says {text!r}")
            seen.setdefault(msgid, (po, text))
    assert not clashes, "the same msgid is translated differently:\n" + "\n".join(clashes)


def _english_pattern(term: str) -> re.Pattern[str]:
    words = [re.escape(w).replace("'", "['’]") for w in re.split(r"[\s\-]+", term)]
    return re.compile(r"\b" + r"[\s\-]+".join(words) + r"s?\b", re.I)


@pytest.mark.parametrize("term", TERMS, ids=lambda t: t.key)
def test_glossary_terms_are_translated_consistently(term):
    pattern = _english_pattern(term.en)
    bad = [
        f"{po}: {msgid!r} -> {text!r}"
        for po, cat in CATALOGUES.items()
        for msgid, text in cat.items()
        if pattern.search(msgid) and term.zh not in text
    ]
    assert not bad, f"“{term.en}” must be translated as “{term.zh}”:\n" + "\n".join(bad)


def test_glossary_pattern_matches_what_it_should():
    assert _english_pattern("personal information handler").search("The personal-information handler: ...")
    assert _english_pattern("guardian's consent").search("Guardian’s consent: ...")
    assert _english_pattern("filing").search("Filing number")
    assert not _english_pattern("filing").search("profiling customers")


def test_chinese_text_uses_chinese_punctuation():
    # "，" not "," after a Chinese character: a half-width comma or colon in a
    # Chinese sentence looks broken on a printed sign.
    ascii_after_cjk = re.compile(CJK + r"[,;:?!]")
    bad = [
        f"{po}: {text!r}"
        for po, cat in CATALOGUES.items()
        for text in cat.values()
        if ascii_after_cjk.search(text)
    ]
    assert not bad, "ASCII punctuation in Chinese text:\n" + "\n".join(bad)


def test_catalogue_headers_declare_zh_cn_utf8():
    for path in sorted(PO_DIR.glob("*.po")):
        head = path.read_text("utf-8")[:2000]
        assert '"Language: zh_CN\\n"' in head, path.name
        assert re.search(r'"Content-Type: text/plain; charset=utf-8\\n"', head, re.I), path.name


#: Texts about a number of things: a singular and a plural msgid (ngettext).
PLURAL_KEYWORDS = {"translate_plural": (2, 3), "of_count": (1, 2)}


def extract_plural_msgids() -> dict[tuple[str, str], str]:
    """(singular, plural) -> the source file that uses it."""
    out: dict[tuple[str, str], str] = {}
    for filename, _line, message, _comments, _context in extract_from_dir(
        PACKAGE, method_map=[("**.py", "python")], keywords=PLURAL_KEYWORDS
    ):
        if isinstance(message, tuple) and all(message):
            out.setdefault(message, f"signdesk/{filename}")
    return out


def read_plural_entries() -> dict[tuple[str, str], tuple[str, ...]]:
    out: dict[tuple[str, str], tuple[str, ...]] = {}
    for path in sorted(PO_DIR.glob("*.po")):
        with path.open("rb") as fh:
            for m in read_po(fh, locale="zh_CN"):
                if isinstance(m.id, tuple) and not m.fuzzy:
                    out[tuple(m.id)] = tuple(m.string) if isinstance(m.string, tuple) else (m.string,)
    return out


def test_every_plural_msgid_has_its_chinese_form():
    plurals = extract_plural_msgids()
    # The batch summary's "1 bad row" is among them: the extraction works.
    assert ("{count} bad row", "{count} bad rows") in plurals
    entries = read_plural_entries()
    missing = [f"{source}: {ids!r} (expected in translations/zh_CN/{_expected_catalogue(source)})"
               for ids, source in sorted(plurals.items()) if not all(entries.get(ids, ("",)))]
    assert not missing, "plural msgids with no zh_CN msgstr[0]:\n" + "\n".join(missing)
    bad = [f"{ids!r} -> {forms!r}" for ids, forms in entries.items()
           if len(forms) != 1 or any(set(PLACEHOLDER.findall(f)) != set(PLACEHOLDER.findall(ids[1])) for f in forms)
           or set(PLACEHOLDER.findall(ids[0])) != set(PLACEHOLDER.findall(ids[1]))]
    # Chinese has one plural form (Plural-Forms: nplurals=1; plural=0).
    assert not bad, "plural entries need one Chinese form with the same placeholders:\n" + "\n".join(bad)


def test_no_catalogue_keeps_a_msgid_the_code_no_longer_says():
    """A text changed in the code leaves its old entry behind; the catalogues keep only what is said."""
    said = set(MSGIDS) | {ids[0] for ids in extract_plural_msgids()}
    stale = sorted(f"{name}: {msgid!r}" for name, entries in CATALOGUES.items() for msgid in entries
                   if msgid not in said)
    assert not stale, f"{len(stale)} entries no code uses (delete them):\n" + "\n".join(stale)
