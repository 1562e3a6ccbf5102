"""Decks posted to the web UI or the API: read them, build their glossary, package them.

The deck's name is only a label (messages, the download's file name); it never becomes a
path, so no name can reach the file system.
"""

from __future__ import annotations

import base64
import binascii
import functools
import re
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import ParamSpec, TypeVar
from urllib.parse import parse_qsl

from flask import Request, current_app
from werkzeug.exceptions import ServiceUnavailable

from hanzi_companion.errors import DeckError
from hanzi_companion.glossary import Course, Glossary, build_glossary
from hanzi_companion.lexicon import Lexicon
from hanzi_companion.render.anki import character_profiles, write_package
from hanzi_companion.text.decks import decode_deck_bytes, read_deck_bytes
from hanzi_companion.text.formats.source import PDF_MAGIC, ZIP_MAGIC

DEFAULT_NAME = "deck.md"
FILE_FIELDS = ("deck", "file")
TEXT_FIELDS = ("text", "deck")
DATA_FIELD = "data"  # a binary deck posted again from its glossary page, in base64
BINARY_MAGIC = (PDF_MAGIC, ZIP_MAGIC)
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")

BUILDS_KEY = "hanzi_companion.deck_builds"  # app.extensions key of the app's DeckBuilds
RETRY_AFTER = 10  # seconds a client is asked to wait while every build slot is taken
BUSY_MESSAGE = "The server is busy building other decks' glossaries; try again in a few seconds."
P = ParamSpec("P")
R = TypeVar("R")


class DeckBuilds:
    """At most ``limit`` posted decks read, built and rendered at once.

    A 2 MB deck keeps a worker thread, and the interpreter, busy for seconds: ten uploads at
    once took every thread of the server and lookups waited behind them. A deck posted while
    every slot is taken is refused at once (503 with ``Retry-After``), so the other threads
    stay free for the light requests (lookups, pages) that most visitors make.
    """

    def __init__(self, limit: int) -> None:
        self._slots = threading.BoundedSemaphore(limit)

    @contextmanager
    def slot(self) -> Iterator[None]:
        if not self._slots.acquire(blocking=False):
            raise ServiceUnavailable(BUSY_MESSAGE, retry_after=RETRY_AFTER)
        try:
            yield
        finally:
            self._slots.release()


def builds_a_deck(view: Callable[P, R]) -> Callable[P, R]:
    """A view that builds a posted deck: it runs in one of the app's build slots."""

    @functools.wraps(view)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        builds: DeckBuilds = current_app.extensions[BUILDS_KEY]
        with builds.slot():
            return view(*args, **kwargs)

    return wrapper


@dataclass(frozen=True)
class PostedDeck:
    """The bytes of a deck as posted, and the name it goes by."""

    data: bytes
    name: str

    @property
    def is_binary(self) -> bool:
        """Whether the deck is a binary file (.pptx, .pdf), posted again as base64."""
        return self.data.startswith(BINARY_MAGIC)

    @property
    def encoded(self) -> str:
        """The deck's bytes in base64, to post a binary deck again."""
        return base64.b64encode(self.data).decode("ascii")

    @property
    def text(self) -> str:
        """The deck as text, to post it again (only called once it was read successfully);
        "" for a binary deck."""
        if self.is_binary:
            return ""
        return decode_deck_bytes(self.data, self.name)


