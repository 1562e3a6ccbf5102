"""The labels a deck writes about itself, in the languages decks are written in.

One place for these words: the week or lecture number (``Week 3``, ``Semaine 3``, ``Woche 3``,
``Semana 3``, ``Lecture 3``, ``第三周``, ``第3讲``), the slide markers of text exports
(``Slide 4``, ``Folie 4``, ``幻灯片 4``) and the headings of speaker notes in them. A label is
metadata: the reader takes the week from it, and no term, gloss or romanisation is read in it.
The buttons and counters of a blog page (``上一篇 | 下一篇``, ``推薦 0 收藏 0 轉貼0``) are the
page's furniture, not its text: no term is read on a line of them.
"""

from __future__ import annotations

import re
from functools import lru_cache

from hanzi_companion.patterns import LazyPattern, compile_pattern
from hanzi_companion.text.han import HAN_RUN

# Words for a week of a course, then words for one lecture of it (a number after either is
# the deck's place in the course). Lower case; accents as written.
WEEK_WORDS = ("week", "wk", "semaine", "woche", "semana", "settimana")
LECTURE_WORDS = (
    "lecture",
    "lesson",
    "session",
    "cours",
    "leçon",
    "séance",
    "vorlesung",
    "lektion",
    "sitzung",
    "clase",
    "lección",
    "sesión",
    "lezione",
    "aula",
    "lição",
)
# Chinese: 第N周 (week), 第N讲/课/次课 (lecture, lesson), traditional forms too.
HAN_WEEK_UNITS = "周週"
HAN_LECTURE_UNITS = "讲講课課"
# Slide markers of text exports (``Slide 3``, ``--- Slide 3 ---``, ``幻灯片 3``, ``第3张``).
SLIDE_WORDS = ("slide", "folie", "diapositive", "diapositiva", "dia", "幻灯片", "投影片", "幻燈片")
# Headings that open a slide's speaker notes in a text export.
NOTES_WORDS = (
    "notes",
    "speaker notes",
    "presenter notes",
    "notes de l'orateur",
    "notizen",
    "notas del orador",
    "备注",
    "備註",
    "演讲者备注",
    "演講者備忘稿",
)

_NUMERALS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5}
_NUMERALS.update({"六": 6, "七": 7, "八": 8, "九": 9})
_HAN_NUMBER = r"(\d{1,2}|[一二两兩三四五六七八九十〇零]{1,3})"


