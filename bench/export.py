"""Time the plan exports against their floors, measured in the same run, interleaved: print ours / floor / ratio.

- In-process, per campaign (the example, and one ten times larger): our DOCX and PDF (campaign → bytes, the plan
  built each time) against the plain-library floors of bench/floors.py (the same words, same font, laid out by
  python-docx's and reportlab's own high-level calls). Each round runs the four jobs in a rotated order, so drift
  on a shared machine falls on both sides.
- Cold command line: `python -m campaign export FILE --format pdf` against `python bench/floors.py FILE OUT`
  (a fresh interpreter that reads the worksheets and the campaign file, validates the file with pydantic and
  writes a PDF with reportlab: the same job; see bench/floors.py), rotated. The project's modules are read
  from bytecode compiled first, as an installed copy reads them. Ours runs twice: with the command line's pack
  cache (a folder of this run, filled by the untimed first run, as any second export finds it) and with
  `ADVOCACY_CACHE=off` (the worksheets read and checked from their files). There is no cold DOCX floor: PDF only.
- LibreOffice, when installed: `soffice --convert-to pdf` of our DOCX with ONE warm profile
  (/tmp/lo-bench-profile, warmed by an untimed first conversion, then reused back to back; every conversion is
  checked to have written its PDF), alternating with our PDF.
Figures only, no pass or fail.  Usage: python -m bench.export [ROUNDS] [--cold-only]   (default 7 rounds;
--cold-only runs the cold command line alone)
"""

from __future__ import annotations

import compileall
import os
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


Medians = dict[str, tuple[float, float]]  # job -> (wall ms, CPU ms), each a median of the rounds


def _cpu_seconds() -> float:
    """Return the CPU time of this process and of its finished children (a command's, soffice's), user + system."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def interleaved(jobs: dict[str, Callable[[], object]], rounds: int) -> Medians:
    """Return each job's median wall and CPU time in ms: every job runs once untimed, then `rounds` rotated
    rounds. On a shared machine the CPU time moves less than the wall time: read it first."""
    for job in jobs.values():
        job()
    names = list(jobs)
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in names}
    for number in range(rounds):
        for name in names[number % len(names) :] + names[: number % len(names)]:
            start, cpu = time.perf_counter(), _cpu_seconds()
            jobs[name]()
            times[name].append(((time.perf_counter() - start) * 1000, (_cpu_seconds() - cpu) * 1000))
    return {
        name: (statistics.median(w for w, _ in values), statistics.median(c for _, c in values))
        for name, values in times.items()
    }


HEADER = f"{'measure':<34} {'ours':>9}  {'floor':>9}  {'ratio':>6}   {'CPU: ours':>9}  {'floor':>9}  {'ratio':>6}"


def row(measure: str, ours: tuple[float, float], floor: tuple[float, float]) -> None:
    """Print ours / floor / ratio, wall time then CPU time, in ms."""
    wall = f"{ours[0]:>6.0f} ms  {floor[0]:>6.0f} ms  {ours[0] / floor[0]:>5.2f}x"
    cpu = f"{ours[1]:>6.0f} ms  {floor[1]:>6.0f} ms  {ours[1] / floor[1]:>5.2f}x"
    print(f"{measure:<34} {wall}   {cpu}")


def in_process(rounds: int) -> None:
    pack = load_worksheets()
    example = example_campaign(pack)
    print(f"In-process exports, median of {rounds} interleaved rounds")
    print(HEADER)
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

    def run_ours(cache: str) -> None:
        for old in ours_out.glob("*.pdf"):
            old.unlink()
        environment = {**os.environ, "ADVOCACY_CACHE": cache}
        subprocess.run(ours, check=True, capture_output=True, timeout=300, cwd=ROOT, env=environment)
        if not any(ours_out.glob("*.pdf")):
            raise RuntimeError(f"the export wrote no PDF into {ours_out}")

    # the command line keeps the checked worksheet pack in a cache (campaign/pack_cache.py): this run's own folder,
    # filled by the untimed first run, as a second export fills it; "off" reads and checks the pack every time
    jobs: dict[str, Callable[[], object]] = {
        "ours": lambda: run_ours(str(folder / "cache")),
        "ours, no cache": lambda: run_ours("off"),
        "floor": lambda: _run(floor, floor_out),
    }
    medians = interleaved(jobs, rounds)
    print(f"\nCold command line, one PDF of the example, median of {rounds} rotated runs (CPU: the command's)")
    print(HEADER)
    row("python -m campaign export", medians["ours"], medians["floor"])
    row("  the same, ADVOCACY_CACHE=off", medians["ours, no cache"], medians["floor"])


OFFICE_PROFILE = Path("/tmp/lo-bench-profile")  # one LibreOffice profile, kept warm between conversions and runs


def libreoffice(rounds: int, folder: Path) -> None:
    """Time `soffice --convert-to pdf` of our DOCX with ONE warm profile against our PDF, alternating.

    The first conversion (which makes the profile, or finds it made by an earlier run) is not timed; then every
    conversion is back to back on the same profile and must write its PDF. (An old comment here said a shared
    profile makes the second conversion fail: checked, back-to-back conversions all succeed; only two soffice
    processes on one profile AT THE SAME TIME conflict, and nothing here runs two at once.)
    """
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        print("\nLibreOffice is not installed (soffice not on PATH): no DOCX -> PDF comparison in this run")
        return
    pack = load_worksheets()
    campaign = example_campaign(pack)
    source = folder / "plan.docx"
    source.write_bytes(render_docx(build_plan(campaign, pack)))
    command = [office, f"-env:UserInstallation={OFFICE_PROFILE.as_uri()}", "--headless", "--convert-to", "pdf"]
    command += ["--outdir", str(folder / "office"), str(source)]
    conversions = []

    def convert() -> None:
        _run(command, folder / "office" / "plan.pdf")  # raises unless this conversion wrote its PDF
        conversions.append(source)

    medians = interleaved({"ours": lambda: render_pdf(build_plan(campaign, pack)), "office": convert}, rounds)
    print(
        f"\nLibreOffice DOCX -> PDF of the example, one warm profile ({OFFICE_PROFILE}), first conversion untimed,"
        f" median of {rounds} alternating runs ({len(conversions)} conversions back to back, each wrote its PDF)"
    )
    print(HEADER.replace("  floor", "soffice"))
    row("our PDF vs soffice --convert-to", medians["ours"], medians["office"])


def main(rounds: int, *, cold_only: bool = False) -> None:
    if not cold_only:
        in_process(rounds)
    with tempfile.TemporaryDirectory() as folder:
        cold_command_line(rounds, Path(folder))
        if not cold_only:
            libreoffice(rounds, Path(folder))


if __name__ == "__main__":
    numbers = [word for word in sys.argv[1:] if word.isdigit()]
    main(int(numbers[0]) if numbers else 7, cold_only="--cold-only" in sys.argv[1:])
