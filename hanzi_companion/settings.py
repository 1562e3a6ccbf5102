"""The only module that knows where data lives and which environment variables matter.

Paths are resolved in this order: an explicit argument, an environment variable, the copy
bundled inside an installed wheel (``hanzi_companion/_bundled``), then the source checkout.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlsplit

from hanzi_companion.errors import ConfigError

ENV_DATA_DIR = "HANZI_COMPANION_DATA"
ENV_STATIC_DIR = "HANZI_COMPANION_STATIC"
ENV_CACHE_DIR = "HANZI_COMPANION_CACHE"
ENV_COURSE_DIR = "HANZI_COMPANION_COURSE"
ENV_USER_DICTIONARIES = "HANZI_COMPANION_USER_DICTS"
ENV_SECRET_KEY = "HANZI_COMPANION_SECRET_KEY"
ENV_PUBLIC_URL = "HANZI_COMPANION_PUBLIC_URL"
ENV_THREADS = "HANZI_COMPANION_THREADS"
ENV_CONNECTION_LIMIT = "HANZI_COMPANION_CONNECTION_LIMIT"
ENV_CHANNEL_TIMEOUT = "HANZI_COMPANION_CHANNEL_TIMEOUT"
ENV_REQUEST_TIMEOUT = "HANZI_COMPANION_REQUEST_TIMEOUT"
ENV_CROWDED_TIMEOUT = "HANZI_COMPANION_CROWDED_TIMEOUT"
ENV_CLEANUP_INTERVAL = "HANZI_COMPANION_CLEANUP_INTERVAL"
ENV_MAX_HEADER_BYTES = "HANZI_COMPANION_MAX_HEADER_BYTES"
ENV_INBUF_OVERFLOW = "HANZI_COMPANION_INBUF_OVERFLOW"
ENV_BACKLOG = "HANZI_COMPANION_BACKLOG"
ENV_DECK_BUILDS = "HANZI_COMPANION_DECK_BUILDS"

# The largest deck (request body) the web UI and the API accept, in bytes.
MAX_UPLOAD_BYTES = 2 * 1024 * 1024

_PACKAGE_DIR = Path(__file__).resolve().parent
_BUNDLED_DIR = _PACKAGE_DIR / "_bundled"
_CHECKOUT_DIR = _PACKAGE_DIR.parent

CEDICT_FILE = "cedict_ts.u8.gz"
COURSE_DICTIONARY_FILE = "course.u8"
JIEBA_DICT_FILE = "jieba_dict.txt.gz"
SHEET_FONT_FILE = "fonts/DejaVuSans-Latin.ttf"  # Latin with tone marks, for PDF sheets


def _shipped(name: str) -> Path:
    """Return the bundled copy of a top-level folder (wheel), else the checkout's."""
    bundled = _BUNDLED_DIR / name
    if bundled.is_dir():
        return bundled
    return _CHECKOUT_DIR / name


def _default_cache_dir(env: Mapping[str, str]) -> Path:
    base = env.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "hanzi-companion"


def cache_dir_from_env(env: Mapping[str, str] | None = None) -> Path:
    """The cache folder the environment names, else the user's (``~/.cache/hanzi-companion``)."""
    env = os.environ if env is None else env
    return Path(env[ENV_CACHE_DIR]) if env.get(ENV_CACHE_DIR) else _default_cache_dir(env)


def _env_int(env: Mapping[str, str], name: str, default: int, low: int, high: int) -> int:
    text = env.get(name, "").strip()
    if not text:
        return default
    try:
        value = int(text)
    except ValueError:
        value = low - 1
    if not low <= value <= high:
        raise ConfigError(name, f"must be a whole number from {low} to {high}, not {text[:40]!r}")
    return value


def _public_url(env: Mapping[str, str]) -> str | None:
    text = env.get(ENV_PUBLIC_URL, "").strip()
    if not text:
        return None
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise ConfigError(
            ENV_PUBLIC_URL,
            f"must be an http(s) address such as https://example.org/hanzi, not {text[:80]!r}",
        )
    return text.rstrip("/")


