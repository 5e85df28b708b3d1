"""Two laptops editing one table at once, in a real browser: every row and every cell typed is kept."""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.reliability.conftest import open_tab
from tests.reliability.pages import repository, settle

pytestmark = pytest.mark.browser

PARTNERS = [
    {"id": "watoto", "name": "Watoto Kwanza Coalition"},
    {"id": "university", "name": "Rift Valley University"},
]


def cell(page: Page, row: str, column: str) -> Locator:
    return page.locator(f".st-key-f-audiences-partners-{row}-{column} .answer-box__input")


def type_into(page: Page, target: Locator, text: str) -> None:
    target.click()
    page.keyboard.type(text, delay=15)  # then the person stays in the box: the pause stores it


def stored_partners(data_dir, campaign_id: str) -> list[dict]:
    return repository(data_dir).load(campaign_id).rows("audiences", "partners")


def wait_for(check, seconds: float = 15.0) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, "not stored in time"
        time.sleep(0.1)


def open_both(live_server, laptop, **rows) -> tuple[str, Page, Page]:
    from campaign import Campaign

    campaign = Campaign(id="")
    campaign.set_answer("profile", "name", "Two laptops")
    campaign.set_answer("audiences", "partners", rows.get("partners", []))
    campaign = repository(live_server.data_dir).create(campaign)
    pages = []
    for _ in range(2):
        page = open_tab(laptop())
        page.goto(f"{live_server.url}/?c={campaign.id}&step=audiences")
        settle(page)
        pages.append(page)
    return campaign.id, pages[0], pages[1]


def test_a_grid_edit_just_after_another_laptop_saved_is_kept(live_server, laptop) -> None:
    campaign_id, first, second = open_both(live_server, laptop, partners=PARTNERS)
    type_into(second, cell(second, "watoto", "role"), "Co-signs the letters")
    wait_for(lambda: stored_partners(live_server.data_dir, campaign_id)[0].get("role") == "Co-signs the letters")
    # at once on the other laptop, which has not seen that save, in another row of the same grid
    type_into(first, cell(first, "university", "role"), "Writes the costing")
    wait_for(lambda: stored_partners(live_server.data_dir, campaign_id)[1].get("role") == "Writes the costing")
    settle(first)
    expect(cell(first, "university", "role")).to_have_value("Writes the costing")
    expect(cell(first, "watoto", "role")).to_have_value("Co-signs the letters")  # the other laptop's save shown

    # once more after the catch-up window (the page reads the stored campaign again), in the same row
    first.wait_for_timeout(5500)
    type_into(second, cell(second, "university", "brings"), "A costing of posts")
    wait_for(lambda: stored_partners(live_server.data_dir, campaign_id)[1].get("brings") == "A costing of posts")
    type_into(first, cell(first, "university", "contact"), "Dr Ruth Chebet")
    first.keyboard.press("Tab")
    settle(first)
    wait_for(lambda: stored_partners(live_server.data_dir, campaign_id)[1].get("contact") == "Dr Ruth Chebet")
    # a choice in the grid, picked with the keyboard just after the other laptop's save
    type_into(second, cell(second, "watoto", "brings"), "Member NGOs in 30 counties")
    wait_for(
        lambda: stored_partners(live_server.data_dir, campaign_id)[0].get("brings") == "Member NGOs in 30 counties"
    )
    first.locator(".st-key-f-audiences-partners-university-type input").first.click()
    first.keyboard.type("Univ", delay=30)
    first.keyboard.press("Enter")
    wait_for(lambda: stored_partners(live_server.data_dir, campaign_id)[1].get("type") == "academic")
    first.wait_for_timeout(5500)  # another catch-up on both pages: nothing typed is taken back
    for page in (first, second):
        page.reload()
        settle(page)
    rows = stored_partners(live_server.data_dir, campaign_id)
    assert rows[0] == {**PARTNERS[0], "role": "Co-signs the letters", "brings": "Member NGOs in 30 counties"}
    assert rows[1] == {
        **PARTNERS[1],
        "type": "academic",
        "role": "Writes the costing",
        "brings": "A costing of posts",
        "contact": "Dr Ruth Chebet",
    }
    expect(cell(second, "university", "contact")).to_have_value("Dr Ruth Chebet")


def test_two_laptops_adding_a_grid_row_at_once_keep_both_rows(live_server, laptop) -> None:
    campaign_id, first, second = open_both(live_server, laptop)
    new_names = "[class*='st-key-f-audiences-partners-partner-'][class*='-name'] .answer-box__input"
    for page in (first, second):  # both press "Add partner" before either has typed
        page.locator(".st-key-f-audiences-partners-add button").click()
        expect(page.locator(new_names)).to_have_count(1)
    type_into(first, first.locator(new_names), "Nurses' Union")
    type_into(second, second.locator(new_names), "Teachers' Union")
    wait_for(lambda: len(stored_partners(live_server.data_dir, campaign_id)) == 2)
    rows = stored_partners(live_server.data_dir, campaign_id)
    assert sorted(row["name"] for row in rows) == ["Nurses' Union", "Teachers' Union"]
    assert all(set(row) == {"id", "name"} for row in rows), rows
    settle(first)
    first.reload()
    expect(first.locator(new_names)).to_have_count(2)
