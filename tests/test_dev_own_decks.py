"""The team's own development decks: accuracy targets and general glossary properties.

``tests/data/decks/dev_own1/`` and ``dev_own2/`` hold six decks written by the team (other weeks
of the course "Chinese Cities", a French conference talk) with a gold glossary each, in the
seed's gold format. They share the seed's teacher and conventions and the code was tuned on
them: they show that nothing regressed, not that the glossary generalises (for that, see the
real documents of ``tests/data/decks/real/``, scored by ``benchmarks/glossary_accuracy.py``).

Figures are the benchmark's (``benchmarks/glossary_accuracy.py``, the one scorer) against the
issue's targets: every required row found, precision >= 95 %, every reading right, every
shown sense the gold's, the character of the week right or absent. Cases failing today are
``xfail(strict=True)`` with the defect they document, so the suite turns red as soon as a fix
lands and the mark can go.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import pytest

from benchmarks import glossary_accuracy as accuracy
from hanzi_companion.glossary import Glossary, Occurrence, build_glossary
from hanzi_companion.lexicon import Lexicon
from hanzi_companion.lexicon.pinyin import numbered_to_marks
from hanzi_companion.text.decks import read_deck, read_deck_text

from .conftest import DATA

DECKS = DATA / "decks"
COURSE = "Chinese Cities - Sciences Po - OGLM 3050 - 59127 - S2 2025"


@dataclass(frozen=True)
class Case:
    folder: str
    deck: str
    format: str
    title: str
    course: str
    week: int | None
    date: str
    slide_count: int | None  # as remark counts them (every ``--`` step is a slide), if checked
    weekly_slide: int | None  # remark number of the "Character of the week" slide, if any

    @property
    def path(self) -> str:
        return f"{self.folder}/{self.deck}"

    @property
    def gold(self) -> str:
        return f"{self.folder}/{self.deck.rsplit('.', 1)[0]}.gold.tsv"


HUKOU = "week04_hukou.md"
DANWEI = "week05_danwei.html"
SHENZHEN = "week09_shenzhen.txt"
BEIJING = "week02_beijing.txt"
TALK = "talk_hukou_fr.md"
MEGA = "week12_megaregions.html"
CASES = (
    Case(
        "dev_own1",
        HUKOU,
        "remark-markdown",
        "Hukou: Migrants and the Urban Transition",
        COURSE,
        4,
        "25 Feb 2025",
        None,
        3,
    ),
    Case(
        "dev_own1",
        DANWEI,
        "remark-html",
        "Danwei: Work Units & Housing Reform",
        COURSE,
        5,
        "4 Mar 2025",
        None,
        3,
    ),
    Case(
        "dev_own1",
        SHENZHEN,
        "flattened",
        "Shenzhen: Special Zones and the Smart City",
        COURSE,
        9,
        "1 Apr 2025",
        None,
        3,
    ),
    Case(
        "dev_own2",
        BEIJING,
        "flattened",
        "Imperial Cities: Beijing and the Ideal Capital",
        COURSE,
        2,
        "28 Jan 2025",
        18,
        3,
    ),
    Case(
        "dev_own2",
        TALK,
        "remark-markdown",
        "Du 户口 au 乡村振兴 : trente ans de migrations",
        "",  # a talk: no course (the title slide's big 户口 is the topic, not a course)
        None,
        "2025-06-12",
        12,
        None,
    ),
    Case(
        "dev_own2",
        MEGA,
        "remark-html",
        "Megaregions: City Clusters and the Belt and Road",
        COURSE,
        12,
        "22 Apr 2025",
        18,
        3,
    ),
)
_BY_DECK = {case.deck: case for case in CASES}

_SENSE = "the shown sense is not the deck's (issue 11, sense in context)"
_PART_CASE = "a part of a proper-noun term is read with the name's capitals (issue 11)"

# (deck, check) -> the defect that makes it fail today.
KNOWN_DEFECTS: dict[tuple[str, str], str] = {
    **{(case.deck, "glosses"): _SENSE for case in CASES},
}


def _params(check: str, decks: tuple[str, ...] | None = None) -> list[pytest.ParameterSet]:
    params = []
    for case in CASES:
        if decks is not None and case.deck not in decks:
            continue
        reason = KNOWN_DEFECTS.get((case.deck, check))
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        params.append(pytest.param(case.deck, marks=marks, id=case.deck))
    return params


@pytest.fixture(scope="module")
def glossaries(lexicon: Lexicon) -> dict[str, Glossary]:
    return {c.deck: build_glossary(read_deck(DECKS / c.path), lexicon) for c in CASES}


def _scores(glossaries: dict[str, Glossary], deck: str) -> accuracy.DocumentScore:
    gold = accuracy.read_gold(DECKS / _BY_DECK[deck].gold)
    return accuracy.score_glossary(glossaries[deck], gold)


def test_the_benchmark_set_is_these_decks() -> None:
    """``--set own`` scores exactly the decks this module checks, each with its gold."""
    pairs = accuracy.documents("own")
    assert sorted(p.relative_to(DECKS).as_posix() for p, _ in pairs) == sorted(
        c.path for c in CASES
    )
    assert sorted(g.relative_to(DECKS).as_posix() for _, g in pairs) == sorted(
        c.gold for c in CASES
    )


# -- the accuracy targets ---------------------------------------------------------------


@pytest.mark.parametrize("deck", _params("recall"))
def test_recall_of_required_rows(glossaries: dict[str, Glossary], deck: str) -> None:
    assert _scores(glossaries, deck).missing == ()


@pytest.mark.parametrize("deck", _params("precision"))
def test_precision(glossaries: dict[str, Glossary], deck: str) -> None:
    scores = _scores(glossaries, deck)
    assert scores.precision >= 0.95, scores.extra


@pytest.mark.parametrize("deck", _params("readings"))
def test_readings(glossaries: dict[str, Glossary], deck: str) -> None:
    assert _scores(glossaries, deck).wrong_readings == ()


@pytest.mark.parametrize("deck", _params("glosses"))
def test_shown_senses_are_the_decks(glossaries: dict[str, Glossary], deck: str) -> None:
    assert _scores(glossaries, deck).wrong_glosses == ()


@pytest.mark.parametrize("deck", _params("unglossed"))
def test_every_term_has_a_gloss(glossaries: dict[str, Glossary], deck: str) -> None:
    assert [t.term for t in glossaries[deck].terms if not t.gloss.strip()] == []


@pytest.mark.parametrize("deck", _params("weekly"))
def test_character_of_the_week_right_or_absent(glossaries: dict[str, Glossary], deck: str) -> None:
    """The gold's character of the week and no other; a talk without one invents none."""
    scores, case = _scores(glossaries, deck), _BY_DECK[deck]
    assert scores.weekly_found == scores.weekly_gold
    if case.weekly_slide is None:
        assert scores.weekly_gold == frozenset()
        return
    (weekly,) = glossaries[deck].characters
    assert weekly.slide == case.weekly_slide
    hosts = {re.sub(r"^www\.", "", link.url.split("/")[2]) for link in weekly.links}
    assert {"purpleculture.net", "hanziyuan.net", "humanum.arts.cuhk.edu.hk"} <= hosts


