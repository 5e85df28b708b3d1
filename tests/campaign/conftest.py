"""Stores for the storage tests: a local folder, and a real S3 protocol server (moto) on 127.0.0.1."""

import os
from pathlib import Path

import pytest

from campaign.object_store import ObjectStore
from campaign.storage import BlobStore, LocalFolderStore
from tests.s3_server import new_bucket, s3_environment, s3_options


@pytest.fixture(params=["folder", "s3"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> BlobStore:
    """Each storage test runs against both stores the app can use."""
    if request.param == "folder":
        return LocalFolderStore(tmp_path / "data")
    endpoint = request.getfixturevalue("s3_endpoint")
    return ObjectStore(new_bucket(endpoint), **s3_options(endpoint))


@pytest.fixture
def s3_env(s3_endpoint: str, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """Point `open_store()` at a fresh bucket on the test server; return the environment used."""
    environment = {**s3_environment(s3_endpoint), "CAMPAIGN_STORE": new_bucket(s3_endpoint)}
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    return {**os.environ, **environment}
