"""Where a function word stands in its sentence, and the sense CC-CEDICT gives for that place.

Grammar words have an everyday first sense and a grammatical one the dictionary labels by the
place it takes: 个 after a numeral is a classifier, 了 and 的 after a word are particles,
好 and 到 after a verb are its complements, 中 and 里 after a noun are localisers ("in",
"inside"), 后 after a verb is "after", 等 closing a list is "etc.". The word after says
as much: 会 before a state or after 都 says what will happen ("to be likely to"), before an
action what one can do; "yet" needs a negation after it (还没), "still more" a comparison
(比昨天还冷); "a certain ..." opens its noun (一定的挑战); a possessive pronoun ("its") a
noun, an object one ("it") closes its verb. What a verb's object names chooses among the
verb's senses (看电影 "to watch", 看书 "to read"); right after a verb a word that can be its
complement is one (展现出), unless that verb wants or likes what follows (想去, 喜欢看).
Before a verb a word with adverb senses is the adverb (一直想 "always", 均超大 "all"), before
的 and a noun it is none (真正的 "real"); a "(bound form)" sense is no free word's. A causative
before a person and how they feel causes (令我失望), before a person and a verb orders (叫老妈
帮我); its passive "by" needs a clause closing on 了 (叫人偷了). A verb sense whose note names
its object stands before that object (上作文课 "to attend (class or university)"), "to do"
before something done (做作业), "to say" before a clause of its own (跟我說大橋頭有…). A
character with a surname reading right before a title or kin is the surname (王先生, 李老師); a
word after a month and its day's number is the day of the month (3月29號); a word of time
closing a clause of an action is "after" (编译成功后，…), not "behind"; a spouse after a pronoun
is theirs (我先生 "husband"); "to regard as" stands between two nouns (卤肉饭当午餐).
:func:`places_of` reads a term's places from the Chinese around each of its occurrences;
:func:`grammatical_place`, a rule of :mod:`hanzi_companion.senses`, lifts the senses labelled
for the places it stands in and lowers those lacking the neighbour they need.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from typing import TYPE_CHECKING

from hanzi_companion.lexicon.models import Entry, SenseKind
from hanzi_companion.patterns import compile_pattern
from hanzi_companion.text.han import HAN_MARK, HAN_RUN, han_prefix, han_shape, han_suffix, is_han
from hanzi_companion.text.wordlists import (
    ATTRIBUTIVE_PARTICLES,
    FRAME_ENDS,
    FUNCTION_WORDS,
    LIST_MARKS,
    NUMERALS,
    NUMERALS_AND_DEMONSTRATIVES,
    PARTICLES,
    PRONOUNS,
    RESULT_COMPLEMENTS,
    SURNAMES,
    TIME_CLAUSE_ENDS,
    WHAT_WORDS,
)

if TYPE_CHECKING:  # senses imports this module for its rule
    from hanzi_companion.senses import Candidate, SenseContext


class Place(StrEnum):
    """A place a word takes in a Chinese sentence."""

    AFTER_NUMERAL = "after a numeral or demonstrative"
    AFTER_VERB = "after a verb"
    AFTER_NOUN = "after a noun"
    AFTER_TIME = "after a time"
    AFTER_ADJECTIVE = "after an adjective"
    AFTER_WORD = "after a word"
    AFTER_LATIN = "after a word in Latin letters"
    BEFORE_VERB = "before a verb"
    BEFORE_NOUN = "before a noun"
    BEFORE_LIST = "before a list"
    COVERB = "before a noun and its verb"
    BETWEEN_NOUNS = "between two nouns"
    ENDS_CLAUSE = "at the end of a clause"
    OPENS_WHEN_CLAUSE = "opening a clause closed by 时 or before the main clause"
    OPENS_FRAME = "opening a frame such as 既…又 or 越…越"
    END_OF_LIST = "at the end of a list"
    NOUN_PLACE = "where a noun stands (after 的, a classifier, a verb or a noun)"
    ADVERB_PLACE = "before a verb, as its adverb"
    VERB_PLACE = "where a verb stands (after 不, 会 or 已经, before 了 or an object)"
    BEFORE_NAME = "before a person's name or 什么, naming someone (我叫金妮, 你叫什么)"
    BEFORE_OBJECT = "before one noun closing its clause, its object (你要水吗, 我要茶)"
    PREFIX = "opening a term, right before a noun (非 in 非农业户口)"
    PREDICTS = (
        "saying what will happen: before a state (an adjective, a degree adverb, 在, 是, 有, "
        "a verb and its result) or after an adverb such as 都, 还 or 一定 (会很忙, 都会来)"
    )
    BEFORE_ACTION = "before an action verb, nothing saying it is a prediction (我会说中文)"
    BEFORE_NEGATION = "before a negation (还没, 都不)"
    BEFORE_ADJECTIVE = "before an adjective or a degree adverb (还好, 比较详细)"
    ATTRIBUTE = "before 的 and a noun, as its attribute (一定的挑战)"
    AFTER_PRONOUN = "after a personal pronoun (我的, 你的)"
    CAUSES_STATE = "before a person and how they feel (让我很高兴)"
    BEFORE_A_WORD = "before another Chinese word"
    BEFORE_NUMBER = "before a number (才三岁)"
    IN_QUESTION = "in a question (你有几个朋友？)"
    AFTER_CLAUSE = "in a clause after another of its sentence (如果下雨，我们就不去)"
    COMPARES = "in a comparison with 比, before its adjective (今天比昨天还冷)"
    GIVES = "before 给 and the one it goes to (还给我, 送给你)"
    OPENS_CLAUSE = "opening its clause before its verb, as its subject or its time"
    AFTER_NAMED = 'right after the word its sense names (之 of 世界之最 "the greatest")'
    WITH_NAMED = "with a word its sense names in its sentence (连 'even' with 都 or 也 after it)"
    ADDS = "after 不仅, 不但 or 除了 in its sentence, adding to it (不仅…还…: also)"
    ALONE = "a clause by itself, as an answer (不是，我是英国人)"
    AFTER_ATTRIBUTIVE = "right after 的 or 之, where a noun stands (创新之都 'capital')"
    IN_PROGRESS = "before a verb going on, marked by 着 (正寄寓着, 正看着)"
    AFTER_ADVERB = "after an adverb such as 一般 'generally', where a verb stands (一般指)"
    BEFORE_SHOW = "before something one watches: a film, a show, a match (看电影, 看比赛)"
    BEFORE_WRITING = "before something one reads: a book, a newspaper, a letter (看书, 看报)"
    FREE_WORD = "a word of its own between other words of its sentence (均超大, 总感觉)"
    STARTS_CLAUSE = "opening its clause, other words after it (故得名, 还有…)"
    CLOSES_DONE = "before a clause its verb closes with 了 or 过 (让人偷了: the passive's agent)"
    AFTER_NAME = "right after a person's name (张先生, 戴伟先生: 'Mr.')"
    BEFORE_CLOTHING = "before something one wears: clothes, a hat, glasses (穿衣服, 带帽子)"
    BEFORE_QUOTE = "before a colon, a quotation or a clause (说：“…”, 说他会来: 'to say')"
    BEFORE_MOTION = "before a verb of going or a direction (一直走, 一直往前: 'straight')"
    BEFORE_VERBAL = "before a word one of whose meanings is a verb (总感觉 'feeling; to feel')"
    BEFORE_TITLE = "right before a title or a word of kinship (王先生, 李老师: a surname)"
    BEFORE_TASK = "before something one does: homework, a task, housework, sport (做作业 'to do')"
    CLOSES_ACTION = "closing a clause of an action, the main clause after it (编译成功后，执行…)"
    IN_DATE = "after a month and the number of its day (3月29號, 五月四日: the day of the month)"


@dataclass(frozen=True)
class Places:
    """How many of a term's occurrences stand in each place, out of ``total``."""

    counts: tuple[tuple[Place, int], ...] = ()
    total: int = 0
    # The Han character right before each occurrence (之 of 世界之最): some senses name it.
    before: frozenset[str] = frozenset()
    # The English words of the meanings of the nouns its occurrences take as their object
    # (课 "class" in 上作文课): a verb sense qualified "(class or university)" names them.
    objects: frozenset[str] = frozenset()
    term: str = ""  # the term whose places these are ("": unknown)
    # The Han characters later in the sentences of its occurrences (都 of 连…都).
    later: frozenset[str] = frozenset()

    def share(self, place: Place) -> float:
        """The part (0 to 1) of the term's occurrences standing in ``place``."""
        if not self.total:
            return 0.0
        return dict(self.counts).get(place, 0) / self.total

    def only(self, *places: Place) -> Places:
        """These places but ``places`` alone."""
        kept = tuple(pair for pair in self.counts if pair[0] in places)
        return Places(kept, self.total, self.before, self.objects, self.term, self.later)

    def main(self, among: Iterable[Place]) -> Place | None:
        """Of the places ``among``, the one most of its occurrences take (None: none)."""
        counts = [pair for pair in self.counts if pair[0] in set(among)]
        return max(counts, key=lambda pair: pair[1])[0] if counts else None


NOWHERE = Places()  # a term whose places are unknown

# The places a word inside a term takes from the word after it in that term, which the term
# itself shows (更 in 让生活更美好 before an adjective, 不会 in 我不会说中文 before an action).
WITHIN_A_TERM = (
    Place.BEFORE_A_WORD,
    Place.BEFORE_NEGATION,
    Place.BEFORE_ADJECTIVE,
    Place.PREDICTS,
    Place.BEFORE_ACTION,
    Place.ATTRIBUTE,
    Place.AFTER_PRONOUN,
    Place.CAUSES_STATE,
)

Lookup = Callable[[str], Sequence[Entry]]

_CLOSING_MARKS = "”’」』》）)\"' "  # a quoted or bracketed word still stands just before
_OPENING_MARKS = "“‘「『《（(\"' "
_CLAUSE_END = compile_pattern(r"[，。；：！？,.;:!?\n]")
_DIGITS = compile_pattern(r"[0-9０-９]$")
_BRACKETS_AT_END = compile_pattern(r"[(（][^()（）]*[)）]\s*$")
_BRACKETS_AT_START = compile_pattern(r"^\s*[(（][^()（）]*[)）]")
_NUMBERING = compile_pattern(r"\s*[0-9]+\s+")  # "1 座 zuò seat": a list's number, not a numeral
_LATIN_BEFORE = compile_pattern(r"[A-Za-z0-9]$")
_LATIN_WORD = compile_pattern(r"^[A-Za-z0-9]+")
_SENTENCE_END = compile_pattern(r"[。；！？;!?\n]|\.\s")
_WHEN = compile_pattern(f"[{''.join(sorted(TIME_CLAUSE_ENDS))}]")
_CLAUSE_BEFORE_MAIN = compile_pattern(r"[^。；！？;!?\n，,]+[，,]")
_CLAUSE_MARK = compile_pattern(r"[，,]")
_NOT_ONLY = compile_pattern("不仅|不僅|不但|不只|不光|除了")  # "not only" or "besides", then "also"
# the rest of a clause that lists things
_LIST = compile_pattern(f"[{''.join(sorted(LIST_MARKS))}]")
_LONGEST_WORD = 4
_ATTRIBUTIVE = tuple(ATTRIBUTIVE_PARTICLES)
_NOUN_HEADS = PRONOUNS | NUMERALS_AND_DEMONSTRATIVES  # what may open a noun phrase
# What stands before "or" or "and" joining two nouns (or adjectives: 便宜或贵).
_AFTER_NOUN_OR_ADJECTIVE = frozenset([Place.AFTER_NOUN, Place.AFTER_LATIN, Place.AFTER_ADJECTIVE])
_PLURAL_PRONOUNS = frozenset(p + m for p in PRONOUNS for m in "们們")
# What counts as a time: a word whose first meaning names a stretch of time (三年前, 下班后).
_TIME_TEXT = """year years month months day days week weeks hour hours minute minutes time moment
    period century decade era age season morning evening night noon today tomorrow yesterday
    tonight future nightfall dusk dawn daybreak sunrise sunset midnight"""
