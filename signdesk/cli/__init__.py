"""The headless command line: the same core as the desktop app.

``signdesk-cli check PROJECT`` and friends. Each subcommand lives in its own
module and registers itself in ``COMMANDS``; errors a user can cause are one
line in the user's language with exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import sys
from typing import Callable, Sequence

from signdesk.errors import UserInputError
from signdesk.i18n import EN, N_, ZH, default_locale, translate, translate_plural

#: Exit statuses shared by every command.
EXIT_OK, EXIT_VIOLATIONS, EXIT_USAGE = 0, 1, 2
#: A fault in SignDesk itself (EX_SOFTWARE of sysexits.h): never 1, which means "violations found".
EXIT_INTERNAL = 70
#: The reader of the output closed the pipe (128 + SIGPIPE, as the shell reports it).
EXIT_BROKEN_PIPE = 141


def _help_formatter(locale: str) -> type[argparse.HelpFormatter]:
    """A help formatter that shows our option help (English msgids) in ``locale``."""

    class LocalizedHelp(argparse.HelpFormatter):
        def _get_help_string(self, action: argparse.Action) -> str | None:
            return translate(locale, action.help) if action.help else action.help

        def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[no-untyped-def]
            if prefix is None:
                prefix = translate(locale, N_("usage: "))
            return super().add_usage(usage, actions, groups, prefix)

    return LocalizedHelp


class _Parser(argparse.ArgumentParser):
    """argparse that speaks the user's language in --help and reports usage
    errors as one line with exit status 2."""

    def __init__(self, *args, locale: str = EN, **kwargs) -> None:  # type: ignore[no-untyped-def]
        kwargs.update(add_help=False, formatter_class=_help_formatter(locale))
        super().__init__(*args, **kwargs)
        self._locale = locale
        self._positionals.title = translate(locale, N_("positional arguments"))
        self._optionals.title = translate(locale, N_("options"))
        self.add_argument("-h", "--help", action="help", help=N_("show this help message and exit"))

    def error(self, message: str) -> None:  # type: ignore[override]
        # One line, so scripts and the batch log stay readable; the usage is
        # one --help away.
        raise SystemExit(f"{self.prog}: {usage_problem(message, self._locale)} (--help)")


# argparse's own sentences (English, from the standard library) and ours
# in the same shape, each with the msgid that says it in the user's
# language. Anything else argparse says stays as it is.
_USAGE_PROBLEMS: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(p), m) for p, m in (
    (r"^the following arguments are required: (?P<names>.+)$", N_("missing: {names}")),
    (r"^unrecognized arguments: (?P<names>.+)$", N_("not understood: {names}")),
    (r"^argument (?P<argument>[^:]+): (?P<problem>.+)$", N_("{argument}: {problem}")),
    (r"^invalid choice: (?P<value>.+?) \(choose from (?P<choices>.+)\)$",
     N_("{value} is not one of the choices ({choices})")),
    (r"^expected one argument$", N_("needs a value")),
    (r"^invalid int value: (?P<value>.+)$", N_("{value} is not a whole number")),
    (r"^invalid (?P<kind>\w+) value: (?P<value>.+)$", N_("{value} is not a valid {kind}")),
    (r"^(?P<value>.+) is not a date; use YYYY-MM-DD$", N_("{value} is not a date; use YYYY-MM-DD")),
    (r"^(?P<value>.+) is not a number of copies from 1 to (?P<most>\d+)$",
     N_("{value} is not a number of copies from 1 to {most}")),
))


def usage_problem(message: str, locale: str) -> str:
    """argparse's error ``message`` in ``locale``, where SignDesk knows its shape."""
    for pattern, msgid in _USAGE_PROBLEMS:
        match = pattern.match(message)
        if match:
            params = {k: usage_problem(v, locale) if k == "problem" else v for k, v in match.groupdict().items()}
            return translate(locale, msgid, **params)
    return message


Command = Callable[[argparse.Namespace], int]
#: name -> (run, English help msgid)
COMMANDS: dict[str, tuple[Command, str]] = {}


def command(name: str, help_msgid: str):
    """Register a subcommand: decorate its ``run(args) -> int``. Its options
    come from ``run.add_arguments(parser)`` when the module sets it."""

    def register(run: Command) -> Command:
        COMMANDS[name] = (run, help_msgid)
        return run

    return register


def add_lang_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", choices=("zh", "en"), default=None,
                        help=N_("language of the output (default: from LANG)"))


