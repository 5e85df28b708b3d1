"""In Chromium (issue 17): on the media step, ticking a media type brings its questions; un-ticking takes them
off the page, the progress and the plan preview, while the stored file keeps the answer; ticking it again
brings the answer back on screen."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from campaign import Campaign, CampaignRepository, load_worksheets, open_store
from tests.ui.test_browser import settle
from tests.ui.test_typing_browser import box, by_key

pytestmark = pytest.mark.browser

PRESS_LIST = "Daily Nation health desk, Joy Wanjiru"


@pytest.fixture(scope="module")
def conditions_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The app on a free local port with a data folder this module reads back."""
    from tests.ui.browser import app_server, require_chromium

    require_chromium()
    folder = tmp_path_factory.mktemp("conditions")
    with app_server(folder / "data", folder / "streamlit.log") as url:
        yield url, folder / "data"


def _tick(page: Page, words: str) -> None:
    """Tick a media type with the keyboard: click the choice box, type the start of its label, press Enter."""
    by_key(page, "f:media.media_types").locator("input").first.click()
    page.keyboard.type(words, delay=15)
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    settle(page)


def _sidebar_step(page: Page, name: str) -> None:
    page.get_by_test_id("stSidebar").locator("label").filter(has_text=name).first.click()
    settle(page)


def _preview(page: Page) -> str:
    _sidebar_step(page, "Review and export")
    page.get_by_role("tab", name="Preview the plan").click()
    preview = by_key(page, "plan-preview-box")
    expect(preview).to_contain_text("Media materials")
    return preview.inner_text()


def test_a_media_types_questions_follow_its_tick_and_the_answer_is_kept(
    page: Page, conditions_server: tuple[str, Path]
) -> None:
    url, data = conditions_server
    repo = CampaignRepository(open_store(data), load_worksheets())
    campaign = Campaign(id="")
    campaign.set_answer("profile", "name", "Count us")
    campaign = repo.create(campaign)
    page.goto(f"{url}/?c={campaign.id}&step=media")
    page.get_by_role("heading", level=1).first.wait_for()
    settle(page)
    expect(by_key(page, "f:media.press_list")).to_have_count(0)
    _tick(page, "Social")
    _tick(page, "Press")
    expect(by_key(page, "f:media.press_list")).to_be_visible()
    box(page, "f:media.press_list").click()
    page.keyboard.type(PRESS_LIST, delay=10)
    deadline = time.monotonic() + 5
    while repo.load(campaign.id).answer("media", "press_list") != PRESS_LIST and time.monotonic() < deadline:
        time.sleep(0.1)
    assert repo.load(campaign.id).answer("media", "press_list") == PRESS_LIST
    settle(page)
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar).to_contain_text("40% answered")  # media types and press list of 5 questions
    assert PRESS_LIST in _preview(page)

    _sidebar_step(page, "Media materials")
    by_key(page, "f:media.media_types").get_by_label("Remove Press releases and media advisories").click()
    settle(page)
    expect(by_key(page, "f:media.press_list")).to_have_count(0)
    expect(by_key(page, "f:media.news_moments")).to_have_count(0)
    expect(by_key(page, "f:media.social_accounts")).to_be_visible()
    assert repo.load(campaign.id).answer("media", "media_types") == ["social_media"]
    expect(sidebar).to_contain_text("33% answered")  # media types of 3 questions: the press ones are not counted
    stored = (data / "campaigns" / campaign.id / "campaign.yaml").read_text(encoding="utf-8")
    assert PRESS_LIST in stored, "the hidden answer stays in the stored file"
    preview = _preview(page)
    assert PRESS_LIST not in preview and "Press list" not in preview

    _sidebar_step(page, "Media materials")
    _tick(page, "Press")
    expect(box(page, "f:media.press_list")).to_have_value(PRESS_LIST)
