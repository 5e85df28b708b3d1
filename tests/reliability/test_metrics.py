"""Streamlit's `/_stcore/metrics` counts open sessions and cached workshops: it never leaves the deployment.

Streamlit 1.67 has no option to turn the endpoint off or protect it (`streamlit config show`: only
`server.enableExpensiveMemoryStats` and `server.unsafeMetricsUserAttributes` touch it), so the proxy in front
(deploy/haproxy.cfg, the one users reach) refuses it, however the path is spelt. Real servers, real HAProxy.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.deploy.cluster import cluster

SPELLINGS = [
    "/_stcore/metrics",
    "/_stcore/metrics?format=text",
    "/_stcore/metrics/",
    "/_stcore/%6Detrics",
    "/_stcore/%6detrics",
    "/%5Fstcore/metrics",
    "/_STCORE/METRICS",
    "//_stcore/metrics",
    "/_stcore//metrics",
    "/./_stcore/metrics",
    "/x/../_stcore/metrics",
]


def _get(url: str, accept: str = "text/plain") -> tuple[int, str, str]:
    """Return the status, the content type and the body of a GET."""
    request = urllib.request.Request(url, headers={"Accept": accept})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read().decode("utf-8", "replace")


def _is_metrics(status: int, kind: str, body: str) -> bool:
    return status == 200 and ("openmetrics" in kind or "protobuf" in kind or "active_sessions" in body)


@pytest.fixture(scope="module")
def deployment(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    folder: Path = tmp_path_factory.mktemp("metrics")
    with cluster({"CAMPAIGN_DATA_DIR": str(folder / "data"), "ADVOCACY_MODE": "shared"}, folder) as running:
        yield running


def test_a_bare_app_server_still_publishes_metrics_so_the_proxy_must_refuse_them(deployment) -> None:
    server = f"http://{deployment.addresses['app1']}"
    reached = [path for path in SPELLINGS if _is_metrics(*_get(server + path))]
    assert "/_stcore/metrics" in reached and "/_stcore/%6Detrics" in reached, "the endpoint guarded against is real"


@pytest.mark.parametrize("path", SPELLINGS)
def test_no_spelling_of_the_metrics_path_reaches_them_through_the_proxy(deployment, path: str) -> None:
    for accept in ("text/plain", "application/x-protobuf"):
        status, kind, _ = _get(deployment.proxy + path, accept)
        assert not _is_metrics(status, kind, _), (path, accept, status, kind)


def test_the_proxy_still_serves_the_app_and_its_health_check(deployment) -> None:
    assert _get(deployment.proxy + "/_stcore/health")[::2] == (200, "ok")
    status, _, body = _get(deployment.proxy + "/")
    assert status == 200 and "<html" in body.lower()
