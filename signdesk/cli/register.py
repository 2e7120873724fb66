"""``signdesk-cli register PROJECT ACTION``: the register of consents and signs, headless.

Actions: add, refuse, withdraw, delete, post-sign, list, export, verify,
import. The register lives beside the project (``shop.register.sqlite``);
the first change creates it and records its id in the project file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from signdesk.cli import EXIT_OK, EXIT_VIOLATIONS, add_lang_option, command, iso_day, locale_of
from signdesk.errors import UserInputError
from signdesk.i18n import N_, translate
from signdesk.model import Project, load, save
from signdesk.register import (
    EntryError,
    Person,
    Register,
    deletion_days_by_scenario,
    open_project_register,
    register_facts,
)
from signdesk.register.store import CHANNELS, parse_sign_id, typed_sign_id

ACTIONS = ("add", "refuse", "withdraw", "delete", "post-sign", "list", "export", "verify", "import")
#: Actions that may create the register.
CREATING = ("add", "refuse", "post-sign", "import")


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("project", type=Path, help=N_("a .signdesk project file"))
    parser.add_argument("action", choices=ACTIONS, help=N_("what to do (add, refuse, withdraw, delete, post-sign, list, export, verify, import)"))
    parser.add_argument("file", nargs="?", type=Path, help=N_("import: the CSV of consents"))
    parser.add_argument("--serial", help=N_("the number printed on the form"))
    parser.add_argument("--person", help=N_("the person's register id (P-…)"))
    parser.add_argument("--name", default="", help=N_("the person's name"))
    parser.add_argument("--member", default="", help=N_("the person's member number"))
    parser.add_argument("--phone4", default="", help=N_("the last four digits of the person's phone"))
    parser.add_argument("--scenario", help=N_("scenario id or name"))
    parser.add_argument("--ticks", default="", help=N_("what was ticked, comma-separated (purpose:payment, transmission, sharing, cross_border)"))
    parser.add_argument("--form-version", dest="form_version", help=N_("the content version printed on the form or sign"))
    parser.add_argument("--minor", action="store_true", help=N_("the person is a child under 14"))
    parser.add_argument("--guardian-name", dest="guardian_name", default="", help=N_("the guardian's name"))
    parser.add_argument("--guardian-relation", dest="guardian_relation", help=N_("the guardian's relationship to the child"))
    parser.add_argument("--attach", type=Path, help=N_("a scan or photo of the signed form"))
    parser.add_argument("--date", type=iso_day, default=None, help=N_("the date of the event (default: today)"))
    parser.add_argument("--staff", help=N_("the staff member who recorded it"))
    parser.add_argument("--channel", choices=CHANNELS, default="in_person", help=N_("how the withdrawal came in"))
    parser.add_argument("--devices", default="", help=N_("devices the data was deleted from, comma-separated"))
    parser.add_argument("--erase", action="store_true", help=N_("delete: also erase the person's name and contact from the register"))
    parser.add_argument("--sign-id", dest="sign_id", help=N_("the ID printed on the sign beside its version, e.g. S-3F9A2B-01 (it gives the version and the scenario)"))
    parser.add_argument("--location", help=N_("where the sign hangs"))
    parser.add_argument("--take-down", dest="take_down", action="store_true", help=N_("post-sign: record the sign as taken down"))
    parser.add_argument("--status", choices=("consented", "refused", "withdrawn", "deleted", "overdue"),
                        help=N_("list: only people in this state"))
    parser.add_argument("--search", help=N_("list: a serial or the start of a name"))
    parser.add_argument("--limit", type=int, default=50, help=N_("list: at most this many rows"))
    parser.add_argument("-o", "--output", type=Path, help=N_("export: output folder"))
    parser.add_argument("--today", type=iso_day, default=None, help=N_("the date to check against (YYYY-MM-DD)"))
    add_lang_option(parser)


def _scenario_id(project: Project, given: str | None) -> str | None:
    if not given:
        return None
    for sc in project.scenarios:
        if given in (sc.id, sc.name):
            return sc.id
    raise EntryError(N_("Unknown scenario “{scenario}”."), scenario=given[:60])


def _person(reg: Register, args: argparse.Namespace) -> tuple[str, str | None]:
    """(person id, scenario id or None) from --person or --serial."""
    if args.person:
        return args.person, None
    if args.serial:
        found = reg.person_by_serial(args.serial)
        if found is None:
            raise EntryError(N_("No form {serial} is recorded."), serial=args.serial)
        return found
    raise EntryError(N_("Name the person with --person or --serial."))


def _split(text: str) -> list[str]:
    return [t.strip() for t in text.split(",") if t.strip()]


@command("register", N_("Keep the register of consents, withdrawals, deletions and posted signs."))
def run(args: argparse.Namespace) -> int:
    locale = locale_of(args)
    project = load(args.project)
    known = project.register_id
    reg = open_project_register(args.project, project, create=args.action in CREATING)
    try:
        if project.register_id != known:
            save(project, args.project)  # the project now names its register
        return _ACTIONS[args.action](reg, project, args, locale)
    finally:
        reg.close()


def _add(reg: Register, project: Project, args: argparse.Namespace, locale: str) -> int:
    person: Person | str = args.person or Person(args.name, args.member, args.phone4, args.guardian_name)
    entry = reg.record_consent(person, scenario_id=_scenario_id(project, args.scenario), serial=args.serial,
                               version=args.form_version, ticks=_split(args.ticks), day=args.date or dt.date.today(),
                               staff=args.staff, minor=args.minor, guardian_relation=args.guardian_relation,
                               refused=args.action == "refuse", attachment=args.attach)
    msg = N_("Refusal recorded: entry {seq}, person {person}.") if args.action == "refuse" else N_(
        "Consent recorded: entry {seq}, person {person}.")
    print(translate(locale, msg, seq=entry.seq, person=entry.person_id))
    return EXIT_OK


def _withdraw(reg: Register, project: Project, args: argparse.Namespace, locale: str) -> int:
    person_id, scenario = _person(reg, args)
    entries = reg.withdraw(person_id, day=args.date or dt.date.today(), channel=args.channel,
                           deletion_days=deletion_days_by_scenario(project),
                           scenario_id=_scenario_id(project, args.scenario) or scenario, staff=args.staff)
    for e in entries:
        print(translate(locale, N_("Withdrawal recorded: entry {seq}; delete the facial information by {due}."),
                        seq=e.seq, due=e.data["due"]))
    return EXIT_OK


def _delete(reg: Register, project: Project, args: argparse.Namespace, locale: str) -> int:
    person_id, scenario = _person(reg, args)
    day = args.date or dt.date.today()
    entries = reg.confirm_deletion(person_id, day=day, by=args.staff or "", devices=_split(args.devices),
                                   scenario_id=_scenario_id(project, args.scenario) or scenario)
    for e in entries:
        print(translate(locale, N_("Deletion recorded: entry {seq}."), seq=e.seq))
    if args.erase:
        e = reg.erase_person(person_id, day=day, staff=args.staff)
        print(translate(locale, N_("Name and contact of {person} erased: entry {seq}."), person=person_id, seq=e.seq))
    return EXIT_OK


def _post_sign(reg: Register, project: Project, args: argparse.Namespace, locale: str) -> int:
    from signdesk.documents.register_report import sign_scenario

    day = args.date or dt.date.today()
    if args.take_down:
        e = reg.take_down_sign(typed_sign_id(args.sign_id), day=day, staff=args.staff)
        print(translate(locale, N_("Sign {sign} taken down: entry {seq}."), sign=e.serial, seq=e.seq))
        return EXIT_OK
    sign = typed_sign_id(args.sign_id)
    parsed = parse_sign_id(sign)
    version = args.form_version or (parsed[0] if parsed else None)
    scenario = _scenario_id(project, args.scenario) or sign_scenario(reg, project, version, args.today or day)
    if scenario is None:
        raise EntryError(N_("Say which scenario the sign is for (--scenario)."))
    e = reg.post_sign(sign, scenario_id=scenario, location=args.location or "",
                      version=version, day=day, staff=args.staff)
    print(translate(locale, N_("Sign {sign} posted at {location}: entry {seq}."), sign=e.serial,
                    location=e.data["location"], seq=e.seq))
    return EXIT_OK


def _list(reg: Register, project: Project, args: argparse.Namespace, locale: str) -> int:
    from signdesk.register.views import Filter, standing_rows

    names = {sc.id: sc.name for sc in project.scenarios}
    flt = Filter(status=None if args.status == "overdue" else args.status, overdue=args.status == "overdue",
                 scenario_id=_scenario_id(project, args.scenario), search=args.search or "",
                 today=args.today or dt.date.today())
    rows = standing_rows(reg, flt, limit=max(1, args.limit))
    for r in rows:
        who = " ".join(x for x in (r.name, r.member_no, r.phone_last4 and f"*{r.phone_last4}") if x) or "—"
        due = f"  → {r.due}" if r.due and r.status == "withdrawn" else ""
        print(f"{r.person_id}  {r.serial or '—'}  {who}  {names.get(r.scenario_id, r.scenario_id)}  "
              f"{translate(locale, STATUS_LABELS[r.status])}  {r.version or '—'}{due}")
    if not rows:
        print(translate(locale, N_("Nothing in the register matches.")))
    return EXIT_OK


STATUS_LABELS = {"consented": N_("consented"), "refused": N_("refused"), "withdrawn": N_("withdrawn"),
                 "deleted": N_("deleted")}


def _export(reg: Register, project: Project, args: argparse.Namespace, locale: str) -> int:
    from signdesk.documents.register_report import render_person_history, render_register_summary
    from signdesk.documents.render import write_documents
    from signdesk.register.csvfiles import write_csv

    if args.output is None:
        raise UserInputError(N_("Give the output folder with -o."))
    today = args.today or dt.date.today()
    if args.person:
        files = {f"register-{args.person}.pdf": render_person_history(reg, project, args.person, today)}
    else:
        files = {"register.csv": lambda fh: write_csv(reg, fh, project),
                 "register-summary.pdf": render_register_summary(reg, project, today)}
    write_documents(files, args.output)
    for name in files:
        print(args.output / name)
    return EXIT_OK


def _verify(reg: Register, project: Project, args: argparse.Namespace, locale: str) -> int:
    result = reg.verify()
    print(verify_message(result, locale))
    return EXIT_OK if result.ok else EXIT_VIOLATIONS


def verify_message(result, locale: str) -> str:  # type: ignore[no-untyped-def]
    """What verify found, in one sentence."""
    if result.broken:
        return translate(locale, BREAK_MESSAGES[result.broken.reason], seq=result.broken.seq, count=result.entries)
    if result.altered_people:
        return translate(locale, N_("The details of {person} were changed outside SignDesk: they no longer match what was recorded."),
                         person=", ".join(result.altered_people[:5]))
    return translate(locale, N_("The register is intact: {count} entries, none changed, removed or reordered."),
                     count=result.entries)


BREAK_MESSAGES = {
    "changed": N_("The register has been tampered with: entry {seq} was changed after it was recorded."),
    "missing": N_("The register has been tampered with: entry {seq} is missing."),
    "order": N_("The register has been tampered with: entries were reordered at entry {seq}."),
    "head": N_("The register has been tampered with: its last entries do not match its record (at entry {seq})."),
}


def _import(reg: Register, project: Project, args: argparse.Namespace, locale: str) -> int:
    from signdesk.register.csvfiles import import_csv

    if args.file is None:
        raise UserInputError(N_("Give the CSV file to import."))
    try:
        # Read as the import goes, so a long file is never in memory whole.
        with open(args.file, "rb") as fh:
            report = import_csv(reg, fh, project)
    except OSError as err:
        raise UserInputError(N_("The file {name} cannot be read: {problem}"), name=str(args.file),
                             problem=err.strerror or str(err)) from None
    for line, problem in report.skipped:
        print(translate(locale, N_("Line {line} skipped: {problem}"), line=line, problem=problem.message(locale)),
              file=sys.stderr)
    print(translate(locale, N_("{written} consents imported, {skipped} lines skipped."), written=report.written,
                    skipped=len(report.skipped)))
    return EXIT_VIOLATIONS if report.skipped else EXIT_OK


_ACTIONS = {"add": _add, "refuse": _add, "withdraw": _withdraw, "delete": _delete, "post-sign": _post_sign,
            "list": _list, "export": _export, "verify": _verify, "import": _import}

run.add_arguments = _arguments  # type: ignore[attr-defined]


def findings_register(project_path: Path, project: Project, today: dt.date | None, locale: str):  # type: ignore[no-untyped-def]
    """The register facts for ``check``, or None when the project has no register.

    A register that cannot be read is a warning: the project's own findings still count.
    """
    if not project.register_id:
        return None
    from signdesk.documents.register_report import today_versions

    try:
        with open_project_register(project_path, project, lock=False, read_only=True) as reg:
            return register_facts(reg, today_versions(project, today or dt.date.today()))
    except UserInputError as err:
        sys.stderr.write(translate(locale, N_("Warning: {problem}"), problem=err.message(locale)) + "\n")
        return None
