"""The project's exceptions: one base class, each subclass carrying what is needed to act."""

from __future__ import annotations

from pathlib import Path


class HanziCompanionError(Exception):
    """Base class of every error this project raises on purpose."""


class DataFileError(HanziCompanionError):
    """A data file is missing, unreadable or malformed."""

    def __init__(self, path: Path | str, message: str, lineno: int | None = None) -> None:
        self.path = Path(path)
        self.lineno = lineno
        self.reason = message
        where = f"{self.path}" if lineno is None else f"{self.path}, line {lineno}"
        super().__init__(f"{where}: {message}")


class InvalidQueryError(HanziCompanionError):
    """A query cannot be answered as given (empty, too long, not text)."""


class DeckError(HanziCompanionError):
    """A slide deck cannot be read (binary, invalid UTF-8, too large)."""

    def __init__(self, source: str, message: str) -> None:
        self.source = source
        self.reason = message
        super().__init__(f"{source}: {message}")


class NotFoundError(HanziCompanionError):
    """Nothing is known of the thing asked for."""

    def __init__(self, what: str, message: str | None = None) -> None:
        self.what = what
        super().__init__(message or f"nothing is known of {what!r}")


class OutputError(HanziCompanionError):
    """An output file cannot be written."""

    def __init__(self, path: Path | str, message: str) -> None:
        self.path = Path(path)
        super().__init__(f"{self.path}: {message}")


class ConfigError(HanziCompanionError):
    """An environment variable holds a value the project cannot use."""

    def __init__(self, variable: str, message: str) -> None:
        self.variable = variable
        super().__init__(f"{variable} {message}")
