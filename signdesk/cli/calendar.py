"""``signdesk-cli calendar PROJECT -o deadlines.ics``: everything due, as an iCalendar file."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from signdesk.cli import EXIT_OK, add_lang_option, command, iso_day, locale_of
from signdesk.filing.calendar import write_calendar
from signdesk.i18n import N_, translate
from signdesk.model import load


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("project", type=Path, help=N_("a .signdesk project file"))
    parser.add_argument("-o", "--output", type=Path, required=True, help=N_("the .ics file to write"))
    parser.add_argument("--today", type=iso_day, default=None,
                        help=N_("evaluate deadlines as of this date (YYYY-MM-DD)"))
    add_lang_option(parser)


@command("calendar", N_("Write every deadline of a project to an iCalendar (.ics) file."))
def run(args: argparse.Namespace) -> int:
    locale = locale_of(args)
    project = load(args.project)
    count = write_calendar(project, args.output, args.today or dt.date.today(), locale)
    print(translate(locale, N_("{count} dates written to {name}"), count=count, name=str(args.output)))
    return EXIT_OK


run.add_arguments = _arguments  # type: ignore[attr-defined]
