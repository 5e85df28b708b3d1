"""In Chromium, with real keystrokes: a facilitator comments on a group's answer from the dashboard, the group
reads it below that field and marks it done, the stored file says so and the dashboard's open count drops."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from campaign import CampaignRepository, load_worksheets, open_store
from campaign.workshops import WorkshopRepository
from tests.ui.browser import SCREEN, app_server
from tests.ui.test_browser import settle, shoot

pytestmark = pytest.mark.browser
COMMENT = "Say by when the budget line should grow."


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory, server: str) -> Iterator[tuple[str, Path, WorkshopRepository]]:
    """A server of its own whose data folder this module reads back."""
    folder = tmp_path_factory.mktemp("comments")
    store = open_store(folder / "data")
    workshops = WorkshopRepository(store, CampaignRepository(store, load_worksheets()))
    with app_server(folder / "data", folder / "streamlit.log") as url:
        yield url, folder / "data", workshops


def _choose(page: Page, label: str, option: str) -> None:
    chooser = page.get_by_test_id("stSelectbox").filter(has=page.get_by_text(label, exact=True))
    choice = page.get_by_role("option", name=option, exact=True)
    for _ in range(3):  # a list opened while the page was still redrawing closes again: open it once more
        chooser.click()
        try:
            expect(choice).to_be_visible(timeout=4_000)
            break
        except AssertionError:
            settle(page)
    choice.click()
    settle(page)


def _open_count(table: Locator) -> Locator:
    """Return the first group's cell of the "Open comments" column (the grid's accessible cells)."""
    header = table.locator("th[role=columnheader]", has_text="Open comments")  # inside the canvas: CSS, not roles
    column = header.first.get_attribute("aria-colindex")
    return table.locator(f'tr[aria-rowindex="2"] td[aria-colindex="{column}"]')


def test_a_comment_goes_from_the_dashboard_to_the_field_and_back_done(browser: Browser, served) -> None:  # type: ignore[no-untyped-def]
    url, data, workshops = served
    workshop, token = workshops.create("Coaching forum")
    _, group = workshops.join(workshop.join_code, "Table 1", visitor="table-1")
    contexts = [browser.new_context(viewport=SCREEN, locale="en-US") for _ in range(2)]
    try:
        board, table_page = (context.new_page() for context in contexts)
        for page in (board, table_page):
            page.set_default_timeout(20_000)
        board.goto(f"{url}/?f={token}")
        expect(board.get_by_test_id("stDataFrame")).to_be_visible(timeout=40_000)  # a first run imports a lot
        _choose(board, "Open a group's plan (read-only)", "Table 1")
        _choose(board, "Step", "Advocacy objectives")
        _choose(board, "Question", "Long-term goal")
        board.get_by_role("textbox", name="Comment", exact=True).click()
        board.keyboard.type(COMMENT, delay=10)
        board.get_by_role("textbox", name="Your name", exact=True).click()
        board.keyboard.type("Amina", delay=10)
        board.get_by_role("button", name="Leave the comment").click()
        expect(board.get_by_text("Comment saved. The group sees it beside that answer.")).to_be_visible()
        expect(_open_count(board.get_by_test_id("stDataFrame"))).to_have_text("1", timeout=15_000)

        table_page.goto(f"{url}/?c={group.id}&step=objectives")
        note = table_page.get_by_text(re.compile(r"Comment from Amina, \d+ \w+ 20\d\d \d\d:\d\d UTC"))
        expect(note).to_be_visible(timeout=30_000)
        settle(table_page)
        tops = table_page.evaluate(
            """() => {
                const box = (css) => document.querySelector(css).getBoundingClientRect();
                const note = [...document.querySelectorAll("[class*=st-key-comment-]")][0].getBoundingClientRect();
                const goal = box(".st-key-field-objectives-goal"), next = box(".st-key-field-objectives-objectives");
                return [goal.bottom, note.top, note.bottom, next.top];
            }"""
        )
        assert tops == sorted(tops), f"below the goal, above the next question: {tops}"
        expect(table_page.get_by_text(COMMENT)).to_be_visible()
        note.scroll_into_view_if_needed()
        shoot(table_page, "comment-beside-the-field.png")
        table_page.get_by_role("button", name="Mark done").click()
        expect(table_page.get_by_text("1 comment done")).to_be_visible()
        expect(table_page.get_by_role("button", name="Mark done")).to_have_count(0)

        stored = (data / "campaigns" / group.id / "campaign.yaml").read_text(encoding="utf-8")
        assert "comments:" in stored and f"text: {COMMENT}" in stored and "done: true" in stored
        # the dashboard's table refreshes by itself: no click, no reload
        expect(_open_count(board.get_by_test_id("stDataFrame"))).to_have_text("0", timeout=15_000)
    finally:
        for context in contexts:
            context.close()
