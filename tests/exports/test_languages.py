"""The plan and the blank worksheets in French, Spanish and Portuguese: every word, date and number translated."""

from __future__ import annotations

import io
import re

import docx
import pytest
from docx.oxml.ns import qn

from campaign.example import example_campaign
from campaign.i18n import translator
from exports.document import Heading, PlanDocument
from exports.docx import render_docx
from exports.handouts import build_handouts, render_handouts
from exports.markdown import render_markdown
from exports.pdf import render_pdf
from exports.plan import build_plan
from exports.wording import number_text, period_text
from tests.exports.conftest import PREPARED, example_plan_in, pack_in
from tests.exports.readers import docx_text, pdf_fonts, pdf_pages

# What each language must show: running header, contents, summary page, cover date, a key date, footer
EXPECTED = {
    "fr": {
        "header": "Plan de campagne de plaidoyer",
        "contents": "Sommaire",
        "glance": "La campagne en bref",
        "prepared": "1 février 2027",
        "start": "1 mars 2027",
        "footer": "Page 3 sur",
    },
    "es": {
        "header": "Plan de campaña de incidencia",
        "contents": "Contenido",
        "glance": "La campaña de un vistazo",
        "prepared": "1 de febrero de 2027",
        "start": "1 de marzo de 2027",
        "footer": "Página 3 de",
    },
    "pt": {
        "header": "Plano de campanha de advocacia",
        "contents": "Índice",
        "glance": "A campanha em resumo",
        "prepared": "1 de fevereiro de 2027",
        "start": "1 de março de 2027",
        "footer": "Página 3 de",
    },
}
# The plan's own English words, none of which may be left in a translated plan
ENGLISH = re.compile(
    r"\b(Advocacy campaign plan|ADVOCACY CAMPAIGN PLAN|Contents|Campaign at a glance|Page \d+ of|Prepared on"
    r"|Campaign period|COUNTRY|Key dates|Our goal|OUR GOAL|What we ask|Audience power map|Activity timeline"
    r"|Not answered yet|(January|February|March|April|June|July|August|September|October|November|December) 20\d\d)\b"
)
SPACES = re.compile(r"[\s\u00a0\u202f]+")


def _plain(text: str) -> str:
    """Return `text` with every run of spaces (no-break ones too, which French puts before colons) as one space."""
    return SPACES.sub(" ", text)


def _footer_text(data: bytes) -> str:
    """Return the words of the DOCX footer (its page numbers are fields Word fills in)."""
    section = docx.Document(io.BytesIO(data)).sections[0]
    return "".join(node.text or "" for node in section.footer._element.iter(qn("w:t")))


@pytest.mark.parametrize("language", sorted(EXPECTED))
def test_the_pdf_is_in_the_campaigns_language(language: str) -> None:
    words = EXPECTED[language]
    pages = [_plain(page) for page in pdf_pages(render_pdf(example_plan_in(language)))]
    text = " ".join(pages)
    assert words["header"].upper() in pages[0] and words["prepared"] in pages[0]  # the cover
    assert all(words["header"] in page for page in pages[1:]) and words["footer"] in pages[2]
    assert words["contents"] in pages[1] and words["glance"] in text and words["start"] in text
    assert not ENGLISH.findall(text)


@pytest.mark.parametrize("language", sorted(EXPECTED))
def test_the_docx_is_in_the_campaigns_language(language: str) -> None:
    words = EXPECTED[language]
    data = render_docx(example_plan_in(language))
    text = _plain(docx_text(data))
    assert all(words[key] in text for key in ("header", "contents", "glance", "prepared", "start"))
    footer = _footer_text(data)
    assert footer.startswith(words["footer"].split()[0]) and "of" not in footer.split()
    assert not ENGLISH.findall(text)
    assert docx.Document(io.BytesIO(data)).core_properties.language == language


@pytest.mark.parametrize("language", sorted(EXPECTED))
def test_every_word_of_the_plan_comes_from_the_catalog_or_the_worksheets(language: str) -> None:
    markdown = render_markdown(example_plan_in(language))
    assert not ENGLISH.findall(markdown)
    english = render_markdown(example_plan_in("en"))
    words = {"Deadline for objective", "The campaign starts", "What we tell them", "One bar per activity"}
    assert all(word in english and word not in markdown for word in words)


def test_numbers_and_dates_follow_the_language() -> None:
    fr, es, pt = translator("fr"), translator("es"), translator("pt")
    assert number_text(1450000, fr) == "1\u202f450\u202f000" and number_text(2.5, fr) == "2,5"
    assert number_text(1450000, es) == "1.450.000" and number_text(1450000, pt) == "1.450.000"
    start, end = PREPARED.replace(month=3, day=1), PREPARED.replace(month=12, day=15)
    assert period_text(start, end, fr) == "1 mars – 15 décembre 2027"
    assert period_text(start, end, es) == "1 de marzo – 15 de diciembre de 2027"
    assert period_text(start, start.replace(day=20), pt) == "1–20 de março de 2027"
    assert period_text(None, end, fr) == "Jusqu'au 15 décembre 2027"


def test_the_budget_is_written_with_the_languages_separators() -> None:
    markdown = render_markdown(example_plan_in("fr"))
    assert "1\u202f450\u202f000" in markdown and "1,450,000" not in markdown


def test_the_language_follows_the_campaign_not_the_pack() -> None:
    # a French campaign shown with English worksheets still gets French plan words (and the other way round)
    campaign = example_campaign(pack_in("en"))
    campaign.language = "fr"
    plan = build_plan(campaign, pack_in("en"), today=PREPARED)
    assert plan.header_note == "Plan de campagne de plaidoyer" and plan.language == "fr"


@pytest.mark.parametrize("language", sorted(EXPECTED))
def test_the_blank_worksheets_are_in_the_packs_language(language: str) -> None:
    pack = pack_in(language)
    handouts = build_handouts(pack)
    text = _plain(" ".join(pdf_pages(render_handouts(handouts))))
    title = translator(language)("Worksheet {number}: {title}", number=1, title=pack.worksheets[0].title)
    assert _plain(title) in text
    assert handouts.note in text and "Worksheet 1" not in text and "Tick one" not in text
    assert "(required)" not in text


def test_a_footer_in_another_script_is_drawn_with_that_scripts_font() -> None:
    # the footer used to be drawn in the Latin face only: an Arabic "page N of M" came out as empty boxes
    plan = PlanDocument("Plan", (Heading("Title", 1),), page_label="صفحة {page} من {pages}", language="ar")
    assert "NotoSansArabic-Regular" in pdf_fonts(render_pdf(plan))
