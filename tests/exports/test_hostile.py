"""Any text a user can type exports without error and without losing characters."""

from __future__ import annotations

import pytest

from campaign.model import Campaign
from campaign.worksheet import WorksheetPack
from exports.docx import render_docx
from exports.markdown import render_markdown
from exports.pdf import render_pdf
from exports.plan import build_plan
from tests.exports.readers import docx_text, pdf_body_text, squeeze

MARKUP = '<b>bold?</b> & <i>not italic</i> <img src="/etc/passwd"/> </para> &amp; &lt; <font name="x"> a<b'
EMOJI = "Emoji 😀 👍🏽 ❤️ 👨‍👩‍👧 📢 done"
URL = "https://example.org/" + "averyveryverylongpathsegment" * 150 + "?q=1&x=<b>#end"
LONG = " ".join(f"word{n}" for n in range(5000))  # about 40,000 characters in one table cell
CONTROL = "bell\x07 nul\x00 tab\tvt\x0b esc\x1b lone\ud800 end"


@pytest.fixture(scope="module")
def hostile(pack: WorksheetPack) -> tuple[Campaign, object, bytes, bytes]:
    from campaign.example import example_campaign

    campaign = example_campaign(pack)
    campaign.answers["profile"]["name"] = "<b>Count</b> & Co " + EMOJI[:8]
    campaign.answers["profile"]["problem"] = f"{MARKUP}\n\n{EMOJI}\n\n{CONTROL}"
    audiences = campaign.answers["audiences"]["audiences"]
    audiences[0]["knows_now"] = URL
    audiences[1]["cares_about"] = LONG
    audiences[2]["name"] = MARKUP
    plan = build_plan(campaign, pack)
    return campaign, plan, render_docx(plan), render_pdf(plan)


@pytest.mark.parametrize(
    "text", [MARKUP, EMOJI, URL, LONG, "<b>Count</b> & Co"], ids=["markup", "emoji", "url", "long", "title"]
)
def test_the_docx_keeps_every_character(hostile: tuple, text: str) -> None:
    _, _, data, _ = hostile
    assert squeeze(text) in squeeze(docx_text(data))


@pytest.mark.parametrize("text", [MARKUP, EMOJI, URL, LONG], ids=["markup", "emoji", "url", "long"])
def test_the_pdf_keeps_every_character(hostile: tuple, text: str) -> None:
    _, plan, _, data = hostile
    # squeeze drops only whitespace (lines wrap differently) and emoji variation selectors, which a
    # monochrome font cannot honour and reportlab leaves out of the text layer
    assert squeeze(text) in squeeze(pdf_body_text(data, plan))


def test_control_characters_are_dropped_and_nothing_else(hostile: tuple) -> None:
    _, plan, docx_data, pdf_data = hostile
    kept = squeeze("bell nul tab vt esc lone end")
    assert kept in squeeze(docx_text(docx_data)) and kept in squeeze(pdf_body_text(pdf_data, plan))


def test_markdown_shows_markup_literally(hostile: tuple) -> None:
    _, plan, _, _ = hostile
    text = render_markdown(plan)
    assert '\\<img src="/etc/passwd"/\\>' in text and "<img" not in text.replace("\\<img", "")
