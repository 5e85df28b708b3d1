"""The handouts as PDF: every worksheet from a new page, each question kept with room to write its answer."""

from __future__ import annotations

import io
from typing import Any

from reportlab.lib import colors
from reportlab.platypus import Flowable, PageBreak, Spacer
from reportlab.platypus import Table as TableFlowable

from exports import brand
from exports.document import BulletList, Inline, Paragraph
from exports.fonts import LATIN, pdf_font, text_width
from exports.handouts.flowables import GAP, Band, QuestionSpace, SheetPages, SheetStart
from exports.handouts.model import Grid, Handouts, Question, Sheet, TableSpace, TickBoxes
from exports.handouts.pages import HandoutCanvas, HandoutTemplate
from exports.handouts.text import sized
from exports.pdf_text import inline_paragraph, paragraph

BOX = "\u2610"  # an empty tick box (drawn from the symbols font)
BOX_COLUMNS = 3


class _Writer:
    """Turns the handouts' data into platypus flowables, in one language and direction."""

    def __init__(self, handouts: Handouts) -> None:
        self.handouts = handouts
        self.rtl = handouts.right_to_left
        self.width = brand.content_width(handouts.paper)

    def text(self, text: str, style: str, *, bold: bool = False) -> Flowable:
        return paragraph(text, style, bold=bold, plan_rtl=self.rtl)

    def spans(self, content: Inline, style: str) -> Flowable:
        return inline_paragraph(content, style, plan_rtl=self.rtl)

    def story(self) -> list[Flowable]:
        story: list[Flowable] = []
        for index, sheet in enumerate(self.handouts.all_sheets()):
            if index:
                story.append(PageBreak())
            story += self.sheet(sheet, index)
        return story

    def sheet(self, sheet: Sheet, index: int) -> list[Flowable]:
        heading = self.text(sheet.heading, "h1", bold=True)
        heading.keepWithNext = 1
        parts: list[Flowable] = [SheetStart(index)]
        if index == 0:  # the first page says which toolkit the sheets come from
            parts.append(self.text(self.handouts.title, "lead", bold=True))
        parts += [heading, self.text(sheet.purpose, "lead")]
        for block in sheet.guidance:
            parts += self.guidance(block)
        parts.append(Spacer(1, 6))
        for item in sheet.items:
            parts += self.table(item) if isinstance(item, TableSpace) else [self.question(item)]
        if index == 0:
            parts += self.contents()
        return parts

    def guidance(self, block: Paragraph | BulletList) -> list[Flowable]:
        # a little smaller than body text: the guidance is read once, the page is for writing
        if isinstance(block, Paragraph):
            return [self.compact(block.content, "body")]
        return [self.compact(item, "bullet", bulletText="•") for item in block.items]

    def compact(self, content: Inline, style_name: str, **keywords: Any) -> Flowable:
        return sized(content, style_name, size=9, leading=12, plan_rtl=self.rtl, **keywords)

    def question(self, question: Question, lead: list[Flowable] | None = None) -> QuestionSpace:
        head = [*(lead or []), self.text(question.label, "h3", bold=True)]
        head += [self.spans(note, "muted") for note in question.notes]
        boxes: list[Flowable] = []
        if isinstance(question.space, TickBoxes):
            boxes = self.boxes(question.space)
        foot = [self.text(question.more_room, "muted")] if question.more_room else []
        # over the rest of an answer's lines, at the top of the next page
        continued = self.text(f"{question.label} (…)", "muted")
        return QuestionSpace(head, question.space, boxes, foot, continued)

    def boxes(self, space: TickBoxes) -> list[Flowable]:
        """Return the tick boxes in as many columns as the longest choice allows (up to three)."""
        cells = [paragraph(label, "box", bulletText=BOX, plan_rtl=self.rtl) for label in space.choices]
        longest = max(text_width(label, brand.BODY_SIZE) for label in space.choices) + 30
        across = max(1, min(BOX_COLUMNS, int(self.width // longest), len(cells)))
        rows = [cells[start : start + across] for start in range(0, len(cells), across)]
        rows[-1] += [""] * (across - len(rows[-1]))
        padding = [(side, (0, 0), (-1, -1), 0) for side in ("LEFTPADDING", "RIGHTPADDING", "TOPPADDING")]
        table = TableFlowable(rows, colWidths=[self.width / across] * across, style=padding)
        return [table]

    def table(self, table: TableSpace) -> list[Flowable]:
        lead = [self.text(table.label, "h2", bold=True), *(self.spans(note, "muted") for note in table.notes)]
        if table.grid is not None:
            lead += [self.spans(line, "muted") for line in table.legend]
            for part in lead:
                part.keepWithNext = 1
            return [*lead, self.grid(table.grid)]
        flowables: list[Flowable] = []
        for block in table.blocks:
            band = Band(self.text(block.title, "h3", bold=True))
            first, *others = block.questions
            flowables.append(self.question(first, [*lead, band]))
            flowables += [self.question(question) for question in others]
            lead = []
        return flowables

    def grid(self, grid: Grid) -> Flowable:
        header = [self.text(column, "cell_head", bold=True) for column in grid.columns]
        rows: list[list[Any]] = [header] + [[str(n)] + [""] * (len(grid.columns) - 1) for n in range(1, grid.rows + 1)]
        table = TableFlowable(
            rows,
            colWidths=list(grid.widths),
            rowHeights=[None] + [grid.lines * GAP] * grid.rows,
            repeatRows=1,
            style=[
                ("FONTNAME", (0, 0), (-1, -1), pdf_font(LATIN)),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(brand.ACCENT)),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor(brand.MUTED)),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TEXTCOLOR", (0, 1), (0, -1), colors.HexColor(brand.MUTED)),
            ],
        )
        table.spaceAfter = 12
        return table

    def contents(self) -> list[Flowable]:
        handouts = self.handouts
        rows = [[self.text(handouts.contents_title, "h2", bold=True), self.text(handouts.pages_title, "footer")]]
        rows += [[self.text(sheet.heading, "contents"), SheetPages(sheet.number)] for sheet in handouts.sheets]
        table = TableFlowable(
            rows,
            colWidths=[self.width - 60, 60],
            style=[
                ("LINEBELOW", (0, 1), (-1, -1), 0.4, colors.HexColor(brand.RULE)),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ],
        )
        return [Spacer(1, 8), table]


def render_handouts(handouts: Handouts) -> bytes:
    """Return the handouts as PDF bytes; the same handouts always give the same bytes."""
    output = io.BytesIO()
    template = HandoutTemplate(output, handouts)

    def canvas(*args: Any, **keywords: Any) -> HandoutCanvas:
        made = HandoutCanvas(*args, **keywords)
        made.handouts = handouts
        return made

    template.build(_Writer(handouts).story(), canvasmaker=canvas)
    return output.getvalue()
