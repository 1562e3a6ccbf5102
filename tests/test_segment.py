"""The segmenter: our own jieba Tokenizer on the lexicon's headwords, cached by index identity."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

import jieba
import pytest

from hanzi_companion.lexicon import Lexicon
from hanzi_companion.settings import Settings
from hanzi_companion.text.segment import Segmenter, dictionary_lines, segmenter_for


@pytest.fixture(scope="module")
def segmenter(lexicon: Lexicon) -> Segmenter:
    return segmenter_for(lexicon)


def test_dictionary_words_jieba_never_counted_stay_whole(
    segmenter: Segmenter, lexicon: Lexicon
) -> None:
    # 创客 is a CC-CEDICT word with no count in jieba's word list.
    assert lexicon.frequency("创客") == 0 and "创客" in lexicon
    assert segmenter.cut("创客") == ("创客",)
    assert "创客" in segmenter.cut("年轻创客")


def test_course_dictionary_terms_stay_whole(segmenter: Segmenter, lexicon: Lexicon) -> None:
    entries = lexicon.lookup("双创")
    assert entries and entries[0].source == "course dictionary"
    assert segmenter.cut("双创") == ("双创",)


def test_a_zero_count_word_beats_its_split_into_frequent_words(segmenter: Segmenter) -> None:
    # 新时代 (CC-CEDICT, no jieba count) against 新 + 时代 (both frequent).
    assert segmenter.cut("习近平新时代") == ("习近平", "新时代")


def test_cut_inside_gives_the_words_of_a_dictionary_word(
    segmenter: Segmenter, lexicon: Lexicon
) -> None:
    assert "中国科学院" in lexicon
    assert segmenter.cut("中国科学院") == ("中国科学院",)
    assert segmenter.cut_inside("中国科学院") == ("中国", "科学院")


def test_cut_inside_prefers_a_final_single_character_suffix(segmenter: Segmenter) -> None:
    # 办公|社 (office + society) rather than 办|公社 (handle + commune).
    assert segmenter.cut_inside("联合创业办公社") == ("联合", "创业", "办公", "社")
    assert segmenter.cut_inside("开发区") == ("开发", "区")


def test_cut_inside_always_covers_the_word(segmenter: Segmenter) -> None:
    for word in ("创", "抓大放小", "龘龘龘", "中国特色社会主义思想"):
        pieces = segmenter.cut_inside(word)
        assert "".join(pieces) == word


def test_sentences_cut_into_words(segmenter: Segmenter) -> None:
    assert segmenter.cut("我们要建设美丽的城市") == ("我们", "要", "建设", "美丽", "的", "城市")


def test_never_touches_jiebas_default_tokenizer(segmenter: Segmenter) -> None:
    segmenter.cut("创新")
    assert jieba.dt.initialized is False
    assert segmenter.tokenizer is not jieba.dt
    assert logging.getLogger("jieba").level >= logging.WARNING


def test_files_are_named_after_the_index_and_written_atomically(
    lexicon: Lexicon, settings: Settings, tmp_path: Path
) -> None:
    """Slow (seconds): the segmentation dictionary is compiled in an empty cache folder."""
    private = Lexicon(lexicon.path, settings.with_changes(cache_dir=tmp_path))
    segmenter = Segmenter(private)
    results: list[tuple[str, ...]] = []

    def cut() -> None:
        results.append(segmenter.cut("大众创业万众创新"))

    threads = [threading.Thread(target=cut) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 4 and len(set(results)) == 1
    names = sorted(p.name for p in tmp_path.iterdir())
    assert all(lexicon.path.stem in name for name in names)
    assert not [name for name in names if name.endswith(".tmp")]
    assert segmenter.dictionary_path.is_file()
    # A second segmenter on the same cache folder starts from the files already there.
    before = segmenter.dictionary_path.stat().st_mtime_ns
    again = Segmenter(private)
    assert again.cut("大众创业万众创新") == results[0]
    assert segmenter.dictionary_path.stat().st_mtime_ns == before


def test_dictionary_lines_have_positive_counts(lexicon: Lexicon) -> None:
    for number, line in enumerate(dictionary_lines(lexicon)):
        word, count = line.split()
        assert word and int(count) > 0
        if number > 2000:
            break


def test_cut_inside_does_not_let_a_rare_word_win_by_avoiding_a_single_character(
    segmenter: Segmenter,
) -> None:
    """长三 (a rare old word) + 角 against 长 + 三角 (triangle): the likelier split wins, while
    a final single character is still preferred as a suffix (办公|社, not 办|公社)."""
    assert segmenter.cut_inside("长三角") == ("长", "三角")
    assert segmenter.cut_inside("联合创业办公社")[-2:] == ("办公", "社")