def _words(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


_WEEK = compile_pattern(
    r"(?<![^\W\d_])(?:" + _words(WEEK_WORDS) + r")\.?[ \t]*(?:n[°o]\.?[ \t]*)?(\d{1,2})(?!\d)",
    re.I,
)
_LECTURE = compile_pattern(
    r"(?<![^\W\d_])(?:" + _words(LECTURE_WORDS) + r")\.?[ \t]*(?:n[°o]\.?[ \t]*)?(\d{1,2})(?!\d)",
    re.I,
)
_HAN_WEEK = compile_pattern(r"第[ \t]*" + _HAN_NUMBER + r"[ \t]*[" + HAN_WEEK_UNITS + "]")
_HAN_LECTURE = compile_pattern(
    r"第[ \t]*" + _HAN_NUMBER + r"[ \t]*(?:次)?[" + HAN_LECTURE_UNITS + "]"
)
_LABELS = (_WEEK, _HAN_WEEK, _LECTURE, _HAN_LECTURE)
# A file stem naming its week: week07, semaine-3, w3, lecture_05, woche3.
_FILE_WEEK = LazyPattern(
    r"(?:" + _words((*WEEK_WORDS, *LECTURE_WORDS)) + r"|w)[-_ ]?0*(\d{1,2})(?!\d)", re.I
)
SLIDE_MARKER = LazyPattern(
    r"^[ \t]*[-=#*\[(]*[ \t]*(?:第[ \t]*)?(?:"
    + _words(SLIDE_WORDS)
    + r")[ \t]*(?:n[°o]\.?[ \t]*|#[ \t]*)?(\d{1,3})(?:[ \t]*(?:of|/|de|von)[ \t]*\d{1,3})?"
    r"[ \t]*[张張页頁]?[ \t]*[:：.)\]]?[ \t]*[-=#*\])]*[ \t]*$",
    re.I,
)
NOTES_MARKER = LazyPattern(r"^[ \t]*(?:" + _words(NOTES_WORDS) + r")[ \t]*[:：][ \t]*", re.I)


def han_number(text: str) -> int | None:
    """A number written in digits or Chinese numerals up to 99 (三, 十二, 二十一, 12)."""
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, units = text.partition("十")
        if len(tens) > 1 or len(units) > 1:
            return None
        return _NUMERALS.get(tens, 1) * 10 + _NUMERALS.get(units, 0)
    return _NUMERALS.get(text) if len(text) == 1 else None


def week_number(text: str) -> int | None:
    """The week (or lecture) number a label in ``text`` gives; week words before lecture
    words (``Lecture 12 · Week 3`` is week 3)."""
    for pattern in _LABELS:
        found = pattern.search(text)
        if found:
            number = han_number(found.group(1))
            if number is not None:
                return number
    return None


def file_week(stem: str) -> int | None:
    """The week a file name gives (``week07``, ``lecture_5``), or None."""
    found = _FILE_WEEK.search(stem)
    return int(found.group(1)) if found else None


@lru_cache(maxsize=256)
def label_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Where ``text`` holds week or lecture labels (start, end), in order.

    Remembered: :func:`in_label` asks it of the same line for every run in that line.
    """
    if not any(char.isdigit() for char in text) and "第" not in text:
        return ()
    spans = [match.span() for pattern in _LABELS for match in pattern.finditer(text)]
    return tuple(sorted(spans))


def without_labels(text: str) -> str:
    """``text`` with its labels blanked out (same length, so positions keep their meaning)."""
    for start, end in label_spans(text):
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def in_label(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` lies inside a week or lecture label (第三周 in 第三周：城市)."""
    return any(s <= start and end <= e for s, e in label_spans(text))


# The buttons, links and counters blog platforms put around a post, simplified and traditional:
# previous and next post, comments and replies, sharing, likes and views, tags, log-in.
_CHROME_TEXT = """
上一篇 下一篇 上一页 下一页 上一頁 下一頁 上一则 下一则 上一則 下一則 上篇 下篇 前一篇 后一篇 後一篇
回应 回應 回复 回覆 留言 评论 評論 发表评论 發表評論 发表留言 發表留言 发布留言 發佈留言
取消回复 取消回覆 分享 转贴 轉貼 转载 轉載 收藏 推荐 推薦 订阅 訂閱 人气 人氣 浏览 瀏覽 阅读 閱讀
点赞 點讚 按讚 标签 標籤 分类 分類 登入 登出 登录 登錄 注册 註冊 首页 首頁 返回列表
阅读全文 閱讀全文 继续阅读 繼續閱讀
"""
CHROME_WORDS = frozenset(_CHROME_TEXT.split())
_CHROME_LINE_WORDS = 2  # one such word may be prose ("留言"), two on a line are its buttons
_SENTENCE_MARKS = frozenset("，。！？；,.!?;")


@lru_cache(maxsize=1024)
def chrome_line(line: str) -> bool:
    """Whether ``line`` is a row of a blog page's buttons and counters (``人氣172| 回應0 |
    上一篇 | 下一篇``, ``推薦 0 收藏 0 轉貼0 訂閱站台``): two of its words or more are such
    buttons, and it holds no sentence."""
    if any(mark in _SENTENCE_MARKS for mark in line):
        return False
    runs = HAN_RUN.findall(line)
    return sum(1 for run in runs if run in CHROME_WORDS) >= _CHROME_LINE_WORDS