_TIME_WORDS = frozenset(_TIME_TEXT.split())


def places_of(term: str, sides: Iterable[tuple[str, str]], lookup: Lookup) -> Places:
    """The places of a term's occurrences, each given as (the text just before it on its
    line, the text just after it)."""
    counts: Counter[Place] = Counter()
    total = 0
    characters: set[str] = set()
    objects: set[str] = set()
    later: set[str] = set()
    for before, after in sides:
        total += 1
        counts.update(place_in_sentence(term, before, after, lookup))
        characters.add(han_suffix(_BRACKETS_AT_END.sub("", before).rstrip(_CLOSING_MARKS))[-1:])
        objects |= object_words(_BRACKETS_AT_START.sub("", after).lstrip(_OPENING_MARKS), lookup)
        later.update("".join(HAN_RUN.findall(_SENTENCE_END.split(after)[0])))
    counted = tuple(sorted(counts.items()))
    preceding = frozenset(characters - {""})
    return Places(counted, total, preceding, frozenset(objects), term, frozenset(later))


def place_in_sentence(term: str, before: str, after: str, lookup: Lookup) -> frozenset[Place]:
    """The places ``term`` takes between ``before`` and ``after`` (the text of its line on
    either side): after a numeral, a verb, a noun or a time; before a verb or an object;
    closing a list; opening a "when" clause; between two nouns; in a frame (既…又)."""
    # A reading or gloss written in brackets beside a word does not move it: 填(tián)好.
    before, after = _BRACKETS_AT_END.sub("", before), _BRACKETS_AT_START.sub("", after)
    if term and before.endswith(term):
        before = before[: -len(term)]  # a doubled word stands where its first half does: 一位位
    places = _places_before(before, lookup) | _places_after(term, after, lookup)
    clause = _CLAUSE_END.split(before)[-1]
    places |= _clause_places(before, after)
    if _after_a_name(before):
        places.add(Place.AFTER_NAME)
    places |= _said_places(after, lookup)
    if not clause.strip(_CLOSING_MARKS) and _CLAUSE_BEFORE_MAIN.match(after):
        places.add(Place.OPENS_WHEN_CLAUSE)  # 当你完成了创建，你可以…
    sentence = _SENTENCE_END.split(before)[-1]
    end = _SENTENCE_END.search(after)
    if end and end.group() in "？?" and "吗" not in after[: end.start()]:
        places.add(Place.IN_QUESTION)  # 你有几个朋友？ (你有几个朋友吗？ asks of "a few")
    if _NOT_ONLY.search(sentence):
        places.add(Place.ADDS)  # 不仅能提升…，还能…
    if _CLAUSE_MARK.search(sentence):
        places.add(Place.AFTER_CLAUSE)  # 如果下雨，我们就不去
    if not han_suffix(clause.rstrip(_CLOSING_MARKS)) and Place.ENDS_CLAUSE in places:
        places.add(Place.ALONE)  # 不是，我是英国人 (a speaker's name and colon before it)
    if Place.AFTER_NUMERAL in places and after.lstrip(_OPENING_MARKS)[:1] in PRONOUNS:
        places.discard(Place.AFTER_NUMERAL)  # no classifier before a pronoun: 这对我很重要
    if Place.BEFORE_NOUN in places and places & _AFTER_NOUN_OR_ADJECTIVE:
        places.add(Place.BETWEEN_NOUNS)
    if not before.strip() and Place.BEFORE_NOUN in places and han_prefix(after):
        places.add(Place.PREFIX)  # 非 in 非农业户口: nothing before it, a noun right after
    if Place.AFTER_ATTRIBUTIVE in places and not before.rstrip(_CLOSING_MARKS).endswith("之"):
        following = _next_word_places(before, after, lookup)
        if _before_verb(after, lookup) or following & _BEFORE_A_PREDICATE:
            places.discard(Place.AFTER_ATTRIBUTIVE)  # 我的都是新的: 的 closes "mine"
    if Place.AFTER_VERB in places and term not in _ASPECT_AFTER and _goes_to_do(before, lookup):
        places.discard(Place.AFTER_VERB)  # 去看朋友: what one goes to do, not 看 "to try"
    if Place.AFTER_VERB in places and places & _OBJECT_PLACES and _watches_or_reads(term, lookup):
        places.discard(Place.AFTER_VERB)  # 喝茶看报纸: a verb with its own object, no complement
    if Place.AFTER_WORD in places and _between_subject_and_verb(before, after, lookup):
        places.discard(Place.AFTER_WORD)  # 我也不去: an adverb's place, no particle's
    places |= _next_word_places(before, after, lookup)
    if places & {Place.BEFORE_A_WORD, Place.AFTER_WORD}:
        places.add(Place.FREE_WORD)
    if Place.CAUSES_STATE in places:
        places.discard(Place.COVERB)  # 令人失望: how one is made to feel, no order to act
    if len(term) == 1 and _before_a_title(term, after, lookup):
        places.add(Place.BEFORE_TITLE)
    if _DAY_OF_A_MONTH.search(before):
        places.add(Place.IN_DATE)  # 3月29號 "March 29th", not "number 29"
    if _CLAUSE_MARK.match(after.lstrip(" ")) and _closes_an_action(clause, lookup):
        places.add(Place.CLOSES_ACTION)  # 编译成功后，执行…: "after" compiling, not "behind"
    return frozenset(places)


# A list's items separated by a full stop or a middle dot between Han characters (蔥花.豬皮.
# 海蜇等), as some writers do, are a list as with 、.
_HAN_LIST_DOT = compile_pattern(f"(?<={HAN_MARK})[.．·・/](?={HAN_MARK})")
# A clause whose verb closes on 了 or 过 (让人偷了, 叫狗咬了): what a passive's agent needs.
_DONE_MARKS = "了過过掉"
# A month and the number of a day after it, a date's day to come (3月29, 五月四, 十二月二十五).
_DAY_OF_A_MONTH = compile_pattern(r"月\s*(?:[0-9０-９]{1,2}|[一二三四五六七八九十廿卅]{1,3})\s*$")
_CLOSING_PARTICLES = "吗嗎呢吧啊啦"


def _after_a_name(before: str) -> bool:
    """Whether the text before a word ends with a person's name: a surname and at most two
    characters after it (张先生, 戴伟先生)."""
    run = han_suffix(before.rstrip(" "))
    return any(run[-size] in SURNAMES for size in range(1, min(3, len(run)) + 1))


_ADDRESS = compile_pattern(r"\b(?:mister|mr|miss|mrs|madam|ms)\b")


def has_address_sense(entries: Iterable[Entry]) -> bool:
    """Whether a sense of ``entries`` has a wording that addresses a person ("mister (Mr.)")
    beside others ("gentleman; sir; mister (Mr.)"): after a name that wording is meant."""
    return any(
        _address_piece(sense.text) not in ("", sense.text.split(";")[0].strip())
        for entry in entries
        for sense in entry.senses
    )


def _address_piece(text: str) -> str:
    return next((p.strip() for p in text.split(";") if _ADDRESS.search(p.lower())), "")


def quote_wording(text: str, places: Places) -> str:
    """A sense worded "to speak; to talk; to say" before what is said (说：“我马上就来。”),
    worded "to say" first; "" otherwise."""
    pieces = [p.strip() for p in text.split(";")]
    if _SAY not in pieces[1:] or places.share(Place.BEFORE_QUOTE) < _MOSTLY:
        return ""
    return "; ".join([_SAY, *(p for p in pieces if p != _SAY)])


_SAY = "to say"
_MOSTLY = 0.5  # most of the term's occurrences


def address_wording(text: str, places: Places) -> str:
    """A sense with a wording that addresses a person, worded so first where the term follows
    a name (戴伟先生 "mister (Mr.)", not "gentleman"); "" otherwise."""
    piece = _address_piece(text)
    if not piece or not places.share(Place.AFTER_NAME) or text.startswith(piece):
        return ""
    return "; ".join([piece, *(p.strip() for p in text.split(";") if p.strip() != piece)])


# What CC-CEDICT says of a person named by a title: counted with a classifier for people (位
# "classifier for people (honorific)": 先生, 太太, 同学) or meaning a title or kin that
# follows a surname (老师 "teacher", 医生 "doctor", 叔叔 "paternal uncle").
_TITLE_TEXT = """teacher doctor physician professor uncle aunt auntie grandpa grandma granny master
    boss manager director lawyer nurse coach captain chairman secretary sir madam lady mister"""
_TITLES = frozenset(_TITLE_TEXT.split())
_PERSON_CLASSIFIER = compile_pattern(r"^classifier for (?:people|persons)\b")


def _before_a_title(character: str, after: str, lookup: Lookup) -> bool:
    """Whether a character with a surname sense stands right before a word naming a person by a
    title or kinship (王先生, 王老师): no adjective that describes the person (新同学 "new")."""
    following = han_prefix(after)
    if not following or not any(_is_surname(entry) for entry in lookup(character)):
        return False
    word = _word_at_start(following, lookup)
    if word == following[:1] or _is_adjective(character, lookup):
        return False  # 王是 "the king is": no word after it, or 新, 高, 老 describing
    return _is_title(word, lookup)


def _is_surname(entry: Entry) -> bool:
    return any(sense.kind == SenseKind.SURNAME for sense in entry.senses)


def _is_title(word: str, lookup: Lookup) -> bool:
    """A word counted with a classifier for people, or whose first meaning is a title."""
    for entry in lookup(word):
        if entry.is_proper_noun:
            continue
        if any(_counts_people(classifier, lookup) for classifier in entry.classifiers):
            return True
        first = _LEADING_NOTES.sub("", entry.senses[0].text if entry.senses else "")
        lasts = (re.findall(r"[a-z]+", piece.lower())[-1:] for piece in first.split(";"))
        return any(last and last[0] in _TITLES for last in lasts)  # "...; paternal uncle"
    return False


@lru_cache(maxsize=64)
def _counts_people_text(definitions: tuple[str, ...]) -> bool:
    return any(_PERSON_CLASSIFIER.match(text) for text in definitions)


def _counts_people(classifier: str, lookup: Lookup) -> bool:
    """Whether a classifier as CC-CEDICT notes it ("位[wei4]", "個|个[ge4]") is defined as
    one for people (位 "classifier for people (honorific)"; 个 is a general one)."""
    word = classifier.split("[")[0].split("|")[-1]
    return any(_counts_people_text(entry.definitions) for entry in lookup(word))


def has_surname_choice(entries: Iterable[Entry]) -> bool:
    """Whether a single character has a surname reading beside other meanings (王 "king",
    Wáng): before a title it is the surname."""
    entries = tuple(entries)
    single = all(len(entry.simplified) == 1 for entry in entries)
    return single and len(entries) > 1 and any(_is_surname(entry) for entry in entries)


SURNAME_BEFORE_TITLE = 7.0  # over a surname's want of evidence (-5) and the first sense's lead


def surname_before_title(candidate: Candidate, context: SenseContext) -> float:
    """A character standing right before a title or a word of kinship (王先生 "Mr. Wang",
    王老师 "Teacher Wang") is the surname, by how many of its occurrences stand so."""
    if candidate.sense.kind != SenseKind.SURNAME or len(candidate.entry.simplified) != 1:
        return 0.0
    return SURNAME_BEFORE_TITLE * context.places.share(Place.BEFORE_TITLE)


