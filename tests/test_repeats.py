"""A Chinese document's own words: runs its text repeats as units, kept whole where the
segmenter would cut them into pieces (text/repeats.py), and place names made of a name and a
place's ending (text/places.py), on the real dictionary."""

from __future__ import annotations

import pytest

from hanzi_companion.glossary import build_glossary
from hanzi_companion.lexicon import Lexicon
from hanzi_companion.text.decks import read_deck_text
from hanzi_companion.text.extract import Extractor
from hanzi_companion.text.places import place_names
from hanzi_companion.text.repeats import DocumentSegmenter, cut_keeping, redrawn, repeated_words
from hanzi_companion.text.segment import Segmenter, _corpus_words, segmenter_for

# A food post in the manner of a Hong Kong blog: 艇仔粥 and 雞蛋仔 four times each, after and
# before different characters; 很好 and 看報紙 repeat too, but are grammar and a verb's object.
POST = """艇仔粥是廣州的小吃，我很喜歡艇仔粥。
早上去吃艇仔粥很好，晚上吃艇仔粥也很好。
街上有人賣雞蛋仔，雞蛋仔很香，我買了雞蛋仔，朋友也買雞蛋仔。
爸爸常常看報紙，媽媽也看報紙。
"""


@pytest.fixture(scope="module")
def segmenter(lexicon: Lexicon) -> Segmenter:
    return segmenter_for(lexicon)


def _words(lexicon: Lexicon, text: str) -> frozenset[str]:
    extractor = Extractor(lexicon)
    return repeated_words(
        [text],
        lambda w: bool(lexicon.lookup(w)),
        extractor.segmenter.base.cut,
        extractor.word_class,
    )


def test_a_run_the_text_repeats_in_different_places_is_a_word_of_it(
    lexicon: Lexicon, segmenter: Segmenter
) -> None:
    assert len(segmenter.cut("艇仔粥")) > 1  # no dictionary has it: the segmenter cuts it up
    words = _words(lexicon, POST)
    assert {"艇仔粥", "雞蛋仔"} <= words


def test_grammar_and_a_verb_with_its_object_are_no_words_of_the_text(lexicon: Lexicon) -> None:
    words = _words(lexicon, POST)
    assert not {"很好", "看報紙", "報紙", "也看"} & words
    assert not any(len(w) < 2 or "很" in w for w in words)


def test_a_run_written_once_or_always_in_the_same_place_is_no_word(lexicon: Lexicon) -> None:
    once = POST.replace("我很喜歡艇仔粥", "我很喜歡").replace("晚上吃艇仔粥也很好", "")
    assert "艇仔粥" not in _words(lexicon, once.replace("早上去吃艇仔粥很好", ""))
    # 餐廳 follows 茶 each time: a piece of 茶餐廳, not a word of its own
    same = "茶餐廳很多，茶餐廳很好，去茶餐廳，在茶餐廳。"
    words = _words(lexicon, same)
    assert "茶餐廳" in words and "餐廳" not in words


def test_the_text_is_cut_with_its_own_words_kept_whole(segmenter: Segmenter) -> None:
    words = frozenset(["艇仔粥"])
    assert cut_keeping("我很喜歡艇仔粥和油條", words, segmenter.cut) == (
        "我",
        "很",
        "喜歡",
        "艇仔粥",
        "和",
        "油條",
    )
    assert cut_keeping("我很喜歡油條", words, segmenter.cut) == segmenter.cut("我很喜歡油條")


def test_a_chinese_document_gives_the_word_it_repeats_not_its_pieces(lexicon: Lexicon) -> None:
    deck = read_deck_text(POST, "post.txt")
    terms = {m.term for m in Extractor(lexicon).mentions(deck)}
    assert {"艇仔粥", "雞蛋仔"} <= terms
    assert not {"艇", "仔", "仔粥"} & terms


# -- place names ---------------------------------------------------------------------------


def _places(
    lexicon: Lexicon, words: tuple[str, ...], own: frozenset[str] = frozenset()
) -> tuple[str, ...]:
    extractor = Extractor(lexicon)
    extractor.segmenter.words = own
    return place_names(words, extractor._place_rules)


def test_a_transcribed_name_and_a_road_are_one_place(
    lexicon: Lexicon, segmenter: Segmenter
) -> None:
    assert segmenter.cut("軒尼斯道") == ("軒", "尼斯", "道")  # pavilion | Nice | road
    assert _places(lexicon, ("兩", "老", "於", "軒", "尼斯", "道")) == (
        "兩",
        "老",
        "於",
        "軒尼斯道",
    )


def test_a_word_of_the_document_and_a_street_are_one_place(lexicon: Lexicon) -> None:
    own = frozenset(["春園"])
    assert _places(lexicon, ("灣仔", "春園", "街"), own) == ("灣仔", "春園街")
    assert _places(lexicon, ("灣仔", "春園", "街")) == ("灣仔", "春園", "街")


@pytest.mark.parametrize(
    "words",
    [
        ("二手", "電器", "街"),  # a common word: a street of shops, no name
        ("我", "去", "大", "街"),
        ("走", "到", "街"),
        ("一", "條", "街"),
    ],
)
def test_a_place_ending_after_a_word_of_the_language_stays_a_word(
    lexicon: Lexicon, words: tuple[str, ...]
) -> None:
    assert _places(lexicon, words) == words


