"""Anki packages (``.apkg``) of glossaries, built so that weekly re-imports update, never double.

The only module that imports genanki. A package holds one subdeck per lecture
(``Chinese Cities::Week 07 · 创``) with two note types, "Term" and "Character".

Identity (what lets a student re-import every week without losing review history):

- Note type ids are the fixed constants below. Anki matches an imported note type by id and
  compares its *schema* (field names and card-template names, in order): when the schema is
  equal, the newer note type replaces the old one (templates and CSS); when it differs, Anki
  adds a second note type and refuses to update the notes of the old one ("conflicting").
- **Rule for changing a note type later**: templates and CSS may change freely (the build time
  makes the new version newer, so "update note types: if newer" applies it). Fields and card
  templates may only be *added at the end*, never renamed, removed or reordered; the package
  that brings such a change must be imported once with "Merge note types" ticked and "Update
  notes: Always" (merging re-stamps the student's notes with the import time, which is later
  than the build time, so "if newer" would skip the new content); say so in the release notes.
  Never change or reuse a model id: under a new id, every note already imported is reported
  as conflicting and left as it was. ``test_anki.py`` checks this rule in real Anki.
- Deck ids are hashes of the full deck name; Anki matches decks by name anyway.
- Note GUIDs hash a namespace, the note type, the simplified characters and the numbered
  reading (lower case, no spaces): an edited gloss, context or tag keeps the note, a corrected
  reading makes a new one. The same term in several lectures is one note (in the deck of the
  lecture that introduced it) tagged with every week.
- Anki updates a note only when the package's note is *newer* than the one it holds, so every
  export stamps the build time (tests pass explicit, increasing timestamps).

Every card speaks its word: ``{{tts zh_CN:Hanzi}}`` (Anki's built-in text-to-speech on the
plain characters) where the characters show, or the student's own recording once they put a
``[sound:...]`` file in the Audio field.

Every field is HTML-escaped; the only markup is built here from escaped parts (tone-coloured
pinyin, the highlighted term in its context, links) or is the stroke-order SVG of the
character profile.
"""

from __future__ import annotations

import hashlib
import html
import itertools
import re
import sqlite3
import tempfile
import time
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import genanki

from hanzi_companion.errors import NotFoundError, OutputError
from hanzi_companion.files import atomic_output
from hanzi_companion.glossary import CharacterOfTheWeek, Course, Glossary, GlossaryTerm
from hanzi_companion.lexicon import pinyin as _pinyin
from hanzi_companion.lexicon.hsk import level_label
from hanzi_companion.lexicon.links import links_for
from hanzi_companion.lexicon.models import CEDICT_SOURCE, Link, SenseKind
from hanzi_companion.lexicon.sentences import SENTENCES_CREDIT, Sentence
from hanzi_companion.render.glossary_common import (
    credit_line,
    deck_url,
    fragment,
    term_links,
)

if TYPE_CHECKING:
    from collections.abc import Iterable

    from hanzi_companion.lexicon import Lexicon
    from hanzi_companion.lexicon.characters import CharacterProfile

# Fixed forever (see the module docstring before touching them).
TERM_MODEL_ID = 1_738_204_117
CHARACTER_MODEL_ID = 1_738_204_118
TERM_MODEL_NAME = "Term"
CHARACTER_MODEL_NAME = "Character"
GUID_NAMESPACE = "hanzi-companion"
DEFAULT_COURSE = "Hanzi Companion"

TERM_FIELDS = (
    "Hanzi",
    "Traditional",
    "Pinyin",
    "Pinyin plain",
    "Meaning",
    "Parts",
    "Context",
    "Source",
    "Links",
    "Notes",
    "Audio",  # appended (note-type rule): the student's own [sound:...] file, left empty
)
CHARACTER_FIELDS = (
    "Hanzi",
    "Pinyin",
    "Meaning",
    "Formation and components",
    "Radical",
    "Strokes",
    "Stroke order",
    "Words in the course",
    "Links",
    "Audio",  # appended (note-type rule): the student's own [sound:...] file, left empty
    "Examples",  # appended: graded example sentences (hsk-sentences-audio), credited
)
TAG_CHARACTER_OF_THE_WEEK = "character-of-the-week"
TAG_NOT_IN_CEDICT = "not-in-cedict"
MAX_WORDS_PER_CHARACTER = 24

_CJK_FONTS = (
    '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", '
    '"Hiragino Sans GB", "Microsoft YaHei", "WenQuanYi Micro Hei", "Heiti SC", SimSun, sans-serif'
)
_CJK_FONTS_TRADITIONAL = (
    '"Noto Sans CJK TC", "Noto Sans TC", "Source Han Sans TC", "PingFang TC", '
    '"Microsoft JhengHei", "Heiti TC", PMingLiU, sans-serif'
)