def _said_places(after: str, lookup: Lookup) -> set[Place]:
    """Before a colon, a quotation or a clause of its own: what is said (说：“…”, 朋友跟我說
    大橋頭有好吃的)."""
    opening = after.lstrip(" ")[:1]
    if opening in _QUOTES or opening in ":：" or _opens_a_clause_said(after, lookup):
        return {Place.BEFORE_QUOTE}
    return set()


def _opens_a_clause_said(after: str, lookup: Lookup) -> bool:
    """Whether a clause of its own follows a word, its subject then its verb (说他会来, 说这周
    要…), not the word's object (说中文) nor its complement or particle (说得好, 说了)."""
    following = han_prefix(after.lstrip(_OPENING_MARKS))
    if not following:
        return False
    word = _word_at_start(following, lookup)
    if word[0] not in _NOUN_HEADS and (word in FUNCTION_WORDS or _is_verb(word, lookup)):
        return False
    return _verb_in(_CLAUSE_END.split(following)[0][len(word) :], lookup)


def _closes_an_action(clause: str, lookup: Lookup) -> bool:
    """Whether the clause before a word holds an action, no place opened by 在 (编译成功后 is a
    time; 在房子后 and 站在我后 may be a place)."""
    return _LOCATIVE not in clause and _verb_in(clause, lookup)


_LOCATIVE = "在"


def _clause_places(before: str, after: str) -> set[Place]:
    """The places the clause around a word gives it: closing a list (蔥花、豬皮等), opening
    its clause (故得名), before a verb closing its clause on 了 (让人偷了)."""
    places = set()
    if "、" in _CLAUSE_END.split(_HAN_LIST_DOT.sub("、", han_shape(before)))[-1]:
        places.add(Place.END_OF_LIST)
    clause_after = _CLAUSE_END.split(after)[0]
    if not HAN_RUN.search(_CLAUSE_END.split(before)[-1]) and han_prefix(clause_after.lstrip()):
        places.add(Place.STARTS_CLAUSE)
    closing = clause_after.rstrip().rstrip(_CLOSING_PARTICLES)
    if len(closing) > 1 and closing[-1] in _DONE_MARKS and is_han(closing[-2]):
        places.add(Place.CLOSES_DONE)
    return places


_OBJECT_PLACES = frozenset([Place.BEFORE_SHOW, Place.BEFORE_WRITING])


def _watches_or_reads(term: str, lookup: Lookup) -> bool:
    """Whether a word means "to watch" or "to read", the senses a show or a text after it calls
    for (看报纸), rather than being a complement (掌握好每个字)."""
    return any(text in ("to watch", "to read") for text in _meanings(term, lookup))


# Negations, and the verbs of a state rather than an action (会在家, 会是, 会有).
_NEGATIONS = ("不", "没", "沒", "未", "别", "別")
_STATE_VERBS = frozenset("在是有")
# Verbs of coming and going: nobody learns how to come, so 会来, 会去, 会回来 say what will
# happen ("will he come?"), as a state does.
_COMING_AND_GOING = frozenset(["来", "去", "回", "來", "回来", "回去", "回來"])
# Before a verb, what one comes or goes to do (去看朋友, 回去看父母).
_GO_TO_DO = frozenset(["来", "去", "來", "回来", "回去", "回來"])
# Adverbs after which a modal says what will happen (都会来, 还会下雨, 一定会成功) rather
# than who is able to (我会说中文): a prediction's scope, time or certainty.
_PREDICTING_TEXT = "都 还 還 就 一定 肯定 可能 也许 也許 大概 总 總 将 將 一直 迟早 遲早 必然 必定"
_PREDICTING = frozenset(_PREDICTING_TEXT.split())
# The aspect marker of an action going on, right after its verb of one to three characters
# (寄寓着: 寄 "to entrust", then the rest of a word no dictionary has).
_GOING_ON = compile_pattern(r"[^\x00-\x7f着著，。]{0,2}[着著]")
_COMPARISON = compile_pattern("比[^较較如方]")  # 比昨天, not 比较 "quite" or 比如 "such as"
_NOMINAL_SUFFIXES = "者"  # 学习者 "learner": a verb and 者 make a noun
_DIGIT_AFTER = compile_pattern(r"\s*[0-9０-９]")


def _next_word_places(before: str, after: str, lookup: Lookup) -> set[Place]:
    """The places the next word gives a word: before a negation, an adjective, 的 and a noun,
    a state or an action (a modal's prediction or ability), a person and how they feel."""
    stripped = after.lstrip(_OPENING_MARKS)
    following = han_prefix(stripped)
    if not following:
        return {Place.BEFORE_NUMBER} if _DIGIT_AFTER.match(stripped) else set()
    word = _word_at_start(following, lookup)
    places = {Place.BEFORE_A_WORD}
    if word.startswith(_NEGATIONS):
        places.add(Place.BEFORE_NEGATION)
    if word[0] in NUMERALS and (len(word) == 1 or word[1] in _CLASSIFIER_WORDS):
        places.add(Place.BEFORE_NUMBER)  # 才三岁, 才一个; not 一般, 一起
    if _is_adjective(word, lookup) or _is_feeling(word, lookup):
        places.add(Place.BEFORE_ADJECTIVE)  # 好高, 好喜欢: a degree adverb's place
    if following[0] in ATTRIBUTIVE_PARTICLES and len(following) > 1:
        places.add(Place.ATTRIBUTE)  # 一定的挑战
    if following[0] in "给給" and len(following) > 1:
        places.add(Place.GIVES)  # 还给我
    if following[len(word) :].startswith(_NOMINAL_SUFFIXES):
        word += following[len(word)]  # 学习者: a noun
    verb = _is_verb(word, lookup)
    if _MOTION.match(_first_meaning(word, lookup)):
        places.add(Place.BEFORE_MOTION)  # 一直走 "go straight on", 一直往前
    maybe_verb = word not in FUNCTION_WORDS and any(map(_is_verb_sense, _meanings(word, lookup)))
    if verb or maybe_verb:
        places.add(Place.BEFORE_VERBAL)  # 总感觉: before a word that may be a verb ("to feel")
    if verb and _GOING_ON.match(following[len(word) :]):
        places.add(Place.IN_PROGRESS)  # 正寄寓着: "just (at that time)", going on
    result = verb and len(word) > 1 and word[-1] in RESULT_COMPLEMENTS  # 闻到, 看见
    state = following[0] in _STATE_VERBS or Place.BEFORE_ADJECTIVE in places or result
    state = state or word in _COMING_AND_GOING
    run = han_suffix(before.rstrip(" "))
    last = _word_at_end(run, lookup) if run else ""
    clause = _CLAUSE_END.split(before)[-1]
    if Place.BEFORE_ADJECTIVE in places and _COMPARISON.search(clause):
        places.add(Place.COMPARES)
    # 都会来, 明天会下雨, 你会喜欢的: an adverb or a time before it, or 的 closing its clause.
    predicted = last in _PREDICTING or (bool(last) and _is_time(last, lookup))
    predicted = predicted or _CLAUSE_END.split(following)[0].endswith("的")
    if state or (verb and predicted):
        places.add(Place.PREDICTS)
    elif verb:
        places.add(Place.BEFORE_ACTION)
    rest = following[len(word) :]
    if rest and _is_person(word, lookup) and _names_a_state(rest, lookup):
        places.add(Place.CAUSES_STATE)  # 让我很高兴, 令我的脑袋受不了
    return places


# Verbs of going and words of direction, as CC-CEDICT words their first meaning: before them
# a word of manner says which way (一直走 "straight"), not how often.
_MOTION = compile_pattern(
    r"^(?:to (?:walk|go|run|drive|ride|move|turn|head)\b|(?:towards?|in the direction of)\b)"
)


def _names_a_state(rest: str, lookup: Lookup) -> bool:
    """Whether the words after a person (``rest``) say how they are or feel: an adjective or
    a degree adverb, a verb of feeling, a word whose first meaning is an adjective (失望
    "disappointed", 受不了 "unbearable"), maybe after the rest of the person's noun phrase
    (我的脑袋受不了, 无数港人着迷)."""
    for _ in range(_STATE_WORDS):
        rest = rest[1:] if rest[0] in ATTRIBUTIVE_PARTICLES else rest
        if not rest:
            return False
        word = _word_at_start(rest, lookup)
        if _is_adjective(word, lookup) or _is_feeling(word, lookup):
            return True
        if _reads_as_adjective(word, lookup):
            return True
        if word in FUNCTION_WORDS or _is_verb(word, lookup):
            return False  # 叫老妈帮我: an action
        rest = rest[len(word) :]
        if not rest:
            return False
    return False


_STATE_WORDS = 3  # the words of a person's noun phrase and its state (我的脑袋受不了)


def _reads_as_adjective(word: str, lookup: Lookup) -> bool:
    """A word whose first meaning is worded as an adjective, whatever its other meanings
    (失望 "disappointed; to lose hope", 着迷 "to be fascinated")."""
    first = _LEADING_NOTES.sub("", _first_meaning(word, lookup)).split(";")[0].lower()
    first = first.removeprefix("to be ")
    return first in _BASIC_ADJECTIVES or bool(_ADJECTIVE_ENDING.fullmatch(first))


# Verbs of feeling and of the mind, as CC-CEDICT words them: a degree adverb opens them as it
# does an adjective (好喜欢, 很想, 好鍾意 "so fond of"), a causative makes one feel them (令其
# 念念不忘 "to keep in mind constantly").
_FEELING = compile_pattern(
    r"^(?:\([^)]*\)\s*)*to (?:like|love|be fond of|want|wish|hope|miss|fear|be afraid|hate"
    r"|dislike|enjoy|admire|worry|envy|regret|keep in mind|remember|long for|yearn)\b"
)


def _is_feeling(word: str, lookup: Lookup) -> bool:
    """A verb some meaning of which is a feeling: liking, wanting, fearing (喜欢, 想, 怕)."""
    return any(_FEELING.match(text) for text in _meanings(word, lookup))


# What the word after a word gives it when that word opens its predicate (都是, 都很好, 都去).
_BEFORE_A_PREDICATE = frozenset([Place.BEFORE_ADJECTIVE, Place.PREDICTS, Place.BEFORE_ACTION])


def _goes_to_do(before: str, lookup: Lookup) -> bool:
    """Whether a word stands right after the word 来 or 去 "to come, to go": 去看朋友 "go and
    see a friend" (过去 "the past" is another word)."""
    run = han_suffix(before.rstrip(" "))
    return bool(run) and _word_at_end(run, lookup) in _GO_TO_DO


def _is_person(word: str, lookup: Lookup) -> bool:
    """A pronoun, or a word that may name a person: no verb, adverb or grammatical word."""
    if word[0] in PRONOUNS:
        return True
    grammatical = word in FUNCTION_WORDS or word in _BEFORE_A_VERB_WORDS
    return not grammatical and not _is_verb(word, lookup)


# English adjectives CC-CEDICT gives as the first meaning of common Chinese adjectives, and the
# endings of English adjectives: what tells an adjective from a noun in a definition.
_BASIC_ADJECTIVES_TEXT = """good bad big small large little many much few busy heavy light hot cold
    warm cool new old young long short fast quick slow high tall low happy sad early late
    difficult easy hard simple important clean dirty cheap expensive near far strong weak
    beautiful pretty ugly tired full empty right wrong true real same different fun amusing
    interesting boring exciting delicious"""
