"""PDF pieces platypus lacks: the cover, page references, writing lines, headings with anchors, charts."""

from __future__ import annotations

import io
import re

from reportlab.lib import colors
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from exports import brand
from exports.charts import Box, Dot, Label, Line, Scene
from exports.document import Cover
from exports.fonts import LATIN, is_rtl, pdf_font, printable_flags, split_runs, text_width
from exports.pdf_lines import draw_line, needs_layout, text_pieces
from exports.pdf_text import paragraph


def form_name(kind: str, key: str | int) -> str:
    """Return a PDF-safe name for a form drawn now and filled in when the page count is known."""
    return f"{kind}_{re.sub(r'[^A-Za-z0-9]', '_', str(key))}"


class PlanCanvas(Canvas):
    """A canvas that fills in page totals and contents page numbers when the document is saved.

    Pages draw named forms ("page 3 of ?", "page of section X") as they go; `save` defines them,
    so one layout pass is enough (no second build as with multiBuild).
    """

    page_label = "{page} / {pages}"
    anchor_pages: dict[str, int]
    wanted_anchors: set[str]

    def __init__(self, *args: object, **keywords: object) -> None:
        super().__init__(*args, **keywords)
        self.anchor_pages = {}
        self.wanted_anchors = set()
        self.footer_pages: list[int] = []

    def save(self) -> None:
        total = self.getPageNumber() - 1
        for page in self.footer_pages:
            self._define_footer(form_name("page", page), self.page_label.format(page=page, pages=total))
        for anchor in sorted(self.wanted_anchors):  # a set's order changes from one process to the next
            found = self.anchor_pages.get(anchor)
            self._define_form(form_name("toc", anchor), str(found) if found else "", brand.ACCENT, 11)
        super().save()

    def _define_footer(self, name: str, text: str) -> None:
        # a paragraph, not drawString: the translated label may be in any script (Arabic is shaped)
        label = paragraph(text, "footer")
        label.wrapOn(self, 300, 20)
        self.beginForm(name, lowerx=-300, lowery=-5, upperx=5, uppery=13)
        label.drawOn(self, -300, -2.5)
        self.endForm()

    def _define_form(self, name: str, text: str, colour: str, size: float) -> None:
        self.beginForm(name, lowerx=-300, lowery=-5, upperx=5, uppery=size + 5)
        self.setFillColor(colors.HexColor(colour))
        self.setFont(pdf_font(LATIN), size)
        self.drawRightString(0, 0, text)
        self.endForm()


def anchored_heading(text: str, style_name: str, anchor: str, level: int, *, plan_rtl: bool = False) -> Flowable:
    """Return a heading the contents and the PDF outline point at (`PlanTemplate` reads its `outline_*`)."""
    heading = paragraph(text, style_name, bold=True, anchor=anchor, plan_rtl=plan_rtl)
    heading.outline_anchor, heading.outline_text, heading.outline_level = anchor, text, level
    return heading


class PageReference(Flowable):
    """The page number of an anchor, right-aligned; known only once the document is laid out."""

    def __init__(self, anchor: str) -> None:
        super().__init__()
        self.anchor = anchor

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, 12

    def draw(self) -> None:
        canvas = self.canv
        canvas.wanted_anchors.add(self.anchor)
        canvas.saveState()
        canvas.translate(self.width, 2)
        canvas.doForm(form_name("toc", self.anchor))
        canvas.restoreState()


class WritingSpace(Flowable):
    """Ruled lines to write on, optionally numbered."""

    GAP = 24.0

    def __init__(self, count: int, numbered: bool) -> None:
        super().__init__()
        self.count, self.numbered = count, numbered

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, self.count * self.GAP + 6

    def draw(self) -> None:
        canvas = self.canv
        canvas.setStrokeColor(colors.HexColor(brand.RULE))
        canvas.setLineWidth(0.6)
        canvas.setFillColor(colors.HexColor(brand.MUTED))
        canvas.setFont(pdf_font(LATIN), 8)
        for line in range(self.count):
            y = self.count * self.GAP - (line + 1) * self.GAP + 6
            start = 16 if self.numbered else 0
            if self.numbered:
                canvas.drawRightString(10, y + 2, f"{line + 1}.")
            canvas.line(start, y, self.width, y)


