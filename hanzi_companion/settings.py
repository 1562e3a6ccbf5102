"""The only module that knows where data lives and which environment variables matter.

Paths are resolved in this order: an explicit argument, an environment variable, the copy
bundled inside an installed wheel (``hanzi_companion/_bundled``), then the source checkout.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

ENV_DATA_DIR = "HANZI_COMPANION_DATA"
ENV_STATIC_DIR = "HANZI_COMPANION_STATIC"
ENV_CACHE_DIR = "HANZI_COMPANION_CACHE"
ENV_COURSE_DIR = "HANZI_COMPANION_COURSE"
ENV_USER_DICTIONARIES = "HANZI_COMPANION_USER_DICTS"
ENV_SECRET_KEY = "HANZI_COMPANION_SECRET_KEY"

_PACKAGE_DIR = Path(__file__).resolve().parent
_BUNDLED_DIR = _PACKAGE_DIR / "_bundled"
_CHECKOUT_DIR = _PACKAGE_DIR.parent

CEDICT_FILE = "cedict_ts.u8.gz"
COURSE_DICTIONARY_FILE = "course.u8"
JIEBA_DICT_FILE = "jieba_dict.txt.gz"


def _shipped(name: str) -> Path:
    """Return the bundled copy of a top-level folder (wheel), else the checkout's."""
    bundled = _BUNDLED_DIR / name
    if bundled.is_dir():
        return bundled
    return _CHECKOUT_DIR / name


def _default_cache_dir(env: Mapping[str, str]) -> Path:
    base = env.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "hanzi-companion"


@dataclass(frozen=True)
class Settings:
    """Where the project reads its data and writes its caches."""

    data_dir: Path
    static_dir: Path
    cache_dir: Path
    course_dir: Path
    user_dictionaries: tuple[Path, ...] = field(default=())
    secret_key: str | None = None
    # The courses' own dictionaries (a course.u8 beside the decks), loaded after the bundled one.
    course_dictionaries: tuple[Path, ...] = field(default=())

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Settings from the environment, falling back to the shipped data."""
        env = os.environ if env is None else env
        data_dir = Path(env[ENV_DATA_DIR]) if env.get(ENV_DATA_DIR) else _shipped("dictionaries")
        static_dir = Path(env[ENV_STATIC_DIR]) if env.get(ENV_STATIC_DIR) else _shipped("static")
        cache_dir = Path(env[ENV_CACHE_DIR]) if env.get(ENV_CACHE_DIR) else _default_cache_dir(env)
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


def course_dictionary_in(folder: Path) -> Path | None:
    """A course folder's own dictionary, ``course.u8`` beside its decks, when it has one."""
    path = folder / COURSE_DICTIONARY_FILE
    return path if path.is_file() else None


def demo_course_dir() -> Path:
    """The bundled demo course (the week-7 lecture deck)."""
    return _PACKAGE_DIR / "demo_course"


def templates_dir() -> Path:
    """Jinja templates shared by the web UI and the static site export."""
    return _PACKAGE_DIR / "templates"
