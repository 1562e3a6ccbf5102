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
    data.mkdir()
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
