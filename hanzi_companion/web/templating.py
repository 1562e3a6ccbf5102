"""Template filters and globals: tone-coloured pinyin, ``lang`` tags, attribution."""

from __future__ import annotations

from flask import Flask
from markupsafe import Markup, escape

from hanzi_companion import __version__
from hanzi_companion.lexicon import pinyin as _pinyin
from hanzi_companion.lexicon import script as _script
from hanzi_companion.lexicon.hsk import level_label
from hanzi_companion.lexicon.search import is_han
from hanzi_companion.render.lexicon_json import CEDICT_ATTRIBUTION

PINYIN_LANG = "zh-Latn-pinyin"


def tone_html(numbered: str) -> Markup:
    """Tone-coloured pinyin; ``tone_html`` escapes the text itself."""
    return Markup(_pinyin.tone_html(numbered))


def marks(numbered: str) -> str:
    """Tone-marked pinyin, syllables joined as dictionaries print words."""
    return _pinyin.numbered_to_marks(numbered, separator="")


def zh_lang(text: str) -> str:
    """The BCP 47 tag for Chinese text: traditional-only text is zh-Hant, the rest zh-Hans."""
    return "zh-Hant" if _script.identify(text) == _script.TRADITIONAL else "zh-Hans"


def _is_cjk_punctuation(ch: str) -> bool:
    return "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef"


def mark_chinese(text: str) -> Markup:
    """Escape ``text`` and wrap each run of Chinese inside it in a ``lang`` span.

    Definitions mix English with Chinese (``variant of 創|创[chuang4]``); screen readers and
    font selection need to know which part is which.
    """
    out: list[str] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            chinese = "".join(run)
            out.append(f'<span lang="{zh_lang(chinese)}">{escape(chinese)}</span>')
            run.clear()

    for ch in text:
        if is_han(ch) or (run and _is_cjk_punctuation(ch)):
            run.append(ch)
        else:
            flush()
            out.append(str(escape(ch)))
    flush()
    return Markup("".join(out))


def init_app(app: Flask) -> None:
    app.jinja_env.filters["tone_html"] = tone_html
    app.jinja_env.filters["marks"] = marks
    app.jinja_env.filters["zh_lang"] = zh_lang
    app.jinja_env.filters["hsk_label"] = level_label
    app.jinja_env.filters["mark_chinese"] = mark_chinese
    app.jinja_env.globals.update(
        cedict_attribution=CEDICT_ATTRIBUTION,
        pinyin_lang=PINYIN_LANG,
        version=__version__,
    )
    # Templates end in .html, so autoescaping is on; make it explicit for every extension.
    app.jinja_env.autoescape = True
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
