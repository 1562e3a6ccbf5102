"""A function word's sense from its place in the sentence (hanzi_companion.grammar), on
everyday sentences and the real CC-CEDICT: each rule, then whole glossaries."""

from __future__ import annotations

import pytest

from hanzi_companion.glossary import build_glossary
from hanzi_companion.grammar import (
    Place,
    class_places_of,
    has_address_sense,
    has_grammatical_senses,
    place_in_sentence,
    places_of,
    reading_by_place,
    sense_places,
    sides_in,
)
from hanzi_companion.lexicon import Lexicon
from hanzi_companion.senses import (
    RULES,
    SenseChoice,
    SenseContext,
    candidates,
    choose_sense,
    english_stems,
    score,
)
from hanzi_companion.text.models import Deck, Slide


def _places(lexicon: Lexicon, term: str, sentence: str) -> frozenset[Place]:
    index = sentence.index(term)
    return place_in_sentence(term, sentence[:index], sentence[index + len(term) :], lexicon.lookup)


def _choose(lexicon: Lexicon, term: str, sentence: str, **context: object) -> SenseChoice:
    index = sentence.index(term)
    sides = [(sentence[:index], sentence[index + len(term) :])]
    places = places_of(term, sides, lexicon.lookup)
    choice = choose_sense(lexicon.lookup(term), SenseContext(places=places, **context))  # type: ignore[arg-type]
    assert choice is not None
    return choice


def test_the_rule_is_listed_by_name() -> None:
    assert "grammatical place" in dict(RULES)


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("classifier for large immovable objects such as buildings", Place.AFTER_NUMERAL),
        ("(classifier used before a noun that has no specific classifier)", Place.AFTER_NUMERAL),
        ("(coll.) classifier for money and currency units", Place.AFTER_NUMERAL),
        ("(after a noun) place where it is located", Place.AFTER_NOUN),
        ("(used after a noun, verb or adjective to form a nominal expression)", Place.AFTER_WORD),
        ("(after a numeral) ... odd", Place.AFTER_NUMERAL),
        ("(verb complement indicating completion)", Place.AFTER_VERB),
        ("(used after a verb to indicate an outward direction)", Place.AFTER_VERB),
        ("(noun suffix) on; above", Place.AFTER_NOUN),
        ("inside", Place.AFTER_NOUN),
        ("after", Place.AFTER_VERB),
        ("ago", Place.AFTER_TIME),
        ("of; ~'s (possessive particle)", Place.AFTER_NOUN),
        ("of; ~'s (possessive particle)", Place.AFTER_PRONOUN),
        ("(used after an attribute when it modifies a noun)", Place.AFTER_ADJECTIVE),
        ("to be likely to; to be sure to", Place.PREDICTS),
        ("can; to have the skill; to know how to", Place.BEFORE_ACTION),
        ("not able", Place.BEFORE_ACTION),
        ("yet", Place.BEFORE_NEGATION),
        ("still more", Place.COMPARES),
        ("comparatively", Place.BEFORE_ADJECTIVE),
        ("a certain ...; a given ...", Place.ATTRIBUTE),
        ("its", Place.BEFORE_NOUN),
        ("it (refers to sth preceding it)", Place.BEFORE_VERB),
        ("to make sb (feel sad etc)", Place.CAUSES_STATE),
        ("(completed action marker)", Place.AFTER_WORD),
        ("(emphatic sentence-final particle)", Place.ENDS_CLAUSE),
        ("(between two verbs) in order to", Place.BEFORE_VERB),
        ("and so on; etc.; et al.", Place.END_OF_LIST),
        ("(used to end an enumeration)", Place.END_OF_LIST),
        ("(introduces object of main verb, used in the same way as 把)", Place.COVERB),
        ("used to indicate passive voice (placed before the doer)", Place.COVERB),
        ("with", Place.COVERB),
        ("to have to", Place.BEFORE_VERB),
        ("both... (and...)", Place.OPENS_FRAME),
        ("simultaneously", Place.OPENS_FRAME),  # 边 of 边看边吃
        ("or", Place.BETWEEN_NOUNS),
        ("when", Place.OPENS_WHEN_CLAUSE),
        ("such as", Place.BEFORE_LIST),
    ],
)
def test_cedict_labels_say_where_a_sense_stands(text: str, place: Place) -> None:
    assert place in sense_places(text)


@pytest.mark.parametrize(
    "text",
    ["seat", "to wait for; to await", "(after a form of address) hello", "(suffix) union", "up"],
)
def test_most_senses_stand_anywhere(text: str) -> None:
    assert not sense_places(text) - {Place.BEFORE_NOUN}  # "to ..." verbs aside


@pytest.mark.parametrize(
    ("term", "sentence", "place"),
    [
        ("座", "这座城市有很多公园", Place.AFTER_NUMERAL),
        ("个", "我有3个朋友", Place.AFTER_NUMERAL),
        ("位", "多音字就像一位位变脸高手", Place.AFTER_NUMERAL),  # doubled: 一位位
        ("好", "填(tián=to fill out)好(hǎo)后", Place.AFTER_VERB),  # a gloss in brackets
        ("去", "放弃原来的工作去经营商业", Place.BEFORE_VERB),
        ("中", "从“创客运动”中涌现", Place.AFTER_NOUN),  # a quoted word
        ("前", "三年前我来到北京", Place.AFTER_TIME),
        ("等", "如PDF、HTML等。", Place.END_OF_LIST),
        ("将", "使用Marp将其转换为幻灯片", Place.AFTER_LATIN),
        ("当", "当你走在路上时,说", Place.OPENS_WHEN_CLAUSE),
        ("既", "既可以表示长度,也可以作为辈分", Place.OPENS_FRAME),
        ("或", "你可以坐公共汽车或地铁去", Place.BETWEEN_NOUNS),
        ("哪", "你去哪？", Place.ENDS_CLAUSE),
        ("如", "不同的格式,如PDF、HTML等", Place.BEFORE_LIST),
        ("还", "他还没来", Place.BEFORE_NEGATION),
        ("比较", "会比较详细的介绍", Place.BEFORE_ADJECTIVE),
        ("一定", "带来了一定的挑战", Place.ATTRIBUTE),
        ("会", "明天会很冷", Place.PREDICTS),  # before a state
        ("会", "大家都会参加", Place.PREDICTS),  # after 都
        ("会", "你会闻到一股怪味", Place.PREDICTS),  # a verb and its result
        ("会", "我会说中文", Place.BEFORE_ACTION),
        ("的", "这是我的书", Place.AFTER_PRONOUN),
        ("的", "她穿着漂亮的衣服", Place.AFTER_ADJECTIVE),
        ("还", "今天比昨天还冷", Place.COMPARES),
        ("还", "请还给我", Place.GIVES),
        ("还", "不仅能提升水平,还能让我们", Place.ADDS),
        ("不是", "不是，我是英国人", Place.ALONE),
        ("才", "他才三岁", Place.BEFORE_NUMBER),
        ("就", "如果下雨，我们就不去", Place.AFTER_CLAUSE),
        ("几", "你有几个朋友？", Place.IN_QUESTION),
        ("让", "这个消息让我很高兴", Place.CAUSES_STATE),
    ],
)
def test_the_place_of_a_word_in_its_sentence(
    lexicon: Lexicon, term: str, sentence: str, place: Place
) -> None:
    assert place in _places(lexicon, term, sentence)


