"""In Chromium at 1366×768 (issue 17): the secret link off the projected tab, the dashboard table fitting, a
closed workshop said at the top, times in the browser's zone, and hidden guidance staying hidden."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from campaign import CampaignRepository, load_worksheets, open_store
from campaign.workshops import WorkshopRepository
from tests.ui.browser import SCREEN, app_server
from tests.ui.test_browser import settle, shoot

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory, server: str) -> Iterator[tuple[str, WorkshopRepository]]:
    """A server of its own whose data folder this module fills: workshops with groups, without eight browsers."""
    folder = tmp_path_factory.mktemp("polish")
    store = open_store(folder / "data")
    workshops = WorkshopRepository(store, CampaignRepository(store, load_worksheets()))
    with app_server(folder / "data", folder / "streamlit.log") as url:
        yield url, workshops


def _visible_box(page: Page, locator) -> dict[str, float]:  # type: ignore[no-untyped-def]
    box = locator.bounding_box()
    assert box is not None, "the element is drawn"
    return box


def test_the_secret_link_is_off_the_projected_join_code_tab(page: Page, server: str) -> None:
    page.goto(server)
    page.get_by_role("tab", name="Run a workshop").click()
    page.get_by_role("textbox", name="Workshop name", exact=True).fill("Projected forum")
    page.get_by_role("button", name="Create the workshop").click()
    page.wait_for_url(re.compile(r"\?f=[A-Za-z0-9_-]{32}$"))
    token = page.url.rsplit("=", 1)[1]
    expect(page.get_by_text("it is the only way back to this dashboard")).to_be_visible()
    assert token not in page.locator("body").inner_text(), "not on screen until asked for"
    page.get_by_role("tab", name="Join code").click()
    expect(page.locator(".join-code")).to_be_visible()
    settle(page)
    assert token not in page.locator("body").inner_text(), "the projected tab shows the code, never the link"
    page.get_by_role("tab", name="Groups").click()
    page.get_by_role("button", name="Show my secret link").click()
    expect(page.get_by_text(re.compile(rf"\?f={re.escape(token)}"))).to_be_visible()
    page.get_by_role("tab", name="Join code").click()
    settle(page)
    assert token not in page.locator("[role=tabpanel]:visible").inner_text()


def test_the_dashboard_table_of_eight_groups_fits_1366_px(page: Page, seeded) -> None:  # type: ignore[no-untyped-def]
    url, workshops = seeded
    workshop, token = workshops.create("Eight tables")
    for number in range(1, 9):
        workshops.join(workshop.join_code, f"Table {number}", visitor=f"table-{number}")
    assert page.viewport_size == SCREEN
    page.goto(f"{url}/?f={token}")
    table = page.get_by_test_id("stDataFrame")
    # on a loaded machine (2 cores, both busy) the first table of a fresh page took more than the default 5 s to
    # appear, with this code and with the code before it (2 December 2026): the table is checked, not the wait
    expect(table).to_be_visible(timeout=30_000)
    settle(page)
    grid = _visible_box(page, table)
    last = table.get_by_role("columnheader", name=re.compile("Last activity"))
    if last.count():  # the grid's accessible header cells, when drawn
        header = _visible_box(page, last.first)
        assert header["x"] + header["width"] <= grid["x"] + grid["width"] + 1
    scroller = table.locator(".dvn-scroller").first
    overflow = scroller.evaluate("s => s.scrollWidth - s.clientWidth")
    assert overflow <= 1, f"the table scrolls sideways by {overflow} px"
    shoot(page, "workshop-dashboard-8-groups.png")


def test_a_closed_workshop_is_said_at_the_top_of_the_join_page(page: Page, seeded) -> None:  # type: ignore[no-untyped-def]
    url, workshops = seeded
    workshop, _ = workshops.create("Closed forum")
    workshops.update(workshop.id, lambda w: setattr(w, "joining_open", False))
    page.goto(f"{url}/?join={workshop.join_code}")
    page.get_by_role("textbox", name="Your group's name", exact=True).fill("Late table")
    page.get_by_role("button", name="Join the workshop").click()
    message = page.get_by_text("This workshop is closed to new groups")
    expect(message).to_be_visible()
    page.evaluate("window.scrollTo(0, 0)")
    box = _visible_box(page, message)
    assert box["y"] >= 0 and box["y"] + box["height"] <= SCREEN["height"], box


def test_the_saved_time_is_the_browsers_clock(browser: Browser, seeded) -> None:  # type: ignore[no-untyped-def]
    url, workshops = seeded
    workshop, _ = workshops.create("Kathmandu forum")
    _, campaign = workshops.join(workshop.join_code, "Table K", visitor="table-k")
    context = browser.new_context(viewport=SCREEN, locale="en-US", timezone_id="Asia/Kathmandu")
    try:
        page = context.new_page()
        page.set_default_timeout(20_000)
        page.goto(f"{url}/?c={campaign.id}&step=profile")
        before = dt.datetime.now(dt.UTC)
        box = page.get_by_role("textbox", name="Country", exact=True)
        box.fill("Nepal")
        box.press("Tab")
        saved = page.get_by_text(re.compile(r"Saved · \d\d:\d\d:\d\d")).first
        expect(saved).to_be_visible()
        found = re.search(r"(\d\d):(\d\d):\d\d", saved.inner_text())
        assert found is not None
        ahead = (int(found[1]) * 60 + int(found[2]) - before.hour * 60 - before.minute) % (24 * 60)
        assert ahead in (345, 346), f"{found[0]} is {ahead} min after {before:%H:%M} UTC, not 5 h 45"
    finally:
        context.close()


def _guidance_open(page: Page) -> bool:
    details = page.get_by_test_id("stExpander").filter(has_text="How to fill in this worksheet").locator("details")
    return bool(details.evaluate("d => d.open"))


def test_hidden_guidance_stays_hidden_after_next_back_and_a_reload(page: Page, seeded) -> None:  # type: ignore[no-untyped-def]
    url, workshops = seeded
    workshop, _ = workshops.create("Tips forum")
    _, campaign = workshops.join(workshop.join_code, "Table T", visitor="table-t")
    page.goto(f"{url}/?c={campaign.id}&step=objectives")
    expect(page.get_by_role("heading", name="Advocacy objectives")).to_be_visible()
    settle(page)
    assert _guidance_open(page)
    page.get_by_role("button", name="Hide these tips").click()
    settle(page)
    assert not _guidance_open(page)
    page.get_by_role("button", name=re.compile("^Next:")).click()
    expect(page.get_by_role("heading", name="Advocacy objectives")).to_have_count(0)
    page.get_by_role("button", name=re.compile("^Back:")).click()
    expect(page.get_by_role("heading", name="Advocacy objectives")).to_be_visible()
    settle(page)
    assert not _guidance_open(page)
    page.reload()
    expect(page.get_by_role("heading", name="Advocacy objectives")).to_be_visible()
    settle(page)
    assert not _guidance_open(page), "a reload of the same page keeps it folded"
