"""The floors the export benchmarks compare with: the smallest code doing the same job with the same library.

A floor gets the plan's words already read (headings, paragraphs, label/value pairs, tables: every text the plan
prints, pictures given as their table fallback) and lays them out with the library's own high-level API and the
same font: reportlab's platypus (`SimpleDocTemplate`, `Paragraph`, `LongTable`) and python-docx (`add_heading`,
`add_paragraph`, `add_table`). No cover, contents, page numbers, running header, charts, shaping or font fallback:
what we add beyond those is what the ratio measures.

`python bench/floors.py FILE.yaml OUT.pdf` is the cold floor of `python -m campaign export FILE --format pdf`, a
fresh interpreter doing the same job with the same libraries in the fewest steps: it reads the worksheet files
(PyYAML) for the titles and labels; reads the campaign file (PyYAML) and validates it with pydantic against a model
of the file's shape built from those worksheets (unknown keys refused, each answer of its field's type: a date a
date, a number a number, a table's rows their columns); then prints every answer under its worksheet's title and
its field's label and writes the PDF with reportlab. What it does not do is what the ratio measures: line numbers
in problems, the worksheets' own checks, text cleaning, translations, the plan's wording and layout.
"""

from __future__ import annotations

import io
import sys
from dataclasses import dataclass
from html import escape as html_escape
from pathlib import Path
from typing import Any


def escape(text: str) -> str:
    """Return `text` with &, < and > escaped for reportlab's markup (xml.sax.saxutils would import urllib too)."""
    return html_escape(text, quote=False)


ROOT = Path(__file__).resolve().parents[1]
FONT_DIR = ROOT / "exports" / "fonts"
PACK = ROOT / "worksheets" / "default"


@dataclass(frozen=True)
class Words:
    """One printed piece of a plan: a heading (level 1-3), a paragraph, or a table (header row first)."""

    kind: str  # "heading", "paragraph", "table"
    text: str = ""
    level: int = 1
    rows: tuple[tuple[str, ...], ...] = ()


def plan_words(plan: Any) -> list[Words]:
    """Return every text our plan document prints, in order, as floor input (pictures as their table fallback)."""
    from exports import document as d

    words: list[Words] = []
    for block in plan.blocks:
        if isinstance(block, d.Cover):
            words.append(Words("heading", block.title))
            words += [Words("paragraph", f"{label}: {value}") for label, value in block.details]
        elif isinstance(block, d.Contents):
            words.append(Words("heading", block.title))
            words += [Words("paragraph", entry.text) for entry in block.entries]
        elif isinstance(block, d.Heading):
            words.append(Words("heading", block.text, level=min(block.level, 3)))
        elif isinstance(block, d.Paragraph):
            words.append(Words("paragraph", d.plain_text(block.content)))
        elif isinstance(block, d.BulletList):
            words += [Words("paragraph", "• " + d.plain_text(item)) for item in block.items]
        elif isinstance(block, d.KeyValue):
            words.append(Words("table", rows=tuple((e.label, e.value) for e in block.entries)))
        elif isinstance(block, d.Table):
            words.append(Words("table", rows=(block.columns, *block.rows)))
        elif isinstance(block, d.Callout):
            words += [Words("heading", block.title, level=3), Words("paragraph", block.text)]
        elif isinstance(block, d.PowerMap):
            rows = tuple(
                (p.label, block.influence_labels[p.influence], block.stance_labels[p.stance]) for p in block.points
            )
            words.append(Words("table", rows=(block.table_columns, *rows)))
        elif isinstance(block, d.Timeline):
            words.append(Words("table", rows=(block.table_columns, *((b.label, b.when) for b in block.bars))))
    return words


def yaml_words(answers: Any) -> list[Words]:
    """Return every text of a campaign's answers as it stands in the file: the cold floor's whole reading."""
    words: list[Words] = []
    for sheet, fields in (answers or {}).items():
        words.append(Words("heading", str(sheet)))
        for name, value in (fields or {}).items():
            words.append(Words("heading", str(name), level=3))
            if isinstance(value, list) and value and all(isinstance(row, dict) for row in value):
                for row in value:  # a row as its cells, one line each: raw rows can be too wide for a table
                    cells = (f"{key}: {cell}" for key, cell in row.items() if key != "id")
                    words.append(Words("paragraph", "\n".join(cells)))
            elif isinstance(value, list):
                words += [Words("paragraph", "• " + str(item)) for item in value]
            else:
                words.append(Words("paragraph", str(value)))
    return words


_STYLES: dict[str, Any] = {}


