"""``signdesk new PROJECT``: write a starter project to fill in."""

from __future__ import annotations

import argparse
from pathlib import Path

from signdesk.cli import EXIT_OK, add_lang_option, command, locale_of
from signdesk.errors import UserInputError
from signdesk.i18n import N_, translate
from signdesk.model import SUFFIX, Project, save


def starter_project(locale: str, name: str | None = None) -> Project:
    """A project with the business name and one scenario to start from."""
    project = Project()
    if name:
        project.business["operator_name"] = name
    project.add_scenario(translate(locale, N_("Front entrance")), "entrance_gate")
    return project


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("project", type=Path, help=N_("file to create (ends in .signdesk)"))
    parser.add_argument("--name", help=N_("business name"))
    parser.add_argument("--force", action="store_true", help=N_("overwrite an existing file"))
    add_lang_option(parser)


@command("new", N_("Write a starter project."))
def run(args: argparse.Namespace) -> int:
    locale = locale_of(args)
    path: Path = args.project
    if path.suffix != SUFFIX:
        path = path.with_name(path.name + SUFFIX)
    if path.exists() and not args.force:
        raise UserInputError(N_("{name} already exists; use --force to overwrite it."), name=str(path))
    save(starter_project(locale, args.name), path)
    print(translate(locale, N_("Created {name}. Open it in SignDesk or edit it, then run: signdesk check {name}"),
                    name=str(path)))
    return EXIT_OK


run.add_arguments = _arguments  # type: ignore[attr-defined]
