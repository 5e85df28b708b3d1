"""The PDF's pages: a bare cover page, then pages with the running header and a "page N of M" footer."""

from __future__ import annotations

import io

from reportlab.lib import colors
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from exports import brand
from exports.document import Cover, PlanDocument
from exports.fonts import LATIN, header_title, pdf_font
from exports.pdf_flowables import PlanCanvas, form_name
from exports.pdf_text import paragraph


def body_frame(width: float, height: float) -> Frame:
    """Return the frame that holds a page's text, inside the brand's margins (plans and handouts alike)."""
    return Frame(
        brand.MARGIN_SIDE,
        brand.MARGIN_BOTTOM,
        width - 2 * brand.MARGIN_SIDE,
        height - brand.MARGIN_TOP - brand.MARGIN_BOTTOM,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )


class PlanTemplate(BaseDocTemplate):
    """Pages with the running header and "page N of M" footer; a bare first page for the cover."""

    def __init__(self, output: io.BytesIO, document: PlanDocument) -> None:
        width, height = brand.page_size(document.paper)
        super().__init__(
            output,
            pagesize=(width, height),
            invariant=True,
            title=document.title,
            author=document.author,
            subject=document.header_note,
            creator="Advocacy Campaign Builder",
            lang=document.language,
            initialFontName=pdf_font(LATIN),  # else every page names Helvetica, which is never embedded
        )
        self.document = document
        self.plan_rtl = document.right_to_left  # a Babel locale look-up: once, not on every page
        body = body_frame(width, height)
        cover = Frame(0, 0, width, height, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="cover")
        templates = [PageTemplate("body", [body], onPage=self._decorate), PageTemplate("cover", [cover])]
        if document.blocks and isinstance(document.blocks[0], Cover):
            templates.reverse()
        self.addPageTemplates(templates)
        self._note = paragraph(document.header_note, "header", plan_rtl=self.plan_rtl)
        self._note.wrap(width - 2 * brand.MARGIN_SIDE, 20)
        note_width = max(self._note.getActualLineWidths0() or [0])
        title = header_title(document.title, width - 2 * brand.MARGIN_SIDE - note_width - 20)
        self._header = paragraph(title, "header", bold=True, plan_rtl=self.plan_rtl)

    def beforeDocument(self) -> None:
        self.canv.page_label = self.document.page_label
        if self.document.date:  # the plan's own date, not the clock: the same plan gives the same bytes
            stamp = self.canv._doc._timeStamp
            day = self.document.date
            stamp.YMDhms, stamp.dhh, stamp.dmm = (day.year, day.month, day.day, 0, 0, 0), 0, 0

    def afterFlowable(self, flowable: Flowable) -> None:
        anchor = getattr(flowable, "outline_anchor", "")  # set by pdf_flowables.anchored_heading
        if anchor:
            canvas = self.canv
            canvas.anchor_pages[anchor] = self.page
            canvas.bookmarkPage(form_name("outline", anchor))
            canvas.addOutlineEntry(
                flowable.outline_text,
                form_name("outline", anchor),
                level=flowable.outline_level,
            )

    def _decorate(self, canvas: PlanCanvas, doc: BaseDocTemplate) -> None:
        width, height = self.pagesize
        left, right = brand.MARGIN_SIDE, width - brand.MARGIN_SIDE
        canvas.saveState()
        note = self._note
        _, note_height = note.wrap(right - left, 20)
        note_width = max(note.getActualLineWidths0() or [0])
        _, header_height = self._header.wrap(right - left - note_width - 20, 20)
        top = height - 14 * brand.POINTS_PER_MM
        if self.plan_rtl:  # the title starts at the right, its note stands at the left
            self._header.drawOn(canvas, left + note_width + 20, top - header_height + 8)
            note.drawOn(canvas, left, top - note_height + 8)
        else:
            self._header.drawOn(canvas, left, top - header_height + 8)
            note.drawOn(canvas, right - note_width, top - note_height + 8)
        canvas.setStrokeColor(colors.HexColor(brand.ACCENT))
        canvas.setLineWidth(0.8)
        canvas.line(left, top - 4, right, top - 4)
        if self.document.status:  # the draft mark, at the foot of every page, opposite the page number
            mark = paragraph(self.document.status, "header", bold=True, plan_rtl=self.plan_rtl)
            mark.wrap(right - left - 160, 20)
            mark.drawOn(canvas, left, 10 * brand.POINTS_PER_MM - 2.5)
        canvas.translate(right, 10 * brand.POINTS_PER_MM)
        canvas.doForm(form_name("page", doc.page))
        canvas.footer_pages.append(doc.page)
        canvas.restoreState()
