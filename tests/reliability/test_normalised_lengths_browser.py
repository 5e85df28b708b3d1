"""In a real browser: an answer that grows past its limit once normalised (U+0958 is two characters in NFC)
gets a message under its box, keeps what was typed in the box, and nothing is saved."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.reliability.conftest import open_tab
from tests.reliability.pages import new_campaign, settle, stored_answer, type_answer, widget

pytestmark = pytest.mark.browser
QA = "\u0958"


def test_a_campaign_name_too_long_once_normalised_is_kept_in_its_box_with_a_message(live_server, laptop) -> None:
    campaign = new_campaign(live_server.data_dir, name="Fund Us")
    page = open_tab(laptop())
    page.goto(f"{live_server.url}/?c={campaign.id}&step=profile")
    expect(widget(page, "f:profile.name")).to_have_value("Fund Us", timeout=30_000)
    type_answer(page, "f:profile.name", QA * 100)
    expect(page.get_by_text("Campaign name: too long. At most 120 characters once written out")).to_be_visible()
    settle(page)
    expect(widget(page, "f:profile.name")).to_have_value(QA * 100)
    assert stored_answer(live_server.data_dir, campaign.id, "profile", "name") == "Fund Us"
