"""pypinyin's phrase table compiled to a trie: the same readings, without loading the table.

Two fresh processes read every run of characters of the development decks (and every piece
of up to four characters of them): the first with pypinyin's whole phrase table (it compiles
the trie), the second from the trie; their readings must be the same.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from hanzi_companion.settings import ENV_CACHE_DIR
from hanzi_companion.text.han import HAN_PIECE
from tests.conftest import DATA, SEED_DECK

_DEV_DECKS = ("dev_own1", "dev_own2", "real/dev")
_TEXT_SUFFIXES = {".md", ".txt", ".html"}
# The options the index build and the glossary's unknown words read with.
_OPTIONS = (
    {"neutral_tone_with_five": True, "v_to_u": False},
    {"neutral_tone_with_five": True, "errors": "default"},
)
# Runs that begin a longer phrase of the table without being one, whose tail is a phrase:
# pypinyin reads their characters one by one (七返还 qi1 fan3 hai2, not 返还 fan3 huan2), which
# only a table that knows the longer phrase begins with them can tell.
_BEGIN_LONGER_PHRASES = ("七返还", "三人为", "下不了", "不以为")
_SCRIPT = """
import json, os, sys
from hanzi_companion.lexicon.phrases import tone3_readings
words, options = json.load(sys.stdin)
readings = [tone3_readings(words, option) for option in options]
print(json.dumps({
    "readings": readings,
    "whole_table": "pypinyin.phrases_dict" in sys.modules,
    "environment": sorted(k for k in os.environ if k.startswith("PYPINYIN_NO_PHRASES")),
}))
"""


def _words() -> list[str]:
    texts = [SEED_DECK.read_text("utf-8")]
    for folder in _DEV_DECKS:
        for path in sorted((DATA / "decks" / folder).rglob("*")):
            if path.suffix in _TEXT_SUFFIXES and not path.name.startswith("README"):
                texts.append(path.read_text("utf-8"))
    words: dict[str, None] = {}
    for text in texts:
        for run in HAN_PIECE.findall(text):
            words[run] = None
            for size in range(1, 5):
                for start in range(len(run) - size + 1):
                    words[run[start : start + size]] = None
    words.update(dict.fromkeys(_BEGIN_LONGER_PHRASES))
    return list(words)


def _read(words: list[str], cache: Path) -> dict[str, object]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYPINYIN_")}
    result = subprocess.run(
        [sys.executable, "-c", _SCRIPT],
        input=json.dumps([words, list(_OPTIONS)]),
        capture_output=True,
        text=True,
        check=True,
        env={**env, ENV_CACHE_DIR: str(cache)},
    )
    answer: dict[str, object] = json.loads(result.stdout)
    return answer


def test_the_compiled_phrase_table_reads_the_dev_decks_as_the_whole_table(
    tmp_path: Path,
) -> None:
    words = _words()
    assert len(words) > 2000  # runs and pieces of the decks, single characters among them
    whole = _read(words, tmp_path)
    assert whole["whole_table"]  # no compiled table yet: pypinyin loaded its own
    assert list(tmp_path.glob("pypinyin-phrases-*.marisa"))  # and compiled it for next time
    compiled = _read(words, tmp_path)
    assert not compiled["whole_table"]  # read from the trie
    assert compiled["environment"] == []  # a child process would still load its own table
    assert compiled["readings"] == whole["readings"]


def test_a_damaged_compiled_table_is_not_used(tmp_path: Path) -> None:
    words = ["创新", "双创", "重庆", "银行", "行长"]
    whole = _read(words, tmp_path)
    (table,) = tmp_path.glob("pypinyin-phrases-*.marisa")
    data = bytearray(table.read_bytes())
    data[len(data) // 2] ^= 0xFF
    table.write_bytes(bytes(data))
    again = _read(words, tmp_path)
    assert again["whole_table"]  # the damaged trie was not read: pypinyin loaded its own
    assert again["readings"] == whole["readings"]
