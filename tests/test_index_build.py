"""The index build: entries written as they are parsed, one forward-moving progress scale."""

from __future__ import annotations

import gzip
from pathlib import Path

from hanzi_companion.lexicon import Lexicon
from hanzi_companion.lexicon import index as lexicon_index
from hanzi_companion.lexicon.cedict import iter_entries, parse_file
from hanzi_companion.settings import Settings

from .conftest import DATA


def _settings(tmp_path: Path, *, user: Path | None = None) -> Settings:
    data = tmp_path / "dictionaries"
    data.mkdir(parents=True)
    (data / "cedict_ts.u8.gz").write_bytes(gzip.compress((DATA / "cedict_excerpt.u8").read_bytes()))
    (data / "jieba_dict.txt.gz").write_bytes(gzip.compress("创新 5000 v\n银行 9000 n\n".encode()))
    return Settings(
        data_dir=data,
        static_dir=tmp_path,
        cache_dir=tmp_path / "cache",
        course_dir=tmp_path,
        user_dictionaries=(user,) if user else (),
    )


def test_progress_moves_forward_to_the_end(tmp_path: Path) -> None:
    user = tmp_path / "mine.u8"
    user.write_text("雙創 双创 [shuang1 chuang4] /mass innovation/\n", encoding="utf-8")
    settings = _settings(tmp_path, user=user)
    seen: list[tuple[str, float]] = []
    lexicon_index.build_index(
        settings,
        lexicon_index.index_path(settings),
        lambda stage, done, total: seen.append((stage, done / total)),
    )
    shares = [share for _, share in seen]
    assert shares == sorted(shares) and shares[0] == 0 and shares[-1] == 1
    stages = [stage for stage, _ in seen]
    assert "reading cedict_ts.u8.gz" in stages and "reading mine.u8" in stages
    assert len(set(shares)) > 10  # the bar moves while the dictionaries are read


def test_streamed_entries_are_the_parsed_ones(tmp_path: Path) -> None:
    """The build reads entries one by one (iter_entries); the index holds every entry of the
    file in file order, as parse_file gives them, with the header metadata."""
    settings = _settings(tmp_path)
    lexicon = Lexicon.open(settings)
    parsed = parse_file(settings.cedict_path)
    metadata: dict[str, str] = {}
    streamed = [entry for _, entry in iter_entries(settings.cedict_path, metadata=metadata)]
    assert tuple(streamed) == parsed.entries and metadata == parsed.metadata
    rows = lexicon.query("SELECT simplified, pinyin FROM entries ORDER BY id")
    assert rows == [(e.simplified, e.pinyin_numbered) for e in parsed.entries]
    shares = [share for share, _ in iter_entries(settings.cedict_path)]
    assert shares == sorted(shares) and shares[-1] == 1.0


def _gloss_words(lexicon: Lexicon, gloss: str) -> list[str]:
    """The words with a sense saying ``gloss`` (a query joining the English tables to the
    index, as the English search's)."""
    rows = lexicon.english_query(
        "SELECT simplified FROM entries WHERE id IN "
        "(SELECT entry FROM glosses WHERE norm = ?) ORDER BY id",
        (gloss,),
    )
    return [str(row[0]) for row in rows]


def test_english_tables_are_built_on_the_first_english_search(tmp_path: Path) -> None:
    """A lookup does not build the English search tables; the first English query does,
    once, reporting its progress to the end."""
    settings = _settings(tmp_path)
    lexicon = Lexicon.open(settings)
    assert lexicon.lookup("创新")
    assert list(settings.cache_dir.glob("glosses-*")) == []
    seen: list[tuple[str, float]] = []
    lexicon.build_progress = lambda stage, done, total: seen.append((stage, done / total))
    assert "创新" in _gloss_words(lexicon, "innovation")
    assert lexicon.definitions_with("innovation") >= 1
    (built,) = settings.cache_dir.glob("glosses-*.sqlite")
    shares = [share for _, share in seen]
    assert shares == sorted(shares) and shares[0] == 0 and shares[-1] == 1
    # Another process (a new Lexicon) uses the file as it is.
    seen.clear()
    again = Lexicon.open(settings)
    again.build_progress = lambda stage, done, total: seen.append((stage, done / total))
    assert _gloss_words(again, "innovation") == _gloss_words(lexicon, "innovation")
    assert seen == [] and list(settings.cache_dir.glob("glosses-*.sqlite")) == [built]


def test_english_tables_follow_the_index_they_were_built_from(tmp_path: Path) -> None:
    """A user dictionary added: a new index, and new English tables that know its words."""
    user = tmp_path / "mine.u8"
    user.write_text("雙創 双创 [shuang1 chuang4] /mass innovation/\n", encoding="utf-8")
    plain = Lexicon.open(_settings(tmp_path / "a"))
    mine = Lexicon.open(_settings(tmp_path / "b", user=user))
    assert _gloss_words(plain, "mass innovation") == []
    assert _gloss_words(mine, "mass innovation") == ["双创"]
