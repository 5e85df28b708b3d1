"""Two app servers behind HAProxy sharing one S3 bucket: concurrent edits through both, then a server dies."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from campaign import Campaign, CampaignRepository, load_worksheets
from campaign.object_store import ObjectStore
from campaign.reading import title
from tests.deploy.cluster import Cluster, cluster
from tests.s3_server import new_bucket, s3_environment, s3_options
from tests.ui.browser import SCREEN

pytestmark = pytest.mark.browser
SAVED = re.compile(r"Saved · \d\d:\d\d:\d\d")
PACK = load_worksheets()


@pytest.fixture(scope="module")
def bucket(s3_endpoint: str) -> str:
    return new_bucket(s3_endpoint)


@pytest.fixture(scope="module")
def running(s3_endpoint: str, bucket: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    environment = {**s3_environment(s3_endpoint), "CAMPAIGN_STORE": bucket, "ADVOCACY_MODE": "shared"}
    with cluster(environment, tmp_path_factory.mktemp("cluster")) as started:
        yield started


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    from tests.ui.browser import shared_chromium

    yield shared_chromium()  # one Playwright per test process: the UI and reliability tests share it


def open_laptop(browser: Browser, url: str) -> tuple[BrowserContext, Page]:
    context = browser.new_context(viewport=SCREEN)
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.goto(url)
    # a fresh server's first page load takes long on a busy CI machine (5 s, the default, was not enough)
    expect(page.get_by_role("heading", name="Campaign profile")).to_be_visible(timeout=60_000)
    return context, page


def server_of(context: BrowserContext) -> str:
    return next(c["value"] for c in context.cookies() if c["name"] == "ACB_SERVER")


def type_answer(page: Page, label: str, text: str) -> None:
    box = page.get_by_role("textbox", name=label, exact=True)
    box.fill(text)
    box.press("Tab")


def test_two_servers_share_one_store_and_lose_nothing(
    running: Cluster, chromium: Browser, s3_endpoint: str, bucket: str, tmp_path: Path
) -> None:
    repository = CampaignRepository(ObjectStore(bucket, **s3_options(s3_endpoint)), PACK)
    campaign = repository.create(Campaign(id=""))
    url = f"{running.proxy}/?c={campaign.id}&step=profile"

    first, first_page = open_laptop(chromium, url)
    second, second_page = open_laptop(chromium, url)
    assert {server_of(first), server_of(second)} == {"app1", "app2"}  # one laptop on each server

    # Both laptops type at the same moment, each into its own server.
    first_page.get_by_role("textbox", name="Country", exact=True).fill("Nepal")
    second_page.get_by_role("textbox", name="Province, county or district", exact=True).fill("Bagmati Province")
    first_page.get_by_role("textbox", name="Country", exact=True).press("Tab")
    second_page.get_by_role("textbox", name="Province, county or district", exact=True).press("Tab")
    expect(first_page.get_by_text(SAVED).first).to_be_visible()
    expect(second_page.get_by_text(SAVED).first).to_be_visible()
    stored = repository.load(campaign.id)
    assert (stored.answer("profile", "country"), stored.answer("profile", "area")) == ("Nepal", "Bagmati Province")

    # The first laptop's server dies; the laptop carries on through the other one with every answer there.
    running.stop(server_of(first))
    first_page.reload()
    expect(first_page.get_by_role("heading", name="Campaign profile")).to_be_visible()
    expect(first_page.get_by_role("textbox", name="Country", exact=True)).to_have_value("Nepal")
    expect(first_page.get_by_role("textbox", name="Province, county or district", exact=True)).to_have_value(
        "Bagmati Province"
    )
    type_answer(first_page, "Campaign name", "Fund Us Now")
    expect(first_page.get_by_text(SAVED).first).to_be_visible()
    stored = repository.load(campaign.id)
    assert title(stored, PACK) == "Fund Us Now" and stored.answer("profile", "country") == "Nepal"
    assert stored.answer("profile", "area") == "Bagmati Province"
    first.close()
    second.close()
