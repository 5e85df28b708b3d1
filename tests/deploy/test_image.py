"""The container image holds everything the app needs: its file tree, assembled from deploy/Dockerfile's own
COPY lines (no Docker engine runs here), serves the app in every language and prints plans.

A file the app reads at run time but the Dockerfile forgets (the interface catalogs in `locales/` once were)
makes these tests fail, where a server started from the repo root would hide it.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.deploy.cluster import ROOT
from tests.s3_server import free_port
from tests.ui.browser import shared_chromium, stop_process, streamlit_command, wait_healthy

DOCKERFILE = ROOT / "deploy" / "Dockerfile"


def copy_instructions() -> list[tuple[list[str], str]]:
    """Return the Dockerfile's COPY instructions as (sources, destination), continuation lines joined."""
    text = DOCKERFILE.read_text(encoding="utf-8").replace("\\\n", " ")
    copies = []
    for line in text.splitlines():
        words = shlex.split(line, comments=True)
        if words[:1] == ["COPY"] and not any(word.startswith("--from") for word in words):
            arguments = [word for word in words[1:] if not word.startswith("--")]
            copies.append((arguments[:-1], arguments[-1]))
    return copies


def assemble_image(target: Path) -> Path:
    """Copy what the Dockerfile copies into `target` (its WORKDIR), as `docker build` would."""
    for sources, destination in copy_instructions():
        for source in sources:
            origin = ROOT / source
            if origin.is_dir():
                shutil.copytree(origin, target / destination, dirs_exist_ok=True)
            else:
                place = target / destination
                if destination.endswith("/"):
                    place = place / origin.name
                place.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(origin, place)
    return target


@pytest.fixture(scope="module")
def image(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return assemble_image(tmp_path_factory.mktemp("image") / "app")


def image_environment(data: Path) -> dict[str, str]:
    """The image's environment: nothing from the repo on the import path, the data folder of its VOLUME."""
    drop = {"PYTHONPATH", "CAMPAIGN_STORE", "CAMPAIGN_DATA_DIR"}
    environment = {key: value for key, value in os.environ.items() if key not in drop}
    environment.update(PYTHONDONTWRITEBYTECODE="1", CAMPAIGN_DATA_DIR=str(data))
    return environment


def run_in_image(image: Path, data: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *arguments],
        cwd=image,
        env=image_environment(data),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_every_file_the_dockerfile_copies_exists_and_nothing_else_is_shipped(image: Path) -> None:
    for sources, _ in copy_instructions():
        for source in sources:
            assert (ROOT / source).exists(), f"deploy/Dockerfile copies {source}, which is not in the repo"
    shipped = {path.name for path in image.iterdir()}
    assert {"campaign", "exports", "ui", "worksheets", "locales", "streamlit_app.py"} <= shipped
    assert not {"tests", "bench", "docs", "data", ".git"} & shipped, "no tests, benchmarks, docs or data"
    # every package requirements-s3.txt installs is what requirements.txt pins, plus s3fs
    assert "-r requirements.txt" in (ROOT / "requirements-s3.txt").read_text(encoding="utf-8")


def test_the_image_prints_a_french_plan_with_its_own_files_only(image: Path, tmp_path: Path) -> None:
    code = (
        "import campaign, exports, sys\n"
        "from pathlib import Path\n"
        "here = Path.cwd().resolve()\n"
        "assert Path(campaign.__file__).resolve().is_relative_to(here), campaign.__file__\n"
        "assert Path(exports.__file__).resolve().is_relative_to(here), exports.__file__\n"
        "from campaign.i18n import translator\n"
        "print(translator('fr')('Back to the start page'))\n"
    )
    shown = run_in_image(image, tmp_path / "data", "-c", code)
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.strip() == "Retour à la page d'accueil"

    out = tmp_path / "plans"
    example = run_in_image(image, tmp_path / "data", "-m", "campaign", "example", "--lang", "fr")
    assert example.returncode == 0, example.stderr
    (tmp_path / "exemple.yaml").write_text(example.stdout, encoding="utf-8")
    exported = run_in_image(
        image, tmp_path / "data", "-m", "campaign", "export", str(tmp_path / "exemple.yaml"), "--out", str(out)
    )
    assert exported.returncode == 0, exported.stderr
    from pypdf import PdfReader

    pdf = next(out.glob("*.pdf"))
    text = " ".join(page.extract_text() for page in PdfReader(pdf).pages[:4])
    assert "Sommaire" in text, text[:400]


@pytest.fixture
def image_server(image: Path, tmp_path: Path) -> Iterator[str]:
    """The image's CMD (plus loopback address and a free port), started from the image's tree."""
    port, log = free_port(), tmp_path / "server.log"
    with log.open("wb") as output:
        server = subprocess.Popen(
            streamlit_command(port),
            cwd=image,
            env=image_environment(tmp_path / "data"),
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        try:
            url = f"http://127.0.0.1:{port}"
            wait_healthy(url, server, log)
            yield url
        finally:
            stop_process(server)


@pytest.mark.browser
def test_the_image_serves_the_app_in_portuguese(image_server: str) -> None:
    page = shared_chromium().new_page()
    try:
        page.goto(f"{image_server}/?lang=pt")
        expect(page.get_by_role("heading", name="Advocacy Campaign Builder")).to_be_visible(timeout=30_000)
        expect(page.get_by_role("tab", name="Começar uma nova campanha")).to_be_visible()
    finally:
        page.close()


def image_settings() -> tuple[dict[str, str], list[str]]:
    """Return the Dockerfile's ENV settings and its CMD (the exec form's words)."""
    text = DOCKERFILE.read_text(encoding="utf-8").replace("\\\n", " ")
    settings: dict[str, str] = {}
    command: list[str] = []
    for line in text.splitlines():
        if line.startswith("ENV "):
            settings |= dict(word.split("=", 1) for word in shlex.split(line[4:]))
        elif line.startswith("CMD "):
            command = json.loads(line[4:])
    return settings, command


def test_the_image_is_shared_mode_and_its_cmd_listens_where_the_proxy_reaches_it(image: Path, tmp_path: Path) -> None:
    from tests.test_listen_address import accepts, outside_address

    settings, command = image_settings()
    assert settings.get("ADVOCACY_MODE") == "shared", "an image listening on every interface must never list campaigns"
    assert "--server.address=0.0.0.0" in command, "compose's proxy reaches app1:8501 from another container"
    outside, port = outside_address(), free_port()
    command = [c if not c.startswith("--server.port") else f"--server.port={port}" for c in command]
    environment = image_environment(tmp_path / "data") | settings | {"CAMPAIGN_DATA_DIR": str(tmp_path / "data")}
    log = tmp_path / "server.log"
    with log.open("wb") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", *command], cwd=image, env=environment, stdout=output, stderr=subprocess.STDOUT
        )
        try:
            wait_healthy(f"http://127.0.0.1:{port}", server, log)
            assert accepts(outside, port)
        finally:
            stop_process(server)
