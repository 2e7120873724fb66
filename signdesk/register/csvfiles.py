"""The register as CSV (for a regulator or a court) and consents from CSV.

Export: one row per entry in order, with the person's current details
(empty once erased) and the entry's hash; UTF-8 with BOM so Excel reads the
Chinese, every cell formula-safe. Import: consents collected elsewhere, one
row each; bad rows are named by line and skipped, the good ones written in
one transaction.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import sqlite3
from collections.abc import Iterator, Mapping
from contextlib import closing
from dataclasses import dataclass
from typing import Any, BinaryIO

from signdesk.filing.pack import csv_safe
from signdesk.i18n import N_
from signdesk.model.project import Project
from signdesk.register.errors import EntryError, RegisterError
from signdesk.register.store import EXTRA_TICKS, Person, Register, paused_gc

EXPORT_COLUMNS = ("seq", "kind", "day", "recorded_at", "person_id", "name", "member_no", "phone_last4",
                  "guardian_name", "scenario_id", "scenario", "serial", "version", "staff", "details",
                  "refers_to", "hash")
#: Import columns; Chinese headers as a Chinese spreadsheet would have them are read too.
IMPORT_COLUMNS = {
    "serial": ("serial", "编号"), "name": ("name", "姓名"), "member_no": ("member_no", "会员号"),
    "phone_last4": ("phone_last4", "手机后四位"), "scenario": ("scenario", "场景"), "date": ("date", "日期"),
    "staff": ("staff", "经办人"), "ticks": ("ticks", "勾选"), "version": ("version", "版本"),
    "decision": ("decision", "选择"), "minor": ("minor", "未满十四周岁"),
    "guardian_name": ("guardian_name", "监护人姓名"), "guardian_relation": ("guardian_relation", "与儿童关系"),
}
MAX_IMPORT_BYTES = 100 * 1024 * 1024


def export_csv(register: Register, project: Project | None = None) -> bytes:
    """Every entry, in order, as CSV bytes (deterministic for the same register)."""
    out = io.BytesIO()
    write_csv(register, out, project)
    return out.getvalue()


def write_csv(register: Register, fh: BinaryIO, project: Project | None = None) -> None:
    """Every entry, in order, as CSV into the binary file ``fh``, written as the
    entries are read (a whole register's CSV in a StringIO took about four
    times its size: 240 MB for 300,000 entries)."""
    names = {sc.id: sc.name for sc in project.scenarios} if project else {}
    out = io.TextIOWrapper(fh, encoding="utf-8", newline="")
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(EXPORT_COLUMNS)
    rows = register.connection.execute(
        "SELECT e.*, p.name AS p_name, p.member_no AS p_member, p.phone_last4 AS p_phone,"
        " p.guardian_name AS p_guardian FROM entries e LEFT JOIN people p ON p.person_id = e.person_id"
        " ORDER BY e.seq")
    for r in rows:
        cells = (r["seq"], r["kind"], r["day"], r["recorded_at"], r["person_id"], r["p_name"], r["p_member"],
                 r["p_phone"], r["p_guardian"], r["scenario_id"], names.get(r["scenario_id"] or "", ""),
                 r["serial"], r["version"], r["staff"], r["data"] if r["data"] != "{}" else "", r["refers_to"],
                 r["hash"])
        writer.writerow([csv_safe("" if c is None else str(c)) for c in cells])
    out.flush()
    out.detach()  # the caller's file stays open


@dataclass(frozen=True)
class ImportReport:
    written: int
    #: (line number in the file, problem)
    skipped: tuple[tuple[int, EntryError], ...]


_YES = {"yes", "y", "true", "1", "是", "✓"}
_NO = {"no", "n", "false", "0", "否", ""}


def _text(source: bytes | BinaryIO) -> io.TextIOWrapper:
    """The file (its bytes, or the file open for reading) as text, decoded as
    it is read: the whole text at once would be twice the file again, and
    four times inside a StringIO."""
    stream = io.BytesIO(source) if isinstance(source, (bytes, bytearray)) else source
    size = stream.seek(0, io.SEEK_END)
    if size > MAX_IMPORT_BYTES:
        raise RegisterError(N_("The file is too large to import ({size} MB)."), size=f"{size / 1024 / 1024:.0f}")
    for encoding in ("utf-8-sig", "gb18030"):
        stream.seek(0)
        if _decodes(stream, encoding):
            stream.seek(0)
            return io.TextIOWrapper(stream, encoding=encoding, newline="")
    raise RegisterError(N_("The file is neither UTF-8 nor GB18030 text."))


def _decodes(stream: BinaryIO, encoding: str, piece: int = 1 << 16) -> bool:
    """Whether the rest of ``stream`` is text in ``encoding`` (decoded a piece at a time, nothing kept)."""
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        while chunk := stream.read(piece):
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _columns(header: list[str]) -> dict[str, int]:
    index: dict[str, int] = {}
    for i, title in enumerate(h.strip().lower() for h in header):
        for key, names in IMPORT_COLUMNS.items():
            if title in names:
                index[key] = i
    if "date" not in index or not ({"name", "member_no"} & set(index)):
        raise RegisterError(N_("The first row must name the columns; “date” and “name” or “member_no” are needed."))
    return index


def consent_rows(source: bytes | BinaryIO, project: Project, bad: list[tuple[int, EntryError]]
                 ) -> Iterator[tuple[int, Person, dict[str, Any]]]:
    """Rows ready for :meth:`Register.import_stream`, read from the file as
    they are taken; each bad one goes into ``bad`` with its line instead.

    The header is read at once, so a file that is no table of consents is
    refused before anything is written.
    """
    from signdesk.questions import QUESTION_BY_ID

    purposes = {o.key for o in QUESTION_BY_ID["purposes"].options}
    allowed_ticks = {f"purpose:{p}" for p in purposes} | set(EXTRA_TICKS)
    scenarios = {sc.id: sc.id for sc in project.scenarios}
    scenarios.update({sc.name: sc.id for sc in project.scenarios})
    reader = csv.reader(_text(source))
    try:
        header = next(reader)
    except StopIteration:
        raise RegisterError(N_("The file is empty.")) from None
    except csv.Error:
        raise RegisterError(N_("The file is not a CSV table.")) from None
    col = _columns(header)

    def rows() -> Iterator[tuple[int, Person, dict[str, Any]]]:
        with _SeenSerials() as seen:
            block: list[tuple[int, Person, dict[str, Any]]] = []
            while True:
                try:
                    cells = next(reader)
                except StopIteration:
                    break
                except csv.Error:
                    bad.append((reader.line_num, EntryError(N_("This line is not valid CSV."))))
                    continue
                if not any(c.strip() for c in cells):
                    continue
                line = reader.line_num
                # Every column's cell, trimmed ("" where the row is short or has no such column).
                values = dict.fromkeys(IMPORT_COLUMNS, "")
                values.update((key, cells[i].strip()) for key, i in col.items() if i < len(cells))
                try:
                    block.append((line, *_row(values.__getitem__, scenarios, allowed_ticks)))
                except EntryError as err:
                    bad.append((line, err))
                if len(block) == _BLOCK:
                    yield from seen.first_of_each(block, bad)
                    block = []
            yield from seen.first_of_each(block, bad)

    return rows()


#: Rows read from the file before their serials are checked together.
_BLOCK = 1000


class _SeenSerials:
    """The serials met so far in the file and the line of each, in a private
    temporary SQLite database: its page cache holds 2 MB and the rest goes to
    a temporary file, where a dict would grow with the file."""

    def __enter__(self) -> "_SeenSerials":
        self._db = sqlite3.connect("")
        self._db.execute("CREATE TABLE seen (serial TEXT PRIMARY KEY, line INTEGER NOT NULL) WITHOUT ROWID")
        return self

    def __exit__(self, *exc: object) -> None:
        self._db.close()

    def first_of_each(self, block: list[tuple[int, Person, dict[str, Any]]], bad: list[tuple[int, EntryError]]
                      ) -> list[tuple[int, Person, dict[str, Any]]]:
        """The rows of ``block`` whose serial is not on an earlier line; the others go into ``bad``."""
        serials = list({f["serial"] for _, _, f in block if f["serial"]})
        first: dict[str, int] = {}
        for i in range(0, len(serials), 500):
            part = serials[i:i + 500]
            first.update(self._db.execute(f"SELECT serial, line FROM seen WHERE serial IN ({','.join('?' * len(part))})",
                                          part))
        earlier = set(first)
        kept = []
        for line, person, fields in block:
            serial = fields["serial"]
            if serial in first:
                bad.append((line, EntryError(N_("Form {serial} appears twice in the file (first on line {line})."),
                                             serial=serial, line=first[serial])))
                continue
            if serial:
                first[serial] = line
            kept.append((line, person, fields))
        self._db.executemany("INSERT INTO seen VALUES (?, ?)", [item for item in first.items() if item[0] not in earlier])
        return kept


def _row(get: Any, scenarios: Mapping[str, str], allowed_ticks: set[str]) -> tuple[Person, dict[str, Any]]:
    try:
        day = dt.date.fromisoformat(get("date"))
    except ValueError:
        raise EntryError(N_("{value} is not a date; use YYYY-MM-DD"), value=get("date") or "—") from None
    scenario = get("scenario")
    if not scenario and len(set(scenarios.values())) == 1:
        scenario = next(iter(scenarios.values()))  # a one-scenario project needs no column
    if scenario not in scenarios:
        raise EntryError(N_("Unknown scenario “{scenario}”."), scenario=scenario[:60])
    ticks = [t for t in get("ticks").replace(";", " ").replace(",", " ").split() if t]
    unknown = [t for t in ticks if t not in allowed_ticks]
    if unknown:
        raise EntryError(N_("Unknown tick “{tick}”."), tick=unknown[0][:40])
    decision = get("decision").lower() or "consent"
    if decision not in ("consent", "refusal", "同意", "拒绝"):
        raise EntryError(N_("The decision is “consent” or “refusal”."))
    minor_text = get("minor").lower()
    if minor_text not in _YES | _NO:
        raise EntryError(N_("Answer yes or no."))
    serial = get("serial")
    person = Person(get("name"), get("member_no"), get("phone_last4"), get("guardian_name"))
    fields = {"day": day, "scenario_id": scenarios[scenario], "serial": serial or None,
              "version": get("version") or None, "ticks": ticks, "staff": get("staff") or None,
              "minor": minor_text in _YES, "guardian_relation": get("guardian_relation") or None,
              "refused": decision in ("refusal", "拒绝")}
    return person, fields


def import_csv(register: Register, source: bytes | BinaryIO, project: Project) -> ImportReport:
    """Read consents from CSV (its bytes, or the file open for reading) into
    the register; bad rows skipped and named."""
    bad: list[tuple[int, EntryError]] = []
    with paused_gc(), closing(consent_rows(source, project, bad)) as rows:
        written, refused = register.import_stream(rows)
    skipped = sorted([*bad, *refused], key=lambda item: item[0])
    return ImportReport(written, tuple(skipped))