class CoverPage(Flowable):
    """The whole first page: a teal band with the title, the details below, the note at the foot."""

    def __init__(self, cover: Cover, page_width: float, page_height: float, *, rtl: bool = False) -> None:
        super().__init__()
        self.cover, self.width, self.height, self.rtl = cover, page_width, page_height, rtl

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, min(self.height, available_height)

    def draw(self) -> None:
        canvas, cover = self.canv, self.cover
        width, height, side = self.width, self.height, brand.MARGIN_SIDE + 8
        band_bottom = height * 0.42
        canvas.setFillColor(colors.HexColor(brand.ACCENT))
        canvas.rect(0, band_bottom, width, height - band_bottom, stroke=0, fill=1)
        text_width_available = width - 2 * side
        rtl = self.rtl
        kicker = paragraph(cover.kicker.upper(), "cover_kicker", bold=True, plan_rtl=rtl)
        kicker.wrapOn(canvas, text_width_available, 40)
        kicker.drawOn(canvas, side, height - 72 - kicker.height)
        if cover.status:  # the draft mark: a white label under the kicker
            mark = paragraph(cover.status.upper(), "cover_label", bold=True, plan_rtl=rtl)
            mark.wrapOn(canvas, text_width_available, 40)
            mark_width = max(mark.getActualLineWidths0() or [0]) if hasattr(mark, "getActualLineWidths0") else 200
            mark_top = height - 72 - kicker.height - 14
            canvas.setFillColor(colors.white)
            box_x = width - side - mark_width - 16 if is_rtl(cover.status, plan_rtl=rtl) else side
            canvas.roundRect(box_x, mark_top - mark.height - 8, mark_width + 16, mark.height + 8, 3, stroke=0, fill=1)
            mark.drawOn(canvas, side + 8 if box_x == side else box_x + 8, mark_top - mark.height - 4)
        if cover.logo:
            self._draw_logo(canvas, width - side, height - 56)
        y = band_bottom + 40
        if cover.subtitle:
            subtitle = paragraph(cover.subtitle, "cover_subtitle", plan_rtl=rtl)
            subtitle.wrapOn(canvas, text_width_available, 200)
            subtitle.drawOn(canvas, side, y)
            y += subtitle.height + 14
        title = paragraph(cover.title, "cover_title", bold=True, plan_rtl=rtl)
        title.wrapOn(canvas, text_width_available, height - band_bottom - 200)
        title.drawOn(canvas, side, y)
        canvas.setStrokeColor(colors.HexColor(brand.ACCENT_SOFT))
        canvas.setLineWidth(2)
        rule_x = (
            width - side - 48 if is_rtl(cover.title, plan_rtl=rtl) else side
        )  # the rule sits where the title starts
        canvas.line(rule_x, y + title.height + 16, rule_x + 48, y + title.height + 16)
        y = band_bottom - 44
        for label, value in cover.details:
            label_paragraph = paragraph(label.upper(), "cover_label", bold=True, plan_rtl=rtl)
            label_paragraph.wrapOn(canvas, text_width_available, 40)
            value_paragraph = paragraph(value, "cover_value", plan_rtl=rtl)
            value_paragraph.wrapOn(canvas, text_width_available, 120)
            label_paragraph.drawOn(canvas, side, y)
            y -= value_paragraph.height + 2
            value_paragraph.drawOn(canvas, side, y)
            y -= 24
        if cover.note:
            note = paragraph(cover.note, "cover_note", plan_rtl=rtl)
            note.wrapOn(canvas, text_width_available, 80)
            note.drawOn(canvas, side, 48)
        canvas.setStrokeColor(colors.HexColor(brand.ACCENT))
        canvas.setLineWidth(3)
        canvas.line(0, 0, width, 0)

    def _draw_logo(self, canvas: Canvas, right: float, top: float) -> None:
        assert self.cover.logo is not None
        image = ImageReader(io.BytesIO(self.cover.logo))
        pixels_wide, pixels_high = image.getSize()
        scale = min(120 / pixels_wide, 64 / pixels_high)
        width, height = pixels_wide * scale, pixels_high * scale
        pad = 8
        canvas.setFillColor(colors.white)
        canvas.roundRect(
            right - width - 2 * pad, top - height - 2 * pad, width + 2 * pad, height + 2 * pad, 4, stroke=0, fill=1
        )
        canvas.drawImage(image, right - width - pad, top - height - pad, width, height, mask="auto")


