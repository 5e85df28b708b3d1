"""In a real browser: the review page's calendar download and the dashboard's workshop spreadsheet."""

from __future__ import annotations

import io
import re
from pathlib import Path

import openpyxl
import pytest
from icalendar import Calendar
from playwright.sync_api import Browser, Page, expect

pytestmark = pytest.mark.browser


def test_the_review_page_downloads_the_calendar(page: Page, server: str) -> None:
    page.goto(server)
    page.get_by_role("button", name="Or explore the worked example").click()
    expect(page.get_by_role("heading", name="Campaign profile")).to_be_visible()
    page.get_by_text("Review and export").first.click()
    page.get_by_role("tab", name="Download").click()
    page.locator(".st-key-export-ics").get_by_role("button", name="Prepare").click()
    button = page.get_by_role("button", name="Download ICS")
    expect(button).to_be_visible(timeout=30_000)
    with page.expect_download() as download:
        button.click()
    assert download.value.suggested_filename.endswith(".ics")
    events = Calendar.from_ical(Path(download.value.path()).read_bytes()).walk("VEVENT")
    assert "Costed policy brief on co-funding 400 posts" in {str(e["SUMMARY"]) for e in events}


def test_the_dashboard_downloads_the_workshop_spreadsheet(page: Page, browser: Browser, server: str) -> None:
    page.goto(server)
    page.get_by_role("tab", name="Run a workshop").click()
    page.get_by_role("textbox", name="Workshop name", exact=True).fill("Report forum")
    page.get_by_role("textbox", name="Place", exact=True).fill("Lusaka")
    page.get_by_role("button", name="Create the workshop").click()
    page.wait_for_url(re.compile(r"\?f=[A-Za-z0-9_-]{32}$"))
    code = page.locator(".join-code").inner_text()
    group = browser.new_context().new_page()
    try:
        group.goto(server)
        group.get_by_role("textbox", name="Join code", exact=True).fill(code)
        group.get_by_role("textbox", name="Your group's name", exact=True).fill("=Table 1")
        group.get_by_role("button", name="Join the workshop").click()
        expect(group.get_by_role("heading", name="Campaign profile")).to_be_visible(timeout=20_000)
    finally:
        group.context.close()
    page.reload()
    page.get_by_role("tab", name="Files").click()
    page.get_by_role("button", name="Prepare the spreadsheet").click()
    button = page.get_by_role("button", name="Download XLSX")
    expect(button).to_be_visible(timeout=30_000)
    with page.expect_download() as download:
        button.click()
    book = openpyxl.load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    assert book.worksheets[0]["A2"].value == "=Table 1" and book.worksheets[0]["A2"].data_type == "s"
