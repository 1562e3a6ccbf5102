"""The filters and globals every page template uses, without Flask.

The web UI and the static site render the same templates (``settings.templates_dir()``), so
they need the same filters: :func:`configure` installs them on any Jinja environment. (The web
UI's ``web/templating.py`` holds the same functions for now; it can call :func:`configure` on
``app.jinja_env`` instead. ``tests/test_site.py`` checks that both offer the same names.)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import jinja2
from markupsafe import Markup, escape

from hanzi_companion import __version__
from hanzi_companion.lexicon import Lexicon
from hanzi_companion.lexicon import pinyin as _pinyin
from hanzi_companion.lexicon import script as _script
from hanzi_companion.lexicon.hsk import level_label
from hanzi_companion.lexicon.script import is_han
from hanzi_companion.lexicon.sentences import SENTENCES_CREDIT
from hanzi_companion.lexicon.sources import DATA_SOURCES
from hanzi_companion.render.glossary_common import week_heading
from hanzi_companion.render.glyphs import IDS_OPERATORS, ids_icon, shape_markup
from hanzi_companion.render.lexicon_json import CEDICT_ATTRIBUTION
from hanzi_companion.wording import plural

PINYIN_LANG = "zh-Latn-pinyin"


def tone_html(numbered: str) -> Markup:
    """Tone-coloured pinyin by word (``Chuàngxīn Wū``); ``word_tone_html`` escapes the text."""
    return Markup(_pinyin.word_tone_html(numbered)) if numbered else Markup("")


def words_html(words: tuple[str, ...]) -> Markup:
    """Tone-coloured pinyin of readings already cut into words (``Lexicon.pinyin_words``)."""
    return Markup(" ".join(_pinyin.tone_html(word) for word in words))


def marks(numbered: str) -> str:
    """Tone-marked pinyin by word (pinyin orthography, :func:`pinyin.word_pinyin`)."""
    return _pinyin.word_pinyin(numbered)


def zh_lang(text: str) -> str:
    """The BCP 47 tag for Chinese text: traditional-only text is zh-Hant, the rest zh-Hans."""
    return "zh-Hant" if _script.identify(text) == _script.TRADITIONAL else "zh-Hans"


def _is_cjk_punctuation(ch: str) -> bool:
    return "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef"


def mark_chinese(text: str) -> Markup:
    """Escape ``text`` and wrap each run of Chinese inside it in a ``lang`` span (definitions
    mix English and Chinese; screen readers and font selection need to know which is which).
    IDS operators (``⿰``) become icons (see :mod:`hanzi_companion.render.glyphs`)."""
    out: list[str] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            chinese = "".join(run)
            out.append(f'<span lang="{zh_lang(chinese)}">{escape(chinese)}</span>')
            run.clear()

    for ch in text:
        if ch in IDS_OPERATORS:  # no common font has them: an icon, the text kept hidden
            flush()
            out.append(f'<span lang="zh-Hans">{ids_icon(ch)}</span>')
        elif is_han(ch) or (run and _is_cjk_punctuation(ch)):
            run.append(ch)
        else:
            flush()
            out.append(str(escape(ch)))
    flush()
    return Markup("".join(out))


FILTERS: dict[str, Callable[..., Any]] = {
    "tone_html": tone_html,
    "words_html": words_html,
    "marks": marks,
    "zh_lang": zh_lang,
    "hsk_label": level_label,
    "plural": plural,
    "mark_chinese": mark_chinese,
    "week_heading": week_heading,
    "shapes": shape_markup,
}


def template_globals() -> dict[str, Any]:
    return {
        "cedict_attribution": CEDICT_ATTRIBUTION,
        "sentences_credit": SENTENCES_CREDIT,
        "data_sources": DATA_SOURCES,
        "pinyin_lang": PINYIN_LANG,
        "version": __version__,
    }


def configure(env: jinja2.Environment, lexicon: Lexicon | None = None) -> jinja2.Environment:
    """Install the page filters and globals, with the web UI's whitespace and escaping.

    With the ``lexicon``, the ``pinyin(numbered, word)`` macro writes a word's pinyin by the
    lexicon's orthography (long dictionary words cut into their words)."""
    env.filters.update(FILTERS)
    env.globals.update(template_globals())
    if lexicon is not None:
        env.globals["split_pinyin"] = lexicon.pinyin_words
    env.autoescape = True
    env.trim_blocks = True
    env.lstrip_blocks = True
    return env
