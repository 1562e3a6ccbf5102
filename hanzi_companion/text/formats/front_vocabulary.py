"""Vocabulary held in front matter: flashcards, word lists and example sentences as deck text.

A learner's Hugo post, a Jekyll lesson or an Astro activity page may keep its whole lesson in
the YAML front matter: a list of records, each a term with its pinyin and its meaning
(``- { hanzi: 训练, pinyin: xùnliàn, gloss: huấn luyện }``), example sentences, dialogue
lines, a list of the lesson's characters. The page's own keys (title, date, tags, layout...)
stay metadata; every other value that holds Chinese is read as text of the deck, on a slide
of its own after the body's slides, written in the layout a vocabulary slide uses so that the
text layer's readers pair each term with what the record gives beside it:

- a record's term with its romanisation and its meaning becomes a table row,
  ``训练 | xùnliàn | huấn luyện`` (the romanisation chooses the reading, the meaning is the
  slide's own gloss for the term), a row for each script when both are given;
- a sentence (or a dialogue line) is a line of its own: its words are listed from it, and
  its translation and its pinyin are left out (a whole sentence is no term);
- any other Chinese (a list of characters, a block of dialogue) is kept line by line.

Which field holds what is told by the value first (Chinese, pinyin with tones) and by the
field's name (``meaning``, ``it``, ``example_pinyin``: :mod:`~hanzi_companion.text.wordlists`)
where the value cannot tell.
"""

from __future__ import annotations

from collections.abc import Iterator

from hanzi_companion.patterns import compile_pattern
from hanzi_companion.text.formats.front_matter import front_block, load_toml, load_yaml, toml_block
from hanzi_companion.text.formats.remark import FENCE_LINE, fenced_ranges
from hanzi_companion.text.han import HAN_CLASS, HAN_PIECE, has_han
from hanzi_companion.text.syllables import ROMAN_WORD, is_toned, syllables_of
from hanzi_companion.text.wordlists import (
    CHINESE_FIELD_NAMES,
    GLOSS_FIELD_WORDS,
    READING_FIELD_WORDS,
    TRANSLATION_FIELD_WORDS,
)

# Keys of a page's own metadata in Jekyll, Hugo, Hexo, Eleventy, Docusaurus, VuePress, Astro,
# Obsidian and Marp (directives, with their ``_`` one-slide forms), and of a talk's (speaker,
# venue, institution): never deck text, whatever they hold.
_PAGE_KEYS_TEXT = """
    title subtitle linktitle date lastmod publishdate expirydate updated created modified
    tags tag categories category series keywords layout template type draft published
    author authors description summary excerpt slug url permalink aliases alias weight order
    theme class cssclass cssclasses style marp paginate header footer size headingdivider
    backgroundcolor backgroundimage backgroundposition backgroundrepeat backgroundsize color
    math lang language locale id uid toc comments image images cover thumbnail banner
    sitemap menu translationkey course week sidebar_label sidebar_position hide_title
    copyright copyright_author copyright_info license sidebar prev next navbar editlink head
    meta seo canonical redirect_from redirect_to abbrlink top_img sticky pinned hidden robots
    speaker speakers presenter instructor teacher lecturer host venue location event conference
    institution affiliation organization organisation school university department room time
    email contact website
"""
PAGE_KEYS = frozenset(_PAGE_KEYS_TEXT.split())

_SENTENCE_MARK = compile_pattern(r"[。！？!?；;，,]")
_LONG_RUN = 10  # Han characters in one run: a clause, not a vocabulary entry
_TRAILING_DOTS = compile_pattern(r"\s*(?:\.{3,}|…+)\s*$")  # "我很感谢..." (a phrase to complete)
_KEY_WORD = compile_pattern(rf"[A-Z]?[a-zà-ÿā-ǜ]+|[A-Z]+(?![a-z])|\d+|[{HAN_CLASS}]+")
# Where a top-level key starts (a line that is no indented or list line, comment or blank).
_TOP_KEY = compile_pattern(r"\n(?=[^\s#-])")
_MAX_DEPTH = 12  # records inside lists inside records: deeper is no lesson