def test_after_a_grammatical_word_a_word_stands_after_no_noun(lexicon: Lexicon) -> None:
    """和 "and; with; sum" is no noun: 下 in 上联和下联 is no localiser."""
    places = _places(lexicon, "下", "上联和下联是对应的")
    assert Place.AFTER_WORD in places and Place.AFTER_NOUN not in places


def test_a_lists_number_is_no_numeral(lexicon: Lexicon) -> None:
    assert Place.AFTER_NUMERAL in _places(lexicon, "个", "有 3 个人")
    assert Place.AFTER_NUMERAL not in _places(lexicon, "座", "3 座 zuò seat")


def test_a_noun_after_de_is_no_verb(lexicon: Lexicon) -> None:
    """工作 "to work" after 的 is "the job": 去 after it stands after a noun."""
    places = _places(lexicon, "去", "放弃原来的工作去经营商业")
    assert Place.AFTER_NOUN in places and Place.AFTER_VERB not in places


@pytest.mark.parametrize(
    ("term", "sentence", "reading", "sense"),
    [
        ("座", "这座城市有很多公园", "zuo4", "classifier for large immovable objects"),
        ("位", "我们学校有三位老师", "wei4", "classifier for people"),
        ("只", "她家里有两只猫", "zhi1", "classifier for birds"),
        ("趟", "我去了一趟北京", "tang4", "classifier for times"),
        ("多", "我们班有二十多个学生", "duo1", "(after a numeral)"),
        ("好", "作业我已经写好了", "hao3", "(verb complement indicating completion)"),
        ("到", "我找到了我的钥匙", "dao4", "(verb complement"),
        ("出", "他走出了房间", "chu1", "(used after a verb"),
        ("来", "我们用电脑来学习中文", "lai2", "(between two verbs)"),
        ("里", "教室里有很多学生", "li3", "inside"),
        ("上", "桌子上有一本书", "shang4", "(noun suffix) on"),
        ("后", "下课后我们去吃饭", "hou4", "after"),
        ("前", "三年前我来到北京", "qian2", "ago"),
        ("前", "两个多月前,总统在白宫举办了活动", "qian2", "ago"),  # 月 "moon; month"
        ("如", "他们利用开源平台,如Arduino和3D打印机", "ru2", "such as"),
        ("等", "我们买了苹果、香蕉、橙子等水果", "deng3", "and so on"),
        ("当", "当我到家时，天已经黑了", "dang1", "when"),
        ("当", "当你完成了幻灯片的创建，你可以将其导出", "dang1", "when"),
        ("或", "你可以坐公共汽车或地铁去", "huo4", "or"),
        ("既", "这个菜既便宜又好吃", "ji4", "both..."),
        ("将", "请将文件保存到电脑上", "jiang1", "(introduces object"),
        ("将", "从“创客运动”中涌现,将DIY精神工业化。", "jiang1", "(introduces object"),
        ("得", "我得走了", "dei3", "to have to"),
        ("跟", "我跟你去", "gen1", "with"),
        ("被", "他被老师批评了", "bei4", "used to indicate passive voice"),
        ("把", "请把门关上", "ba3", "(used to put the object before the verb"),
        ("按", "接下来按目录逐个讲解", "an4", "according to"),
    ],
)
def test_the_sense_of_the_place(
    lexicon: Lexicon, term: str, sentence: str, reading: str, sense: str
) -> None:
    alone = choose_sense(lexicon.lookup(term), SenseContext())
    assert alone is not None and not alone.sense.text.startswith(sense)  # the rule decides
    choice = _choose(lexicon, term, sentence)
    assert choice.sense.text.startswith(sense), choice.sense.text
    assert choice.entry.pinyin_numbered == reading
    assert choice.rule == "grammatical place"
    assert "in its sentences" in choice.reason


def test_a_particle_after_a_word_is_read_de_whatever_the_deck_says_of_targets(
    lexicon: Lexicon,
) -> None:
    english = {"slide": english_stems("hit the target"), "deck": english_stems("target")}
    without = choose_sense(lexicon.lookup("的"), SenseContext(**english))  # type: ignore[arg-type]
    assert without is not None and without.entry.pinyin_numbered == "di4"
    choice = _choose(lexicon, "的", "在被称为“创客界圣经”的《创客》一书中", **english)
    assert choice.entry.pinyin_numbered == "de5"


def test_the_slides_own_gloss_is_stronger_than_the_place(lexicon: Lexicon) -> None:
    """中 after a noun is "in", unless the slide glosses it "middle"."""
    choice = _choose(lexicon, "中", "在文件中写内容", gloss=english_stems("middle"))
    assert choice.sense.text.startswith("middle")


@pytest.mark.parametrize(
    ("term", "sentence", "sense"),
    [
        ("会", "我会说中文", "can"),  # not "(suffix) union" after a pronoun
        ("了", "我吃了饭", "(completed action marker)"),
        ("走", "有時走在台灣的街道上,你會聞到一股怪味", "to walk"),  # a verb, no "from"
        ("对", "这对我很重要", "right"),  # no classifier before a pronoun
        ("得", "他跑得很快", "structural particle"),
        # After a word like a particle, but the particle is literary (classical Chinese).
        ("也", "我也不去", "also"),
        ("也", "她也是学生", "also"),
        # Before a person and a verb: causative as much as passive; the earlier sense stays.
        ("让", "老师让我们读课文", "to let sb do sth"),
        ("让", "这个软件可以让你画画", "to let sb do sth"),
    ],
)
def test_a_place_the_sense_does_not_take_changes_nothing(
    lexicon: Lexicon, term: str, sentence: str, sense: str
) -> None:
    assert _choose(lexicon, term, sentence).sense.text.startswith(sense)


def test_only_words_with_grammatical_senses_have_their_places_read(lexicon: Lexicon) -> None:
    assert has_grammatical_senses(lexicon.lookup("个"))
    assert has_grammatical_senses(lexicon.lookup("里"))
    assert not has_grammatical_senses(lexicon.lookup("苹果"))


def test_sides_of_a_word_inside_a_term() -> None:
    assert sides_in("同一个", ("同", "一", "个")) == (("", "一个"), ("同", "个"), ("同一", ""))


def test_glossary_reads_function_words_by_their_place(lexicon: Lexicon) -> None:
    text = (
        "主编在被称为“创客界圣经”的《创客:新工业革命》一书中这样说。\n"
        "与这座城市相比,创客的体量或许尚不足道。\n"
        "有時走在台灣的街道上,你會聞到一股怪味。"
    )
    deck = Deck("makers.txt", "text", (Slide(1, "Makers", text),))
    terms = {t.term: t for t in build_glossary(deck, lexicon).terms}
    assert terms["的"].pinyin_numbered == "de5"
    assert terms["座"].gloss.startswith("classifier for")
    assert terms["座"].sense_rule == "grammatical place"
    assert terms["上"].gloss.startswith("(noun suffix) on")
    # A word inside a term stands after the term's own numeral: 股 in 一股 is a classifier.
    part_glosses = dict(zip(terms["一股"].parts, terms["一股"].part_glosses, strict=True))
    assert part_glosses["股"].startswith("classifier for")