def test_a_street_is_glossed_as_a_place_not_a_person(lexicon: Lexicon) -> None:
    text = "地址：灣仔春園街，春園大廈地下。我們在春園街吃飯。"
    glossary = build_glossary(read_deck_text(text, "address.txt"), lexicon)
    street = next(t for t in glossary.terms if t.term == "春園街")
    assert "place name" in street.gloss and "personal" not in street.gloss


# -- prose cut with jieba's corpus words ------------------------------------------------------


@pytest.fixture(scope="module")
def prose(lexicon: Lexicon) -> DocumentSegmenter:
    segmenter = Extractor(lexicon).segmenter
    segmenter.prose = True
    return segmenter


@pytest.mark.parametrize(
    ("text", "dictionary", "expected"),
    [
        # 之一 "one of" is the commonest word, but 总之 一通 "in short, a bout of" reads on
        ("总之一通", ("总", "之一", "通"), ("总之", "一通")),
        ("總之一通", ("總", "之一", "通"), ("總之", "一通")),
        # traditional text is looked up in the corpus in its simplified spelling (两年)
        (
            "也才兩年前的訊息",
            ("也", "才", "兩", "年前", "的", "訊息"),
            ("也", "才", "兩年", "前", "的", "訊息"),
        ),
    ],
)
def test_prose_takes_the_corpus_word_that_moves_a_boundary(
    prose: DocumentSegmenter, text: str, dictionary: tuple[str, ...], expected: tuple[str, ...]
) -> None:
    assert prose.base.cut(text) == dictionary
    assert prose.dictionary_cut(text) == expected


@pytest.mark.parametrize("text", ["展现出", "很大", "已經很久沒有來了", "大众创业万众创新"])
def test_prose_leaves_corpus_words_that_only_join_words(
    prose: DocumentSegmenter, text: str
) -> None:
    assert prose.dictionary_cut(text) == prose.base.cut(text)


def test_a_corpus_word_is_taken_only_where_it_redraws_a_boundary() -> None:
    def known(word: str) -> bool:
        return word in {"总之", "之一"}

    assert redrawn(("总", "之一", "通"), ("总之", "一通"), known) == ("总之", "一通")
    assert redrawn(("很", "大", "的"), ("很大", "的"), known) == ("很", "大", "的")


def test_the_corpus_counts_are_jiebas(segmenter: Segmenter, lexicon: Lexicon) -> None:
    corpus = _corpus_words(lexicon.settings.jieba_dict_path)
    counts = segmenter.tokenizer.compiled.corpus_counts
    assert all(counts.get(word) == corpus[word] for word in list(corpus)[::97])
    assert counts.get("一通") == corpus["一通"] > 0


def test_a_word_of_the_document_never_cuts_through_a_dictionary_word(
    segmenter: Segmenter,
) -> None:
    # 化街 repeats in 文化街 and 迪化街; in 迪化 | 街 it would cut the name 迪化 in two
    assert segmenter.cut("走到迪化街") == ("走", "到", "迪化", "街")
    assert cut_keeping("走到迪化街", frozenset(["化街"]), segmenter.cut) == segmenter.cut(
        "走到迪化街"
    )
    assert cut_keeping("茶餐廳很好", frozenset(["茶餐廳"]), segmenter.cut)[0] == "茶餐廳"


def test_a_verb_and_its_result_repeated_is_no_word_of_the_text(lexicon: Lexicon) -> None:
    text = "我感受到了快樂，他也感受到了，大家都能感受到這裡的熱情，誰不感受到呢。"
    assert "感受到" not in _words(lexicon, text)


def test_prose_joins_characters_the_dictionary_leaves_stranded(prose: DocumentSegmenter) -> None:
    # 香江, a literary name of Hong Kong, is in jieba's corpus, not in the dictionaries
    assert prose.base.cut("香江行之二")[:2] == ("香", "江")
    assert prose.dictionary_cut("香江行之二")[0] == "香江"


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("深圳弥漫着同声同气的精神", "同声"),  # an idiom the sentence rules keep whole
        ("两个多月前", "多月"),  # 多 "more than" counts the months
    ],
)
def test_prose_leaves_idioms_and_counted_words_to_the_sentence_rules(
    prose: DocumentSegmenter, text: str, absent: str
) -> None:
    assert absent not in prose.dictionary_cut(text)


def test_prose_leaves_a_classifier_to_its_number(prose: DocumentSegmenter) -> None:
    assert prose.dictionary_cut("我有七本书") == ("我", "有", "七", "本", "书")


def test_a_run_repeated_across_dictionary_words_is_no_word(lexicon: Lexicon) -> None:
    # 北走 twice inside 南北 | 走向 and once as 往 北 走: it stands alone only once
    text = "北京的胡同多为东西走向，也有南北走向的。您往北走，过三个胡同再往东，南北走向的小胡同。"
    assert "北走" not in _words(lexicon, text)
    # 草茉莉 stands alone each time: a word of this text
    text += "最多的还是草茉莉，草茉莉开起花儿来很好看，我也喜欢草茉莉。"
    assert "草茉莉" in _words(lexicon, text)


def test_the_spoken_ending_of_a_word_is_no_word_of_the_text(lexicon: Lexicon) -> None:
    text = "满院儿飘香，小杂院儿里住着四家，大院儿外面有树，后院儿很安静。"
    assert not {w for w in _words(lexicon, text) if w.endswith("儿")}


def test_prose_leaves_a_noun_and_its_localiser_apart(prose: DocumentSegmenter) -> None:
    assert "肩上" not in prose.dictionary_cut("李老师的手轻轻拍在我肩上")