@dataclass(frozen=True)
class ServerLimits:
    """Limits of the production server (waitress), so no client can hold it hostage.

    Idle connections close after ``channel_timeout`` seconds; a request whose headers and body
    have not all arrived ``request_timeout`` seconds after its first byte is dropped (slow
    clients); with nine tenths of ``connection_limit`` open, both wait ``crowded_timeout``
    at most; bodies over ``MAX_UPLOAD_BYTES`` are refused as soon as that is known.
    """

    threads: int = 8
    connection_limit: int = 900
    channel_timeout: int = 30
    request_timeout: int = 30
    crowded_timeout: int = 5
    cleanup_interval: int = 5
    max_header_bytes: int = 32 * 1024
    inbuf_overflow: int = 512 * 1024
    backlog: int = 1024
    max_body_bytes: int = MAX_UPLOAD_BYTES
    # Posted decks built at once; more get 503 with Retry-After (see web/decks.py).
    deck_builds: int = 2

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> ServerLimits:
        """Limits from the environment; raises :class:`ConfigError` on an unusable value."""
        env = os.environ if env is None else env
        d = cls()
        return cls(
            threads=_env_int(env, ENV_THREADS, d.threads, 1, 256),
            connection_limit=_env_int(env, ENV_CONNECTION_LIMIT, d.connection_limit, 10, 100_000),
            channel_timeout=_env_int(env, ENV_CHANNEL_TIMEOUT, d.channel_timeout, 1, 3600),
            request_timeout=_env_int(env, ENV_REQUEST_TIMEOUT, d.request_timeout, 1, 3600),
            crowded_timeout=_env_int(env, ENV_CROWDED_TIMEOUT, d.crowded_timeout, 1, 3600),
            cleanup_interval=_env_int(env, ENV_CLEANUP_INTERVAL, d.cleanup_interval, 1, 600),
            max_header_bytes=_env_int(
                env, ENV_MAX_HEADER_BYTES, d.max_header_bytes, 4096, 1024 * 1024
            ),
            inbuf_overflow=_env_int(
                env, ENV_INBUF_OVERFLOW, d.inbuf_overflow, 64 * 1024, 64 * 1024 * 1024
            ),
            backlog=_env_int(env, ENV_BACKLOG, d.backlog, 1, 65535),
            deck_builds=_env_int(env, ENV_DECK_BUILDS, d.deck_builds, 1, 256),
        )


@dataclass(frozen=True)
class Settings:
    """Where the project reads its data and writes its caches."""

    data_dir: Path
    static_dir: Path
    cache_dir: Path
    course_dir: Path
    user_dictionaries: tuple[Path, ...] = field(default=())
    secret_key: str | None = None
    # The address the site is reached at (behind a proxy); embed snippets use it, else a
    # path relative to the site's root: never the request's Host header.
    public_url: str | None = None
    # The courses' own dictionaries (a course.u8 beside the decks), loaded after the bundled one.
    course_dictionaries: tuple[Path, ...] = field(default=())

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Settings from the environment, falling back to the shipped data."""
        env = os.environ if env is None else env
        data_dir = Path(env[ENV_DATA_DIR]) if env.get(ENV_DATA_DIR) else _shipped("dictionaries")
        static_dir = Path(env[ENV_STATIC_DIR]) if env.get(ENV_STATIC_DIR) else _shipped("static")
        cache_dir = cache_dir_from_env(env)
        course_dir = Path(env[ENV_COURSE_DIR]) if env.get(ENV_COURSE_DIR) else demo_course_dir()
        user = tuple(
            Path(p) for p in env.get(ENV_USER_DICTIONARIES, "").split(os.pathsep) if p.strip()
        )
        return cls(
            data_dir=data_dir,
            static_dir=static_dir,
            cache_dir=cache_dir,
            course_dir=course_dir,
            user_dictionaries=user,
            secret_key=env.get(ENV_SECRET_KEY) or None,
            public_url=_public_url(env),
        )

    def with_changes(self, **changes: object) -> Settings:
        """A copy with some fields replaced."""
        return replace(self, **changes)  # type: ignore[arg-type]

    def data_path(self, name: str) -> Path:
        """Path of a file in the dictionaries folder."""
        return self.data_dir / name

    @property
    def cedict_path(self) -> Path:
        return self.data_path(CEDICT_FILE)

    @property
    def course_dictionary_path(self) -> Path:
        return self.data_path(COURSE_DICTIONARY_FILE)

    def for_course(self, *folders: Path) -> Settings:
        """These settings with the course dictionary (``course.u8``) of each folder that has
        one: a course folder, or the folder of a deck file."""
        found = list(self.course_dictionaries)
        seen = {path.resolve() for path in found}
        for folder in folders:
            path = course_dictionary_in(folder)
            if path is not None and path.resolve() not in seen:
                seen.add(path.resolve())
                found.append(path)
        return replace(self, course_dictionaries=tuple(found))

    @property
    def jieba_dict_path(self) -> Path:
        return self.data_path(JIEBA_DICT_FILE)

    @property
    def sheet_font_path(self) -> Path:
        return self.data_path(SHEET_FONT_FILE)


def course_dictionary_in(folder: Path) -> Path | None:
    """A course folder's own dictionary, ``course.u8`` beside its decks, when it has one: a
    regular file inside the folder (a link to a file elsewhere is skipped, as decks are)."""
    path = folder / COURSE_DICTIONARY_FILE
    return path if path.is_file() and not course_dictionary_leaves(folder) else None


def course_dictionary_leaves(folder: Path) -> bool:
    """True when the folder's ``course.u8`` is a link to a file outside the folder."""
    path = folder / COURSE_DICTIONARY_FILE
    if not path.is_symlink():
        return False
    try:
        return not path.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):  # a symlink loop, an unreadable link
        return True


def demo_course_dir() -> Path:
    """The bundled demo course (the week-7 lecture deck)."""
    return _PACKAGE_DIR / "demo_course"


def templates_dir() -> Path:
    """Jinja templates shared by the web UI and the static site export."""
    return _PACKAGE_DIR / "templates"
