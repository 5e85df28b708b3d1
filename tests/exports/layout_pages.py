"""Plans rendered once per test process for layout tests, and readings of their pages (pdfplumber, pypdf)."""

from __future__ import annotations

import io
import re
from functools import cache

import pdfplumber
from pypdf import PdfReader

from campaign.example import example_campaign, scaled_campaign
from exports import brand
from exports.document import KeyValue, PlanDocument, Table
from exports.pdf import render_pdf
from exports.plan import build_plan
from tests.exports.conftest import PREPARED, pack_in

LANGUAGES = ("en", "fr", "es", "pt")
PAPERS = ("a4", "letter")
RULE_FROM_TOP = 14 * brand.POINTS_PER_MM + 4  # the running header's rule, in points from the top of the page


@cache
def plan_of(language: str, paper: str, factor: int = 1) -> PlanDocument:
    """Return the worked example's plan (made `factor` times larger) in `language` on `paper`."""
    pack = pack_in(language)
    campaign = example_campaign(pack)
    if factor > 1:
        campaign = scaled_campaign(campaign, pack, factor)
    return build_plan(campaign, pack, today=PREPARED, paper=paper)  # type: ignore[arg-type]


@cache
def pdf_of(language: str, paper: str, factor: int = 1) -> bytes:
    return render_pdf(plan_of(language, paper, factor))


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


@cache
def page_texts(pdf: bytes) -> list[str]:
    """Return each page's text without whitespace."""
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return [squeezed(page.extract_text() or "") for page in document.pages]


@cache
def page_lines(pdf: bytes) -> list[list[str]]:
    """Return each page's lines of text, each without whitespace."""
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return [[squeezed(line) for line in (page.extract_text() or "").splitlines()] for page in document.pages]


def begins(line: str, header: str) -> bool:
    """Return True when `line` is where `header` starts: the whole header, or its first line when it wraps."""
    if line == header or (len(line) >= 12 and header.startswith(line)):
        return True
    return line.startswith(header) and not line[len(header)].isdigit()  # "Objective 1" is not "Objective 12"


def repeated_headers(plan: PlanDocument) -> set[str]:
    """Return the rows a split table repeats at the top of a page: card titles and grid column names."""
    found = {squeezed(block.title) for block in plan.blocks if isinstance(block, KeyValue) and block.title}
    found |= {squeezed("".join(block.columns)) for block in plan.blocks if isinstance(block, Table)}
    return {header for header in found if header}


@cache
def outline_pages(pdf: bytes) -> list[tuple[str, int]]:
    """Return the top-level outline entries with their page numbers (from 1)."""
    reader = PdfReader(io.BytesIO(pdf))
    return [(entry.title, reader.get_destination_page_number(entry) + 1) for entry in reader.outline]


@cache
def page_fill(pdf: bytes) -> list[float]:
    """Return how far down its text column each page is used (0 to 1), from the lowest character or box."""
    shares = []
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for page in document.pages:
            top, bottom = brand.MARGIN_TOP, float(page.height) - brand.MARGIN_BOTTOM
            marks = [c["bottom"] for c in page.chars if top - 2 <= c["top"] and c["bottom"] <= bottom + 2]
            marks += [r["bottom"] for r in page.rects if top - 2 <= r["top"] and r["bottom"] <= bottom + 2]
            shares.append((max(marks) - top) / (bottom - top) if marks else 0.0)
    return shares


def header_characters(pdf: bytes) -> list[list[dict]]:
    """Return, for each page, the characters drawn above the text column (the running header)."""
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return [[c for c in page.chars if c["top"] < brand.MARGIN_TOP - 4] for page in document.pages]
