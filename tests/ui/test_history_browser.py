"""In a real browser: a while of typing is one version in Campaign settings → Earlier versions, listed with
when, who and what changed; an earlier version is brought back."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.ui.test_browser import settle

pytestmark = pytest.mark.browser
SAVED = re.compile(r"Saved · \d\d:\d\d:\d\d")
WHEN = r"\d+ \w+ 20\d\d \d\d:\d\d UTC"


def test_a_typing_session_is_one_version_and_an_earlier_one_comes_back(page: Page, server: str) -> None:
    page.goto(server)
    page.get_by_role("textbox", name="Campaign name", exact=True).fill("Every Child Counts")
    page.get_by_role("button", name="Start the campaign").click()
    for label, text in (("Province, county or district", "Copperbelt Province"), ("Country", "Zambia")):
        field = page.get_by_role("textbox", name=label, exact=True)
        field.click()
        page.keyboard.type(text, delay=40)  # real key presses, saved as they come
        field.press("Tab")
        expect(page.get_by_text(SAVED).first).to_be_visible()
        settle(page)

    page.get_by_text("Campaign settings").first.click()
    expect(page.get_by_role("heading", name="Earlier versions")).to_be_visible()
    rows = page.get_by_test_id("stTable").locator("tbody tr")
    expect(rows).to_have_count(2)  # the typing session, then the first version
    expect(rows.nth(0)).to_have_text(re.compile(rf"{WHEN}\s*You\s*Profile: Country, Province, county or district"))
    expect(rows.nth(1)).to_have_text(re.compile(rf"{WHEN}\s*—\s*First version"))

    chooser = page.get_by_test_id("stSelectbox").filter(has_text="Earlier version").locator("input")
    chooser.click()
    chooser.fill("First version")
    chooser.press("Enter")
    expect(page.get_by_text(re.compile(rf"This version was saved on {WHEN} by —\."))).to_be_visible()
    page.get_by_role("button", name="Bring back this version").click()
    expect(page.get_by_text(re.compile(r"The version of .* is back\."))).to_be_visible()
    expect(rows).to_have_count(3)
    expect(rows.nth(0)).to_have_text(re.compile(r"You\s*Brought back an earlier version: Profile"))

    page.get_by_text("1. Profile").click()
    expect(page.get_by_role("textbox", name="Province, county or district", exact=True)).to_have_value("")
    page.reload()  # and it is what is stored
    expect(page.get_by_role("textbox", name="Campaign name", exact=True)).to_have_value("Every Child Counts")
    expect(page.get_by_role("textbox", name="Province, county or district", exact=True)).to_have_value("")
    assert page.remote_requests == []  # type: ignore[attr-defined]
