"""A cold command imports only the libraries its job needs (python-docx and reportlab are each a good part of a
cold start): read from `python -X importtime`, the interpreter's own list of what it imported."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from campaign.campaign_file import campaign_to_yaml
from campaign.example import example_campaign
from campaign.worksheet import load_worksheets

HEAVY = {"docx", "reportlab", "streamlit", "pandas", "openpyxl", "icalendar", "pydyf"}


def _top_level_imports(*command: str, cwd: Path) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "campaign", *command], cwd=cwd, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr[-2000:]
    names = {line.split("|")[-1].strip() for line in done.stderr.splitlines() if line.startswith("import time:")}
    return {name.split(".")[0] for name in names}


@pytest.fixture(scope="module")
def campaign_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cold") / "plan.yaml"
    path.write_text(campaign_to_yaml(example_campaign(load_worksheets())), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("command", "needed"),
    [
        (("export", "--format", "pdf"), {"reportlab"}),
        (("export", "--format", "docx"), {"docx", "reportlab"}),  # the DOCX's charts are drawn by reportlab
        (("export", "--format", "md"), set()),
        (("validate",), set()),
        (("calendar",), {"icalendar"}),
    ],
)
def test_a_command_imports_only_the_heavy_libraries_its_job_needs(
    campaign_file: Path, command: tuple[str, ...], needed: set[str]
) -> None:
    name, *options = command
    out = (
        ["--out", str(campaign_file.parent / "plan.ics")]
        if name == "calendar"
        else ["--out", str(campaign_file.parent)]
    )
    extra = [] if name == "validate" else out
    imported = _top_level_imports(name, str(campaign_file), *options, *extra, cwd=campaign_file.parent)
    assert imported & HEAVY == needed
