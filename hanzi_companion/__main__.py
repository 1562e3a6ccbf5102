"""Entry point for ``python -m hanzi_companion``."""

from hanzi_companion.cli import main

main()
