"""The sense a word has in the dictionary's longer words made with it (senses.dictionary_family,
senses.field_family), and 大陸 "mainland China" in writing from Taiwan and Hong Kong
(senses.mainland_across_the_strait): rules for text that gives no English for its words."""

from __future__ import annotations

from hanzi_companion.glossary import GlossaryTerm, build_glossary
from hanzi_companion.lexicon import Lexicon
from hanzi_companion.senses import (
    FAMILY,
    FIELD_VOCABULARY_SHARE,
    PRIOR_RULES,
    RULES,
    Kin,
    SenseContext,
    candidates,
    choose_sense,
    dictionary_family,
    domain_needs_evidence,
    english_stems,
    labelled_fields,
    mainland_across_the_strait,
)
from hanzi_companion.text.decks import read_deck_text


def _term(lexicon: Lexicon, text: str, term: str) -> GlossaryTerm:
    glossary = build_glossary(read_deck_text(text, "article.txt", "text"), lexicon)
    return next(t for t in glossary.terms if t.term == term)


def _family(lexicon: Lexicon, word: str) -> tuple[Kin, ...]:
    words = lexicon.words_with(word)
    return tuple(Kin(english_stems(" ".join(e.definitions))) for e in words)


def test_the_rules_are_listed() -> None:
    names = [name for name, _ in RULES]
    assert {"dictionary family", "field family", "mainland across the strait"} <= set(names)


def test_the_lexicon_finds_the_longer_words_made_with_a_word(lexicon: Lexicon) -> None:
    found = {e.simplified for e in lexicon.words_with("终端")}
    assert "哑终端" in found  # the word at the end, not only at the start
    assert "终端" not in found
    assert {e.simplified for e in lexicon.words_with("开放")} >= {"改革开放", "开放系统"}
    assert lexicon.words_with("") == ()


def test_a_word_means_what_its_longer_words_share(lexicon: Lexicon) -> None:
    # 终端 "end; terminal": 哑终端 "dumb terminal" and 终端机 speak of a terminal.
    for word, meant, first in (("终端", "terminal", "end"), ("算法", "algorithm", "arithmetic")):
        entries = tuple(lexicon.lookup(word))
        assert entries[0].senses[0].text == first  # the dictionary's order says otherwise
        choice = choose_sense(entries, SenseContext(family=_family(lexicon, word)))
        assert choice is not None and choice.sense.text == meant
        assert choice.rule == "dictionary family"
        assert choose_sense(entries, SenseContext()).sense.text == first  # type: ignore[union-attr]


def test_one_longer_word_is_chance(lexicon: Lexicon) -> None:
    # Only 老油条 "wily old fox" is made with 油条: the fried dough stick stays.
    entries = tuple(lexicon.lookup("油条"))
    context = SenseContext(family=_family(lexicon, "油条"))
    assert all(dictionary_family(c, context) == 0.0 for c in candidates(entries))


def test_a_figure_needs_the_text(lexicon: Lexicon) -> None:
    # 山寨机, 山寨货...: the knockoff sense is everywhere in the longer words, but it is a figure
    # (and "counterfeit", "imitation" belong to it): the text must speak of it.
    entries = tuple(lexicon.lookup("山寨"))
    context = SenseContext(family=_family(lexicon, "山寨"))
    assert all(dictionary_family(c, context) == 0.0 for c in candidates(entries))
    choice = choose_sense(entries, context)
    assert choice is not None and choice.sense.text.startswith("fortified hill village")


def test_a_sense_the_dictionary_puts_first_and_shares_nearly_as_much_stays(
    lexicon: Lexicon,
) -> None:
    # 作用: "action; function" and "impact; result; effect" are shared by nearly as many.
    entries = tuple(lexicon.lookup("作用"))
    context = SenseContext(family=_family(lexicon, "作用"))
    lifted = [c.sense.text for c in candidates(entries) if dictionary_family(c, context) > 0]
    assert len(lifted) <= 1 and FAMILY > 0
    assert "impact; result; effect" not in lifted


def test_in_a_chinese_text_on_computing(lexicon: Lexicon) -> None:
    text = "打开终端，执行下面的命令，编译代码，然后保存文件。我们常用这个算法。"
    assert _term(lexicon, text, "终端").gloss.startswith("terminal")
    assert _term(lexicon, text, "算法").gloss.startswith("algorithm")
    assert _term(lexicon, text, "执行").gloss.startswith("to execute")
    # The dictionary's computing words with 文件 ("image file") in a text on computing.
    file = _term(lexicon, text, "文件")
    assert file.gloss.startswith("file") and file.sense_rule == "field family"


def test_labels_are_read_anywhere_in_a_definition() -> None:
    assert labelled_fields("executable (computing)") == {"compu"}
    assert labelled_fields("(computing) open-source") == {"compu"}
    assert labelled_fields("input device (computer)") == {"compu"}
    assert labelled_fields("magnanimous (idiom); generous") == frozenset()


def test_a_part_takes_the_sense_of_the_words_made_with_it(lexicon: Lexicon) -> None:
    # 对外开放 is in no dictionary: its 开放 opens, as in 改革开放 and 开放系统, no flower blooms.
    term = _term(lexicon, "中国的对外开放吸引了外资。", "对外开放")
    assert term.gloss.startswith("lit.") and "bloom" not in term.gloss
    assert "to open" in term.part_glosses[1]


