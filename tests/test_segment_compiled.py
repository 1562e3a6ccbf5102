"""The compiled segmentation dictionary: jieba's own segmentation, the same words and counts.

Every test deck (and the seed) is cut by our trie-backed tokenizer and by a plain jieba
``Tokenizer`` built from the same dictionary lines, with and without the HMM; they must agree
word for word, and every count jieba would look up must be the same.
"""

from __future__ import annotations

import gc
import re
from pathlib import Path

import jieba
import pytest

from hanzi_companion.files import unseal
from hanzi_companion.lexicon import Lexicon
from hanzi_companion.settings import Settings
from hanzi_companion.text.segment import (
    CompiledDictionary,
    Segmenter,
    _corpus_words,
    dictionary_lines,
    segmenter_for,
)

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "hanzi_companion" / "demo_course" / "week07.txt"
DECKS = [
    *sorted(
        p
        for p in (ROOT / "tests" / "data" / "decks").rglob("*")
        if p.suffix in {".md", ".txt", ".html"} and p.is_file()
    ),
    SEED,
]
_HAN_RUN = re.compile(r"[\u3400-\u9fff\U00020000-\U0002ffff]+")


@pytest.fixture(scope="module")
def plain(lexicon: Lexicon, tmp_path_factory: pytest.TempPathFactory) -> jieba.Tokenizer:
    """A plain jieba Tokenizer on the same dictionary lines, as the old segmenter built it."""
    folder = tmp_path_factory.mktemp("plain-jieba")
    dictionary = folder / "dictionary.txt"
    dictionary.write_text("".join(dictionary_lines(lexicon)), encoding="utf-8")
    tokenizer = jieba.Tokenizer(dictionary=str(dictionary))
    tokenizer.tmp_dir = str(folder)
    tokenizer.initialize()
    return tokenizer


@pytest.fixture(scope="module")
def segmenter(lexicon: Lexicon) -> Segmenter:
    return segmenter_for(lexicon)


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="replace")


@pytest.mark.parametrize("deck", DECKS, ids=lambda p: p.name)
@pytest.mark.parametrize("hmm", [False, True], ids=["dictionary", "hmm"])
def test_every_deck_is_cut_as_jieba_cuts_it(
    plain: jieba.Tokenizer, segmenter: Segmenter, deck: Path, hmm: bool
) -> None:
    text = _text(deck)
    ours = segmenter.tokenizer.lcut(text, HMM=hmm)
    assert ours == plain.lcut(text, HMM=hmm)


@pytest.mark.parametrize("hmm", [False, True], ids=["dictionary", "hmm"])
def test_the_seed_is_cut_into_words(segmenter: Segmenter, hmm: bool) -> None:
    """Real words are found, not only characters (some small test decks list characters)."""
    ours = segmenter.tokenizer.lcut(_text(SEED), HMM=hmm)
    assert sum(len(w) > 1 for w in ours if _HAN_RUN.fullmatch(w)) > 10


def test_counts_and_total_are_jiebas(plain: jieba.Tokenizer, segmenter: Segmenter) -> None:
    """Every piece of every Han run (up to 8 characters) has the count jieba holds for it
    (prefixes, which jieba keeps with a count of 0, read as 0 too)."""
    ours = segmenter.tokenizer
    assert ours.total == plain.total
    pieces = {
        run[i:j]
        for deck in DECKS
        for run in _HAN_RUN.findall(_text(deck))
        for i in range(len(run))
        for j in range(i + 1, min(len(run), i + 8) + 1)
    }
    assert len(pieces) > 1000
    for piece in pieces:
        assert ours.FREQ.get(piece, 0) == (plain.FREQ.get(piece) or 0), piece
    words = [word for word, count in plain.FREQ.items() if count]
    assert len(ours.FREQ) == len(words)
    assert all(ours.FREQ[word] == plain.FREQ[word] for word in words[::97])


def test_cut_inside_splits_as_on_jiebas_own_counts(
    plain: jieba.Tokenizer, segmenter: Segmenter
) -> None:
    on_plain = Segmenter(segmenter.lexicon)
    on_plain._tokenizer = plain  # the same rule on jieba's dict of counts
    words = {w for deck in DECKS for w in segmenter.cut(_text(deck)) if len(w) > 1}
    words |= {run for deck in DECKS for run in _HAN_RUN.findall(_text(deck))}
    assert len(words) > 500
    for word in sorted(words):
        assert segmenter.cut_inside(word) == on_plain.cut_inside(word), word
        assert segmenter.is_known(word) == on_plain.is_known(word), word


def test_the_corpus_words_are_jiebas(segmenter: Segmenter, settings: Settings) -> None:
    corpus = _corpus_words(settings.jieba_dict_path)
    compiled = segmenter.tokenizer.compiled.corpus
    assert len(compiled) == len(corpus) and all(w in compiled for w in list(corpus)[::53])
    assert segmenter.corpus_word("特大城市") and not segmenter.corpus_word("城市特大")


def test_a_damaged_compiled_file_is_compiled_again(
    lexicon: Lexicon, segmenter: Segmenter, tmp_path: Path
) -> None:
    """Slow (1-2 s alone, more on a busy machine): the dictionary is compiled once more from
    the lexicon, which is the behaviour under test."""
    expected = segmenter.cut("大众创业万众创新")
    data = segmenter.dictionary_path.read_bytes()
    for damaged in (data[: len(data) // 2], data + b"x", data[:60], b"", b"x" * 100):
        with pytest.raises(ValueError):
            CompiledDictionary.load(damaged)
    private = Lexicon(lexicon.path, lexicon.settings.with_changes(cache_dir=tmp_path))
    fresh = Segmenter(private)
    fresh.dictionary_path.write_bytes(data[: len(data) // 2])
    assert fresh.cut("大众创业万众创新") == expected  # compiled again (a few seconds)
    assert fresh.dictionary_path.read_bytes() == data


def test_words_cannot_be_added(segmenter: Segmenter) -> None:
    with pytest.raises(TypeError, match="read-only"):
        segmenter.tokenizer.add_word("创新创业")


def test_the_mapped_tries_outlive_the_bytes_they_were_read_from(segmenter: Segmenter) -> None:
    """The tries are mapped in place (no copy): they keep their buffer alive themselves."""
    expected = segmenter.tokenizer.compiled
    loaded = CompiledDictionary.load(unseal(segmenter.dictionary_path.read_bytes()))
    gc.collect()
    _ = [bytes(1 << 20) for _ in range(32)]  # memory the file's bytes would be reused for
    words = ["创新", "大众创业", "特大城市", "中华人民共和国"]
    assert [loaded.counts.get(w) for w in words] == [expected.counts.get(w) for w in words]
    assert [w in loaded.corpus for w in words] == [w in expected.corpus for w in words]
    assert list(loaded.counts.trie.prefixes("中华人民共和国")) == ["中", "中华", "中华人民共和国"]
