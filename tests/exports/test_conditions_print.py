"""Conditional questions in print: the plan leaves out what `show_if` hides; paper prints every question, saying
when a conditional one applies."""

from __future__ import annotations

from pathlib import Path

from campaign.model import Campaign
from campaign.worksheet import DEFAULT_PACK, WorksheetPack, load_worksheets
from exports.handouts import build_handouts, handouts_pdf
from exports.handouts.model import Question
from exports.markdown import render_markdown
from exports.plan import build_plan
from tests.exports.readers import pdf_pages, squeeze

PRESS_LIST = "Daily Nation health desk, Joy Wanjiru"
ONLY_IF_PRESS = "Only if you ticked “Press releases and media advisories” under “Media you will make”."


def _campaign(types: list[str]) -> Campaign:
    campaign = Campaign(id="x")
    campaign.set_answer("profile", "name", "Count us")
    campaign.set_answer("media", "media_types", types)
    campaign.set_answer("media", "press_list", PRESS_LIST)
    return campaign


def test_the_plan_prints_a_conditional_answer_only_while_it_is_shown(pack: WorksheetPack) -> None:
    shown = render_markdown(build_plan(_campaign(["press_release"]), pack))
    assert "Press list" in shown and PRESS_LIST in shown
    hidden = render_markdown(build_plan(_campaign(["fact_sheet"]), pack))
    assert "Press list" not in hidden and PRESS_LIST not in hidden
    assert "Media you will make" in hidden


def test_a_worksheet_whose_only_answers_are_hidden_prints_as_not_filled_in(pack: WorksheetPack) -> None:
    plan = render_markdown(build_plan(_campaign([]), pack))
    assert PRESS_LIST not in plan
    assert "6\\. Media materials (not filled in yet)" in plan


def test_a_hidden_worksheet_leaves_the_plan_and_its_numbers(tmp_path: Path) -> None:
    for path in DEFAULT_PACK.glob("*.yaml"):
        (tmp_path / path.name).write_bytes(path.read_bytes())
    media = tmp_path / "05-media.yaml"
    text = media.read_text(encoding="utf-8")
    media.write_text(text.replace("fields:\n", 'show_if: {field: profile.level, equals: "national"}\nfields:\n', 1))
    pack = load_worksheets(tmp_path)
    campaign = _campaign(["press_release"])
    campaign.set_answer("profile", "level", "local")
    plan = render_markdown(build_plan(campaign, pack))
    assert "Media materials" not in plan and PRESS_LIST not in plan
    assert "6\\. Monitoring and evaluation" in plan  # the steps after it move up one
    campaign.set_answer("profile", "level", "national")
    plan = render_markdown(build_plan(campaign, pack))
    assert "## 6. Media materials" in plan and PRESS_LIST in plan and "7\\. Monitoring and evaluation" in plan
    media = build_handouts(pack).sheets[5]  # paper prints the worksheet, first saying when it applies
    assert media.heading == "Worksheet 6: Media materials"
    first = "".join(span.text for span in media.guidance[0].content)
    assert first == "Only if you ticked “National” under “Level of the campaign”."


def test_paper_prints_every_question_with_when_it_applies(pack: WorksheetPack) -> None:
    handouts = build_handouts(pack)
    media = next(sheet for sheet in handouts.sheets if sheet.heading.endswith(pack.worksheet("media").title))
    questions = {item.label: item for item in media.items if isinstance(item, Question)}
    assert len(media.items) == len(pack.worksheet("media").fields)  # every question, hidden or not on screen
    notes = ["".join(span.text for span in note) for note in questions["Press list"].notes]
    assert notes[0] == ONLY_IF_PRESS
    first = ["".join(span.text for span in note) for note in questions["Media you will make"].notes]
    assert not any(note.startswith("Only if") for note in first)
    text = squeeze(" ".join(pdf_pages(handouts_pdf(pack))))
    assert squeeze(ONLY_IF_PRESS) in text
    assert squeeze("Only if you ticked “Fact sheets” under “Media you will make”.") in text
