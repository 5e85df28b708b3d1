"""In two real browsers: a facilitator runs a workshop, a group joins with the code, the dashboard shows it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.ui.browser import SCREEN
from tests.ui.test_browser import settle, shoot

pytestmark = pytest.mark.browser


def test_a_group_joins_with_the_code_and_appears_on_the_dashboard(page: Page, browser: Browser, server: str) -> None:
    page.goto(server)
    page.get_by_role("tab", name="Run a workshop").click()
    page.get_by_role("textbox", name="Workshop name", exact=True).fill("Lusaka advocacy forum")
    page.get_by_role("textbox", name="Place", exact=True).fill("Lusaka")
    page.get_by_role("button", name="Create the workshop").click()
    page.wait_for_url(re.compile(r"\?f=[A-Za-z0-9_-]{32}$"))
    expect(page.get_by_text("it is the only way back to this dashboard")).to_be_visible()
    page.get_by_role("tab", name="Join code").click()  # a new workshop opens on Groups, where its secret link is
    code = page.locator(".join-code").inner_text()
    assert re.fullmatch(r"[2-9B-DF-HJ-NP-TV-Z]{3}-[2-9B-DF-HJ-NP-TV-Z]{3}", code)
    expect(page.get_by_role("img", name="Scan to join").or_(page.get_by_test_id("stImage"))).to_be_visible()
    shoot(page, "workshop-code.png")

    group_context = browser.new_context(viewport=SCREEN)
    group = group_context.new_page()
    group.set_default_timeout(20_000)
    try:
        group.goto(server)
        group.get_by_role("textbox", name="Join code", exact=True).fill(code.lower())
        group.get_by_role("textbox", name="Your group's name", exact=True).fill("Table 3")
        group.get_by_role("button", name="Join the workshop").click()
        expect(group.get_by_role("heading", name="Campaign profile")).to_be_visible()
        assert re.search(r"[?&]c=[A-Za-z0-9_-]{22}", group.url)
        name = group.get_by_role("textbox", name="Campaign name", exact=True)
        name.fill("Count Us, Fund Us")
        name.press("Tab")
        expect(group.get_by_text(re.compile(r"Saved · \d\d:\d\d:\d\d")).first).to_be_visible()

        # the dashboard refreshes by itself: no click, no reload
        page.get_by_role("tab", name="Groups").click()
        table = page.get_by_test_id("stDataFrame")
        expect(table.get_by_text("Table 3")).to_be_attached(timeout=15_000)
        expect(page.get_by_text(re.compile(r"· 1 group ·"))).to_be_visible()

        page.get_by_test_id("stSelectbox").filter(has_text="Current step").click()
        page.get_by_role("option", name="2. Advocacy objectives").click()
        settle(page)
        shoot(page, "workshop-dashboard.png")

        # the group's banner looks for the facilitator's step by itself, too
        expect(group.get_by_text("Your facilitator is on step 2: Advocacy objectives")).to_be_visible(timeout=20_000)
        group.get_by_role("button", name="Go to step 2").click()
        expect(group.get_by_role("heading", name="Advocacy objectives")).to_be_visible()
        assert "?f=" not in group.content() and "f=" not in group.url
    finally:
        group_context.close()
    assert not page.remote_requests  # type: ignore[attr-defined]
