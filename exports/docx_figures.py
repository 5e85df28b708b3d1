"""The DOCX renderer's boxes and pictures: a callout, the charts as images with their words for a screen reader,
and lines to write on."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from docx.shared import Emu, Pt

from exports import brand
from exports.chart_png import render_png
from exports.charts import power_map_scene, timeline_scene
from exports.document import Callout, PowerMap, Timeline, WritingLines
from exports.docx_text import NOT_XML
from exports.docx_xml import paragraph_border, paragraph_shading

if TYPE_CHECKING:
    from exports.docx import Writer


def callout(block: Callout, writer: Writer) -> None:
    title = writer.paragraph("Callout Title")
    writer.text(title, block.title.upper(), bold=True)
    text = writer.paragraph("Callout")
    writer.text(text, block.text)
    for paragraph in (title, text):
        paragraph_shading(paragraph, brand.ACCENT_LIGHT)
        paragraph_border(paragraph, left=(3, brand.ACCENT))


def _picture(title: str, png: bytes, description: str, caption: str, writer: Writer) -> None:
    writer.text(writer.paragraph("Heading 3"), title)
    picture = writer.paragraph("Picture").add_run().add_picture(io.BytesIO(png), width=Emu(round(Pt(writer.width))))
    picture._inline.docPr.set("descr", NOT_XML.sub("", description))  # what a screen reader says for it
    picture._inline.docPr.set("title", NOT_XML.sub("", title))
    if caption:
        writer.text(writer.paragraph("Caption Text"), caption)


def power_map(block: PowerMap, writer: Writer) -> None:
    influence, stance = block.influence_labels, block.stance_labels
    points = [f"{p.number}. {p.label} ({influence[p.influence]}, {stance[p.stance]})" for p in block.points]
    png = render_png(power_map_scene(block, writer.width))
    _picture(block.title, png, f"{block.title}: " + "; ".join(points), block.caption, writer)


def timeline(block: Timeline, writer: Writer) -> None:
    bars = [f"{bar.label} ({bar.when})" for bar in block.bars]
    png = render_png(timeline_scene(block, writer.width))
    _picture(block.title, png, f"{block.title}: " + "; ".join(bars), block.caption, writer)


def writing_lines(block: WritingLines, writer: Writer) -> None:
    if block.label:
        writer.text(writer.paragraph("Muted"), block.label)
    for number in range(1, block.count + 1):
        line = writer.paragraph("Writing Line")
        if block.numbered:
            writer.text(line, f"{number}.", colour=brand.MUTED, size=8)
        paragraph_border(line, bottom=(0.6, brand.RULE))
