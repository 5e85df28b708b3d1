"""Reading exported files back the way a person's software would: python-docx for Word, pypdf for PDF."""

from __future__ import annotations

import io
import re

import docx
from docx.oxml.ns import qn
from pypdf import PdfReader

from exports.document import KeyValue, PlanDocument, Table

# variation selectors pick colour or text presentation; a monochrome PDF has neither to offer
INVISIBLE = re.compile("[\ufe00-\ufe0f\U000e0100-\U000e01ef]")


def squeeze(text: str) -> str:
    """Return `text` without whitespace (line wrapping differs by format) or variation selectors."""
    return INVISIBLE.sub("", re.sub(r"\s+", "", text))


def docx_text(data: bytes) -> str:
    """Return every piece of text in the DOCX body and headers, with pictures' descriptions, in order."""
    word = docx.Document(io.BytesIO(data))
    parts = [node.text or "" for node in word.element.body.iter(qn("w:t"))]
    parts += [node.get("descr", "") for node in word.element.body.iter(qn("wp:docPr"))]
    for section in word.sections:
        parts += [paragraph.text for paragraph in section.header.paragraphs]
    return "\n".join(parts)


def pdf_pages(data: bytes) -> list[str]:
    """Return the extracted text of each PDF page."""
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def pdf_body_text(data: bytes, document: PlanDocument) -> str:
    """Return the PDF's text squeezed, without what pages repeat, so text flowing over pages joins up.

    Each page repeats the running header and footer, and a table split over pages repeats its header row
    (a card's title, a grid's column names): those are dropped where they repeat.
    """
    repeated_rows = {squeeze(block.title) for block in document.blocks if isinstance(block, KeyValue) and block.title}
    repeated_rows |= {squeeze("".join(block.columns)) for block in document.blocks if isinstance(block, Table)}
    seen = ""
    for text in pdf_pages(data):
        text = page_label_pattern(document).sub("", text)
        for running in (document.title, document.header_note):
            text = text.replace(running, "", 1) if running else text
        text = squeeze(text)
        for row in repeated_rows:
            if row and text.startswith(row) and row in seen:
                text = text[len(row) :]
                break
        seen += text
    return seen


def page_label_pattern(document: PlanDocument) -> re.Pattern[str]:
    """Return a pattern matching the document's footer on any page: "Page 3 of 22", "Página 3 de 22"."""
    label = re.escape(document.page_label).replace(r"\{page\}", r"\d+").replace(r"\{pages\}", r"\d+")
    return re.compile(label)


def pdf_page_size(data: bytes) -> tuple[float, float]:
    """Return the width and height of the first page, in points."""
    box = PdfReader(io.BytesIO(data)).pages[0].mediabox
    return float(box.width), float(box.height)


def pdf_fonts(data: bytes) -> set[str]:
    """Return the base names of every font used on any page (subset prefixes removed)."""
    names = set()
    for page in PdfReader(io.BytesIO(data)).pages:
        fonts = page["/Resources"].get("/Font", {})
        for font in fonts.values():
            names.add(str(font.get_object()["/BaseFont"]).split("+", 1)[-1])
    return names
