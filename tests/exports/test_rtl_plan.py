"""A plan in a right-to-left language reads from the right: paragraph direction, table columns; flags print."""

from __future__ import annotations

import io
import zipfile

import pdfplumber
import pytest
from lxml import etree

from exports.document import Entry, KeyValue, Paragraph, PlanDocument, Table, inline
from exports.docx import render_docx
from exports.pdf import render_pdf
from tests.exports.test_print import drawn_without_glyph, logical, words

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MIXED = "UNICEF يدعم خطة 2030"  # "UNICEF supports the 2030 plan": starts with a Latin word
LATIN_ONLY = "Plan B starts in May."


def plan(*blocks: object, language: str = "ar") -> PlanDocument:
    return PlanDocument(title="Plan", language=language, blocks=tuple(blocks))  # type: ignore[arg-type]


def body(text: str) -> Paragraph:
    return Paragraph(inline(text))


def docx_body(document: PlanDocument) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(render_docx(document))) as archive:
        return etree.fromstring(archive.read("word/document.xml"))


@pytest.mark.parametrize("language", ["ar", "fa", "he", "ur"])
def test_plans_in_right_to_left_languages_know_it(language: str) -> None:
    assert plan(language=language).right_to_left
    assert not plan(language="fr").right_to_left


def test_in_an_arabic_plan_a_paragraph_starting_with_a_latin_word_reads_right_to_left() -> None:
    pdf = render_pdf(plan(body(MIXED), body(LATIN_ONLY)))
    line = next(line for line in words(pdf) if any(word["text"] == "UNICEF" for word in line))
    order = [word["text"] if word["text"].isascii() else logical(word["text"]) for word in line]
    assert order == ["2030", "خطة", "يدعم", "UNICEF"], order
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        page = document.pages[0]
        assert line[-1]["x1"] > page.width - 80  # right-aligned: UNICEF ends at the right margin
        latin = next(line for line in words(pdf) if line[0]["text"] == "Plan" and len(line) > 2)
        assert latin[0]["x0"] < 80  # a paragraph with no Arabic letter stays left to right, on the left


def test_in_an_english_plan_the_same_paragraph_still_reads_from_its_first_strong_character() -> None:
    line = next(line for line in words(render_pdf(plan(body(MIXED), language="en"))) if line[0]["text"] == "UNICEF")
    assert next(word["text"] if word["text"].isascii() else logical(word["text"]) for word in line) == "UNICEF"


def _bidi_paragraphs(xml: etree._Element) -> dict[str, bool]:
    return {
        "".join(p.itertext()): p.find(f"{W}pPr/{W}bidi") is not None for p in xml.iter(f"{W}p") if "".join(p.itertext())
    }


def test_in_an_arabic_word_file_the_mixed_paragraph_is_right_to_left_and_the_latin_one_is_not() -> None:
    assert _bidi_paragraphs(docx_body(plan(body(MIXED), body(LATIN_ONLY)))) == {MIXED: True, LATIN_ONLY: False}
    assert _bidi_paragraphs(docx_body(plan(body(MIXED), language="en"))) == {MIXED: False}


GRID = Table(columns=("الاسم", "الدور"), rows=(("منظمة", "شريك"),))  # "name", "role"; "organisation", "partner"
CARD = KeyValue(entries=(Entry("الهدف", "قانون جديد"),), title="بطاقة")  # "goal": "a new law"; "card"


def _x_of(pdf: bytes, word: str) -> float:
    return next(w["x0"] for line in words(pdf) for w in line if logical(w["text"]) == word)


def test_in_an_arabic_plan_tables_put_their_first_column_on_the_right() -> None:
    pdf = render_pdf(plan(GRID, CARD))
    assert _x_of(pdf, "الاسم") > _x_of(pdf, "الدور")
    assert _x_of(pdf, "منظمة") > _x_of(pdf, "شريك")
    assert _x_of(pdf, "الهدف") > _x_of(pdf, "قانون")  # the card's label on the right of its value
    english = render_pdf(plan(GRID, CARD, language="en"))
    assert _x_of(english, "الاسم") < _x_of(english, "الدور")


@pytest.mark.parametrize(("language", "visual"), [("ar", True), ("en", False)])
def test_word_tables_in_an_arabic_plan_are_right_to_left(language: str, visual: bool) -> None:
    tables = list(docx_body(plan(GRID, CARD, language=language)).iter(f"{W}tbl"))
    assert len(tables) == 2
    for table in tables:
        properties = table.find(f"{W}tblPr")
        assert (properties.find(f"{W}bidiVisual") is not None) is visual
        if visual:  # schema order: bidiVisual comes before the table width
            names = [child.tag for child in properties]
            assert names.index(f"{W}bidiVisual") < names.index(f"{W}tblW")


FLAGS = "Kenya 🇰🇪 and Tanzania 🇹🇿🇰🇪"


@pytest.mark.parametrize("text", [FLAGS, "كينيا 🇰🇪 وتنزانيا"], ids=["Latin", "Arabic"])
def test_flags_print_as_their_country_codes_without_boxes(text: str) -> None:
    pdf = render_pdf(plan(body(text), KeyValue(entries=(Entry(text, text),)), language="en"))
    assert drawn_without_glyph(pdf) == []
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        chars = [c for page in document.pages for c in page.chars]
    assert not [c["text"] for c in chars if 0x1F1E6 <= ord(c["text"][0]) <= 0x1F1FF]
    drawn = "".join(c["text"] for c in chars)
    assert "[KE]" in drawn or "]KE[" in drawn
    latin = {"NotoSans-Regular", "NotoSans-Bold"}  # the label is bold
    assert all(c["fontname"].split("+")[-1] in latin for c in chars if c["text"] in "KE[]")


def test_word_keeps_flags_as_typed() -> None:
    assert FLAGS in "".join(docx_body(plan(body(FLAGS), language="en")).itertext())


def test_in_an_arabic_plan_the_contents_read_from_the_right_with_page_numbers_on_the_left() -> None:
    from exports.document import Contents, ContentsEntry, Heading

    entry = "الأهداف"  # "Objectives"
    document = plan(Contents("المحتويات", (ContentsEntry(entry, "goals"),)), Heading(entry, 1, "goals"))
    with pdfplumber.open(io.BytesIO(render_pdf(document))) as pdf:
        page = pdf.pages[0]
        number = next(c for c in page.chars if c["text"].isdigit() and c["top"] < page.height - 60)
        title = [c for c in page.chars if abs(c["top"] - number["top"]) < 8 and not c["text"].isdigit()]
        assert title and number["x1"] < min(c["x0"] for c in title), "the page number stands left of its entry"
        assert max(c["x1"] for c in title) > page.width - 80, "the entry starts at the right margin"


def test_in_an_arabic_plan_the_running_header_title_is_at_the_right_and_its_note_at_the_left() -> None:
    document = PlanDocument(title="خطة الحملة", language="ar", header_note="Draft", blocks=(body(MIXED),))
    with pdfplumber.open(io.BytesIO(render_pdf(document))) as pdf:
        page = pdf.pages[0]
        top = [c for c in page.chars if c["top"] < 60]
        note = [c for c in top if c["text"] in "Draft"]
        title = [c for c in top if c["text"] not in "Draft "]
        assert note and title
        assert max(c["x1"] for c in note) < min(c["x0"] for c in title), "the note stands left of the title"
        assert max(c["x1"] for c in title) > page.width - 80, "the title ends at the right margin"
