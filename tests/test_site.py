"""The static course site: layout, links, JSON, Anki packages, incremental and atomic builds.

The demo course is built once for the layout and link checks; the build tests write small
remark decks of their own (made up here, several weeks) into a temporary course folder.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import sqlite3
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from click.testing import CliRunner

from hanzi_companion.errors import DeckError, OutputError
from hanzi_companion.glossary import Glossary, build_glossary
from hanzi_companion.lexicon import Lexicon
from hanzi_companion.settings import ENV_CACHE_DIR, Settings, demo_course_dir
from hanzi_companion.site import SiteReport, build_site, codec, pages
from hanzi_companion.site.build import MANIFEST, discover
from hanzi_companion.text.decks import read_deck

EXTERNAL_SCHEMES = ("http", "https", "mailto", "data")


# -- helpers ------------------------------------------------------------------------------------


class _Page(HTMLParser):
    """Links, ids, scripts and event-handler attributes of one HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []  # (tag.attribute, value)
        self.ids: set[str] = set()
        self.scripts: list[dict[str, str | None]] = []
        self.handlers: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name, value in attrs:
            if name in ("href", "src", "action") and value is not None:
                self.links.append((f"{tag}.{name}", value))
            if name.startswith("on"):
                self.handlers.append(f"{tag}.{name}")
        if values.get("id"):
            self.ids.add(str(values["id"]))
        if tag == "a" and values.get("name"):
            self.ids.add(str(values["name"]))
        if tag == "script":
            self.scripts.append(values)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text("utf-8"))
    page.close()
    return page


def html_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.html") if ".hanzi-companion" not in p.parts)


def resolve(root: Path, page: Path, url: str) -> tuple[Path | None, str]:
    """The file an internal URL of ``page`` points at (None for outside links), and its
    fragment. Fails on absolute or protocol-relative URLs: they break on file://."""
    parts = urlsplit(url)
    if parts.scheme in EXTERNAL_SCHEMES:
        return None, ""
    assert not parts.scheme, f"{page}: unexpected URL scheme in {url!r}"
    assert not parts.netloc and not url.startswith("/"), f"{page}: {url!r} is not relative"
    if not parts.path:
        return page, parts.fragment
    target = (page.parent / unquote(parts.path)).resolve()
    assert root.resolve() in target.parents, f"{page}: {url!r} leaves the site"
    return target, parts.fragment


def check_links(root: Path) -> dict[Path, set[Path]]:
    """Every internal link, image, script, stylesheet and form target of every page resolves to
    a file of the site, and every #fragment to an id of its page. Returns the link graph."""
    parsed = {p.resolve(): parse(p) for p in html_files(root)}
    graph: dict[Path, set[Path]] = {}
    for page, info in parsed.items():
        graph[page] = set()
        for where, url in info.links:
            target, fragment = resolve(root, page, url)
            if target is None:
                continue
            assert target.is_file(), (
                f"{page.relative_to(root.resolve())}: {where}={url!r} is missing"
            )
            graph[page].add(target)
            if fragment and target.suffix == ".html":
                assert fragment in parsed[target].ids, f"{page}: no #{fragment} in {target}"
    return graph


def load_index(root: Path) -> dict[str, object]:
    script = (root / pages.SEARCH_INDEX).read_text("utf-8")
    prefix, suffix = "window.HanziSiteIndex=", ";\n"
    assert script.startswith(prefix) and script.endswith(suffix)
    index: dict[str, object] = json.loads(script[len(prefix) : -len(suffix)])
    return index


def snapshot(root: Path) -> dict[str, tuple[int, str]]:
    """Every file of a folder: (inode, content digest)."""
    return {
        p.relative_to(root).as_posix(): (
            p.stat().st_ino,
            hashlib.sha256(p.read_bytes()).hexdigest(),
        )
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def leftovers(site: Path) -> list[Path]:
    return [p for p in site.parent.iterdir() if p.name.startswith(f".{site.name}.")]


def make_deck(
    week: int, char: str, title: str, lines: list[str], course: str = "Test Course"
) -> str:
    """A small remark deck: front matter, title slide, character of the week, content."""
    body = "\n".join(f"- {line}" for line in lines)
    return (
        f'---\ntitle: "Week {week}: {title}"\ncourse: {course}\n---\n'
        f"class: center, middle\n\n# {course}\n\n## Week {week}: {title}\n\n---\n\n"
        f"## Character of the week\n\n# {char}\n\n---\n\n# {title}\n\n{body}\n"
    )


# -- the demo course ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_site(
    tmp_path_factory: pytest.TempPathFactory, lexicon: Lexicon
) -> tuple[Path, SiteReport]:
    out = tmp_path_factory.mktemp("demo") / "site"
    return out, build_site(demo_course_dir(), out, lexicon)


