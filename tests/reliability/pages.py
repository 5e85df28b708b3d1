"""Driving the app in a browser by widget key (so the tests survive the interface's translation)."""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

from playwright.sync_api import Locator, Page, expect

from campaign import Campaign, CampaignRepository, load_worksheets, open_store

SAVED = re.compile(r"\d\d:\d\d:\d\d")  # the save badge shows the time of the last save in every language


def widget(page: Page, key: str) -> Locator:
    """Return the text box of the widget with Streamlit key `key` (Streamlit puts `st-key-<key>` on it)."""
    css = re.sub(r"[^A-Za-z0-9_-]", "-", key)
    return page.locator(f".st-key-{css}").locator("input, textarea").first


def settle(page: Page) -> None:
    """Wait until the app has finished its current run."""
    page.wait_for_timeout(300)
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=20_000)


def type_answer(page: Page, key: str, text: str) -> None:
    """Type `text` into the widget `key` and leave it, which commits the answer; wait for the run to end."""
    box = widget(page, key)
    box.fill(text)
    box.press("Tab")
    settle(page)


def repository(data_dir: Path) -> CampaignRepository:
    return CampaignRepository(open_store(data_dir), load_worksheets())


def stored_answer(data_dir: Path, campaign_id: str, worksheet: str, field: str) -> Any:
    return repository(data_dir).load(campaign_id).answer(worksheet, field)


def wait_stored(data_dir: Path, campaign_id: str, worksheet: str, field: str, value: Any, seconds: float = 15) -> None:
    """Wait until the stored campaign holds `value` for the field; fail with what it holds otherwise."""
    deadline = time.monotonic() + seconds
    while (held := stored_answer(data_dir, campaign_id, worksheet, field)) != value:
        assert time.monotonic() < deadline, f"{worksheet}.{field} stored {held!r}, expected {value!r}"
        time.sleep(0.1)


def new_campaign(data_dir: Path, **answers: str) -> Campaign:
    """Store a campaign with these profile answers (as a person would have typed them) and return it."""
    campaign = Campaign(id="")
    for field, value in answers.items():
        campaign.set_answer("profile", field, value)
    return repository(data_dir).create(campaign)


def cut_off(page: Page) -> Locator:
    """Return a Streamlit widget of every step (the step list), which Streamlit disables while disconnected.

    Answer boxes stay open to typing while the server is away: what is typed is kept and sent on reconnecting.
    """
    return page.locator(".st-key-nav-step input").first


def wait_connected(page: Page, key: str, seconds: float = 30) -> None:
    """Wait until the page is connected again (Streamlit enables its widgets) and the widget `key` is there,
    and as long as a person takes to click into a field: the page's redraw after reconnecting must finish
    first (ui/reconnect.py; docs/reliability.md gives the window, under half a second)."""
    expect(cut_off(page)).to_be_enabled(timeout=seconds * 1000)
    expect(widget(page, key)).to_be_enabled(timeout=seconds * 1000)
    page.wait_for_timeout(700)
    settle(page)
