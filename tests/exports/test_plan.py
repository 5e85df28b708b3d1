"""The plan builder: the order, wording and formatting every format shares."""

from __future__ import annotations

import datetime as dt
import io

from PIL import Image

from campaign.model import Campaign
from campaign.worksheet import WorksheetPack
from exports.document import (
    Callout,
    Contents,
    ContentsEntry,
    Cover,
    Heading,
    KeyValue,
    PlanDocument,
    PowerMap,
    Table,
    Timeline,
)
from exports.glance import GLANCE_TITLE
from exports.markdown import render_markdown
from exports.plan import build_plan, checked_logo
from exports.wording import NOT_ANSWERED, date_text, number_text, period_text
from tests.exports.conftest import PREPARED


def _sections(plan: PlanDocument) -> list[Heading]:
    return [block for block in plan.blocks if isinstance(block, Heading) and block.level == 1]


def test_the_plan_opens_with_a_cover_and_contents(example_plan: PlanDocument) -> None:
    cover, _, contents = example_plan.blocks[:3]
    assert isinstance(cover, Cover) and cover.title == "Count Us, Fund Us"
    assert cover.subtitle == "Kenya Alliance of Social Service Workers (KASSW)"
    assert ("Campaign period", "1 March – 15 December 2027") in cover.details
    assert cover.note.startswith(f"Prepared on {date_text(PREPARED)}")
    assert isinstance(contents, Contents)
    assert [(e.text, e.anchor) for e in contents.entries] == [(h.text, h.anchor) for h in _sections(example_plan)]


def test_one_section_per_worksheet_in_pack_order(example_plan: PlanDocument, pack: WorksheetPack) -> None:
    titles = [heading.text for heading in _sections(example_plan)]
    assert titles == [GLANCE_TITLE] + [f"{n}. {sheet.title}" for n, sheet in enumerate(pack.worksheets, 1)]


def test_the_glance_page_has_goal_objectives_primary_audiences_and_dates(example_plan: PlanDocument) -> None:
    start = example_plan.blocks.index(_sections(example_plan)[0])
    end = example_plan.blocks.index(_sections(example_plan)[1])
    glance = example_plan.blocks[start:end]
    goal = next(block for block in glance if isinstance(block, Callout))
    assert goal.text.startswith("By 2030, every ward in Kenya")
    tables = [block for block in glance if isinstance(block, Table)]
    objectives, audiences, dates, budget = tables
    assert budget.rows == (("Total campaign budget", "KES 1,450,000"), ("Activities (4)", "KES 970,000"))
    assert len(objectives.rows) == 3 and objectives.rows[0][2] == "30 June 2027"
    names = [row[0] for row in audiences.rows]
    assert names[0].startswith("1. National Treasury") and not any("reporters" in name for name in names)
    assert audiences.columns == ("Audience", "What we ask", "What we tell them")
    assert dates.rows[0][0] == "1 March 2027" and dates.rows[-1][0] == "15 December 2027"


def test_references_show_row_names_not_ids(example_plan: PlanDocument) -> None:
    text = render_markdown(example_plan)
    assert "Objectives served:** Objective 1" in text
    assert "National Treasury budget team (Director of Budget and social sector analysts); Departmental" in text
    for row_id in ("obj-budget", "treasury", "social-committee", "act-brief"):
        assert row_id not in text


def test_no_answer_is_ever_printed_as_none(example_plan: PlanDocument) -> None:
    assert "None" not in render_markdown(example_plan)


def test_numbers_dates_and_units_are_worded() -> None:
    assert number_text(180000) == "180,000" and number_text(2.5) == "2.5" and number_text(3.0) == "3"
    assert period_text(dt.date(2027, 5, 10), dt.date(2027, 5, 21)) == "10–21 May 2027"
    assert period_text(dt.date(2027, 12, 20), dt.date(2028, 1, 5)) == "20 December 2027 – 5 January 2028"
    assert period_text(None, dt.date(2027, 1, 5)) == "Until 5 January 2027" and period_text(None, None) == ""


def test_empty_answers_are_left_out_or_marked(example: Campaign, pack: WorksheetPack) -> None:
    example.set_answer("profile", "area", None)  # optional: left out
    example.set_answer("profile", "country", None)  # required: marked
    example.answers.pop("media")
    plan = build_plan(example, pack)
    entries = [entry for block in plan.blocks if isinstance(block, KeyValue) for entry in block.entries]
    assert not any(entry.label == "Province, county or district" for entry in entries)
    country = next(entry for entry in entries if entry.label == "Country")
    assert country.missing and country.value == NOT_ANSWERED
    # a worksheet with no answers takes one line in the contents and no page of its own
    assert not any(isinstance(b, Heading) and b.text.endswith("Media materials") for b in plan.blocks)
    contents = next(block for block in plan.blocks if isinstance(block, Contents))
    assert ContentsEntry("6. Media materials (not filled in yet)") in contents.entries


def test_a_pack_without_the_named_worksheets_still_builds(example: Campaign, pack: WorksheetPack) -> None:
    only_profile = WorksheetPack(info=pack.info, worksheets=(pack.worksheet("profile"),))
    plan = build_plan(example, only_profile)
    assert not any(isinstance(block, (PowerMap, Timeline)) for block in plan.blocks)
    assert [h.text for h in _sections(plan)] == [GLANCE_TITLE, "1. Campaign profile"]
    assert "None" not in render_markdown(plan)


def test_charts_sit_in_the_audience_and_activity_sections(example_plan: PlanDocument) -> None:
    kinds = [type(block) for block in example_plan.blocks]
    sections = [i for i, block in enumerate(example_plan.blocks) if isinstance(block, Heading) and block.level == 1]
    power_map, timeline = kinds.index(PowerMap), kinds.index(Timeline)
    assert example_plan.blocks[max(s for s in sections if s < power_map)].text.startswith("3. Target audiences")
    assert example_plan.blocks[max(s for s in sections if s < timeline)].text.startswith("4. Advocacy activities")
    chart = example_plan.blocks[power_map]
    assert isinstance(chart, PowerMap) and len(chart.points) == 4
    assert chart.stance_labels[0] == "Opposed" and chart.influence_labels[-1] == "High"


def test_paper_comes_from_the_campaign_unless_overridden(example: Campaign, pack: WorksheetPack) -> None:
    assert build_plan(example, pack).paper == "a4"
    example.settings.paper = "letter"
    assert build_plan(example, pack).paper == "letter"
    assert build_plan(example, pack, paper="a4").paper == "a4"


def _png(size: tuple[int, int], mode: str = "RGB", format: str = "PNG") -> bytes:
    output = io.BytesIO()
    Image.new(mode, size, "teal").save(output, format=format)
    return output.getvalue()


def test_logos_are_checked_and_kept_small() -> None:
    small = _png((200, 100))
    assert checked_logo(small) == small
    assert checked_logo(b"not an image") is None and checked_logo(None) is None
    with Image.open(io.BytesIO(checked_logo(_png((4000, 1000))) or b"")) as big:
        assert big.size == (1200, 300) and big.format == "PNG"
    with Image.open(io.BytesIO(checked_logo(_png((300, 300), "RGB", "BMP")) or b"")) as converted:
        assert converted.format == "PNG"
