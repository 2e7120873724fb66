"""Entry point of the frozen command line (PyInstaller): ``signdesk-cli``."""

import sys

from signdesk.cli import main

if __name__ == "__main__":
    sys.exit(main())
