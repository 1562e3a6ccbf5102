"""Words no dictionary has that a regular rule of word formation makes from words it has,
read and glossed by that rule rather than as a literal list of their parts.

- a verb's potential form: the verb, 不 (cannot) or 得 (can) and its result (包不住 bāo bu
  zhù "cannot wrap (firmly)", 搞不清楚 gǎo bu qīngchu "cannot do (clear)", 找得到 "can find");
- 重 chóng before a verb, "again": the English prefix re- (重写 chóngxiě "to rewrite");
- a word and the suffix 化 (小型化 "to make small scale");
- a word that points at or counts a thing and the classifier 个 (同一个 "the same one");
- a street, lane or road named by the words before it (南锣鼓巷 "Nánluógǔ Lane (place name)").

Each rule is a function of the term, its parts and what the lexicon says of them (passed in as
callables), so it can be tested alone.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from hanzi_companion.text.wordlists import (
    GENERAL_CLASSIFIERS,
    NUMERALS,
    POTENTIAL_RESULTS,
    RESULT_MEANINGS,
    STREET_ENDINGS,
)

_POTENTIAL_MARKS = {"不": ("cannot", "bu5"), "得": ("can", "de5")}
_AGAIN = "重"  # chóng before a verb: again (重写 to rewrite, 重建 to rebuild)
_AGAIN_READING = "chong2"
_LONGEST_RESULT = 2  # characters of the longest result a potential form takes (清楚)
_VERB = "to "  # how a dictionary's verb sense opens


def potential_form(parts: Sequence[str]) -> tuple[str, str, str] | None:
    """(verb, mark, result) of a potential form cut into its verb and the rest (包 + 不住,
    搞 + 不清楚, or 包 + 不 + 住); None for other words. Whether the verb is one is the
    caller's to check (我 + 不好 is no potential form)."""
    if len(parts) == 3 and len(parts[1]) == 1:
        parts = (parts[0], parts[1] + parts[2])
    if len(parts) != 2 or len(parts[0]) != 1 or not parts[1]:
        return None
    mark, result = parts[1][0], parts[1][1:]
    if mark not in _POTENTIAL_MARKS or not 0 < len(result) <= _LONGEST_RESULT:
        return None
    if len(result) == 1 and result not in POTENTIAL_RESULTS:
        return None
    return parts[0], mark, result


def potential_syllables(parts: Sequence[str], syllables: Sequence[str]) -> list[str]:
    """The syllables of a potential form with 不 or 得 in the neutral tone, as dictionaries
    write 受不了 (shòu bu liǎo): 包不住 bāo bu zhù, 搞不清楚 gǎo bu qīngchu."""
    form = potential_form(parts)
    out = list(syllables)
    if form is not None and len(out) == len("".join(form)):
        out[1] = _POTENTIAL_MARKS[form[1]][1]
    return out


def _verb_words(gloss: str) -> str:
    """The verb of a verb's first sense without its "to" (``to wrap`` -> ``wrap``); "" when
    the sense is no verb's."""
    first = gloss.split("; ")[0].strip()
    return first[len(_VERB) :] if first.startswith(_VERB) else ""


def potential_gloss(parts: Sequence[str], verb_gloss: str, gloss_of: Callable[[str], str]) -> str:
    """ "cannot wrap (firmly)": a potential form's meaning from its verb's sense in context
    and its result's (a small table for the results whose own first sense is another, 住 "to
    live"; else the result's first sense); "" when ``parts`` is none or the verb no verb."""
    form = potential_form(parts)
    verb = _verb_words(verb_gloss)
    if form is None or not verb:
        return ""
    result = RESULT_MEANINGS.get(form[2]) or gloss_of(form[2]).split("; ")[0].strip()
    result = result.removeprefix(_VERB)
    said = f"{_POTENTIAL_MARKS[form[1]][0]} {verb}"
    return f"{said} ({result})" if result else said


def repeated_action(word: str, is_verb: Callable[[str], bool]) -> bool:
    """True for 重 and a verb after it (重写, 重装): chóng, "again", not zhòng "heavy"."""
    return len(word) > 1 and word[0] == _AGAIN and is_verb(word[1:])


