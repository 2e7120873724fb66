"""``signdesk-cli export PROJECT --filing -o DIR`` and ``signdesk-cli import-filing``.

``export --filing`` writes the filing pack: filing.json (re-importable,
see docs/filing-format.md), filing.csv, filing-summary.pdf, pia-report.pdf
and filing-pack.zip holding all four. ``export --pia`` writes only the
impact-assessment report; ``export --optout-text`` the opt-out page's text
for pasting into a WeChat official-account article or a CMS (optout-text.txt
and optout-text.html). ``import-filing FILE -o PROJECT.signdesk`` turns a
filing.json (or the zip) back into the project it was made from.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from signdesk.cli import EXIT_OK, add_lang_option, command, iso_day, locale_of, print_written
from signdesk.documents.render import write_documents
from signdesk.errors import UserInputError
from signdesk.documents.filing_pack import filing_files
from signdesk.filing.pack import JSON_NAME, PIA_NAME, ZIP_NAME, FilingFileError, read_filing_file
from signdesk.i18n import EN, N_, ZH, translate, translate_plural
from signdesk.model import load, save

LANGUAGE_PAIRS = {"zh+en": (ZH, EN), "zh": (ZH,), "en": (EN,)}


def _export_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("project", type=Path, help=N_("a .signdesk project file"))
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("--filing", action="store_true", help=N_("the whole filing pack (JSON, CSV, PDFs, zip)"))
    what.add_argument("--pia", action="store_true", help=N_("only the impact-assessment report PDF"))
    what.add_argument("--optout-text", action="store_true",
                      help=N_("the opt-out page's text, to paste into an article editor (.txt and .html)"))
    parser.add_argument("-o", "--output", type=Path, required=True, help=N_("output folder"))
    parser.add_argument("--languages", choices=tuple(LANGUAGE_PAIRS), default="zh+en",
                        help=N_("languages of the PDFs (default zh+en)"))
    parser.add_argument("--today", type=iso_day, default=None,
                        help=N_("date of the pack and deadline checks (YYYY-MM-DD)"))
    add_lang_option(parser)


@command("export", N_("Write the filing pack, the impact-assessment report or the opt-out page's text."))
def run(args: argparse.Namespace) -> int:
    locale = locale_of(args)
    project = load(args.project)
    today = args.today or dt.date.today()
    languages = LANGUAGE_PAIRS[args.languages]
    if args.pia:
        from signdesk.documents.pia_report import render_pia_report

        files = {PIA_NAME: render_pia_report(project, today, languages)}
    elif args.optout_text:
        from signdesk.documents.optout import optout_text_files

        files = optout_text_files(project, today)
    else:
        files = filing_files(project, today, languages)
    write_documents(files, args.output)
    if args.filing:
        from signdesk.documents.filing_summary import NO_FILING_DUE
        from signdesk.filing.pack import build_filing

        pack = build_filing(project, today)
        if not pack.required:
            print(translate(locale, NO_FILING_DUE))
        missing = pack.missing()
        if missing:
            print(translate_plural(locale, "{count} field the filing needs is empty; see “missing” in filing.json.",
                                   "{count} fields the filing needs are empty; see “missing” in filing.json.",
                                   len(missing)), file=sys.stderr)
    print_written(locale, args.output, [args.output / name for name in files])
    return EXIT_OK


run.add_arguments = _export_arguments  # type: ignore[attr-defined]


def _import_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("filing", type=Path, help=N_("a filing.json or filing-pack.zip written by export --filing"))
    parser.add_argument("-o", "--output", type=Path, required=True, help=N_("the .signdesk project to write"))
    parser.add_argument("--force", action="store_true", help=N_("replace an existing project file"))
    add_lang_option(parser)


@command("import-filing", N_("Turn a filing pack back into the project it was made from."))
def run_import(args: argparse.Namespace) -> int:
    if args.filing.suffix.lower() == ".csv":
        # filing.csv is the pack's table for reading, without the project in it.
        raise FilingFileError(N_("{name} is a table and holds no project; import the {json} or {zip} "
                                 "from the same filing pack instead."),
                              name=args.filing.name, json=JSON_NAME, zip=ZIP_NAME)
    project = read_filing_file(args.filing)
    if args.output.exists() and not args.force:
        # The same words as ``new`` uses for the same mistake.
        raise UserInputError(N_("{name} already exists; use --force to overwrite it."), name=str(args.output))
    save(project, args.output)
    print(args.output)
    return EXIT_OK


run_import.add_arguments = _import_arguments  # type: ignore[attr-defined]
