"""One settings object: the store's precedence, bad values in words, and no other module reading the environment."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from campaign.config import DEFAULT_DATA_DIR, ConfigError, config, read_config, store_location
from campaign.object_store import ObjectStore
from campaign.storage import LocalFolderStore, open_store

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [*(ROOT / "campaign").rglob("*.py"), *(ROOT / "exports").rglob("*.py"), *(ROOT / "ui").rglob("*.py")]
SOURCES.append(ROOT / "streamlit_app.py")
NAMES = {"environ", "environb", "getenv", "putenv", "unsetenv"}


def test_the_store_url_wins_over_the_data_folder_and_an_argument_over_both(tmp_path: Path) -> None:
    both = {"CAMPAIGN_STORE": "s3://campaigns/app", "CAMPAIGN_DATA_DIR": "/data"}
    assert read_config(both).store == "s3://campaigns/app"
    assert read_config({"CAMPAIGN_DATA_DIR": "/data"}).store == "/data"
    assert read_config({}).store == str(DEFAULT_DATA_DIR)
    assert store_location(tmp_path, both) == str(tmp_path)
    assert read_config({"CAMPAIGN_STORE": " ", "CAMPAIGN_DATA_DIR": "/data"}).store == "/data"  # blank is unset
    assert read_config({"CAMPAIGN_DATA_DIR": f"file://{tmp_path}"}).store == str(tmp_path)


def test_open_store_follows_the_same_precedence(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CAMPAIGN_DATA_DIR", str(tmp_path / "folder"))
    monkeypatch.setenv("CAMPAIGN_STORE", "s3://campaigns/app")
    monkeypatch.setenv("CAMPAIGN_STORE_ENDPOINT", "http://127.0.0.1:9")
    store = open_store()
    assert isinstance(store, ObjectStore) and store.url == "s3://campaigns/app"
    assert store.fs.client_kwargs["endpoint_url"] == "http://127.0.0.1:9"
    explicit = open_store(tmp_path / "mine")
    assert isinstance(explicit, LocalFolderStore) and explicit.root == tmp_path / "mine"


def test_every_setting_is_read_from_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name, value in {
        "CAMPAIGN_STORE_ENDPOINT": "http://minio:9000",
        "CAMPAIGN_STORE_REGION": "eu-west-1",
        "WORKSHEET_PACK": str(tmp_path),
        "ADVOCACY_MODE": " Shared ",
        "ADVOCACY_PUBLIC_URL": "https://plans.example.org/?x=1",
    }.items():
        monkeypatch.setenv(name, value)
    settings = config()
    assert (settings.store_endpoint, settings.store_region) == ("http://minio:9000", "eu-west-1")
    assert settings.worksheet_pack == tmp_path and settings.mode == "shared"
    assert settings.public_url == "https://plans.example.org/"
    assert config({"ADVOCACY_MODE": "personal"}).mode == "personal", "a secrets.toml setting is laid over it"


@pytest.mark.parametrize(
    ("name", "value", "says"),
    [
        ("ADVOCACY_MODE", "sharde", "ADVOCACY_MODE is 'sharde': it must be personal (the default) or shared"),
        ("CAMPAIGN_STORE", "s3://", "names no bucket: write it as s3://bucket/prefix"),
        ("CAMPAIGN_STORE", "gs://bucket/app", "is neither a folder nor an s3://bucket/prefix URL"),
        ("ADVOCACY_PUBLIC_URL", "plans.example.org", "it must start with https://"),
    ],
)
def test_a_bad_value_is_named_in_words(name: str, value: str, says: str) -> None:
    with pytest.raises(ConfigError, match=says.replace("?", r"\?").replace("(", r"\(").replace(")", r"\)")):
        read_config({name: value})


def test_the_command_line_names_a_bad_setting_without_a_traceback(tmp_path: Path) -> None:
    environment = {**os.environ, "ADVOCACY_MODE": "sharde"}
    shown = subprocess.run(
        [sys.executable, "-m", "campaign", "worksheets"], cwd=ROOT, env=environment, capture_output=True, text=True
    )
    assert shown.returncode == 2
    assert shown.stderr.strip() == "error: ADVOCACY_MODE is 'sharde': it must be personal (the default) or shared"


def test_the_app_names_a_bad_setting_instead_of_a_traceback(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CAMPAIGN_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("ADVOCACY_MODE", "sharde")
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=60).run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        "This server's settings cannot be used: ADVOCACY_MODE is 'sharde': it must be personal (the default) or "
        "shared. Whoever runs it: fix the setting (docs/deploy.md lists them) and restart the app."
    ]


def reads_environment(tree: ast.AST) -> list[int]:
    """Return the lines of `tree` that touch `os.environ`, `os.getenv` or `os.putenv`, however imported."""
    lines = []
    for node in ast.walk(tree):
        if (isinstance(node, ast.Attribute) and node.attr in NAMES) or (
            isinstance(node, ast.ImportFrom) and node.module == "os" and {a.name for a in node.names} & NAMES
        ):
            lines.append(node.lineno)
    return lines


@pytest.mark.parametrize("path", SOURCES, ids=lambda path: str(path.relative_to(ROOT)))
def test_no_module_but_the_settings_reads_the_environment(path: Path) -> None:
    if path == ROOT / "campaign" / "config.py":
        assert reads_environment(ast.parse(path.read_text(encoding="utf-8")))  # the check itself finds reads
        return
    lines = reads_environment(ast.parse(path.read_text(encoding="utf-8")))
    assert not lines, f"{path.relative_to(ROOT)} reads the environment (lines {lines}): use campaign.config"
