"""Time the plan exports: DOCX and PDF of the example campaign and of one ten times larger; print medians.

When LibreOffice is installed, also time its conversion of our DOCX to PDF (the usual alternative route)
and print how many times faster our own PDF is. Figures only, no pass or fail.
Usage: python bench/export.py [REPEATS]   (default 5)
"""

from __future__ import annotations

import io
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from pypdf import PdfReader

from campaign.example import example_campaign, scaled_campaign
from campaign.worksheet import load_worksheets
from exports.docx import render_docx
from exports.pdf import render_pdf
from exports.plan import build_plan


def _strings(value: object) -> list[str]:
    """Return every piece of text inside nested answers (row ids and keys left out)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for key, item in value.items() if key != "id" for text in _strings(item)]
    if isinstance(value, list):
        return [text for item in value for text in _strings(item)]
    return []


def median_ms(action: Callable[[], object], repeats: int) -> float:
    """Return the median wall time of `action` in milliseconds (after one untimed warm-up run)."""
    action()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def libreoffice_ms(docx: bytes, repeats: int) -> float | None:
    """Return the median time LibreOffice takes to turn `docx` into a PDF, or None when it is not installed."""
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        return None
    times = []
    for _ in range(repeats):
        with tempfile.TemporaryDirectory() as folder:
            source = Path(folder) / "plan.docx"
            source.write_bytes(docx)
            # a fresh profile per run: two conversions sharing one profile make the second fail silently
            profile = Path(folder) / "profile"
            command = [office, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf"]
            start = time.perf_counter()
            subprocess.run([*command, "--outdir", folder, str(source)], check=True, capture_output=True, timeout=300)
            times.append((time.perf_counter() - start) * 1000)
            if not (Path(folder) / "plan.pdf").exists():
                raise RuntimeError("LibreOffice wrote no PDF")
    return statistics.median(times)


def main(repeats: int) -> None:
    pack = load_worksheets()
    example = example_campaign(pack)
    cases = {"example": example, "10x larger": scaled_campaign(example, pack, 10)}
    print(f"Plan export, median of {repeats} runs (ms); each run builds the plan and renders it")
    print(f"{'campaign':<12} {'words':>8} {'DOCX':>9} {'PDF':>9} {'PDF pages':>10}")
    results: dict[str, tuple[float, float]] = {}
    for name, campaign in cases.items():
        plan = build_plan(campaign, pack)
        pdf = render_pdf(plan)
        docx_ms = median_ms(lambda c=campaign: render_docx(build_plan(c, pack)), repeats)
        pdf_ms = median_ms(lambda c=campaign: render_pdf(build_plan(c, pack)), repeats)
        results[name] = (docx_ms, pdf_ms)
        words = sum(len(text.split()) for text in _strings(campaign.answers))
        pages = len(PdfReader(io.BytesIO(pdf)).pages)
        print(f"{name:<12} {words:>8,} {docx_ms:>9.0f} {pdf_ms:>9.0f} {pages:>10}")
    (small_docx, small_pdf), (big_docx, big_pdf) = results.values()
    print(f"growth for 10x content: DOCX x{big_docx / small_docx:.1f}, PDF x{big_pdf / small_pdf:.1f} (linear = x10)")
    office_ms = libreoffice_ms(render_docx(build_plan(example, pack)), max(1, min(repeats, 3)))
    if office_ms is None:
        print("LibreOffice is not installed (soffice not on PATH): skipping the DOCX -> PDF comparison")
    else:
        print(f"LibreOffice DOCX -> PDF of the example: {office_ms:.0f} ms (fresh profile each run)")
        print(f"our PDF is {office_ms / small_pdf:.1f}x faster than that route (target: at least 8x)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