def _pdf_styles() -> dict[str, Any]:
    """Register the plan's body font once and return platypus styles in it (warm, like our renderer's)."""
    if not _STYLES:
        from reportlab.lib.styles import ParagraphStyle
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        pdfmetrics.registerFont(TTFont("FloorSans", str(FONT_DIR / "NotoSans-Regular.ttf")))
        pdfmetrics.registerFont(TTFont("FloorSans-Bold", str(FONT_DIR / "NotoSans-Bold.ttf")))
        _STYLES["paragraph"] = ParagraphStyle("body", fontName="FloorSans", fontSize=10, leading=14, spaceAfter=4)
        _STYLES["cell"] = ParagraphStyle("cell", fontName="FloorSans", fontSize=9, leading=12)
        for level, size in ((1, 18), (2, 14), (3, 11)):
            _STYLES[f"h{level}"] = ParagraphStyle(
                f"h{level}", fontName="FloorSans-Bold", fontSize=size, leading=size * 1.3
            )
    return _STYLES


def floor_pdf(words: list[Words]) -> bytes:
    """Return `words` as an A4 PDF laid out by plain platypus in Noto Sans."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, TableStyle

    styles = _pdf_styles()
    story: list[Any] = []
    grid = TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "#999999"), ("VALIGN", (0, 0), (-1, -1), "TOP")])
    for piece in words:
        if piece.kind == "table":
            cells = [
                [Paragraph(escape(text).replace("\n", "<br/>"), styles["cell"]) for text in row] for row in piece.rows
            ]
            story.append(LongTable(cells, repeatRows=1, style=grid))
        else:
            style = styles[f"h{piece.level}"] if piece.kind == "heading" else styles["paragraph"]
            story.append(Paragraph(escape(piece.text).replace("\n", "<br/>"), style))
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4).build(story)
    return out.getvalue()


def floor_docx(words: list[Words]) -> bytes:
    """Return `words` as a DOCX made with python-docx's own calls, in Noto Sans."""
    from docx import Document

    document = Document()
    document.styles["Normal"].font.name = "Noto Sans"
    for piece in words:
        if piece.kind == "heading":
            document.add_heading(piece.text, level=piece.level)
        elif piece.kind == "paragraph":
            document.add_paragraph(piece.text)
        else:
            width = max(len(row) for row in piece.rows)
            table = document.add_table(rows=len(piece.rows), cols=width, style="Table Grid")
            for cells, row in zip(table.rows, piece.rows, strict=True):
                for cell, text in zip(cells.cells, row, strict=False):
                    cell.text = text
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _answer_model(name: str, fields: list[dict[str, Any]], *, row: bool = False) -> Any:
    """Return a pydantic model of one worksheet's answers (or one table's rows): its fields only, each typed."""
    import datetime as dt

    from pydantic import ConfigDict, create_model

    types: dict[str, Any] = {"number": float, "date": dt.date, "list": list[str], "multi_choice": list[str]}
    types["reference"] = list[str] | str
    definitions: dict[str, Any] = {"id": (str | None, None)} if row else {}
    for field in fields:
        if field["type"] == "table":
            kind: Any = list[_answer_model(f"{name}_{field['id']}", field["columns"], row=True)]
        else:
            kind = types.get(field["type"], str)
        definitions[field["id"]] = (kind | None, None)
    return create_model(name, __config__=ConfigDict(extra="forbid"), **definitions)


def _cold(source: str, target: str) -> None:
    import yaml
    from pydantic import ConfigDict, create_model

    # the base loader builds only strings, lists and mappings (safe), every scalar as the file has it, as ours reads
    loader = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
    sheets = [yaml.load(path.read_bytes(), Loader=loader) for path in sorted(PACK.glob("[0-9]*.yaml"))]  # noqa: S506, TID251
    answers = create_model(
        "Answers",
        __config__=ConfigDict(extra="forbid"),
        **{sheet["id"]: (_answer_model(sheet["id"], sheet["fields"]) | None, None) for sheet in sheets},
    )
    shape = create_model(
        "CampaignFile",
        __config__=ConfigDict(extra="forbid"),
        schema_version=(int, ...),
        id=(str, ...),
        revision=(int, 0),
        created=(str, ""),
        updated=(str, ""),
        language=(str, "en"),
        pack=(str, "default"),
        settings=(dict[str, str], {}),
        answers=(answers, ...),
    )
    raw = yaml.load(Path(source).read_bytes(), Loader=loader)  # noqa: S506, TID251 (the base loader, as above)
    data = shape.model_validate(raw).answers.model_dump()
    words: list[Words] = []
    for sheet in sheets:
        given = data.get(sheet["id"]) or {}
        words.append(Words("heading", sheet["title"]))
        for field in sheet["fields"]:
            if given.get(field["id"]) not in (None, "", []):
                words.append(Words("heading", field["label"], level=3))
                words += yaml_words({"": {"": given[field["id"]]}})[2:]
    Path(target).write_bytes(floor_pdf(words))


if __name__ == "__main__":
    _cold(sys.argv[1], sys.argv[2])