def test_a_verb_before_a_name_is_the_naming_sense(lexicon: Lexicon) -> None:
    # 叫 "to shout; to call; ...; to be called": before a person's name or 什么 it names.
    assert Place.BEFORE_NAME in sense_places("to be called")
    assert Place.BEFORE_NAME in _places(lexicon, "叫", "我叫金妮。")
    assert Place.BEFORE_NAME in _places(lexicon, "叫", "你叫什么名字？")
    assert Place.BEFORE_NAME not in _places(lexicon, "叫", "我叫出租车。")  # a word, no name
    assert Place.BEFORE_NAME not in _places(lexicon, "叫", "他叫我们吃饭。")
    assert _choose(lexicon, "叫", "我叫欧文。").text == "to be called"
    assert _choose(lexicon, "叫", "他大声叫。").text == "to shout"


def test_a_modal_sense_needs_a_verb_after_it(lexicon: Lexicon) -> None:
    # 要 "to want; ...", "need to; should" (the example sentences' usual sense): before one
    # noun closing its clause, 要 has an object, so it is no modal.
    assert Place.BEFORE_OBJECT in _places(lexicon, "要", "你要水吗？")
    assert Place.BEFORE_OBJECT not in _places(lexicon, "要", "你要喝水吗？")
    usual = lexicon.usual_sense
    assert _choose(lexicon, "要", "你要水吗？", usual=usual).text.startswith("to want")
    assert _choose(lexicon, "要", "你要喝水吗？", usual=usual).text.startswith("need to")
    # 该如何面对: 如何 "how" opens no object; 该 stays "should".
    assert Place.BEFORE_OBJECT not in _places(lexicon, "该", "人们该如何面对亲情？")


def test_which_stands_before_a_noun(lexicon: Lexicon) -> None:
    # 哪 nǎ "how; which": before a noun (哪国人 "which country's person") it is "which", and
    # no sentence-final particle (nǎ's particle stands only at the end).
    assert Place.BEFORE_NOUN in sense_places("which")
    choice = _choose(lexicon, "哪", "你是哪国人？")
    assert choice.text == "which" and choice.entry.pinyin_numbered == "na3"


def test_zai_before_a_place_is_to_be_at(lexicon: Lexicon) -> None:
    # 在 "to exist; to be alive", "(of sb or sth) to be (located) at": before a noun it is
    # where someone is (在家), also as a word of a longer term (在哪里 "where is").
    assert Place.BEFORE_NOUN in sense_places("(of sb or sth) to be (located) at")
    assert _choose(lexicon, "在", "妈妈在家。").text.startswith("(of sb or sth) to be")
    row = "| Wo ist die Toilette? | 厕所在哪里？ | cèsuǒ zài nǎlǐ? |\n"
    deck = Deck("phrases.md", "markdown", (Slide(1, "Phrases", row),))
    (term,) = [t for t in build_glossary(deck, lexicon).terms if "在" in t.parts]
    assert term.part_glosses[term.parts.index("在")].startswith("(of sb or sth) to be")


def test_a_word_opening_a_term_before_a_noun_may_be_its_prefix(lexicon: Lexicon) -> None:
    # 非 "to not be; not", "non-; un-; in-; de-": opening 非农业户口 it is the prefix "non-";
    # 新 "new", "meso- (chemistry)" stays "new" (a field the deck does not speak of).
    assert Place.PREFIX in sense_places("non-; un-; in-; de-")
    assert Place.PREFIX not in sense_places("to not be; not")
    assert Place.PREFIX in _places(lexicon, "非", "非农业户口")
    assert Place.PREFIX not in _places(lexicon, "非", "我们非去不可")

    def part_gloss(term: str, part: str) -> str:
        deck = Deck("hukou.md", "markdown", (Slide(1, "Hukou", f"- {term}\n"),))
        (found,) = [t for t in build_glossary(deck, lexicon).terms if t.term == term]
        return found.part_glosses[found.parts.index(part)]

    assert part_gloss("非农业户口", "非").startswith("non-")
    assert part_gloss("新农业户口", "新").startswith("new")


def test_a_bare_to_is_a_coverb_and_to_a_place_stands_before_its_place(lexicon: Lexicon) -> None:
    # 给 "to; for; ...; to give": "to" alone is the coverb of 给你打电话, not 给孩子们红包,
    # where 给 gives; 到 "to (a place)" needs no verb after its place (到北京).
    assert sense_places("to") == {Place.COVERB}
    assert Place.BEFORE_NOUN in sense_places("to (a place); until (a time); up to (a point)")
    usual = lexicon.usual_sense  # "to give", what the example sentences say most
    assert _choose(lexicon, "给", "长辈们给孩子们红包。", usual=usual).text == "to give"
    assert _choose(lexicon, "给", "我给你打电话。", usual=usual).text == "to"


def test_between_a_pronoun_subject_and_its_verb_is_no_particles_place(lexicon: Lexicon) -> None:
    """也 in 我也不去 stands where an adverb does: its "(literary) particle" sense, labelled
    for after a word, gets no support there; a particle after a pronoun keeps its place."""
    assert Place.AFTER_WORD not in _places(lexicon, "也", "我也不去。")
    assert Place.AFTER_WORD not in _places(lexicon, "也", "他们也去北京。")
    assert Place.AFTER_WORD in _places(lexicon, "的", "我的书很好。")
    assert Place.AFTER_WORD in _places(lexicon, "呢", "你呢？")
    assert _choose(lexicon, "也", "我也不去。").text.startswith("also")


@pytest.mark.parametrize(
    ("term", "sentence", "sense"),
    [
        # A modal of ability before an action; of what will happen before a state, a verb and
        # its result, or after an adverb such as 都.
        ("会", "我会说中文", "can; to have the skill"),
        ("会", "明天会很冷", "to be likely to"),
        ("会", "你会闻到一股怪味", "to be likely to"),
        ("会", "所有中国人都会看春节联欢晚会", "to be likely to"),
        ("会", "他今天晚上会在家", "to be likely to"),
        ("不会", "我不会说中文", "not able"),
        # "yet" needs a negation after it, "still more" an adjective.
        ("还", "他还在睡觉", "still"),
        ("还", "他还没来", "yet"),
        ("还", "今天比昨天还冷", "still more"),  # a comparison
        ("还", "他还小", "still"),  # an adjective alone is no comparison
        ("会", "明天会下雨", "to be likely to"),  # a time before it
        ("会", "你会喜欢的", "to be likely to"),  # 会…的
        ("还", "还能让我们更好地领略汉语的魅力", "still"),
        ("还", "看完了请还给我", "to pay back"),  # before 给 and a person: a verb, huán
        ("还", "不仅能提升我们的语言表达水平,还能让我们更好地领略", "in addition"),  # 不仅…还…
        ("还", "除了饺子,我们还吃鱼", "in addition"),
        # "a certain ..." opens its noun, through 的; "surely" stands before a verb.
        ("一定", "这给学习者带来了一定的挑战", "a certain"),
        ("一定", "你明天一定要来", "surely"),
        # A causative before a person and a verb lets them do it; before how they feel,
        # makes them feel so.
        ("让", "它可以让你使用简单的文本语法", "to let sb do sth"),
        ("让", "这个消息让我很高兴", "to make sb (feel sad etc)"),
        # A pronoun before a noun is its possessive; between a coverb and its verb, its object.
        ("其", "使用Marp将其转换为幻灯片", "it (refers to"),
        ("其", "其作用很大", "his"),  # "his; her; its": the first possessive
        # 的 after a pronoun or a noun is the possessive; after an adjective, the attribute's.
        ("的", "这是我的书", "of; ~'s"),
        ("的", "深圳的雄心", "of; ~'s"),
        ("的", "她穿着漂亮的衣服", "(used after an attribute"),
        # A coverb needs a verb after its noun: 用 before an object closing its clause uses it.
        ("用", "我用电脑。", "to use"),
        ("用", "我们用筷子吃饭。", "(coverb) with"),
        # 给 before a person and a verb is the coverb "to": 学习者 "learner" is no verb.
        ("给", "也给学习者带来了一定的挑战", "to"),
    ],
)
def test_the_sense_of_the_next_word(lexicon: Lexicon, term: str, sentence: str, sense: str) -> None:
    priors = {"usual": lexicon.usual_sense, "word_class": lexicon.word_class}
    choice = _choose(lexicon, term, sentence, **priors)
    assert choice.text.startswith(sense), choice.text


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("can; to have the skill; to know how to", Place.BEFORE_VERB),  # ability: an action
        ("to make sb (feel sad etc)", Place.COVERB),  # a feeling follows the person, no verb
        ("more", Place.BEFORE_ADJECTIVE),  # 更喜欢 "like more": before a verb too
        ("her", Place.BEFORE_NOUN),  # possessive and object alike
    ],
)
def test_labels_a_sense_does_not_have(text: str, place: Place) -> None:
    assert place not in sense_places(text)


