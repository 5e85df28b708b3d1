"""The image's environment plus a store URL: two app servers and the command line all keep campaigns in the store.

The image sets `CAMPAIGN_DATA_DIR=/data` and compose adds `CAMPAIGN_STORE=s3://...`; each container has its own
`/data`, so a server that preferred the folder would keep each campaign on one server only.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from campaign import CampaignRepository, load_worksheets
from campaign.object_store import ObjectStore
from campaign.reading import title
from tests.deploy.test_image import image_settings
from tests.reliability.servers import RestartableServer
from tests.s3_server import new_bucket, s3_environment, s3_options
from tests.ui.browser import ROOT, SCREEN, shared_chromium

pytestmark = pytest.mark.browser
SAVED = re.compile(r"Saved · \d\d:\d\d:\d\d")
PATIENCE = 60_000  # ms: a first page load of a fresh server on a busy CI machine


def container_environment(endpoint: str, bucket: str) -> dict[str, str]:
    """Return what compose gives each app container: the image's ENV, then compose's store settings."""
    settings, _ = image_settings()
    assert settings["CAMPAIGN_DATA_DIR"] == "/data", "the image keeps a data folder of its own"
    return {**settings, **s3_environment(endpoint), "CAMPAIGN_STORE": bucket}


@pytest.fixture
def two_containers(s3_endpoint: str, tmp_path: Path) -> Iterator[tuple[list[RestartableServer], str]]:
    bucket = new_bucket(s3_endpoint)
    environment = container_environment(s3_endpoint, bucket)
    servers = []
    try:
        for name in ("app1", "app2"):
            folder = tmp_path / name / "data"  # the container's own /data volume
            folder.mkdir(parents=True)
            own = environment | {"CAMPAIGN_DATA_DIR": str(folder)}
            server = RestartableServer(folder, tmp_path / f"{name}.log", own)
            servers.append(server)
            server.start()
        yield servers, bucket
    finally:
        for server in servers:
            server.stop()


def open_page(url: str) -> Page:
    page = shared_chromium().new_page(viewport=SCREEN)
    page.set_default_timeout(30_000)
    page.goto(url)
    return page


def test_both_servers_and_the_command_line_keep_campaigns_in_the_store_not_their_folders(
    two_containers: tuple[list[RestartableServer], str], s3_endpoint: str, tmp_path: Path
) -> None:
    (first, second), bucket = two_containers
    page = open_page(first.url)
    try:
        page.get_by_role("button", name="Or explore the worked example (a campaign in Kenya)").click()
        expect(page.get_by_role("heading", name="Campaign profile")).to_be_visible(timeout=PATIENCE)
        campaign_id = re.search(r"[?&]c=([^&]+)", page.url).group(1)  # type: ignore[union-attr]
        country = page.get_by_role("textbox", name="Country", exact=True)
        country.fill("Nepal")
        country.press("Tab")
        expect(page.get_by_text(SAVED).first).to_be_visible(timeout=PATIENCE)
    finally:
        page.close()

    stored = CampaignRepository(ObjectStore(bucket, **s3_options(s3_endpoint)), load_worksheets()).load(campaign_id)
    assert stored.answer("profile", "country") == "Nepal"

    page = open_page(f"{second.url}/?c={campaign_id}&step=profile")  # the other container
    try:
        expect(page.get_by_role("heading", name="Campaign profile")).to_be_visible(timeout=PATIENCE)
        expect(page.get_by_role("textbox", name="Country", exact=True)).to_have_value("Nepal", timeout=PATIENCE)
    finally:
        page.close()

    cli_folder = tmp_path / "cli" / "data"
    shown = subprocess.run(
        [sys.executable, "-m", "campaign", "history", campaign_id],
        cwd=ROOT,
        env={**os.environ, **container_environment(s3_endpoint, bucket), "CAMPAIGN_DATA_DIR": str(cli_folder)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert shown.returncode == 0, shown.stderr
    assert "(current)" in shown.stdout and title(stored, load_worksheets()) in shown.stdout

    for folder in (first.data_dir, second.data_dir, cli_folder):
        written = [path for path in folder.rglob("*") if path.is_file()] if folder.exists() else []
        assert not written, f"{folder} got campaign files although a store URL is set: {written[:3]}"
