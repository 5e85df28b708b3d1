"""The annex of facilitator comments: in the PDF and Word plans only when asked for, never otherwise."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import docx
import pdfplumber
import pytest
from PIL import Image

from campaign.comments import add_comment, mark_done
from campaign.example import example_campaign
from campaign.model import Campaign
from campaign.worksheet import WorksheetPack
from exports.docx import render_docx
from exports.pdf import render_pdf
from exports.plan import build_plan
from tests.exports.conftest import PREPARED
from tests.exports.readers import squeeze

WORKSHOP = "W" * 22
ON_GOAL = "Say by when the budget line should grow."
ON_ROW = "Name the ministry that decides this."


@pytest.fixture(scope="module")
def commented() -> tuple[Campaign, WorksheetPack]:
    from campaign.worksheet import load_worksheets

    pack = load_worksheets()
    campaign = example_campaign(pack)
    campaign.workshop = WORKSHOP
    first = add_comment(campaign, WORKSHOP, "objectives.goal", ON_GOAL, "Quarshie")
    first.at = "2026-11-23T14:59:00+00:00"
    add_comment(campaign, WORKSHOP, "objectives.objectives.obj-law", ON_ROW, "")
    mark_done(campaign, first.id)
    return campaign, pack


def _docx_words(data: bytes) -> str:
    word = docx.Document(io.BytesIO(data))
    cells = [cell.text for table in word.tables for row in table.rows for cell in row.cells]
    return squeeze("\n".join([p.text for p in word.paragraphs] + cells))


def _pdf_words(data: bytes) -> str:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return squeeze("\n".join(page.extract_text() or "" for page in pdf.pages))


@pytest.mark.parametrize(
    ("render", "read"), [(render_docx, _docx_words), (render_pdf, _pdf_words)], ids=["docx", "pdf"]
)
def test_the_annex_is_printed_only_when_asked(commented, render, read) -> None:
    campaign, pack = commented
    without = read(render(build_plan(campaign, pack, today=PREPARED)))
    assert squeeze(ON_GOAL) not in without and squeeze(ON_ROW) not in without
    assert squeeze("Annex: facilitator comments") not in without and "Quarshie" not in without
    plan = build_plan(campaign, pack, today=PREPARED, comments=True)
    text = read(render(plan))
    assert squeeze("Annex: facilitator comments") in text
    assert _has_words(text, ON_GOAL) and _has_words(text, ON_ROW) and "Quarshie" in text and "Facilitator" in text
    assert _has_words(text, "Advocacy objectives – Objective 2")  # the step, the question, the row's name
    assert _has_words(text, "23 November 2026, 14:59 UTC") and "Done" in text and "Open" in text


def _has_words(text: str, phrase: str) -> bool:
    """Return True when every word of `phrase` is in `text` (a PDF table's cells wrap, their lines interleave)."""
    return all(squeeze(word) in text for word in phrase.split())


def test_the_annex_is_in_the_contents_and_last(commented) -> None:
    campaign, pack = commented
    plan = build_plan(campaign, pack, today=PREPARED, comments=True)
    contents = next(block for block in plan.blocks if type(block).__name__ == "Contents")
    assert contents.entries[-1].text == "Annex: facilitator comments"
    assert type(plan.blocks[-1]).__name__ == "Table" and plan.blocks[-1].rows[0][1] == ON_GOAL
    assert plan.blocks[-1].rows[0][0].startswith("2. ") is False  # the step's own title, not a section number
    assert plan.blocks[-1].rows[0][0].split(" – ")[:1] == [pack.worksheet("objectives").title]


def test_a_plan_without_comments_has_no_annex_even_when_asked(pack) -> None:
    plan = build_plan(example_campaign(pack), pack, today=PREPARED, comments=True)
    assert "Annex: facilitator comments" not in str(plan.blocks)


def test_the_annex_page_looks_right(commented, tmp_path: Path) -> None:
    campaign, pack = commented
    data = render_pdf(build_plan(campaign, pack, today=PREPARED, comments=True))
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        last = len(pdf.pages)
        assert "Annex" in (pdf.pages[-1].extract_text() or "")
    (tmp_path / "plan.pdf").write_bytes(data)
    subprocess.run(
        ["pdftoppm", "-r", "70", "-png", "-f", str(last), "-l", str(last), "plan.pdf", "annex"],
        cwd=tmp_path,
        check=True,
        timeout=60,
    )
    (png,) = tmp_path.glob("annex*.png")
    with Image.open(png) as image:
        width, height = image.size
        assert 500 < width < 700 and height > width  # one portrait page at 70 dpi
        inked = image.convert("L").histogram()[:128]
        assert sum(inked) > 2000  # the heading and the table are drawn, not a blank page
