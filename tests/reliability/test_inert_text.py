"""Answers are shown as text everywhere: HTML, Markdown links and images, scripts and directives stay inert.

A group's answers reach other people's screens (the facilitator's dashboard, every group's plenary page), so
an answer that rendered as markup could fetch from the internet, run a script or dress up as the app.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from campaign import Campaign, load_worksheets, open_store
from campaign.example import example_campaign
from campaign.repository import CampaignRepository
from campaign.workshops import WorkshopRepository
from tests.reliability.conftest import open_tab
from tests.reliability.pages import settle
from ui.text import WORD_JOINER

pytestmark = pytest.mark.browser

HOST = "198.51.100.7"  # TEST-NET-2: never a real machine; any request to it is a leak
HOSTILE = {
    "script": "<script>alert(1)</script>",
    "img": f'<img src="http://{HOST}/x.png" onerror="alert(1)">',
    "link": f"[link](http://{HOST}/)",
    "image": f"![img](http://{HOST}/p.png)",
    "bold": "**bold**",
    "math": "$x$",
    "colour": ":red[colour]",
    "bare": f"see http://{HOST}/bare or www.{HOST}.example or write to evil@{HOST}.example",
    "html": "<b>not bold</b> &amp; <iframe src=x></iframe>",
    "icon": ":material/home: :smile:",
}
ALL = " ".join(HOSTILE.values())
SHOWN = ["<script>alert(1)</script>", "**bold**", "$x$", ":red[colour]", f"[link](http://{HOST}/)", ":material/home:"]


def hostile_campaign(pack) -> Campaign:
    """The worked example with hostile text in the answers other people see (title, goal, messages, lists)."""
    campaign = example_campaign(pack)
    campaign.set_answer("profile", "name", "**bold** $x$ :red[colour] <script>alert(1)</script>")
    campaign.set_answer("profile", "problem", ALL)
    campaign.set_answer("profile", "key_figures", list(HOSTILE.values()))
    campaign.set_answer("objectives", "goal", ALL)
    objectives = campaign.rows("objectives", "objectives")
    objectives[0]["statement"] = ALL
    messages = campaign.rows("messages", "messages")
    messages[0]["core_message"] = ALL
    partners = campaign.rows("audiences", "partners")
    partners[0]["name"] = HOSTILE["img"]
    return campaign


def assert_inert(page: Page, where: str) -> None:
    """Nothing from an answer became an element, ran, or was fetched."""
    settle(page)
    leaks = page.evaluate(
        """(host) => [...document.querySelectorAll('img, a, script, iframe, source, video, audio, object, embed')]
            .map(e => e.outerHTML)
            .filter(html => html.includes(host) || html.includes('alert(') || html.includes('src="x"'))""",
        HOST,
    )
    assert leaks == [], f"{where}: markup from an answer was rendered: {leaks[:3]}"
    markup = page.evaluate(
        "() => [...document.querySelectorAll('strong, b, em, .katex, mark')].map(e => e.textContent)"
    )
    assert not {"bold", "not bold", "colour", "x"} & {m.strip() for m in markup}, f"{where}: rendered as Markdown"
    assert page.remote_requests == [], f"{where}: fetched {page.remote_requests}"  # type: ignore[attr-defined]
    assert page.dialogs == [], f"{where}: a script ran"  # type: ignore[attr-defined]


def text_of(page: Page) -> str:
    """Return the page's visible text, without the invisible word joiners that keep addresses from linking."""
    return " ".join(page.locator("body").inner_text().replace(WORD_JOINER, "").split())


@pytest.fixture
def hostile(live_server):
    pack = load_worksheets()
    campaigns = CampaignRepository(open_store(live_server.data_dir), pack)
    workshops = WorkshopRepository(campaigns.store, campaigns)
    workshop, token = workshops.create(HOSTILE["img"] + " forum", place=HOSTILE["link"])
    _, group = workshops.join(workshop.join_code, "**Table** <img src=x onerror=alert(1)>")
    stored = campaigns.load(group.id)
    mine = hostile_campaign(pack)
    mine.id, mine.revision, mine.workshop = stored.id, stored.revision, stored.workshop
    campaigns.save(mine, stored)
    workshops.update(workshop.id, lambda w: (setattr(w, "show_side_by_side", True), setattr(w, "current_step", "goal")))
    personal = campaigns.create(hostile_campaign(pack))
    return {"group": group.id, "token": token, "personal": personal.id, "pack": pack}


def _watch(page: Page) -> Page:
    page.dialogs = []  # type: ignore[attr-defined]
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))  # type: ignore[attr-defined]
    return page


def test_every_step_review_and_start_page_show_answers_as_text(live_server, laptop, hostile) -> None:
    page = _watch(open_tab(laptop()))
    page.goto(live_server.url)  # the personal start page lists the campaign by its (hostile) title
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.get_by_role("tab").nth(1).click()  # "Continue a campaign"
    assert_inert(page, "start page")
    assert "**bold** $x$ :red[colour] <script>alert(1)</script>" in text_of(page)
    for sheet in hostile["pack"].worksheets:
        page.goto(f"{live_server.url}/?c={hostile['personal']}&step={sheet.id}")
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert_inert(page, sheet.id)
    page.goto(f"{live_server.url}/?c={hostile['personal']}&step=review")
    expect(page.get_by_role("tab").first).to_be_visible()
    for tab in page.get_by_role("tab").all():
        tab.click()
        assert_inert(page, f"review › {tab.inner_text()}")
    shown = text_of(page)
    for literal in SHOWN:
        assert literal in shown, f"the preview does not show {literal!r} as typed"


def test_the_dashboard_and_the_plenary_show_a_groups_answers_as_text(live_server, laptop, hostile) -> None:
    board = _watch(open_tab(laptop()))
    board.goto(f"{live_server.url}/?f={hostile['token']}")
    expect(board.get_by_test_id("stDataFrame")).to_be_visible(timeout=30_000)  # a fresh page's first table
    assert_inert(board, "dashboard")
    board.get_by_test_id("stSelectbox").last.click()
    board.get_by_role("option").first.click()  # open the group's plan, read-only
    assert_inert(board, "a group's plan on the dashboard")
    for literal in SHOWN:
        assert literal in text_of(board), f"the group's plan does not show {literal!r} as typed"
    for tab in board.get_by_role("tab").all():
        tab.click()
        assert_inert(board, f"dashboard › {tab.inner_text()}")

    group = _watch(open_tab(laptop()))
    group.goto(f"{live_server.url}/?c={hostile['group']}&step=plenary")
    expect(group.locator("[class*='st-key-plenary-group-0']")).to_be_visible()
    assert_inert(group, "plenary")
    assert "<script>alert(1)</script>" in text_of(group)
    for choice in group.get_by_test_id("stButtonGroup").get_by_role("button").all():
        choice.click()
        assert_inert(group, "plenary, other comparison")


def test_an_uploaded_hostile_campaign_file_stays_text(tmp_path: Path) -> None:
    # the same answers written to a file and read back keep every character: nothing is stripped or escaped
    pack = load_worksheets()
    repo = CampaignRepository(open_store(tmp_path), pack)
    stored = repo.load(repo.create(hostile_campaign(pack)).id)
    assert stored.answer("profile", "problem") == ALL
    assert stored.answer("profile", "key_figures") == list(HOSTILE.values())
