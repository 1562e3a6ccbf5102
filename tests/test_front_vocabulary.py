"""Vocabulary kept in front matter is deck text: each record's term with its own pinyin and
meaning, its sentences line by line; the page's metadata stays metadata. The excerpts are
taken from the documents of ``tests/data/decks/real/dev3`` (see their PROVENANCE.md)."""

from __future__ import annotations

import json

import pytest

from hanzi_companion.errors import DeckError
from hanzi_companion.glossary import build_glossary
from hanzi_companion.lexicon import Lexicon
from hanzi_companion.render.html import render_html
from hanzi_companion.render.json import render_json
from hanzi_companion.render.markdown import render_markdown
from hanzi_companion.text.decks import read_deck_text
from hanzi_companion.text.formats.front_vocabulary import (
    is_romanisation,
    is_sentence,
    vocabulary_blocks,
    vocabulary_text,
)

# annarider/mandarin-playbook, src/content/activities/thanksgiving-gratitude.md (excerpt)
ASTRO = """---
title: "Thanksgiving Gratitude Circle"
description: "Practice expressing gratitude in Mandarin during Thanksgiving with family circle time"
category: "festival"
vocabulary:
  - simplified: "感谢"
    pinyin: "gǎnxiè"
    english: "to thank, to be grateful"
  - simplified: "朋友"
    pinyin: "péngyou"
    english: "friend"
phrases:
  - simplified: "我很感谢..."
    pinyin: "wǒ hěn gǎnxiè..."
    english: "I am grateful for..."
tags: ["thanksgiving", "gratitude", "family", "speaking"]
---

## Activity Instructions

- Everyone responds with "谢谢" (xièxie)
"""

# a Vietnamese IT-vocabulary lesson (dev3/itvocab-deep-learning-vi), all in front matter
LESSON = """---
id: zh-it-04-deep-learning
locale: vi
title: Deep learning
pattern: "深度学习 / 神经网络 / 训练 / 过拟合"
vocab:
  - { hanzi: "神经网络", pinyin: "shénjīng wǎngluò", gloss: "mạng nơ-ron" }
  - { hanzi: "过拟合", pinyin: "guò nǐhé", gloss: "overfitting / quá khớp" }
steps:
  - type: dialogue
    lines:
      - { speaker: "A", text: "训练效果怎么样？", reading: "xùnliàn xiàoguǒ zěnmeyàng?" }
  - type: teach
    items:
      - { form: "训练", reading: "xùnliàn", gloss: "huấn luyện", example: "训练效果怎么样？" }
---
"""

# shadowcodex/hanzi-website, _lessons/hsk_1_chapter_4.md (excerpt, encoded fields left out)
JEKYLL = """---
title: HSK 1 - Chapter 4
slug: hsk_1_chapter_4
hanzi: 她、谁、的、汉语、哪、国、呢、他、同学、朋友
dialogs:
- title: 'Dialogue 1: Introducing a Friend'
  lines: |-
    A: 你好！她是谁？
    B: 她是我的同学。她叫李月。
layout: lessons
---
"""


def test_a_record_is_a_row_of_its_term_reading_and_meaning() -> None:
    lines = vocabulary_text(ASTRO).split("\n")
    assert lines[:2] == ["感谢 | gǎnxiè | to thank, to be grateful", "朋友 | péngyou | friend"]


def test_a_phrase_to_complete_loses_its_dots() -> None:
    assert "我很感谢 | wǒ hěn gǎnxiè | I am grateful for" in vocabulary_text(ASTRO).split("\n")


@pytest.mark.parametrize(
    "front",
    [
        "title: 第三周：水",
        "author: 李老师",
        "description: 中文",
        "_header: 城市化",
        "venue: 北京大学",
    ],
)
def test_page_metadata_is_no_deck_text(front: str) -> None:
    assert vocabulary_text(f"---\n{front}\nlayout: post\n---\n# A") == ""


def test_a_sentence_is_a_line_without_its_pinyin_or_translation() -> None:
    lines = vocabulary_text(LESSON).split("\n")
    assert "训练效果怎么样？" in lines
    assert not any("zěnmeyàng" in line for line in lines)


def test_a_record_with_an_example_pairs_the_term_with_its_own_meaning() -> None:
    lines = vocabulary_text(LESSON).split("\n")
    assert "训练 | xùnliàn | huấn luyện" in lines
    assert "神经网络 | shénjīng wǎngluò | mạng nơ-ron" in lines
    assert lines[0] == "深度学习 / 神经网络 / 训练 / 过拟合"  # other Chinese, as written


def test_an_example_translation_is_the_sentences_not_the_terms() -> None:
    card = (
        "---\ncards:\n  - zh: 接\n    pinyin: jiē\n    it: andare a prendere\n"
        "    example: 我去机场接你。\n    translation: Vengo a prenderti all'aeroporto.\n---\n"
    )
    assert vocabulary_text(card).split("\n") == ["接 | jiē | andare a prendere", "我去机场接你。"]


