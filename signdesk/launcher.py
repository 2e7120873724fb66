"""The ``signdesk`` command: the desktop app, or a CLI subcommand.

``signdesk`` opens the window, ``signdesk PROJECT`` opens that project, and
``signdesk check PROJECT`` (or any other subcommand) runs headless.
"""

from __future__ import annotations

import sys
from typing import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    # No argument or a project file: straight to the window, without importing
    # every CLI command (they pull in reportlab; ~0.3 s of start-up).
    if args and not args[0].endswith(".signdesk"):
        from signdesk import cli

        cli._load_commands()
        if args[0] in cli.COMMANDS or args[0] in ("-h", "--help"):
            return cli.main(args)
    from signdesk.ui.app import run_app

    return run_app(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
