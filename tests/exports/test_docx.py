"""The DOCX: headings and contents Word can update, real tables, pictures, paper, header and footer."""

from __future__ import annotations

import dataclasses
import io
import shutil
import subprocess
import zipfile

import docx
import pytest
from docx.oxml.ns import qn

from exports.document import PlanDocument
from exports.docx import render_docx
from tests.exports.readers import pdf_pages, squeeze


def _open(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def test_sections_are_word_headings_with_bookmarks(example_docx: bytes, example_plan: PlanDocument) -> None:
    word = _open(example_docx)
    headings = [p.text for p in word.paragraphs if p.style.name == "Heading 1"]
    assert headings[0] == "Campaign at a glance" and headings[1] == "1. Campaign profile" and len(headings) == 9
    bookmarks = {node.get(qn("w:name")) for node in word.element.body.iter(qn("w:bookmarkStart"))}
    assert "_Ref_section_profile" in bookmarks


def test_the_contents_is_a_field_word_refreshes_on_opening(example_docx: bytes) -> None:
    word = _open(example_docx)
    codes = "".join(node.text for node in word.element.body.iter(qn("w:instrText")))
    assert 'TOC \\o "1-1"' in codes
    assert word.settings.element.find(qn("w:updateFields")).get(qn("w:val")) == "true"
    links = [node.get(qn("w:anchor")) for node in word.element.body.iter(qn("w:hyperlink"))]
    assert links[:2] == ["_Ref_glance", "_Ref_section_profile"]


def test_answers_are_real_tables_with_repeating_header_rows(example_docx: bytes) -> None:
    word = _open(example_docx)
    assert len(word.tables) > 20
    partners = next(t for t in word.tables if t.rows[0].cells[0].text == "Partner")
    assert [c.text for c in partners.rows[0].cells] == [
        "Partner",
        "Type",
        "What they bring",
        "Role in the campaign",
        "Contact person",
    ]
    assert partners.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert partners.rows[1].cells[0].text == "Watoto Kwanza Coalition"


def test_both_pictures_are_inline_images_with_descriptions(example_docx: bytes) -> None:
    word = _open(example_docx)
    assert len(word.inline_shapes) == 2
    descriptions = [node.get("descr") for node in word.element.body.iter(qn("wp:docPr"))]
    assert descriptions[0].startswith("Audience power map: 1. National Treasury budget team")
    assert descriptions[1].startswith("Activity timeline: Costed policy brief")


def test_paper_header_and_footer(example_docx: bytes, example_plan: PlanDocument) -> None:
    section = _open(example_docx).sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert section.different_first_page_header_footer
    assert section.header.paragraphs[0].text == "Count Us, Fund Us\tAdvocacy campaign plan"
    footer = section.footer.paragraphs[0]._p.xml
    assert " PAGE " in footer and " NUMPAGES " in footer
    letter = _open(render_docx(dataclasses.replace(example_plan, paper="letter"))).sections[0]
    assert (round(letter.page_width.inches, 2), round(letter.page_height.inches, 2)) == (8.5, 11.0)


def test_file_properties_and_reproducible_bytes(example_docx: bytes, example_plan: PlanDocument) -> None:
    properties = _open(example_docx).core_properties
    assert properties.title == "Count Us, Fund Us" and properties.author.startswith("Kenya Alliance")
    assert properties.created.date() == example_plan.date
    assert render_docx(example_plan) == example_docx
    assert not any(
        name.startswith("docProps/thumbnail") for name in zipfile.ZipFile(io.BytesIO(example_docx)).namelist()
    )


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_the_file(example_docx: bytes, tmp_path) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "plan.docx"
    source.write_bytes(example_docx)
    profile = (tmp_path / "profile").as_uri()
    command = ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir"]
    subprocess.run([*command, str(tmp_path), str(source)], check=True, capture_output=True, timeout=120)
    text = squeeze("".join(pdf_pages((tmp_path / "plan.pdf").read_bytes())))
    assert squeeze("Campaign at a glance") in text and squeeze("Watoto Kwanza Coalition") in text