# Self-contained: no url(), no @import, no web fonts (AnkiDroid and AnkiMobile work offline).
# Desktop Anki marks night mode with .nightMode, AnkiDroid with .night_mode; both on <body>,
# which also carries .card.
CSS = f"""\
.card {{
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  font-size: 20px; line-height: 1.5; text-align: center;
  color: #1d1d1f; background-color: #ffffff;
}}
:lang(zh-Hans) {{ font-family: {_CJK_FONTS}; }}
:lang(zh-Hant) {{ font-family: {_CJK_FONTS_TRADITIONAL}; }}
.hanzi {{ font-size: 72px; line-height: 1.2; }}
.traditional {{ font-size: 36px; color: #595959; }}
.pinyin {{ font-size: 30px; }}
.meaning {{ font-size: 24px; }}
.prompt, .label, .source, .notes {{ color: #595959; }}
.prompt, .label {{ font-size: 14px; text-transform: uppercase; letter-spacing: 0.05em; }}
.parts, .context, .words, .formation {{ margin-top: 0.6em; }}
.context {{ font-size: 18px; }}
.source, .links, .notes {{ font-size: 14px; margin-top: 0.6em; }}
.words {{ text-align: left; display: inline-block; }}
.examples {{ text-align: left; display: inline-block; font-size: 18px; }}
.example {{ margin-bottom: 0.5em; }}
.example-pinyin {{ color: #595959; }}
mark {{ background-color: #fff1a8; color: inherit; padding: 0 0.1em; }}
a {{ color: #0b57d0; }}
.stroke-order svg {{ max-width: 100%; height: auto; }}
/* The drawing has its own dark-on-light colours: keep it on a light panel in night mode. */
.stroke-order {{ display: inline-block; background-color: #ffffff; border-radius: 0.5em;
  padding: 0.3em; margin-top: 0.6em; max-width: 100%; }}
.tone1 {{ color: #c62828; }}
.tone2 {{ color: #a84d00; }}
.tone3 {{ color: #2e7d32; }}
.tone4 {{ color: #1565c0; }}
.tone5 {{ color: #5f6368; }}
.card.nightMode, .card.night_mode, .nightMode .card, .night_mode .card {{
  color: #e8e8ea; background-color: #1b1b1f;
}}
.nightMode .traditional, .night_mode .traditional,
.nightMode .prompt, .night_mode .prompt, .nightMode .label, .night_mode .label,
.nightMode .source, .night_mode .source, .nightMode .notes, .night_mode .notes {{
  color: #b0b0b8;
}}
.nightMode mark, .night_mode mark {{ background-color: #5c4d00; }}
.nightMode a, .night_mode a {{ color: #8ab4f8; }}
.nightMode .tone1, .night_mode .tone1 {{ color: #ff8a80; }}
.nightMode .tone2, .night_mode .tone2 {{ color: #ffb74d; }}
.nightMode .tone3, .night_mode .tone3 {{ color: #81c784; }}
.nightMode .tone4, .night_mode .tone4 {{ color: #82b1ff; }}
.nightMode .tone5, .night_mode .tone5 {{ color: #b0b4ba; }}
"""

# The word spoken: the student's own recording when the Audio field holds one, otherwise
# Anki's text-to-speech on the plain characters of Hanzi (AnkiDroid, AnkiMobile and desktop
# use the system's Chinese voice). Placed where the characters are shown.
SPEECH_LANG = "zh_CN"
_SAY = (
    '{{#Audio}}<div class="audio">{{Audio}}</div>{{/Audio}}'
    f"{{{{^Audio}}}}{{{{tts {SPEECH_LANG}:Hanzi}}}}{{{{/Audio}}}}"
)

_TERM_FRONT = """\
<div class="hanzi" lang="zh-Hans">{{Hanzi}}</div>
{{#Traditional}}<div class="traditional" lang="zh-Hant">{{Traditional}}</div>{{/Traditional}}"""

_TERM_DETAILS = """\
{{#Parts}}<div class="parts"><span class="label">Parts</span><br>{{Parts}}</div>{{/Parts}}
{{#Context}}<div class="context">{{Context}}</div>{{/Context}}
{{#Notes}}<div class="notes">{{Notes}}</div>{{/Notes}}
{{#Source}}<div class="source">{{Source}}</div>{{/Source}}
{{#Links}}<div class="links">{{Links}}</div>{{/Links}}"""

