"""The two pictures: a power map with one labelled dot per audience, a timeline with one bar per activity."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from PIL import Image

from campaign.example import example_campaign
from campaign.i18n import translator
from campaign.model import Campaign
from campaign.worksheet import WorksheetPack, load_worksheets
from exports import brand
from exports.chart_png import render_png
from exports.charts import NUMBER_WIDTH, Box, Dot, Label, Line, fit_lines, power_map_scene, timeline_scene
from exports.fonts import text_width
from exports.pictures import BARS_PER_TIMELINE, activity_timelines, audience_power_map

WIDTH = 480.0


def test_the_power_map_has_one_numbered_dot_per_placed_audience(example: Campaign, pack: WorksheetPack) -> None:
    chart = audience_power_map(example, pack, translator("en"))
    assert chart is not None
    scene = power_map_scene(chart, WIDTH)
    numbers = [s.text for s in scene.shapes if isinstance(s, Label) and s.text.isdigit()]
    assert sorted(numbers) == ["1", "2", "3", "4"]
    dots = [s for s in scene.shapes if isinstance(s, Dot) and s.radius > 5]
    assert len(dots) == 4 and sum(d.fill == "#FFFFFF" for d in dots) == 1  # the one secondary audience is hollow
    labels = " ".join(s.text for s in scene.shapes if isinstance(s, Label))
    assert "4 Health and social affairs reporters at national TV, radio and newspapers" in labels


def test_audiences_without_stance_or_influence_are_named_in_the_caption(example: Campaign, pack: WorksheetPack) -> None:
    del example.answers["audiences"]["audiences"][3]["stance"]
    chart = audience_power_map(example, pack, translator("en"))
    assert chart is not None and len(chart.points) == 3
    assert "4. Health and social affairs reporters" in chart.caption


def test_the_timeline_has_one_bar_per_dated_activity(example: Campaign, pack: WorksheetPack) -> None:
    (chart,) = activity_timelines(example, pack, translator("en"))
    assert chart.start == dt.date(2027, 3, 1) and chart.end == dt.date(2027, 12, 31)
    assert chart.month_labels[0] == "Mar" and len(chart.month_labels) == 10
    scene = timeline_scene(chart, WIDTH)
    bars = [s for s in scene.shapes if isinstance(s, Box) and s.radius and s.fill != brand.WHITE] + [
        s for s in scene.shapes if isinstance(s, Dot) and not s.diamond
    ]
    assert len(bars) == 4
    assert all(0 <= s.x <= WIDTH for s in scene.shapes if isinstance(s, (Box, Dot)))
    assert len([s for s in scene.shapes if isinstance(s, Dot) and s.diamond]) == 3  # objective deadlines


def test_many_activities_make_several_timelines(example: Campaign, pack: WorksheetPack) -> None:
    rows = example.answers["activities"]["activities"]
    example.answers["activities"]["activities"] = [dict(row, id=f"{row['id']}-{n}") for n in range(12) for row in rows]
    charts = activity_timelines(example, pack, translator("en"))
    assert [len(chart.bars) for chart in charts] == [BARS_PER_TIMELINE, BARS_PER_TIMELINE, 8]
    assert charts[1].title == "Activity timeline (continued)" and charts[0].caption == ""


def test_long_names_wrap_and_end_with_an_ellipsis() -> None:
    lines = fit_lines("National Treasury budget team (Director of Budget and social sector analysts)", 60, 7, 2)
    assert len(lines) == 2 and lines[-1].endswith("…")
    assert all(text_width(line, 7) <= 60 for line in lines)
    chinese = fit_lines("每个儿童都应该在家附近得到一名受过培训的社会工作者的帮助", 50, 7, 3)
    assert len(chinese) == 3 and all(text_width(line, 7) <= 50 for line in chinese)


def test_the_picture_for_word_is_a_png_at_print_resolution(example: Campaign, pack: WorksheetPack) -> None:
    chart = audience_power_map(example, pack, translator("en"))
    assert chart is not None
    scene = power_map_scene(chart, WIDTH)
    with Image.open(io.BytesIO(render_png(scene, dpi=200))) as image:
        assert image.format == "PNG"
        assert image.size == pytest.approx((WIDTH * 200 / 72, scene.height * 200 / 72), abs=1)
        assert len(image.getcolors(1 << 16) or []) > 20  # drawn, not blank


def test_right_to_left_activity_names_are_right_aligned_in_their_column() -> None:
    from exports.document import Timeline, TimelineBar

    start = dt.date(2027, 1, 1)
    bars = (TimelineBar("لقاء الوزارة", start, start, "1"), TimelineBar("Meet the ministry", start, start, "1"))
    chart = Timeline("T", start, dt.date(2027, 1, 31), ("Jan",), ("2027",), bars)
    labels = {s.text: s for s in timeline_scene(chart, WIDTH).shapes if isinstance(s, Label)}
    arabic, english = labels["لقاء الوزارة"], labels["Meet the ministry"]
    assert (english.anchor, english.x) == ("start", NUMBER_WIDTH)
    assert arabic.anchor == "end" and arabic.x == pytest.approx(min(170.0, WIDTH * 0.34) - 4 - NUMBER_WIDTH)


@pytest.mark.parametrize("language", ["en", "fr", "es", "pt"])
def test_timeline_rows_are_numbered_like_the_activities_and_names_are_whole(language: str) -> None:
    pack = load_worksheets(language=None if language == "en" else language)
    (chart,) = activity_timelines(example_campaign(pack), pack, translator(language))
    labels = [s.text for s in timeline_scene(chart, WIDTH).shapes if isinstance(s, Label)]
    assert [label for label in labels if label.endswith(".") and label[:-1].isdigit()] == ["1.", "2.", "3.", "4."]
    assert not any(label.endswith("…") for label in labels)


def test_deadline_lines_pass_behind_the_dates_of_the_bars(example: Campaign, pack: WorksheetPack) -> None:
    (chart,) = activity_timelines(example, pack, translator("en"))
    shapes = timeline_scene(chart, WIDTH).shapes
    dates = {bar.when for bar in chart.bars}
    for index, label in enumerate(shapes):
        if not (isinstance(label, Label) and label.text in dates):
            continue
        ground = shapes[index - 1]  # drawn just before its date, after every deadline line
        assert isinstance(ground, Box) and ground.fill == brand.WHITE
        assert ground.x <= label.x and label.x + text_width(label.text, label.size) <= ground.x + ground.width
        lines = [i for i, s in enumerate(shapes) if isinstance(s, Line) and s.dashed]
        assert lines and max(lines) < index - 1


def test_a_crowded_power_map_cell_names_the_audiences_left_out(example: Campaign, pack: WorksheetPack) -> None:
    rows = example.answers["audiences"]["audiences"]
    crowded = [dict(rows[0], id=f"crowd-{n}") for n in range(9)]
    example.answers["audiences"]["audiences"] = crowded
    chart = audience_power_map(example, pack, translator("en"))
    assert chart is not None
    labels = [s.text for s in power_map_scene(chart, WIDTH).shapes if isinstance(s, Label)]
    also = [label for label in labels if label.startswith("Also ")]
    assert len(also) == 1
    drawn = {int(label) for label in labels if label.isdigit()}
    assert set(range(1, 10)) - drawn == {int(n) for n in also[0].removeprefix("Also ").split(", ")}
