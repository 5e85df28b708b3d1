"""Keyboard alone, in Chromium (issue 17): a whole step filled with Tab, Shift+Tab, typing, arrows, Space and
Enter, no mouse after the page loads; then the next step by the keyboard, and every answer read from storage.

Also: focus is visible (an outline) on our own answer boxes.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from campaign import Campaign, CampaignRepository, load_worksheets, open_store
from tests.ui.browser import SCREEN, app_server
from tests.ui.test_browser import settle

pytestmark = pytest.mark.browser

# The focused element, looking inside shadow roots, and whether it sits in the container of a Streamlit key.
FOCUS_IN = (
    "css => { let e = document.activeElement; while (e && e.shadowRoot && e.shadowRoot.activeElement)"
    " e = e.shadowRoot.activeElement; return !!e && e.matches('input, textarea') && !!e.closest(css); }"
)
FOCUS_OUTLINE = (
    "() => { let e = document.activeElement; while (e && e.shadowRoot && e.shadowRoot.activeElement)"
    " e = e.shadowRoot.activeElement; const s = getComputedStyle(e);"
    " return [e.className, s.outlineStyle, parseFloat(s.outlineWidth)]; }"
)
ANSWERS = {
    "name": "Fund Us Now",
    "lead_organisation": "Nepal Association of Social Workers",
    "country": "Nepal",
    "level": "national",
    "area": "Bagmati Province",
    "themes": ["sdgs", "violence_against_children"],
    "problem": "One officer covers 40 villages in Kavre district.",
    "key_figures": ["1 social worker per 40,000 children (2026 census)", "35% of posts vacant (ministry, 2026)"],
    "start_date": dt.date(2027, 3, 1),
    "end_date": dt.date(2027, 12, 31),
    "owner": "Sita Sharma, sita@example.org",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, browser: Browser) -> Iterator[tuple[str, Path, str]]:
    """A server of its own, and an empty campaign in its data folder."""
    folder = tmp_path_factory.mktemp("keyboard")
    campaign = CampaignRepository(open_store(folder / "data"), load_worksheets()).create(Campaign(id=""))
    with app_server(folder / "data", folder / "streamlit.log") as url:
        yield url, folder / "data", campaign.id


def key_css(key: str) -> str:
    """Return the CSS class Streamlit gives the container of the element with key `key`."""
    return ".st-key-" + "".join(c if c.isalnum() or c in "-_" else "-" for c in key)


def tab_to(page: Page, key: str, *, back: bool = False, limit: int = 60) -> int:
    """Press Tab (Shift+Tab when `back`) until the focus is in the box of `key`'s element; return the presses.

    A widget's "?" help, its example and its Clear button are stops of their own on the way.
    """
    for presses in range(1, limit + 1):
        page.keyboard.press("Shift+Tab" if back else "Tab")
        if page.evaluate(FOCUS_IN, key_css(key)):
            return presses
    pytest.fail(f"{limit} presses of {'Shift+Tab' if back else 'Tab'} never reached {key!r}")


def assert_focus_outlined(page: Page, where: str) -> None:
    name, style, width = page.evaluate(FOCUS_OUTLINE)
    assert style not in ("none", "hidden") and width >= 2, f"focus on {where} ({name}): outline {style} {width}px"


def stored(data: Path, campaign_id: str) -> Campaign:
    return CampaignRepository(open_store(data), load_worksheets()).load(campaign_id)


def test_a_whole_step_is_filled_with_the_keyboard_alone(browser: Browser, site: tuple[str, Path, str]) -> None:
    url, data, campaign_id = site
    context = browser.new_context(viewport=SCREEN, locale="en-US")
    page = context.new_page()
    page.set_default_timeout(20_000)
    keys = page.keyboard
    try:
        page.goto(f"{url}/?c={campaign_id}&step=profile")
        expect(page.get_by_role("heading", name="Campaign profile")).to_be_visible()
        expect(page.locator(key_css("f:profile.owner") + " input")).to_be_visible()
        settle(page)
        # no mouse from here on: the keyboard only
        for field in ("name", "lead_organisation", "country"):
            tab_to(page, f"f:profile.{field}")
            assert_focus_outlined(page, field)
            keys.type(ANSWERS[field] if field != "lead_organisation" else "Nepal Association", delay=10)
        tab_to(page, "f:profile.lead_organisation", back=True)  # back to finish the organisation's name
        keys.press("End")
        keys.type(" of Social Workers", delay=10)

        tab_to(page, "f:profile.level")  # a choice: the arrows open its menu and move to "National"
        for _ in range(3):
            keys.press("ArrowDown")
        keys.press("Enter")
        settle(page)
        tab_to(page, "f:profile.area")
        keys.type(ANSWERS["area"], delay=10)

        # a multi-choice: the start of an option's label, then Enter, twice (Streamlit's menu opens on "Select
        # all", so arrows alone would count past it); Escape closes the menu
        tab_to(page, "f:profile.themes")
        for words in ("Sustain", "Violence"):
            keys.type(words, delay=20)
            keys.press("Enter")
            settle(page)
        keys.press("Escape")

        tab_to(page, "f:profile.problem")
        assert_focus_outlined(page, "the long text")
        keys.type(ANSWERS["problem"], delay=10)
        tab_to(page, "f:profile.key_figures.0")  # a list: Enter moves on to the next, empty item
        keys.type(ANSWERS["key_figures"][0], delay=10)
        keys.press("Enter")
        settle(page)
        keys.type(ANSWERS["key_figures"][1], delay=10)
        for field, typed in (("start_date", "03012027"), ("end_date", "12312027")):
            tab_to(page, f"f:profile.{field}")  # a date: its parts typed in the order the box shows them
            assert_focus_outlined(page, field)
            keys.type(typed, delay=30)
        tab_to(page, "f:profile.owner")
        keys.type(ANSWERS["owner"], delay=10)

        next_button = page.get_by_role("button", name="Next: Objectives")
        for _ in range(40):  # on to the next step by the keyboard: Tab to "Next", then Space
            keys.press("Tab")
            if next_button.evaluate("b => b === document.activeElement"):
                break
        else:
            pytest.fail("Tab never reached the Next button")
        keys.press("Space")
        expect(page.get_by_role("heading", name="Advocacy objectives")).to_be_visible()
    finally:
        context.close()

    deadline = time.monotonic() + 5
    while True:
        campaign = stored(data, campaign_id)
        answers = {field: campaign.answer("profile", field) for field in ANSWERS}
        missing = {f: (answers[f], want) for f, want in ANSWERS.items() if answers[f] != want}
        if not missing or time.monotonic() > deadline:
            break
        time.sleep(0.25)
    assert not missing, f"stored answers differ from what was typed (stored, typed): {missing}"
