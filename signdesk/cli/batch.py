"""``signdesk-cli batch PROJECT STORES.csv -o DIR``: signs and forms for every site of a chain.

STORES.csv has a header row ``name,address,contact,optout_url,sizes`` (UTF-8,
with or without BOM). Bad rows are reported by line number and skipped; a
rerun skips the sites finished before.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import unicodedata
from pathlib import Path

from signdesk.batch import (
    STATUS,
    BatchReport,
    SiteResult,
    check_chain_printable,
    read_stores_file,
    run_batch,
    site_renderer,
    summary_rows,
    summary_sentence,
    write_summary,
)
from signdesk.cli import EXIT_OK, EXIT_VIOLATIONS, add_lang_option, command, iso_day, locale_of
from signdesk.errors import visible
from signdesk.i18n import N_, translate
from signdesk.model import load


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("project", type=Path, help=N_("the chain's .signdesk project"))
    parser.add_argument("stores", type=Path, help=N_("CSV: name,address,contact,optout_url,sizes"))
    parser.add_argument("-o", "--output", type=Path, required=True, help=N_("folder for the site folders"))
    parser.add_argument("--workers", type=int, default=2, help=N_("worker processes (default 2)"))
    parser.add_argument("--today", type=iso_day, default=None, help=N_("date printed on documents"))
    parser.add_argument("--draft", action="store_true",
                        help=N_("print signs and forms that still lack answers, marked DRAFT"))
    add_lang_option(parser)


class _Progress:
    """A one-line bar on a terminal; plain log lines otherwise."""

    def __init__(self, locale: str) -> None:
        self.locale = locale
        self.tty = sys.stderr.isatty()

    def __call__(self, done: int, total: int, result: SiteResult) -> None:
        if self.tty:
            width = 30
            filled = width * done // max(total, 1)
            sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
            if done == total:
                sys.stderr.write("\n")
        else:
            status = translate(self.locale, STATUS[result.status])
            sys.stderr.write(f"{done}/{total} {visible(result.site.name)}: {status}\n")
        sys.stderr.flush()


def _columns(text: str) -> int:
    """Terminal columns ``text`` takes: Chinese characters are two wide."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


@command("batch", N_("Print signs and consent forms for every site of a chain."))
def run(args: argparse.Namespace) -> int:
    locale = locale_of(args)
    project = load(args.project)
    sites, problems = read_stores_file(args.stores)
    check_chain_printable(project, sites, args.draft)
    report = BatchReport(problems=problems)
    for p in problems:
        print(translate(locale, N_("Line {line}: {reason}"), line=p.line, reason=p.error.message(locale)),
              file=sys.stderr)
    report.results = run_batch(project, sites, args.output, args.today or dt.date.today(),
                               progress=_Progress(locale), workers=args.workers,
                               renderer=site_renderer(args.draft))
    write_summary(report, args.output, locale)
    # Cells shown as the terminal can show them (no escapes from a site name).
    header, *rows = [[visible(c) for c in row] for row in summary_rows(report, locale)]
    widths = [max(_columns(r[i]) for r in [header, *rows]) for i in range(4)]
    for r in [header, *rows]:
        print("  ".join(c + " " * (w - _columns(c)) for c, w in zip(r[:4], widths)) + "  " + "  ".join(r[4:]))
    print(summary_sentence(report, locale))
    return EXIT_OK if not problems and not report.count("failed") else EXIT_VIOLATIONS


run.add_arguments = _arguments  # type: ignore[attr-defined]
