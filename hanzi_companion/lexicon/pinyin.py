"""Pinyin: numbered <-> tone marks, toneless keys, syllable splitting, tone colours.

CC-CEDICT writes pinyin with tone numbers (``chuang4 xin1``, ``lu:4``, ``r5``); students read
tone marks (``chuàngxīn``). Everything here is pure string work and loads no data.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from hanzi_companion.patterns import compile_pattern

# Valid Mandarin syllables (toneless, ü written v), as they occur in CC-CEDICT.
_SYLLABLES_TEXT = """
a ai an ang ao ba bai ban bang bao bei ben beng bi bian biang biao bie bin bing bo bu ca cai
can cang cao ce cen ceng cha chai chan chang chao che chen cheng chi chong chou chu chua chuai
chuan chuang chui chun chuo ci cong cou cu cuan cui cun cuo da dai dan dang dao de dei den deng
di dia dian diao die ding diu dong dou du duan dui dun duo e ei en eng er fa fan fang fei fen
feng fo fou fu ga gai gan gang gao ge gei gen geng gong gou gu gua guai guan guang gui gun guo
ha hai han hang hao he hei hen heng hm hng hong hou hu hua huai huan huang hui hun huo ji jia
jian jiang jiao jie jin jing jiong jiu ju juan jue jun ka kai kan kang kao ke kei ken keng kong
kou ku kua kuai kuan kuang kui kun kuo la lai lan lang lao le lei leng li lia lian liang liao
lie lin ling liu lo long lou lu luan lun luo lv lve m ma mai man mang mao me mei men meng mi
mian miao mie min ming miu mo mou mu n na nai nan nang nao ne nei nen neng ng ni nian niang
niao nie nin ning niu nong nou nu nuan nun nuo nv nve o ou pa pai pan pang pao pei pen peng pi
pian piao pie pin ping po pou pu qi qia qian qiang qiao qie qin qing qiong qiu qu quan que qun
r ran rang rao re ren reng ri rong rou ru rua ruan rui run ruo sa sai san sang sao se sen seng
sha shai shan shang shao she shei shen sheng shi shou shu shua shuai shuan shuang shui shun shuo
si song sou su suan sui sun suo ta tai tan tang tao te tei teng ti tian tiao tie ting tong tou
tu tuan tui tun tuo wa wai wan wang wei wen weng wo wu xi xia xian xiang xiao xie xin xing xiong
xiu xu xuan xue xun ya yan yang yao ye yi yin ying yo yong you yu yuan yue yun za zai zan zang
zao ze zei zen zeng zha zhai zhan zhang zhao zhe zhei zhen zheng zhi zhong zhou zhu zhua zhuai
zhuan zhuang zhui zhun zhuo zi zong zou zu zuan zui zun zuo
"""
SYLLABLES: frozenset[str] = frozenset(_SYLLABLES_TEXT.split())
_MAX_SYLLABLE = max(len(s) for s in SYLLABLES)
# Letters in one unspaced pinyin word at most: a long place name or a chengyu typed without
# spaces has about 25; a longer run of letters is not pinyin and is not tried as such.
MAX_WORD_LETTERS = 60

_MARKS = {
    "a": "āáǎàa",
    "e": "ēéěèe",
    "i": "īíǐìi",
    "o": "ōóǒòo",
    "u": "ūúǔùu",
    "ü": "ǖǘǚǜü",
    "A": "ĀÁǍÀA",
    "E": "ĒÉĚÈE",
    "I": "ĪÍǏÌI",
    "O": "ŌÓǑÒO",
    "U": "ŪÚǓÙU",
    "Ü": "ǕǗǙǛÜ",
}
# Each marked vowel -> (plain vowel, tone number).
_UNMARK: dict[str, tuple[str, int]] = {
    marked: (plain, tone + 1)
    for plain, row in _MARKS.items()
    for tone, marked in enumerate(row[:4])
}
# Combining marks some keyboards produce instead of precomposed letters.
_COMBINING_TONES = {"\u0304": 1, "\u0301": 2, "\u030c": 3, "\u0300": 4}

_NUMBERED_SYLLABLE = compile_pattern(r"^([A-Za-zÜüÊê:]+?)([1-5])$")
_TONE_CLASSES = ("tone1", "tone2", "tone3", "tone4", "tone5")
_ANSI_COLOURS = ("red", "yellow", "green", "blue", "bright_black")


@dataclass(frozen=True)
class Syllable:
    """One pinyin syllable: its letters (ü as ü) and tone (1-5, or None when unknown)."""

    letters: str
    tone: int | None

    @property
    def numbered(self) -> str:
        return self.letters + (str(self.tone) if self.tone else "")

    @property
    def marked(self) -> str:
        return _mark_syllable(self.letters, self.tone or 5)


def _normalise_u(letters: str) -> str:
    """CC-CEDICT's ``u:`` and the keyboard's ``v`` both mean ü."""
    letters = letters.replace("u:", "ü").replace("U:", "Ü")
    if letters.lower() in SYLLABLES or letters.lower().replace("ü", "v") in SYLLABLES:
        letters = letters.replace("v", "ü").replace("V", "Ü")
    return letters


def _mark_syllable(letters: str, tone: int) -> str:
    """Put the tone mark on the right vowel: a/e first, then o in ``ou``, else the last vowel."""
    if tone == 5 or not letters:
        return letters
    lower = letters.lower()
    if lower in ("r", "m", "n", "ng", "hm", "hng"):
        if lower in ("m", "n", "ng") and tone in (2, 3, 4):
            # ḿ/ń exist precomposed only for tone 2; use combining marks for the rest.
            combining = {1: "\u0304", 2: "\u0301", 3: "\u030c", 4: "\u0300"}[tone]
            return unicodedata.normalize("NFC", letters[0] + combining + letters[1:])
        return letters
    index = -1
    for vowel in ("a", "e"):
        index = lower.find(vowel)
        if index >= 0:
            break
    if index < 0:
        index = lower.find("ou")
    if index < 0:
        for i in range(len(lower) - 1, -1, -1):
            if lower[i] in "aeiouü":
                index = i
                break
    if index < 0:
        return letters
    vowel = letters[index]
    row = _MARKS.get(vowel)
    if row is None:
        return letters
    return letters[:index] + row[tone - 1] + letters[index + 1 :]


@lru_cache(maxsize=65536)
def numbered_to_marks(text: str, *, separator: str | None = None) -> str:
    """``chuang4 xin1`` -> ``chuàng xīn``; ``lu:4`` -> ``lǜ``; ``r5`` -> ``r``.

    Tokens that are not numbered syllables (``AA``, ``·``, ``,``) pass through unchanged. With
    ``separator=""`` syllables are joined the way dictionaries print words (``chuàngxīn``), with
    an apostrophe before a syllable that starts with a, o or e (``Xī'ān``).
    """
    out: list[str] = []
    words: list[list[str]] = [[]]  # runs of syllables; other tokens stand alone
    for token in text.split():
        match = _NUMBERED_SYLLABLE.match(token)
        if match:
            letters = _normalise_u(match.group(1))
            marked = _mark_syllable(letters, int(match.group(2)))
            out.append(marked)
            words[-1].append(marked)
        else:
            out.append(token)
            words.extend([[token], []])
    if separator is None:
        return " ".join(out)
    return " ".join(join_syllables(run, separator) for run in words if run)


def join_syllables(syllables: list[str], separator: str = "") -> str:
    """Join syllables, adding the apostrophe pinyin requires before a/o/e when unspaced."""
    if separator:
        return separator.join(syllables)
    result = ""
    for syllable in syllables:
        first = strip_tones(syllable[:1]).lower()
        if result and first in ("a", "o", "e") and result[-1].isalpha():
            result += "'"
        result += syllable
    return result


@lru_cache(maxsize=65536)
def marks_to_numbered(text: str) -> str:
    """``chuàng xīn`` -> ``chuang4 xin1``; unmarked syllables get no number."""
    text = unicodedata.normalize("NFC", _fold_combining(text))
    out: list[str] = []
    for token in re.split(r"(\s+)", text):
        if not token or token.isspace():
            out.append(token)
            continue
        tone = 0
        letters = []
        for ch in token:
            if ch in _UNMARK:
                plain, tone = _UNMARK[ch]
                letters.append(plain)
            else:
                letters.append(ch)
        word = "".join(letters)
        out.append(word + str(tone) if tone else word)
    return "".join(out)


def _fold_combining(text: str) -> str:
    """Compose combining tone marks onto their vowel where a precomposed letter exists."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFD", text))


