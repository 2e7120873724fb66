"""Entry point of the frozen app (PyInstaller): the same launcher as ``signdesk``."""

import sys

from signdesk.launcher import main

if __name__ == "__main__":
    sys.exit(main())
