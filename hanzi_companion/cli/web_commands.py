"""Web commands: ``serve`` runs the web UI (Flask in development, waitress in production)."""

from __future__ import annotations

import logging
from dataclasses import replace

import click

from hanzi_companion.cli.common import handle_errors, open_lexicon
from hanzi_companion.settings import (
    ENV_COURSE_DIR,
    ENV_SECRET_KEY,
    ENV_THREADS,
    ServerLimits,
    Settings,
)

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 5000


@click.command()
@click.option("--host", default=DEFAULT_HOST, show_default=True, help="Address to listen on.")
@click.option("--port", default=DEFAULT_PORT, show_default=True, type=click.IntRange(0, 65535))
@click.option(
    "--production",
    is_flag=True,
    help="Serve with waitress (a production WSGI server) instead of Flask's development server.",
)
@click.option(
    "--threads",
    default=None,
    type=click.IntRange(1, 256),
    help=f"Worker threads (production server only; default {ENV_THREADS} or 8).",
)
@click.option("--debug", is_flag=True, help="Development server with the debugger and reloader.")
@handle_errors
def serve(host: str, port: int, production: bool, threads: int | None, debug: bool) -> None:
    """Run the web UI and JSON API.

    Examples:

      hanzi-companion serve                      (development, http://127.0.0.1:5000)

      hanzi-companion serve --production --port 8000

    The course page shows the folder in HANZI_COMPANION_COURSE (the demo course by default);
    set HANZI_COMPANION_SECRET_KEY in production. The production server's limits (timeouts,
    connections, body and header sizes) come from HANZI_COMPANION_* variables (see README).
    """
    from hanzi_companion.web import create_app

    settings = Settings.from_env()
    limits = ServerLimits.from_env()
    if threads is not None:
        limits = replace(limits, threads=threads)
    # The course folder's own dictionary (course.u8) joins the bundled ones; the index is
    # built with a progress bar when needed.
    lexicon = open_lexicon(settings.for_course(settings.course_dir))
    app = create_app(settings, {"LEXICON": lexicon})
    if not settings.course_dir.is_dir():
        # The course page would only say the course has no decks yet.
        what = "is not a folder" if settings.course_dir.exists() else "does not exist"
        click.echo(
            f"warning: the course folder {settings.course_dir} ({ENV_COURSE_DIR}) {what}; "
            "the course pages will be empty",
            err=True,
        )
    url = f"http://{host}:{port}/"
    if production:
        from hanzi_companion.web import warm_up
        from hanzi_companion.web.server import create_server

        if not settings.secret_key:
            click.echo(
                f"warning: {ENV_SECRET_KEY} is not set; using a random key for this process",
                err=True,
            )
        warm_up(app)
        server = create_server(app, limits, host, port)
        logging.basicConfig()  # waitress's warnings (connection limit reached) on stderr
        click.echo(
            f"hanzi-companion: serving on {url} with waitress ({limits.threads} threads, "
            f"up to {server.adj.connection_limit} connections)"
        )
        server.run()
        return
    if not settings.secret_key:
        click.echo("Development server with a random secret key; use --production to deploy.")
    app.run(host=host, port=port, debug=debug, use_reloader=debug, threaded=True)


COMMANDS: tuple[click.Command, ...] = (serve,)