@lru_cache(maxsize=65536)
def strip_tones(text: str) -> str:
    """Remove tone marks and tone numbers: ``chuàng xīn`` / ``chuang4 xin1`` -> ``chuang xin``."""
    text = unicodedata.normalize("NFD", text)
    text = "".join(ch for ch in text if ch not in _COMBINING_TONES)
    text = unicodedata.normalize("NFC", text)
    text = text.replace("u:", "ü").replace("U:", "Ü")
    return re.sub(r"(?<=[A-Za-zÜüÊê])[1-5]\b", "", text)


@lru_cache(maxsize=65536)
def toneless_key(text: str) -> str:
    """The search key of a reading: lowercase, no tones, no spaces or apostrophes, ü as v."""
    plain = strip_tones(text).lower().replace("ü", "v").replace("ê", "e")
    return re.sub(r"[^a-z]", "", plain)


@lru_cache(maxsize=65536)
def numbered_key(text: str) -> str:
    """Lowercase numbered pinyin without spaces, neutral tone written 5: ``chuang4xin1``."""
    parts = []
    for token in text.split():
        match = _NUMBERED_SYLLABLE.match(token)
        if match:
            parts.append(_normalise_u(match.group(1)).lower().replace("ü", "v") + match.group(2))
        else:
            parts.append(re.sub(r"[^a-z]", "", token.lower().replace("ü", "v")))
    return "".join(parts)


