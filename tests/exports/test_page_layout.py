"""Page layout of the printed plan in every language and paper size, and of a large campaign (read with pdfplumber)."""

from __future__ import annotations

import io

import docx
import pytest

from campaign.example import example_campaign
from exports.document import Heading, KeyValue, PageBreak, Paragraph, Table
from exports.docx import render_docx
from exports.pdf import render_pdf
from exports.plan import build_plan
from tests.exports.conftest import PREPARED, pack_in
from tests.exports.layout_pages import (
    LANGUAGES,
    PAPERS,
    RULE_FROM_TOP,
    begins,
    header_characters,
    outline_pages,
    page_fill,
    page_lines,
    page_texts,
    pdf_of,
    plan_of,
    repeated_headers,
    squeezed,
)

CASES = [(language, paper, 1) for language in LANGUAGES for paper in PAPERS] + [("en", "a4", 4), ("fr", "letter", 4)]
CASE_IDS = [f"{language}-{paper}" + (f"-x{factor}" if factor > 1 else "") for language, paper, factor in CASES]


@pytest.mark.parametrize(("language", "paper", "factor"), CASES, ids=CASE_IDS)
def test_no_table_header_prints_twice_on_one_page(language: str, paper: str, factor: int) -> None:
    headers = repeated_headers(plan_of(language, paper, factor))
    for number, lines in enumerate(page_lines(pdf_of(language, paper, factor)), start=1):
        twice = [header for header in headers if sum(begins(line, header) for line in lines) > 1]
        assert not twice, f"page {number}: {twice}"


@pytest.mark.parametrize(("language", "paper", "factor"), CASES, ids=CASE_IDS)
def test_the_page_at_a_glance_takes_exactly_one_page(language: str, paper: str, factor: int) -> None:
    outline = outline_pages(pdf_of(language, paper, factor))
    glance = next(i for i, block in enumerate(plan_of(language, paper, factor).blocks) if isinstance(block, Heading))
    assert outline[0][0] == plan_of(language, paper, factor).blocks[glance].text
    assert outline[1][1] - outline[0][1] == 1, outline[:2]


@pytest.mark.parametrize(("language", "paper", "factor"), CASES, ids=CASE_IDS)
def test_no_page_is_under_a_quarter_full_except_a_sections_last(language: str, paper: str, factor: int) -> None:
    pdf = pdf_of(language, paper, factor)
    fill = page_fill(pdf)
    starts = {page for _, page in outline_pages(pdf)}
    for page in range(3, len(fill)):  # after the cover and the contents
        last_of_section = page + 1 in starts or page == len(fill)
        assert last_of_section or fill[page - 1] >= 0.25, f"page {page} is {fill[page - 1]:.0%} full"


@pytest.mark.parametrize("paper", PAPERS)
def test_a_long_title_stays_inside_the_header_band_and_whole_on_the_cover(paper: str) -> None:
    pack = pack_in("en")
    campaign = example_campaign(pack)
    title = ("Every ward in Kenya gets a trained, registered and paid social service worker " * 2)[:120].strip()
    campaign.set_answer("profile", "name", title)
    pdf = render_pdf(build_plan(campaign, pack, today=PREPARED, paper=paper))  # type: ignore[arg-type]
    pages = header_characters(pdf)
    for number, characters in enumerate(pages[1:], start=2):
        assert characters, f"page {number} has no running header"
        assert max(c["bottom"] for c in characters) <= RULE_FROM_TOP, f"page {number}: header crosses its rule"
        header = "".join(c["text"] for c in characters if "Bold" in c["fontname"])  # the title; its note is regular
        assert header.endswith("…") and title.startswith(header[:-1].rstrip()), header
    assert title.replace(" ", "") in page_texts(pdf)[0]


@pytest.mark.parametrize(("language", "paper", "factor"), CASES, ids=CASE_IDS)
def test_small_label_and_value_tables_are_never_split(language: str, paper: str, factor: int) -> None:
    texts = page_texts(pdf_of(language, paper, factor))
    small = [
        block
        for block in plan_of(language, paper, factor).blocks
        if isinstance(block, KeyValue) and not block.title and 1 < len(block.entries) <= 3
    ]
    assert small  # the profile's dates, the total budget and currency
    for block in small:
        starts = [squeezed(entry.label)[:12] for entry in block.entries]  # a label may wrap beside its value
        assert any(all(start in text for start in starts) for text in texts), f"split over pages: {block.entries}"


def test_a_long_title_is_cut_at_a_word_in_the_word_header_too() -> None:
    pack = pack_in("en")
    campaign = example_campaign(pack)
    title = ("Every ward in Kenya gets a trained, registered and paid social service worker " * 2)[:120].strip()
    campaign.set_answer("profile", "name", title)
    word = docx.Document(io.BytesIO(render_docx(build_plan(campaign, pack, today=PREPARED))))
    shown = word.sections[0].header.paragraphs[0].text.split("\t")[0]
    assert shown.endswith("…") and title.startswith(shown[:-1]) and title[len(shown) - 1] == " "


def test_a_large_campaigns_glance_shows_a_few_of_each_and_points_at_the_rest() -> None:
    plan = plan_of("en", "a4", 4)
    start = next(i for i, block in enumerate(plan.blocks) if isinstance(block, Heading) and block.one_page)
    end = next(i for i, block in enumerate(plan.blocks) if i > start and isinstance(block, PageBreak))
    glance = plan.blocks[start:end]
    objectives, audiences, dates, _ = [block for block in glance if isinstance(block, Table)]
    assert (len(objectives.rows), len(audiences.rows), len(dates.rows)) == (5, 4, 8)
    notes = [block.content[0].text for block in glance if isinstance(block, Paragraph) and block.style == "muted"]
    assert notes[0] == "And 7 more: see section 2. Advocacy objectives."
    assert any(note.endswith("see section 3. Target audiences and partners.") for note in notes)
