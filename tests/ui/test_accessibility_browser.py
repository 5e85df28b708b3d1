"""axe-core in Chromium on every page (issue 17): no serious or critical violation on the start page, steps that
together show every field type of the default pack, review, settings, every dashboard tab and the join page.

One server, one browser tab visiting the pages in turn. axe-core comes from the pinned `axe-playwright-python`
(its `axe.min.js` is inside the wheel: nothing is fetched at test time). docs/accessibility.md lists what is
checked and the exclusions.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from campaign import CampaignRepository, load_worksheets, open_store
from campaign.example import example_campaign
from campaign.workshops import WorkshopRepository
from tests.ui.browser import SCREEN, app_server
from tests.ui.test_browser import settle

pytestmark = pytest.mark.browser

IMPACTS = ("serious", "critical")
# (axe rule id, CSS selector of the one Streamlit element it may fail on, why it cannot be fixed from our code).
# Keep it short: every entry is listed in docs/accessibility.md, and everything else still fails.
EXCLUDED: tuple[tuple[str, str, str], ...] = ()
# The steps visited, and which of their field types each shows as a real widget (a table's cells included).
STEPS = {"profile": "text, long text, choice, multi-choice, list, date", "risks": "number, table (cards, grid)"}


@dataclass(frozen=True)
class Site:
    """The seeded server: its address, the example campaign's id, a workshop's secret token and join code."""

    url: str
    campaign: str
    token: str
    code: str


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, browser: Browser) -> Iterator[Site]:
    folder = tmp_path_factory.mktemp("axe")
    store = open_store(folder / "data")
    pack = load_worksheets()
    campaigns = CampaignRepository(store, pack)
    campaign = campaigns.create(example_campaign(pack))
    workshops = WorkshopRepository(store, campaigns)
    workshop, token = workshops.create("Accessible forum")
    workshops.join(workshop.join_code, "Table 1", visitor="table-1")
    with app_server(folder / "data", folder / "streamlit.log") as url:
        yield Site(url, campaign.id, token, workshop.join_code)


@pytest.fixture(scope="module")
def tab(browser: Browser, site: Site) -> Iterator[Page]:
    """One browser tab for the whole module: the pages are visited in one session, one after the other."""
    context = browser.new_context(viewport=SCREEN, locale="en-US")
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    context.close()


def serious_violations(page: Page) -> list[str]:
    """Run axe-core on the page as it is drawn now; return its serious and critical violations, one line each."""
    try:
        from axe_playwright_python.sync_playwright import Axe
    except ImportError:  # an environment made before requirements-dev.txt named it
        pytest.fail("axe-playwright-python is missing: run `make setup-dev` (requirements-dev.txt pins it)")
    results: dict[str, Any] = Axe().run(page).response
    found = []
    for violation in results["violations"]:
        if violation["impact"] not in IMPACTS:
            continue
        for node in violation["nodes"]:
            if _excluded(page, violation["id"], node["target"]):
                continue
            found.append(
                f"{violation['impact']} {violation['id']} at {node['target']}: {violation['help']} "
                f"({violation['helpUrl']})\n    {node['html'][:200]}\n    {node['failureSummary']}"
            )
    return found


def _excluded(page: Page, rule: str, target: list[Any]) -> bool:
    selectors = [selector for excluded_rule, selector, _ in EXCLUDED if excluded_rule == rule]
    if not selectors or len(target) != 1 or not isinstance(target[0], str):
        return False
    return bool(
        page.evaluate(
            "([target, selectors]) => { const e = document.querySelector(target);"
            " return !!e && selectors.some(s => e.matches(s) || !!e.closest(s)); }",
            [target[0], selectors],
        )
    )


def check(page: Page, where: str) -> None:
    settle(page)
    found = serious_violations(page)
    assert not found, f"axe-core on {where}: {len(found)} serious or critical\n" + "\n".join(found)


def accessible_name(element: Locator) -> str:
    """Return the name Chromium's accessibility tree gives `element` (what a screen reader says)."""
    found = re.match(r'- \w+ "(.*?)"', element.aria_snapshot())
    return found[1] if found else ""


def _open(page: Page, url: str, heading: str) -> None:
    page.goto(url)
    expect(page.get_by_role("heading", name=heading).first).to_be_visible()


def open_card(page: Page, title: str) -> None:
    """Open the table row's folding card whose title starts with `title`, and wait for its widgets."""
    card = page.get_by_test_id("stExpander").filter(has_text=title)
    card.locator("summary").click()
    expect(card.locator("[data-testid=stExpanderDetails] [data-testid=stSelectbox]").first).to_be_visible()


PAGES: dict[str, Callable[[Page, Site], str]] = {}


def page_check(name: str) -> Callable[[Callable[[Page, Site], str]], Callable[[Page, Site], str]]:
    def register(visit: Callable[[Page, Site], str]) -> Callable[[Page, Site], str]:
        PAGES[name] = visit
        return visit

    return register


@page_check("start")
def _start(page: Page, site: Site) -> str:
    _open(page, site.url, "Advocacy Campaign Builder")
    return "the start page"


@page_check("step-profile")
def _profile(page: Page, site: Site) -> str:
    _open(page, f"{site.url}/?c={site.campaign}&step=profile", "Campaign profile")
    expect(page.locator("input[type=date]").first).to_be_visible()  # dates and numbers are answer boxes
    return "the profile step (" + STEPS["profile"] + ")"


@page_check("step-risks")
def _risks(page: Page, site: Site) -> str:
    _open(page, f"{site.url}/?c={site.campaign}&step=risks", "Risks, safeguarding, spokespeople and budget")
    expect(page.locator("[class*='st-key-grid-row-']").first).to_be_visible()  # the spokespeople's grid
    open_card(page, "Risk 1 ·")
    return "the risks step (" + STEPS["risks"] + ")"