_BASIC_ADJECTIVES = frozenset(_BASIC_ADJECTIVES_TEXT.split())
_ADJECTIVE_ENDING = compile_pattern(r"[a-z]{3,}(?:ful|ous|ive|ible|able|ed)")


def _is_adjective(word: str, lookup: Lookup) -> bool:
    """A degree adverb (an adjective follows it), or a word whose first meaning is one English
    adjective: 好 "good", 详细 "detailed", 重要 "important"."""
    if word in _INTENSIFIERS:
        return True
    if _is_verb(word, lookup):
        return False
    first = _LEADING_NOTES.sub("", _first_meaning(word, lookup)).split(";")[0].lower()
    return first in _BASIC_ADJECTIVES or bool(_ADJECTIVE_ENDING.fullmatch(first))


def _between_subject_and_verb(before: str, after: str, lookup: Lookup) -> bool:
    """Whether a word stands right after a pronoun subject and before its verb, or before a
    word that stands before a verb (我也不去, 他就去): where an adverb does, not a particle
    (a particle follows what it marks: 我的, 你呢)."""
    run = han_suffix(before.rstrip(" "))
    last = _word_at_end(run, lookup) if run else ""
    subject = last in PRONOUNS or (len(last) == 2 and last[0] in PRONOUNS and last[1] in "们們")
    following = han_prefix(after.lstrip(_OPENING_MARKS))
    if not subject or not following:
        return False
    word = _word_at_start(following, lookup)
    return word in _BEFORE_A_VERB_WORDS or _is_verb(word, lookup)


# Words before a verb (modals, adverbs, negations) and before an adjective (degree).
_BEFORE_A_VERB = """会 要 能 能够 可以 可 在 正在 已经 已 不 没 没有 也 都 就 还 再 又 将
    将要 应该 应 必须 需要 可能 想 曾 曾经 正 刚 刚刚 常 常常 经常 一直 开始 继续 不断 共同
    一起 努力 主动 积极 互相 相互 會 沒 沒有 還 將 應該 須 經常 曾經 剛 剛剛 繼續 積極
    不斷 主動 將要 已經 應 開始 必須 能夠 才 终于 終於 突然 忽然 立刻 马上 馬上 渐渐 漸漸
    总是 總是 往往"""
_BEFORE_A_VERB_WORDS = frozenset(_BEFORE_A_VERB.split())
_DEGREE_TEXT = "很 非常 太 更 最 挺 比较 特别 十分 相当 越来越 比較 特別 越來越 相當"
_DEGREE = frozenset(_DEGREE_TEXT.split())
# "To make one (feel)": what follows says how one feels, an adjective (令人失望 "disappointed").
_CAUSATIVES = frozenset(["令人", "让人", "讓人", "使人", "叫人", "教人"])
# Degree adverbs open an adjective; so do these, of how much (这么重, 那么远).
_INTENSIFIERS = _DEGREE | frozenset(["这么", "那么", "多么", "這麼", "那麼", "多麼"])
# Words before a noun: determiners and quantifiers (什么作用, 所有配置).
_DETERMINERS_TEXT = """这 那 每 各 某 什么 哪些 这些 那些 一些 其他 其它 所有 任何 一切 许多 很多
    全部 整个 這 這些 那些 哪些 一些 什麼 許多 整個"""
_DETERMINERS = frozenset(_DETERMINERS_TEXT.split())
_ASPECT_AFTER = "了着过著過"
_JOINING = frozenset("和与與及、")  # "and" joining two nouns (作用与详解)
_LOCALISERS_AFTER = ("中", "里", "裡", "上", "方面", "之中")
_CLASSIFIER_WORDS = frozenset("个種种项類类些份套次位條条件點点個項")


def class_places_of(sides: Iterable[tuple[str, str]], lookup: Lookup, term: str = "") -> Places:
    """Of a content word's occurrences, each given as (the text before it on its line, the text
    after it), how many stand where a noun does and how many where a verb does."""
    counts: Counter[Place] = Counter()
    total = 0
    for before, after in sides:
        total += 1
        before, after = _BRACKETS_AT_END.sub("", before), _BRACKETS_AT_START.sub("", after)
        place = _class_place(before, after, lookup)
        if place:
            counts[place] += 1
        if place == Place.ADVERB_PLACE and not han_suffix(_CLAUSE_END.split(before)[-1].strip()):
            counts[Place.OPENS_CLAUSE] += 1  # 接下来会…, 生活变得…: a subject or a time
        following = _next_word_places(before, after, lookup)
        counts.update(following | _clause_places(before, after) | _said_places(after, lookup))
        if Place.BEFORE_A_WORD in following or han_suffix(before.rstrip(" ")):
            counts[Place.FREE_WORD] += 1  # 总感觉: between other words of its sentence
        run = han_suffix(before.rstrip(" "))
        if run and _has_adverb_sense(_word_at_end(run, lookup), lookup):
            counts[Place.AFTER_ADVERB] += 1  # 一般指, 最初指: after "generally", "initially"
    return Places(tuple(sorted(counts.items())), total, term=term)


def _class_place(before: str, after: str, lookup: Lookup) -> Place | None:
    """Whether a content word stands where a noun does (after 的 or 之, a determiner, a numeral
    and its classifier or a degree adverb; before a localiser: 在生活中) or where a verb does
    (after a modal, adverb, negation or pronoun subject; before an aspect particle or a pronoun
    object); None when its neighbours do not say."""
    run = han_suffix(before.rstrip(" "))
    following = after.lstrip(" ")
    if following.startswith(_LOCALISERS_AFTER) or run.endswith(_ATTRIBUTIVE):
        return Place.NOUN_PLACE
    if following[:1] in _JOINING and han_prefix(following[1:]):
        return Place.NOUN_PLACE  # 作用与详解 "role and details": joined to a noun, a noun
    last = _word_at_end(run, lookup) if run else ""
    if last in _DETERMINERS or last in _DEGREE or last in _CAUSATIVES:
        return Place.NOUN_PLACE  # 什么作用; 很松散, 令人失望: an adjective, not "to relax"
    if len(run) >= 2 and run[-1] in _CLASSIFIER_WORDS and run[-2] in NUMERALS_AND_DEMONSTRATIVES:
        return Place.NOUN_PLACE  # 这种配置, 一个作用
    if following[:1] and (following[0] in _ASPECT_AFTER or following[0] in PRONOUNS):
        return Place.VERB_PLACE
    if _before_verb(following, lookup):
        return Place.ADVERB_PLACE  # 一般指, 会比较详细: the adverb of a verb or an adjective
    subject = last in PRONOUNS or (len(last) == 2 and last[0] in PRONOUNS and last[1] in "们們")
    if last in _BEFORE_A_VERB_WORDS or subject:
        return Place.VERB_PLACE
    return None


def _has_adverb_sense(word: str, lookup: Lookup) -> bool:
    """A word of two characters or more one of whose meanings is an adverb in -ly (一般
    "generally", 最初 "initially")."""
    return len(word) > 1 and any(_is_adverb_sense(text) for text in _meanings(word, lookup))


def _before_verb(after: str, lookup: Lookup) -> bool:
    """Whether a verb follows, or a modal, adverb or negation that stands before one (会, 不)."""
    following = han_prefix(after.lstrip(_OPENING_MARKS))
    if not following:
        return False
    word = _word_at_start(following, lookup)
    return word in _BEFORE_A_VERB_WORDS or _is_verb(word, lookup)


def _places_before(before: str, lookup: Lookup) -> set[Place]:
    """The places the text before a word gives it: after a numeral, verb, time or noun."""
    stripped = before.rstrip(_CLOSING_MARKS)
    run = han_suffix(stripped)
    if _DIGITS.search(stripped) and not _NUMBERING.fullmatch(before):
        return {Place.AFTER_NUMERAL}
    if run and stripped != before.rstrip(" "):
        return {Place.AFTER_WORD, Place.AFTER_NOUN}  # a quoted word is named: a noun
    if run:
        places = {Place.AFTER_WORD, _after_word(run, lookup)}
        if run[-1] in PRONOUNS or run[-2:] in _PLURAL_PRONOUNS:
            places.add(Place.AFTER_PRONOUN)  # 我的, 你们的
        if run[-1] in ATTRIBUTIVE_PARTICLES and len(run) > 1:
            places.add(Place.AFTER_ATTRIBUTIVE)  # 创新之都: a noun, no adverb
        return places
    if _LATIN_BEFORE.search(stripped):
        return {Place.AFTER_LATIN}
    return set()


def _places_after(term: str, after: str, lookup: Lookup) -> set[Place]:
    """The places the text after a word gives it: before a verb or a noun, opening a clause
    closed by 时 "when", opening a frame closed later in its sentence (既…又, 越…越)."""
    places = set()
    stripped = after.lstrip(_OPENING_MARKS)
    if not stripped.strip() or _CLAUSE_END.match(stripped.lstrip()):
        places.add(Place.ENDS_CLAUSE)
    places |= _before_word(stripped, lookup)
    clause = _CLAUSE_END.split(after)[0]
    if _LIST.search(clause):
        places.add(Place.BEFORE_LIST)
    if _WHEN.search(clause):
        places.add(Place.OPENS_WHEN_CLAUSE)
    sentence = _SENTENCE_END.split(after)[0]
    if (term and term in sentence) or FRAME_ENDS & set(sentence):
        places.add(Place.OPENS_FRAME)
    if _names_someone(stripped, lookup) or after.lstrip(" ")[:1] in _QUOTES:
        places.add(Place.BEFORE_NAME)  # 叫"一盅两件": before the name it gives, in quotes
    if _object_closing(stripped, lookup):
        places.add(Place.BEFORE_OBJECT)
    return places | _object_fields(stripped, lookup)


# What a verb's object names, as CC-CEDICT words the object's meanings: something one watches
# (电视 "television", 比赛 "match", 晚会 "evening of entertainment") or reads (书 "book").
_SHOW_TEXT = """film movie television tv show match game performance gala entertainment concert
    opera drama series video broadcast program programme competition exhibition"""
_WRITING_TEXT = "book books newspaper magazine novel letter article text journal essay poem"
# Or something one wears (衣服 "clothes", 帽子 "hat"): "to wear" wants it (带书来 "to carry").
_CLOTHING_TEXT = """clothes clothing garment hat cap glasses spectacles watch ring necklace earring
    earrings scarf glove gloves shoe shoes sock socks jacket coat shirt skirt dress trousers pants
    tie mask uniform badge jewelry jewellery helmet"""
# Or something one does rather than makes (作业 "homework", 家务 "housework"): "to do" wants it
# (做作业 "to do homework"; 做饭 "cooked rice; meal" is made).
_TASK_TEXT = """homework assignment assignments task tasks classwork housework chores duties
    exercise exercises drill practice experiment experiments research survey sport sports
    business job jobs deed deeds"""
_OBJECT_FIELDS = (
    (Place.BEFORE_SHOW, frozenset(_SHOW_TEXT.split())),
    (Place.BEFORE_WRITING, frozenset(_WRITING_TEXT.split())),
    (Place.BEFORE_CLOTHING, frozenset(_CLOTHING_TEXT.split())),
    (Place.BEFORE_TASK, frozenset(_TASK_TEXT.split())),
)


def _object_fields(after: str, lookup: Lookup) -> set[Place]:
    """Whether the noun right after a word, or a noun of its phrase up to a verb or a particle,
    names something one watches or reads (看春节联欢晚会 "to watch", 看书 "to read")."""
    places: set[Place] = set()
    for word in _object_nouns(after, lookup):
        named = {w for text in _noun_meanings(word, lookup) for w in re.findall(r"[a-z]+", text)}
        places.update(place for place, field in _OBJECT_FIELDS if named & field)
    return places