def test_a_sense_needing_a_partner_loses_only_where_a_word_follows(lexicon: Lexicon) -> None:
    """ "yet" with another word than a negation after it is not this sense; 还 at the end of
    its clause ("还 hái still") says nothing either way."""
    assert Place.BEFORE_A_WORD in _places(lexicon, "还", "他还在睡觉")
    assert Place.BEFORE_A_WORD not in _places(lexicon, "还", "还 hái still")
    places = places_of("还", [("", " hái yet")], lexicon.lookup)
    choice = choose_sense(lexicon.lookup("还"), SenseContext(places=places))
    assert choice is not None and choice.scores and dict(choice.scores)["grammatical place"] == 0


def test_a_word_mostly_a_verb_is_a_verb_though_its_first_sense_is_a_noun(
    lexicon: Lexicon,
) -> None:
    """指 "finger; to point at or to; to indicate or refer to; ...": five verbs of six, so
    一般 before it is its adverb "generally", not "ordinary"; 工作 "to work; job; work; task"
    stays no verb."""
    places = class_places_of([("如今", "指放弃原来的工作")], lexicon.lookup)
    assert places.share(Place.ADVERB_PLACE) == 1
    choice = choose_sense(
        lexicon.lookup("一般"), SenseContext(places=places, word_class=lexicon.word_class)
    )
    assert choice is not None and choice.text == "generally"
    assert Place.ADVERB_PLACE not in dict(
        class_places_of([("如今", "工作很忙")], lexicon.lookup).counts
    )


@pytest.mark.parametrize(
    ("before", "after", "sense", "reading"),
    [
        ("欧文: ", ",我是英国人。", "no", "bu4 shi4"),  # an answer, a clause by itself
        ("这", "我的书。", "is not", "bu4 shi4"),  # before what it denies
        ("这是我的", "。", "fault; blame", "bu4 shi5"),  # a noun after 的: the everyday noun
    ],
)
def test_bushi_answers_denies_or_is_a_fault(
    lexicon: Lexicon, before: str, after: str, sense: str, reading: str
) -> None:
    places = places_of("不是", [(before, after)], lexicon.lookup)
    entries = lexicon.lookup("不是")
    other_readings = ("bu4",)  # as build_context gives it: the neutral tone is the everyday word
    choice = choose_sense(entries, SenseContext(places=places, other_readings=other_readings))
    assert choice is not None
    assert (choice.text, choice.entry.pinyin_numbered) == (sense, reading)


def test_a_phrasebooks_name_slot_is_a_name(lexicon: Lexicon) -> None:
    """我叫… "my name is…": 叫 before the slot a learner fills with a name, also as a word
    of a longer term, whose place is read on through the text after the term."""
    assert Place.BEFORE_NAME in _places(lexicon, "叫", "我叫……")
    assert Place.BEFORE_NAME in _places(lexicon, "叫", "我叫...")
    assert sides_in("我叫", ("我", "叫"), "...") == (("", "叫..."), ("我", "..."))
    row = "| Ich heiße... | 我叫... | wǒ jiào... |\n"
    deck = Deck("phrases.md", "markdown", (Slide(1, "Phrases", row),))
    (term,) = [t for t in build_glossary(deck, lexicon).terms if "叫" in t.parts]
    assert term.part_glosses[term.parts.index("叫")] == "to be called"


def test_only_a_person_before_a_feeling_is_made_to_feel(lexicon: Lexicon) -> None:
    assert Place.CAUSES_STATE in _places(lexicon, "让", "这个消息让我很高兴")
    assert Place.CAUSES_STATE in _places(lexicon, "让", "这个消息让妈妈很高兴")
    assert Place.CAUSES_STATE not in _places(lexicon, "接下来", "接下来会比较详细的介绍")


def test_or_between_two_adjectives_is_or(lexicon: Lexicon) -> None:
    """An adjective (便宜 "cheap") is no noun, yet 或 between two stands where "or" does."""
    places = _places(lexicon, "或", "便宜或贵都可以")
    assert Place.AFTER_ADJECTIVE in places and Place.AFTER_NOUN not in places
    assert Place.BETWEEN_NOUNS in places
    assert _choose(lexicon, "或", "便宜或贵都可以").text == "or"


def test_a_verb_and_zhe_make_a_noun(lexicon: Lexicon) -> None:
    """学习者 "learner" (学习 "to learn" and 者): 给 before it and 带来 is a coverb."""
    places = _places(lexicon, "给", "也给学习者带来了一定的挑战。")
    assert Place.COVERB in places and Place.BEFORE_VERB not in places


def test_the_reason_names_what_the_place_asks_for(lexicon: Lexicon) -> None:
    """ "yet" needs a negation after it: 还 before a verb is "still", and the reason says the
    earlier senses need a neighbour 还 lacks; 一定 before 的 and a noun names that place."""
    still = _choose(lexicon, "还", "他还在睡觉", usual=lexicon.usual_sense)
    assert still.text == "still" and still.rule == "grammatical place"
    assert still.reason == "the senses before it need a neighbour the term lacks in its sentences"
    certain = _choose(lexicon, "一定", "这给学习者带来了一定的挑战")
    assert str(Place.ATTRIBUTE) in certain.reason


@pytest.mark.parametrize(
    ("term", "before", "after", "sense"),
    [
        ("接下来", "", "会比较详细的介绍每个目录", "next"),  # a time opening its clause
        ("接下来", "", "按目录逐个讲解", "next"),
        ("生活", "", "变得越来越好", "life"),  # a subject
        ("生活", "我", "在北京", "to live"),  # after its subject: the verb
    ],
)
def test_a_word_opening_its_clause_before_a_verb_is_no_verb(
    lexicon: Lexicon, term: str, before: str, after: str, sense: str
) -> None:
    places = class_places_of([(before, after)], lexicon.lookup)
    context = SenseContext(places=places, word_class=lexicon.word_class)
    choice = choose_sense(lexicon.lookup(term), context)
    assert choice is not None and choice.text.startswith(sense), choice.text