def parse_syllables(text: str) -> tuple[Syllable, ...] | None:
    """Parse pinyin as typed (marks, numbers or none; spaced or not) into syllables.

    Returns None when the text is not pinyin. ``xian`` is one syllable, ``xi'an`` two;
    ``fangan`` is ``fan gan`` because a syllable starting with a vowel would need an apostrophe.
    """
    if text.isascii() and text.isalpha():  # most calls: a word of plain letters, one chunk
        return _parse_letters(text.lower())
    text = unicodedata.normalize("NFC", _fold_combining(text.strip()))
    if not text:
        return None
    syllables: list[Syllable] = []
    for chunk in re.split(r"[\s'’\-]+", text):
        if not chunk:
            continue
        parsed = _parse_chunk(chunk)
        if parsed is None:
            return None
        syllables.extend(parsed)
    return tuple(syllables) or None


def _parse_chunk(chunk: str) -> list[Syllable] | None:
    chunk = chunk.replace("u:", "ü").replace("U:", "Ü")
    letters: list[str] = []
    tones: list[int | None] = []  # tone attached to the letter position (from a mark)
    digit_after: dict[int, int] = {}  # index in letters -> tone number typed after it
    for ch in chunk:
        if ch in _UNMARK:
            plain, mark_tone = _UNMARK[ch]
            letters.append(plain.lower())
            tones.append(mark_tone)
        elif ch in "12345" and letters:
            digit_after[len(letters) - 1] = int(ch)
        elif (ch.isascii() and ch.isalpha()) or ch in "üÜ":
            letters.append(ch.lower())
            tones.append(None)
        else:
            return None
        if len(letters) > MAX_WORD_LETTERS:
            return None
    word = "".join(letters).replace("ü", "v")
    splits = _split_letters(word, frozenset(digit_after))
    if splits is None:
        return None
    result: list[Syllable] = []
    start = 0
    for end in splits:
        mark_tones = [t for t in tones[start:end] if t]
        typed = digit_after.get(end - 1) or (mark_tones[0] if mark_tones else None)
        result.append(Syllable(word[start:end].replace("v", "ü"), typed))
        start = end
    return result