def test_demo_site_layout(demo_site: tuple[Path, SiteReport], lexicon: Lexicon) -> None:
    root, report = demo_site
    decks = sorted(demo_course_dir().glob("*.txt"))
    assert len(report.decks) == len(decks)
    assert report.rendered_decks == report.decks and report.course_rendered
    index = parse(root / pages.INDEX)
    index_links = {url for _, url in index.links}
    for deck_file in decks:
        glossary = build_glossary(read_deck(deck_file), lexicon)
        slug = next(s for s in report.decks if deck_file.stem.startswith(s))
        assert pages.deck_page(slug) in index_links
        page = parse(root / pages.deck_page(slug))
        # One table row per term, numbered as the search index links them.
        assert {f"term-{i}" for i in range(1, len(glossary.terms) + 1)} <= page.ids
        for char in glossary.characters:
            assert pages.character_page(char.character) in index_links
            char_page = root / pages.character_page(char.character)
            assert char.character in "".join(parse(char_page).text)
            # The stroke-order animation is on the page, an SVG file beside it.
            srcs = [u for w, u in parse(char_page).links if w == "img.src"]
            animation = root / pages.stroke_animation(char.character)
            assert f"../{pages.stroke_animation(char.character)}" in srcs
            assert animation.read_text("utf-8").lstrip().startswith("<svg")
            assert "@keyframes" in animation.read_text("utf-8")
    assert (root / pages.SEARCH).is_file() and (root / pages.ABOUT).is_file()
    assert (root / "static" / "js" / "popup.js").is_file()


def test_every_internal_link_and_asset_resolves(demo_site: tuple[Path, SiteReport]) -> None:
    root, _ = demo_site
    graph = check_links(root)
    assert len(graph) >= 5
    # Every page can be reached from the index.
    start = (root / pages.INDEX).resolve()
    seen, todo = {start}, [start]
    while todo:
        for target in graph.get(todo.pop(), ()):
            if target.suffix == ".html" and target not in seen:
                seen.add(target)
                todo.append(target)
    assert seen == set(graph), f"unreachable: {set(graph) - seen}"
    # Stylesheets reference nothing outside the site.
    for css in (root / "static").rglob("*.css"):
        for ref in re.findall(r"url\(\s*['\"]?([^'\")]+)", css.read_text("utf-8")):
            target, _ = resolve(root, css, ref)
            assert target is None or target.is_file(), f"{css}: {ref}"


def test_search_index_points_at_pages(demo_site: tuple[Path, SiteReport]) -> None:
    root, report = demo_site
    index = load_index(root)
    decks = index["decks"]
    assert isinstance(decks, list) and len(decks) == len(report.decks)
    anchors = {}
    for page, _title, _week in decks:
        assert (root / page).is_file()
        anchors[page] = parse(root / page).ids
    terms = index["terms"]
    assert isinstance(terms, list) and terms
    for row in terms:
        page = decks[row[6]][0]
        assert f"term-{row[7]}" in anchors[page]
    chars = index["chars"]
    assert isinstance(chars, list) and [row[0] for row in chars] == list(report.characters)
    for row in chars:
        assert (root / row[5]).is_file()
    # Compact: no indentation, one line of data.
    assert (root / pages.SEARCH_INDEX).read_text("utf-8").count("\n") == 1


def test_each_deck_has_the_glossary_json_the_popup_reads(
    demo_site: tuple[Path, SiteReport],
) -> None:
    root, report = demo_site
    for slug in report.decks:
        data = json.loads((root / pages.deck_json(slug)).read_text("utf-8"))
        rows = [i for i in parse(root / pages.deck_page(slug)).ids if i.startswith("term-")]
        assert data["schema_version"] >= 1
        assert len(data["terms"]) == len(rows) > 0
        assert all(t["term"] and "pinyin" in t and "gloss" in t for t in data["terms"])
    course = json.loads((root / pages.COURSE_JSON).read_text("utf-8"))
    assert [d["deck"]["name"] for d in course["decks"]]