def vocabulary_text(text: str) -> str:
    """The deck text the front matter of ``text`` holds ("" when none): see the module. The
    front matter itself is a record once the page's keys are set aside (a note on one word:
    ``hanzi: 学习``, ``pinyin: xuéxí``, ``meaning: to study``)."""
    block, _ = front_block(text)
    toml, _ = toml_block(text) if block is None else (None, text)
    loaded = _loaded(block) if block is not None else (load_toml(toml or "") or {})
    record = {key: value for key, value in loaded.items() if not _page_key(str(key))}
    return "\n".join(line for line in _record_lines(record, 0) if line)


def vocabulary_blocks(body: str) -> str:
    """``body`` with each fenced YAML block (```` ```yaml ````) that holds vocabulary written
    as the deck text it holds (rows, sentences), like front matter; its Chinese comments are
    kept as lines. Other blocks, and YAML holding no Chinese, are left as they are."""
    lines = body.split("\n")
    for start, end in reversed(fenced_ranges(lines)):
        opener = FENCE_LINE.match(lines[start])
        info = lines[start][opener.end() :].strip().lower().split() if opener else []
        if info[:1] not in (["yaml"], ["yml"]):
            continue
        content = lines[start + 1 : end]
        loaded = load_yaml("\n".join(content))
        found = [line for line in _value_lines(loaded, 0) if line]
        if any(" | " in line for line in found):  # a record paired its term with something
            comments = [line.strip() for line in content if _han_comment(line)]
            lines[start : end + 1] = [*comments, *found]
    return "\n".join(lines)


def _han_comment(line: str) -> bool:
    return line.lstrip().startswith("#") and has_han(line)


def _loaded(block: str) -> dict[object, object]:
    """The front matter's values. Front matter is often not strict YAML (``title: Lezione 16:
    il cinese`` has two colons): then each top-level key is read on its own, and a key YAML
    cannot read is left out, not the whole lesson."""
    loaded = load_yaml(block)
    if isinstance(loaded, dict):
        return loaded
    values: dict[object, object] = {}
    for chunk in _TOP_KEY.split(block):
        part = load_yaml(chunk) if chunk.strip() else None
        if isinstance(part, dict):
            values.update(part)
    return values


def _page_key(key: str) -> bool:
    name = key.strip().lower().lstrip("_")
    return name in PAGE_KEYS or name.replace("-", "_") in PAGE_KEYS


def _value_lines(value: object, depth: int) -> Iterator[str]:
    if depth > _MAX_DEPTH:
        return
    if isinstance(value, str):
        if has_han(value):
            yield from (line.strip() for line in value.split("\n"))
    elif isinstance(value, list):
        for item in value:
            yield from _value_lines(item, depth + 1)
    elif isinstance(value, dict):
        yield from _record_lines(value, depth)


def _record_lines(record: dict[object, object], depth: int) -> Iterator[str]:
    """A record's lines: its term rows, its sentences, then what its nested values hold."""
    if depth > _MAX_DEPTH:
        return
    named = {key: value for key, value in record.items() if not _term_key(key)}
    fields = [(_key_words(str(key)), value) for key, value in named.items()]
    texts = [(words, text) for words, value in fields if (text := _field_text(value))]
    chinese = [(words, value) for words, value in texts if has_han(value)]
    sentences, terms = _sentences_and_terms(chinese)
    if len(terms) in (1, 2):
        others = [(words, value) for words, value in texts if not has_han(value)]
        reading, gloss = _reading_and_gloss(others, [words for words, _ in sentences])
        yield from (term_row(term, reading, gloss) for term in terms)
    else:
        yield from terms
    for _, sentence in sentences:
        yield from (line.strip() for line in sentence.split("\n"))
    for key, value in record.items():
        if _term_key(key):
            yield from _keyed_lines(str(key).strip(), value, depth)
        elif isinstance(value, dict) or (isinstance(value, list) and not _field_text(value)):
            yield from _value_lines(value, depth + 1)


def _term_key(key: object) -> bool:
    """True when a field's name is a term of the lesson (``学习: to study``), not a Chinese
    name of a field (``拼音: xuéxí``)."""
    name = str(key).strip()
    return has_han(name) and name not in CHINESE_FIELD_NAMES


