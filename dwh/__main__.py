"""`python -m dwh ...` runs the command-line interface."""

import sys

from dwh.cli import main

sys.exit(main())
