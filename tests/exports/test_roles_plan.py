"""An organisation's own pack gets the same plan features: the default pack with every id renamed still prints
the power map, the timeline, the glance and the work plan with the same content, found by the roles it declares."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import docx
import pdfplumber
import pytest

from campaign.checks import plan_check
from campaign.example import example_campaign
from campaign.worksheet import WorksheetPack, load_worksheets
from exports.document import PlanDocument, PowerMap, Table, Timeline
from exports.docx import render_docx
from exports.pdf import render_pdf
from exports.plan import build_plan
from tests.exports.conftest import PREPARED
from tests.exports.renamed_pack import renamed_pack
from ui.plenary import group_words

ONE_DAY = dt.timedelta(days=1)
GLANCE, POWER_MAP, TIMELINE, WORK_PLAN = "Campaign at a glance", "Audience power map", "Activity timeline", "Work plan"


@pytest.fixture(scope="module")
def ours(tmp_path_factory: pytest.TempPathFactory) -> WorksheetPack:
    return load_worksheets(renamed_pack(tmp_path_factory.mktemp("packs") / "ours"))


@pytest.fixture(scope="module")
def our_plan(ours: WorksheetPack) -> PlanDocument:
    return build_plan(example_campaign(ours), ours, today=PREPARED)


def test_the_renamed_pack_shares_no_worksheet_or_field_id_with_the_default(ours: WorksheetPack) -> None:
    default = load_worksheets()
    assert not set(ours.by_id) & set(default.by_id)
    assert not {f.id for s in ours.worksheets for f in s.fields} & {f.id for s in default.worksheets for f in s.fields}


def test_the_plan_has_the_same_pictures_and_work_plan(our_plan: PlanDocument, example_plan: PlanDocument) -> None:
    def features(plan: PlanDocument) -> list[object]:
        return [b for b in plan.blocks if isinstance(b, (PowerMap, Timeline, Table))]

    ours, default = features(our_plan), features(example_plan)
    assert [type(b) for b in ours].count(PowerMap) == 1 and [type(b) for b in ours].count(Timeline) >= 1
    assert any(isinstance(b, Table) and b.columns[-1] == "Cost (KES)" for b in ours)  # the work plan
    assert ours == default


def _after_glance(paragraphs: list[str]) -> list[str]:
    """Return the text from the glance page's heading to the end (the cover carries the campaign's title)."""
    return paragraphs[paragraphs.index(GLANCE) :]


def _without(text: str, titles: tuple[str, ...]) -> str:
    for title in titles:
        text = text.replace(title, "")
    return text


def _docx_body(data: bytes, titles: tuple[str, ...]) -> list[str]:
    """Return the paragraphs and then the table cells of the Word file, without the campaign's title."""
    word = docx.Document(io.BytesIO(data))
    cells = [cell.text for table in word.tables for row in table.rows for cell in row.cells]
    return [_without(text, titles) for text in [p.text for p in word.paragraphs if p.text] + cells]


def test_the_word_file_reads_the_same_from_the_glance_on(
    our_plan: PlanDocument, example_plan: PlanDocument, example_docx: bytes
) -> None:
    assert our_plan.title == example_plan.title == "Count Us, Fund Us"  # the title is found by its role too
    titles = (our_plan.title,)
    ours, default = _docx_body(render_docx(our_plan), titles), _docx_body(example_docx, titles)
    assert _after_glance(ours) == _after_glance(default)
    for feature in (GLANCE, POWER_MAP, TIMELINE, "Work plan and budget"):
        assert feature in ours
    assert "Total campaign budget: KES 1,450,000; the activities cost KES 970,000." in ours


def _pdf_pages(data: bytes, titles: tuple[str, ...]) -> list[str]:
    """Return each page's text without the campaign's title (the running header repeats it)."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [_without(page.extract_text() or "", titles) for page in pdf.pages]


def test_the_pdf_reads_the_same_from_the_glance_on(our_plan: PlanDocument, example_plan: PlanDocument) -> None:
    titles = (our_plan.title,)
    ours, default = _pdf_pages(render_pdf(our_plan), titles), _pdf_pages(render_pdf(example_plan), titles)
    start = next(n for n, page in enumerate(default) if f"\n{GLANCE}\n" in page)  # after the contents page
    assert ours[start:] == default[start:]
    text = "\n".join(ours[start:])
    for feature in (POWER_MAP, TIMELINE, WORK_PLAN, "Key dates", "Primary audiences"):
        assert feature in text


def test_a_pack_without_the_audience_roles_has_no_power_map_and_no_crash(tmp_path: Path) -> None:
    folder = renamed_pack(tmp_path / "ours")
    sheet = folder / "02-audiences.yaml"
    sheet.write_text(re.sub(r"\n *role: audience_table", "", sheet.read_text(encoding="utf-8")), encoding="utf-8")
    pack = load_worksheets(folder)
    plan = build_plan(example_campaign(pack), pack, today=PREPARED)
    assert not any(isinstance(b, PowerMap) for b in plan.blocks)
    assert any(isinstance(b, Timeline) for b in plan.blocks)
    render_pdf(plan)


def test_the_plenary_shares_the_same_words(ours: WorksheetPack, pack: WorksheetPack) -> None:
    words = group_words("Group 1", example_campaign(ours), ours)
    assert words.goal and words.objectives and words.messages
    assert words == group_words("Group 1", example_campaign(pack), pack)


def test_the_plan_check_finds_the_same_weak_spots(ours: WorksheetPack, pack: WorksheetPack) -> None:
    def messages(worksheets: WorksheetPack) -> list[str]:
        campaign = example_campaign(worksheets)
        objectives = worksheets.field_with_role("objective_table")
        deadline = worksheets.field_with_role("deadline")
        assert objectives is not None and deadline is not None and deadline.column is not None
        rows = campaign.rows(objectives.sheet.id, objectives.field.id)
        del rows[0][deadline.column.id]
        start, end = worksheets.field_with_role("campaign_start"), worksheets.field_with_role("campaign_end")
        assert start is not None and end is not None
        campaign.set_answer(end.sheet.id, end.field.id, campaign.answer(start.sheet.id, start.field.id) - ONE_DAY)
        return [finding.message for finding in plan_check(campaign, worksheets)]

    found = messages(ours)
    assert any("has no deadline" in message for message in found)
    assert "The end date comes before the start date" in found
    assert found == messages(pack)