@pytest.mark.parametrize(
    "text",
    ["technology; technique; skill", "person skilled in certain types of work", "able; capable"],
)
def test_a_noun_or_adjective_of_skill_is_no_modal(text: str) -> None:
    assert Place.BEFORE_ACTION not in sense_places(text)


@pytest.mark.parametrize(
    ("text", "predicts"),
    [
        ("to be likely to; to be sure to", True),
        ("will not (act, happen etc)", True),
        ("improbable", True),
        ("will; willpower; determination", False),  # the noun "will"
        ("to start going to kindergarten", False),
    ],
)
def test_a_modal_of_what_will_happen(text: str, predicts: bool) -> None:
    assert (Place.PREDICTS in sense_places(text)) is predicts


@pytest.mark.parametrize(
    ("term", "sentence", "sense"),
    [
        # "(after 之[zhi1]) best or most extreme example" (the example sentences' usual sense)
        # stands only after 之; elsewhere 最 is "(the) most".
        ("最", "我最喜欢吃饺子", "(before an adjective or verb)"),
        ("最", "这是世界之最", "(after 之[zhi1])"),
        ("来", "我们两个人很谈得来", "(used after 得[de2]"),
    ],
)
def test_a_sense_naming_the_word_before_it_stands_only_there(
    lexicon: Lexicon, term: str, sentence: str, sense: str
) -> None:
    assert Place.AFTER_NAMED in sense_places("(after 之[zhi1]) best or most extreme example")
    choice = _choose(lexicon, term, sentence, usual=lexicon.usual_sense)
    assert choice.text.startswith(sense), choice.text


def test_places_keep_the_character_before_each_occurrence(lexicon: Lexicon) -> None:
    places = places_of("最", [("世界之", "。"), ("我", "喜欢")], lexicon.lookup)
    assert places.before == {"之", "我"}
    assert places.only(Place.AFTER_NOUN).before == places.before


@pytest.mark.parametrize(
    ("term", "sentence", "sense"),
    [
        # CC-CEDICT's labels of the word after a sense: "(before an adjective ...)" calls for
        # an adjective and is nothing before a verb; "(before an expression of quantity)".
        ("好", "这件衣服好漂亮", "(before an adjective for exclamatory effect) so"),
        ("好", "这件衣服很好", "good"),
        ("再", "请再说一遍", "again"),
        ("才", "他才三岁", "(before an expression of quantity) only"),
        # "(after a suppositional clause) in that case; then": after a clause of its sentence.
        ("就", "如果下雨，我们就不去", "(after a suppositional clause)"),
        ("就", "你想去，就去吧", "(after a suppositional clause)"),
        # A question word asks in a question, and the word after still chooses among them.
        ("几", "你有几个朋友？", "how many"),
        ("几", "我有几个朋友。", "several"),
        ("多", "你多高？", "how (to what extent)"),
        ("哪", "你是哪国人？", "which"),
    ],
)
def test_labels_of_the_word_after(lexicon: Lexicon, term: str, sentence: str, sense: str) -> None:
    choice = _choose(lexicon, term, sentence, usual=lexicon.usual_sense)
    assert choice.text.startswith(sense), choice.text


def test_a_word_with_an_adverb_opening_its_clause_is_the_adverb(lexicon: Lexicon) -> None:
    places = class_places_of([("", "指放弃原来的工作")], lexicon.lookup)
    assert places.share(Place.OPENS_CLAUSE) == 1
    context = SenseContext(places=places, word_class=lexicon.word_class)
    choice = choose_sense(lexicon.lookup("一般"), context)
    assert choice is not None and choice.text == "generally"


@pytest.mark.parametrize(
    ("term", "sentence"),
    [
        ("去", "我想去北京"),  # 想 "to wish; to want": 去 is what is wanted
        ("去", "我喜欢去公园"),  # 喜欢 "to like"
        ("看", "我想看电影"),
        ("去", "我要去学校"),  # a modal before a verb
    ],
)
def test_a_verb_after_a_verb_of_wanting_is_its_object_not_its_complement(
    lexicon: Lexicon, term: str, sentence: str
) -> None:
    assert Place.AFTER_VERB not in _places(lexicon, term, sentence)
    choice = _choose(lexicon, term, sentence, usual=lexicon.usual_sense)
    assert not sense_places(choice.text) & {Place.AFTER_VERB}, choice.text


def test_right_after_a_verb_the_verb_senses_of_a_complement_step_back(lexicon: Lexicon) -> None:
    """展现出不同的发音: 出 is "(used after a verb to indicate an outward direction ...)";
    its own verb sense "to go out" loses what the place gives the complement, so a word of
    the deck's English for "go out" no longer outweighs the place."""
    places = places_of("出", [("展现", "不同的发音")], lexicon.lookup)
    scores = {
        candidate.sense.text: dict(score(candidate, SenseContext(places=places)))
        for candidate in candidates(lexicon.lookup("出"))
    }
    assert scores["to go out; to come out"]["grammatical place"] < 0
    assert scores["to produce; to yield"]["grammatical place"] < 0
    outward = next(text for text in scores if text.startswith("(used after a verb"))
    assert scores[outward]["grammatical place"] > 0
    # Not after a verb (出门 "to go out of the door"), the verb senses keep their place.
    alone = places_of("出", [("我们", "门吧")], lexicon.lookup)
    go_out = next(c for c in candidates(lexicon.lookup("出")) if c.sense.text.startswith("to go"))
    assert dict(score(go_out, SenseContext(places=alone)))["grammatical place"] == 0


def test_a_pronoun_and_its_verb_are_two_words_not_an_exclamation(lexicon: Lexicon) -> None:
    """CC-CEDICT has the slang 我去 "oh my god!": in 我去过中国 过 still stands after the verb
    去 (its experienced-action marker), and 去 after the pronoun 我."""
    assert lexicon.lookup("我去")  # the slang word the text must not be read as
    assert Place.AFTER_VERB in _places(lexicon, "过", "我去过中国")
    assert Place.AFTER_PRONOUN in _places(lexicon, "去", "我去过中国")
    assert Place.AFTER_PRONOUN in _places(lexicon, "好", "你好")  # 你好 is no such pair


@pytest.mark.parametrize(
    ("sentence", "place", "sense"),
    [
        # 来 is a verb ("to come") though most of its senses are grammatical uses; nobody
        # learns how to come, so 会来 says what will happen.
        ("他会来吗", Place.PREDICTS, "to be likely to"),
        ("明天他会去北京", Place.PREDICTS, "to be likely to"),
        ("我会说中文", Place.BEFORE_ACTION, "can"),
    ],
)
def test_a_modal_before_coming_or_going_predicts(
    lexicon: Lexicon, sentence: str, place: Place, sense: str
) -> None:
    assert place in _places(lexicon, "会", sentence)
    assert Place.BEFORE_VERB in _places(lexicon, "会", sentence)  # 来, 去 are verbs
    choice = _choose(lexicon, "会", sentence, usual=lexicon.usual_sense)
    assert choice.text.startswith(sense), choice.text


