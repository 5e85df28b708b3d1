"""Text the server never received is kept in the browser and offered back: nothing typed is silently gone.

A laptop asleep over lunch, a server restarted, a tab closed while the network was down: the answer box
keeps what it has not yet seen stored in the browser's localStorage, puts it back when the page opens
again, and sends it. When the stored answer changed meanwhile, the box shows the stored one and offers the
unsent text back instead of writing over someone else's answer.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from campaign import Campaign, CampaignRepository
from tests.reliability.conftest import open_tab
from tests.reliability.pages import new_campaign, repository, settle, wait_stored

pytestmark = pytest.mark.browser

GOAL = ".st-key-f-objectives-goal"
TYPED = "Every ward has a social worker by 2030"
KEPT = "() => Object.keys(localStorage).filter((key) => key.startsWith('answer-box:'))"


def open_goal(page: Page, url: str, campaign_id: str) -> None:
    page.goto(f"{url}/?c={campaign_id}&step=objectives")
    page.locator(f"{GOAL} .answer-box__input").wait_for()
    settle(page)


def type_while_the_server_is_down(live_server, page: Page, text: str, leave: str) -> Page:
    """Kill the server, type `text` into the goal, leave the page as a person does; return the page to use."""
    live_server.kill()
    page.locator(f"{GOAL} .answer-box__input").click()
    page.keyboard.type(text, delay=15)
    page.wait_for_timeout(1500)  # the pause has passed: the box tried to send it, and nobody answered
    context = page.context
    if leave == "close the tab":
        page.close(run_before_unload=True)
        page = open_tab(context)
    else:
        with pytest.raises(Exception):  # noqa: B017 - the browser's own error page: nothing answers
            page.reload(timeout=5000)
    live_server.start()
    return page


def unsent_while_another_laptop_answers(live_server, laptop) -> tuple[Campaign, Page, CampaignRepository]:
    """Type the goal while the server is down and close the tab; let another laptop store another goal;
    return the campaign, the page opened on it again, and the repository."""
    campaign = new_campaign(live_server.data_dir, name="Lunch break")
    page = open_tab(laptop())
    open_goal(page, live_server.url, campaign.id)
    page = type_while_the_server_is_down(live_server, page, TYPED, "close the tab")
    repo = repository(live_server.data_dir)
    other = repo.load(campaign.id)
    other.set_answer("objectives", "goal", "Typed on the other laptop")
    repo.save(other, repo.load(campaign.id))
    open_goal(page, live_server.url, campaign.id)
    return campaign, page, repo


@pytest.mark.parametrize("leave", ["close the tab", "reload"])
def test_text_typed_while_the_server_was_away_comes_back_and_is_stored(live_server, laptop, leave) -> None:
    campaign = new_campaign(live_server.data_dir, name="Lunch break")
    page = open_tab(laptop())
    open_goal(page, live_server.url, campaign.id)
    page = type_while_the_server_is_down(live_server, page, TYPED, leave)
    open_goal(page, live_server.url, campaign.id)
    expect(page.locator(f"{GOAL} .answer-box__input")).to_have_value(TYPED)
    expect(page.locator(f"{GOAL} .answer-box__note")).to_be_visible()  # it says where the text came from
    wait_stored(live_server.data_dir, campaign.id, "objectives", "goal", TYPED)
    page.wait_for_timeout(1000)
    assert page.evaluate(KEPT) == []  # stored: the browser keeps no copy any more
    page.reload()
    page.locator(f"{GOAL} .answer-box__input").wait_for()
    settle(page)
    expect(page.locator(f"{GOAL} .answer-box__note")).to_have_count(0)  # offered once, not on every visit


def test_unsent_text_is_offered_back_when_the_answer_changed_meanwhile(live_server, laptop) -> None:
    campaign, page, repo = unsent_while_another_laptop_answers(live_server, laptop)
    box, note = page.locator(f"{GOAL} .answer-box__input"), page.locator(f"{GOAL} .answer-box__note")
    expect(box).to_have_value("Typed on the other laptop")  # never written over without a word
    expect(note).to_contain_text(TYPED)
    page.wait_for_timeout(1500)
    assert repo.load(campaign.id).answer("objectives", "goal") == "Typed on the other laptop"
    note.get_by_role("button", name="Put it back").click()
    expect(box).to_have_value(TYPED)
    wait_stored(live_server.data_dir, campaign.id, "objectives", "goal", TYPED)
    expect(note).to_have_count(0)


def test_discarding_unsent_text_keeps_the_stored_answer_and_forgets_the_copy(live_server, laptop) -> None:
    campaign, page, repo = unsent_while_another_laptop_answers(live_server, laptop)
    page.locator(f"{GOAL} .answer-box__note").get_by_role("button", name="Discard").click()
    expect(page.locator(f"{GOAL} .answer-box__note")).to_have_count(0)
    assert page.evaluate(KEPT) == []
    page.reload()
    page.locator(f"{GOAL} .answer-box__input").wait_for()
    expect(page.locator(f"{GOAL} .answer-box__note")).to_have_count(0)
    assert repo.load(campaign.id).answer("objectives", "goal") == "Typed on the other laptop"


def test_an_answer_stored_as_typed_leaves_no_copy_in_the_browser(live_server, laptop) -> None:
    campaign = new_campaign(live_server.data_dir, name="Shared computer")
    page = open_tab(laptop())
    open_goal(page, live_server.url, campaign.id)
    page.locator(f"{GOAL} .answer-box__input").click()
    page.keyboard.type(TYPED, delay=15)
    wait_stored(live_server.data_dir, campaign.id, "objectives", "goal", TYPED)
    page.wait_for_timeout(1000)
    assert page.evaluate(KEPT) == []  # a shared computer keeps no answer that the server already has
