"""Commands of this group (filled in as the feature lands)."""

from __future__ import annotations

import click

COMMANDS: tuple[click.Command, ...] = ()
