"""A real browser keeps its page while the app server is killed and started again on the same port.

Streamlit's client reconnects by itself; nothing reloads the page. Every answer typed before the crash must
be on screen and on disk afterwards, and the first answer typed after it must be saved too (before
ui/reconnect.py, that first answer reached a brand-new server session that had never drawn the page: it was
replaced by the stored value and lost without a word).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.reliability.conftest import open_tab
from tests.reliability.pages import (
    cut_off,
    new_campaign,
    settle,
    stored_answer,
    type_answer,
    wait_connected,
    wait_stored,
    widget,
)

pytestmark = pytest.mark.browser

BEFORE = {
    "f:profile.country": ("country", "Nepal"),
    "f:profile.area": ("area", "Kavre district, Bagmati Province"),
    "f:profile.problem": ("problem", "One social worker for 40,000 people.\nNo posts funded since 2019."),
}


def test_answers_typed_before_a_server_restart_are_kept_and_the_next_answer_saves(live_server, laptop) -> None:
    campaign = new_campaign(live_server.data_dir, name="Fund Us")
    page = open_tab(laptop())
    page.goto(f"{live_server.url}/?c={campaign.id}&step=profile")
    for key, (field, text) in BEFORE.items():
        type_answer(page, key, text)
        wait_stored(live_server.data_dir, campaign.id, "profile", field, text)

    live_server.kill()
    expect(cut_off(page)).to_be_disabled(timeout=15_000)  # the client knows it is cut off
    live_server.start()  # same port, same data folder; the page is never reloaded
    wait_connected(page, "f:profile.owner")

    for key, (field, text) in BEFORE.items():
        expect(widget(page, key)).to_have_value(text)
        assert stored_answer(live_server.data_dir, campaign.id, "profile", field) == text
    type_answer(page, "f:profile.owner", "Joseph Mwangi")
    wait_stored(live_server.data_dir, campaign.id, "profile", "owner", "Joseph Mwangi")
    expect(widget(page, "f:profile.owner")).to_have_value("Joseph Mwangi")
    assert stored_answer(live_server.data_dir, campaign.id, "profile", "name") == "Fund Us"
    assert page.remote_requests == []  # type: ignore[attr-defined]


def test_two_restarts_in_a_row_lose_nothing(live_server, laptop) -> None:
    campaign = new_campaign(live_server.data_dir, name="Twice")
    page = open_tab(laptop())
    page.goto(f"{live_server.url}/?c={campaign.id}&step=profile")
    settle(page)
    for number, (key, (field, text)) in enumerate(BEFORE.items()):
        if number:
            live_server.kill()
            live_server.start()
            wait_connected(page, key)
        type_answer(page, key, text)
        wait_stored(live_server.data_dir, campaign.id, "profile", field, text)
    stored = {field: stored_answer(live_server.data_dir, campaign.id, "profile", field) for field, _ in BEFORE.values()}
    assert stored == {field: text for field, text in BEFORE.values()}


def test_an_answer_typed_and_left_in_its_box_survives_a_restart_right_after(live_server, laptop) -> None:
    campaign = new_campaign(live_server.data_dir, name="Fund Us")
    page = open_tab(laptop())
    page.goto(f"{live_server.url}/?c={campaign.id}&step=profile")
    settle(page)
    widget(page, "f:profile.problem").click()
    page.keyboard.type("One officer covers forty villages.", delay=15)  # and the person stays in the box
    wait_stored(live_server.data_dir, campaign.id, "profile", "problem", "One officer covers forty villages.", 2)
    live_server.kill()
    live_server.start()
    page.reload()
    wait_connected(page, "f:profile.problem")
    expect(widget(page, "f:profile.problem")).to_have_value("One officer covers forty villages.")


def test_text_typed_while_the_server_is_down_is_kept_and_stored_when_it_is_back(live_server, laptop) -> None:
    campaign = new_campaign(live_server.data_dir, name="Fund Us")
    page = open_tab(laptop())
    page.goto(f"{live_server.url}/?c={campaign.id}&step=profile")
    expect(widget(page, "f:profile.problem")).to_be_visible()
    settle(page)
    live_server.kill()
    expect(cut_off(page)).to_be_disabled(timeout=15_000)
    widget(page, "f:profile.problem").click()
    page.keyboard.type("Typed while the server was away.", delay=15)
    live_server.start()
    wait_stored(live_server.data_dir, campaign.id, "profile", "problem", "Typed while the server was away.", 30)
    expect(widget(page, "f:profile.problem")).to_have_value("Typed while the server was away.")
