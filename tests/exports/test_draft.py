"""A plan with required answers missing is marked as a draft, with its completeness, on the cover and every page."""

from __future__ import annotations

import io

import docx
import pdfplumber

from campaign.completeness import campaign_progress
from campaign.model import Campaign
from campaign.worksheet import WorksheetPack
from exports.document import Contents, Cover, Heading, PlanDocument
from exports.docx import render_docx
from exports.markdown import render_markdown
from exports.pdf import render_pdf
from exports.plan import build_plan
from tests.exports.conftest import PREPARED


def _unfinished(example: Campaign) -> Campaign:
    example.set_answer("profile", "country", None)  # required
    example.answers.pop("media")  # a whole worksheet left empty
    return example


def test_an_unfinished_plan_says_draft_and_how_complete_it_is(example: Campaign, pack: WorksheetPack) -> None:
    campaign = _unfinished(example)
    share = campaign_progress(campaign, pack).overall.share
    plan = build_plan(campaign, pack, today=PREPARED)
    mark = f"Draft: {round(share * 100)}% complete"
    assert 0 < share < 1 and plan.status == mark
    cover = plan.blocks[0]
    assert isinstance(cover, Cover) and cover.status == mark
    assert f"**{mark}**" in render_markdown(plan)


def test_a_finished_plan_has_no_draft_mark(example_plan: PlanDocument, example_pdf: bytes) -> None:
    assert example_plan.status == "" and isinstance(example_plan.blocks[0], Cover) and not example_plan.blocks[0].status
    with pdfplumber.open(io.BytesIO(example_pdf)) as pdf:
        assert not any("% complete" in (page.extract_text() or "") for page in pdf.pages)


def test_the_pdf_marks_the_cover_and_every_page_of_a_draft(example: Campaign, pack: WorksheetPack) -> None:
    plan = build_plan(_unfinished(example), pack, today=PREPARED)
    with pdfplumber.open(io.BytesIO(render_pdf(plan))) as pdf:
        texts = [page.extract_text() or "" for page in pdf.pages]
        footers = [page.crop((0, page.height - 40, page.width, page.height)).extract_text() for page in pdf.pages]
    assert plan.status.upper() in texts[0]
    assert all(plan.status in footer for footer in footers[1:]), footers


def test_the_word_file_marks_the_cover_and_the_footer_of_a_draft(example: Campaign, pack: WorksheetPack) -> None:
    plan = build_plan(_unfinished(example), pack, today=PREPARED)
    word = docx.Document(io.BytesIO(render_docx(plan)))
    band = word.tables[0].cell(0, 0).text
    assert plan.status.upper() in band
    assert plan.status in word.sections[0].footer.paragraphs[0].text


def test_an_empty_worksheet_is_one_line_of_the_contents_not_a_page(example: Campaign, pack: WorksheetPack) -> None:
    plan = build_plan(_unfinished(example), pack, today=PREPARED)
    contents = next(block for block in plan.blocks if isinstance(block, Contents))
    line = "6. Media materials (not filled in yet)"
    assert [entry.text for entry in contents.entries if not entry.anchor] == [line]
    assert not any(isinstance(b, Heading) and "Media materials" in b.text for b in plan.blocks)
    with pdfplumber.open(io.BytesIO(render_pdf(plan))) as pdf:
        assert line in pdf.pages[1].extract_text()
        assert not any("has not been filled in yet" in (page.extract_text() or "") for page in pdf.pages)
    word_text = "\n".join(p.text for p in docx.Document(io.BytesIO(render_docx(plan))).paragraphs)
    assert line in word_text
