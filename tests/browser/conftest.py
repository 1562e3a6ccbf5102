"""Real headless Chromium for the browser tests: Playwright driving the system's chromium.

Playwright never downloads a browser here: it launches the distribution's ``chromium``
(Debian's package; ``.ci/run`` installs it) through ``executable_path``. Without chromium the
tests skip locally with the reason, and fail under ``CI=true``, where they must run.

Pages are served over loopback by real servers: a small static server for the slide fixtures
(``site``) and the real Flask app behind waitress, the production WSGI server (``live_app``).
Screenshots go to ``artifacts/screenshots/`` (git-ignored), one per step the tests choose and
one for every failing test.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import re
import shutil
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, stop_server

DATA = Path(__file__).parent / "data"
POPUP_SCRIPT = ROOT / "static" / "js" / "popup.js"
SPEAK_SCRIPT = ROOT / "static" / "js" / "speak.js"
SCREENSHOTS = ROOT / "artifacts" / "screenshots"

CHROMIUM_NAMES = ("chromium", "chromium-browser")
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",  # containers and CI runners have no user namespaces for the sandbox
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
DEFAULT_TIMEOUT_MS = 15_000
# Fixture pages opened with "?csp" get the strictest policy a teacher's host might send: no
# inline script or style at all.
STRICT_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self' http://127.0.0.1:*; object-src 'none'; base-uri 'none'"
)


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


def unavailable(reason: str) -> None:
    """Skip locally; in CI a browser test that cannot run is a failure, not a skip."""
    if in_ci():
        pytest.fail(f"{reason}; CI=true, so the browser tests must run", pytrace=False)
    pytest.skip(reason)


def find_chromium() -> str | None:
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Everything under tests/browser is a browser test (``-m "not browser"`` leaves it out)."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    """Keep each phase's report on the item, so fixtures can screenshot failures."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


# ---- the browser ----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def chromium_path() -> str:
    if importlib.util.find_spec("playwright") is None:
        unavailable("the Playwright Python package is not installed (pip install -e '.[test]')")
    path = find_chromium()
    if path is None:
        unavailable("no chromium on PATH (Debian: apt-get install chromium fonts-wqy-microhei)")
    assert path is not None
    return path


@pytest.fixture(scope="session")
def playwright(chromium_path: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    manager = sync_playwright().start()
    yield manager
    manager.stop()


def launch(playwright: Any, chromium_path: str, profile: Path, **options: Any) -> Any:
    """A persistent context on a fresh user-data dir, so no profile of the machine is used."""
    profile.mkdir(parents=True, exist_ok=True)
    try:
        return playwright.chromium.launch_persistent_context(
            str(profile),
            executable_path=chromium_path,
            headless=True,
            args=list(CHROMIUM_ARGS),
            accept_downloads=True,
            **options,
        )
    except Exception as error:  # Playwright raises its own Error with the browser's stderr
        unavailable(f"chromium at {chromium_path} did not start: {error}")
        raise


@pytest.fixture(scope="session")
def browser_context(
    playwright: Any, chromium_path: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Any]:
    """One laptop-sized browser for the session; each test gets its own page."""
    context = launch(
        playwright,
        chromium_path,
        tmp_path_factory.mktemp("chromium-profile"),
        viewport={"width": 1280, "height": 900},
        locale="en-GB",
    )
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    yield context
    context.close()


@dataclass
class PageWatch:
    """Script errors a page raised; a browser test fails on any."""

    errors: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)


def _watch(page: Any) -> PageWatch:
    watch = PageWatch()
    page.on("pageerror", lambda error: watch.errors.append(str(error)))
    page.on("console", lambda message: watch.console.append(f"{message.type}: {message.text}"))
    return watch


def _screenshot_name(node_name: str, step: str) -> Path:
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "-", f"{node_name}-{step}").strip("-")
    return SCREENSHOTS / f"{safe}.png"


def _finish_page(request: pytest.FixtureRequest, page: Any, watch: PageWatch) -> None:
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        # The page may be what broke; the test's own error says more than a missing picture.
        with contextlib.suppress(Exception):
            page.screenshot(path=str(_screenshot_name(request.node.name, "failed")), full_page=True)
    page.close()
    if report is not None and report.passed and watch.errors:
        pytest.fail(f"the page raised script errors: {watch.errors}", pytrace=False)


@pytest.fixture
def page(
    request: pytest.FixtureRequest, browser_context: Any, screenshot_dir: Path
) -> Iterator[Any]:
    """A fresh page; fails the test if the page raised a script error."""
    page = browser_context.new_page()
    watch = _watch(page)
    request.node.page_watch = watch
    yield page
    _finish_page(request, page, watch)
    browser_context.clear_cookies()