TERM_TEMPLATES = (
    {
        "name": "Recognition",
        "qfmt": _TERM_FRONT + "\n" + _SAY,
        "afmt": "{{FrontSide}}\n<hr id=answer>\n"
        '<div class="pinyin">{{Pinyin}}</div>\n<div class="meaning">{{Meaning}}</div>\n'
        + _TERM_DETAILS,
    },
    {
        "name": "Recall",
        "qfmt": '<div class="prompt">Write the characters</div>\n'
        '<div class="meaning">{{Meaning}}</div>',
        "afmt": "{{FrontSide}}\n<hr id=answer>\n"
        + _TERM_FRONT
        + "\n"
        + _SAY
        + '\n<div class="pinyin">{{Pinyin}}</div>\n'
        + _TERM_DETAILS,
    },
)

_CHARACTER_DETAILS = """\
{{#Formation and components}}<div class="formation"><span class="label">Formation</span><br>\
{{Formation and components}}</div>{{/Formation and components}}
{{#Radical}}<div><span class="label">Radical</span> {{Radical}}</div>{{/Radical}}
{{#Strokes}}<div><span class="label">Strokes</span> {{Strokes}}</div>{{/Strokes}}
{{#Words in the course}}<div class="label">Words in the course</div>
<div class="words">{{Words in the course}}</div>{{/Words in the course}}
{{#Links}}<div class="links">{{Links}}</div>{{/Links}}
{{#Examples}}<div class="label">Example sentences</div>
<div class="examples">{{Examples}}</div>{{/Examples}}"""

CHARACTER_TEMPLATES = (
    {
        "name": "Recognition",
        "qfmt": '<div class="hanzi" lang="zh-Hans">{{Hanzi}}</div>\n' + _SAY,
        "afmt": "{{FrontSide}}\n<hr id=answer>\n"
        '<div class="pinyin">{{Pinyin}}</div>\n<div class="meaning">{{Meaning}}</div>\n'
        + _CHARACTER_DETAILS,
    },
    {
        "name": "Writing",
        "qfmt": '<div class="prompt">Write the character</div>\n'
        '<div class="meaning">{{Meaning}}</div>\n<div class="pinyin">{{Pinyin}}</div>',
        "afmt": "{{FrontSide}}\n<hr id=answer>\n"
        '<div class="hanzi" lang="zh-Hans">{{Hanzi}}</div>\n' + _SAY + "\n"
        '{{#Stroke order}}<div class="stroke-order">{{Stroke order}}</div>{{/Stroke order}}\n'
        '{{#Strokes}}<div><span class="label">Strokes</span> {{Strokes}}</div>{{/Strokes}}',
    },
)


@dataclass(frozen=True)
class CharacterDetails:
    """What a character profile adds to a Character note; every part is optional.

    Text is plain (it is escaped here); ``stroke_order_svg`` is the inline SVG the character
    profile draws, inserted as markup.
    """

    formation: str = ""  # "phono-semantic compound; simplified form of 創"
    components: tuple[tuple[str, str], ...] = ()  # (component, what it does): ("仓", "sound")
    radical: str = ""  # "刀 (刂) knife"
    strokes: int | None = None
    stroke_order_svg: str = ""
    meaning: str = ""  # used when the slide gives no gloss
    pinyin_numbered: str = ""  # used when the slide gives no reading
    traditional: str = ""  # the traditional form, for dictionaries indexed by it


@dataclass(frozen=True)
class AnkiNote:
    """One note as it will be written: identity, escaped fields, tags, deck, new-card order."""

    kind: str  # "term" or "character"
    guid: str
    fields: tuple[str, ...]
    tags: tuple[str, ...]
    deck: str  # full deck name, "Course::Week 07 · 创"
    position: int  # new cards are shown in this order (lecture order across the package)

    def field(self, name: str) -> str:
        names = TERM_FIELDS if self.kind == "term" else CHARACTER_FIELDS
        return self.fields[names.index(name)]


@dataclass(frozen=True)
class AnkiPlan:
    """Everything a package holds, before genanki writes it."""

    course: str
    decks: tuple[str, ...]  # full names, the course deck first, then lectures in order
    notes: tuple[AnkiNote, ...]  # in lecture order
    descriptions: tuple[tuple[str, str], ...] = ()  # (deck name, HTML description)

    @property
    def terms(self) -> tuple[AnkiNote, ...]:
        return tuple(n for n in self.notes if n.kind == "term")

    @property
    def characters(self) -> tuple[AnkiNote, ...]:
        return tuple(n for n in self.notes if n.kind == "character")


@dataclass(frozen=True)
class PackageSummary:
    """What was written where."""

    path: Path
    course: str
    decks: tuple[str, ...]
    terms: int
    characters: int
    cards: int
    timestamp: float