@pytest.mark.parametrize("deck", _params("metadata"))
def test_deck_metadata(glossaries: dict[str, Glossary], deck: str) -> None:
    case, info = _BY_DECK[deck], glossaries[deck].deck
    assert (info.format, info.week, info.date, info.title, info.course) == (
        case.format,
        case.week,
        case.date,
        case.title,
        case.course,
    )


@pytest.mark.parametrize(
    "deck", _params("slide_count", tuple(c.deck for c in CASES if c.slide_count is not None))
)
def test_slide_count_as_remark_counts(glossaries: dict[str, Glossary], deck: str) -> None:
    assert glossaries[deck].deck.slide_count == _BY_DECK[deck].slide_count


# Terms first written on a later ``--`` step, or in notes after the last step: (term, remark
# number of the step that first shows it, in notes). The teacher's reading of each deck.
_STEP_TERMS: dict[str, tuple[tuple[str, int, bool], ...]] = {
    BEIJING: (("左祖右社", 8, False), ("坐北朝南", 9, False), ("面朝", 9, True)),
    TALK: (("居民户口", 4, False), ("户籍", 4, True)),
    MEGA: (("重要", 10, False), ("首都", 10, False), ("河北", 10, False)),
}


@pytest.mark.parametrize("deck", _params("steps", tuple(_STEP_TERMS)))
def test_terms_on_incremental_steps_link_to_their_step(
    glossaries: dict[str, Glossary], deck: str
) -> None:
    by_term = {term.term: term for term in glossaries[deck].terms}
    wrong = []
    for text, slide, in_notes in _STEP_TERMS[deck]:
        first = next(o for o in by_term[text].occurrences if o.in_notes == in_notes)
        if first.slide != slide:
            wrong.append((text, slide, first.slide))
    assert wrong == []