def _object_nouns(after: str, lookup: Lookup) -> list[str]:
    """The nouns of the object phrase right after a word, up to a verb, a pronoun or another
    grammatical word: 书 of 看了一本书; 李, 老师, 作文 and 课 of 上李老师的作文课 (an attribute
    and its 的 are read through)."""
    run, position = han_prefix(after), 0
    nouns: list[str] = []
    for _ in range(_OBJECT_WORDS):
        if position >= len(run):
            break
        word = _longest_word(run[position:], lookup)
        noun_place = run[:position].endswith(_ATTRIBUTIVE)  # after 的 stands a noun (作文)
        position += len(word)
        if _opens_a_noun_phrase(word, lookup) or word in _ATTRIBUTIVE:
            continue  # 看了一本书: an aspect marker, a numeral and its classifier
        if word in FUNCTION_WORDS or word[0] in PRONOUNS:
            break
        if _is_verb(word, lookup) and not noun_place:
            break
        if _first_meaning(word, lookup).startswith("(bound form)"):
            continue  # 本 "(bound form) root" of 一本书, 上 of 去上课: no noun of its own
        nouns.append(word)
    return nouns


def object_words(after: str, lookup: Lookup) -> frozenset[str]:
    """The English words of every meaning, notes in brackets included, of the head noun (the
    last) of the object phrase right after a word (课 "subject; course; class; lesson" of
    上李老师的作文课)."""
    nouns = _object_nouns(after, lookup)
    if not nouns:
        return frozenset()
    return frozenset(
        word
        for entry in lookup(nouns[-1])
        for sense in entry.senses
        if sense.kind == SenseKind.MEANING
        for word in re.findall(r"[a-z]+", sense.text.lower())
    )


def _opens_a_noun_phrase(word: str, lookup: Lookup) -> bool:
    """An aspect marker after a verb, or a numeral, demonstrative or classifier before its
    noun: 了, 一, 这, 本 of 看了一本书."""
    if word in _ASPECT_AFTER or word[0] in NUMERALS_AND_DEMONSTRATIVES:
        return True
    return bool(_CLASSIFIER_SENSE.match(_first_meaning(word, lookup)))


_OBJECT_WORDS = 6  # the words of an object phrase read for what it names (李老师的作文课)
_LONGEST_NAME = 8  # a show's name may be long: 春节联欢晚会 "CCTV New Year's Gala"


def _longest_word(run: str, lookup: Lookup) -> str:
    """The longest dictionary word starting ``run``, names included (its first character
    when none)."""
    for size in range(min(_LONGEST_NAME, len(run)), 1, -1):
        if lookup(run[:size]):
            return run[:size]
    return run[0]


def _noun_meanings(word: str, lookup: Lookup) -> list[str]:
    """A word's meanings, names' too, that are no verb, without their notes in brackets, in
    lower case."""
    meanings = [s.text for e in lookup(word) for s in e.senses if s.kind != SenseKind.SURNAME]
    return [re.sub(r"\([^()]*\)", " ", m).lower() for m in meanings if not _is_verb_sense(m)]


def _object_closing(after: str, lookup: Lookup) -> bool:
    """Whether the text after a word is one noun closing its clause, maybe with a particle:
    水 in 你要水吗, 茶 in 我要茶。"""
    run = han_prefix(after)
    if not run:
        return False
    word = _word_at_start(run, lookup)
    rest = run[len(word) :]
    ends = after[len(run) :].lstrip(_CLOSING_MARKS)
    if any(ch not in PARTICLES for ch in rest) or (ends and not _CLAUSE_END.match(ends)):
        return False
    if word in FUNCTION_WORDS or word[0] in PRONOUNS or not lookup(word):
        return False
    return not _is_verb(word, lookup) and not _is_time(word, lookup)


_QUOTES = '“「『"《'
_NAME_LENGTHS = (2, 3)  # a surname and a given name of one or two characters
_NAME_SLOT = compile_pattern(r"\s*(?:\.{3}|…)")  # the slot a phrasebook leaves for a name


def _names_someone(after: str, lookup: Lookup) -> bool:
    """Whether the text after a word is a person's name closing its clause (a surname, then
    one or two characters no dictionary has but as a name: 金妮, 欧文) or asks for one (什么)."""
    if after.startswith(tuple(WHAT_WORDS)) or _NAME_SLOT.match(after):
        return True  # 你叫什么名字; a phrasebook's 我叫… "my name is…"
    name = han_prefix(after)
    if len(name) not in _NAME_LENGTHS:
        return False
    ends = after[len(name) :].lstrip(_CLOSING_MARKS)
    closes = not ends or _CLAUSE_END.match(ends) is not None
    return closes and name[0] in SURNAMES and all(e.is_proper_noun for e in lookup(name))


def _before_word(after: str, lookup: Lookup) -> set[Place]:
    """Before a verb, or before a noun (and a coverb when a verb follows it in its clause:
    跟你去, 把门关上, 将DIY精神工业化)."""
    following = han_prefix(after)
    latin = _LATIN_WORD.match(after)
    if following:
        word = _word_at_start(following, lookup)
        if following[len(word) :].startswith(_NOMINAL_SUFFIXES):
            word += following[len(word)]  # 学习者 "learner": a noun, though 学习 is a verb
        elif _is_verb(word, lookup):
            return {Place.BEFORE_VERB}
        if word[0] not in _NOUN_HEADS and word in FUNCTION_WORDS:
            return set()  # before 的, 了, 很: 对的 is "right"
    elif latin:
        word = latin.group()
    else:
        return set()
    if _verb_in(_CLAUSE_END.split(after)[0][len(word) :], lookup):
        return {Place.BEFORE_NOUN, Place.COVERB}
    return {Place.BEFORE_NOUN}


def _verb_in(text: str, lookup: Lookup) -> bool:
    """Whether a verb stands among the words of the Han runs of ``text``."""
    for run in HAN_RUN.findall(text):
        position = 0
        while position < len(run):
            word = _word_at_start(run[position:], lookup)
            if _is_verb(word, lookup):
                return True
            position += len(word)
    return False


def _after_word(run: str, lookup: Lookup) -> Place:
    """The place after the last word of a Han run: a numeral, a verb, a time or a noun (or
    just a word, after a grammatical word)."""
    if run[-1] in NUMERALS_AND_DEMONSTRATIVES:
        return Place.AFTER_NUMERAL
    word = _word_at_end(run, lookup)
    if word in FUNCTION_WORDS:
        return Place.AFTER_WORD  # after 和, 因为, 是: no noun, no verb
    if run[: -len(word)].endswith(_ATTRIBUTIVE):
        return Place.AFTER_NOUN  # 的 comes before a noun: 原来的工作 "the former job"
    if word in _BEFORE_A_VERB_WORDS or _takes_a_verb(word, lookup):
        return Place.AFTER_WORD  # 想去, 喜欢看: the verb is its object, not its complement
    if _is_verb(word, lookup):
        return Place.AFTER_VERB
    if _is_time(word, lookup):
        return Place.AFTER_TIME
    return Place.AFTER_ADJECTIVE if _is_adjective(word, lookup) else Place.AFTER_NOUN


# Verbs whose object may be another verb, as CC-CEDICT words them (想 "to wish; to want",
# 喜欢 "to like", 开始 "to begin"): a verb after them is what is wanted, liked or begun.
_TAKES_A_VERB = compile_pattern(
    r"^to (?:want|wish|like|love|enjoy|hope|plan|intend|decide|prepare|begin|start|continue"
    r"|be fond of|be willing|dare|need|prefer|refuse|be used to)\b"
)


def _takes_a_verb(word: str, lookup: Lookup) -> bool:
    """Whether some meaning of a verb is one that takes another verb as its object: wanting,
    liking, beginning (想去 "to want to go", 喜欢看 "to like watching")."""
    return any(_TAKES_A_VERB.match(text) for text in _meanings(word, lookup))


def _word_at_end(run: str, lookup: Lookup) -> str:
    """The longest dictionary word ending ``run`` (its last character when none), but not an
    exclamation made of a pronoun and its verb: 去 in 我去过, not the slang 我去 "oh my god!"."""
    for size in range(min(_LONGEST_WORD, len(run)), 1, -1):
        if lookup(run[-size:]) and not _subject_and_verb(run[-size:], lookup):
            return run[-size:]
    return run[-1]


def _subject_and_verb(word: str, lookup: Lookup) -> bool:
    """Whether a dictionary word is a personal pronoun and a verb, read as such in running
    text (我去 "I go", not the slang "oh my god!"; 我们 and 你好 are no such pair), or an
    adverb and a modal, read as such before a verb (都会看 "all will watch", not 都会 "city";
    正常 "normal" is no such pair)."""
    if word[0] in PRONOUNS and _is_verb(word[1:], lookup):
        return True
    pair = len(word) == 2 and word[0] in _BEFORE_A_VERB_WORDS and word[1] in _MODAL_WORDS
    return pair and word not in _BEFORE_A_VERB_WORDS


_MODAL_WORDS = frozenset("会要能可會")  # modals of one character (都会, 不能, 就要)


def _word_at_start(run: str, lookup: Lookup) -> str:
    """The longest dictionary word starting ``run`` (its first character when none), but not
    a pronoun and its verb nor two words before a verb (see :func:`_subject_and_verb`)."""
    for size in range(min(_LONGEST_WORD, len(run)), 1, -1):
        if lookup(run[:size]) and not _subject_and_verb(run[:size], lookup):
            return run[:size]
    return run[0]


def _meanings(word: str, lookup: Lookup) -> list[str]:
    """The meanings of the first entry of ``word`` that is no name."""
    for entry in lookup(word):
        if not entry.is_proper_noun:
            return [s.text for s in entry.senses if s.kind == SenseKind.MEANING]
    return []


def _first_meaning(word: str, lookup: Lookup) -> str:
    meanings = _meanings(word, lookup)
    return meanings[0] if meanings else ""


def _is_verb(word: str, lookup: Lookup) -> bool:
    """A word most of whose meanings are verbs (CC-CEDICT writes verbs "to ..."): 完成 "to
    complete", not 工作 "to work; job; work; task" nor 运动 "to move; sports; movement".
    Its grammatical uses do not count (来 "to come" is a verb though most of its senses are
    labelled for a place, a preposition or a use in set phrases "(as in ...)"), unless one is
    a coverb's: 把, 用 and 由 stand mostly before a noun and its verb."""
    meanings = _meanings(word, lookup)
    if not any(Place.COVERB in sense_places(text) for text in meanings):
        meanings = [text for text in meanings if not _grammatical_use(text)]
    verbs = sum(1 for text in meanings if _is_verb_sense(text))
    if meanings and not meanings[0].startswith("to "):
        return 3 * verbs >= 2 * len(meanings) + 1  # 指 "finger; to point at; to refer to; ..."
    return bool(meanings) and 2 * verbs >= len(meanings)


def _grammatical_use(text: str) -> bool:
    """A sense that is a grammatical use of its word rather than a meaning of its own: labelled
    for a place ("(between two verbs) in order to", "hither (directional complement ...)"),
    a preposition ("for the past (amount of time)") or a use in set phrases ("(as in ...)")."""
    if text.startswith("to "):
        return False
    first = text.split(" ")[0]
    return bool(sense_places(text)) or first in _PREPOSITION_WORDS or "(as in " in text


# The first words of a sense worded as a preposition or a conjunction of time.
_PREPOSITION_TEXT = "with towards toward for at from by since until ever"
_PREPOSITION_WORDS = frozenset(_PREPOSITION_TEXT.split())