def character_profiles(
    lexicon: Lexicon, glossaries: Iterable[Glossary]
) -> dict[str, CharacterDetails]:
    """Profile details of the characters of the week, for the Character notes; a character
    the lexicon has no profile for is left out (its note still has the slide's reading and
    gloss)."""
    details: dict[str, CharacterDetails] = {}
    for glossary in glossaries:
        for char in glossary.characters:
            if char.character in details:
                continue
            try:
                details[char.character] = character_details(lexicon.character(char.character))
            except NotFoundError:
                continue
    return details


def character_details(profile: CharacterProfile) -> CharacterDetails:
    """The parts of a character profile a Character note shows (stroke order drawn here)."""
    from hanzi_companion.lexicon.strokes import frames_svg

    formation = profile.formation
    components: tuple[tuple[str, str], ...] = ()
    label = ""
    if formation is not None:
        label = formation.label
        components = tuple(
            (c.character, c.role.value if c.role.value != "unknown" else "")
            for c in formation.components
        )
    elif profile.structure is not None and not profile.structure.is_primitive:
        # Only a shape analysis is known: say so rather than pass it off as an etymology.
        label = f"shape: {profile.structure.layout}"
        components = tuple((shape, "") for shape in profile.structure.primitives())
    radical = ""
    if profile.radical is not None:
        radical = f"{profile.radical.label} {profile.radical.meaning}".strip()
    # The best reading's meanings only: the others belong to other readings (创 chuāng, wound).
    best = profile.readings[0].definitions if profile.readings else ()
    meanings = [s.text for s in best if s.kind == SenseKind.MEANING]
    svg = ""
    if profile.strokes is not None and profile.strokes.count:
        svg = frames_svg(profile.strokes, profile.character)
    return CharacterDetails(
        formation=label,
        components=components,
        radical=radical,
        strokes=profile.stroke_count,
        stroke_order_svg=svg,
        meaning="; ".join(meanings[:3]),
        pinyin_numbered=profile.readings[0].pinyin_numbered if profile.readings else "",
        traditional=profile.traditional[0] if profile.traditional else "",
    )


# -- identities -------------------------------------------------------------------------------


def note_guid(kind: str, characters: str, pinyin_numbered: str) -> str:
    """The GUID of a note: namespace, note type, characters, numbered reading; nothing else."""
    reading = _pinyin.numbered_key(pinyin_numbered)
    return str(genanki.guid_for(GUID_NAMESPACE, kind, characters, reading))


def deck_id(name: str) -> int:
    """A stable deck id derived from the full deck name (in genanki's recommended range)."""
    digest = hashlib.sha256(f"{GUID_NAMESPACE} deck\x1f{name}".encode()).digest()
    return (1 << 30) + int.from_bytes(digest[:8], "big") % (1 << 30)


# -- planning ---------------------------------------------------------------------------------

Source = Glossary | Course | Sequence[Glossary]


@dataclass
class _Accumulator:
    """A note being merged across lectures (mutable while planning only)."""

    kind: str
    guid: str
    deck: str
    position: int
    glossaries: list[Glossary] = field(default_factory=list)
    terms: list[GlossaryTerm] = field(default_factory=list)
    pairs: list[tuple[Glossary, GlossaryTerm]] = field(default_factory=list)
    characters: list[CharacterOfTheWeek] = field(default_factory=list)


def plan_package(
    source: Source,
    *,
    course: str | None = None,
    characters: Mapping[str, CharacterDetails] | None = None,
    deck_url_template: str = "",
) -> AnkiPlan:
    """Lay out the notes of a package: merged across lectures, in lecture order.

    ``course`` overrides the course name of the deck metadata; ``characters`` adds profile
    details to the Character notes; ``deck_url_template`` says where the slides are published
    (``{name}`` and ``{stem}`` stand for the deck's file name with and without suffix), so the
    Source field links each slide number (``…/week07.html#12``).
    """
    glossaries = _glossaries(source)
    course_name = _deck_component(course or _course_name(source, glossaries)) or DEFAULT_COURSE
    if deck_url_template and not re.match(r"https?://", deck_url_template):
        # Cards are read in Anki, far from any local file: only web links make sense.
        raise ValueError("the deck URL must start with http:// or https://")
    details = characters or {}

    decks: list[str] = [course_name]
    descriptions = [(course_name, _description_course(course_name, glossaries))]
    merged: dict[str, _Accumulator] = {}
    counter = itertools.count(1)

    def add(kind: str, guid: str, deck: str, glossary: Glossary) -> _Accumulator:
        note = merged.get(guid)
        if note is None:
            note = merged[guid] = _Accumulator(kind, guid, deck, next(counter))
        if not note.glossaries or note.glossaries[-1] is not glossary:
            note.glossaries.append(glossary)
        return note

    for glossary in glossaries:
        deck = f"{course_name}::{_lecture_deck_name(glossary)}"
        if deck not in decks:
            decks.append(deck)
            descriptions.append((deck, _description_lecture(glossary)))
        # The week's characters come first: they are the lecture's theme.
        for char in glossary.characters:
            reading = char.pinyin_numbered or _detail(details, char.character).pinyin_numbered
            guid = note_guid("character", char.character, reading)
            add("character", guid, deck, glossary).characters.append(char)
        for term in glossary.terms:
            guid = note_guid("term", term.simplified or term.term, term.pinyin_numbered)
            note = add("term", guid, deck, glossary)
            note.terms.append(term)
            note.pairs.append((glossary, term))

    all_terms = [(g, t) for g in glossaries for t in g.terms]
    known: dict[str, GlossaryTerm] = {}
    for _, term in all_terms:
        known.setdefault(term.simplified or term.term, term)
    notes = []
    for acc in sorted(merged.values(), key=lambda a: a.position):
        if acc.kind == "term":
            notes.append(_term_note(acc, course_name, known, deck_url_template))
        else:
            detail = _detail(details, acc.characters[0].character)
            notes.append(_character_note(acc, course_name, detail, all_terms))
    return AnkiPlan(course_name, tuple(decks), tuple(notes), tuple(descriptions))


