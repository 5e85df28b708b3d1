"""In a real browser: the dashboard's table has no Streamlit "Download as CSV" (it would copy `=HYPERLINK(...)` as
typed), and the dashboard's own CSV download is there."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from campaign.workshops import WorkshopRepository
from tests.reliability.conftest import open_tab
from tests.reliability.pages import repository

pytestmark = pytest.mark.browser
HOSTILE = '=HYPERLINK("http://evil.example/","Click")'


def test_the_dashboard_table_offers_only_the_inert_csv(live_server, laptop) -> None:
    campaigns = repository(live_server.data_dir)
    workshops = WorkshopRepository(campaigns.store, campaigns)
    workshop, token = workshops.create("Forum")
    workshops.join(workshop.join_code, HOSTILE)
    page = open_tab(laptop())
    page.goto(f"{live_server.url}/?f={token}")
    table = page.get_by_test_id("stDataFrame")
    expect(table).to_be_visible(timeout=30_000)
    table.hover()
    toolbar = page.get_by_test_id("stElementToolbar")
    expect(toolbar.get_by_role("button", name="Search")).to_be_visible()  # the toolbar is drawn
    expect(page.get_by_role("button", name="Download as CSV")).to_have_count(0)
    expect(page.get_by_role("button", name="Download the table (CSV)")).to_be_visible()
