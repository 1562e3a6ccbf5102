"""Template filters and globals of the web UI: the same as the static site's (one set)."""

from __future__ import annotations

from flask import Flask

from hanzi_companion.lexicon import Lexicon
from hanzi_companion.render.templating import configure


def init_app(app: Flask, lexicon: Lexicon) -> None:
    # Templates end in .html, so Flask autoescapes them; configure() makes it explicit.
    configure(app.jinja_env, lexicon)
