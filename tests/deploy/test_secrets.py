"""Settings can come from Streamlit's own secrets file: its root-level keys become the app's environment."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import expect

from campaign import Campaign, CampaignRepository, load_worksheets, open_store
from tests.deploy.cluster import ROOT
from tests.s3_server import free_port
from tests.ui.browser import shared_chromium, stop_process, streamlit_command, wait_healthy

pytestmark = pytest.mark.browser


def test_the_data_store_named_in_secrets_toml_is_the_one_used(tmp_path: Path) -> None:
    data = tmp_path / "campaigns-from-secrets"
    campaign = Campaign(id="")
    campaign.set_answer("profile", "name", "Named in secrets.toml")
    created = CampaignRepository(open_store(data), load_worksheets()).create(campaign)
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(f'CAMPAIGN_DATA_DIR = "{data}"\nADVOCACY_MODE = "shared"\n', encoding="utf-8")

    environment = {k: v for k, v in os.environ.items() if k not in {"CAMPAIGN_DATA_DIR", "CAMPAIGN_STORE"}}
    port, log = free_port(), tmp_path / "server.log"
    with log.open("wb") as output:
        server = subprocess.Popen(
            streamlit_command(port, f"--secrets.files={secrets}"),
            cwd=ROOT,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        try:
            url = f"http://127.0.0.1:{port}"
            wait_healthy(url, server, log)
            page = shared_chromium().new_page()  # one Playwright per test process (tests/ui/browser.py)
            page.goto(f"{url}/?c={created.id}&step=profile")
            expect(page.get_by_role("textbox", name="Campaign name", exact=True)).to_have_value(
                "Named in secrets.toml", timeout=30_000
            )
            page.close()
        finally:
            stop_process(server)


SIGN_IN = (
    'redirect_uri = "http://127.0.0.1:8501/oauth2callback"\ncookie_secret = "not-a-real-secret-only-for-tests"\n'
    'client_id = "advocacy"\nclient_secret = "not-a-real-secret"\n'
    'server_metadata_url = "https://login.example.org/.well-known/openid-configuration"\n'
)
UNUSABLE = {
    "does not parse": "[auth]\n" + SIGN_IN.replace('client_id = "advocacy"', 'client_id = "advocacy'),
    "a typo in a key": "[auth]\n" + SIGN_IN.replace("client_id =", "clientid ="),
}


@pytest.mark.parametrize("text", UNUSABLE.values(), ids=UNUSABLE.keys())
def test_sign_in_settings_that_cannot_be_used_stop_a_real_server(tmp_path: Path, text: str) -> None:
    data = tmp_path / "data"
    campaign = Campaign(id="")
    campaign.set_answer("profile", "name", "Listed for nobody")
    created = CampaignRepository(open_store(data), load_worksheets()).create(campaign)
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(text, encoding="utf-8")
    environment = {k: v for k, v in os.environ.items() if k not in {"CAMPAIGN_STORE", "ADVOCACY_MODE"}}
    environment["CAMPAIGN_DATA_DIR"] = str(data)  # personal mode: the start page would list every campaign
    port, log = free_port(), tmp_path / "server.log"
    with log.open("wb") as output:
        server = subprocess.Popen(
            streamlit_command(port, f"--secrets.files={secrets}"),
            cwd=ROOT,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        try:
            url = f"http://127.0.0.1:{port}"
            wait_healthy(url, server, log)
            page = shared_chromium().new_page()
            for address in (url, f"{url}/?c={created.id}&step=profile"):
                page.goto(address)
                expect(page.get_by_text("Sign-in is switched on but its settings cannot be used")).to_be_visible(
                    timeout=30_000
                )
                expect(page.get_by_text("Listed for nobody")).to_have_count(0)
                expect(page.get_by_role("textbox")).to_have_count(0)
                expect(page.get_by_role("button", name="Sign in")).to_have_count(0)
            page.close()
        finally:
            stop_process(server)
    assert "sign-in is configured but cannot be used, the app stops" in log.read_text(errors="replace")