def iso_day(text: str) -> dt.date:
    """argparse type for ``--today``: a YYYY-MM-DD date, or a one-line usage error."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        # English here; _Parser.error says it in the user's language.
        raise argparse.ArgumentTypeError(f"{text!r} is not a date; use YYYY-MM-DD") from None


def print_written(locale: str, folder: os.PathLike[str] | str, paths: Sequence[object]) -> None:
    """"3 files written to out:" and the files, one an indented line (render, export)."""
    print(translate_plural(locale, "{count} file written to {folder}:", "{count} files written to {folder}:",
                           len(paths), folder=str(folder)))
    for path in paths:
        print(f"  {path}")


def locale_of(args: argparse.Namespace) -> str:
    return {"zh": ZH, "en": EN}.get(getattr(args, "lang", None) or "", default_locale())


#: The name the usage lines give (``signdesk`` when run through the app's launcher).
PROG = "signdesk-cli"


def build_parser(locale: str | None = None, prog: str = PROG) -> argparse.ArgumentParser:
    """The parser of every command, its help in ``locale`` (default: the environment's)."""
    from signdesk.launcher import version_line

    _load_commands()
    locale = locale or default_locale()
    parser = _Parser(prog=prog, locale=locale, description=translate(
        locale, N_("SignDesk: facial-recognition compliance for small businesses.")))
    parser.add_argument("--version", action="version", version=version_line(),
                        help=N_("show the version and exit"))
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for name, (run, help_msgid) in COMMANDS.items():
        p = sub.add_parser(name, help=help_msgid, locale=locale,
                           description=translate(locale, help_msgid))
        add_arguments = getattr(run, "add_arguments", None)
        if add_arguments:
            add_arguments(p)
    return parser


def _load_commands() -> None:
    # Importing a command module registers it (``@command``); --help lists
    # the commands in this order.
    from signdesk.cli import check, new, render, export, calendar, batch, register  # noqa: F401


def main(argv: Sequence[str] | None = None, prog: str = PROG) -> int:
    """Entry point of ``signdesk-cli``; returns the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv:
        print(command_list(default_locale(), prog), file=sys.stderr)
        return EXIT_USAGE
    parser = build_parser(_lang_in(argv), prog)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        if isinstance(exc.code, str):
            print(exc.code, file=sys.stderr)
            return EXIT_USAGE
        return int(exc.code or 0)
    run, _help = COMMANDS[args.command]
    try:
        status = run(args)
        # Flush here, not at interpreter exit, so a closed pipe is caught below.
        sys.stdout.flush()
        return status
    except BrokenPipeError:
        # The reader went away (``signdesk-cli check … | head``): stop quietly,
        # as other command-line tools do.
        _discard_stdout()
        return EXIT_BROKEN_PIPE
    except UserInputError as err:
        print(f"signdesk: {err.message(locale_of(args))}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print(translate(locale_of(args), N_("Interrupted.")), file=sys.stderr)
        return 130
    except OSError as err:
        # The machine said no (a full disk, a folder we may not write) where no
        # command expected it: still the user's to fix, still one line.
        print("signdesk: " + translate(locale_of(args), N_("A file could not be read or written: {name}: {problem}"),
                                       name=str(err.filename or "?"), problem=err.strerror or str(err)),
              file=sys.stderr)
        return EXIT_USAGE
    except Exception:  # noqa: BLE001 - the last line of defence: a bug, told in one line
        print("signdesk: " + internal_error_message(locale_of(args), argv), file=sys.stderr)
        return EXIT_INTERNAL


def internal_error_message(locale: str, argv: Sequence[str]) -> str:
    """Write the current exception's details to a log file; one line saying where."""
    from signdesk.crashlog import write_crash_log

    try:
        path = write_crash_log(argv)
    except OSError as err:
        return translate(locale, N_("Internal error in SignDesk ({kind}); the details could not be written: {problem}"),
                         kind=type(sys.exc_info()[1]).__name__, problem=err.strerror or str(err))
    return translate(locale, N_("Internal error in SignDesk; please report it. The details were written to {path}"),
                     path=str(path))


def command_list(locale: str, prog: str = PROG) -> str:
    """What ``signdesk-cli`` alone says: the commands, one a line, and where the options are."""
    _load_commands()
    width = max(len(name) for name in COMMANDS)
    lines = [translate(locale, N_("Commands:"))]
    lines += [f"  {name.ljust(width)}  {translate(locale, help_msgid)}" for name, (_run, help_msgid) in COMMANDS.items()]
    lines.append(translate(locale, N_("{prog} COMMAND --help shows the options of a command."), prog=prog))
    return "\n".join(lines)


def _lang_in(argv: Sequence[str]) -> str | None:
    """The locale asked for with --lang, looked at before parsing so that --help speaks it."""
    for i, arg in enumerate(argv):
        value = arg.split("=", 1)[1] if arg.startswith("--lang=") else (
            argv[i + 1] if arg == "--lang" and i + 1 < len(argv) else None)
        if value in ("zh", "en"):
            return ZH if value == "zh" else EN
    return None


def _discard_stdout() -> None:
    # Python flushes stdout once more at exit; point it at /dev/null so that
    # flush cannot fail a second time and print "Exception ignored".
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass  # not a real file (tests): nothing is flushed at exit


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
