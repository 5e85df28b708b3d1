"""In Chromium: the object store refuses every request while a person types; the page says "Not saved yet ·
retrying" (never Streamlit's error page), keeps the answers, and stores them by itself once the store is back."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from campaign import Campaign, CampaignRepository, load_worksheets
from campaign.object_store import ObjectStore
from tests.campaign.store_relay import StoreRelay
from tests.reliability.conftest import open_tab
from tests.reliability.pages import settle, type_answer, widget
from tests.reliability.servers import RestartableServer
from tests.s3_server import new_bucket, s3_environment, s3_options

pytestmark = pytest.mark.browser
Repository = CampaignRepository
TYPED = {"f:profile.country": "Uganda", "f:profile.owner": "Joy Achieng", "f:profile.area": "Gulu and Lira districts"}


@pytest.fixture
def behind_relay(s3_endpoint: str, tmp_path: Path) -> Iterator[tuple[RestartableServer, StoreRelay, Repository]]:
    """An app server whose campaign store (moto, a bucket of its own) is reached only through a relay."""
    from tests.ui.browser import require_chromium

    require_chromium()
    relay = StoreRelay(int(s3_endpoint.rsplit(":", 1)[1]))
    bucket = new_bucket(s3_endpoint)
    environment = {**s3_environment(relay.url), "CAMPAIGN_DATA_DIR": bucket}
    server = RestartableServer(tmp_path / "unused", tmp_path / "server.log", environment)
    server.start()
    yield server, relay, CampaignRepository(ObjectStore(bucket, **s3_options(s3_endpoint)), load_worksheets())
    server.stop()
    relay.close()


def test_answers_typed_while_the_store_refuses_are_kept_and_stored_once_it_is_back(behind_relay, laptop) -> None:
    server, relay, repo = behind_relay
    campaign = Campaign(id="")
    campaign.set_answer("profile", "name", "Fund Us")
    campaign = repo.create(campaign)
    page = open_tab(laptop())
    page.goto(f"{server.url}/?c={campaign.id}&step=profile")
    expect(widget(page, "f:profile.country")).to_be_visible(timeout=30_000)
    settle(page)
    relay.set("refuse")
    for key, text in TYPED.items():
        type_answer(page, key, text)
        expect(page.get_by_text("Not saved yet · retrying")).to_be_visible()
    expect(page.get_by_text("This app has encountered an error")).to_have_count(0)
    for key, text in TYPED.items():
        expect(widget(page, key)).to_have_value(text)
    relay.set("forward")  # no click, no reload: the page sends them again by itself
    deadline = time.monotonic() + 60
    while (stored := repo.load(campaign.id)) and any(
        stored.answer("profile", key.split(".")[1]) != text for key, text in TYPED.items()
    ):
        assert time.monotonic() < deadline, {key: stored.answer("profile", key.split(".")[1]) for key in TYPED}
        time.sleep(0.5)
    expect(page.get_by_text("Not saved yet · retrying")).to_have_count(0, timeout=20_000)
    page.reload()  # and a reload shows them, read from the store
    for key, text in TYPED.items():
        expect(widget(page, key)).to_have_value(text)
    log = server.log.read_text(errors="replace")
    assert "campaign store: " in log and f":{relay.port}" not in log, "the log names no store address"


def test_answers_typed_during_an_outage_survive_a_reload_made_before_the_store_is_back(behind_relay, laptop) -> None:
    server, relay, repo = behind_relay
    campaign = repo.create(Campaign(id=""))
    page = open_tab(laptop())
    page.goto(f"{server.url}/?c={campaign.id}&step=profile")
    expect(widget(page, "f:profile.country")).to_be_visible(timeout=30_000)
    settle(page)
    relay.set("refuse")
    for key, text in TYPED.items():
        type_answer(page, key, text)
    expect(page.get_by_text("Not saved yet · retrying")).to_be_visible()
    page.reload()  # while the store is still down: a new session, which cannot open the campaign
    expect(page.get_by_text("This campaign cannot be opened")).to_be_visible(timeout=30_000)
    relay.set("forward")
    page.reload()  # the store is back: what was typed is stored (by the server, or sent from the browser's copy)
    deadline = time.monotonic() + 60
    while any(repo.load(campaign.id).answer("profile", key.split(".")[1]) != text for key, text in TYPED.items()):
        assert time.monotonic() < deadline, "the answers typed before the reload were never stored"
        time.sleep(0.5)
    page.reload()
    for key, text in TYPED.items():
        expect(widget(page, key)).to_have_value(text)


def test_answers_typed_during_an_outage_survive_a_server_restart_before_the_store_is_back(behind_relay, laptop) -> None:
    # the server took the answers (its session and outbox hold them) but the store never did: when that server
    # dies, only the browser's own copy is left, and the page opened again must send it
    server, relay, repo = behind_relay
    campaign = repo.create(Campaign(id=""))
    page = open_tab(laptop())
    page.goto(f"{server.url}/?c={campaign.id}&step=profile")
    expect(widget(page, "f:profile.country")).to_be_visible(timeout=30_000)
    settle(page)
    boxes = page.locator(".answer-box__input")
    boxes.evaluate_all("inputs => inputs.forEach((input) => { input.dataset.drawn = 'first'; })")
    relay.set("refuse")
    for key, text in TYPED.items():
        widget(page, key).click()
        page.keyboard.type(text, delay=15)
        page.keyboard.press("Tab")
        settle(page)
    expect(page.get_by_text("Not saved yet · retrying")).to_be_visible()
    # the message above the answers did not make the browser rebuild the boxes below it (their text, focus
    # and caret would go): every box is still the one first drawn
    assert boxes.evaluate_all("inputs => inputs.every((input) => input.dataset.drawn === 'first')")
    context = page.context
    page.close()
    server.kill()  # the server's session and outbox die with it
    relay.set("forward")
    server.start()
    page = open_tab(context)
    page.goto(f"{server.url}/?c={campaign.id}&step=profile")
    expect(widget(page, "f:profile.country")).to_be_visible(timeout=30_000)
    deadline = time.monotonic() + 60
    while any(repo.load(campaign.id).answer("profile", key.split(".")[1]) != text for key, text in TYPED.items()):
        assert time.monotonic() < deadline, {
            k: repo.load(campaign.id).answer("profile", k.split(".")[1]) for k in TYPED
        }
        time.sleep(0.5)
    for key, text in TYPED.items():
        expect(widget(page, key)).to_have_value(text)