@page_check("step-activities-card")
def _activities(page: Page, site: Site) -> str:
    _open(page, f"{site.url}/?c={site.campaign}&step=activities", "Advocacy activities")
    open_card(page, "Activity 1 ·")
    expect(page.locator("[data-kind=number] input:visible").first).to_be_visible()
    return "an activity's card (reference, number, date and choice inside a table)"


@page_check("review")
def _review(page: Page, site: Site) -> str:
    _open(page, f"{site.url}/?c={site.campaign}&step=review", "Review and export")
    return "the review page"


@page_check("settings")
def _settings(page: Page, site: Site) -> str:
    _open(page, f"{site.url}/?c={site.campaign}&step=settings", "Campaign settings")
    return "the settings page"


@page_check("join")
def _join(page: Page, site: Site) -> str:
    page.goto(f"{site.url}/?join={site.code}")
    expect(page.get_by_role("textbox", name="Your group's name", exact=True)).to_be_visible()
    return "the join page"


@pytest.mark.parametrize("name", list(PAGES))
def test_no_serious_or_critical_axe_violation(tab: Page, site: Site, name: str) -> None:
    check(tab, PAGES[name](tab, site))


def test_no_serious_or_critical_axe_violation_on_any_dashboard_tab(tab: Page, site: Site) -> None:
    tab.goto(f"{site.url}/?f={site.token}")
    tabs = tab.get_by_role("tab")
    expect(tabs.first).to_be_visible()
    names = [tabs.nth(number).inner_text() for number in range(tabs.count())]
    assert len(names) >= 4, names
    for name in names:
        tab.get_by_role("tab", name=name, exact=True).click()
        expect(tab.get_by_role("tab", name=name, exact=True)).to_have_attribute("aria-selected", "true")
        check(tab, f"the dashboard's {name!r} tab")


def test_the_visited_steps_show_every_field_type_of_the_default_pack() -> None:
    pack = load_worksheets()
    used = {f.type for w in pack.worksheets for f in w.fields} | {
        c.type for w in pack.worksheets for f in w.fields for c in getattr(f, "columns", [])
    }
    steps = [pack.worksheet(step) for step in (*STEPS, "activities")]
    shown = {f.type for w in steps for f in w.fields} | {
        c.type for w in steps for f in w.fields for c in getattr(f, "columns", [])
    }
    assert used <= shown, f"no visited step shows {sorted(used - shown)}"
    assert {"text", "long_text", "choice", "multi_choice", "date", "number", "list", "reference", "table"} <= used


def test_the_page_language_is_the_interface_language(tab: Page, site: Site) -> None:
    tab.goto(f"{site.url}/?lang=fr")
    expect(tab.get_by_role("tab", name="Commencer une nouvelle campagne")).to_be_visible()
    expect(tab.locator("html")).to_have_attribute("lang", "fr")
    tab.goto(site.url)
    expect(tab.get_by_role("tab", name="Start a new campaign")).to_be_visible()
    expect(tab.locator("html")).to_have_attribute("lang", re.compile("^en"))


def test_icon_only_buttons_are_named_in_words(tab: Page, site: Site) -> None:
    """A list item's remove, a grid row's remove and a choice's Clear say what they do, not "close icon"."""
    named = {}
    for step, drawn in (("profile", "list-"), ("risks", "grid-row-")):
        tab.goto(f"{site.url}/?c={site.campaign}&step={step}")
        expect(tab.locator(f"[class*='st-key-{drawn}'] button:visible").first).to_be_visible()
        settle(tab)
        for key in ("clearable-", "list-", "grid-row-"):  # a choice's Clear, a list's ×, a grid row's bin
            buttons = tab.locator(f"[class*='st-key-{key}'] button[data-testid^=stBaseButton]:visible")
            named[f"{step} {key}"] = [accessible_name(buttons.nth(n)) for n in range(buttons.count())]
    assert named["profile clearable-"] and named["profile list-"] and named["risks grid-row-"], named
    for where, names in named.items():
        for name in names:
            assert re.fullmatch(r"(Clear|Remove) .{3,}", name), f"a {where} button is named {name!r}"


# The contrast of an element's text over the page, its opacity and its ancestors' taken into account: axe-core's
# color-contrast rule never evaluates a long text's character count ("136/600"; neither passed nor failed).
TEXT_CONTRAST = """e => {
  const rgb = c => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
  let alpha = 1; for (let n = e; n; n = n.parentElement) alpha *= Number(getComputedStyle(n).opacity);
  const page = rgb(getComputedStyle(document.querySelector('[data-testid=stApp]')).backgroundColor);
  const text = rgb(getComputedStyle(e).color).map((c, i) => alpha * c + (1 - alpha) * page[i]);
  const lum = c => { const l = c.map(v => v / 255).map(v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * l[0] + 0.7152 * l[1] + 0.0722 * l[2]; };
  const [a, b] = [lum(text), lum(page)].sort((x, y) => y - x); return (a + 0.05) / (b + 0.05);
}"""


def test_a_long_texts_character_count_is_readable(tab: Page, site: Site) -> None:
    _open(tab, f"{site.url}/?c={site.campaign}&step=objectives", "Advocacy objectives")
    count = tab.locator(".answer-box__count:visible").first
    expect(count).to_have_text(re.compile(r"^\d+/\d+$"))
    contrast = count.evaluate(TEXT_CONTRAST)  # the page background: the count sits outside the box
    assert contrast >= 4.5, f"the count {count.inner_text()!r} is {contrast:.2f}:1 on the page"
