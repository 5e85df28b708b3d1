"""Time the plan exports against their floors, measured in the same run, interleaved: print ours / floor / ratio.

- In-process, per campaign (the example, and one ten times larger): our DOCX and PDF (campaign → bytes, the plan
  built each time) against the plain-library floors of bench/floors.py (the same words, same font, laid out by
  python-docx's and reportlab's own high-level calls). Each round runs the four jobs in a rotated order, so drift
  on a shared machine falls on both sides.
- Cold command line: `python -m campaign export FILE --format pdf` against `python bench/floors.py FILE OUT`
  (a fresh interpreter that reads the worksheets and the campaign file, validates the file with pydantic and
  writes a PDF with reportlab: the same job; see bench/floors.py), alternating; wall time and CPU time, both
  reading the project's modules from bytecode compiled first. There is no cold DOCX floor: PDF only.
- LibreOffice, when installed: `soffice --convert-to pdf` of our DOCX with ONE warm profile (made by an untimed
  first conversion, then reused; every conversion is checked to have written its PDF), alternating with our PDF.
Figures only, no pass or fail.  Usage: python bench/export.py [ROUNDS] [--cold-only]   (default 7 rounds;
--cold-only runs the cold command line alone)
"""

from __future__ import annotations

import compileall
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench.floors import floor_docx, floor_pdf, plan_words
from campaign.campaign_file import campaign_to_yaml
from campaign.example import example_campaign, scaled_campaign
from campaign.worksheet import load_worksheets
from exports.docx import render_docx
from exports.pdf import render_pdf
from exports.plan import build_plan

ROOT = Path(__file__).resolve().parents[1]


def interleaved(jobs: dict[str, Callable[[], object]], rounds: int) -> dict[str, float]:
    """Return each job's median wall time in ms: every job runs once untimed, then `rounds` rotated rounds."""
    for job in jobs.values():
        job()
    names = list(jobs)
    times: dict[str, list[float]] = {name: [] for name in names}
    for number in range(rounds):
        for name in names[number % len(names) :] + names[: number % len(names)]:
            start = time.perf_counter()
            jobs[name]()
            times[name].append((time.perf_counter() - start) * 1000)
    return {name: statistics.median(values) for name, values in times.items()}


def row(measure: str, ours: float, floor: float, unit: str = "ms") -> None:
    print(f"{measure:<34} {ours:>9.0f} {unit}  {floor:>9.0f} {unit}  {ours / floor:>6.2f}x")


def in_process(rounds: int) -> None:
    pack = load_worksheets()
    example = example_campaign(pack)
    print(f"In-process exports, median of {rounds} interleaved rounds")
    print(f"{'measure':<34} {'ours':>12}  {'floor':>12}  {'ratio':>7}")
    for name, campaign in (("example", example), ("10x larger", scaled_campaign(example, pack, 10))):
        words = plan_words(build_plan(campaign, pack))
        medians = interleaved(
            {
                "our PDF": lambda c=campaign: render_pdf(build_plan(c, pack)),
                "floor PDF": lambda w=words: floor_pdf(w),
                "our DOCX": lambda c=campaign: render_docx(build_plan(c, pack)),
                "floor DOCX": lambda w=words: floor_docx(w),
            },
            rounds,
        )
        row(f"PDF, {name}", medians["our PDF"], medians["floor PDF"])
        row(f"DOCX, {name}", medians["our DOCX"], medians["floor DOCX"])


def _run(command: list[str], made: Path) -> None:
    made.unlink(missing_ok=True)
    subprocess.run(command, check=True, capture_output=True, timeout=300, cwd=ROOT)
    if not made.exists():
        raise RuntimeError(f"{command[:4]} wrote no {made.name}")


def cold_command_line(rounds: int, folder: Path) -> None:
    # the project's modules are read from bytecode, as an installed copy reads them: with PYTHONDONTWRITEBYTECODE
    # set (or stale caches) every cold run would compile them again. The floor is one script, compiled either way.
    for package in ("campaign", "exports"):
        compileall.compile_dir(ROOT / package, quiet=1)
    pack = load_worksheets()
    source = folder / "example.yaml"
    source.write_text(campaign_to_yaml(example_campaign(pack)), encoding="utf-8")
    ours_out, floor_out = folder / "ours", folder / "floor.pdf"
    ours_out.mkdir()
    ours = [sys.executable, "-m", "campaign", "export", str(source), "--format", "pdf", "--out", str(ours_out)]
    floor = [sys.executable, str(ROOT / "bench" / "floors.py"), str(source), str(floor_out)]

    cpu: dict[str, list[float]] = {"ours": [], "floor": []}  # each run's CPU (user + system), the first untimed

    def run_ours() -> None:
        for old in ours_out.glob("*.pdf"):
            old.unlink()
        subprocess.run(ours, check=True, capture_output=True, timeout=300, cwd=ROOT)
        if not any(ours_out.glob("*.pdf")):
            raise RuntimeError(f"the export wrote no PDF into {ours_out}")

    def timed(name: str, job: Callable[[], None]) -> Callable[[], None]:
        def run() -> None:
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            job()
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu[name].append((after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime) * 1000)

        return run

    jobs = {"ours": timed("ours", run_ours), "floor": timed("floor", lambda: _run(floor, floor_out))}
    medians = interleaved(jobs, rounds)
    print(f"\nCold command line, one PDF of the example, median of {rounds} alternating runs")
    row("python -m campaign export", medians["ours"], medians["floor"])
    # CPU time is steadier than wall time on a shared machine (no waiting for a core counts)
    row("  its CPU time", *(statistics.median(cpu[name][1:]) for name in ("ours", "floor")))


def libreoffice(rounds: int, folder: Path) -> None:
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        print("\nLibreOffice is not installed (soffice not on PATH): no DOCX -> PDF comparison in this run")
        return
    pack = load_worksheets()
    campaign = example_campaign(pack)
    source = folder / "plan.docx"
    source.write_bytes(render_docx(build_plan(campaign, pack)))
    profile = folder / "office-profile"  # one profile, warmed by the untimed first conversion of `interleaved`
    command = [office, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf"]
    command += ["--outdir", str(folder / "office"), str(source)]
    medians = interleaved(
        {
            "ours": lambda: render_pdf(build_plan(campaign, pack)),
            "office": lambda: _run(command, folder / "office" / "plan.pdf"),
        },
        rounds,
    )
    print(f"\nLibreOffice (one warm profile) DOCX -> PDF of the example, median of {rounds} alternating runs")
    print(f"{'measure':<34} {'ours':>12}  {'LibreOffice':>12}  {'ratio':>7}")
    row("our PDF vs soffice --convert-to", medians["ours"], medians["office"])


def main(rounds: int, *, cold_only: bool = False) -> None:
    if not cold_only:
        in_process(rounds)
    with tempfile.TemporaryDirectory() as folder:
        cold_command_line(rounds, Path(folder))
        if not cold_only:
            libreoffice(max(3, rounds // 2), Path(folder))


if __name__ == "__main__":
    numbers = [word for word in sys.argv[1:] if word.isdigit()]
    main(int(numbers[0]) if numbers else 7, cold_only="--cold-only" in sys.argv[1:])
