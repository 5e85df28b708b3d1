"""The PDF: paper, running header and footer, contents page numbers, pictures, logo, reproducible bytes."""

from __future__ import annotations

import dataclasses
import io
import re

import pytest
from PIL import Image
from pypdf import PdfReader

from campaign.model import Campaign
from campaign.worksheet import WorksheetPack
from exports.document import PlanDocument
from exports.pdf import render_pdf
from exports.plan import build_plan
from tests.exports.readers import pdf_fonts, pdf_page_size, pdf_pages

A4 = (595.3, 841.9)
LETTER = (612.0, 792.0)


def test_a4_by_default_and_letter_on_request(example_pdf: bytes, example_plan: PlanDocument) -> None:
    assert pdf_page_size(example_pdf) == pytest.approx(A4, abs=0.1)
    letter = render_pdf(dataclasses.replace(example_plan, paper="letter"))
    assert pdf_page_size(letter) == pytest.approx(LETTER, abs=0.1)


def test_pages_after_the_cover_carry_the_campaign_name_and_page_n_of_m(example_pdf: bytes) -> None:
    pages = pdf_pages(example_pdf)
    assert "Page" not in pages[0] and "Advocacy campaign plan".upper() in pages[0]
    for number, text in enumerate(pages[1:], start=2):
        assert "Count Us, Fund Us" in text and "Advocacy campaign plan" in text
        assert f"Page {number} of {len(pages)}" in text


def test_the_contents_give_the_page_each_section_starts_on(example_pdf: bytes, example_plan: PlanDocument) -> None:
    reader = PdfReader(io.BytesIO(example_pdf))
    outline = {item.title: reader.get_destination_page_number(item) + 1 for item in reader.outline}
    contents = pdf_pages(example_pdf)[1]
    for title, page in outline.items():
        assert re.search(rf"{re.escape(title)}\s*\n?\s*{page}\b", contents), (title, page)
        assert title in pdf_pages(example_pdf)[page - 1]
    assert len(outline) == 9  # the page at a glance and eight worksheets


def test_both_pictures_are_drawn_with_their_labels(example_pdf: bytes) -> None:
    pages = pdf_pages(example_pdf)
    power_map = next(text for text in pages if "Audience power map" in text)
    for label in ("Opposed", "Unaware", "Neutral", "Supportive", "High", "Medium", "Low", "Primary audience"):
        assert label in power_map
    timeline = next(text for text in pages if "Activity timeline" in text)
    for month in ("Mar", "Jun", "Dec", "Objective 1"):
        assert month in timeline


def test_the_cover_shows_the_logo(example: Campaign, pack: WorksheetPack) -> None:
    logo = io.BytesIO()
    Image.new("RGB", (300, 120), "orange").save(logo, format="PNG")
    pdf = render_pdf(build_plan(example, pack, logo=logo.getvalue()))
    cover = PdfReader(io.BytesIO(pdf)).pages[0]
    assert [image.image.size for image in cover.images] == [(300, 120)]


def test_the_same_plan_gives_the_same_bytes(example_plan: PlanDocument, example_pdf: bytes) -> None:
    assert render_pdf(example_plan) == example_pdf


def test_metadata_and_fonts(example_pdf: bytes) -> None:
    info = PdfReader(io.BytesIO(example_pdf)).metadata
    assert info is not None and info.title == "Count Us, Fund Us"
    assert info.author == "Kenya Alliance of Social Service Workers (KASSW)"
    assert pdf_fonts(example_pdf) == {"NotoSans-Regular", "NotoSans-Bold", "Symbola"}  # all embedded, no Helvetica