def repeated_syllables(
    word: str, syllables: Sequence[str], is_verb: Callable[[str], bool]
) -> list[str]:
    """The syllables of 重 + a verb with 重 read chóng (重写 chóngxiě)."""
    out = list(syllables)
    if out and len(out) == len(word) and repeated_action(word, is_verb):
        out[0] = _AGAIN_READING
    return out


def tried_verb_syllables(
    word: str, syllables: Sequence[str], is_verb: Callable[[str], bool]
) -> list[str]:
    """The syllables of a one-character verb said twice to try it once (看看 kànkan, 走走
    zǒuzou, 看一看 kàn yi kàn): the repeat, and 一 between, in the neutral tone."""
    out = list(syllables)
    tried = len(word) in (2, 3) and word[0] == word[-1] and word[1:-1] in ("", "一")
    if tried and len(out) == len(word) and is_verb(word[0]):
        out[1:] = [syllable.rstrip("012345") + "5" for syllable in out[1:]]
    return out


def repeated_gloss(word: str, verb_gloss: str, is_verb: Callable[[str], bool]) -> str:
    """ "to rewrite": 重 + a verb glossed with the English prefix re- (hyphened before an e:
    re-edit); "" for other words."""
    verb = _verb_words(verb_gloss)
    if not verb or not repeated_action(word, is_verb):
        return ""
    return f"{_VERB}re{'-' if verb.startswith('e') else ''}{verb}"


_BECOME = "化"  # after an adjective or noun: to make it so (小型化, 年轻化)


def becoming_gloss(parts: Sequence[str], glosses: Sequence[str]) -> str:
    """ "to make small scale": a word and the suffix 化 "-ize", glossed as making what the
    word says (小型化: miniaturization); "" for other words, and for a verb before 化 (its
    English has no such form)."""
    if len(parts) != 2 or parts[1] != _BECOME or len(parts[0]) < 2:
        return ""
    first = glosses[0].split("; ")[0].strip()
    if not first or first.startswith(_VERB) or first.startswith("("):
        return ""
    return f"{_VERB}make {first}"


_DETERMINERS = ("the ", "a ", "an ", "this ", "that ", "another", "each", "every", "some")
_ONE = "one"


def counted_gloss(parts: Sequence[str], word_gloss: str) -> str:
    """ "the same one": a word that points at or counts a thing (同一 the same, 另一 another)
    and the general classifier 个, glossed by the word's sense that reads as a determiner and
    "one"; "" for other words (no such sense, another classifier)."""
    if len(parts) != 2 or parts[1] not in GENERAL_CLASSIFIERS:
        return ""
    for sense in word_gloss.split("; "):
        sense = sense.strip()
        if sense.lower().startswith(_DETERMINERS):
            return f"{sense} {_ONE}"
    return ""


_COUNTS = "classifier for "  # how a dictionary's classifier sense opens
_SOME = frozenset("几幾")  # numerals of no one number: a few, how many


def numbered_gloss(parts: Sequence[str], number: str, classifier: str) -> str:
    """ "two (classifier for gifts, newspaper ...)": a numeral and a classifier (兩份, 三本)
    glossed as the number, its first meaning ``number`` (兩 "two", not "a few"), and what the
    classifier counts; "" for other words (the general 个 is :func:`counted_gloss`'s)."""
    if len(parts) != 2 or parts[0] not in NUMERALS or parts[1] in GENERAL_CLASSIFIERS:
        return ""
    if parts[0] in _SOME:
        return ""  # 幾部 "several", not the "how many" its first meaning says
    counted = next((g for g in classifier.split("; ") if g.startswith(_COUNTS)), "")
    first = number.split("; ")[0].strip()
    if not counted or not first or first.startswith("("):
        return ""
    return f"{first} ({counted})"


def street_name(word: str) -> tuple[str, str]:
    """(name, English of its ending) of a street, lane or road named by the words before its
    ending (南锣鼓巷: 南锣鼓, Lane); ("", "") for other words. A name is two characters or
    more: 小路 and 老街 are words, and the caller asks only about words no dictionary has."""
    for ending in sorted(STREET_ENDINGS, key=len, reverse=True):
        name = word.removesuffix(ending)
        if name != word and len(name) >= 2:
            return name, STREET_ENDINGS[ending]
    return "", ""
