"""``signdesk check PROJECT``: findings, grouped by scenario, most serious first.

The JSON form (``--format json``) is stable; see docs/file-format.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from signdesk.cli import EXIT_OK, EXIT_VIOLATIONS, add_lang_option, command, iso_day, locale_of
from signdesk.errors import UserInputError, visible
from signdesk.i18n import N_, translate
from signdesk.model import INCOMPLETE_NOTE, Project, answers_to_fix, load, nothing_found_msgid, unanswered_questions
from signdesk.filing.calendar import dated_duties, duty_to_json, finding_date_json
from signdesk.rules import Assessment, DocumentKind, Finding, Severity, describe_value, evaluate
from signdesk.rules.deadlines import Due
from signdesk.questions import QUESTION_BY_ID

#: Bumped only on incompatible changes to the JSON output.
JSON_FORMAT_VERSION = 1


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("project", type=Path, help=N_("a .signdesk project file"))
    add_lang_option(parser)
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--today", type=iso_day, default=None,
                        help=N_("evaluate deadlines as of this date (YYYY-MM-DD)"))


@command("check", N_("Check a project and list what breaks the rules."))
def run(args: argparse.Namespace) -> int:
    locale = locale_of(args)
    project = load(args.project)
    fixes = answers_to_fix(project)
    for field, problem in fixes:
        # Kept from an older file; the findings still count, printing will refuse it.
        sys.stderr.write(translate(locale, N_("Warning: {field}: {problem} Correct it before printing."),
                                   field=field, problem=problem.message(locale)) + "\n")
    from signdesk.cli.register import findings_register

    assessment = evaluate(project, today=args.today, register=findings_register(args.project, project, args.today, locale))
    if args.format == "json":
        json.dump(assessment_to_json(project, assessment, locale, fixes, args.today), sys.stdout, ensure_ascii=False,
                  indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(assessment_to_text(project, assessment, locale))
    return EXIT_VIOLATIONS if assessment.violations else EXIT_OK


run.add_arguments = _arguments  # type: ignore[attr-defined]


def finding_to_json(f: Finding, locale: str) -> dict[str, Any]:
    """One finding in the documented JSON shape."""
    return {
        "rule": f.rule_id,
        "severity": f.severity.value,
        "scenario": f.scenario_id,
        "citations": [{"law": c.law.value, "article": c.article, "text": c.text(locale)} for c in f.citations],
        "triggers": [
            {"question": t.question_id,
             "value": t.value.isoformat() if isinstance(t.value, dt.date) else t.value,
             "answer": describe_value(t.question_id, t.value, locale)}
            for t in f.triggers
        ],
        "title": f.title(locale),
        "why": f.why(locale),
        "fix": f.fix(locale),
        "deadline": finding_date_json(f, locale),
    }


#: Which dated duties each document carries (the filing pack its deadline, the
#: impact-assessment report how long it is kept).
DOCUMENT_DATES = {
    DocumentKind.FILING_PACK: (Due.FILING, Due.CHANGE_FILING, Due.CANCELLATION),
    DocumentKind.PIA_REPORT: (Due.KEEP_RECORDS, Due.PIA_REASSESSMENT),
}


def assessment_to_json(project: Project, a: Assessment, locale: str,
                       fixes: list[tuple[str, UserInputError]], today: dt.date | None = None) -> dict[str, Any]:
    duties = dated_duties(project, today or dt.date.today(), a)

    def document_dates(kind: DocumentKind) -> list[dict[str, Any]]:
        return [duty_to_json(d, locale) for d in duties if d.date.due in DOCUMENT_DATES.get(kind, ())]

    return {
        "format_version": JSON_FORMAT_VERSION,
        "language": locale,
        "summary": {s.value: a.count(s) for s in Severity},
        "scenarios": [{"id": sc.id, "name": sc.name, "research_only": sc.id in a.research_only}
                      for sc in project.scenarios],
        "findings": [finding_to_json(f, locale) for f in a.findings],
        "documents": [{"kind": d.kind.value, "scenario": d.scenario_id, "title": d.kind.title(locale),
                       "dates": document_dates(d.kind)}
                      for d in a.documents],
        "deadlines": [duty_to_json(d, locale) for d in duties],
        "answers_to_fix": [{"field": field, "problem": problem.message(locale)} for field, problem in fixes],
        # Findings are only as complete as the answers.
        "unanswered": [{"question": u.question_id, "scenario": u.scenario_id} for u in unanswered_questions(project)],
    }


def assessment_to_text(project: Project, a: Assessment, locale: str) -> str:
    """The human-readable report: one block per scenario, most serious first.

    Every label is a msgid of its own (not a fragment glued in code) so the
    Chinese can use its own punctuation: 【违反】…（FR-23）, 依据：…
    """
    def t(msgid: str, **params: object) -> str:
        return translate(locale, msgid, **params)

    lines: list[str] = []
    name = project.business.get("operator_name") or t(N_("(unnamed business)"))
    lines.append(t(N_("SignDesk check: {name}"), name=name))
    lines.append(t(N_("Violations: {violations} · To do: {todo} · Advice: {advice}"),
                   violations=a.count(Severity.VIOLATION), todo=a.count(Severity.OBLIGATION),
                   advice=a.count(Severity.ADVISORY)))
    unanswered = len(unanswered_questions(project))
    if unanswered:
        lines.append(t(INCOMPLETE_NOTE, count=unanswered))
    groups: list[tuple[str, tuple[Finding, ...]]] = [(t(N_("Whole business")), a.for_scenario(None))]
    for sc in project.scenarios:
        label = sc.name
        if sc.id in a.research_only:
            label += " " + t(N_("(research only: outside the Measures, PIPL still applies)"))
        groups.append((label, a.for_scenario(sc.id)))
    for label, findings in groups:
        lines.append("")
        lines.append(f"== {label} ==")
        if not findings:
            lines.append("  " + t(nothing_found_msgid(unanswered)))
        for f in findings:
            lines.append("  " + t(N_("[{severity}] {title}  ({rule})"),
                                  severity=f.severity.label(locale), title=f.title(locale), rule=f.rule_id))
            lines.append("    " + t(N_("Law: {citations}"), citations=f.citation_text(locale)))
            lines.append("    " + t(N_("Why: {why}"), why=f.why(locale)))
            lines.append("    " + t(N_("Fix: {fix}"), fix=f.fix(locale)))
            if f.triggers:
                answers = t(N_("; ")).join(
                    t(N_("{question} → {answer}"),
                      question=translate(locale, QUESTION_BY_ID[tr.question_id].text),
                      answer=describe_value(tr.question_id, tr.value, locale))
                    for tr in f.triggers)
                lines.append("    " + t(N_("Because: {answers}"), answers=answers))
    lines.append("")
    lines.append(t(N_("Documents you need:")))
    if not a.documents:
        lines.append("  " + t(N_("None.")))
    for d in a.documents:
        if d.scenario_id:
            lines.append("  - " + t(N_("{document} — {scenario}"), document=d.kind.title(locale),
                                    scenario=project.scenario(d.scenario_id).name))
        else:
            lines.append(f"  - {d.kind.title(locale)}")
    # Names and kept answers come from the file: no terminal escapes, no extra lines.
    return "\n".join(visible(line) for line in lines) + "\n"