def _notes(apkg: Path) -> int:
    with zipfile.ZipFile(apkg) as archive:
        assert archive.testzip() is None
        assert "collection.anki2" in archive.namelist()
        data = archive.read("collection.anki2")
    db = apkg.with_suffix(".anki2")
    db.write_bytes(data)
    try:
        with sqlite3.connect(db) as connection:
            count = connection.execute("SELECT count(*) FROM notes").fetchone()[0]
        connection.close()
    finally:
        db.unlink()
    assert isinstance(count, int)
    return count


def test_anki_packages_per_week_and_course(
    demo_site: tuple[Path, SiteReport], tmp_path: Path
) -> None:
    root, report = demo_site
    weekly = 0
    for slug in report.decks:
        copy = tmp_path / f"{slug}.apkg"
        shutil.copy(root / pages.deck_apkg(slug), copy)
        notes = _notes(copy)
        assert notes > 0
        weekly += notes
    copy = tmp_path / "course.apkg"
    shutil.copy(root / pages.COURSE_APKG, copy)
    # The course merges a word seen in several weeks into one note.
    assert 0 < _notes(copy) <= weekly


# -- building: incremental, atomic, safe --------------------------------------------------------


@pytest.fixture
def course(tmp_path: Path) -> Path:
    folder = tmp_path / "course"
    folder.mkdir()
    (folder / "week02.md").write_text(
        make_deck(2, "山", "Mountains", ["山水 and 山区 around 城市", "风景 of 黄山"]), "utf-8"
    )
    (folder / "week03.md").write_text(
        make_deck(3, "河", "Rivers", ["长江 and 黄河", "河流 and 水利 projects"]), "utf-8"
    )
    (folder / "notes.txt").write_text("Not a deck but read as one: 学习 中文\n", "utf-8")
    return folder


def test_no_change_rebuild_renders_nothing(course: Path, tmp_path: Path, lexicon: Lexicon) -> None:
    site = tmp_path / "site"
    first = build_site(course, site, lexicon)
    assert set(first.rendered_decks) == set(first.decks) == {"week02", "week03", "notes"}
    assert first.decks[:2] == ("week02", "week03")  # week order; no week last
    before = snapshot(site)
    second = build_site(course, site, lexicon)
    assert second.unchanged
    assert second.rendered_decks == () and second.built_glossaries == ()
    assert second.rendered_characters == () and not second.course_rendered
    # Not one file written anew (the same inodes and contents), but the manifest.
    after = snapshot(site)
    assert after.pop(MANIFEST)[1] == before.pop(MANIFEST)[1]
    assert after == before
    assert leftovers(site) == []
    check_links(site)


def test_changing_one_deck_renders_only_it(course: Path, tmp_path: Path, lexicon: Lexicon) -> None:
    site = tmp_path / "site"
    build_site(course, site, lexicon)
    before = snapshot(site)
    deck = course / "week03.md"
    deck.write_text(deck.read_text("utf-8") + "- 运河 carried grain\n", "utf-8")
    report = build_site(course, site, lexicon)
    assert report.rendered_decks == ("week03",)
    assert report.built_glossaries == ("week03",)
    assert report.course_rendered  # the index, search and course package list every week
    after = snapshot(site)
    for slug in ("week02", "notes"):
        for path in (pages.deck_page(slug), pages.deck_json(slug), pages.deck_apkg(slug)):
            assert after[path] == before[path], path
    assert after[pages.deck_page("week03")] != before[pages.deck_page("week03")]
    assert "运河" in (site / pages.deck_page("week03")).read_text("utf-8")
    assert any(row[0] == "运河" for row in load_index(site)["terms"])  # type: ignore[union-attr]
    check_links(site)


def test_removed_and_added_decks(course: Path, tmp_path: Path, lexicon: Lexicon) -> None:
    site = tmp_path / "site"
    build_site(course, site, lexicon)
    (course / "week02.md").unlink()
    (course / "week04.md").write_text(make_deck(4, "田", "Fields", ["农田 and 田野"]), "utf-8")
    report = build_site(course, site, lexicon)
    assert report.rendered_decks == ("week04",)
    assert not (site / pages.deck_page("week02")).exists()
    assert not (site / pages.character_page("山")).exists()
    assert (site / pages.character_page("田")).is_file()
    assert "week02" not in (site / pages.INDEX).read_text("utf-8")
    check_links(site)


