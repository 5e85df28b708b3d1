"""The benchmarks still run: each, with the fewest rounds, ends well and prints its ours / floor / ratio lines.

Figures are not checked (timings never decide a test); what is checked is that a benchmark the docs quote has not
quietly stopped working (bench/rerun.py broke when `save` took a writer and nobody saw it).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
RATIO = re.compile(r"\d+\.\d\dx")

CASES = {
    "rerun": (["2"], 2),  # edit and step change, each ours / bare / ratio
    "store": (["2", "0"], 6),  # save, save after another's, load; folder and S3
    "dashboard": (["--groups", "3", "--rounds", "2"], 1),
}


@pytest.mark.parametrize("name", CASES)
def test_a_benchmark_runs_and_prints_its_ratios(name: str, tmp_path: Path) -> None:
    arguments, ratios = CASES[name]
    environment = {**os.environ, "CAMPAIGN_DATA_DIR": str(tmp_path / "data"), "PYTHONWARNINGS": "ignore"}
    done = subprocess.run(
        [sys.executable, "-m", f"bench.{name}", *arguments],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=240,
        env=environment,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert len(RATIO.findall(done.stdout)) >= ratios, done.stdout


def test_the_crash_and_fuzz_benchmarks_run() -> None:
    for name, arguments, says in (("kill", ["3"], "missing: 0"), ("fuzz", ["100"], "exceptions or silent refusals: 0")):
        done = subprocess.run(
            [sys.executable, "-m", f"bench.{name}", *arguments], cwd=ROOT, capture_output=True, text=True, timeout=240
        )
        assert done.returncode == 0, done.stderr[-2000:]
        assert says in done.stdout, done.stdout
