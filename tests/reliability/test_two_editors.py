"""Two tabs of one browser, and two laptops, editing one campaign at once: nothing disappears silently."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.reliability.conftest import open_tab
from tests.reliability.pages import new_campaign, repository, settle, type_answer, wait_stored, widget

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("where", ["two tabs", "two laptops"])
def test_different_answers_both_survive_and_the_same_answer_is_a_visible_choice(live_server, laptop, where) -> None:
    campaign = new_campaign(live_server.data_dir, name="Fund Us")
    context = laptop()
    first = open_tab(context)
    second = open_tab(context if where == "two tabs" else laptop())
    for page in (first, second):
        page.goto(f"{live_server.url}/?c={campaign.id}&step=profile")
        settle(page)

    type_answer(first, "f:profile.country", "Uganda")
    type_answer(second, "f:profile.area", "Gulu district")  # typed on a page that has not seen "Uganda"
    wait_stored(live_server.data_dir, campaign.id, "profile", "area", "Gulu district")
    stored = repository(live_server.data_dir).load(campaign.id)
    assert (stored.answer("profile", "country"), stored.answer("profile", "area")) == ("Uganda", "Gulu district")
    expect(widget(second, "f:profile.country")).to_have_value("Uganda")  # the merge refills the page

    type_answer(first, "f:profile.owner", "Amina Odoch")
    type_answer(second, "f:profile.owner", "Joseph Mwangi")  # the same answer, changed on both
    clash = second.locator(".st-key-conflict-0")
    expect(clash).to_contain_text("Amina Odoch")
    expect(clash).to_contain_text("Joseph Mwangi")
    stored = repository(live_server.data_dir).load(campaign.id)
    assert stored.answer("profile", "owner") == "Amina Odoch"
    assert [(c.mine, c.theirs) for c in stored.conflicts] == [("Joseph Mwangi", "Amina Odoch")]

    first.reload()  # the clash is stored with the campaign: every tab sees it, also after a refresh
    expect(first.locator(".st-key-conflict-0")).to_contain_text("Joseph Mwangi")

    second.locator(".st-key-conflict-0-mine button").click()
    wait_stored(live_server.data_dir, campaign.id, "profile", "owner", "Joseph Mwangi")
    expect(second.locator(".st-key-conflict-0")).to_have_count(0)
    final = repository(live_server.data_dir).load(campaign.id)
    assert final.conflicts == []
    assert {f: final.answer("profile", f) for f in ("name", "country", "area", "owner")} == {
        "name": "Fund Us",
        "country": "Uganda",
        "area": "Gulu district",
        "owner": "Joseph Mwangi",
    }
    # every value anyone typed is in the kept revisions: the one not chosen too
    repo = repository(live_server.data_dir)
    owners = {repo.load_revision(campaign.id, n).answer("profile", "owner") for n in repo.revisions(campaign.id)}
    assert {"Amina Odoch", "Joseph Mwangi"} <= owners
