"""In a real browser: an answer typed over by mistake is brought back from Campaign settings → Earlier versions."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.ui.test_browser import settle

pytestmark = pytest.mark.browser
SAVED = re.compile(r"Saved · \d\d:\d\d:\d\d")


def test_an_answer_typed_over_is_brought_back(page: Page, server: str) -> None:
    page.goto(server)
    page.get_by_role("textbox", name="Campaign name", exact=True).fill("Every Child Counts")
    page.get_by_role("button", name="Start the campaign").click()
    area = page.get_by_role("textbox", name="Province, county or district", exact=True)
    area.fill("Copperbelt Province")
    area.press("Tab")
    expect(page.get_by_text(SAVED).first).to_be_visible()
    settle(page)
    area.fill("typed over by mistake")
    area.press("Tab")
    settle(page)
    expect(page.get_by_text(SAVED).first).to_be_visible()

    page.get_by_text("Campaign settings").first.click()
    expect(page.get_by_role("heading", name="Earlier versions")).to_be_visible()
    chooser = page.get_by_test_id("stSelectbox").filter(has_text="Earlier version").locator("input")
    chooser.click()
    chooser.fill("Version 2")  # 1: created, 2: the province typed, 3: typed over
    chooser.press("Enter")
    expect(page.get_by_text(re.compile(r"Version 2 was saved on \d+ \w+ 20\d\d \d\d:\d\d UTC"))).to_be_visible()
    expect(page.get_by_test_id("stDataFrame")).to_be_visible()
    page.get_by_role("button", name="Bring back version 2").click()
    expect(page.get_by_text("Version 2 is back. What you had before is kept as version 3.")).to_be_visible()

    page.get_by_text("1. Profile").click()
    expect(page.get_by_role("textbox", name="Province, county or district", exact=True)).to_have_value(
        "Copperbelt Province"
    )
    page.reload()  # and it is what is stored
    expect(page.get_by_role("textbox", name="Province, county or district", exact=True)).to_have_value(
        "Copperbelt Province"
    )
    assert page.remote_requests == []  # type: ignore[attr-defined]
