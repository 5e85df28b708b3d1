"""A laptop loses its network while another keeps typing: nothing stale or blank is saved over a newer answer.

Two ways to drop the network: Chromium's offline mode (Playwright `set_offline`), which blocks new requests
but keeps an open WebSocket alive, so Streamlit stays connected; and a pulled cable (`Cable`), which cuts
the WebSocket too, as a lost Wi-Fi does: Streamlit then disables its own widgets until it reconnects.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.reliability.conftest import open_tab
from tests.reliability.pages import (
    cut_off,
    new_campaign,
    repository,
    settle,
    stored_answer,
    type_answer,
    wait_connected,
    wait_stored,
    widget,
)
from tests.reliability.servers import Cable
from ui.freshness import CHECK_SECONDS

pytestmark = pytest.mark.browser


@pytest.fixture
def cable(live_server):
    relay = Cable(live_server.port)
    relay.plug()
    yield relay
    relay.unplug()


def test_a_pulled_cable_saves_nothing_stale_and_the_page_catches_up(live_server, cable, laptop) -> None:
    campaign = new_campaign(live_server.data_dir, name="Fund Us", country="Kenya")
    away = open_tab(laptop())  # on the venue's flaky Wi-Fi
    away.goto(f"{cable.url}/?c={campaign.id}&step=profile")
    present = open_tab(laptop())  # on a working network
    present.goto(f"{live_server.url}/?c={campaign.id}&step=profile")
    type_answer(away, "f:profile.area", "Coast Province")
    wait_stored(live_server.data_dir, campaign.id, "profile", "area", "Coast Province")
    settle(present)

    cable.unplug()
    away.context.set_offline(True)
    expect(cut_off(away)).to_be_disabled(timeout=15_000)  # the page knows it is cut off
    type_answer(present, "f:profile.country", "Uganda")
    type_answer(present, "f:profile.area", "")  # cleared on purpose by the other laptop
    wait_stored(live_server.data_dir, campaign.id, "profile", "country", "Uganda")
    wait_stored(live_server.data_dir, campaign.id, "profile", "area", None)
    away.wait_for_timeout(CHECK_SECONDS * 1000)

    away.context.set_offline(False)
    cable.plug()
    wait_connected(away, "f:profile.country")
    # the stale page ("Kenya", "Coast Province") wrote nothing back, and now shows what is stored
    assert stored_answer(live_server.data_dir, campaign.id, "profile", "country") == "Uganda"
    assert stored_answer(live_server.data_dir, campaign.id, "profile", "area") is None
    expect(widget(away, "f:profile.country")).to_have_value("Uganda")
    expect(widget(away, "f:profile.area")).to_have_value("")

    type_answer(away, "f:profile.owner", "Joseph Mwangi")
    wait_stored(live_server.data_dir, campaign.id, "profile", "owner", "Joseph Mwangi")
    stored = repository(live_server.data_dir).load(campaign.id)
    assert stored.answer("profile", "country") == "Uganda" and stored.answer("profile", "area") is None
    assert stored.answer("profile", "name") == "Fund Us" and stored.conflicts == []
    assert away.remote_requests == []  # type: ignore[attr-defined]


def test_offline_mode_keeps_the_connection_and_a_clash_shows_both_answers(live_server, laptop) -> None:
    campaign = new_campaign(live_server.data_dir, name="Fund Us", country="Kenya")
    offline = open_tab(laptop())
    offline.goto(f"{live_server.url}/?c={campaign.id}&step=profile")
    online = open_tab(laptop())
    online.goto(f"{live_server.url}/?c={campaign.id}&step=profile")
    for page in (offline, online):  # two first loads on a busy machine: wait for the boxes, not only the run
        expect(widget(page, "f:profile.country")).to_be_visible(timeout=60_000)
        settle(page)

    offline.context.set_offline(True)
    type_answer(online, "f:profile.country", "Uganda")
    wait_stored(live_server.data_dir, campaign.id, "profile", "country", "Uganda")
    type_answer(offline, "f:profile.country", "Tanzania")  # Streamlit's open WebSocket still carries it
    offline.context.set_offline(False)

    clash = offline.locator(".st-key-conflict-0")
    expect(clash).to_contain_text("Tanzania")
    expect(clash).to_contain_text("Uganda")
    stored = repository(live_server.data_dir).load(campaign.id)
    assert stored.answer("profile", "country") == "Uganda", "the newer stored answer stays until someone chooses"
    assert [(c.path, c.mine, c.theirs) for c in stored.conflicts] == [("profile.country", "Tanzania", "Uganda")]
