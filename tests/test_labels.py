"""Metadata labels in the languages decks are written in: week and lecture numbers."""

from __future__ import annotations

import pytest

from hanzi_companion.text.labels import (
    chrome_line,
    file_week,
    han_number,
    in_label,
    week_number,
    without_labels,
)


@pytest.mark.parametrize(
    ("text", "week"),
    [
        ("Week 3: Water", 3),
        ("Woche 3 – Die Stadt", 3),
        ("Semana 3: la ciudad", 3),
        ("Semaine n° 3 : la ville", 3),
        ("Settimana 12", 12),
        ("Lecture 3", 3),
        ("Vorlesung 4: Essen", 4),
        ("第三周：城市化", 3),
        ("第十二周", 12),
        ("第二十一週", 21),
        ("第3讲 小结", 3),
        ("第 5 课", 5),
        ("Lecture 12 · Week 3", 3),  # a week word says more than a lecture word
        ("in week three we saw", None),
        ("第一 城市", None),  # "the first" is no label without its unit
        ("Weekly review 3", None),
    ],
)
def test_week_number(text: str, week: int | None) -> None:
    assert week_number(text) == week


def test_han_numbers() -> None:
    assert [han_number(t) for t in ("三", "十", "十二", "二十", "二十一", "12", "一二三")] == [
        3,
        10,
        12,
        20,
        21,
        12,
        None,
    ]


def test_file_names_give_weeks() -> None:
    assert [file_week(s) for s in ("week07", "semaine-3", "w3", "lecture_05", "notes")] == [
        7,
        3,
        3,
        5,
        None,
    ]


def test_labels_are_blanked_in_place() -> None:
    line = "Woche 5: Essen und 第三周"
    blank = without_labels(line)
    assert len(blank) == len(line)
    assert blank.split() == [":", "Essen", "und"]
    assert in_label("第三周：城市化", 0, 3) and not in_label("第三周：城市化", 4, 7)


@pytest.mark.parametrize(
    ("line", "chrome"),
    [
        ("2007-09-09 02:00:33| 人氣172| 回應0 | 上一篇 | 下一篇", True),
        ("推薦 0 收藏 0 轉貼0 訂閱站台", True),
        ("上一篇：春節習俗 | 下一篇：元宵節", True),  # the titles of other posts go with them
        ("歡迎留言分享你的想法。", False),  # a sentence that speaks of comments is text
        ("留言", False),  # one such word alone may be a heading or a term
        ("苹果 | píngguǒ | apple", False),
    ],
)
def test_a_line_of_blog_buttons_is_page_furniture(line: str, chrome: bool) -> None:
    assert chrome_line(line) is chrome