def _parse_letters(word: str) -> tuple[Syllable, ...] | None:
    """Lowercase ASCII letters without tones (v for ü) as syllables, as :func:`_parse_chunk`
    reads them, without its look at every character for marks and numbers."""
    if len(word) > MAX_WORD_LETTERS:
        return None
    ends = _split_letters(word, frozenset())
    if ends is None:
        return None
    starts = [0, *ends[:-1]]
    return tuple(
        Syllable(word[s:e].replace("v", "ü"), None) for s, e in zip(starts, ends, strict=True)
    )


def _split_letters(word: str, boundaries: frozenset[int]) -> list[int] | None:
    """Best split of toneless letters into syllables; tone digits force boundaries.

    Cost: first the number of syllables starting with a/o/e after the first (those would be
    written with an apostrophe), then the number of syllables. Each cell keeps its cost and a
    back-pointer, so time and memory stay linear in the word's length.
    """
    n = len(word)
    cost: list[tuple[int, int] | None] = [None] * (n + 1)
    previous: list[int] = [0] * (n + 1)
    cost[0] = (0, 0)
    for i in range(n):
        current = cost[i]
        if current is None:
            continue
        for j in range(i + 1, min(n, i + _MAX_SYLLABLE) + 1):
            if j - 2 in boundaries and i <= j - 2:
                break  # a tone digit sits inside this candidate
            if word[i:j] not in SYLLABLES:
                continue
            vowel_start = 1 if i > 0 and word[i] in "aoe" else 0
            candidate = (current[0] + vowel_start, current[1] + 1)
            best = cost[j]
            if best is None or candidate < best:
                cost[j] = candidate
                previous[j] = i
    if cost[n] is None:
        return None
    ends: list[int] = []
    end = n
    while end > 0:
        ends.append(end)
        end = previous[end]
    ends.reverse()
    chosen = set(ends)
    if any(b + 1 not in chosen for b in boundaries):
        return None
    return ends


def is_pinyin(text: str) -> bool:
    """True when the whole text parses as pinyin syllables."""
    return parse_syllables(text) is not None


def tone_of(syllable: str) -> int:
    """Tone of one numbered or marked syllable (5 when neutral or unknown)."""
    match = _NUMBERED_SYLLABLE.match(syllable)
    if match:
        return int(match.group(2))
    for ch in unicodedata.normalize("NFC", syllable):
        if ch in _UNMARK:
            return _UNMARK[ch][1]
    return 5


@lru_cache(maxsize=4096)
def _numbered_tokens(numbered: str) -> tuple[tuple[str, int], ...]:
    tokens = []
    for token in numbered.split():
        match = _NUMBERED_SYLLABLE.match(token)
        if match:
            letters = _normalise_u(match.group(1))
            tone = int(match.group(2))
            tokens.append((_mark_syllable(letters, tone), tone))
        else:
            tokens.append((token, 0))
    return tuple(tokens)


def tone_html(numbered: str, *, separator: str = "") -> str:
    """Tone-coloured HTML: one ``<span class="toneN">`` per syllable, text escaped."""
    import html  # only when rendering: a lookup on the command line never escapes

    spans = [
        f'<span class="{_TONE_CLASSES[tone - 1]}">{html.escape(marked)}</span>'
        if tone
        else html.escape(marked)
        for marked, tone in _numbered_tokens(numbered)
    ]
    return separator.join(spans) if separator else _join_html(spans, numbered)


def _join_html(spans: list[str], numbered: str) -> str:
    plain = [marked for marked, _ in _numbered_tokens(numbered)]
    out = []
    for index, span in enumerate(spans):
        if index and strip_tones(plain[index][:1]).lower() in ("a", "o", "e"):
            out.append("'")
        out.append(span)
    return "".join(out)


def tone_terminal(
    numbered: str, *, colour: bool = True, words: tuple[str, ...] | None = None
) -> str:
    """Tone marks coloured with ANSI escapes (red, yellow, green, blue, grey for tones 1-5),
    by word as :func:`word_pinyin` writes them (``chuàngxīn``, ``Chuàngxīn Wū``); ``words``
    gives the reading already cut into words (``Lexicon.pinyin_words``)."""
    import click  # only the CLI path needs it; click is a dependency of flask anyway

    shown = []
    for word in pinyin_words(numbered) if words is None else words:
        out = ""
        for marked, tone in _numbered_tokens(word):
            if out and marked[:1].isalpha() and strip_tones(marked[:1]).lower() in "aoe":
                out += "'"
            out += click.style(marked, fg=_ANSI_COLOURS[tone - 1]) if colour and tone else marked
        shown.append(out)
    return " ".join(shown)


