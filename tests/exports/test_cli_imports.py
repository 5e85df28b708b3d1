"""A cold command imports only the libraries and modules its job needs (python-docx and reportlab are each a good
part of a cold start): read from `python -X importtime`, the interpreter's own list of what it imported."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from pathlib import Path

import pytest

from campaign.campaign_file import campaign_to_yaml
from campaign.example import example_campaign
from campaign.worksheet import load_worksheets

HEAVY = {"docx", "reportlab", "streamlit", "pandas", "openpyxl", "icalendar", "pydyf"}
ROOT = Path(__file__).resolve().parents[2]


def _imports(*command: str, cwd: Path) -> set[str]:
    """Return every module a cold `python -m campaign COMMAND` of this checkout imports."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "campaign", *command],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},  # this checkout's code, wherever the project is installed from
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return {line.split("|")[-1].strip() for line in done.stderr.splitlines() if line.startswith("import time:")}


def _top_level_imports(*command: str, cwd: Path) -> set[str]:
    return {name.split(".")[0] for name in _imports(*command, cwd=cwd)}


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


# What a command does not need, by module: Babel's catalog reader (English reads no .po file), its locale data
# (`validate` of a good file writes no date or number), the worksheets' translations and their report (the
# example is in English), and storage (no data folder).
NOT_NEEDED = {
    "babel.messages",
    "babel.messages.pofile",
    "campaign.translation",
    "campaign.translation_report",
    "campaign.storage",
    "filelock",
}


@pytest.mark.parametrize(
    ("command", "not_needed"),
    [
        (("export", "--format", "pdf"), {*NOT_NEEDED, "docx"}),
        (("export", "--format", "md"), {*NOT_NEEDED, "docx", "reportlab"}),
        (("validate",), {*NOT_NEEDED, "babel.dates", "babel.numbers"}),
    ],
)
def test_a_command_imports_none_of_the_modules_its_job_does_not_need(
    campaign_file: Path, command: tuple[str, ...], not_needed: set[str]
) -> None:
    name, *options = command
    extra = [] if name == "validate" else ["--out", str(campaign_file.parent)]
    assert _imports(name, str(campaign_file), *options, *extra, cwd=campaign_file.parent) & not_needed == set()


def test_the_command_line_sets_the_collector_of_a_short_run_and_a_caller_keeps_its_own(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The command's thresholds, and its objects frozen once it is done (the collection at exit skips them)."""
    from campaign.__main__ import SHORT_RUN_THRESHOLDS, main, script

    before = gc.get_threshold()
    gc.unfreeze()
    try:
        assert main(["worksheets"]) == 0  # a program calling main() in its own process keeps its collector
        assert gc.get_threshold() == before and gc.get_freeze_count() == 0
        monkeypatch.setattr(sys, "argv", ["advocacy-campaign", "worksheets"])
        assert script() == 0
        assert gc.get_threshold() == SHORT_RUN_THRESHOLDS
        assert gc.get_freeze_count() > 0
    finally:
        gc.set_threshold(*before)
        gc.unfreeze()
    assert "1. profile" in capsys.readouterr().out


def test_python_m_campaign_exits_with_its_objects_frozen_and_its_exit_handlers_run(campaign_file: Path) -> None:
    """`python -m campaign` freezes what the command made before the interpreter exits; the exit still runs
    the handlers a library registered and flushes what was printed."""
    code = (
        "import atexit, gc, runpy, sys\n"
        "atexit.register(lambda: print('frozen at exit:', gc.get_freeze_count() > 0, flush=True))\n"
        f"sys.argv = ['campaign', 'validate', {str(campaign_file)!r}]\n"
        "runpy.run_module('campaign', run_name='__main__')\n"
    )
    ran = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.rstrip().endswith("frozen at exit: True"), ran.stdout