def _glossaries(source: Source) -> tuple[Glossary, ...]:
    if isinstance(source, Glossary):
        return (source,)
    if isinstance(source, Course):
        return source.glossaries
    return tuple(source)


def _course_name(source: Source, glossaries: Sequence[Glossary]) -> str:
    if isinstance(source, Course) and source.name:
        return source.name
    return next((g.deck.course for g in glossaries if g.deck.course.strip()), "")


def _detail(details: Mapping[str, CharacterDetails], char: str) -> CharacterDetails:
    return details.get(char) or CharacterDetails()


def _lecture_deck_name(glossary: Glossary) -> str:
    info = glossary.deck
    chars = "".join(c.character for c in glossary.characters)
    if info.week is not None:
        name = f"Week {info.week:02d}" + (f" · {chars}" if chars else "")
    else:
        name = info.title or Path(info.name).stem or info.name
        name = name + (f" · {chars}" if chars and chars not in name else "")
    return _deck_component(name) or "Lecture"


class _TextOnly(HTMLParser):
    """The text of an HTML fragment: tags dropped, entities decoded, scripts and styles out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._hidden += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._hidden:
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def plain_text(text: str) -> str:
    """A name from a deck's front matter as plain text: Anki shows deck names and tags as
    they are, and some of its screens as HTML, so no markup may reach them."""
    if "<" not in text and "&" not in text:
        return text
    parser = _TextOnly()
    parser.feed(text)
    parser.close()
    return re.sub(r"[<>]", " ", "".join(parser.parts))


def _deck_component(name: str) -> str:
    """One level of a deck name: plain text, no ``::`` (Anki's separator), no controls."""
    name = re.sub(r"[\x00-\x1f\x7f-\x9f]", " ", plain_text(name)).replace("::", ":")
    return re.sub(r"\s+", " ", name).strip()


def _tag(text: str) -> str:
    """An Anki tag: plain text without spaces (Anki splits on them), quotes, markup
    characters or controls."""
    tag = re.sub(r"[\s\"'<>&\x00-\x1f\x7f-\x9f]+", "_", plain_text(text).strip())
    return tag.strip("_") or "untitled"


def _week_tag(glossary: Glossary) -> str:
    if glossary.deck.week is not None:
        return f"week{glossary.deck.week:02d}"
    return _tag(Path(glossary.deck.name).stem or glossary.deck.name)


def _in_cedict(term: GlossaryTerm) -> bool:
    return (
        term.reading_source == CEDICT_SOURCE
        or CEDICT_SOURCE in term.sources
        or any(sense.source == CEDICT_SOURCE for sense in term.senses)
    )


def _tags(acc: _Accumulator, course: str, extra: Sequence[str]) -> tuple[str, ...]:
    tags = [_tag(course)]
    tags.extend(_week_tag(g) for g in acc.glossaries)
    tags.extend(extra)
    return tuple(dict.fromkeys(tags))


# -- fields -----------------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_SPACES = re.compile(r"\s+")


def escape(text: str) -> str:
    """Plain text to a field: control characters dropped, whitespace folded, HTML-escaped."""
    text = _SPACES.sub(" ", _CONTROL.sub("", text)).strip()
    return html.escape(text, quote=True)


def _zh(text: str) -> str:
    return f'<span lang="zh-Hans">{escape(text)}</span>'


def highlight(context: str, needles: Sequence[str]) -> str:
    """The context sentence, escaped, with every occurrence of the term marked."""
    wanted = sorted({n for n in needles if n}, key=len, reverse=True)
    if not wanted:
        return escape(context)
    context = _SPACES.sub(" ", _CONTROL.sub("", context)).strip()
    out: list[str] = []
    position = 0
    while True:
        # The earliest occurrence of any form of the term; the longest one where they tie.
        found = [(context.find(n, position), -len(n), n) for n in wanted]
        hits = [hit for hit in found if hit[0] >= 0]
        if not hits:
            break
        start, _, needle = min(hits)
        out.append(html.escape(context[position:start], quote=True))
        out.append(f'<mark lang="zh-Hans">{html.escape(needle, quote=True)}</mark>')
        position = start + len(needle)
    out.append(html.escape(context[position:], quote=True))
    return "".join(out)


def _link_html(links: Sequence[Link]) -> str:
    seen: set[str] = set()
    parts = []
    for link in links:
        if link.url in seen or not re.match(r"https?://", link.url):
            continue
        seen.add(link.url)
        parts.append(f'<a href="{html.escape(link.url, quote=True)}">{escape(link.site)}</a>')
    return " · ".join(parts)


def _character_links(given: Sequence[Link], character: str, traditional: str) -> list[Link]:
    """The slide's links, then usual dictionaries on the sites the slide does not link to
    (sites indexed by traditional forms get the traditional character)."""
    safe = [link for link in given if re.match(r"https?://", link.url)]
    hosts = {urlsplit(link.url).netloc.lower() for link in safe}
    extra = [
        link
        for link in links_for(character, traditional or None)
        if urlsplit(link.url).netloc.lower() not in hosts
    ]
    return [*safe, *extra]


def _slide_link(glossary: Glossary, slide: int, deck_url_template: str) -> str:
    label = str(slide)
    if not deck_url_template:
        return label
    url = deck_url(deck_url_template, glossary.deck) + fragment(slide)
    return f'<a href="{html.escape(url, quote=True)}">{label}</a>'


def _lecture_label(glossary: Glossary, course: str) -> str:
    info = glossary.deck
    if info.week is not None:
        lecture = f"Week {info.week}"
    else:
        lecture = info.title or Path(info.name).stem or info.name
    return " · ".join(escape(p) for p in (course, lecture) if p)


def _source_html(
    pairs: Sequence[tuple[Glossary, GlossaryTerm]], course: str, deck_url_template: str
) -> str:
    lines = []
    # By identity: hashing a frozen glossary would hash every term in it.
    lectures = list({id(g): g for g, _ in pairs}.values())
    for glossary in lectures:
        slides = sorted(
            {o.slide for g, t in pairs if g is glossary for o in t.occurrences if not o.in_header}
        )
        line = _lecture_label(glossary, course)
        if slides:
            word = "slide" if len(slides) == 1 else "slides"
            line += f" · {word} " + ", ".join(
                _slide_link(glossary, s, deck_url_template) for s in slides
            )
        lines.append(line)
    return "<br>".join(lines)


def _parts_html(term: GlossaryTerm, known: Mapping[str, GlossaryTerm]) -> str:
    """Each part with its reading and meaning: the glossary's, else the part's own term."""
    items = []
    for index, part in enumerate(term.parts):
        other = known.get(part)
        reading = _at(term.part_readings, index) or (other.pinyin_numbered if other else "")
        gloss = _at(term.part_glosses, index) or (other.gloss if other else "")
        item = _zh(part)
        if reading:
            item += f" {_pinyin.word_tone_html(reading)}"
        if gloss:
            item += f" {escape(gloss)}"
        items.append(item)
    return "<br>".join(items)


def _at(values: Sequence[str], index: int) -> str:
    return values[index] if index < len(values) else ""


def _notes_html(term: GlossaryTerm) -> str:
    lines = []
    if term.gloss_note:
        lines.append(f"Dictionary: {escape(term.gloss_note)}")
    if term.slide_gloss and term.slide_gloss.strip() != term.gloss.strip():
        lines.append(f"On the slide: {escape(term.slide_gloss)}")
    if term.romanisation:
        lines.append(f"Written on the slide as <i>{escape(term.romanisation)}</i>")
    if not term.in_dictionary:
        lines.append("Not in the dictionaries; reading from " + escape(term.reading_source or "?"))
    elif term.reading_source and term.reading_source != CEDICT_SOURCE:
        lines.append(f"Reading from {escape(term.reading_source)}")
    if term.other_readings:
        others = ", ".join(_pinyin.word_tone_html(r) for r in term.other_readings)
        lines.append(f"Other readings: {others}")
    senses = [s for s in term.senses if s.kind != SenseKind.VARIANT and s.text != term.gloss]
    if senses:
        listed = "; ".join(escape(s.text) for s in senses)
        lines.append(f"All senses: {listed}")
    return "<br>".join(lines)


def examples_html(word: str, sentences: Sequence[Sentence]) -> str:
    """Example sentences with ``word`` marked, pinyin and English, then their credit."""
    if not sentences:
        return ""
    items = []
    for s in sentences:
        text = "".join(
            f"<mark>{escape(t)}</mark>" if marked else escape(t) for t, marked in s.segments(word)
        )
        items.append(
            f'<div class="example"><span lang="zh-Hans">{text}</span><br>'
            f'<span class="example-pinyin">{escape(s.pinyin)}</span><br>'
            f"{escape(s.translation)}</div>"
        )
    return "".join(items) + f'<div class="source">{escape(SENTENCES_CREDIT)}</div>'


def hsk_tag(level: int) -> str:
    """The level's label as an Anki tag (tags cannot hold spaces): ``HSK4``, ``HSK7-9``."""
    return level_label(level).replace(" ", "")


def _term_note(
    acc: _Accumulator,
    course: str,
    known: Mapping[str, GlossaryTerm],
    deck_url_template: str,
) -> AnkiNote:
    term = acc.terms[0]
    simplified = term.simplified or term.term
    traditional = term.traditional if term.traditional and term.traditional != simplified else ""
    context = next((o for t in acc.terms for o in t.occurrences if o.context), None)
    context_html = ""
    if context is not None:
        needles = {t.term for t in acc.terms} | {simplified, traditional}
        context_html = highlight(context.context, sorted(needles))
    extra = []
    if any(t.is_character_of_the_week for t in acc.terms):
        extra.append(TAG_CHARACTER_OF_THE_WEEK)
    levels = [t.hsk_level for t in acc.terms if t.hsk_level is not None]
    if levels:
        extra.append(hsk_tag(min(levels)))
    if not any(_in_cedict(t) for t in acc.terms):
        extra.append(TAG_NOT_IN_CEDICT)
    fields = (
        escape(simplified),
        escape(traditional),
        term.pinyin_html,
        escape(term.pinyin),
        escape(term.gloss or term.slide_gloss),
        _parts_html(term, known),
        context_html,
        _source_html(acc.pairs, course, deck_url_template),
        _link_html(term_links(term)),
        _notes_html(term),
        "",  # Audio: the student's own
    )
    tags = _tags(acc, course, extra)
    return AnkiNote("term", acc.guid, fields, tags, acc.deck, acc.position)


def _character_note(
    acc: _Accumulator,
    course: str,
    detail: CharacterDetails,
    all_terms: Sequence[tuple[Glossary, GlossaryTerm]],
) -> AnkiNote:
    char = acc.characters[0]
    reading = char.pinyin_numbered or detail.pinyin_numbered
    words: dict[str, GlossaryTerm] = {}
    for _, term in all_terms:
        written = term.simplified or term.term
        if char.character in written and written != char.character:
            words.setdefault(written, term)
    word_lines = [
        f"{_zh(w)} {t.pinyin_html} {escape(t.gloss)}".rstrip()
        for w, t in itertools.islice(words.items(), MAX_WORDS_PER_CHARACTER)
    ]
    formation = escape(detail.formation)
    if detail.components:
        components = " · ".join(
            f"{_zh(c)} {escape(role)}".rstrip() for c, role in detail.components
        )
        formation = f"{formation}<br>{components}" if formation else components
    slide_links = [link for c in acc.characters for link in c.links]
    extra = [TAG_CHARACTER_OF_THE_WEEK]
    levels = [
        t.hsk_level
        for _, t in all_terms
        if (t.simplified or t.term) == char.character and t.hsk_level is not None
    ]
    if levels:
        extra.append(hsk_tag(min(levels)))
    fields = (
        escape(char.character),
        _pinyin.word_tone_html(reading),
        escape(char.gloss or detail.meaning),
        formation,
        escape(detail.radical),
        str(detail.strokes) if detail.strokes else "",
        _clean_svg(detail.stroke_order_svg),
        "<br>".join(word_lines),
        _link_html(_character_links(slide_links, char.character, detail.traditional)),
        "",  # Audio: the student's own
        examples_html(char.character, char.examples),
    )
    return AnkiNote(
        "character", acc.guid, fields, _tags(acc, course, extra), acc.deck, acc.position
    )


def _clean_svg(svg: str) -> str:
    """The profile's inline SVG without an XML prolog or doctype (not allowed inside HTML)."""
    svg = re.sub(r"<\?xml[^>]*\?>|<!DOCTYPE[^>]*>", "", svg).strip()
    if not svg.startswith("<svg"):
        return ""
    return svg


def _description_course(course: str, glossaries: Sequence[Glossary]) -> str:
    count = len(glossaries)
    lectures = "lecture" if count == 1 else "lectures"
    # The dictionaries' licences ask for attribution wherever their text is shown.
    credit = credit_line(tuple(glossaries))
    return (
        f"{escape(course)}: vocabulary of {count} {lectures}, made by hanzi-companion."
        f"<br>{escape(credit)}"
    )


def _description_lecture(glossary: Glossary) -> str:
    info = glossary.deck
    parts = [p for p in (info.title, info.date, info.name) if p]
    return escape(" · ".join(parts))


# -- writing ----------------------------------------------------------------------------------


def _model(
    model_id: int, name: str, field_names: Sequence[str], templates: Sequence[Mapping[str, str]]
) -> genanki.Model:
    """A note type with our styling; the first field (the characters) in a CJK font."""
    fields: list[dict[str, Any]] = [{"name": field_name} for field_name in field_names]
    fields[0]["font"] = "Noto Sans CJK SC"
    return genanki.Model(
        model_id,
        name,
        fields=fields,
        templates=[dict(t) for t in templates],
        css=CSS,
        sort_field_index=0,
    )


def _term_model() -> genanki.Model:
    return _model(TERM_MODEL_ID, TERM_MODEL_NAME, TERM_FIELDS, TERM_TEMPLATES)


def _character_model() -> genanki.Model:
    return _model(CHARACTER_MODEL_ID, CHARACTER_MODEL_NAME, CHARACTER_FIELDS, CHARACTER_TEMPLATES)


def _genanki_package(plan: AnkiPlan) -> tuple[genanki.Package, int]:
    models = {"term": _term_model(), "character": _character_model()}
    descriptions = dict(plan.descriptions)
    decks = {
        name: genanki.Deck(deck_id(name), name, description=descriptions.get(name, ""))
        for name in plan.decks
    }
    cards = 0
    for note in plan.notes:
        gnote = genanki.Note(
            model=models[note.kind],
            fields=list(note.fields),
            tags=list(note.tags),
            guid=note.guid,
            due=note.position,
        )
        cards += len(gnote.cards)
        decks[note.deck].add_note(gnote)
    for deck in decks.values():
        # Every deck knows both note types, so an empty course deck still carries them.
        for model in models.values():
            deck.add_model(model)
    return genanki.Package(list(decks.values())), cards


def write_package(
    source: Source | AnkiPlan,
    path: Path | str,
    *,
    course: str | None = None,
    characters: Mapping[str, CharacterDetails] | None = None,
    deck_url_template: str = "",
    timestamp: float | None = None,
) -> PackageSummary:
    """Write one ``.apkg`` (atomically) for a glossary, a course, or several glossaries.

    ``timestamp`` (seconds since the epoch) stamps notes, cards and note types; it defaults to
    the build time. Anki only applies an update when it is newer than the note it holds.
    """
    plan = (
        source
        if isinstance(source, AnkiPlan)
        else plan_package(
            source, course=course, characters=characters, deck_url_template=deck_url_template
        )
    )
    stamp = time.time() if timestamp is None else float(timestamp)
    path = Path(path)
    package, cards = _genanki_package(plan)
    _write_atomically(package, path, stamp)
    return PackageSummary(
        path=path,
        course=plan.course,
        decks=tuple(d for d in plan.decks if any(n.deck == d for n in plan.notes)),
        terms=len(plan.terms),
        characters=len(plan.characters),
        cards=cards,
        timestamp=stamp,
    )


def _write_atomically(package: genanki.Package, path: Path, timestamp: float) -> None:
    """The collection goes to a private temp folder, the zip through :func:`atomic_output`
    (a temp file beside ``path``, or straight through to ``-``, a device or a FIFO)."""
    try:
        with tempfile.TemporaryDirectory(prefix="hanzi-companion-anki-") as workdir:
            database = Path(workdir) / "collection.anki2"
            connection = sqlite3.connect(database)
            try:
                # A scratch database zipped a moment later: no journal, no fsync (genanki's
                # schema script otherwise syncs once per statement, most of the write time).
                connection.execute("PRAGMA journal_mode = OFF")
                connection.execute("PRAGMA synchronous = OFF")
                # Note and card ids count up from the timestamp in milliseconds (genanki's
                # scheme): they only need to be unique, Anki matches notes by GUID.
                ids = itertools.count(int(timestamp * 1000))
                package.write_to_db(connection.cursor(), timestamp, ids)
                connection.commit()
            finally:
                connection.close()
            with (
                atomic_output(path) as raw,
                zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive,
            ):
                archive.write(database, "collection.anki2")
                archive.writestr("media", "{}")
    except OSError as exc:
        raise OutputError(path, exc.strerror or str(exc)) from None
