"""In a real browser: create a campaign, fill two steps and a table row, reload, review, and download the PDF."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
AREA = "Kavre district, Bagmati Province"
STATEMENT = "By 30 June 2027 the Ministry of Finance funds 200 social worker posts in Bagmati Province."
DECIDER = "Secretary, Ministry of Finance"

pytestmark = pytest.mark.browser


def settle(page: Page) -> None:
    """Wait until the app has finished its current run."""
    page.wait_for_timeout(400)
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=20_000)


def shoot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    settle(page)
    page.screenshot(path=SCREENSHOTS / name)


def test_a_campaign_typed_in_survives_a_reload_and_prints(page: Page, server: str) -> None:
    page.goto(server)
    expect(page.get_by_role("heading", name="Advocacy Campaign Builder")).to_be_visible()
    shoot(page, "start.png")

    page.get_by_role("textbox", name="Campaign name", exact=True).fill("Fund Us Now")
    page.get_by_role("textbox", name="Organisation or coalition", exact=True).fill(
        "Nepal Association of Social Workers"
    )
    page.get_by_role("textbox", name="Country", exact=True).fill("Nepal")
    page.get_by_role("button", name="Start the campaign").click()
    expect(page.get_by_role("heading", name="Campaign profile")).to_be_visible()
    assert re.search(r"[?&]c=[A-Za-z0-9_-]{22}", page.url) and "step=profile" in page.url

    area = page.get_by_role("textbox", name="Province, county or district", exact=True)
    area.fill(AREA)
    area.press("Tab")  # leaving the field commits it (so does a pause in typing)
    expect(page.get_by_text(re.compile(r"Saved · \d\d:\d\d:\d\d")).first).to_be_visible()

    page.get_by_role("button", name="Next: Objectives").click()
    expect(page.get_by_role("heading", name="Advocacy objectives")).to_be_visible()
    page.get_by_role("button", name="Add objective").click()
    statement = page.get_by_role("textbox", name="Objective", exact=True)
    statement.fill(STATEMENT)
    statement.press("Tab")
    settle(page)
    decider = page.get_by_role("textbox", name="Decision-maker", exact=True)
    decider.fill(DECIDER)
    decider.press("Tab")
    settle(page)
    expect(page.get_by_text(re.compile(r"Saved · \d\d:\d\d:\d\d")).first).to_be_visible()

    page.reload()
    expect(page.get_by_role("heading", name="Advocacy objectives")).to_be_visible()
    page.get_by_text("Objective 1 · By 30 June 2027").click()
    expect(page.get_by_role("textbox", name="Objective", exact=True)).to_have_value(STATEMENT)
    expect(page.get_by_role("textbox", name="Decision-maker", exact=True)).to_have_value(DECIDER)
    page.get_by_text("1. Profile").click()
    expect(page.get_by_role("textbox", name="Province, county or district", exact=True)).to_have_value(AREA)

    page.get_by_text("Review and export").first.click()
    expect(page.get_by_role("heading", name="Review and export")).to_be_visible()
    page.get_by_role("tab", name="Download").click()
    page.locator(".st-key-export-pdf").get_by_role("button", name="Prepare").click()
    download_button = page.get_by_role("button", name="Download PDF")
    expect(download_button).to_be_visible(timeout=60_000)
    with page.expect_download() as download:
        download_button.click()
    pdf = Path(download.value.path()).read_bytes()
    text = _pdf_text(pdf)
    assert "Fund Us Now" in text
    assert "Kavre district" in text
    assert "Ministry of Finance funds 200" in text
    assert page.remote_requests == []  # type: ignore[attr-defined]


def test_screenshots_of_a_worksheet_step_and_the_review(page: Page, server: str) -> None:
    page.goto(server)
    page.get_by_role("button", name="Or explore the worked example").click()
    expect(page.get_by_role("heading", name="Campaign profile")).to_be_visible()
    page.get_by_text("2. Objectives").click()
    expect(page.get_by_role("heading", name="Advocacy objectives")).to_be_visible()
    page.get_by_text("How to fill in this worksheet").click()  # fold the guidance, as after a first read
    page.get_by_text("Objective 1 · By 30 June 2027").click()
    settle(page)
    page.get_by_role("heading", name="Advocacy objectives").scroll_into_view_if_needed()
    shoot(page, "step.png")
    page.get_by_text("Review and export").first.click()
    expect(page.get_by_role("heading", name="Review and export")).to_be_visible()
    page.get_by_role("tab", name="Preview the plan").click()
    shoot(page, "review.png")
    assert page.remote_requests == []  # type: ignore[attr-defined]


def test_a_phone_sized_screen_still_shows_the_step(page: Page, server: str) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(server)
    page.get_by_role("button", name="Or explore the worked example").click()
    expect(page.get_by_role("heading", name="Campaign profile")).to_be_visible()
    name = page.get_by_role("textbox", name="Campaign name", exact=True)
    name.scroll_into_view_if_needed()
    expect(name).to_be_in_viewport()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390 + 1  # no sideways scrolling


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(data)).pages)


@pytest.mark.parametrize("width", [1366, 390])
def test_the_step_number_and_save_status_are_not_hidden_under_the_header(page: Page, server: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 700})
    page.goto(server)
    page.get_by_role("textbox", name="Campaign name", exact=True).fill("Seen at the top")
    page.get_by_role("button", name="Start the campaign").click()
    caption = page.get_by_text(re.compile(r"^Step 1 of \d+ · Toolkit section"))
    expect(caption).to_be_visible()
    settle(page)
    # Streamlit scrolls its main block, not the window: back to the top of whatever scrolled
    page.evaluate("for (const e of document.querySelectorAll('*')) if (e.scrollTop > 0) e.scrollTop = 0")
    page.wait_for_timeout(200)
    header = page.get_by_test_id("stHeader").bounding_box()
    for element in (caption, page.get_by_text("Answers save as you type")):
        box = element.bounding_box()
        assert header and box and box["y"] >= header["y"] + header["height"], (box, header)


def test_next_opens_the_next_step_at_its_top(page: Page, server: str) -> None:
    page.set_viewport_size({"width": 390, "height": 700})  # a phone: the start form and every step scroll
    page.goto(server)
    page.get_by_role("textbox", name="Campaign name", exact=True).fill("Read from the top")
    page.get_by_role("button", name="Start the campaign").click()
    title = page.get_by_role("heading", name="Campaign profile")
    expect(title).to_be_in_viewport()
    next_step = page.get_by_role("button", name="Next: Objectives")
    next_step.scroll_into_view_if_needed()
    expect(title).not_to_be_in_viewport()
    next_step.click()
    expect(page.get_by_role("heading", name="Advocacy objectives")).to_be_in_viewport()
    page.get_by_role("textbox", name="Long-term goal", exact=True).fill("Every ward has a social worker")
    page.get_by_role("textbox", name="Long-term goal", exact=True).press("Tab")
    settle(page)
    expect(page.get_by_text(re.compile(r"Saved · \d\d:\d\d:\d\d")).first).to_be_attached()
