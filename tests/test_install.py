"""The project installs through pyproject.toml: its dependencies are requirements.txt's, its wheel holds the three
packages with their data, and the console script `advocacy-campaign` is `python -m campaign`."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
SCRIPT = Path(sys.executable).parent / "advocacy-campaign"


def requirement_lines(name: str) -> list[str]:
    lines = (ROOT / name).read_text(encoding="utf-8").splitlines()
    return [line.split("#")[0].strip() for line in lines if line.split("#")[0].strip() and not line.startswith("-r")]


def test_the_dependencies_are_requirements_txt() -> None:
    assert PROJECT["dependencies"] == requirement_lines("requirements.txt")
    assert PROJECT["optional-dependencies"]["s3"] == requirement_lines("requirements-s3.txt")


def run(command: list[str], folder: Path) -> subprocess.CompletedProcess[str]:
    environment = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    return subprocess.run(command, cwd=folder, env=environment, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("arguments", [["worksheets"], ["example", "--lang", "fr"], ["--help"]])
def test_the_console_script_is_python_m_campaign_from_any_folder(arguments: list[str], tmp_path: Path) -> None:
    assert SCRIPT.is_file(), f"{SCRIPT} is missing: `make setup-dev` installs the project (pip install -e .)"
    script = run([str(SCRIPT), *arguments], tmp_path)
    module = run([sys.executable, "-m", "campaign", *arguments], tmp_path)
    assert script.returncode == module.returncode == 0, script.stderr + module.stderr
    assert script.stdout == module.stdout.replace("python -m campaign", "advocacy-campaign") and script.stdout


def test_the_wheel_holds_the_packages_and_their_data_and_nothing_else(tmp_path: Path) -> None:
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--wheel-dir", str(tmp_path), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert built.returncode == 0, built.stderr
    names = zipfile.ZipFile(next(tmp_path.glob("*.whl"))).namelist()
    tops = {name.split("/")[0] for name in names if not name.split("/")[0].endswith(".dist-info")}
    assert tops == {"campaign", "exports", "ui"}
    needed_files = ("campaign/config.py", "exports/handouts/pdf.py", "exports/fonts/NotoSans-Regular.ttf", "ui/app.py")
    for needed in (*needed_files, "exports/fonts/coverage.json"):
        assert needed in names
    entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    text = zipfile.ZipFile(next(tmp_path.glob("*.whl"))).read(entry_points).decode()
    assert "advocacy-campaign = campaign.__main__:script" in text


def test_reportlab_measures_text_with_its_c_accelerator() -> None:
    from reportlab.lib import rl_accel

    missing = {"instanceStringWidthTTF", "fp_str", "escapePDF"} - set(rl_accel._c_funcs)
    assert not missing, f"reportlab runs {sorted(missing)} in pure Python: is rl-accel installed (requirements.txt)?"
