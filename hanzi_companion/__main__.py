"""Entry point for ``python -m hanzi_companion``."""

import sys

try:
    from hanzi_companion.cli import main
except KeyboardInterrupt:  # Ctrl-C while the modules load: no traceback, the shell's status
    sys.exit(130)

main()