# Romanised Chinese the teacher sees in each deck's prose, written without its characters.
# Anything else listed is prose mistaken for pinyin; each listed one must be resolved.
_ROMANISED: dict[str, frozenset[str]] = {
    BEIJING: frozenset({"Dadu", "Yongle", "hutong"}),
    TALK: frozenset({"hukou", "mingong", "xiangcun zhenxing", "Taobao"}),
    MEGA: frozenset({"chengshiqun", "Jing-Jin-Ji", "Yidai Yilu"}),
}


@pytest.mark.parametrize("deck", _params("romanised", tuple(_ROMANISED)))
def test_romanised_terms_are_chinese(glossaries: dict[str, Glossary], deck: str) -> None:
    wrong = [
        (r.text, r.matched, r.candidates)
        for r in glossaries[deck].romanised
        if r.text not in _ROMANISED[deck] or not r.matched
    ]
    assert wrong == []


@pytest.mark.parametrize("deck", [c.deck for c in CASES])
def test_gold_files_are_well_formed(deck: str) -> None:
    """Every gold row has a term, a reading in tone marks and a gloss; one weekly row at most,
    exactly one for a course week."""
    case = _BY_DECK[deck]
    rows = accuracy.read_gold(DECKS / case.gold)
    assert len({r.term for r in rows}) == len(rows)
    assert sum(r.weekly for r in rows) == (0 if case.weekly_slide is None else 1)
    for row in rows:
        assert row.term and row.gloss, row
        assert not re.search(r"[1-5]", row.pinyin), row


# -- general properties of any glossary ---------------------------------------------------------


@pytest.mark.parametrize("deck", _params("part_readings"))
def test_parts_readings_add_up_to_the_term_reading(
    glossaries: dict[str, Glossary], deck: str
) -> None:
    """A part is read as it is read inside the term (朝阳 in a district name is Cháoyáng)."""
    marks = accuracy._reading_key
    wrong = []
    for term in glossaries[deck].terms:
        if not term.latin_free or not term.part_readings:
            continue
        joined = "".join(numbered_to_marks(r, separator="") for r in term.part_readings)
        if marks(joined) != marks(term.pinyin):
            wrong.append((term.term, term.pinyin, term.parts, term.part_readings))
    assert wrong == []


@pytest.mark.parametrize("deck", _params("traditional"))
def test_traditional_form_agrees_with_the_words(
    glossaries: dict[str, Glossary], lexicon: Lexicon, deck: str
) -> None:
    """Each dictionary word inside a term keeps its dictionary traditional form."""
    wrong = []
    for term in glossaries[deck].terms:
        if not term.latin_free or len(term.traditional) != len(term.term):
            continue
        position = 0
        for part in term.parts or (term.term,):
            entries = lexicon.lookup(part)
            forms = {entries[0].traditional, part} if entries else set()
            if len(part) == 1:
                # A lone character may stand for any of its traditional forms (后生活 is
                # 後生活: 后 "after" is 後, 后 "empress" is 后); which one is the word's call.
                forms |= {e.traditional for e in entries if e.simplified == part}
            piece = term.traditional[position : position + len(part)]
            if forms and piece not in forms:
                wrong.append((term.term, term.traditional, part, piece, sorted(forms)))
            position += len(part)
    assert wrong == []


_CEDICT_REFERENCE = re.compile(r"\[[A-Za-z:]+[1-5](?: [A-Za-z:]+[1-5])*\]|\S\|\S")


@pytest.mark.parametrize("deck", _params("markup"))
def test_glosses_show_no_dictionary_markup(glossaries: dict[str, Glossary], deck: str) -> None:
    """CC-CEDICT's ``繁|简[pin1 yin1]`` references are data syntax, not text for students."""
    raw = [(t.term, t.gloss) for t in glossaries[deck].terms if _CEDICT_REFERENCE.search(t.gloss)]
    assert raw == []


@pytest.mark.parametrize("deck", _params("romanised_scripts"))
def test_romanised_ambiguity_is_real(
    glossaries: dict[str, Glossary], lexicon: Lexicon, deck: str
) -> None:
    """Candidates that are one word written in two scripts are no ambiguity."""
    false_ambiguities = []
    for romanised in glossaries[deck].romanised:
        if len(romanised.candidates) < 2:
            continue
        simplified = {
            (lexicon.lookup(c)[0].simplified if lexicon.lookup(c) else c)
            for c in romanised.candidates
        }
        if len(simplified) < 2:
            false_ambiguities.append((romanised.text, romanised.candidates))
    assert false_ambiguities == []


