"""The handouts' pages: each says its worksheet and step, has a line for the group's names, and counts its pages."""

from __future__ import annotations

import io
from typing import Any

from reportlab.lib import colors
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, PageTemplate

from exports import brand
from exports.fonts import LATIN, pdf_font, text_width
from exports.handouts.model import Handouts
from exports.handouts.text import sized_text
from exports.pdf_pages import body_frame
from exports.pdf_text import paragraph

HEADER_TOP = 14 * brand.POINTS_PER_MM  # from the top edge, as in the plan
FOOTER_BASE = 10 * brand.POINTS_PER_MM
STEP_SIZE, STEP_SMALLEST = 10.0, 7.5  # points: the step and title at the top of each page


class HandoutCanvas(Canvas):
    """A canvas that writes "page 2 of 4" of each worksheet once the number of pages of each is known."""

    handouts: Handouts

    def __init__(self, *args: object, **keywords: object) -> None:
        super().__init__(*args, **keywords)
        self.current_sheet = 0
        self.page_sheets: list[int] = []  # the sheet each page belongs to, in page order

    def save(self) -> None:
        totals = {sheet.number: self.page_sheets.count(sheet.number) for sheet in self.handouts.all_sheets()}
        seen: dict[int, int] = {}
        for page, sheet in enumerate(self.page_sheets, start=1):
            seen[sheet] = seen.get(sheet, 0) + 1
            text = self.handouts.page_label.format(page=seen[sheet], pages=totals[sheet])
            self._define_form(f"page_{page}", paragraph(text, "footer", plan_rtl=self.handouts.right_to_left))
        for sheet, total in totals.items():
            self._define_form(f"sheet_pages_{sheet}", paragraph(str(total), "footer"))
        super().save()

    def _define_form(self, name: str, label: Any) -> None:  # a reportlab Paragraph (reportlab ships no types)
        label.wrapOn(self, 300, 20)
        self.beginForm(name, lowerx=-300, lowery=-5, upperx=5, uppery=13)
        label.drawOn(self, -300, -2.5)
        self.endForm()


class HandoutTemplate(BaseDocTemplate):
    """Pages with the worksheet's step and title, a line for the group's names, and the page count."""

    def __init__(self, output: io.BytesIO, handouts: Handouts) -> None:
        width, height = brand.page_size(handouts.paper)
        super().__init__(
            output,
            pagesize=(width, height),
            invariant=True,
            title=handouts.title,
            subject=handouts.note,
            creator="Advocacy Campaign Builder",
            lang=handouts.language,
            initialFontName=pdf_font(LATIN),  # else every page names Helvetica, which is never embedded
        )
        self.handouts = handouts
        body = body_frame(width, height)
        self.addPageTemplates([PageTemplate("body", [body], onPageEnd=self._decorate)])

    def _decorate(self, canvas: HandoutCanvas, doc: BaseDocTemplate) -> None:
        # drawn when the page ends: only then does the canvas know which sheet the page belongs to
        handouts = self.handouts
        sheet = handouts.all_sheets()[canvas.current_sheet]
        canvas.page_sheets.append(sheet.number)
        width, height = self.pagesize
        left, right = brand.MARGIN_SIDE, width - brand.MARGIN_SIDE
        rtl = handouts.right_to_left
        canvas.saveState()
        group = paragraph(handouts.group_label, "header", bold=True, plan_rtl=rtl)
        group.wrap(right - left, 20)
        group_width = max(group.getActualLineWidths0() or [0])
        name_line = 150.0  # points of line to write the group's names on
        room = right - left - group_width - name_line - 24
        # one line, in smaller type if it must: a second line would run into the page's first heading
        size = max(STEP_SMALLEST, min(STEP_SIZE, STEP_SIZE * room / text_width(sheet.step, STEP_SIZE, bold=True)))
        step = sized_text(
            sheet.step, "header", bold=True, size=size, leading=size + 2, colour=brand.ACCENT, plan_rtl=rtl
        )
        _, step_height = step.wrap(room, 30)
        top = height - HEADER_TOP
        step.drawOn(canvas, left, top - step_height + 8)
        group.drawOn(canvas, right - name_line - group_width - 4, top - 2)
        canvas.setStrokeColor(colors.HexColor(brand.MUTED))
        canvas.setLineWidth(0.5)
        canvas.line(right - name_line, top - 2, right, top - 2)
        canvas.setStrokeColor(colors.HexColor(brand.ACCENT))
        canvas.setLineWidth(0.8)
        rule = top - max(step_height, 10) - 2
        canvas.line(left, rule, right, rule)
        note = paragraph(handouts.note, "header", plan_rtl=rtl)
        note.wrap(right - left - 160, 20)
        note.drawOn(canvas, left, FOOTER_BASE - 2.5)
        canvas.translate(right, FOOTER_BASE)
        canvas.doForm(f"page_{doc.page}")
        canvas.restoreState()
