"""``signdesk render PROJECT -o OUTDIR``: write every document the project needs."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path

from signdesk.cli import EXIT_OK, add_lang_option, command, iso_day, locale_of, print_written
from signdesk.documents.printmarks import PrintedAt
from signdesk.documents.render import (
    MAX_NUMBERED_RUN,
    ORIENTATIONS,
    SIZES,
    numbered_form_for,
    print_numbered_forms,
    render_all,
)
from signdesk.i18n import N_, translate
from signdesk.model import Project, load, save


def _sizes(value: str) -> list[str]:
    sizes = [s.strip().upper() for s in value.split(",") if s.strip()]
    bad = [s for s in sizes if s not in SIZES]
    if bad or not sizes:
        raise argparse.ArgumentTypeError(f"sizes must be among {','.join(SIZES)}")
    return sizes


#: Copies of one sign in one file (a chain's sites each print their own).
MAX_SIGN_COPIES = 50


def _copies(value: str) -> int:
    """argparse type for ``--sign-copies``: 1 to MAX_SIGN_COPIES, or a one-line usage error."""
    if not value.strip().isdigit() or not 1 <= int(value) <= MAX_SIGN_COPIES:
        # English here; _Parser.error says it in the user's language.
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of copies from 1 to {MAX_SIGN_COPIES}")
    return int(value)


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("project", type=Path, help=N_("a .signdesk project file"))
    parser.add_argument("-o", "--output", type=Path, required=True, help=N_("folder for the documents"))
    parser.add_argument("--sizes", type=_sizes, default=["A4"], help=N_("sign sizes, e.g. A4,A3 (A5, A4, A3, LETTER)"))
    parser.add_argument("--orientation", choices=(*ORIENTATIONS, "both"), default="portrait")
    parser.add_argument("--today", type=iso_day, default=None,
                        help=N_("date printed on the documents (YYYY-MM-DD; default: today)"))
    parser.add_argument("--large-print", action="store_true",
                        help=N_("also write a large-print edition of each consent form (for elderly and "
                                "visually impaired people)"))
    parser.add_argument("--for", dest="printed_at", choices=[p.value for p in PrintedAt],
                        default=PrintedAt.OFFICE.value,
                        help=N_("office: signs the size of the paper, for your own printer (default); print-shop: "
                                "PDF/X signs with bleed and crop marks, and an instruction sheet for the shop"))
    parser.add_argument("--draft", action="store_true",
                        help=N_("print signs and forms that still lack answers, marked DRAFT"))
    parser.add_argument("--sign-copies", type=_copies, default=1, metavar="N",
                        help=N_("copies of each sign, as pages of its file, each with its own sign ID (for a text "
                                "that hangs in several places; at most 50)"))
    parser.add_argument("--serials", metavar="FIRST-LAST",
                        help=N_("also print numbered consent forms, one per serial (e.g. 000101-000200, at most "
                                "1000), and record them in the project's register"))
    parser.add_argument("--scenario", help=N_("--serials: the scenario (id or name) whose form is numbered, when "
                                              "the project has several"))
    parser.add_argument("--guardian", action="store_true", help=N_("--serials: number the guardian consent form"))
    parser.add_argument("--serials-large-print", action="store_true",
                        help=N_("--serials: print the numbered forms in large print"))
    add_lang_option(parser)


@command("render", N_("Write the signs, consent forms, opt-out page and report a project needs."))
def run(args: argparse.Namespace) -> int:
    locale = locale_of(args)
    project = load(args.project)
    orientations = ORIENTATIONS if args.orientation == "both" else (args.orientation,)
    today = args.today or dt.date.today()
    if not args.serials:
        written = render_all(project, args.output, args.sizes, orientations, today, large_print=args.large_print,
                             printed_at=PrintedAt(args.printed_at), draft=args.draft,
                             sign_numbers=_sign_numbers(args.project, project), sign_copies=args.sign_copies)
        print_written(locale, args.output, written)
        sys.stdout.flush()
        return EXIT_OK
    return _numbered(args, project, orientations, today, locale)


def _sign_numbers(path: Path, project: Project) -> dict[str, int]:
    """The print numbers the register's signs already use, so new signs number on
    (none without a register; a register that cannot be read is the register
    command's to report, not a reason to print no signs)."""
    from signdesk.errors import UserInputError
    from signdesk.register import open_project_register

    if not project.register_id:
        return {}
    try:
        with open_project_register(path, project, read_only=True, lock=False) as reg:
            return reg.sign_numbers()
    except UserInputError:
        return {}


def _numbered(args: argparse.Namespace, project: Project, orientations: Sequence[str], today: dt.date,
              locale: str) -> int:
    """render … --serials: everything as usual, and the numbered run recorded in the register."""
    from signdesk.register import open_project_register
    from signdesk.register.store import parse_serial_run

    serials = parse_serial_run(args.serials, MAX_NUMBERED_RUN)
    scenario_id = numbered_form_for(project, args.scenario, args.guardian)
    known = project.register_id
    reg = open_project_register(args.project, project, create=True)
    try:
        reg.printed_overlap(serials)  # refused here, before any file is written
        written = render_all(project, args.output, args.sizes, orientations, today, large_print=args.large_print,
                             printed_at=PrintedAt(args.printed_at), draft=args.draft, sign_numbers=reg.sign_numbers())
        written.append(print_numbered_forms(project, reg, args.output, scenario_id, args.guardian, serials, today,
                                            args.serials_large_print))
        if project.register_id != known:
            save(project, args.project)  # the project now names its new register
    finally:
        reg.close()
    print_written(locale, args.output, written)
    print(translate(locale, N_("Forms {first} to {last} recorded in the register as printed for {scenario}."),
                    first=serials[0], last=serials[-1], scenario=project.scenario(scenario_id).name))
    sys.stdout.flush()
    return EXIT_OK


run.add_arguments = _arguments  # type: ignore[attr-defined]
