"""The filing pack (备案) for the provincial cyberspace office (Measures art. 15).

``build_filing(project, today)`` gathers the regulator-facing fields
(reference §G): filing type and deadline, the handler's basic details, one
row per scenario, data and storage, security measures, rules and
procedures, the PIA, and the checklist of attachments the online system
asks for. Fields the law needs but the owner left empty are collected in
``missing``. The pack is written as JSON (re-importable: it embeds the
project), CSV (UTF-8 with BOM, formula-safe), a PDF summary and one
deterministic zip holding everything plus the PIA report.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from signdesk.errors import UserInputError
from signdesk.filing.pia import build_pia
from signdesk.i18n import EN, N_, ZH, Bilingual, dated
from signdesk.model.files import MAX_FILE_BYTES, decode_json, project_from_json, project_to_json, read_input_file
from signdesk.model.files import refuse_answers_to_fix
from signdesk.model.project import Project
from signdesk.questions import FILING_THRESHOLD, QUESTION_BY_ID
from signdesk.rules import describe_value
from signdesk.rules.model import due_label
from signdesk.rules.deadlines import FILING_WORKING_DAYS, Deadline, add_working_days, filing_deadline, filing_kind

FORMAT_MARK = "signdesk-filing"
#: Bumped on incompatible changes to the JSON layout (docs/filing-format.md).
FORMAT_VERSION = 1

#: File names inside the output folder and the zip.
JSON_NAME = "filing.json"
CSV_NAME = "filing.csv"
SUMMARY_NAME = "filing-summary.pdf"
PIA_NAME = "pia-report.pdf"
ZIP_NAME = "filing-pack.zip"


class FilingFileError(UserInputError):
    """A filing file that cannot be imported, with the reason."""


@dataclass(frozen=True)
class FilingField:
    """One regulator-facing field: where it sits, its label and its value."""

    section: str
    key: str
    label: Bilingual
    #: JSON value (codes, numbers, ISO dates); None when not answered.
    value: Any
    #: The value as a reader sees it; None when not answered.
    text: Bilingual | None
    #: The law needs it for a filing: an empty value goes on the missing list.
    required: bool = False
    question_id: str | None = None


@dataclass(frozen=True)
class Attachment:
    """A document the online filing system asks for (reference §G)."""

    key: str
    label: Bilingual
    #: "included" when SignDesk writes it into the pack, else "to_prepare".
    status: str
    file: str | None = None


#: The eight items the CAC's online system asks for, in its order (reference §I1).
ATTACHMENTS: tuple[tuple[str, str, str | None], ...] = (
    ("handler_form", N_("Personal information handler basic-information form (fill in from this pack)"), None),
    ("filing_form", N_("Facial recognition application filing form (fill in from this pack)"), None),
    ("pia_report", N_("Personal information protection impact assessment report"), PIA_NAME),
    ("uscc_certificate", N_("Unified social credit code certificate (scan, company chop)"), None),
    ("legal_rep_id", N_("ID document of the legal representative (scan)"), None),
    ("agent_id", N_("ID document of the person handling the filing (scan)"), None),
    ("authorisation_letter", N_("Authorisation letter for that person (company chop)"), None),
    ("commitment_letter", N_("Commitment letter (company chop)"), None),
)

SECTION_TITLES = {
    "meta": N_("Filing"),
    "handler": N_("Personal information handler"),
    "data": N_("Data and storage"),
    "security": N_("Security measures"),
    "procedures": N_("Processing rules and operating procedures"),
    "pia": N_("Impact assessment"),
}

FILING_TYPES = {
    "initial": N_("First filing"),
    "change": N_("Change filing"),
    "cancellation": N_("Cancellation of the filing"),
    "none": N_("No filing due"),
}


@dataclass(frozen=True)
class FilingPack:
    """Everything the filing pack says, ready to write in any format."""

    filing_type: str
    required: bool
    deadline: Deadline | None
    fields: tuple[FilingField, ...]
    #: One list of fields per scenario, in project order.
    scenarios: tuple[tuple[str, str, tuple[FilingField, ...]], ...]
    attachments: tuple[Attachment, ...]
    project: Project
    generated_on: dt.date
    pia_conclusion: str = ""
    extra: Mapping[str, Any] = field(default_factory=dict)

    def all_fields(self) -> list[FilingField]:
        return list(self.fields) + [f for _, _, fs in self.scenarios for f in fs]

    def missing(self) -> list[FilingField]:
        """Required fields the owner left empty."""
        return [f for f in self.all_fields() if f.required and f.value is None]


# ---------------------------------------------------------------- building
def _json_value(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _answer(section: str, answers: Mapping[str, Any], qid: str, *, required: bool = False,
            key: str | None = None, label: str | None = None) -> FilingField:
    value = answers.get(qid)
    if value in ("", []):
        value = None
    text = None if value is None else Bilingual(describe_value(qid, value, ZH), describe_value(qid, value, EN))
    return FilingField(section, key or qid, Bilingual.of(label or QUESTION_BY_ID[qid].text),
                       _json_value(value), text, required, qid)


def _answers(section: str, answers: Mapping[str, Any], ids: str) -> list[FilingField]:
    """Fields for space-separated question ids; a trailing "?" marks one the law does not require."""
    return [_answer(section, answers, qid.rstrip("?"), required=not qid.endswith("?")) for qid in ids.split()]


def _computed(section: str, key: str, label: str, value: Any, text: Bilingual | None,
              required: bool = False) -> FilingField:
    return FilingField(section, key, Bilingual.of(label), _json_value(value), text, required)


def filing_type(business: Mapping[str, Any]) -> str:
    """first filing / change / cancellation, from the headcount answers."""
    return filing_kind(business)


def filing_due(business: Mapping[str, Any], kind: str) -> Deadline | None:
    """30 working days from the triggering date (legacy handlers: 14 July 2025)."""
    start_key = {"initial": "threshold_date", "change": "filing_change_date", "cancellation": "stop_date"}.get(kind)
    start = business.get(start_key) if start_key else None
    if start is None:
        return None
    if kind == "initial":
        return filing_deadline(start)
    return add_working_days(start, FILING_WORKING_DAYS)


def _scenario_fields(answers: Mapping[str, Any]) -> tuple[FilingField, ...]:
    s = "scenario"
    fields = _answers(s, answers, "scenario_kind match_mode location device_count? public_place purposes "
                                  "legal_basis alternatives enrolled storage_location internet_transmission")
    if answers.get("internet_transmission") or answers.get("storage_location") not in (None, "device"):
        fields.append(_answer(s, answers, "transmission_basis", required=True))
    fields.append(_answer(s, answers, "retention", required=True))
    if answers.get("retention") in ("fixed_days", "after_relationship_ends"):
        fields.append(_answer(s, answers, "retention_days", required=True))
    fields += [_answer(s, answers, "deletion_triggers", required=True), _answer(s, answers, "raw_images_kept")]
    return tuple(fields)


def build_filing(project: Project, today: dt.date) -> FilingPack:
    """The filing pack's content for ``project`` as of ``today``.

    Raises :class:`~signdesk.model.AnswerToFixError` for an answer kept
    from an older file that fails today's check (nothing of it is written).
    """
    refuse_answers_to_fix(project)
    b = project.business_answers()
    kind = filing_type(b)
    due = filing_due(b, kind)
    pia = build_pia(project, today)
    fields: list[FilingField] = [
        _computed("meta", "filing_type", N_("Filing type"), kind, Bilingual.of(FILING_TYPES[kind])),
        _answer("meta", b, "province", required=True),
        _answer("meta", b, "people_stored", required=True),
        _answer("meta", b, "threshold_date", required=kind == "initial"),
        _computed("meta", "deadline", N_("Filing deadline"), due.due if due else None,
                  _deadline_text(due), required=kind != "none"),
    ]
    if kind in ("change", "cancellation"):
        fields.append(_answer("meta", b, "filing_number", required=True, label=N_("Previous filing number")))
    if kind == "change":
        fields.append(_answer("meta", b, "filing_change_date", required=True))
    if kind == "cancellation":
        fields += [_answer("meta", b, "stop_date", required=True),
                   _answer("meta", b, "data_deleted_after_stop", required=True)]
    fields += _answers("handler", b, "operator_name operator_name_en? uscc address venue_type "
                                     "legal_representative contact_phone contact_email? privacy_contact?")
    if kind != "none":   # who files, and for which companies of a group (reference §G)
        fields += _answers("handler", b, "filing_agent filing_agent_phone? group_filing?")
        if b.get("group_filing"):
            fields.append(_answer("handler", b, "group_members", required=True))
    d = "data"
    fields += [_answer(d, b, "vendor_processes", required=True)]
    if b.get("vendor_processes"):
        fields += [_answer(d, b, "vendor_names", required=True), _answer(d, b, "vendor_contract", required=True)]
    fields += [_answer(d, b, "shares_with_others", required=True)]
    if b.get("shares_with_others"):
        fields += [_answer(d, b, "sharing_recipients", required=True)]
    fields += [_answer(d, b, "cross_border", required=True)]
    sec = "security"
    fields += [_answer(sec, b, q, required=True)
               for q in ("security_measures", "mlps_status", "incident_plan", "compliance_audit")]
    pr = "procedures"
    fields += [
        _answer(pr, b, "optout_url", required=True,
                label=N_("Web page with the processing rules and the opt-out (URL)")),
        _answer(pr, b, "processing_records", required=True),
        _answer(pr, b, "rights_requests", required=True),
    ]
    p = "pia"
    fields += [
        _answer(p, b, "pia_date", required=True),
        _answer(p, b, "pia_assessor", required=True),
        _answer(p, b, "pia_version"),
        _computed(p, "conclusion", N_("Conclusion"), pia.conclusion.value, pia.conclusion.text()),
        _computed(p, "keep_until", N_("Keep the report until"), pia.keep_until,
                  dated(pia.keep_until) if pia.keep_until else None, required=True),
        _computed(p, "report_file", N_("Report file"), PIA_NAME, Bilingual(PIA_NAME, PIA_NAME)),
    ]
    scenarios = tuple((sc.id, sc.name, _scenario_fields(project.answers_for(sc))) for sc in project.scenarios)
    attachments = tuple(
        Attachment(key, Bilingual.of(label), "included" if file else "to_prepare", file)
        for key, label, file in ATTACHMENTS
    )
    return FilingPack(kind, (b.get("people_stored") or 0) >= FILING_THRESHOLD, due, tuple(fields),
                      scenarios, attachments, project, today, pia.conclusion.value)


def _deadline_text(due: Deadline | None) -> Bilingual | None:
    if due is None:
        return None
    text = dated(due.due)
    if not due.confirmed:
        note = Bilingual.of(N_("estimate: the holiday schedule for that year is not published yet"))
        text = Bilingual(f"{text.zh}（{note.zh}）", f"{text.en} ({note.en})")
    return text


# ------------------------------------------------------------------- JSON
def _field_json(f: FilingField) -> dict[str, Any]:
    return {"value": f.value, "zh_CN": f.text.zh if f.text else None, "en": f.text.en if f.text else None}


def _path(f: FilingField, scenario_index: int | None = None) -> str:
    if scenario_index is None:
        return f"{f.section}.{f.key}"
    return f"scenarios[{scenario_index}].{f.key}"


def filing_to_json(pack: FilingPack) -> dict[str, Any]:
    """The documented JSON form (docs/filing-format.md)."""
    sections: dict[str, dict[str, Any]] = {name: {} for name in SECTION_TITLES}
    for f in pack.fields:
        sections[f.section][f.key] = _field_json(f)
    missing = [{"field": _path(f), "question": f.question_id, "zh_CN": f.label.zh, "en": f.label.en}
               for f in pack.fields if f.required and f.value is None]
    scenarios = []
    for i, (sid, name, fs) in enumerate(pack.scenarios):
        scenarios.append({"id": sid, "name": name, **{f.key: _field_json(f) for f in fs}})
        missing += [{"field": _path(f, i), "question": f.question_id, "scenario": sid,
                     "zh_CN": f"{name}：{f.label.zh}", "en": f"{name}: {f.label.en}"}
                    for f in fs if f.required and f.value is None]
    return {
        "format": FORMAT_MARK,
        "format_version": FORMAT_VERSION,
        "generated_on": pack.generated_on.isoformat(),
        "filing_required": pack.required,
        "filing_type": pack.filing_type,
        "deadline": {"due": pack.deadline.due.isoformat(), "confirmed": pack.deadline.confirmed}
        if pack.deadline else None,
        "dates": _dates_json(pack),
        **sections,
        "scenarios": scenarios,
        "attachments": [{"key": a.key, "status": a.status, "file": a.file, "zh_CN": a.label.zh, "en": a.label.en}
                        for a in pack.attachments],
        "missing": missing,
        "project": project_to_json(pack.project),
    }


def _dates_json(pack: FilingPack) -> list[dict[str, Any]]:
    """Every dated duty of the business, as check --format json gives them, labelled in both languages."""
    from signdesk.filing.calendar import dated_duties, duty_to_json

    out = []
    for duty in dated_duties(pack.project, pack.generated_on):
        item = duty_to_json(duty, EN)
        del item["what"]
        out.append({**item, "zh_CN": due_label(duty.date.due, ZH), "en": due_label(duty.date.due, EN)})
    return out


def filing_json_bytes(pack: FilingPack) -> bytes:
    return (json.dumps(filing_to_json(pack), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


#: Largest filing-pack.zip read (its PDFs make it larger than the JSON alone).
MAX_ZIP_BYTES = 32 * 1024 * 1024


def read_filing_file(path: Path) -> Project:
    """The project in a filing.json or filing-pack.zip file (see :func:`import_filing`)."""
    return import_filing(read_input_file(path, MAX_ZIP_BYTES, FilingFileError))


def import_filing(raw: bytes) -> Project:
    """The project embedded in a filing JSON file (or a filing-pack zip)."""
    if raw[:2] == b"PK":
        raw = _json_from_zip(raw)
    if len(raw) > MAX_FILE_BYTES:
        raise FilingFileError(N_("The file is too large to be a SignDesk filing."))
    data = decode_json(raw, FilingFileError)
    if not isinstance(data, dict) or data.get("format") != FORMAT_MARK:
        raise FilingFileError(N_("The file is not a SignDesk filing."))
    version = data.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise FilingFileError(N_("The filing has no valid format version (field “format_version” must be a whole number from 1)."))
    if version > FORMAT_VERSION:
        raise FilingFileError(N_("This filing was written by a newer SignDesk (format {found}); please update SignDesk."),
                              found=version)
    if "project" not in data:
        raise FilingFileError(N_("The filing does not contain the project it was made from."))
    return project_from_json(data["project"])


def _json_from_zip(raw: bytes) -> bytes:
    """filing.json from a filing-pack zip, read with a bound whatever the zip claims."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as zf:
            try:
                info = zf.getinfo(JSON_NAME)
            except KeyError:
                raise FilingFileError(N_("The zip file does not contain {name}."), name=JSON_NAME) from None
            if info.flag_bits & 0x1:
                raise FilingFileError(N_("The zip file is password-protected; SignDesk reads the filing-pack.zip it wrote, which has no password."))
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise FilingFileError(N_("The zip file uses a compression method SignDesk does not read; use the filing-pack.zip SignDesk wrote, or filing.json itself."))
            if info.file_size > MAX_FILE_BYTES:
                raise FilingFileError(N_("The file is too large to be a SignDesk filing."))
            with zf.open(info) as member:
                # The header's size may lie: never inflate more than the bound.
                data = member.read(MAX_FILE_BYTES + 1)
                if len(data) > MAX_FILE_BYTES:
                    raise FilingFileError(N_("The file is too large to be a SignDesk filing."))
                member.read(1)  # reach the end, where a damaged entry fails its checksum
            return data
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, ValueError, NotImplementedError,
            RuntimeError, OSError):
        raise FilingFileError(N_("The zip file is damaged or incomplete; export the filing pack again.")) from None


