import sys

from signdesk.cli import main

sys.exit(main())
