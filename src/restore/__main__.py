"""``python -m restore``: the same command as ``restore``."""

import sys

from restore.cli import main

if __name__ == "__main__":
    sys.exit(main())