class SceneFlowable(Flowable):
    """A chart laid out by `exports.charts`, painted as vector shapes and text."""

    def __init__(self, scene: Scene) -> None:
        super().__init__()
        self.scene = scene
        self.width, self.height = scene.width, scene.height

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        paint_scene(self.canv, self.scene)


def paint_scene(canvas: Canvas, scene: Scene) -> None:
    """Paint every shape of `scene` on `canvas`, with the origin at the scene's bottom left."""
    for shape in scene.shapes:
        canvas.saveState()
        if isinstance(shape, Box):
            _fill_and_stroke(canvas, shape.fill, shape.stroke, shape.stroke_width)
            if shape.radius:
                canvas.roundRect(
                    shape.x,
                    shape.y,
                    shape.width,
                    shape.height,
                    shape.radius,
                    stroke=bool(shape.stroke),
                    fill=bool(shape.fill),
                )
            else:
                canvas.rect(
                    shape.x, shape.y, shape.width, shape.height, stroke=bool(shape.stroke), fill=bool(shape.fill)
                )
        elif isinstance(shape, Line):
            canvas.setStrokeColor(colors.HexColor(shape.colour))
            canvas.setLineWidth(shape.width)
            if shape.dashed:
                canvas.setDash(2, 2)
            canvas.line(shape.x1, shape.y1, shape.x2, shape.y2)
        elif isinstance(shape, Dot):
            _fill_and_stroke(canvas, shape.fill, shape.stroke, 1)
            if shape.diamond:
                path = canvas.beginPath()
                r = shape.radius
                path.moveTo(shape.x, shape.y + r)
                path.lineTo(shape.x + r, shape.y)
                path.lineTo(shape.x, shape.y - r)
                path.lineTo(shape.x - r, shape.y)
                path.close()
                canvas.drawPath(path, stroke=1, fill=1)
            else:
                canvas.circle(shape.x, shape.y, shape.radius, stroke=1, fill=1)
        else:
            _draw_label(canvas, shape)
        canvas.restoreState()


def _fill_and_stroke(canvas: Canvas, fill: str | None, stroke: str | None, width: float) -> None:
    if fill:
        canvas.setFillColor(colors.HexColor(fill))
    if stroke:
        canvas.setStrokeColor(colors.HexColor(stroke))
        canvas.setLineWidth(width)


def _draw_label(canvas: Canvas, label: Label) -> None:
    canvas.setFillColor(colors.HexColor(label.colour))
    if needs_layout(label.text):  # right-to-left, shaped or CJK: ordered and shaped by pdf_lines
        text, pieces, advances = text_pieces(label.text, bold=label.bold, rtl=is_rtl(label.text))
        width = sum(advances) * label.size
        x = {"start": label.x, "middle": label.x - width / 2, "end": label.x - width}[label.anchor]
        draw_line(canvas, text, pieces, 0, len(text), x, label.y, label.size)
        return
    text = printable_flags(label.text)
    width = text_width(text, label.size, bold=label.bold)
    x = {"start": label.x, "middle": label.x - width / 2, "end": label.x - width}[label.anchor]
    runs = split_runs(text)
    for face, part in runs:
        font = pdf_font(face, bold=label.bold)
        canvas.setFont(font, label.size)
        canvas.drawString(x, label.y, part)
        x += canvas.stringWidth(part, font, label.size)
