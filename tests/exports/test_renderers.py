"""Every renderer handles every block type of the plan document, and an unknown block fails loudly."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from exports.document import (
    BLOCK_TYPES,
    Block,
    BulletList,
    Callout,
    Contents,
    ContentsEntry,
    Cover,
    Entry,
    Heading,
    KeyValue,
    MapPoint,
    Milestone,
    PageBreak,
    Paragraph,
    PlanDocument,
    PowerMap,
    Table,
    Timeline,
    TimelineBar,
    WritingLines,
    inline,
)
from exports.docx import render_docx
from exports.markdown import render_markdown
from exports.pdf import render_pdf
from tests.exports.readers import docx_text, pdf_pages, squeeze

SAMPLES: dict[type, Block] = {
    Cover: Cover("Kicker", "Marker cover title", "Subtitle", (("Country", "Kenya"),), "Note"),
    Contents: Contents("Contents", (ContentsEntry("Marker entry", "a"),)),
    Heading: Heading("Marker heading", 1, "a"),
    Paragraph: Paragraph(inline("Marker paragraph")),
    BulletList: BulletList((inline("Marker item"), inline("Second")), "box"),
    KeyValue: KeyValue((Entry("Label", "Marker value"), Entry("Other", "Not answered yet", missing=True)), "Card"),
    Table: Table(("Column", "Other"), (("Marker cell", "x"),), (1, 2)),
    Callout: Callout("Goal", "Marker callout"),
    PowerMap: PowerMap(
        "Map",
        "Stance",
        "Influence",
        ("Opposed", "Neutral", "Champion"),
        ("Low", "High"),
        (MapPoint("Marker audience", 2, 1, True, 1), MapPoint("Second", 0, 0, False, 2)),
    ),
    Timeline: Timeline(
        "Timeline",
        dt.date(2027, 3, 1),
        dt.date(2027, 5, 31),
        ("Mar", "Apr", "May"),
        ("2027", "2027", "2027"),
        (TimelineBar("Marker activity", dt.date(2027, 3, 5), dt.date(2027, 4, 2), "5 March – 2 April 2027"),),
        (Milestone("Objective 1", dt.date(2027, 5, 1), "1 May 2027"),),
    ),
    WritingLines: WritingLines(3, "Marker lines", numbered=True),
    PageBreak: PageBreak(),
}
RENDERERS: dict[str, Callable[[PlanDocument], str]] = {
    "markdown": render_markdown,
    "docx": lambda document: docx_text(render_docx(document)),
    "pdf": lambda document: "\n".join(pdf_pages(render_pdf(document))),
}


def test_the_samples_cover_every_block_type() -> None:
    assert set(SAMPLES) == set(BLOCK_TYPES)


@pytest.mark.parametrize("renderer", RENDERERS)
@pytest.mark.parametrize("block_type", BLOCK_TYPES, ids=lambda kind: kind.__name__)
def test_every_renderer_handles_every_block_type(block_type: type, renderer: str) -> None:
    block = SAMPLES[block_type]
    text = RENDERERS[renderer](PlanDocument("Document", (Paragraph(inline("Before")), block)))
    assert "Before" in text
    if block_type is not PageBreak:
        assert "Marker" in text or "Marker" in squeeze(text)


@dataclass(frozen=True)
class Unknown:
    text: str = "a block no renderer knows"


@pytest.mark.parametrize("renderer", [render_markdown, render_docx, render_pdf], ids=["markdown", "docx", "pdf"])
def test_an_unknown_block_type_fails_loudly(renderer: Callable[[PlanDocument], object]) -> None:
    with pytest.raises(TypeError, match="no rule for Unknown"):
        renderer(PlanDocument("Document", (Unknown(),)))  # type: ignore[arg-type]