def _field_text(value: object) -> str:
    """A field's text: a string, or a list of strings without Chinese (several meanings of
    one term, ``english: [to thank, to be grateful]``); "" for anything else."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, list) and value and all(isinstance(item, str) for item in value):
        items = [item.strip() for item in value if isinstance(item, str)]
        if not any(has_han(item) for item in items):
            return "; ".join(item for item in items if item)
    return ""


def _sentences_and_terms(
    chinese: list[tuple[tuple[str, ...], str]],
) -> tuple[list[tuple[tuple[str, ...], str]], list[str]]:
    """A record's Chinese values split into sentences and terms (at most a word in two
    scripts: of two terms of different lengths, the longer is an unpunctuated example)."""
    sentences = [(words, value) for words, value in chinese if is_sentence(value)]
    terms = [value for words, value in chinese if not is_sentence(value)]
    if len(terms) == 2 and _han_length(terms[0]) != _han_length(terms[1]):
        longer = max(terms, key=_han_length)  # 接 beside 我去机场接你: its example
        sentences += [(words, value) for words, value in chinese if value == longer]
        terms.remove(longer)
    return sentences, terms


def _keyed_lines(key: str, value: object, depth: int) -> Iterator[str]:
    """A term written as a field's name: ``学习: to study``, ``学习: xuéxí``, or a record of
    its own (``学习: {pinyin: xuéxí, meaning: to study}``)."""
    if isinstance(value, dict):
        yield from _record_lines({"term": key, **value}, depth + 1)
        return
    text = _field_text(value)
    if text and not has_han(text):
        reading = text if is_romanisation(text) else ""
        yield term_row(key, reading, "" if reading else text)
        return
    yield key
    yield from _value_lines(value, depth + 1)


def is_sentence(text: str) -> bool:
    """True when Chinese text is a sentence or a clause (punctuated, or a long run)."""
    if _SENTENCE_MARK.search(_TRAILING_DOTS.sub("", text)):
        return True
    return any(len(run) > _LONG_RUN for run in HAN_PIECE.findall(text))


def _han_length(text: str) -> int:
    return sum(len(run) for run in HAN_PIECE.findall(text))


def term_row(term: str, reading: str, gloss: str) -> str:
    """A vocabulary table row: the term, its reading, its meaning (a word given in both
    scripts is a row for each)."""
    cells = [_TRAILING_DOTS.sub("", cell) for cell in (term, reading, gloss) if cell]
    return " | ".join(cell for cell in cells if cell)


def _reading_and_gloss(
    others: list[tuple[tuple[str, ...], str]], sentence_keys: list[tuple[str, ...]]
) -> tuple[str, str]:
    """The term's romanisation and meaning among a record's other text fields; a field
    named after one of the record's sentences (``example_pinyin``, ``exTrans``) is that
    sentence's, and so is a "translation" field when a meaning is given beside it."""
    own = [(words, value) for words, value in others if not _of_sentence(words, sentence_keys)]
    readings = [value for words, value in own if _is_reading(words, value)]
    glosses = [(words, value) for words, value in own if _is_gloss(words, value)]
    if sentence_keys and len(glosses) > 1:
        plain = [g for g in glosses if not TRANSLATION_FIELD_WORDS.intersection(g[0])]
        glosses = plain or glosses
    return (readings[0] if readings else ""), (glosses[0][1] if glosses else "")


def _of_sentence(words: tuple[str, ...], sentence_keys: list[tuple[str, ...]]) -> bool:
    return any(words[:1] == key[:1] and words != key for key in sentence_keys if key)


def _is_reading(words: tuple[str, ...], value: str) -> bool:
    if READING_FIELD_WORDS.intersection(words):
        return bool(ROMAN_WORD.search(value))
    return is_romanisation(value)


def _is_gloss(words: tuple[str, ...], value: str) -> bool:
    return bool(GLOSS_FIELD_WORDS.intersection(words)) and not is_romanisation(value)


def is_romanisation(text: str) -> bool:
    """True when every word of ``text`` is pinyin and some syllable carries a tone."""
    words = ROMAN_WORD.findall(_TRAILING_DOTS.sub("", text))
    return bool(words) and all(syllables_of(w) for w in words) and any(map(is_toned, words))


def _key_words(key: str) -> tuple[str, ...]:
    """A field name as lower-case words: ``exampleTranslation``, ``example_translation``
    and ``example-translation`` all give ("example", "translation")."""
    return tuple(word.lower() for word in _KEY_WORD.findall(key))