def test_a_field_named_after_the_sentence_is_the_sentences() -> None:
    card = (
        "---\nwords:\n  - word: 学习\n    meaning: to study\n    exampleSentence: 我学习汉语。\n"
        "    examplePinyin: Wǒ xuéxí Hànyǔ.\n---\n"
    )
    assert vocabulary_text(card).split("\n") == ["学习 | to study", "我学习汉语。"]


def test_a_block_of_dialogue_is_kept_line_by_line() -> None:
    lines = vocabulary_text(JEKYLL).split("\n")
    assert lines == [
        "她、谁、的、汉语、哪、国、呢、他、同学、朋友",
        "A: 你好！她是谁？",
        "B: 她是我的同学。她叫李月。",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("shénjīng wǎngluò", True),
        ("xièxie nǐ", True),
        ("xi2 zi4", True),
        ("mạng nơ-ron", False),
        ("huấn luyện", False),
        ("friend", False),
        ("zhong wen", False),
    ],
)
def test_romanisation_is_pinyin_with_a_tone(text: str, expected: bool) -> None:
    assert is_romanisation(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("训练效果不错，但要注意过拟合。", True),
        ("A: 你好！她是谁？", True),
        ("中秋节快乐", False),
        ("我很感谢...", False),
        ("我爱我的家人", False),
    ],
)
def test_a_sentence_is_punctuated_or_long(text: str, expected: bool) -> None:
    assert is_sentence(text) is expected


def test_a_deck_of_front_matter_only_is_read() -> None:
    deck = read_deck_text(JEKYLL, "hsk_1_chapter_4.md")
    assert [slide.number for slide in deck.slides] == [1]
    assert deck.metadata.title == "HSK 1 - Chapter 4"


def test_front_matter_without_vocabulary_is_still_an_empty_deck() -> None:
    with pytest.raises(DeckError, match="empty deck"):
        read_deck_text("---\ntitle: 第三周\nlayout: post\n---\n", "empty.md")


def test_the_vocabulary_comes_after_the_body_s_slides() -> None:
    deck = read_deck_text(ASTRO, "thanksgiving-gratitude.md")
    assert "谢谢" in deck.slides[0].text
    assert deck.slides[-1].number == deck.slides[-2].number + 1
    assert deck.slides[-1].text.startswith("感谢 | gǎnxiè")


def test_the_front_matter_is_on_no_slide_the_deck_counts() -> None:
    deck = read_deck_text(ASTRO, "thanksgiving-gratitude.md")
    assert deck.slides[-1].header and not deck.slides[0].header
    assert deck.header_slide == deck.slides[-1].number
    assert deck.slide_count == deck.slides[-2].last_number


def test_a_page_of_front_matter_only_is_its_one_slide() -> None:
    deck = read_deck_text(JEKYLL, "hsk_1_chapter_4.md")
    assert deck.header_slide is None
    assert deck.slide_count == 1


def test_no_output_links_a_word_of_the_front_matter_to_a_slide(lexicon: Lexicon) -> None:
    """The front matter is after the last slide: a link ``#N`` there would lead nowhere."""
    glossary = build_glossary(read_deck_text(ASTRO, "thanksgiving-gratitude.md"), lexicon)
    terms = {term.term: term for term in glossary.terms}
    (header,) = terms["朋友"].occurrences
    assert header.in_header and header.slide > glossary.deck.slide_count
    assert not any(o.in_header for o in terms["谢谢"].occurrences)
    url = "https://example.org/{stem}.html"
    page = render_markdown(glossary, deck_url_template=url)
    row = next(line for line in page.splitlines() if "| 朋友" in line or "朋友](" in line)
    assert "front matter" in row and "#" + str(header.slide) not in row
    data = json.loads(render_json(glossary))
    (occurrence,) = next(t for t in data["terms"] if t["term"] == "朋友")["occurrences"]
    assert occurrence["in_header"] is True and occurrence["fragment"] == ""
    html = render_html(glossary, deck_url_template=url)
    assert f"thanksgiving-gratitude.html#{header.slide}" not in html
    assert "front matter" in html


def test_the_record_s_pinyin_and_meaning_reach_the_glossary(lexicon: Lexicon) -> None:
    glossary = build_glossary(read_deck_text(LESSON, "deep-learning.md"), lexicon)
    terms = {term.term: term for term in glossary.terms}
    assert terms["神经网络"].slide_gloss == "mạng nơ-ron"
    assert terms["神经网络"].romanisation == "shénjīng wǎngluò"
    assert terms["训练"].slide_gloss == "huấn luyện"
    assert "效果" in terms  # a word of the dialogue line


def test_an_unpunctuated_example_is_no_second_script_of_the_term() -> None:
    card = (
        "---\ncards:\n  - zh: 接\n    pinyin: jiē\n    it: andare a prendere\n"
        "    esempio: 我去机场接你\n---\n"
    )
    assert vocabulary_text(card).split("\n") == ["接 | jiē | andare a prendere", "我去机场接你"]