def _is_time(word: str, lookup: Lookup) -> bool:
    """A word one of whose meanings names a stretch of time (月 "moon; month", 年 "year")."""
    firsts = (re.findall(r"[a-z]+", text.lower())[:2] for text in _meanings(word, lookup))
    return any(not _TIME_WORDS.isdisjoint(words) for words in firsts)


# A modal of ability as CC-CEDICT words it ("can; to have the skill; to know how to", "to be
# able to", "not able"): not a noun of skill (技术 "skill", 手 "person skilled in ...").
_ABILITY = (
    r"\bto have the skill\b|\bknow how to\b|^(?:to be able to|able to|not able)\b"
    r"|\bnot having learned to\b"
)
# A modal of what will happen, as a sense opens ("to be likely to", "will; shall", "will not
# (act, happen etc)", "unlikely"): not "will; willpower" nor "to start going to kindergarten".
_PREDICTION = (
    r"^(?:(?:to )?be )?(?:likely|bound|going|sure) to\b|^will(?: not)?(?:;|$| \()(?!.*willpower)"
    r"|^(?:unlikely|improbable)\b"
)
# CC-CEDICT's own labels of a sense's place, in its wording ("(verb complement ...)", "(after a
# numeral) ... odd", "classifier for ...", "(used to end an enumeration)").
_LABELS: tuple[tuple[re.Pattern[str], Place], ...] = tuple(
    (compile_pattern(pattern), place)
    for pattern, place in (
        (r"^(?:\([^()]*\) )?\(?(?:classifier\b|measure word)", Place.AFTER_NUMERAL),
        (r"^\((?:used )?after an? (?:round )?(?:number|numeral)", Place.AFTER_NUMERAL),
        (r"complement\b|^\(after a verb|\bused after a verb", Place.AFTER_VERB),
        (r"^\(noun suffix\)|^\((?:used )?after a noun\)", Place.AFTER_NOUN),
        (r"(?<!final )(?<!modal )\bparticle\b|\bmarker\)", Place.AFTER_WORD),
        (r"\bpossessive\b", Place.AFTER_NOUN),  # 我的书, 深圳的雄心: "~'s"
        (r"\bpossessive\b", Place.AFTER_PRONOUN),
        (r"^\(used after an? (?:attribute|adjective)", Place.AFTER_ADJECTIVE),  # 漂亮的衣服
        (r"^\(used after an? (?:attribute|adjective)", Place.AFTER_VERB),  # 做的菜
        (r"^\(used after an? noun, verb", Place.AFTER_WORD),
        (r"sentence-final|\bmodal particle\b", Place.ENDS_CLAUSE),
        (r"^\(between two verbs\)|^\((?:used )?before a verb", Place.BEFORE_VERB),
        (r"^\(before an adjective or (?:a )?verb\)", Place.BEFORE_VERB),  # 最 "(the) most"
        (r"^\(before an adjective or (?:a )?verb\)", Place.BEFORE_ADJECTIVE),
        # Labels of the word after: 好大 "so big", 从不 "never", 才三岁 "only three".
        (r"^\((?:used )?before an adjective\b", Place.BEFORE_ADJECTIVE),
        (r"^\((?:used )?before a negative\)", Place.BEFORE_NEGATION),
        (r"^\((?:used )?before (?:a number|an expression of quantity)\)", Place.BEFORE_NUMBER),
        (r"^\((?:used )?after an adjective\b", Place.AFTER_ADJECTIVE),  # 快一点 "a bit more"
        (r"^\((?:used )?after a quantity\)", Place.AFTER_NUMERAL),
        (r"^\(followed by a verb\)", Place.BEFORE_VERB),
        (r"^just \(at that time\)|^in the process of\b", Place.IN_PROGRESS),  # 正看着
        (r"^(?:how|what|which|who|where|why)\b", Place.IN_QUESTION),  # 几 "how many"
        (r"^\(after an? [a-z ]*clause\b", Place.AFTER_CLAUSE),  # 就 "in that case; then"
        (r"^\(before a noun and a verb\)", Place.COVERB),
        (r"^\(before a noun\)", Place.BEFORE_NOUN),
        (r"^\((?:used )?after [^\x00-\x7f]+\[", Place.AFTER_NAMED),  # "(after 之[zhi1]) best"
        (r"^\(used with [^\x00-\x7f]+\[", Place.WITH_NAMED),  # "(used with 也[ye3], 都[dou1]) even"
        (r"\benumeration\b|^and so on\b|\betc\.$", Place.END_OF_LIST),
        (r"^day of the month\b", Place.IN_DATE),  # 號 in 3月29號, 日 in 5月4日
        # A spouse right after a pronoun is that person's (我先生 "my husband", 我太太).
        (r"^(?:husband|wife|spouse)$", Place.AFTER_PRONOUN),
        (r"^\((?:introduces|marks) (?:the )?object\b|object before the verb", Place.COVERB),
        (r"indicate passive voice", Place.COVERB),  # 被老师批评
        # A causative stands where a passive coverb does, before a person and a verb: 让我们看
        # is "to let sb do sth" as well as "by" (passive): the place does not tell them apart.
        (
            r"^to (?:let|have|make|get|cause|ask|tell|allow|order|force) sb\b(?! \(feel)",
            Place.COVERB,
        ),
        (r"^to make sb \(feel", Place.CAUSES_STATE),  # 让我很高兴: how the person feels
        # 令 "to cause" before a person and how they feel (令人失望) or what they do; 叫 "to
        # order" before a person and what they are to do (叫老妈帮我).
        (r"^to (?:cause|make sth happen)$", Place.CAUSES_STATE),
        (r"^to (?:cause|make sth happen|order)$", Place.COVERB),
        (r"indicate passive voice", Place.BEFORE_VERB),  # 被批评
        (r"\w\.\.\.", Place.OPENS_FRAME),  # "both... (and...)", "the more... the more"
        (r"^simultaneously$", Place.OPENS_FRAME),  # 邊看邊吃: "while" (边…边)
        # A modal of what will happen stands before a state or after an adverb that predicts
        # (会很忙, 都会来); one of ability ("to know how to") before an action: 我会说中文.
        (_PREDICTION, Place.PREDICTS),
        (_ABILITY, Place.BEFORE_ACTION),
        # "yet" and "(not) at all" need a negation after them (还没, 都不), a degree ("fairly")
        # an adjective (还好, 比较详细), "still more" a comparison (比昨天还冷).
        (r"^yet$|^\(not\)", Place.BEFORE_NEGATION),
        (
            r"^(?:fairly|quite|rather|relatively)$",
            Place.BEFORE_ADJECTIVE,
        ),
        (r"^(?:comparatively|passably)\b", Place.BEFORE_ADJECTIVE),
        (r"^(?:still|even|much|far) more\b", Place.COMPARES),
        # "a certain ...": a determiner and the noun it opens (一定的挑战, 一定时间).
        (r"^(?:a|an|the|this|that|some|each|every|another) [^;]*\.\.\.(?:;|$)", Place.BEFORE_NOUN),
        (r"^(?:a|an|the|this|that|some|each|every|another) [^;]*\.\.\.(?:;|$)", Place.ATTRIBUTE),
    )
)
# Localisers and postpositions: senses that are one preposition of place ("inside", "within")
# stand after a noun; of time ("after", "ago"), after a verb or a time.
_OF_PLACE_TEXT = "in inside within on above below under beneath behind among"
_OF_PLACE = frozenset(_OF_PLACE_TEXT.split())
_OF_TIME = frozenset(["after", "before", "ago", "during", "while"])
# Senses that are one conjunction, preposition or modal, and the place they take: "to" before
# a place (到北京), "with" before a noun (跟你), "must" before a verb (得走), "or" and "and"
# between two nouns, "when" opening a clause closed by 时, "such as" before a list.
_PREPOSITIONS = "with towards toward for at from by concerning regarding"
_MODALS = "must;to have to;have to;should;ought to;can;may;will;shall;need to;to need to"
_WORDS_OF_PLACE = (
    # 到北京 "to (a place)"; 哪国人 "which country's"; 在家 "(of sb or sth) to be (located) at"
    (Place.BEFORE_NOUN, frozenset(["to (a place)", "which", "to be at"])),
    (Place.COVERB, frozenset([*_PREPOSITIONS.split(), "to", "according to"])),
    (Place.BEFORE_VERB, frozenset(_MODALS.split(";"))),
    (Place.BETWEEN_NOUNS, frozenset(["or", "and"])),
    (Place.OPENS_WHEN_CLAUSE, frozenset(["when"])),
    # 把他当朋友, 卤肉饭当午餐: between what is taken and what it is taken as.
    (Place.BETWEEN_NOUNS, frozenset(["to regard as", "to treat as", "to take as"])),
    (Place.BEFORE_LIST, frozenset(["such as", "for example", "for instance", "e.g."])),
    (Place.BEFORE_NAME, frozenset(["to be called", "to be named", "called", "named"])),
    # "Also" adds to what 不仅 or 除了 opened: 不仅…还… "not only… but also".
    (Place.ADDS, frozenset(["also", "in addition", "as well", "too", "besides"])),
    # An answer closes its clause by itself (不是，我是英国人); "is not" opens what it denies.
    (Place.ALONE, frozenset(["no", "yes"])),
    # "Again" and "re-" repeat an action: before a verb (重写 chóng "to write again").
    (Place.BEFORE_ACTION, frozenset(["again", "once more", "re-", "anew"])),
    (Place.PREDICTS, frozenset(["again", "once more", "re-", "anew"])),
    # "To watch" a film or a match, "to read" a book: what the object names chooses.
    (Place.BEFORE_SHOW, frozenset(["to watch"])),
    (Place.BEFORE_WRITING, frozenset(["to read"])),
    (Place.BEFORE_CLOTHING, frozenset(["to wear"])),
    (Place.BEFORE_TASK, frozenset(["to do"])),
    (Place.BEFORE_NOUN, frozenset(["is not"])),
    (Place.BEFORE_VERB, frozenset(["is not"])),
)


@lru_cache(maxsize=4096)
def sense_places(text: str) -> frozenset[Place]:
    """The places CC-CEDICT's wording of a sense says it takes (none for most senses)."""
    lowered = text.lower()
    places = {place for pattern, place in _LABELS if pattern.search(lowered)}
    first = " ".join(re.sub(r"\([^()]*\)", " ", lowered).split(";")[0].split())
    if first in _OF_PLACE:
        places.add(Place.AFTER_NOUN)
    if _PREFIX_SENSE.fullmatch(first):
        places.add(Place.PREFIX)  # "non-; un-; in-; de-", "vice-": worded as a prefix
    if first in _OF_TIME:
        places.update((Place.AFTER_VERB, Place.AFTER_TIME))
        if first != "ago":  # 三年前 "ago" closes an amount of time, no action
            places.add(Place.CLOSES_ACTION)
    # "to (a place)" stands before its place; a bare "to" (给, 为) is a coverb before its verb.
    worded = {first, lowered.split(";")[0].strip()}
    places.update(place for place, words in _WORDS_OF_PLACE if worded & words)
    if places & _AFTER_SOME_WORD:
        places.discard(Place.AFTER_WORD)  # "particle used after a verb": after a verb only
    if Place.BEFORE_ACTION in places:
        places.discard(Place.BEFORE_VERB)  # "can; to know how to": ability, before an action
    if first in _POSSESSIVES:
        places.add(Place.BEFORE_NOUN)  # 其作用 "its function"
    if first in _OBJECT_PRONOUNS:
        places.update((Place.BEFORE_VERB, Place.ENDS_CLAUSE))  # 将其转换 "convert it"
    return frozenset(places)