@pytest.mark.parametrize(
    ("sentence", "place", "sense"),
    [
        # What the object names, as CC-CEDICT words its meanings, chooses among 看's senses:
        # "to watch" a show (晚会 is the "CCTV New Year's Gala" here), "to read" a book.
        ("所有中国人都会看春节联欢晚会", Place.BEFORE_SHOW, "to watch"),
        ("我们晚上看电视", Place.BEFORE_SHOW, "to watch"),
        ("我看了这部电影", Place.BEFORE_SHOW, "to watch"),
        ("我看了一本书", Place.BEFORE_WRITING, "to read"),
        ("你看这个", None, "to see; to look at"),
        ("我去看朋友", None, "to see; to look at"),  # what one goes to do: no trial "看"
        ("我们回去看父母", None, "to see; to look at"),
    ],
)
def test_what_the_object_names_chooses_the_verb_sense(
    lexicon: Lexicon, sentence: str, place: Place | None, sense: str
) -> None:
    places = _places(lexicon, "看", sentence)
    fields = places & {Place.BEFORE_SHOW, Place.BEFORE_WRITING}
    assert fields == ({place} if place else set())
    assert Place.AFTER_VERB not in places
    choice = _choose(lexicon, "看", sentence, usual=lexicon.usual_sense)
    assert choice.text == sense


def test_a_polyphone_opening_an_unknown_term_reads_as_the_word_after_calls_for(
    lexicon: Lexicon,
) -> None:
    """重 is zhòng "heavy" or chóng "again": before the action 写, CC-CEDICT's "again" stands
    (chóng); before nothing that calls for a reading, none is chosen by place."""
    assert not lexicon.lookup("重写")  # a term the dictionary does not have
    assert reading_by_place("重", "写", lexicon.lookup) == "chong2"
    assert reading_by_place("重", "", lexicon.lookup) == ""
    assert reading_by_place("重", "量", lexicon.lookup) == ""  # a noun: no place says
    deck = Deck("duoyinzi.md", "markdown", (Slide(1, "Words", "- 重写\n"),))
    (term,) = [t for t in build_glossary(deck, lexicon).terms if t.term == "重写"]
    assert term.pinyin == "chóngxiě"


@pytest.mark.parametrize(
    ("sentence", "reading", "sense"),
    [
        # After 之 (the literary 的) stands a noun: 都 dū "capital", not the adverb dōu "all".
        ("从山寨之都到创新之都", "du1", "capital city"),
        ("创新之都的深圳", "du1", "capital city"),
        # After a 的 that closes a noun phrase ("mine"), the predicate's adverb stands.
        ("我的都是新的", "dou1", "all; both; entirely"),
        ("他们的都很好", "dou1", "all; both; entirely"),
        ("我们都去", "dou1", "all; both; entirely"),
    ],
)
def test_after_zhi_or_de_a_noun_stands_not_an_adverb(
    lexicon: Lexicon, sentence: str, reading: str, sense: str
) -> None:
    choice = _choose(lexicon, "都", sentence, usual=lexicon.usual_sense)
    assert (choice.entry.pinyin_numbered, choice.text) == (reading, sense)


@pytest.mark.parametrize(
    ("before", "after"),
    [("如今一般", "放弃原来的工作"), ("下海最初", "一种到大海里去的动作")],
)
def test_a_character_after_an_adverb_takes_its_verb_senses(
    lexicon: Lexicon, before: str, after: str
) -> None:
    """指 "finger; to point at or to; to indicate or refer to": after 一般 "generally" or 最初
    "initially" it is a verb, though a character's senses are otherwise its words'."""
    places = class_places_of([(before, after)], lexicon.lookup)
    assert places.share(Place.AFTER_ADVERB) == 1
    context = SenseContext(places=places, word_class=lexicon.word_class)
    choice = choose_sense(lexicon.lookup("指"), context)
    assert choice is not None and choice.text.startswith("to "), choice.text
    plain = choose_sense(lexicon.lookup("指"), SenseContext(word_class=lexicon.word_class))
    assert plain is not None and plain.text == "finger"  # what the place changes


def test_two_words_before_a_verb_are_not_read_as_one_noun(lexicon: Lexicon) -> None:
    """CC-CEDICT has 都会 "city": in 所有人都会看 it is 都 "all" and 会 "will" before the verb
    看, which stands after them, not after a noun."""
    assert lexicon.lookup("都会")  # the noun the text must not be read as
    places = _places(lexicon, "看", "所有中国人都会看春节联欢晚会")
    assert Place.AFTER_NOUN not in places
    assert Place.BEFORE_NOUN not in _places(lexicon, "人", "人都会看")  # from either side


@pytest.mark.parametrize(
    ("sentence", "sense"),
    [
        # Before a verb and its 着 an action is going on: 正 "just (at that time)".
        ("他正看着我", "just (at that time)"),
        ("这些奇思妙想，正寄寓着深圳的雄心", "just (at that time)"),  # 寄寓: no dictionary word
    ],
)
def test_before_an_action_going_on_a_word_tells_its_time(
    lexicon: Lexicon, sentence: str, sense: str
) -> None:
    assert sense_places("just (at that time)") == {Place.IN_PROGRESS}
    choice = _choose(lexicon, "正", sentence, usual=lexicon.usual_sense)
    assert choice.text == sense
    assert Place.IN_PROGRESS not in _places(lexicon, "正", "这正是我想要的")  # no 着


def test_a_word_joined_by_and_to_another_stands_where_a_noun_does(lexicon: Lexicon) -> None:
    """作用 "to act on; action; function" in 各目录作用与详解 "each folder's role and details":
    joined by 与 "and" to a noun, it is a noun."""
    places = class_places_of([("开源框架各目录", "与详解")], lexicon.lookup)
    assert places.share(Place.NOUN_PLACE) == 1
    context = SenseContext(places=places, word_class=lexicon.word_class)
    choice = choose_sense(lexicon.lookup("作用"), context)
    assert choice is not None and not choice.text.startswith("to "), choice.text


@pytest.mark.parametrize(("word", "verb"), [("来", True), ("把", False), ("用", False)])
def test_a_verbs_grammatical_uses_do_not_make_it_less_a_verb(
    lexicon: Lexicon, word: str, verb: bool
) -> None:
    """来 "to come" is a verb though most of its CC-CEDICT senses are grammatical uses; a
    coverb (把, 用 "(coverb) with") stands mostly before a noun, and is read as before."""
    assert (Place.BEFORE_VERB in _places(lexicon, "会", f"他会{word}。")) == verb


def test_a_word_of_two_adverbs_stays_one_word(lexicon: Lexicon) -> None:
    """正常 "normal" is made of 正 and 常, both words before a verb, but no modal: one word,
    which a word after it stands after (都会 "city" before a verb is 都 and 会)."""
    assert _places(lexicon, "的", "正常的") & {Place.AFTER_NOUN, Place.AFTER_ADJECTIVE}
    assert not _places(lexicon, "看", "都会看") & {Place.AFTER_NOUN, Place.AFTER_ADJECTIVE}


@pytest.mark.parametrize("sentence", ["學學香港人邊看報紙邊飲茶。", "学学香港人边看报纸边饮茶。"])
def test_bian_twice_in_a_sentence_is_while(lexicon: Lexicon, sentence: str) -> None:
    term = sentence[5]
    assert _choose(lexicon, term, sentence).sense.text == "simultaneously"


