"""What the exports' speed rests on: work that does not change between plans is done once, and measured once."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import docx
import pytest
from lxml.etree import tostring
from reportlab.platypus import Paragraph

from campaign.campaign_file import campaign_to_yaml
from campaign.example import example_campaign
from campaign.i18n import Translator
from campaign.worksheet import WorksheetPack, load_worksheets
from exports import brand, chart_png, docx_styles, fonts
from exports.docx import render_docx
from exports.line_breaks import is_cjk
from exports.pdf import render_pdf
from exports.pdf_lines import needs_layout
from exports.pdf_text import paragraph
from exports.plan import build_plan


@pytest.fixture(scope="module")
def pack() -> WorksheetPack:
    return load_worksheets()


def test_a_pdf_breaks_each_paragraphs_lines_about_once(pack: WorksheetPack, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tables measure their cells to keep them whole, to place them and to draw them: the lines are broken once."""
    plan = build_plan(example_campaign(pack), pack)
    counts = {"made": 0, "broken": 0}
    make, break_lines = Paragraph.__init__, Paragraph.breakLines

    def counted_make(self: Paragraph, *args: object, **keywords: object) -> None:
        counts["made"] += 1
        make(self, *args, **keywords)

    def counted_break(self: Paragraph, *args: object, **keywords: object) -> object:
        counts["broken"] += 1
        return break_lines(self, *args, **keywords)

    monkeypatch.setattr(Paragraph, "__init__", counted_make)
    monkeypatch.setattr(Paragraph, "breakLines", counted_break)
    render_pdf(plan)
    assert counts["made"] > 300
    assert counts["broken"] <= counts["made"] * 1.1  # was 3.5 times each


def test_a_paragraph_wrapped_again_at_another_width_is_broken_again() -> None:
    cell = paragraph("A sentence long enough to take more than one line in a narrow column of a table.", "cell")
    _, wide = cell.wrap(400, 800)
    lines = cell.blPara
    assert cell.wrap(400, 800)[1] == wide and cell.blPara is lines  # the same width: the same lines
    _, narrow = cell.wrap(80, 800)
    assert narrow > wide and len(cell.blPara.lines) == round(narrow / cell.style.leading)
    assert cell.wrap(400, 800)[1] == wide and len(cell.blPara.lines) == round(wide / cell.style.leading)


def test_word_styles_are_set_up_once_per_paper(pack: WorksheetPack, monkeypatch: pytest.MonkeyPatch) -> None:
    plan = build_plan(example_campaign(pack), pack)
    calls = []
    set_up = docx_styles.set_up_styles
    monkeypatch.setattr(docx_styles, "set_up_styles", lambda *args: calls.append(args) or set_up(*args))
    docx_styles._styled_template.cache_clear()
    render_docx(plan)
    render_docx(plan)
    assert len(calls) == 1


def test_the_saved_styled_template_holds_the_styles_as_set_up() -> None:
    width = brand.content_width("a4")
    fresh = docx.Document()
    docx_styles.set_up_styles(fresh, width)
    reloaded = docx_styles.styled_document(width)
    assert tostring(reloaded.styles.element) == tostring(fresh.styles.element)
    assert reloaded.styles["Cover Title"].font.size == fresh.styles["Cover Title"].font.size


def test_a_chart_is_painted_once_for_the_same_scene(pack: WorksheetPack, monkeypatch: pytest.MonkeyPatch) -> None:
    plan = build_plan(example_campaign(pack), pack)
    painted = []
    label = chart_png._label
    monkeypatch.setattr(chart_png, "_label", lambda *args: painted.append(1) or label(*args))
    chart_png.render_png.cache_clear()
    first = render_docx(plan)
    after_one = len(painted)
    second = render_docx(plan)
    assert after_one > 0 and len(painted) == after_one
    pictures = [
        [part.blob for part in docx.Document(io.BytesIO(data)).part.package.iter_parts() if "media" in part.partname]
        for data in (first, second)
    ]
    assert pictures[0] == pictures[1] and len(pictures[0]) == 2


