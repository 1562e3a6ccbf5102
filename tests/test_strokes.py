"""Stroke-order drawings: valid standalone SVG, one frame per stroke, CSS-only animation."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest

from hanzi_companion.lexicon import Lexicon
from hanzi_companion.lexicon.strokes import (
    BOX,
    AnimationStyle,
    FrameStyle,
    StrokeData,
    animated_svg,
    frames_svg,
)
from tests.conftest import DATA

SVG = "{http://www.w3.org/2000/svg}"


def excerpt(char: str) -> StrokeData:
    """Stroke data of ``char`` from the excerpt of hanzi-writer-data."""
    record = json.loads((DATA / "characters" / "strokes.excerpt.json").read_text("utf-8"))[char]
    return StrokeData(
        tuple(record["strokes"]),
        tuple(tuple((x, y) for x, y in median) for median in record["medians"]),
        tuple(record.get("radStrokes") or ()),
    )


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    return root


@pytest.mark.parametrize("char", ["创", "山"])
def test_frames_have_one_frame_per_stroke_with_the_new_stroke_highlighted(char: str) -> None:
    data = excerpt(char)
    root = parse(frames_svg(data, char))
    frames = [g for g in root.iter(f"{SVG}g") if g.get("class") == "frame"]
    assert len(frames) == data.count
    for index, frame in enumerate(frames):
        assert frame.get("data-stroke") == str(index + 1)
        paths = [p for p in frame.iter(f"{SVG}path") if p.get("class") in ("done", "new", "todo")]
        assert [p.get("d") for p in paths] == list(data.outlines)
        classes = [p.get("class") for p in paths]
        assert classes == ["done"] * index + ["new"] + ["todo"] * (data.count - index - 1)
        numbers = [t.text for t in frame.iter(f"{SVG}text")]
        assert numbers == [str(index + 1)]


def test_the_number_sits_where_the_brush_starts_in_flipped_coordinates() -> None:
    data = excerpt("创")
    root = parse(frames_svg(data, "创"))
    circles = list(root.iter(f"{SVG}circle"))
    assert len(circles) == data.count
    for circle, median in zip(circles, data.medians, strict=True):
        x, y = median[0]
        radius = float(circle.get("r", "0"))
        # The data's y axis points up with the top at 900; the drawing's points down.
        expected_y = min(max(900 - y, radius), BOX - radius)
        expected_x = min(max(x, radius), BOX - radius)
        assert float(circle.get("cx", "nan")) == pytest.approx(expected_x)
        assert float(circle.get("cy", "nan")) == pytest.approx(expected_y)


def test_outlines_are_drawn_under_the_y_flip() -> None:
    root = parse(frames_svg(excerpt("山"), "山"))
    flips = [
        g for g in root.iter(f"{SVG}g") if g.get("transform") == "translate(0 900) scale(1 -1)"
    ]
    assert flips, "stroke outlines must be flipped into SVG's y-down coordinates"


def test_frame_grid_wraps_into_rows() -> None:
    data = excerpt("创")
    style = FrameStyle(frame_size=50, columns=4, gap=10)
    root = parse(frames_svg(data, "创", style))
    rows = -(-data.count // 4)
    assert root.get("width") == str(4 * 60 - 10)
    assert root.get("height") == str(rows * 60 - 10)


def test_animation_is_css_only_and_draws_every_stroke_in_order() -> None:
    data = excerpt("创")
    svg = animated_svg(data, "创")
    root = parse(svg)
    assert "<script" not in svg.lower() and "javascript" not in svg.lower()
    assert not any(k.startswith("on") for el in root.iter() for k in el.attrib)
    style = "".join(s.text or "" for s in root.iter(f"{SVG}style"))
    keyframes = re.findall(r"@keyframes (\S+?)\{0%,([\d.]+)%", style)
    assert len(keyframes) == data.count
    starts = [float(start) for _, start in keyframes]
    assert starts == sorted(starts) and starts[0] == 0
    assert "prefers-reduced-motion" in style
    clips = [c.get("id") for c in root.iter(f"{SVG}clipPath")]
    assert len(clips) == len(set(clips)) == data.count
    drawn = [g for g in root.iter(f"{SVG}g") if g.get("clip-path")]
    assert [g.get("clip-path") for g in drawn] == [f"url(#{c})" for c in clips]


def test_animations_of_two_characters_can_share_a_page() -> None:
    first = parse(animated_svg(excerpt("创"), "创"))
    second = parse(animated_svg(excerpt("山"), "山"))
    ids_first = {el.get("id") for el in first.iter() if el.get("id")}
    ids_second = {el.get("id") for el in second.iter() if el.get("id")}
    assert ids_first and ids_second and not ids_first & ids_second


def test_animation_timing_follows_the_style() -> None:
    data = excerpt("山")
    slow = parse(animated_svg(data, "山", AnimationStyle(speed=100.0)))
    fast = parse(animated_svg(data, "山", AnimationStyle(speed=10_000.0)))

    def cycle(root: ET.Element) -> float:
        style = "".join(s.text or "" for s in root.iter(f"{SVG}style"))
        durations = {float(d) for d in re.findall(r" ([\d.]+)s linear infinite", style)}
        assert len(durations) == 1  # every stroke loops on the same cycle
        return durations.pop()

    assert cycle(slow) > cycle(fast)


def test_titles_are_escaped_and_nothing_is_credited_inline() -> None:
    svg = frames_svg(excerpt("山"), "<&>")
    root = parse(svg)
    titles = [t.text for t in root.iter(f"{SVG}title")]
    assert titles and "<&>" in (titles[0] or "")
    assert "Arphic" not in svg and "Arphic" not in animated_svg(excerpt("山"), "山")


def test_empty_or_inconsistent_data_is_refused() -> None:
    with pytest.raises(ValueError, match="no strokes"):
        frames_svg(StrokeData((), ()))
    with pytest.raises(ValueError, match="median"):
        animated_svg(StrokeData(("M 0 0 Z",), ()))


def test_a_one_point_median_still_draws() -> None:
    data = StrokeData(("M 100 100 L 200 100 L 200 200 Z",), (((150, 150),),))
    root = parse(animated_svg(data, "x"))
    assert len([g for g in root.iter(f"{SVG}g") if g.get("clip-path")]) == 1


def test_profiles_carry_the_stroke_data_of_the_full_file(lexicon: Lexicon) -> None:
    profile = lexicon.character("创")
    assert profile.strokes == excerpt("创")
    assert profile.strokes is not None
    assert profile.strokes.count == profile.stroke_count
    parse(frames_svg(profile.strokes, profile.character))
    parse(animated_svg(profile.strokes, profile.character))
