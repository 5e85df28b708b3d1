"""Fixtures for the UI tests: a fresh data folder per test, the example campaign, and an app runner."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from streamlit.testing.v1 import AppTest

from campaign import Campaign, CampaignRepository, WorksheetPack, load_worksheets, open_store
from campaign.example import example_campaign

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

APP = Path(__file__).resolve().parents[2] / "streamlit_app.py"


@pytest.fixture(scope="session")
def pack() -> WorksheetPack:
    return load_worksheets()


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("CAMPAIGN_DATA_DIR", str(folder))
    monkeypatch.delenv("ADVOCACY_MODE", raising=False)
    return folder


@pytest.fixture
def repo(data_dir: Path, pack: WorksheetPack) -> CampaignRepository:
    return CampaignRepository(open_store(data_dir), pack)


@pytest.fixture
def example(repo: CampaignRepository, pack: WorksheetPack) -> Campaign:
    """The worked example, stored under a fresh id."""
    return repo.create(example_campaign(pack))


@pytest.fixture
def app() -> Callable[..., AppTest]:
    """Return a runner: `app(c=id, step="objectives")` opens that URL in a fresh session and runs it once."""

    def run(**query: str) -> AppTest:
        at = AppTest.from_file(str(APP), default_timeout=30)
        for name, value in query.items():
            at.query_params[name] = value
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    return run


def rerun(at: AppTest) -> AppTest:
    """Run `at` again and check that nothing raised."""
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.fixture
def new_campaign(repo: CampaignRepository) -> Campaign:
    """A campaign with only its name, organisation and country."""
    campaign = Campaign(id="")
    campaign.set_answer("profile", "name", "Fund Us")
    campaign.set_answer("profile", "lead_organisation", "Social Workers' Association")
    campaign.set_answer("profile", "country", "Nepal")
    return repo.create(campaign)


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app served by `streamlit run` on a free local port, with a data folder of its own."""
    from tests.ui.browser import app_server, require_chromium

    require_chromium()
    folder = tmp_path_factory.mktemp("server")
    with app_server(folder / "data", folder / "streamlit.log") as url:
        yield url


@pytest.fixture(scope="session")
def browser(server: str) -> Iterator[Browser]:
    """Headless Debian Chromium driven by Playwright (one per test process, shared with other folders)."""
    from tests.ui.browser import shared_chromium

    yield shared_chromium()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh laptop-sized page that records every request leaving this machine."""
    from tests.ui.browser import SCREEN

    # an English browser, whatever the machine's language: the app follows the browser's language by default
    context = browser.new_context(viewport=SCREEN, accept_downloads=True, locale="en-US")
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.remote_requests = []  # type: ignore[attr-defined]
    page.on("request", lambda request: _note_remote(page, request.url))
    yield page
    context.close()


def _note_remote(page: Page, url: str) -> None:
    if not url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:", "about:")):
        page.remote_requests.append(url)  # type: ignore[attr-defined]


class AnswerBox:
    """An answer box (ui/answer_box.py) as AppTest sees it: the answer it shows, and text typed into it.

    AppTest cannot drive a component in a browser: `input` puts in session state what the box's code
    reports after a pause in typing, and the app takes it as it takes a real report. The browser tests
    (tests/ui/test_typing_browser.py) type into the real box.
    """

    def __init__(self, at: AppTest, key: str) -> None:
        found = [element for element in at.get("bidi_component") if element.key == key]
        assert found, f"no answer box with key {key!r}"
        self.at, self.key = at, key
        self.data = json.loads(found[0].proto.json)

    @property
    def value(self) -> str:
        """Return the answer the box shows (the stored one, or the one typed and kept while a save fails)."""
        return self.data.get("value", "")

    @property
    def label(self) -> str:
        return self.data["label"]

    def input(self, text: str) -> AppTest:
        """Type `text` into the box (the next `run()` takes it)."""
        from ui.answer_box import report

        self.at.session_state[self.key] = report(text, uuid.uuid4().hex)
        return self.at


def box(at: AppTest, key: str) -> AnswerBox:
    """Return the answer box with widget key `key` on the page `at` last drew."""
    return AnswerBox(at, key)


def boxes(at: AppTest) -> list[AnswerBox]:
    """Return every answer box on the page `at` last drew."""
    return [AnswerBox(at, element.key) for element in at.get("bidi_component") if element.key]