def test_a_word_in_both_scripts_is_a_row_for_each() -> None:
    card = (
        "---\nwords:\n  - simplified: 学习\n    traditional: 學習\n    pinyin: xuéxí\n"
        "    en: to study\n---\n"
    )
    assert vocabulary_text(card).split("\n") == [
        "学习 | xuéxí | to study",
        "學習 | xuéxí | to study",
    ]


def test_a_note_on_one_word_is_a_record_of_its_own() -> None:
    note = "---\ntitle: 学习\nhanzi: 学习\npinyin: xuéxí\nmeaning: to study\ntags: [hsk1]\n---\n"
    assert vocabulary_text(note) == "学习 | xuéxí | to study"


def test_meanings_given_as_a_list_are_the_terms_gloss() -> None:
    card = (
        "---\nwords:\n  - zh: 感谢\n    pinyin: gǎnxiè\n    en: [to thank, to be grateful]\n---\n"
    )
    assert vocabulary_text(card) == "感谢 | gǎnxiè | to thank; to be grateful"


def test_a_term_written_as_a_fields_name() -> None:
    words = (
        "---\nwords:\n  学习: to study\n  朋友: péngyou\n"
        "  谢谢:\n    pinyin: xièxie\n    meaning: thank you\n---\n"
    )
    assert vocabulary_text(words).split("\n") == [
        "学习 | to study",
        "朋友 | péngyou",
        "谢谢 | xièxie | thank you",
    ]


def test_chinese_field_names_are_read() -> None:
    card = "---\nwords:\n  - 词: 朋友\n    拼音: péngyou\n    意思: friend\n---\n"
    assert vocabulary_text(card) == "朋友 | péngyou | friend"


def test_a_line_yaml_cannot_read_does_not_lose_the_lesson() -> None:
    post = (
        "---\ntitle: Lezione 16: il tempo\nflashcards:\n- zh: 空儿\n  pinyin: kòngr\n"
        "  it: tempo libero\n---\n"
    )
    assert vocabulary_text(post) == "空儿 | kòngr | tempo libero"


def test_the_vocabulary_is_no_title() -> None:
    deck = read_deck_text("---\nwords:\n  - zh: 朋友\n    en: friend\n---\n", "words.md")
    assert deck.metadata.title == ""
    assert deck.slides[0].text == "朋友 | friend"


FENCED = """# Lesson 3

```yaml
# 第三课的生词
vocabulary:
  - hanzi: 学习
    pinyin: xuéxí
    english: to study
```

```yaml
server: 中文
```
"""


def test_a_fenced_yaml_block_of_vocabulary_is_read_like_front_matter() -> None:
    lines = vocabulary_blocks(FENCED).split("\n")
    assert lines[2:4] == ["# 第三课的生词", "学习 | xuéxí | to study"]
    assert "server: 中文" in lines  # no vocabulary in it: left as it is


def test_a_fenced_block_s_pairing_reaches_the_glossary(lexicon: Lexicon) -> None:
    glossary = build_glossary(read_deck_text(FENCED, "lesson3.md"), lexicon)
    terms = {term.term: term for term in glossary.terms}
    assert terms["学习"].slide_gloss == "to study"
    assert terms["学习"].romanisation == "xuéxí"


HUGO_TOML = """+++
title = "Lezione 16"
date = 2024-03-01
tags = ["cinese"]

[[flashcards]]
zh = "空儿"
pinyin = "kòngr"
it = "tempo libero"
esempio = "你明天有空儿吗？"
traduzione = "Domani hai tempo libero?"
+++
"""


def test_hugo_toml_front_matter_is_metadata_and_vocabulary() -> None:
    deck = read_deck_text(HUGO_TOML, "lezione_16.md")
    assert deck.metadata.title == "Lezione 16" and deck.metadata.date == "2024-03-01"
    assert deck.slides[0].text.split("\n") == ["空儿 | kòngr | tempo libero", "你明天有空儿吗？"]


def test_a_plus_line_that_opens_no_toml_is_text() -> None:
    text = "+++\nnot = [toml\n+++\n空儿\n"
    assert "空儿" in read_deck_text(text, "notes.txt").slides[0].text


def test_the_front_matter_is_parsed_once_and_not_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    """Metadata and vocabulary come from one reading of the YAML (a 2 MB list of flashcards
    costs seconds a reading), and the deck does not keep it alive once read."""
    import yaml

    from hanzi_companion.text.formats.front_matter import load_yaml

    calls: list[str] = []
    real_load = yaml.load

    def counting_load(stream: str, Loader: type) -> object:
        calls.append(stream)
        return real_load(stream, Loader=Loader)

    monkeypatch.setattr(yaml, "load", counting_load)
    deck = read_deck_text(LESSON, "deep-learning.md")
    assert deck.metadata.title == "Deep learning"
    assert "神经网络" in deck.slides[-1].text
    assert len(calls) == 1
    assert load_yaml.cache_info().currsize == 0