@pytest.mark.parametrize("face", fonts.FACES, ids=lambda face: face.name)
def test_the_coverage_file_says_what_each_fonts_cmap_says(face: fonts.Face) -> None:
    """The file is written by `python -m exports.fonts`; a font changed without it is read from its cmap."""
    assert fonts._coverage_file()[face.regular]["size"] == face.path().stat().st_size
    assert fonts.coverage(face) == fonts.cmap_coverage(face)


TEXTS = ["Plain words", "Café, naïve – “quoted” €5", "Ελληνικά и русский", "مرحبا", "שלום", "漢字かな", "हिन्दी"]


@pytest.mark.parametrize("text", [*TEXTS, "☐ ✓ 🙂", "ሰላም", "a\nb"])
def test_the_quick_layout_check_agrees_with_the_full_rule(text: str) -> None:
    full = any(unicodedata.bidirectional(c) in ("R", "AL") or is_cjk(c) for c in text) or any(
        face.shaping for face, _ in fonts.split_runs(text)
    )
    assert needs_layout(text) == full


ROOT = Path(__file__).resolve().parents[2]  # run from here, `-m campaign` is this checkout's code


def _imported_modules(*command: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "campaign", *command], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return {line.split("|")[-1].strip() for line in done.stderr.splitlines() if line.startswith("import time:")}


@pytest.mark.parametrize(
    ("options", "unneeded"),
    [
        (("--format", "pdf"), {"fontTools.ttLib", "docx", "ssl", "campaign.storage"}),  # reportlab imports PIL.Image
        (("--format", "md"), {"PIL.Image", "fontTools.ttLib", "reportlab", "ssl", "campaign.storage"}),
    ],
)
def test_a_cold_export_without_a_logo_reads_no_font_tables_nor_images(
    tmp_path: Path, options: tuple[str, ...], unneeded: set[str]
) -> None:
    """Pillow's image module is needed only for a logo, fontTools only for a font the coverage file does not know."""
    source = tmp_path / "plan.yaml"
    source.write_text(campaign_to_yaml(example_campaign(load_worksheets())), encoding="utf-8")
    imported = _imported_modules("export", str(source), *options, "--out", str(tmp_path))
    assert (tmp_path / f"plan.{options[1]}").stat().st_size > 10_000
    assert not unneeded & imported


@pytest.mark.parametrize("text", [*TEXTS, "line one\nline two", "\n", "tab\tand\x01control", "mixed مرحبا\nLatin"])
def test_a_text_is_cut_into_the_runs_a_character_by_character_reading_gives(text: str) -> None:
    assert fonts.split_runs(text) == fonts.runs_by_character(text)


def test_a_plan_gives_the_same_pdf_bytes_in_every_process(tmp_path: Path) -> None:
    """The contents' page-number forms were written in a set's order, which changes with each process's hash seed."""
    script = (
        "import hashlib; from campaign.example import example_campaign; from campaign.worksheet import load_worksheets;"
        "from exports.pdf import render_pdf; from exports.plan import build_plan; pack = load_worksheets();"
        "print(hashlib.sha256(render_pdf(build_plan(example_campaign(pack), pack))).hexdigest())"
    )
    digests = {
        subprocess.run(
            [sys.executable, "-c", script],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(digests) == 1


def test_a_docx_asks_the_plans_direction_once(pack: WorksheetPack, monkeypatch: pytest.MonkeyPatch) -> None:
    """Babel's locale look-up behind `PlanDocument.right_to_left` was made for every paragraph (716 a plan)."""
    plan = build_plan(example_campaign(pack), pack)
    asked = []
    direction = Translator.direction
    monkeypatch.setattr(Translator, "direction", property(lambda self: asked.append(1) or direction.fget(self)))
    render_docx(plan)
    assert len(asked) == 1