def clean_name(name: str, default: str = DEFAULT_NAME) -> str:
    """A file name made of safe characters only (``../x y.md`` -> ``x_y.md``)."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1].strip()
    stem_part, dot, suffix = base.rpartition(".")
    if dot and _UNSAFE.sub("", suffix) and not _UNSAFE.sub("", stem_part).strip("._"):
        # Nothing safe is left of the stem ('第四周.md'): the default stem, the name's suffix.
        base = f"{default.rsplit('.', 1)[0]}.{suffix}"
    base = _UNSAFE.sub("_", base).strip("._")[:100]
    return base or default


def stem(name: str) -> str:
    return clean_name(name).rsplit(".", 1)[0] or "deck"


def posted_deck(request: Request) -> PostedDeck:
    """The deck in a request: an uploaded file, a text field, a JSON object or the raw body.

    Raises :class:`DeckError` when there is none or a text field holds invalid UTF-8.
    """
    if request.mimetype == "application/x-www-form-urlencoded":
        # curl --data-binary sends a raw deck with this type: keep the bytes before the form
        # parser reads them, and use them when no form field holds a deck.
        raw = request.get_data(cache=True)
        if not any(field in request.form for field in (*TEXT_FIELDS, DATA_FIELD)) and raw.strip():
            return PostedDeck(raw, clean_name(request.args.get("name", "")))
        _check_form_encoding(raw)
    given_name = request.args.get("name", "") or request.form.get("name", "")
    if request.mimetype in ("multipart/form-data", "application/x-www-form-urlencoded"):
        for field in FILE_FIELDS:
            upload = request.files.get(field)
            if upload is not None and upload.filename:
                data = upload.read()
                if data:
                    return PostedDeck(data, clean_name(given_name or upload.filename))
        encoded = request.form.get(DATA_FIELD, "")
        if encoded.strip():
            return PostedDeck(_base64_data(encoded), clean_name(given_name))
        for field in TEXT_FIELDS:
            text = request.form.get(field, "")
            if text.strip():
                return PostedDeck(_form_text(text, field), clean_name(given_name))
        if not request.files and not request.form and request.content_length:
            # Werkzeug drops a part it cannot parse (a body cut short, a file name that is
            # not UTF-8): something was sent, so "no deck given" would mislead.
            raise DeckError(
                "the form",
                "the upload could not be read (a malformed form, or a file name that is not "
                "UTF-8); rename the file or paste the deck's text",
            )
        raise DeckError("the form", "no deck given: choose a file or paste the deck's text")
    if request.mimetype == "application/json":
        try:
            payload = request.get_json(silent=True)
        except RecursionError:
            raise DeckError("the request", "the JSON body is nested too deeply") from None
        if payload is None:
            try:
                request.get_data(cache=True).decode("utf-8")
            except UnicodeDecodeError:
                raise DeckError("the request", "the JSON body is not valid UTF-8 text") from None
        if not isinstance(payload, dict) or not isinstance(payload.get("text"), str):
            raise DeckError("the request", 'expected a JSON object {"text": ..., "name": ...}')
        name = payload.get("name")
        return PostedDeck(
            payload["text"].encode("utf-8", "surrogatepass"),
            clean_name(name if isinstance(name, str) else given_name),
        )
    data = request.get_data(cache=False)
    if not data.strip():
        raise DeckError("the request", "no deck given: the request body is empty")
    return PostedDeck(data, clean_name(given_name))


def _check_form_encoding(raw: bytes) -> None:
    # Werkzeug keeps a url-encoded value whose %-escapes are not UTF-8 as the escapes
    # themselves ("%FF%FE"), which would be read as the deck's text: decode them strictly.
    try:
        parse_qsl(raw.decode("latin-1"), keep_blank_values=True, encoding="utf-8", errors="strict")
    except UnicodeDecodeError:
        raise DeckError("the form", "not valid UTF-8 text (undecodable bytes were sent)") from None


def _base64_data(encoded: str) -> bytes:
    try:
        return base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        raise DeckError(f"the {DATA_FIELD!r} field", "not valid base64 data") from None


def _form_text(text: str, field: str) -> bytes:
    # Werkzeug decodes form fields leniently, turning bad bytes into U+FFFD; a deck pasted
    # from a browser never holds one, so it means the bytes were not UTF-8.
    if "\ufffd" in text:
        raise DeckError(
            f"the {field!r} field", "not valid UTF-8 text (undecodable bytes were sent)"
        )
    return text.replace("\r\n", "\n").encode("utf-8", "surrogatepass")


def deck_glossary(lexicon: Lexicon, deck: PostedDeck) -> Glossary:
    """Read the posted deck and build its glossary."""
    return build_glossary(read_deck_bytes(deck.data, deck.name), lexicon)


def apkg_bytes(lexicon: Lexicon, source: Glossary | Course, name: str) -> bytes:
    """The Anki package of a glossary or a course, as bytes (written in a private folder)."""
    glossaries = source.glossaries if isinstance(source, Course) else (source,)
    if not any(glossary.terms or glossary.characters for glossary in glossaries):
        # As the CLI: an empty package would import nothing and say nothing.
        raise DeckError(name, "no Chinese terms found, nothing to put in an Anki package")
    with tempfile.TemporaryDirectory(prefix="hanzi-companion-web-") as folder:
        path = Path(folder) / f"{stem(name)}.apkg"
        write_package(source, path, characters=character_profiles(lexicon, glossaries))
        return path.read_bytes()