# -------------------------------------------------------------------- CSV
#: Characters that make a spreadsheet read a cell as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(cell: str) -> str:
    """Neutralise a cell a spreadsheet would run as a formula (prefix an apostrophe)."""
    if cell.startswith(_FORMULA_START):
        return "'" + cell
    return cell


def filing_csv_bytes(pack: FilingPack) -> bytes:
    """One row per field, both languages; UTF-8 with BOM so Excel reads Chinese."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["section", "field", "标签", "label", "值", "value"])

    def row(section: str, key: str, label: Bilingual, text: Bilingual | None) -> None:
        zh = text.zh if text else Bilingual.of(GAP).zh
        en = text.en if text else Bilingual.of(GAP).en
        writer.writerow([csv_safe(c) for c in (section, key, label.zh, label.en, zh, en)])

    for f in pack.fields:
        row(f.section, f.key, f.label, f.text)
    for i, (_sid, name, fs) in enumerate(pack.scenarios):
        row("scenario", f"scenarios[{i}].name", Bilingual.of(N_("Scenario")), Bilingual(name, name))
        for f in fs:
            row("scenario", _path(f, i), f.label, f.text)
    for a in pack.attachments:
        row("attachments", a.key, a.label, Bilingual.of(ATTACHMENT_STATUS[a.status]))
    return ("\ufeff" + out.getvalue()).encode("utf-8")


GAP = N_("[NOT ANSWERED]")
ATTACHMENT_STATUS = {"included": N_("Included in this pack"), "to_prepare": N_("To prepare")}


