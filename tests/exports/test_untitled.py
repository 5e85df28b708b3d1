"""An unnamed campaign is untitled in its own language on every printed surface, never in English words."""

from __future__ import annotations

import datetime as dt
import io

import docx
import pypdf

from campaign import Campaign, load_worksheets
from exports.docx import render_docx
from exports.markdown import render_markdown
from exports.pdf import render_pdf
from exports.plan import build_plan
from tests.exports.readers import docx_text, pdf_pages
from ui.downloads import EXPORTS, file_name


def test_an_unnamed_french_plan_is_untitled_in_french_on_cover_header_metadata_and_file_name() -> None:
    campaign = Campaign(id="x" * 22, language="fr")
    document = build_plan(campaign, load_worksheets(language="fr"), today=dt.date(2027, 3, 1))
    assert document.title == "Campagne sans titre"
    pdf = render_pdf(document)
    assert pypdf.PdfReader(io.BytesIO(pdf)).metadata.title == "Campagne sans titre"
    pages = pdf_pages(pdf)
    assert all("Untitled" not in page for page in pages) and "Campagne sans titre" in pages[1]  # running header
    word = render_docx(document)
    assert docx.Document(io.BytesIO(word)).core_properties.title == "Campagne sans titre"
    assert "Untitled" not in docx_text(word) and "Untitled" not in render_markdown(document)
    assert {file_name(campaign, load_worksheets(), export).split("-plan")[0].split(".")[0] for export in EXPORTS} == {
        "campagne-sans-titre",
        "campagne-sans-titre-blank-worksheets",
    }
