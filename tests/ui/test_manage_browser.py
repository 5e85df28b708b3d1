"""In Chromium, on the start page: rename a campaign by typing, duplicate it, archive and restore the copy, delete
the first and press Undo; the store (its files and their YAML) is read back after each step."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Browser, Page, expect

from campaign import Campaign, CampaignRepository, load_worksheets, open_store
from tests.ui.browser import SCREEN, app_server

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory, browser: Browser) -> Iterator[tuple[str, Path, Campaign]]:
    """A server of its own, with one campaign in its data folder."""
    folder = tmp_path_factory.mktemp("manage")
    repo = CampaignRepository(open_store(folder / "data"), load_worksheets())
    campaign = Campaign(id="")
    campaign.set_answer("profile", "name", "Fund Us")
    campaign.set_answer("profile", "country", "Nepal")
    created = repo.create(campaign)
    with app_server(folder / "data", folder / "streamlit.log") as url:
        yield url, folder / "data" / "campaigns", created


def until(check: Callable[[], bool], what: str, seconds: float = 15) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, what
        time.sleep(0.1)


def stored_name(campaigns: Path, campaign_id: str) -> str | None:
    file = campaigns / campaign_id / "campaign.yaml"
    return yaml.safe_load(file.read_text())["answers"]["profile"]["name"] if file.is_file() else None


def in_menu(page: Page, campaign_id: str, key: str) -> None:
    """Click the button `key` of the campaign's Manage menu, opening the menu first when it is closed."""
    button = page.locator(f".st-key-{key}-{campaign_id} button")
    if not button.is_visible():
        page.locator(f".st-key-manage-{campaign_id} button").first.click()
    button.click()


def test_rename_duplicate_archive_restore_delete_and_undo(page: Page, seeded) -> None:  # type: ignore[no-untyped-def]
    url, campaigns, campaign = seeded
    page.set_viewport_size(SCREEN)
    page.goto(url)
    page.get_by_role("tab", name="Continue a campaign").click()
    expect(page.get_by_text("Fund Us", exact=True)).to_be_visible()

    page.locator(f".st-key-manage-{campaign.id} button").first.click()
    page.locator(f".st-key-rename-{campaign.id} input").click()
    page.keyboard.press("Control+A")
    page.keyboard.type("Fund Us 2027", delay=15)  # real keystrokes, then Enter submits the rename form
    page.keyboard.press("Enter")
    until(lambda: stored_name(campaigns, campaign.id) == "Fund Us 2027", "the new name is stored")
    expect(page.get_by_text("Fund Us 2027", exact=True)).to_be_visible()

    in_menu(page, campaign.id, "duplicate")
    until(lambda: len(list(campaigns.glob("*/campaign.yaml"))) == 2, "a second campaign is stored")
    (copy_id,) = {file.parent.name for file in campaigns.glob("*/campaign.yaml")} - {campaign.id}
    assert stored_name(campaigns, copy_id) == "Fund Us 2027 (copy)"
    assert yaml.safe_load((campaigns / copy_id / "campaign.yaml").read_text())["revision"] == 1
    expect(page.get_by_text("Fund Us 2027 (copy)", exact=True)).to_be_visible()
    assert "?c=" not in page.url, "the copy opens nothing by itself"

    in_menu(page, copy_id, "archive")
    until(lambda: (campaigns / copy_id / "archived.yaml").is_file(), "the archive mark is stored")
    archived = page.get_by_text("Archived (1)")
    expect(archived).to_be_visible()
    archived.click()
    page.locator(f".st-key-restore-{copy_id} button").click()
    until(lambda: not (campaigns / copy_id / "archived.yaml").exists(), "the archive mark is removed")
    expect(page.get_by_text("Archived (1)")).to_have_count(0)

    in_menu(page, campaign.id, "delete")
    page.locator(f".st-key-confirm-delete-{campaign.id} button").click()
    until(lambda: not (campaigns / campaign.id / "campaign.yaml").exists(), "the campaign file is moved away")
    kept = list((campaigns / campaign.id / "deleted").glob("*.yaml"))
    assert len(kept) == 1 and yaml.safe_load(kept[0].read_text())["answers"]["profile"]["name"] == "Fund Us 2027"
    expect(page.get_by_text("“Fund Us 2027” was deleted.")).to_be_visible()
    page.locator(f".st-key-undo-{campaign.id} button").click()
    until(lambda: stored_name(campaigns, campaign.id) == "Fund Us 2027", "the campaign file is back")
    assert not (campaigns / campaign.id / "deleted").exists()
    expect(page.get_by_text("“Fund Us 2027” was deleted.")).to_have_count(0)