@pytest.fixture
def touch_page(
    request: pytest.FixtureRequest,
    playwright: Any,
    chromium_path: str,
    tmp_path: Path,
    screenshot_dir: Path,
) -> Iterator[Any]:
    """A phone: touch screen, small viewport (its own browser, as touch is per context)."""
    context = launch(
        playwright,
        chromium_path,
        tmp_path / "chromium-profile",
        viewport={"width": 390, "height": 780},
        has_touch=True,
        is_mobile=True,
        locale="en-GB",
    )
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    page = context.new_page()
    watch = _watch(page)
    request.node.page_watch = watch
    yield page
    _finish_page(request, page, watch)
    context.close()


@pytest.fixture
def page_log(request: pytest.FixtureRequest) -> PageWatch:
    """Console messages and script errors of the test's page (``page`` or ``touch_page``)."""
    watch: PageWatch = request.node.page_watch
    return watch


@pytest.fixture(scope="session")
def screenshot_dir() -> Path:
    """artifacts/screenshots/, emptied once per run so it shows this run only."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for old in SCREENSHOTS.glob("*.png"):
        old.unlink()
    return SCREENSHOTS


@pytest.fixture
def screenshot(request: pytest.FixtureRequest, screenshot_dir: Path) -> Callable[[Any, str], Path]:
    """``screenshot(page, "step")`` keeps a full-page PNG under artifacts/screenshots/."""

    def take(page: Any, step: str) -> Path:
        path = _screenshot_name(request.node.name, step)
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


# ---- servers on loopback --------------------------------------------------------------------


class _Handler(SimpleHTTPRequestHandler):
    """Static files; ``?csp`` adds a strict Content-Security-Policy; no access log."""

    extensions_map = {  # noqa: RUF012 (the base class declares it as a plain dict)
        **SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript; charset=utf-8",
        ".json": "application/json; charset=utf-8",
        ".html": "text/html; charset=utf-8",
        ".css": "text/css; charset=utf-8",
    }

    def end_headers(self) -> None:
        if "?csp" in self.path or "&csp" in self.path:
            self.send_header("Content-Security-Policy", STRICT_CSP)
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


@dataclass
class StaticSite:
    """A folder served over loopback; tests add files to it."""

    root: Path
    base_url: str

    def url(self, name: str) -> str:
        return f"{self.base_url}/{name}"

    def write(self, name: str, content: str) -> str:
        path = self.root / name
        path.write_text(content, encoding="utf-8")
        return self.url(name)


def write_glossary_json(deck: Path, target: Path, lexicon: Any) -> None:
    """The deck's glossary as the CLI writes it: real reader, builder and JSON renderer."""
    from hanzi_companion.glossary import build_glossary
    from hanzi_companion.render.json import render_json
    from hanzi_companion.text.decks import read_deck

    target.write_text(render_json(build_glossary(read_deck(deck), lexicon)), encoding="utf-8")


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory, lexicon: Any) -> Iterator[StaticSite]:
    """The fixture pages, each remark deck's glossary JSON next to it (``slides.glossary.json``),
    the popup script under the name a teacher would copy it as (``hanzi-popup.js``) and
    ``speak.js`` beside it."""
    root = tmp_path_factory.mktemp("site")
    for path in DATA.iterdir():
        if path.is_file():
            shutil.copy(path, root / path.name)
            if path.suffix == ".html" and 'id="source"' in path.read_text(encoding="utf-8"):
                write_glossary_json(path, root / f"{path.stem}.glossary.json", lexicon)
    shutil.copy(POPUP_SCRIPT, root / "hanzi-popup.js")
    shutil.copy(SPEAK_SCRIPT, root / "speak.js")  # popup.js loads it from its own folder
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Handler, directory=str(root)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="static-site", daemon=True)
    thread.start()
    try:
        yield StaticSite(root, f"http://127.0.0.1:{server.server_address[1]}")
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def live_app(settings: Any, lexicon: Any) -> Iterator[str]:
    """The real app (``create_app``) behind waitress, the production WSGI server, on loopback.

    Yields the base URL. Waitress rather than a development server: uploads over the limit,
    downloads and concurrency are what production does.
    """
    import socket

    from hanzi_companion.settings import ServerLimits
    from hanzi_companion.web import create_app
    from hanzi_companion.web.server import create_server

    with socket.socket() as probe:  # the port first: the app's public address names it
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    app = create_app(settings.with_changes(public_url=base), {"LEXICON": lexicon})
    server = create_server(app, ServerLimits(threads=4), "127.0.0.1", port)
    thread = threading.Thread(target=server.run, name="live-app", daemon=True)
    thread.start()
    try:
        yield base
    finally:
        stop_server(server, thread)
