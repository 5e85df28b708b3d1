"""The PDF renderer: a plan document in, PDF bytes out, drawn with reportlab in one layout pass."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    NextPageTemplate,
    Spacer,
)
from reportlab.platypus import Table as TableFlowable
from reportlab.platypus.flowables import PageBreakIfNotEmpty

from exports import brand
from exports.charts import power_map_scene, timeline_scene
from exports.document import (
    BLOCK_TYPES,
    BulletList,
    Callout,
    Contents,
    Cover,
    Heading,
    KeyValue,
    PageBreak,
    Paragraph,
    PlanDocument,
    PowerMap,
    Table,
    Timeline,
    WritingLines,
)
from exports.fonts import LATIN, pdf_font
from exports.pdf_flowables import (
    CoverPage,
    PageReference,
    PlanCanvas,
    SceneFlowable,
    WritingSpace,
    anchored_heading,
)
from exports.pdf_layout import fitted_to_page, frame_height, keep_headings_with_next, kept_whole_if_small, plan_table
from exports.pdf_pages import PlanTemplate
from exports.pdf_text import inline_paragraph, paragraph

_ROOM_AFTER_HEADING = {1: 200.0, 2: 140.0, 3: 90.0}
# Binary streams: ASCII85 text encoding makes the file 10% larger and costs a fifth of the render time.
# (A process-wide reportlab setting; nothing else in this app writes PDFs.)
rl_config.useA85 = 0


@dataclass(frozen=True)
class _Context:
    document: PlanDocument
    width: float  # of the text column, in points
    anchors: frozenset[str]  # of the headings present: a link to any other would break the file
    rtl: bool  # the plan's language is right to left: paragraphs and tables read from the right
    height: float  # of the body frame, in points


def _row(cells: list[Any], context: _Context) -> list[Any]:
    """Return a table row in visual order: first column on the right in a right-to-left plan."""
    return cells[::-1] if context.rtl else cells


def _table(data: list[list[Any]], context: _Context, **keywords: Any) -> TableFlowable:
    """Return a table whose plain-string cells use the vendored font (reportlab's default is Helvetica) and whose
    remainder, when split, starts on a page of its own."""
    style = [("FONTNAME", (0, 0), (-1, -1), pdf_font(LATIN)), *keywords.pop("style", [])]
    return plan_table(data, context.height, style=style, **keywords)


def _spaced(flowable: Flowable, points: float) -> Flowable:
    """Return `flowable` with space below it that, unlike a Spacer, vanishes at the foot of a page."""
    flowable.spaceAfter = points
    return flowable


def _cover(block: Cover, context: _Context) -> list[Flowable]:
    width, height = brand.page_size(context.document.paper)
    return [CoverPage(block, width, height, rtl=context.rtl), NextPageTemplate("body")]


def _contents(block: Contents, context: _Context) -> list[Flowable]:
    rows = []
    for entry in block.entries:
        link = entry.anchor if entry.anchor in context.anchors else ""
        cells = [paragraph(entry.text, "contents", link=link, plan_rtl=context.rtl), PageReference(entry.anchor)]
        rows.append(cells[::-1] if context.rtl else cells)  # a right-to-left plan's contents read from the right
    widths = [context.width - 50, 50]
    table = _table(
        rows,
        context,
        colWidths=widths[::-1] if context.rtl else widths,
        style=[
            ("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.HexColor(brand.RULE)),
            ("TOPPADDING", (0, 0), (-1, -1), 7),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ],
    )
    return [paragraph(block.title, "h1", bold=True, plan_rtl=context.rtl), Spacer(1, 8), table]


def _heading(block: Heading, context: _Context) -> list[Flowable]:
    style_name = f"h{min(block.level, 3)}"
    room = CondPageBreak(_ROOM_AFTER_HEADING[min(block.level, 3)])  # no heading alone at the foot of a page
    if block.anchor:
        return [room, anchored_heading(block.text, style_name, block.anchor, block.level - 1, plan_rtl=context.rtl)]
    heading = paragraph(block.text, style_name, bold=True, plan_rtl=context.rtl)
    heading.keepWithNext = 1
    return [room, heading]


def _paragraph(block: Paragraph, context: _Context) -> list[Flowable]:
    return [inline_paragraph(block.content, block.style, plan_rtl=context.rtl)]


def _bullets(block: BulletList, context: _Context) -> list[Flowable]:
    flowables: list[Flowable] = []
    for number, item in enumerate(block.items, start=1):
        marker = {"bullet": "•", "number": f"{number}.", "box": "☐"}[block.marker]
        style_name = "box" if block.marker == "box" else "bullet"
        flowables.append(inline_paragraph(item, style_name, bulletText=marker, plan_rtl=context.rtl))
    flowables[-1].spaceAfter = flowables[-1].style.spaceAfter + 4 if flowables else 0
    return flowables


def _grid(block: Table, context: _Context) -> list[Flowable]:
    weights = block.widths or (1.0,) * len(block.columns)
    widths = _row([context.width * w / sum(weights) for w in weights], context)
    rtl = context.rtl
    data: list[list[Any]] = [_row([paragraph(c, "cell_head", bold=True, plan_rtl=rtl) for c in block.columns], context)]
    cell_style = "cell_dense" if block.dense else "cell"
    styles = [f"{cell_style}_amount" if n in block.amounts else cell_style for n in range(len(block.columns))]
    data += [
        _row([paragraph(text, s, plan_rtl=rtl) if text else "" for s, text in zip(styles, row, strict=True)], context)
        for row in block.rows
    ]
    if block.total_row and block.rows:
        total = [paragraph(text, s, bold=True, plan_rtl=rtl) for s, text in zip(styles, block.rows[-1], strict=True)]
        data[-1] = _row(total, context)
    heights = [None] + [block.row_lines * 16.0 or None] * len(block.rows)
    commands: list[tuple[Any, ...]] = [
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(brand.ACCENT)),
        ("LINEBELOW", (0, 1), (-1, -1), 0.4, colors.HexColor(brand.RULE)),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5 if block.dense else 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5 if block.dense else 5),
    ]
    if block.row_lines:
        commands.append(("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor(brand.RULE)))
    else:
        commands.append(("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor(brand.ZEBRA)]))
    if block.total_row:
        commands.append(("LINEABOVE", (0, -1), (-1, -1), 0.8, colors.HexColor(brand.ACCENT)))
    table = _table(data, context, colWidths=widths, rowHeights=heights, repeatRows=1, splitInRow=1, style=commands)
    return [kept_whole_if_small(_spaced(table, 10), context.width, context.height)]


def _key_value(block: KeyValue, context: _Context) -> list[Flowable]:
    label_width = min(150.0, context.width * 0.3)
    rtl = context.rtl
    label_column = -1 if rtl else 0
    data: list[list[Any]] = []
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.HexColor(brand.RULE)),
        ("BACKGROUND", (label_column, 0), (label_column, -1), colors.HexColor(brand.ACCENT_LIGHT)),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
    ]
    if block.title:
        data.append([paragraph(block.title, "cell_head", bold=True, plan_rtl=rtl), ""])  # spans both columns
        commands += [("SPAN", (0, 0), (1, 0)), ("BACKGROUND", (0, 0), (1, 0), colors.HexColor(brand.ACCENT))]
    for entry in block.entries:
        value = paragraph(entry.value, "cell_missing" if entry.missing else "cell", plan_rtl=rtl)
        data.append(_row([paragraph(entry.label, "cell_label", bold=True, plan_rtl=rtl), value], context))
    table = _table(
        data,
        context,
        colWidths=_row([label_width, context.width - label_width], context),
        repeatRows=1 if block.title else 0,
        splitInRow=1,
        style=commands,
    )
    kept = kept_whole_if_small(_spaced(table, 12 if block.title else 10), context.width, context.height)
    if block.title and not isinstance(kept, KeepTogether):  # a long card starts with more than its title here
        return [CondPageBreak(90), kept]
    return [kept]


def _callout(block: Callout, context: _Context) -> list[Flowable]:
    rtl = context.rtl
    cell = [
        paragraph(block.title.upper(), "callout_title", bold=True, plan_rtl=rtl),
        paragraph(block.text, "callout", plan_rtl=rtl),
    ]
    table = _table(
        [[cell]],
        context,
        colWidths=[context.width],
        splitInRow=1,
        style=[
            ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor(brand.ACCENT_LIGHT)),
            ("LINEAFTER" if rtl else "LINEBEFORE", (0, 0), (0, -1), 3, colors.HexColor(brand.ACCENT)),
            ("LEFTPADDING", (0, 0), (-1, -1), 14),
            ("RIGHTPADDING", (0, 0), (-1, -1), 14),
            ("TOPPADDING", (0, 0), (-1, -1), 10),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 12),
        ],
    )
    return [_spaced(table, 8)]


def _chart(title: str, scene_flowable: Flowable, caption: str, context: _Context) -> list[Flowable]:
    rtl = context.rtl
    parts: list[Flowable] = [paragraph(title, "h3", bold=True, plan_rtl=rtl), Spacer(1, 4), scene_flowable]
    if caption:
        parts.append(paragraph(caption, "caption", plan_rtl=rtl))
    return [KeepTogether(parts)]


def _power_map(block: PowerMap, context: _Context) -> list[Flowable]:
    return _chart(block.title, SceneFlowable(power_map_scene(block, context.width)), block.caption, context)


def _timeline(block: Timeline, context: _Context) -> list[Flowable]:
    return _chart(block.title, SceneFlowable(timeline_scene(block, context.width)), block.caption, context)


def _writing_lines(block: WritingLines, context: _Context) -> list[Flowable]:
    parts: list[Flowable] = [paragraph(block.label, "muted", plan_rtl=context.rtl)] if block.label else []
    return [*parts, _spaced(WritingSpace(block.count, block.numbered), 6)]


def _page_break(block: PageBreak, context: _Context) -> list[Flowable]:
    return [PageBreakIfNotEmpty()]  # a page that has just begun (the last one filled up) is not left blank


RENDERERS: dict[type, Callable[[Any, _Context], list[Flowable]]] = {
    Cover: _cover,
    Contents: _contents,
    Heading: _heading,
    Paragraph: _paragraph,
    BulletList: _bullets,
    KeyValue: _key_value,
    Table: _grid,
    Callout: _callout,
    PowerMap: _power_map,
    Timeline: _timeline,
    WritingLines: _writing_lines,
    PageBreak: _page_break,
}
assert set(RENDERERS) == set(BLOCK_TYPES), "the PDF renderer must handle every block type"


def render_pdf(document: PlanDocument) -> bytes:
    """Return the document as PDF bytes; the same document always gives the same bytes."""
    anchors = frozenset(block.anchor for block in document.blocks if isinstance(block, Heading) and block.anchor)
    height = frame_height(document.paper)
    context = _Context(document, brand.content_width(document.paper), anchors, document.right_to_left, height)
    story: list[Flowable] = []
    one_page: list[Flowable] | None = None  # the flowables of a part that must fit one page, while it lasts
    for block in document.blocks:
        render = RENDERERS.get(type(block))
        if render is None:
            raise TypeError(f"the PDF renderer has no rule for {type(block).__name__}")
        if one_page is not None and isinstance(block, PageBreak):
            story += fitted_to_page(one_page[0], one_page[1:], context.width, height)
            one_page = None
        if one_page is not None:
            one_page += [f for f in render(block, context) if not isinstance(f, CondPageBreak)]
        elif isinstance(block, Heading) and block.one_page:
            story.append(PageBreakIfNotEmpty())  # the part starts a page: it is given the whole of one
            one_page = [f for f in render(block, context) if not isinstance(f, CondPageBreak)]
        else:
            story += render(block, context)
    if one_page is not None:
        story += fitted_to_page(one_page[0], one_page[1:], context.width, height)
    story = keep_headings_with_next(story)
    output = io.BytesIO()
    PlanTemplate(output, document).build(story or [Spacer(1, 1)], canvasmaker=PlanCanvas)
    return output.getvalue()
