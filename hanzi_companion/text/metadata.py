"""What a deck says about itself: title, course, week, date, author, from its first slides."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from hanzi_companion.patterns import LazyPattern, compile_pattern
from hanzi_companion.text.han import is_han
from hanzi_companion.text.labels import file_week, week_number, without_labels
from hanzi_companion.text.models import DeckMetadata, Slide

_MONTHS = (
    r"(?:jan(?:uary|vier)?|feb(?:ruary)?|f[ée]v(?:rier)?|mar(?:ch|s)?|apr(?:il)?|avr(?:il)?|"
    r"may|mai|june?|juin|july?|juil(?:let)?|aug(?:ust)?|ao[uû]t|sep(?:t(?:ember)?)?|"
    r"sept(?:embre)?|oct(?:ober|obre)?|nov(?:ember|embre)?|dec(?:ember)?|d[ée]c(?:embre)?)\.?"
)
_DATE = compile_pattern(
    r"\b\d{1,2}(?:st|nd|rd|th|er)?\s+" + _MONTHS + r",?\s+\d{4}\b"
    r"|\b" + _MONTHS + r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}\b"
    r"|\b\d{4}-\d{2}-\d{2}\b"
    r"|\b\d{1,2}/\d{1,2}/\d{4}\b"
    r"|\b\d{1,2}\.\d{1,2}\.\d{4}\b"
    r"|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日",
    re.I,
)
_EMAIL = compile_pattern(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_NAME_BEFORE = compile_pattern(
    r"((?:[A-ZÀ-ÖØ-Þ][\w'’.-]*\s+){1,3}[A-ZÀ-ÖØ-Þ][\w'’-]+)[\s,(<\[:·|/–—-]*$"
)
_NAME = LazyPattern(
    r"(?<![\w'’-])[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ'’-]+(?:[ \t]+[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ'’-]+){1,2}"
)
_AUTHOR_LINE = compile_pattern(
    r"^(?:by|par|author|auteur|presented by|lecturer)\s*:?\s+(.+)$", re.I
)
_NAVIGATION = compile_pattern(r"\b(?:navigat|arrow|keyboard|press )", re.I)
_COVER_SLIDES = 3
# What is left around a title once its week label is taken out (``第三周：城市化``).
_TITLE_EDGES = " :-–—|,.·：，、。；！？—·（）()【】「」\u3000"
_SHORT_LINE = 60


def _week_in(text: str) -> int | None:
    return week_number(text)


def deck_metadata(
    slides: list[Slide], name: str, front: dict[str, str] | None = None, html_title: str = ""
) -> DeckMetadata:
    """What the first slides say about the deck: title, course, week, date, author."""
    front = front or {}
    cover = slides[:_COVER_SLIDES]
    week: int | None = None
    week_slide: Slide | None = None
    date = front.get("date", "")
    if date and not _DATE.search(date):
        date = date.split("T")[0]
    date_slide: Slide | None = None
    # Only short lines (headings, a date under a title) count: "in week 3 we saw" does not.
    for slide in cover:
        for line in slide.text.split("\n"):
            if len(line) > _SHORT_LINE:
                continue
            found_week = _week_in(line)
            if week_slide is None and found_week is not None:
                week, week_slide = found_week, slide
            found_date = _DATE.search(line)
            if date_slide is None and found_date:
                date = date or found_date.group()
                date_slide = slide
    title_slide = week_slide or date_slide
    front_week = front.get("week", "")
    if week is None and front_week.isdecimal() and len(front_week) <= 3:  # not ², not 10**26
        week = int(front_week)
    if week is None:
        week = file_week(Path(name).stem)
    if title_slide is None:
        title_slide = next((slide for slide in cover if slide.headings), None)
    title = front.get("title", "") or _title_of(title_slide) or html_title or _first_line(slides)
    author = front.get("author", "") or _author_of(cover)
    course = front.get("course", "")
    if not course and len(slides) > 1:
        course = _course_of(cover, title_slide, title, author)
    return DeckMetadata(title=title, course=course, week=week, date=date, author=author)


def _short_lines(slide: Slide) -> list[str]:
    """The lines of a slide short enough to be labels (a week, a date), not prose."""
    return [line for line in slide.text.split("\n") if len(line) <= _SHORT_LINE]


def _is_han_term(text: str) -> bool:
    """Whether a heading is one Chinese term alone (户口, 城市群), with no other words."""
    stripped = text.strip(" ·「」『』“”\"'《》")
    return bool(stripped) and all(_is_han(char) or char == "·" for char in stripped)


def _title_of(slide: Slide | None) -> str:
    """The title slide's title: what follows its week label (``Week 3: Water``), else the first
    heading after that label, else its first heading; never a date or a lone character."""
    if slide is None:
        return ""
    headings = [text for _, text in slide.headings]
    week_at = next((i for i, text in enumerate(headings) if _week_in(text) is not None), None)
    if week_at is not None:
        rest = _title_text(headings[week_at])
        if rest:
            return rest
        order = headings[week_at + 1 :] + headings[:week_at]
    else:
        order = headings
    for text in order:
        candidate = _title_text(text)
        if candidate:
            return candidate
    return ""


def _title_text(heading: str) -> str:
    """A heading without its week label and date; "" when too little is left to be a title."""
    text = without_labels(heading)
    found = _DATE.search(text)
    if found:
        text = text[: found.start()] + " " + text[found.end() :]
    text = " ".join(text.split()).strip(_TITLE_EDGES)
    letters = sum(1 for char in text if char.isalpha() and not _is_han(char))
    han = sum(1 for char in text if _is_han(char))
    return text if letters >= 3 or han >= 2 else ""


def _first_line(slides: list[Slide]) -> str:
    """A short first line stands for the title of a document without headings."""
    for slide in slides[:1]:
        first = slide.text.split("\n", 1)[0]
        if 0 < len(first) <= 80:
            return first
    return ""


def _author_of(cover: list[Slide]) -> str:
    """ "By X" or "Author: X"; else a name before an e-mail address, or a name whose words
    are all in the address of a link on the cover (``Clément Renaud``, ``clementrenaud.com``)."""
    for slide in cover:
        for line in slide.text.split("\n"):
            by = _AUTHOR_LINE.match(line)
            if by:
                return by.group(1).strip()
            email = _EMAIL.search(line)
            if email:
                before = _NAME_BEFORE.search(line[max(0, email.start() - 120) : email.start()])
                if before:
                    return before.group(1).strip()
    for slide in cover:
        # a cover names its author near its top: bounded, so a huge first slide stays cheap
        targets = " ".join(_ascii_folded(link.url) for link in slide.links[:20])
        if not targets:
            continue
        for candidate in _NAME.findall(slide.text[:2000]):
            words = [_ascii_folded(word) for word in candidate.split()]
            if all(len(word) > 1 and word in targets for word in words):
                return str(candidate)
    return ""


def _ascii_folded(text: str) -> str:
    """Lower case without accents: ``Clément`` -> ``clement``."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _course_of(cover: list[Slide], title_slide: Slide | None, title: str, author: str) -> str:
    """The course's name: the first line of a cover slide before the title slide, or a
    heading of the title slide written before its week label or title."""
    if not cover:
        return ""
    first = cover[0]
    if first is title_slide:
        # Only a course week's title slide names its course above the week label: on a talk's
        # cover the heading above the title is its topic, often one big Chinese word (户口).
        if not any(_week_in(line) is not None for line in _short_lines(first)):
            return ""
        for _, heading in first.headings:
            if _week_in(heading) is not None or (title and title in heading):
                break
            if _is_han_term(heading):
                continue  # the week's character or word, shown large above the week label
            if len(heading) > 1 and heading != author and not _DATE.search(heading):
                return heading
        return ""
    for line in first.text.split("\n"):
        candidate = line
        if author and author in candidate:
            candidate = candidate[: candidate.index(author)]
        email = _EMAIL.search(candidate)
        if email:
            candidate = candidate[: email.start()]
        candidate = candidate.strip(" :-–—|,(·/")
        if not candidate or candidate == title or _week_in(candidate) is not None:
            continue
        if _NAVIGATION.search(candidate):
            continue  # "use left/right keyboard arrows to navigate"
        if _DATE.fullmatch(candidate):
            continue
        return candidate
    return ""


def _is_han(char: str) -> bool:
    return bool(char) and is_han(char)
