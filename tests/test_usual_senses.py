"""The usual sense of a word, counted from graded example sentences (issue 11).

The table ``dictionaries/usual_senses.tsv`` is derived from bundled data by
``hanzi_companion.sentence_senses``; these tests regenerate it, check what follows from the
sentences themselves, and that the sense chooser uses it as its default while the slide's
English, surnames and names still win when they speak.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from hanzi_companion.errors import DataFileError
from hanzi_companion.glossary import build_glossary, plain_gloss
from hanzi_companion.lexicon import Lexicon
from hanzi_companion.lexicon.models import SenseKind
from hanzi_companion.lexicon.sentences import Sentence, read_sentences
from hanzi_companion.lexicon.usual_senses import USUAL_SENSES_FILE, UsualSense, read_table
from hanzi_companion.senses import build_context, choose_sense, stem
from hanzi_companion.sentence_senses import (
    MIN_SHARE,
    MIN_VOTES,
    make_table,
    meaning_stems,
    meanings_of,
    sentence_votes,
    words_of,
)
from hanzi_companion.settings import Settings
from hanzi_companion.text.models import Deck, Slide


@pytest.fixture(scope="module")
def table(settings: Settings) -> dict[str, UsualSense]:
    return read_table(settings.data_path(USUAL_SENSES_FILE))


@pytest.fixture(scope="module")
def sentences(settings: Settings) -> list[Sentence]:
    return read_sentences(settings)


def test_the_shipped_table_is_what_the_script_makes(settings: Settings) -> None:
    shipped = settings.data_path(USUAL_SENSES_FILE).read_text(encoding="utf-8")
    assert make_table(settings) == shipped, (
        "dictionaries/usual_senses.tsv is stale: python -m hanzi_companion.sentence_senses"
    )


def test_every_usual_sense_is_a_sense_of_its_word_in_its_reading(
    table: dict[str, UsualSense], lexicon: Lexicon
) -> None:
    assert len(table) > 500
    for usual in table.values():
        entries = [e for e in lexicon.lookup(usual.word) if e.pinyin_numbered == usual.reading]
        assert any(s.text == usual.sense for e in entries for s in e.senses), usual


def test_a_usual_sense_needs_enough_sentences(
    table: dict[str, UsualSense], sentences: list[Sentence]
) -> None:
    heard: dict[str, int] = {}
    for sentence in sentences:
        for word in set(sentence.tokens):
            heard[word] = heard.get(word, 0) + 1
    for usual in table.values():
        assert usual.sentences == heard[usual.word]
        assert usual.votes >= MIN_VOTES and usual.votes >= MIN_SHARE * usual.sentences
    single = [w for w, n in heard.items() if n == 1]
    assert single and not any(w in table for w in single)  # one sentence flips nothing


@pytest.mark.parametrize(("word", "meaning"), [("钱", "money"), ("请", "please")])
def test_the_usual_sense_is_what_most_of_its_translations_say(
    word: str, meaning: str, table: dict[str, UsualSense], sentences: list[Sentence]
) -> None:
    # The word's translations say the meaning far more often than any word of its
    # dictionary's first sense (钱 "coin", 请 "to ask"): the table follows them.
    own = [s for s in sentences if word in s.tokens]
    saying = [s for s in own if stem(meaning) in words_of(s.translation)]
    assert len(saying) > MIN_SHARE * len(own)
    assert stem(meaning) in meaning_stems(table[word].sense)


def test_a_free_word_is_no_bound_form(table: dict[str, UsualSense], lexicon: Lexicon) -> None:
    # 教 "to teach" is jiāo as a word, jiào "(bound form) to teach" only inside words:
    # a sentence's token is a word, so its vote goes to the free form and its reading.
    readings = {e.pinyin_numbered for e in lexicon.lookup("教")}
    assert {"jiao1", "jiao4"} <= readings
    assert table["教"].reading == "jiao1" and "bound form" not in table["教"].sense


def test_a_translation_word_two_tokens_could_say_counts_half_for_each(lexicon: Lexicon) -> None:
    sentence = Sentence(
        "t", 1, "我用筷子吃饭。", "", "I eat with chopsticks.", ("我", "用", "筷子", "吃饭"), ()
    )
    cache = {w: meanings_of(lexicon.lookup(w)) for w in sentence.tokens}
    votes = list(sentence_votes(sentence, cache.__getitem__, lambda word: 1.0))
    by_word = {word: (meaning.text, vote) for word, meaning, vote in votes}
    assert "chopstick" in by_word["筷子"][0] and by_word["筷子"][1] == 1.0
    assert "with" in by_word["用"][0]  # "with" is only 用's to say here
    assert "use" not in by_word["用"][0]


def test_a_wording_is_the_one_its_sentences_say_most(
    table: dict[str, UsualSense], sentences: list[Sentence]
) -> None:
    worded = [u for u in table.values() if u.wording]
    assert worded
    for usual in worded:
        wordings = [w.strip() for w in usual.sense.split(";")]
        assert usual.wording in wordings[1:], usual
        assert usual.worded().split("; ")[0] == usual.wording
        assert sorted(usual.worded().split("; ")) == sorted(wordings)
    # 先 "beforehand; first; earlier": its sentences' English says "first" more than
    # "beforehand", so "first" leads.
    own = [s for s in sentences if "先" in s.tokens]
    first = sum(stem("first") in words_of(s.translation) for s in own)
    beforehand = sum(stem("beforehand") in words_of(s.translation) for s in own)
    assert first > beforehand and table["先"].wording == "first"


def test_the_first_wording_stays_when_its_sentences_say_it_too(
    table: dict[str, UsualSense], sentences: list[Sentence]
) -> None:
    # 也 "also; too": the translations say "too" more, but "also" too, often enough to be
    # everyday English: the dictionary's main wording leads.
    own = [s for s in sentences if "也" in s.tokens]
    also = sum(stem("also") in words_of(s.translation) for s in own)
    too = sum(stem("too") in words_of(s.translation) for s in own)
    assert too > also >= MIN_VOTES
    assert table["也"].sense.startswith("also") and table["也"].wording == ""
    assert table["有"].wording == ""  # "to have", though "there is" is said more


def test_a_verb_sense_is_matched_by_its_verb() -> None:
    assert meaning_stems("to eat at (a cafeteria etc)") == {"eat"}
    assert meaning_stems("please (do sth)") == {stem("please")}
    assert meaning_stems("very; completely") == {"very", "completely"}


def test_a_damaged_table_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / USUAL_SENSES_FILE
    path.write_text("word\treading\tsense\tvotes\tsentences\n钱\tqian2\tmoney\n", "utf-8")
    with pytest.raises(DataFileError, match="line 2"):
        read_table(path)


# -- the sense chooser --------------------------------------------------------------------------


def test_the_usual_sense_is_the_default(lexicon: Lexicon) -> None:
    entries = lexicon.lookup("钱")
    first = next(s for s in entries[0].senses if s.kind == SenseKind.MEANING)
    usual = lexicon.usual_sense("钱")
    assert usual is not None and usual.sense != first.text  # CC-CEDICT's first is "coin"
    context = build_context(entries, "钱", usual=lexicon.usual_sense)
    choice = choose_sense(entries, context)
    assert choice is not None and choice.sense.text == usual.sense
    assert choice.rule == "usual sense" and "example sentences" in choice.reason
    without = choose_sense(entries, build_context(entries, "钱"))
    assert without is not None and without.sense.text == first.text


def test_the_slides_english_still_wins(lexicon: Lexicon) -> None:
    entries = lexicon.lookup("钱")
    context = build_context(entries, "钱", slide_gloss="coin", usual=lexicon.usual_sense)
    choice = choose_sense(entries, context)
    assert choice is not None and choice.sense.text.startswith("coin")
    lines = ["钱 is a common surname"]
    context = build_context(entries, "钱", lines=lines, usual=lexicon.usual_sense)
    choice = choose_sense(entries, context)
    assert choice is not None and choice.sense.kind == SenseKind.SURNAME


def test_the_reading_follows_the_usual_sense(lexicon: Lexicon) -> None:
    entries = lexicon.lookup("教")
    assert entries[0].pinyin_numbered == "jiao4"  # the dictionary's usual reading
    choice = choose_sense(entries, build_context(entries, "教", usual=lexicon.usual_sense))
    assert choice is not None and choice.entry.pinyin_numbered == "jiao1"


def test_the_usual_wording_leads_unless_the_slide_names_another(lexicon: Lexicon) -> None:
    entries = lexicon.lookup("先")
    usual = lexicon.usual_sense("先")
    assert usual is not None and usual.wording
    choice = choose_sense(entries, build_context(entries, "先", usual=lexicon.usual_sense))
    assert choice is not None and choice.wording == usual.worded()
    first_wording = usual.sense.split(";")[0]
    context = build_context(entries, "先", slide_gloss=first_wording, usual=lexicon.usual_sense)
    choice = choose_sense(entries, context)
    assert choice is not None and choice.wording == ""


def test_a_deck_without_english_shows_the_usual_sense(lexicon: Lexicon) -> None:
    deck = Deck("words.md", "markdown", (Slide(1, "Words", "# 生词\n\n- 请\n- 钱\n- 教\n- 先\n"),))
    by_term = {t.term: t for t in build_glossary(deck, lexicon).terms}
    for word in ("请", "钱", "教", "先"):
        usual = lexicon.usual_sense(word)
        assert usual is not None
        assert by_term[word].pinyin_numbered == usual.reading
        assert by_term[word].sense_rule == "usual sense"
        lead = (usual.wording or usual.sense).split(";")[0]
        assert by_term[word].gloss.startswith(plain_gloss(lead))