def test_files_the_build_did_not_write_are_kept(
    course: Path, tmp_path: Path, lexicon: Lexicon
) -> None:
    """A host's files put into the site folder (CNAME, .nojekyll) survive rebuilds; the
    files of a deck that is gone do not."""
    site = tmp_path / "site"
    build_site(course, site, lexicon)
    (site / "CNAME").write_text("glossary.example.org\n", "utf-8")
    (site / ".nojekyll").write_text("", "utf-8")
    (site / "extra").mkdir()
    (site / "extra" / "syllabus.pdf").write_bytes(b"%PDF")
    build_site(course, site, lexicon)
    (course / "notes.txt").unlink()
    build_site(course, site, lexicon, force=True)
    assert (site / "CNAME").read_text("utf-8") == "glossary.example.org\n"
    assert (site / ".nojekyll").is_file() and (site / "extra" / "syllabus.pdf").is_file()
    assert not (site / pages.deck_page("notes")).exists()
    assert not (site / pages.deck_json("notes")).exists()


def test_failed_build_leaves_the_old_site_whole(
    course: Path, tmp_path: Path, lexicon: Lexicon, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    build_site(course, site, lexicon)
    before = snapshot(site)
    deck = course / "week02.md"
    deck.write_text(deck.read_text("utf-8") + "- 高山\n", "utf-8")

    from hanzi_companion.render import json as json_renderer

    def broken(glossary: Glossary) -> str:
        raise RuntimeError("renderer failed half way")

    monkeypatch.setattr(json_renderer, "render_json", broken)
    with pytest.raises(RuntimeError, match="half way"):
        build_site(course, site, lexicon)
    assert snapshot(site) == before
    assert leftovers(site) == []

    def interrupted(glossary: Glossary) -> str:
        raise KeyboardInterrupt

    monkeypatch.setattr(json_renderer, "render_json", interrupted)
    with pytest.raises(KeyboardInterrupt):
        build_site(course, site, lexicon)
    assert snapshot(site) == before
    assert leftovers(site) == []

    monkeypatch.undo()
    assert build_site(course, site, lexicon).rendered_decks == ("week02",)


def test_an_unreadable_glossary_cache_is_rebuilt(
    course: Path, tmp_path: Path, lexicon: Lexicon
) -> None:
    site = tmp_path / "site"
    build_site(course, site, lexicon)
    manifest = json.loads((site / MANIFEST).read_text("utf-8"))
    week02 = next(d for d in manifest["decks"] if d["slug"] == "week02")
    cache = site / ".hanzi-companion" / "glossaries" / f"{week02['glossary_key']}.json"
    cache.write_text('{"deck": "not a glossary"}', "utf-8")
    deck = course / "week03.md"
    deck.write_text(deck.read_text("utf-8") + "- 运河\n", "utf-8")
    report = build_site(course, site, lexicon)
    assert set(report.built_glossaries) == {"week02", "week03"}
    assert report.rendered_decks == ("week03",)
    assert codec.decode(Glossary, json.loads(cache.read_text("utf-8"))).deck.name == "week02.md"
    check_links(site)


def test_a_killed_build_is_cleaned_up_by_the_next(
    course: Path, tmp_path: Path, lexicon: Lexicon
) -> None:
    site = tmp_path / "site"
    build_site(course, site, lexicon)
    # What a build killed outright leaves: its work folder, named for a process now gone.
    stale = tmp_path / ".site.building-999999999-0123abcd"
    stale.mkdir()
    (stale / "index.html").write_text("half", "utf-8")
    other = tmp_path / ".unrelated.building-999999999-0123abcd"
    other.mkdir()
    build_site(course, site, lexicon)
    assert not stale.exists() and other.exists()


def test_a_bad_deck_is_left_out_and_reported_and_no_readable_deck_keeps_the_site(
    course: Path, tmp_path: Path, lexicon: Lexicon
) -> None:
    site = tmp_path / "site"
    first = build_site(course, site, lexicon)
    (course / "week05.md").write_bytes(b"%PDF-1.7 binary")
    report = build_site(course, site, lexicon)
    assert len(report.failed) == 1 and re.match(r"week05\.md: .*PDF", report.failed[0])
    assert set(report.decks) == set(first.decks) and leftovers(site) == []
    before = snapshot(site)
    for deck in course.iterdir():
        if deck.suffix in (".md", ".html", ".txt"):
            deck.write_bytes(b"%PDF-1.7 binary")
    with pytest.raises(DeckError, match="no deck could be read"):
        build_site(course, site, lexicon)
    assert snapshot(site) == before and leftovers(site) == []


def test_refuses_folders_it_did_not_make(course: Path, tmp_path: Path, lexicon: Lexicon) -> None:
    foreign = tmp_path / "documents"
    foreign.mkdir()
    (foreign / "thesis.txt").write_text("mine", "utf-8")
    with pytest.raises(OutputError, match="not made by"):
        build_site(course, foreign, lexicon)
    assert (foreign / "thesis.txt").read_text("utf-8") == "mine"
    with pytest.raises(OutputError, match="course folder"):
        build_site(course, course, lexicon)
    with pytest.raises(OutputError, match="course folder"):
        build_site(course, tmp_path, lexicon)
    with pytest.raises(DeckError, match="no such folder"):
        build_site(tmp_path / "missing", tmp_path / "site", lexicon)
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(DeckError, match="no deck files"):
        build_site(empty, tmp_path / "site", lexicon)
    assert not (tmp_path / "site").exists()


def test_deck_content_is_escaped(tmp_path: Path, lexicon: Lexicon) -> None:
    folder = tmp_path / "course"
    folder.mkdir()
    hostile = make_deck(
        6,
        "火",
        'Fire <script>alert("t")</script>',
        [
            "火车 <img src=x onerror=alert(1)> and 火山",
            '<a href="javascript:alert(2)">火锅</a> <b onclick="alert(3)">大火</b>',
            "`</script><script>alert(4)</script>` 救火",
        ],
        course='Evil <script>alert("c")</script> Course',
    )
    (folder / "week06.md").write_text(hostile, "utf-8")
    site = tmp_path / "site"
    build_site(folder, site, lexicon)
    # Scripts the build writes itself: the site's own, the vendored Hanzi Writer, and each
    # character's stroke data for the writing practice (from the bundled data, not the deck).
    allowed = ("static/js/", "static/vendor/", "search/")
    stroke_data = re.compile(r"characters/u[0-9a-f-]+-strokes\.js")
    for path in html_files(site):
        page = parse(path)
        assert page.handlers == [], f"{path}: event handlers {page.handlers}"
        for script in page.scripts:
            src = script.get("src") or ""
            target, _ = resolve(site, path, src) if src else (None, "")
            assert target is not None, f"{path}: inline or outside script"
            where = target.relative_to(site.resolve()).as_posix()
            assert where.startswith(allowed) or stroke_data.fullmatch(where), where
        assert not any(url.lower().startswith("javascript:") for _, url in page.links)
    deck_page = (site / pages.deck_page("week06")).read_text("utf-8")
    assert "&lt;script&gt;alert" in deck_page
    assert "Fire <script>" in "".join(parse(site / pages.deck_page("week06")).text)
    # Inside the search index script, no string can close the script element.
    assert "</script" not in (site / pages.SEARCH_INDEX).read_text("utf-8").lower()
    check_links(site)


# -- pieces -------------------------------------------------------------------------------------


def test_glossary_cache_round_trips(lexicon: Lexicon) -> None:
    glossary = build_glossary(read_deck(sorted(demo_course_dir().glob("*.txt"))[0]), lexicon)
    data = json.loads(json.dumps(codec.encode(glossary)))
    assert codec.decode(Glossary, data) == glossary
    with pytest.raises(codec.CodecError):
        codec.decode(Glossary, {**data, "terms": "not a list"})
    with pytest.raises(codec.CodecError):
        codec.decode(Glossary, {**data, "deck": {**data["deck"], "week": True}})


def test_deck_names_become_distinct_url_safe_slugs(tmp_path: Path) -> None:
    for name in ("week01.md", "week01.txt", "Week 2 城市.md", "course.md", ".hidden.md", "x.docx"):
        (tmp_path / name).write_text("# 城市", "utf-8")
    slugs = {source.filename: source.slug for source in discover(tmp_path)}
    assert set(slugs) == {"week01.md", "week01.txt", "Week 2 城市.md", "course.md"}
    assert len(set(slugs.values())) == 4
    assert all(re.fullmatch(r"[A-Za-z0-9_-]+", slug) for slug in slugs.values())
    assert slugs["course.md"] != "course"  # the course's own files are course.json/.apkg


def test_a_symlinked_site_folder_is_replaced_behind_the_link(
    course: Path, tmp_path: Path, lexicon: Lexicon
) -> None:
    real = tmp_path / "www"
    link = tmp_path / "public"
    link.symlink_to(real, target_is_directory=True)
    build_site(course, link, lexicon)
    assert link.is_symlink() and (real / pages.INDEX).is_file()


def test_links_are_relative_to_each_page() -> None:
    links = pages.SiteLinks(decks={"week07": "week07"}, characters=frozenset("创"))
    root = pages.environment(links, 0).globals["url_for"]
    nested = pages.environment(links, 1).globals["url_for"]
    assert root("pages.course_deck", name="week07") == "weeks/week07.html"
    assert nested("pages.course_deck_apkg", name="week07") == "../anki/week07.apkg"
    assert root("pages.course_deck_json", name="week07") == "glossary/week07.json"
    assert nested("pages.character", char="创") == "../characters/u521b.html"
    assert nested("pages.character", char="仓") == "../search.html?q=%E4%BB%93"
    assert root("static", filename="css/app.css") == "static/css/app.css"
    assert root("pages.search", q="a&b c") == "search.html?q=a%26b%20c"
    with pytest.raises(pages.SiteLinkError):
        root("pages.course_deck", name="week99")
    with pytest.raises(pages.SiteLinkError):
        root("api.lookup")


def test_templates_get_the_web_uis_filters(settings: Settings, lexicon: Lexicon) -> None:
    """One set of templates: the site's environment offers every filter and global the web
    UI's does, so a template that works in one works in the other."""
    from hanzi_companion.web import create_app

    app = create_app(settings, {"LEXICON": lexicon, "TESTING": True})
    site_env = pages.environment(pages.SiteLinks({}, frozenset()), 0, lexicon)
    assert set(app.jinja_env.filters) <= set(site_env.filters)
    web_globals = set(app.jinja_env.globals) - {
        "request",
        "session",
        "g",
        "get_flashed_messages",
        "config",
    }
    assert web_globals <= set(site_env.globals)


# -- the command --------------------------------------------------------------------------------


@pytest.fixture
def runner(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv(ENV_CACHE_DIR, str(settings.cache_dir))
    return CliRunner()


def test_site_command(runner: CliRunner, course: Path, tmp_path: Path) -> None:
    from hanzi_companion.cli import cli

    site = tmp_path / "public"
    result = runner.invoke(cli, ["site", str(course), "-o", str(site)])
    assert result.exit_code == 0, result.output
    assert "3 decks (3 rendered, 0 unchanged)" in result.output
    assert (site / pages.INDEX).is_file()
    again = runner.invoke(cli, ["site", str(course), "-o", str(site)])
    assert again.exit_code == 0 and "already up to date" in again.output
    forced = runner.invoke(cli, ["site", str(course), "-o", str(site), "--force"])
    assert forced.exit_code == 0 and "3 rendered" in forced.output


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["missing-folder"], "no such folder"),
        (["COURSE", "--course", " "], "--course must not be empty"),
        (["COURSE", "--deck-url", "slides/{stem}.html"], "--deck-url must start with"),
    ],
)
def test_site_command_errors(
    runner: CliRunner, course: Path, tmp_path: Path, arguments: list[str], message: str
) -> None:
    from hanzi_companion.cli import cli

    arguments = [
        str(course) if a == "COURSE" else str(tmp_path / a) if a == "missing-folder" else a
        for a in arguments
    ]
    result = runner.invoke(cli, ["site", *arguments, "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and message in lines[0] and "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_site_help_has_an_example(runner: CliRunner) -> None:
    from hanzi_companion.cli import cli

    result = runner.invoke(cli, ["site", "--help"])
    assert result.exit_code == 0 and "hanzi-companion site lectures/ -o public/" in result.output
