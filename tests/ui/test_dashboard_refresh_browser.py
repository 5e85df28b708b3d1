"""In Chromium: the open dashboard's table picks up a group's save by itself, and leaves the others as they were
(conditional reads and the progress kept per server process, checked through the CSV the page offers)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from campaign import CampaignRepository, load_worksheets, open_store
from campaign.workshops import WorkshopRepository
from tests.ui.browser import app_server

pytestmark = pytest.mark.browser
PATIENCE = 30_000  # ms: the machine running the browser tests is shared


@pytest.fixture(scope="module")
def own_server(tmp_path_factory: pytest.TempPathFactory, server: str) -> Iterator[tuple[str, WorkshopRepository]]:
    folder = tmp_path_factory.mktemp("refresh")
    store = open_store(folder / "data")
    workshops = WorkshopRepository(store, CampaignRepository(store, load_worksheets()))
    with app_server(folder / "data", folder / "streamlit.log") as url:
        yield url, workshops


def _table(page: Page) -> list[list[str]]:
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the table (CSV)").click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_the_open_dashboard_shows_a_groups_save_by_itself(page: Page, own_server) -> None:  # type: ignore[no-untyped-def]
    url, workshops = own_server
    workshop, token = workshops.create("Refreshing forum")
    groups = [workshops.join(workshop.join_code, f"Table {n}", visitor=f"t{n}")[1] for n in (1, 2, 3)]
    page.goto(f"{url}/?f={token}")
    expect(page.get_by_test_id("stDataFrame")).to_be_visible(timeout=PATIENCE)
    before = _table(page)
    assert [row[:2] for row in before[1:]] == [["Table 1", "9%"], ["Table 2", "9%"], ["Table 3", "9%"]]
    updated = page.get_by_text(re.compile(r"Updated \d\d:")).inner_text()
    stored = workshops.campaigns.load(groups[1].id)
    mine = stored.copy()
    mine.set_answer("profile", "lead_organisation", "Lusaka Youth Network")
    workshops.campaigns.save(mine, stored)  # Table 2 saves from its own laptop
    for _ in range(2):  # two refreshes: the second surely began after the save
        expect(page.get_by_text(re.compile(r"Updated \d\d:"))).not_to_have_text(updated, timeout=PATIENCE)
        updated = page.get_by_text(re.compile(r"Updated \d\d:")).inner_text()
    after = _table(page)
    assert after[2][1] != before[2][1] and after[2][1].endswith("%"), (before[2], after[2])
    unchanged = [row[:-1] for row in (after[1], after[3])]  # the last activity may have aged a minute
    assert unchanged == [row[:-1] for row in (before[1], before[3])], "the groups that did not save read the same"