# -- the sense of common words in Chinese sentences (adverbs, causatives, objects) -------------


@pytest.mark.parametrize(
    ("term", "sentence", "sense"),
    [
        # Before a verb, a word with adverb senses and others is the adverb: 一直 "always",
        # not "straight"; 总 "always", not "(bound form) general"; 均 "all" (literary).
        ("一直", "而且每天要一直解题目", "continuously; always"),
        ("总", "因为总感觉老街已经不在", "in every case; always"),
        ("均", "马铃薯与牛肉均超大块", "(literary) without exception; all"),
        ("当然", "第一天早餐，当然要入境随俗", "certainly"),
        # A connective opening its clause: 故 "therefore", not "happening".
        ("故", "原为水上人家所卖，故得名艇仔粥", "therefore"),
        # "In addition" closing a list (日文、韩文…还有…).
        ("还有", "日文、韩文、广东话还有浓重的大陆口音", "in addition"),
    ],
)
def test_before_a_verb_a_word_is_its_adverb(
    lexicon: Lexicon, term: str, sentence: str, sense: str
) -> None:
    choice = _choose(lexicon, term, sentence, word_class=lexicon.word_class)
    assert choice.text.startswith(sense), choice.text
    assert choice.rule == "adverb place"


def test_before_de_and_a_noun_a_word_is_no_adverb(lexicon: Lexicon) -> None:
    """真正的老街 is the "real" old street: the corpus's class (an adverb, "really") yields
    to the place before 的 and a noun, where an attribute stands."""
    choice = _choose(lexicon, "真正", "感受到了真正的九份老街", word_class=lexicon.word_class)
    assert choice.text == "genuine; real; true"


def test_an_adverb_chosen_by_its_place_is_worded_as_that_adverb(lexicon: Lexicon) -> None:
    choice = _choose(lexicon, "总", "因为总感觉老街已经不在")
    assert choice.wording == "always; in every case; invariably"


@pytest.mark.parametrize(
    ("term", "sentence", "sense"),
    [
        # A connective sense of a verb does not stand for the verb opening its clause: 用 is
        # the coverb "with" (用电脑写), not "(literary) hence".
        ("用", "用电脑写汉字", "(coverb) with; using"),
        # 先 "first": the example sentences' sense says more than the place before a verb.
        ("先", "他先刷牙洗脸", "beforehand; first"),
    ],
)
def test_the_adverb_place_leaves_verbs_and_usual_senses_alone(
    lexicon: Lexicon, term: str, sentence: str, sense: str
) -> None:
    choice = _choose(lexicon, term, sentence, usual=lexicon.usual_sense)
    assert choice.text.startswith(sense), choice.text


def test_a_bound_form_is_no_sense_of_a_character_standing_alone(lexicon: Lexicon) -> None:
    places = _places(lexicon, "均", "马铃薯与牛肉均超大块")
    assert Place.FREE_WORD in places
    choice = _choose(lexicon, "均", "马铃薯与牛肉均超大块")
    assert not choice.text.startswith("(bound form)")
    # Unless the example sentences use the bound form as a word: 店 "shop; store".
    choice = _choose(lexicon, "店", "就连坐在店里吃饭", usual=lexicon.usual_sense)
    assert choice.text == "(bound form) shop; store"


@pytest.mark.parametrize(
    ("term", "sentence", "sense"),
    [
        # 令 before a person and how they feel: "to cause", not "to order".
        ("令", "这令我的脑袋受不了", "to cause"),
        # 叫 before a person and a verb with no 了 closing it: "to order", not the passive.
        ("叫", "我叫老妈帮我打包一份卤肉饭", "to order"),
        ("让", "为了让大家体验一下道地的早茶", "to let sb do sth"),
        # A passive's verb closes its clause on 了: the agent's "by" stands.
        ("叫", "我的钱包叫人偷了", "by (indicates agent in the passive mood)"),
        # Before a name in quotes: "to be called".
        ("叫", '还衍生出一个名词叫"一盅两件"', "to be called"),
    ],
)
def test_causatives_passives_and_names(
    lexicon: Lexicon, term: str, sentence: str, sense: str
) -> None:
    choice = _choose(lexicon, term, sentence, usual=lexicon.usual_sense)
    assert choice.text == sense


def test_a_list_with_full_stops_between_its_items_closes_with_etc(lexicon: Lexicon) -> None:
    sentence = "加入葱花.猪皮.海蜇.碎牛肉.鱿鱼等"
    assert Place.END_OF_LIST in _places(lexicon, "等", sentence)
    choice = _choose(lexicon, "等", sentence, usual=lexicon.usual_sense)
    assert choice.text == "and so on; etc.; et al."


def test_a_verb_with_its_own_object_is_no_complement(lexicon: Lexicon) -> None:
    """喝茶看报纸: 看 after the verb 喝茶 reads the newspaper, it does not "give it a try"."""
    places = _places(lexicon, "看", "很多当地人在喝茶看报纸")
    assert Place.BEFORE_WRITING in places and Place.AFTER_VERB not in places
    assert _choose(lexicon, "看", "很多当地人在喝茶看报纸").text == "to read"
    # 掌握好每个字: 好 after its verb stays its complement (字 may be a "letter").
    assert Place.AFTER_VERB in _places(lexicon, "好", "掌握好每个字的读音")


def test_the_sense_whose_note_names_the_object(lexicon: Lexicon) -> None:
    """上 "to attend (class or university)" before 李老师的作文课, whose head 课 means
    "class" (作文 after 的 is part of the noun, not a verb)."""
    sides = [("星期六，就去", "李老师的作文课了。")]
    places = places_of("上", sides, lexicon.lookup)
    assert "class" in places.objects
    context = SenseContext(places=places, usual=lexicon.usual_sense)
    choice = choose_sense(lexicon.lookup("上"), context)
    assert choice is not None and choice.text == "to attend (class or university)"


@pytest.mark.parametrize(
    ("term", "sentence", "place"),
    [
        ("明白", "后来才明白，这可是经典的港式服务", Place.VERB_PLACE),  # after 才
        ("失望", "令人失望的早餐过后", Place.NOUN_PLACE),  # how one is made to feel
    ],
)
def test_after_cai_a_verb_after_lingren_an_adjective(
    lexicon: Lexicon, term: str, sentence: str, place: Place
) -> None:
    index = sentence.index(term)
    sides = [(sentence[:index], sentence[index + len(term) :])]
    places = class_places_of(sides, lexicon.lookup, term)
    assert places.share(place) == 1
    choice = choose_sense(
        lexicon.lookup(term), SenseContext(places=places, word_class=lexicon.word_class)
    )
    assert choice is not None
    assert choice.text == {"明白": "to understand; to realize", "失望": "disappointed"}[term]


def test_a_degree_adverb_opens_a_verb_of_feeling(lexicon: Lexicon) -> None:
    assert Place.BEFORE_ADJECTIVE in _places(lexicon, "好", "我们好喜欢这里")
    choice = _choose(lexicon, "好", "我们好喜欢这里", usual=lexicon.usual_sense)
    assert choice.text == "(before an adjective for exclamatory effect) so"