# Pronouns as CC-CEDICT writes a sense: a possessive opens a noun, an object closes a verb
# or stands between a coverb and its verb ("her" is both, and so neither).
_POSSESSIVES = frozenset(["his", "its", "their", "my", "your", "our"])
_OBJECT_PRONOUNS = frozenset(["it", "him", "them", "me", "us"])


_PREFIX_SENSE = compile_pattern(r"[a-z]+-")


_AFTER_SOME_WORD = frozenset(
    [
        Place.AFTER_NUMERAL,
        Place.AFTER_VERB,
        Place.AFTER_NOUN,
        Place.AFTER_TIME,
        Place.AFTER_ADJECTIVE,
        Place.AFTER_PRONOUN,
    ]
)


def reading_by_place(character: str, after: str, lookup: Lookup) -> str:
    """The reading of a character read several ways that opens a term no dictionary has, when
    the word after it in the term calls for a sense of one reading only: 重写 is chóngxiě, 写
    an action after 重 chóng "again" ("" when no place or several readings answer)."""
    places = place_in_sentence(character, "", after, lookup) & frozenset(WITHIN_A_TERM)
    readings = {
        entry.pinyin_numbered
        for entry in lookup(character)
        if not entry.is_proper_noun
        for sense in entry.senses
        if any(_WEIGHTS.get(place, GRAMMAR_WEIGHT) for place in sense_places(sense.text) & places)
    }
    return readings.pop() if len(readings) == 1 else ""


def has_grammatical_senses(entries: Iterable[Entry]) -> bool:
    """Whether some sense of ``entries`` is labelled for a place (most words have none, and
    their places need not be read)."""
    return any(sense_places(sense.text) for entry in entries for sense in entry.senses)


GRAMMAR_WEIGHT = 3.0  # a place all occurrences take: less than the slide's own gloss (6)
# The word after says less of a word's sense than the word before it (走到 is a complement
# before 北京 too).
_AFTER_PLACES = (
    Place.BEFORE_VERB,
    Place.BEFORE_NOUN,
    Place.BEFORE_LIST,
    Place.PREDICTS,
    Place.BEFORE_ACTION,
    Place.BEFORE_NEGATION,
    Place.BEFORE_ADJECTIVE,
    Place.ATTRIBUTE,
    Place.COMPARES,
    Place.BEFORE_SHOW,
    Place.BEFORE_WRITING,
    Place.IN_PROGRESS,
)
_WEIGHTS = {place: 2.5 for place in _AFTER_PLACES}
# A negation or an adjective after a word allows its "yet" or "fairly" without calling for it
# (他还小 "he is still young", 都不去 "none of them go"): they are needed, not enough.
_WEIGHTS[Place.BEFORE_NEGATION] = _WEIGHTS[Place.BEFORE_ADJECTIVE] = 0.0
# A question calls for a question word's asking sense (几 "how many", not "several") less
# than the word after it chooses among them (哪国人 "which", not "how").
_WEIGHTS[Place.IN_QUESTION] = 1.0
# A word opening a term before a noun fits its plain sense too (新 "new" in 新时代): its prefix
# sense ("non-" of 非) weighs only as much as a word's usual class.
_WEIGHTS[Place.PREFIX] = 0.5
# A date's day is a number's too (29號): the month before it says more than the number does.
_WEIGHTS[Place.IN_DATE] = GRAMMAR_WEIGHT + 1.0
# A clause of an action closing on a word of time says more than the noun right before it
# (调试命令后，…: "after" the command is run, not "behind" it).
_WEIGHTS[Place.CLOSES_ACTION] = GRAMMAR_WEIGHT + 1.0


def grammatical_place(candidate: Candidate, context: SenseContext) -> float:
    """A sense CC-CEDICT labels for the place the term takes in its sentences (a classifier
    after a numeral, a complement after a verb, "inside" after a noun), by how many of its
    occurrences stand there."""
    places = context.places
    if not places.total:
        return 0.0
    if places.share(Place.GIVES) and _is_verb_sense(candidate.sense.text):
        # 还给我 "give back to me": before 给 and its person, a verb of giving (huán, not hái).
        return _WEIGHTS[Place.BEFORE_VERB] * places.share(Place.GIVES)
    labelled = sense_places(candidate.sense.text)
    if _names_the_object(candidate.sense.text, places.objects):
        # 上作文课 "to attend (class or university)": the sense whose note names the object,
        # over a place alone ("(noun suffix) on" after what looks like a noun: 然后上兴趣班).
        return NAMED_OBJECT
    if _is_causatives_passive(candidate):
        # 叫老妈帮我打包 "to order", not "by" (passive): a passive's verb closes on 了 (叫人偷了).
        closes = places.share(Place.CLOSES_DONE)
        return (GRAMMAR_WEIGHT + PARTNER_MISSING) * closes - PARTNER_MISSING * (1 - closes)
    if Place.AFTER_NAMED in labelled:
        return _after_named(candidate.sense.text, places)
    if Place.WITH_NAMED in labelled:
        return _with_named(candidate.sense.text, places)
    if places.share(Place.AFTER_ATTRIBUTIVE) and _is_adverb_wording(candidate.sense.text):
        # After 的 or 之 stands a noun, never an adverb: 创新之都 is dū "capital", not dōu "all".
        return -PARTNER_MISSING * places.share(Place.AFTER_ATTRIBUTIVE)
    if not labelled and _complement_stands(candidate, places):
        # Right after a verb a word that can be its complement is one: 出 in 展现出 "(after a
        # verb) outward", not "to go out"; its own verb senses step back.
        return -PARTNER_MISSING * places.share(Place.AFTER_VERB)
    if not labelled or _LITERARY.match(candidate.sense.text):
        # A literary sense's place is the classical language's: 也 after a word in 我也不去
        # is "also", not the literary particle that ends a classical sentence.
        return 0.0
    if labelled == _MODAL and not places.share(Place.BEFORE_VERB):
        # A modal ("need to; should") needs a verb after it: 你要水吗 is "to want" water.
        return -MODAL_BEFORE_OBJECT * places.share(Place.BEFORE_OBJECT)
    if labelled == _WEARING and not places.share(Place.BEFORE_CLOTHING):
        # "To wear" wants something worn after it: 带书来 is "to carry" a book.
        return -PARTNER_MISSING * places.share(Place.BEFORE_A_WORD)
    if labelled == _COVERB and not places.share(Place.COVERB):
        # A coverb ("(coverb) with") needs a verb after its noun: 我用电脑 is "to use".
        return -MODAL_BEFORE_OBJECT * places.share(Place.BEFORE_OBJECT)
    labelled_so = bool(_PLACE_LABEL.match(candidate.sense.text))  # "(before an adjective) more"
    best = max(_weight(place, labelled_so) * places.share(place) for place in labelled)
    if labelled <= _NEEDS_PARTNER and not any(places.share(place) for place in labelled):
        # "yet" with no negation after it, "still more" in no comparison: not this sense.
        return -PARTNER_MISSING * places.share(Place.BEFORE_A_WORD)
    return best


# The first words of a sense worded as an adverb or a quantifier of a verb ("all; both",
# "already", "(used for emphasis) even"): no noun.
_ADVERB_WORDS_TEXT = """all both entirely even already still also only just yet again very so too
    quite always never often not"""
_ADVERB_WORDS = frozenset(_ADVERB_WORDS_TEXT.split())


_QUALIFIED_VERB = compile_pattern(r"^to [a-z' ]+ \(([^()]*)\)")
_QUALIFIER_GLUE = frozenset(
    ["", *["or", "and", "etc", "sth", "sb", "of", "a", "an", "the", "e", "g", "one", "esp"]]
)


def _names_the_object(text: str, objects: frozenset[str]) -> bool:
    """Whether a verb sense's note names what its object is (上 "to attend (class or
    university)" before 作文课, whose 课 means "class"), in the words of the object's meanings."""
    qualified = _QUALIFIED_VERB.match(_LEADING_NOTES.sub("", text)) if objects else None
    if qualified is None or text.startswith(_BOUND_FORM):
        return False
    if qualified.group(1).startswith("i.e."):
        return False  # "to bear (i.e. to have)": a gloss of the verb, no object
    named = {w.rstrip("s") for w in re.findall(r"[a-z]{3,}", qualified.group(1))}
    return bool((named - _QUALIFIER_GLUE) & {w.rstrip("s") for w in objects})


_PASSIVE_AGENT = compile_pattern(r"^by \(.*\bpassive\b")
_CAUSATIVE = compile_pattern(r"^to (?:let|have|make|order|ask|cause)\b")


def _is_causatives_passive(candidate: Candidate) -> bool:
    """Whether a sense is the passive "by" of a word that is also a causative (让, 叫: "to let",
    "to order"): only a clause closing on 了 or 过 after it, as a passive's does (叫人偷了),
    tells it from the causative."""
    if not _PASSIVE_AGENT.match(candidate.sense.text):
        return False
    return any(_CAUSATIVE.match(sense.text) for sense in candidate.entry.senses)


def _is_adverb_wording(text: str) -> bool:
    """A sense worded as an adverb: one word ending in -ly, or opening with "all", "already",
    "even" and the like, its notes aside ("(not) at all")."""
    bare = _LEADING_NOTES.sub("", text).split(";")[0].strip()
    words = bare.split()
    return _is_adverb_sense(bare) or (bool(words) and words[0] in _ADVERB_WORDS) or "(not)" in text


def _complement_stands(candidate: Candidate, places: Places) -> bool:
    """Whether an unlabelled verb sense ("to go out") is of a word standing right after a verb
    that has a complement sense, one labelled after a verb that is no verb itself."""
    if not places.share(Place.AFTER_VERB) or not _is_verb_sense(candidate.sense.text):
        return False
    return any(
        Place.AFTER_VERB in sense_places(sense.text) and not _is_verb_sense(sense.text)
        for sense in candidate.entry.senses
    )


_PLACE_LABEL = compile_pattern(r"^\((?:used )?(?:before|after|followed by) ")


def _weight(place: Place, labelled_so: bool) -> float:
    """What a place weighs; one that only allows a sense ("fairly" before an adjective) calls
    for it when CC-CEDICT's own label names that place ("(before an adjective) more")."""
    if labelled_so and place in _NEEDS_PARTNER:
        # A degree before a verb of feeling (好喜欢 "so fond") over "(before a verb) easy to".
        return _WEIGHTS[Place.BEFORE_VERB] + _DEGREE_OVER_VERB
    return _WEIGHTS.get(place, GRAMMAR_WEIGHT)


def _after_named(text: str, places: Places) -> float:
    """A sense CC-CEDICT labels "(after 之[zhi1])" or "(used after 得[de2] ... or after 不[bu4]
    ...)" stands right after one of the words it names, and nowhere else."""
    label = _LEADING_NOTES.match(text)
    named = _NAMED_WORD.findall(label.group() if label else "")
    if any(word[-1] in places.before for word in named):
        return GRAMMAR_WEIGHT
    return -PARTNER_MISSING


def _with_named(text: str, places: Places) -> float:
    """A sense CC-CEDICT labels "(used with 也[ye3], 都[dou1] etc)" stands where one of the
    words it names comes later in its sentence (连那「悲情城市」都不在了 "even") or right
    before it (忘不了), and nowhere else."""
    label = _LEADING_NOTES.match(text)
    named = _NAMED_WORD.findall(label.group() if label else "")
    # "(used with 得[de2] or 不[bu4] after a verb ...)" (了 liǎo): right after them only.
    later = places.later if label and " after " not in label.group() else frozenset()
    if any(word[-1] in places.before or word in later for word in named):
        return GRAMMAR_WEIGHT
    return -PARTNER_MISSING


