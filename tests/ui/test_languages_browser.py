"""In a real browser: the app in French from the link, a campaign started and saved in French, the browser's
own language as the default, and an answer typed in Arabic reading right to left."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.ui.browser import SCREEN
from tests.ui.test_browser import settle

pytestmark = pytest.mark.browser
SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
ARABIC = "تمويل مائتي وظيفة للأخصائيين الاجتماعيين في المقاطعة"


def test_a_campaign_started_in_french_speaks_french_and_saves(page: Page, server: str) -> None:
    page.goto(f"{server}/?lang=fr")
    expect(page.get_by_role("tab", name="Commencer une nouvelle campagne")).to_be_visible()
    page.get_by_role("textbox", name="Nom de la campagne", exact=True).fill("Recensez-nous")
    page.get_by_role("textbox", name="Pays", exact=True).fill("Sénégal")
    page.get_by_role("button", name="Commencer la campagne").click()
    expect(page.get_by_role("heading", name="Profil de la campagne")).to_be_visible()
    assert "lang=fr" in page.url and "step=profile" in page.url

    area = page.get_by_role("textbox", name="Province, comté ou district", exact=True)
    area.fill("Région de Thiès")
    area.press("Tab")
    expect(page.get_by_text(re.compile(r"Enregistré · \d\d:\d\d:\d\d")).first).to_be_visible()
    expect(page.get_by_role("button", name="Suivant : Objectifs")).to_be_visible()

    page.reload()  # the language and the answer both survive a refresh
    expect(page.get_by_role("heading", name="Profil de la campagne")).to_be_visible()
    expect(page.get_by_role("textbox", name="Province, comté ou district", exact=True)).to_have_value("Région de Thiès")
    assert page.remote_requests == []  # type: ignore[attr-defined]


def test_the_browsers_language_is_the_default(browser: Browser, server: str) -> None:
    context = browser.new_context(viewport=SCREEN, locale="es-GT")
    try:
        page = context.new_page()
        page.goto(server)
        expect(page.get_by_role("tab", name="Empezar una campaña nueva")).to_be_visible(timeout=20_000)
    finally:
        context.close()


def test_an_answer_in_arabic_reads_right_to_left(page: Page, server: str) -> None:
    page.goto(server)
    page.get_by_role("button", name="Or explore the worked example").click()
    expect(page.get_by_role("heading", name="Campaign profile")).to_be_visible()
    page.get_by_text("2. Objectives").click()
    goal = page.get_by_role("textbox", name="Long-term goal", exact=True)
    goal.fill(ARABIC)
    goal.press("Tab")
    settle(page)
    # each paragraph takes the direction of its first letter: Arabic starts at the right edge of its box
    assert goal.evaluate("e => getComputedStyle(e).unicodeBidi") == "plaintext"
    box = goal.bounding_box()
    text_right = goal.evaluate(
        """e => {
            const probe = document.createElement('span');
            const style = getComputedStyle(e);
            probe.style.font = style.font;
            probe.textContent = e.value;
            document.body.appendChild(probe);
            const width = probe.getBoundingClientRect().width;
            probe.remove();
            return width;
        }"""
    )
    assert box is not None and text_right < box["width"]
    goal.scroll_into_view_if_needed()
    SHOTS.mkdir(parents=True, exist_ok=True)
    goal.screenshot(path=SHOTS / "rtl-answer.png")
    # the pixels: Arabic ink sits against the right edge, the left part of the box stays empty
    from io import BytesIO

    from PIL import Image

    image = Image.open(BytesIO(goal.screenshot())).convert("L")
    width, height = image.size
    # rows above the resize grip, which a right-to-left text area draws in its bottom-left corner
    ink = [x for x in range(width) for y in range(8, height - 16) if image.getpixel((x, y)) < 110]
    assert ink and min(ink) > width * 0.25 and max(ink) > width * 0.75, (min(ink), max(ink), width)
