"""``python -m fastiam``: the same command-line interface as the ``fastiam`` command."""

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