_NAMED_WORD = compile_pattern(r"([^\x00-\x7f|(\s]+)(?:\|[^\x00-\x7f]+)?\[")


def place_reason(text: str, places: Places) -> str:
    """Why the place a term stands in chose the sense worded ``text``, for the reader."""
    if places.share(Place.GIVES) and _is_verb_sense(text):
        place: Place | None = Place.GIVES
    else:
        place = places.main(sense_places(text))
    if place is None:  # the senses before it need what the term does not stand by
        return "the senses before it need a neighbour the term lacks in its sentences"
    return f"the term stands {place} in its sentences, the place of this sense"


_MODAL = frozenset([Place.BEFORE_VERB])
_COVERB = frozenset([Place.COVERB])
_WEARING = frozenset([Place.BEFORE_CLOTHING])
_LITERARY = compile_pattern(r"^\((?:literary|classical|archaic)\)")
MODAL_BEFORE_OBJECT = 1.0  # all occurrences before an object: more than the usual sense (0.3)
_NEEDS_PARTNER = frozenset([Place.BEFORE_NEGATION, Place.BEFORE_ADJECTIVE, Place.COMPARES])
_DEGREE_OVER_VERB = 0.25
NAMED_OBJECT = GRAMMAR_WEIGHT + 1.0  # over a place and the usual class (3.0 + 0.5) by a margin
PARTNER_MISSING = 1.0  # over the usual sense (0.3) and a slide word from a compound (1.5 - 0.5)


_CONTENT_CLASSES = frozenset([None, "v", "n", "a"])  # jieba's classes, when it has one
CLASS_PLACE_WEIGHT = 1.5  # over the corpus's usual class (0.5) and a margin; under a slide word


_LEADING_NOTES = compile_pattern(r"^(?:\([^)]*\)\s*)+")


def _is_verb_sense(text: str) -> bool:
    """CC-CEDICT writes a verb "to ...", after its labels: "(literary) to ..."."""
    return _LEADING_NOTES.sub("", text).startswith("to ")


def has_class_choice(entries: Iterable[Entry]) -> bool:
    """Whether ``entries`` have both verb meanings ("to live") and others ("life"), or both
    adverbs ("generally") and others, and no sense labelled for a place (a function word's
    places decide by its labels)."""
    meanings = [s.text for e in entries for s in e.senses if s.kind == SenseKind.MEANING]
    verbs = sum(1 for text in meanings if _is_verb_sense(text))
    adverbs = sum(1 for text in meanings if _is_adverb_sense(text))
    choice = 0 < verbs < len(meanings) or 0 < adverbs < len(meanings)
    return choice and not any(_is_function_word(e) for e in entries)


_ADVERB = compile_pattern(r"[a-z]{3,}ly")
_NOT_ADVERBS_TEXT = "family supply reply apply rely ally early daily weekly monthly yearly"
_NOT_ADVERBS = frozenset(_NOT_ADVERBS_TEXT.split())


def _is_adverb_sense(text: str) -> bool:
    """A sense worded as one adverb: "generally", "slowly"."""
    return bool(_ADVERB.fullmatch(text)) and text not in _NOT_ADVERBS


def _is_function_word(entry: Entry) -> bool:
    """A word some sense of which is labelled for a place ("to complement" is no label)."""
    return any(sense_places(s.text) and not _is_verb_sense(s.text) for s in entry.senses)


def word_place(candidate: Candidate, context: SenseContext) -> float:
    """Of a content word used as a noun and as a verb (生活 "to live; life"), the senses of
    the class its places in the document call for: after 的, a classifier or a verb a noun
    ("life"); after 不, 会 or 已经, or before 了, a verb ("to live")."""
    places = context.places
    if not places.total or candidate.sense.kind != SenseKind.MEANING:
        return 0.0
    if candidate.sense.text.startswith("("):
        return 0.0  # a labelled sense is apart
    if len(candidate.entry.simplified) < 2:
        # A character's senses are its words' (日, 行), but right after an adverb its verb
        # senses stand (一般指… "to refer to", not "finger"; 一般工作 may be "ordinary work").
        verb = _is_verb_sense(candidate.sense.text)
        return CLASS_PLACE_WEIGHT * places.share(Place.AFTER_ADVERB) if verb else 0.0
    tag = context.word_class(candidate.entry.simplified) if context.word_class else None
    if tag not in _CONTENT_CLASSES:
        return 0.0  # mostly an adverb or a preposition (比较, 一起): not a noun or a verb
    if _is_function_word(candidate.entry):
        return 0.0  # its labelled places decide
    if _is_verb_sense(candidate.sense.text):
        return CLASS_PLACE_WEIGHT * places.share(Place.VERB_PLACE)
    if _is_adverb_sense(candidate.sense.text):
        return CLASS_PLACE_WEIGHT * places.share(Place.ADVERB_PLACE)
    if _CLASSIFIER_SENSE.match(candidate.sense.text):
        return 0.0
    share = places.share(Place.NOUN_PLACE)
    if not any(_is_adverb_sense(s.text) for s in candidate.entry.senses):
        share += places.share(Place.OPENS_CLAUSE)  # 一般 opening its clause is "generally"
    return CLASS_PLACE_WEIGHT * share


_CLASSIFIER_SENSE = compile_pattern(r"^(?:\([^)]*\)\s*)*(?:classifier|measure word)\b", re.I)


# Adverbs as CC-CEDICT words a sense: one adverb ("always", "continuously", "therefore") or
# an adverbial phrase ("of course", "sure enough") among its wordings.
_CONNECTIVES = frozenset(
    [
        *("therefore", "hence", "thus", "consequently", "moreover", "furthermore", "besides"),
        "in addition",
    ]
)
_ADVERB_PIECES = _ADVERB_WORDS | _CONNECTIVES | frozenset(["soon", "almost", "nearly", "indeed"])
_ADVERB_PIECES |= frozenset(["more", "further", "less", "even more", "still more"])
_ADVERB_PIECES |= frozenset(["beforehand", "in advance", "afterwards"])
_QUANTIFIERS = frozenset(["all", "both", "each", "every", "only", "more", "less"])
_ADVERB_PHRASES = frozenset(
    [
        *("of course", "as expected", "sure enough", "in addition", "after all", "at once"),
        *("right away", "all along", "in fact", "without exception"),
    ]
)
_BOUND_FORM = "(bound form)"
# Where an adverb stands: before a verb, an adjective, a modal or a negation.
_BEFORE_PREDICATE = (
    Place.BEFORE_VERB,
    Place.ADVERB_PLACE,
    Place.BEFORE_ADJECTIVE,
    Place.BEFORE_NEGATION,
    Place.PREDICTS,
    Place.BEFORE_ACTION,
    Place.BEFORE_VERBAL,
)


def _is_adverb_meaning(text: str) -> bool:
    """A sense one of whose wordings is an adverb ("continuously; always", "in every case;
    always; invariably", "really; indeed", "therefore"); no "(bound form)" sense."""
    if text.startswith(_BOUND_FORM):
        return False
    for piece in re.split("[;,]", _LEADING_NOTES.sub("", text)):
        bare = " ".join(re.sub(r"\([^()]*\)", " ", piece).split())
        if bare in _ADVERB_PIECES or bare in _ADVERB_PHRASES or _is_adverb_sense(bare):
            return True
    return False


def adverb_wording(text: str) -> str:
    """A sense chosen for its adverb, worded with that adverb first when its first wording is
    none ("in every case; always; invariably" -> "always; in every case; invariably"); ""
    when it opens with one already or has none."""
    pieces = [p.strip() for p in text.split(";")]
    found = [p for p in pieces if p in _ADVERB_PIECES or _is_adverb_sense(p)]
    if not found or _is_adverb_meaning(pieces[0]) or pieces[0].startswith("("):
        return ""
    return "; ".join([found[0], *(p for p in pieces if p != found[0])])


def has_adverb_choice(entries: Iterable[Entry]) -> bool:
    """Whether an entry of ``entries`` has adverb senses and others (一直 "straight;
    continuously", 真正 "real; really", 故 "reason; therefore"), or a single character a
    "(bound form)" sense and others (均, 总): where it stands in its sentences tells them apart."""
    for entry in entries:
        meanings = [s.text for s in entry.senses if s.kind == SenseKind.MEANING]
        adverbs = sum(1 for text in meanings if _is_adverb_meaning(text))
        bound = len(entry.simplified) == 1 and any(t.startswith(_BOUND_FORM) for t in meanings)
        if 0 < adverbs < len(meanings) or (bound and len(meanings) > 1):
            return True
    return False


def adverb_place(candidate: Candidate, context: SenseContext) -> float:
    """Of a word with adverb senses and others, the adverb senses where it stands before a verb,
    an adjective or a modal (一直想 "always", 均超大 "all", 当然要 "certainly") or, for a
    connective, opens its clause (故得名 "therefore"); not before 的 and a noun, where an
    attribute stands (真正的老街 "real"). A "(bound form)" sense is the character's in longer
    words, never that of the character standing as a word of its own between others."""
    places = context.places
    if not places.total or candidate.sense.kind != SenseKind.MEANING:
        return 0.0
    text, entry = candidate.sense.text, candidate.entry
    if places.term not in (entry.simplified, entry.traditional, ""):
        return 0.0  # a word inside the term: the places are the whole term's
    if text.startswith(_BOUND_FORM) and len(entry.simplified) == 1:
        usual = context.usual(entry.simplified) if context.usual else None
        if usual is not None and usual.sense == text:
            return 0.0  # 店 "(bound form) shop": the example sentences use it as a word
        return -PARTNER_MISSING * places.share(Place.FREE_WORD)
    labelled = text.startswith("(") and sense_places(text)  # "(used after a verb) extremely"
    if not places.share(Place.FREE_WORD) or labelled or not _is_adverb_meaning(text):
        return 0.0  # a word inside a term, or a sense labelled for its own place
    if not has_adverb_choice((entry,)):
        return 0.0
    if len(entry.simplified) == 1 and context.usual and context.usual(entry.simplified):
        return 0.0  # 先 "first", 还 "still": a character's example sentences say more
    if _is_verb_sense(entry.senses[0].text):
        return 0.0  # 连在一起 "to link", 用电脑 "to use": a verb first, before its complement
    # Before a verb of going the way one goes, not how often (一直走 "straight").
    share = max(places.share(place) for place in _BEFORE_PREDICATE)
    share -= places.share(Place.BEFORE_MOTION)
    pieces = {" ".join(p.split()) for p in _LEADING_NOTES.sub("", text).split(";")}
    if pieces & _CONNECTIVES:  # 故得名 "therefore", 日文、韩文还有… "in addition"
        share = max(share, places.share(Place.STARTS_CLAUSE), places.share(Place.END_OF_LIST))
    if not pieces & _QUANTIFIERS:  # 所有的 "all", but 真正的 "real", not "really"
        share -= places.share(Place.ATTRIBUTE)
    share -= places.share(Place.AFTER_ATTRIBUTIVE)  # 创新之都 "capital", no adverb
    return CLASS_PLACE_WEIGHT * share


def sides_in(term: str, parts: Sequence[str], after: str = "") -> tuple[tuple[str, str], ...]:
    """For each part of ``term``, the text of the term before it and after it, then ``after``
    (the text after the term on its line): 个 in 同一个 stands after the numeral 一, 叫 in
    我叫 before the name that follows the term (我叫 王明)."""
    out, position = [], 0
    for part in parts:
        out.append((term[:position], term[position + len(part) :] + after))
        position += len(part)
    return tuple(out)