@pytest.mark.parametrize(
    ("sentence", "sense"),
    [
        # "(used with 也[ye3], 都[dou1] etc) even": 都 later in its sentence.
        ("连那「悲情城市」都不在了。", "(used with 也[ye3], 都[dou1] etc) even"),
        ("这两个字连在一起。", "to link"),
    ],
)
def test_lian_with_dou_later_in_its_sentence_is_even(
    lexicon: Lexicon, sentence: str, sense: str
) -> None:
    assert _choose(lexicon, "连", sentence, usual=lexicon.usual_sense).text == sense


def test_le_after_a_verb_is_not_liao_for_a_bu_later_in_its_sentence(lexicon: Lexicon) -> None:
    """了's "(used with 得 or 不 after a verb ...)" names words right before it, not later."""
    sides = [("我吃", "饭，不想去。")]
    places = places_of("了", sides, lexicon.lookup)
    choice = choose_sense(lexicon.lookup("了"), SenseContext(places=places))
    assert choice is not None and choice.entry.pinyin_numbered == "le5"


def test_a_word_inside_a_question_asks(lexicon: Lexicon) -> None:
    """几 in 几位 (no dictionary word) asks "how many" in 请问几位？, as it would alone."""
    deck = Deck("dialogue.md", "markdown", (Slide(1, "", "服务员：欢迎光临！请问几位？\n"),))
    (term,) = [t for t in build_glossary(deck, lexicon).terms if t.term == "几位"]
    assert term.part_glosses[0].startswith("how many"), term.part_glosses


def test_a_causative_before_a_persons_noun_phrase_and_its_state(lexicon: Lexicon) -> None:
    """令无数港人着迷: past the person's noun phrase, 着迷 "to be fascinated" is a state."""
    sentence = "铜锣湾的活力令无数港人着迷"
    assert Place.CAUSES_STATE in _places(lexicon, "令", sentence)
    assert _choose(lexicon, "令", sentence).text == "to cause"


def test_a_degree_adverb_before_an_adjective_of_fun(lexicon: Lexicon) -> None:
    """好好玩 "so much fun": 好玩 "amusing; fun" is an adjective."""
    choice = _choose(lexicon, "好", "这个游乐场好好玩", usual=lexicon.usual_sense)
    assert choice.text == "(before an adjective for exclamatory effect) so"


def test_an_object_named_by_a_note_outweighs_a_place_after_a_word(lexicon: Lexicon) -> None:
    """然后上兴趣班: the head 班 "class" of the object names 上's "to attend (class ...)",
    over "(noun suffix) on" after 然后 and the corpus's class."""
    sides = [("多数要回家换衫然后", "兴趣班，不过今日就来公园玩。")]
    places = places_of("上", sides, lexicon.lookup)
    context = SenseContext(places=places, word_class=lexicon.word_class)
    choice = choose_sense(lexicon.lookup("上"), context)
    assert choice is not None and choice.text == "to attend (class or university)"


@pytest.mark.parametrize(
    ("term", "sentence", "sense"),
    [
        # Before a verb the adverb, over the example sentences' "real" (我真的找到你了).
        ("真的", "吉玛，我真的找到你了", "really; truly; indeed"),
        # Before 的 and a noun none of its adverbs ("originally", "so, actually"): "former".
        ("原来", "如今一般指放弃原来的工作去经营商业", "original; former"),
    ],
)
def test_the_place_of_an_adverb_outweighs_the_usual_sense(
    lexicon: Lexicon, term: str, sentence: str, sense: str
) -> None:
    choice = _choose(lexicon, term, sentence, usual=lexicon.usual_sense)
    assert choice.text == sense


def test_after_a_name_a_form_of_address_is_worded_as_one(lexicon: Lexicon) -> None:
    """张先生, 戴伟先生: 先生 is "mister (Mr.)" first; alone it keeps "gentleman" first."""
    assert has_address_sense(lexicon.lookup("先生"))
    places = places_of("先生", [("王大朋对戴伟说：“戴伟", "，想跟吉玛说什么")], lexicon.lookup)
    assert places.share(Place.AFTER_NAME) == 1
    context = SenseContext(places=places, usual=lexicon.usual_sense)
    choice = choose_sense(lexicon.lookup("先生"), context)
    assert choice is not None and choice.wording.startswith("mister (Mr.)")
    alone = places_of("先生", [("这位", "很客气")], lexicon.lookup)
    context = SenseContext(places=alone, usual=lexicon.usual_sense)
    choice = choose_sense(lexicon.lookup("先生"), context)
    assert choice is not None and not choice.wording.startswith("mister")


def test_a_form_of_address_inside_a_term_after_a_name(lexicon: Lexicon) -> None:
    deck = Deck("story.md", "markdown", (Slide(1, "", "• 张先生\n"),))
    (term,) = [t for t in build_glossary(deck, lexicon).terms if "先生" in t.term]
    gloss = term.gloss if term.term == "先生" else term.part_glosses[-1]
    assert gloss.startswith("mister (Mr.)"), (term.term, term.gloss, term.part_glosses)


@pytest.mark.parametrize(
    ("sentence", "sense"),
    [
        ("你一直走，然后左转", "straight (in a straight line)"),
        ("你一直往前走就到了", "straight (in a straight line)"),
        ("我一直想去中国", "continuously; always; all the way through"),
    ],
)
def test_yizhi_before_a_verb_of_going_is_straight(
    lexicon: Lexicon, sentence: str, sense: str
) -> None:
    assert _choose(lexicon, "一直", sentence, word_class=lexicon.word_class).text == sense


def test_a_verb_of_speaking_before_what_is_said_is_worded_to_say(lexicon: Lexicon) -> None:
    sides = [("吉玛往这里看了看，", "：“好的，我马上就来。”"), ("王大朋对戴伟", "：“快去吧。”")]
    places = places_of("说", sides, lexicon.lookup)
    assert places.share(Place.BEFORE_QUOTE) == 1
    choice = choose_sense(
        lexicon.lookup("说"), SenseContext(places=places, usual=lexicon.usual_sense)
    )
    assert choice is not None and choice.wording.startswith("to say")
    places = places_of("说", [("我会", "中文")], lexicon.lookup)
    choice = choose_sense(
        lexicon.lookup("说"), SenseContext(places=places, usual=lexicon.usual_sense)
    )
    assert choice is not None and not choice.wording.startswith("to say")


@pytest.mark.parametrize(
    ("term", "sentence", "sense"),
    [
        ("带", "有人给你和孩子们带书来了", "to carry"),  # a book is carried, not worn
        ("带", "她带着一顶帽子", "to wear"),  # 帽子 "hat"
        ("穿", "她穿着一件红衣服", "to wear"),  # 衣服 "clothes"
    ],
)
def test_to_wear_wants_something_worn(
    lexicon: Lexicon, term: str, sentence: str, sense: str
) -> None:
    choice = _choose(lexicon, term, sentence, word_class=lexicon.word_class)
    assert choice.text.startswith(sense), choice.text


def test_a_bound_form_inside_a_term_keeps_the_terms_places_out(lexicon: Lexicon) -> None:
    """The places of a term are its own: a word inside it (居 in 合村并居) is not "a word of
    its own" whose bound form would step back."""
    places = places_of("合村并居", [("他们推行", "的政策")], lexicon.lookup)
    assert places.share(Place.FREE_WORD) == 1
    context = SenseContext(places=places)
    for candidate in candidates(lexicon.lookup("居")):
        assert dict(score(candidate, context))["adverb place"] == 0.0