def test_the_mainland_in_writing_from_taiwan(lexicon: Lexicon) -> None:
    term = _term(lexicon, "很多大陸遊客來台灣旅遊，大陸口音很重。", "大陸")
    assert term.gloss.startswith("mainland China")
    assert term.pinyin_numbered == "da4 lu4"  # the mainland: no name's capital
    entries = tuple(lexicon.lookup("大陸"))
    named = [c for c in candidates(entries) if c.entry.is_proper_noun]
    assert mainland_across_the_strait(named[0], SenseContext(traditional=True)) > 0
    assert mainland_across_the_strait(named[0], SenseContext()) == 0.0


def test_a_continent_in_simplified_writing(lexicon: Lexicon) -> None:
    term = _term(lexicon, "非洲是一块很大的大陆。", "大陆")
    assert term.gloss.startswith("continent")


def test_computing_is_everyday_life(lexicon: Lexicon) -> None:
    # A blog's page furniture: 登入 "(computing) to log in" needs no text on computing...
    assert _term(lexicon, "請先登入再回應。", "登入").gloss.startswith("(computing) to log in")
    # ...while another field's sense still needs its field: 运行 is no celestial body's course.
    entries = tuple(lexicon.lookup("运行"))
    labelled = [c for c in candidates(entries) if c.sense.text.startswith("(of celestial")]
    assert labelled and domain_needs_evidence(labelled[0], SenseContext()) < 0
    login = [c for c in candidates(tuple(lexicon.lookup("登入"))) if "log in" in c.sense.text]
    assert domain_needs_evidence(login[0], SenseContext()) == 0.0


def test_the_english_of_a_field(lexicon: Lexicon) -> None:
    # A quarter of the definitions saying "log" are of computing; a tenth or less of those
    # saying "register" or "document"; "log" is not "logic", "logo".
    assert lexicon.field_share("compu", "log") >= FIELD_VOCABULARY_SHARE
    assert lexicon.field_share("compu", "file") >= FIELD_VOCABULARY_SHARE
    for word in ("regist", "document", "end", "deriv"):
        assert lexicon.field_share("compu", word) < FIELD_VOCABULARY_SHARE
    assert lexicon.field_share("compu", "zzzz") == 0.0  # a word no definition uses
    assert lexicon.field_share("compu", "scenario") == 0.0  # one of six: too few to tell
    assert lexicon.field_share("compu", "com") == 0.0  # "come" is not "computing"


_COMPUTING = "登录网站以后，导出数据，编译代码，保存文件，然后运行程序。"


def test_a_meaning_worded_in_the_fields_english(lexicon: Lexicon) -> None:
    login = _term(lexicon, _COMPUTING, "登录")
    assert login.gloss.startswith("to log in") and login.sense_rule == "field vocabulary"
    assert _term(lexicon, _COMPUTING, "导出").gloss.startswith("to export")


def test_outside_the_field_the_dictionary_order_stays(lexicon: Lexicon) -> None:
    text = "新生要先到学校登录，然后领书。"
    assert _term(lexicon, text, "登录").gloss.startswith("to register")


def test_a_name_inside_a_term_that_the_term_does_not_mean(lexicon: Lexicon) -> None:
    # 大桥 is in the dictionary only as Da Qiao, a beauty of the Three Kingdoms; the bridge's
    # name says "Bridge": its characters' everyday words, read without capitals.
    bridge = _term(lexicon, "港珠澳大桥很长。", "港珠澳大桥")
    index = bridge.parts.index("大桥")
    assert bridge.part_glosses[index] == 'lit. "big + bridge"'
    assert bridge.part_readings[index] == "da4 qiao2"


def test_a_name_inside_a_term_that_the_term_means(lexicon: Lexicon) -> None:
    # 北京烤鸭 "Peking duck" says nothing of 北 "north" or 京 "capital": 北京 stays the city.
    duck = _term(lexicon, "我们吃了北京烤鸭。", "北京烤鸭")
    index = duck.parts.index("北京")
    assert duck.part_glosses[index].startswith("Beijing")
    assert duck.part_readings[index] == "Bei3 jing1"


def test_the_family_is_evidence_not_the_default(lexicon: Lexicon) -> None:
    # A tutorial's "train" speaks for 运行 "(of a train service etc) to operate", and the
    # dictionary's words made with 运行 share "to operate"; still, the document is on computing:
    # the family adds to that sense but does not make it the default the field must outscore.
    assert "dictionary family" not in PRIOR_RULES
    text = (
        "在终端执行命令 run main.py，在本地训练调试代码。\n\n"
        "运行 train 将代码提交到云端训练，编译代码，保存文件。"
    )
    glossary = build_glossary(read_deck_text(text, "guide.md", "markdown"), lexicon)
    run = next(t for t in glossary.terms if t.term == "运行")
    assert run.gloss.startswith("(of a computer) to run")


def test_a_name_that_points_at_the_term_stays(lexicon: Lexicon) -> None:
    # 端午 is "see 端午节": inside 端午节 it is the festival's own name, no "tip + noon".
    festival = _term(lexicon, "端午节吃粽子。", "端午节")
    index = festival.parts.index("端午")
    assert not festival.part_glosses[index].startswith("lit.")


def test_english_given_for_the_term_says_more_than_the_family(lexicon: Lexicon) -> None:
    # The slide writes "property management 物业": the family's "property" (物业税, 物业管理...)
    # does not add to the first sense against what the slide says.
    text = "# Gated communities\n\n- property management 物业 runs the gate and the guards\n"
    glossary = build_glossary(read_deck_text(text, "slides.md", "markdown"), lexicon)
    term = next(t for t in glossary.terms if t.term == "物业")
    assert "management" in term.gloss.split("; ")[0]
    entries = tuple(lexicon.lookup("物业"))
    context = SenseContext(family=_family(lexicon, "物业"), gloss=english_stems("management"))
    assert all(dictionary_family(c, context) == 0.0 for c in candidates(entries))