def syllables_to_marks(syllables: tuple[Syllable, ...]) -> str:
    """Render parsed syllables as dictionary-style pinyin (``chuàngxīn``)."""
    return join_syllables([s.marked for s in syllables])


_DISPLAY_SYLLABLE = compile_pattern(r"[A-Za-zÜü:]+[1-5]?")
_TONED_SYLLABLE = compile_pattern(r"[A-Za-zÜü:]+[1-5]")


def word_pinyin(numbered: str, part_readings: tuple[str, ...] = ()) -> str:
    """Pinyin orthography: tone marks, syllables joined within a word, words spaced.

    ``chuang4 ke4`` -> ``chuàngkè``; ``Chuang4 xin1 Wu1`` -> ``Chuàngxīn Wū`` (a name: each
    capitalised word apart); with the parts of a long term, ``jīngzhǔn fúpín``. Every output
    (web, site, CLI, Anki, glossaries) shows pinyin through this or :func:`word_tone_html`.
    """
    return " ".join(
        numbered_to_marks(word, separator="") for word in pinyin_words(numbered, part_readings)
    )


def pinyin_words(numbered: str, part_readings: tuple[str, ...] = ()) -> tuple[str, ...]:
    """A numbered reading cut into display words: by the parts' syllable counts when they add
    up, else starting a new word at each capitalised syllable (names) or non-pinyin token."""
    tokens = numbered.split()
    counts = [len(reading.split()) for reading in part_readings]
    groups: list[list[str]] = []
    latin = [t for t in (tokens[:1] + tokens[-1:]) if not _DISPLAY_SYLLABLE.fullmatch(t)]
    if counts and len(counts) > 1 and latin and sum(counts) == len(tokens) - 1:
        # A mixed term (21世纪海上丝绸之路): its Latin token is a word of its own.
        first = tokens[0] in latin
        inner = pinyin_words(" ".join(tokens[1:] if first else tokens[:-1]), part_readings)
        return (tokens[0], *inner) if first else (*inner, tokens[-1])
    if counts and sum(counts) == len(tokens) and len(counts) > 1:
        position = 0
        for count in counts:
            part = tokens[position : position + count]
            position += count
            # A name inside a part starts a word at each capital (Gōngshāng Yínháng).
            groups.append(part[:1])
            for token in part[1:]:
                if token[:1].isupper():
                    groups.append([token])
                else:
                    groups[-1].append(token)
        last = tokens[-1]
        # A one-syllable last part after a word is its suffix: 办公社, 中国人 (not a name).
        suffix = counts[-1] == 1 and counts[-2] >= 2 and len(groups) > 1
        if suffix and _TONED_SYLLABLE.fullmatch(last) and not last[:1].isupper():
            groups[-2].extend(groups.pop())
    else:
        for token in tokens:
            # A new word at a capital (names) and around a token that is no syllable (AAA).
            if (
                not groups
                or token[:1].isupper()
                or not _TONED_SYLLABLE.fullmatch(token)
                or not _TONED_SYLLABLE.fullmatch(groups[-1][-1])
            ):
                groups.append([token])
            else:
                groups[-1].append(token)
    return tuple(" ".join(g) for g in groups)


def word_tone_html(numbered: str, part_readings: tuple[str, ...] = ()) -> str:
    """Tone-coloured HTML of :func:`word_pinyin`: one span per syllable, words spaced."""
    return " ".join(tone_html(word) for word in pinyin_words(numbered, part_readings))


def pypinyin_tone3(word: str, **options: object) -> list[str]:
    """pypinyin's phrase-aware reading of ``word``, syllables in TONE3 style (``chuang4``).

    pypinyin is imported on first use, its phrase table read from a compiled trie when there
    is one (see :mod:`hanzi_companion.lexicon.phrases`).
    """
    from hanzi_companion.lexicon.phrases import tone3_readings

    return tone3_readings([word], options)[0]