# -- one deck, three forms; what is not slide text -----------------------------------------------


def _textarea_markdown(case: Case) -> str:
    page = (DECKS / case.path).read_text(encoding="utf-8")
    match = re.search(r'<textarea id="source">\n(.*?)</textarea>', page, re.S)
    assert match is not None
    lines = match.group(1).splitlines()
    indent = min(len(line) - len(line.lstrip()) for line in lines if line.strip())
    return html.unescape("\n".join(line[indent:] for line in lines))


def _markdown_source(case: Case) -> str:
    """The remark markdown of a deck: the file itself, or the textarea of an HTML deck."""
    if case.format == "remark-html":
        return _textarea_markdown(case)
    return (DECKS / case.path).read_text(encoding="utf-8")


def _as_forms(markdown: str) -> dict[str, tuple[str, str]]:
    """The same deck as remark markdown, remark HTML and the flattened one-line export."""
    flat = re.sub(r"\s*\n\s*", " ", markdown.strip())
    body = "\n".join(
        f"      {line}" if line else "" for line in html.escape(markdown, quote=False).split("\n")
    )
    page = (
        '<!DOCTYPE html>\n<html>\n  <head><meta charset="utf-8"></head>\n  <body>\n'
        f'    <textarea id="source">\n{body}\n    </textarea>\n'
        "    <script>var slideshow = remark.create();</script>\n  </body>\n</html>\n"
    )
    return {
        "remark-markdown": (markdown, "deck.md"),
        "flattened": (flat, "deck.txt"),
        "remark-html": (page, "deck.html"),
    }


def _summary(glossary: Glossary) -> tuple[object, ...]:
    """What must not depend on the form. Contexts and slide titles may: a flattened line does
    not say where a heading ends (``### “quote” ― author`` is one line there)."""
    info = glossary.deck

    def where(occurrences: tuple[Occurrence, ...]) -> tuple[tuple[int, bool], ...]:
        return tuple((o.slide, o.in_notes) for o in occurrences)

    return (
        (info.title, info.course, info.week, info.date, info.slide_count),
        [(c.character, c.slide, c.links) for c in glossary.characters],
        [
            (
                t.term,
                t.pinyin,
                t.gloss,
                t.slide_gloss,
                t.romanisation,
                t.parts,
                where(t.occurrences),
            )
            for t in glossary.terms
        ],
        [(r.text, r.matched, r.candidates, where(r.occurrences)) for r in glossary.romanised],
    )


_FORM_CASES = [
    (case.deck, form)
    for case in CASES
    if case.folder == "dev_own1" and case.format != "flattened"
    for form in ("flattened", "remark-html")
] + [(MEGA, "remark-html"), (MEGA, "flattened")]


@pytest.mark.parametrize(("deck", "form"), _FORM_CASES)
def test_the_forms_of_a_deck_give_one_glossary(lexicon: Lexicon, deck: str, form: str) -> None:
    """Markdown, HTML and flattened exports of one deck: same terms, slides, glosses, metadata."""
    forms = _as_forms(_markdown_source(_BY_DECK[deck]))
    reference = _summary(build_glossary(read_deck_text(*forms["remark-markdown"]), lexicon))
    assert _summary(build_glossary(read_deck_text(*forms[form]), lexicon)) == reference


_ALT_TEXT = re.compile(r'!\[([^\]]*)\]\([^)]*\)|\balt="([^"]*)"')


def test_alt_text_and_page_furniture_yield_no_terms(glossaries: dict[str, Glossary]) -> None:
    """Image alt text, the HTML <title> and scripts are not slide text: every term of the HTML
    deck is written in its visible markdown."""
    markdown = _textarea_markdown(_BY_DECK[MEGA])
    alt = "".join(a or b for a, b in _ALT_TEXT.findall(markdown))
    assert re.search(r"[\u4e00-\u9fff]", alt)  # the deck does put Chinese in alt text
    visible = _ALT_TEXT.sub(" ", markdown)
    visible = re.sub(r"\]\([^)]*\)", "]", visible)  # link targets
    visible = re.sub(r"\s+", "", visible)
    invented = [t.term for t in glossaries[MEGA].terms if re.sub(r"\s+", "", t.term) not in visible]
    assert invented == []
