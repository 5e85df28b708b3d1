"""The DOCX renderer: a plan document in, Word bytes out, written with python-docx."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from docx.document import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.shared import Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph as WordParagraph

from exports import brand
from exports.document import (
    BLOCK_TYPES,
    BulletList,
    Callout,
    Contents,
    Cover,
    Heading,
    Inline,
    KeyValue,
    PageBreak,
    Paragraph,
    PlanDocument,
    PowerMap,
    Table,
    Timeline,
    WritingLines,
)
from exports.docx_figures import callout, power_map, timeline, writing_lines
from exports.docx_styles import CELL_SIZE, DENSE_SIZE, set_language, set_up_pages, styled_document
from exports.docx_text import add_text, bookmark_name
from exports.docx_xml import (
    begin_field,
    bookmark,
    end_field,
    grid_table,
    internal_link,
    mark_right_to_left,
    reproducible_zip,
    update_fields_on_open,
)
from exports.fonts import is_rtl


@dataclass
class Writer:
    word: WordDocument
    document: PlanDocument
    width: float  # text column, in points
    break_before_next: bool = False
    bookmarks: int = 0
    style_ids: dict[str, str] = field(default_factory=dict)

    @cached_property
    def rtl(self) -> bool:
        return self.document.right_to_left  # a Babel locale look-up: once per plan, not once per paragraph

    def text(self, paragraph: WordParagraph, text: str, **keywords: Any) -> None:
        """Append `text` to `paragraph` in runs (`docx_text.add_text`), right to left as the plan's language asks."""
        add_text(paragraph, text, plan_rtl=self.rtl, **keywords)

    def style_id(self, name: str) -> str:
        if name not in self.style_ids:
            self.style_ids[name] = self.word.styles[name].style_id
        return self.style_ids[name]

    def paragraph(self, style: str = "Normal") -> WordParagraph:
        """Return a new paragraph, starting a new page if a page break is pending."""
        paragraph = self.word.add_paragraph()
        if style != "Normal":  # python-docx looks styles up by scanning them all; set the id directly
            paragraph._p.style = self.style_id(style)
        if self.break_before_next:
            paragraph.paragraph_format.page_break_before = True
            self.break_before_next = False
        return paragraph

    def table(
        self,
        weights: tuple[float, ...],
        cells: list[list[tuple[str | None, int]]],
        *,
        header_rows: int = 0,
        min_heights: list[int] | None = None,
        frame: bool = False,
        padding: tuple[int, int, int, int] = (50, 70, 100, 100),
    ) -> list[list[_Cell]]:
        """Return the cells of a new table whose columns share the text width by `weights`."""
        if self.break_before_next:
            self.paragraph("Table Gap")
        total = sum(weights)
        widths = [round(self.width * weight / total * 20) for weight in weights]
        return grid_table(
            self.word,
            widths,
            cells,
            paragraph_style=self.style_id("Table Text"),
            header_rows=header_rows,
            min_heights=min_heights,
            rule=(0.5, brand.RULE),
            frame=(0.5, brand.RULE) if frame else None,
            padding=padding,
            right_to_left=self.rtl,
        )


def _inline(writer: Writer, paragraph: WordParagraph, content: Inline) -> None:
    if is_rtl("".join(span.text for span in content), plan_rtl=writer.rtl):  # the whole paragraph decides
        mark_right_to_left(paragraph)
    for span in content:
        writer.text(paragraph, span.text, bold=span.bold)


def _cover(block: Cover, writer: Writer) -> None:
    if block.logo:
        logo = writer.paragraph()
        logo.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        logo.add_run().add_picture(io.BytesIO(block.logo), height=Pt(56))
    cell = writer.table((1.0,), [[(brand.ACCENT, 1)]], padding=(700, 700, 400, 400))[0][0]  # the teal band
    writer.text(cell.paragraphs[0], block.kicker.upper(), bold=True, size=10.5, colour=brand.ACCENT_SOFT)
    if block.status:  # the draft mark
        writer.text(cell.add_paragraph(), block.status.upper(), bold=True, size=10.5, colour=brand.WHITE)
    writer.text(cell.add_paragraph(style="Cover Title"), block.title, bold=True)
    if block.subtitle:
        writer.text(cell.add_paragraph(style="Cover Subtitle"), block.subtitle)
    writer.paragraph().paragraph_format.space_after = Pt(24)
    for label, value in block.details:
        writer.text(writer.paragraph("Cover Label"), label.upper(), bold=True)
        writer.text(writer.paragraph("Cover Value"), value)
    if block.note:
        note = writer.paragraph("Muted")
        note.paragraph_format.space_before = Pt(60)
        writer.text(note, block.note)


def _contents(block: Contents, writer: Writer) -> None:
    writer.text(writer.paragraph("Contents Title"), block.title, bold=True)
    first = writer.paragraph("TOC 1")
    begin_field(first, 'TOC \\o "1-1" \\h \\z \\u')
    linked = [entry for entry in block.entries if entry.anchor]
    for number, entry in enumerate(linked):
        line = first if number == 0 else writer.paragraph("TOC 1")
        link = internal_link(line, bookmark_name(entry.anchor))
        writer.text(line, entry.text, into=link)
    end_field(writer.paragraph("TOC 1") if not linked else line)
    for entry in block.entries:  # lines with no heading stay outside the field, which Word rebuilds from headings
        if not entry.anchor:
            writer.text(writer.paragraph("TOC 1"), entry.text, colour=brand.MUTED)


def _heading(block: Heading, writer: Writer) -> None:
    paragraph = writer.paragraph(f"Heading {min(block.level, 3)}")
    writer.text(paragraph, block.text)
    if block.anchor:
        writer.bookmarks += 1
        bookmark(paragraph, bookmark_name(block.anchor), writer.bookmarks)


def _paragraph(block: Paragraph, writer: Writer) -> None:
    style = {"body": "Normal", "lead": "Lead", "muted": "Muted", "missing": "Missing"}[block.style]
    _inline(writer, writer.paragraph(style), block.content)


def _bullets(block: BulletList, writer: Writer) -> None:
    for number, item in enumerate(block.items, start=1):
        if block.marker == "bullet":
            _inline(writer, writer.paragraph("List Bullet"), item)
            continue
        paragraph = writer.paragraph("Numbered Item")
        marker = f"{number}.\t" if block.marker == "number" else "☐\t"
        add_text(paragraph, marker, colour=brand.ACCENT)  # the item, not its number, sets the direction
        _inline(writer, paragraph, item)


def _grid(block: Table, writer: Writer) -> None:
    weights = block.widths or (1.0,) * len(block.columns)
    width = len(block.columns)
    layout: list[list[tuple[str | None, int]]] = [[(brand.ACCENT, 1)] * width]
    for index in range(len(block.rows)):
        layout.append([(brand.ZEBRA if index % 2 and not block.row_lines else None, 1)] * width)
    heights = [0] + [round(block.row_lines * 16 * 20)] * len(block.rows)
    cells = writer.table(weights, layout, header_rows=1, min_heights=heights, frame=bool(block.row_lines))
    size = DENSE_SIZE if block.dense else CELL_SIZE
    for cell, text in zip(cells[0], block.columns, strict=True):
        writer.text(cell.paragraphs[0], text, bold=True, size=size, colour=brand.WHITE)
    for number, (row, values) in enumerate(zip(cells[1:], block.rows, strict=False), start=1):
        bold = block.total_row and number == len(block.rows)
        for column, (cell, text) in enumerate(zip(row, values, strict=True)):
            if column in block.amounts:  # at the right of the cell, so the digits of a column line up
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
            writer.text(cell.paragraphs[0], text, size=size, bold=bold)
    writer.paragraph("Table Gap")


def _key_value(block: KeyValue, writer: Writer) -> None:
    label_share = min(150.0, writer.width * 0.3) / writer.width
    layout: list[list[tuple[str | None, int]]] = [[(brand.ACCENT, 2)]] if block.title else []
    layout += [[(brand.ACCENT_LIGHT, 1), (None, 1)] for _ in block.entries]
    rows = writer.table((label_share, 1 - label_share), layout, header_rows=1 if block.title else 0)
    if block.title:
        writer.text(rows.pop(0)[0].paragraphs[0], block.title, bold=True, size=CELL_SIZE, colour=brand.WHITE)
    for (label, value), entry in zip(rows, block.entries, strict=True):
        writer.text(label.paragraphs[0], entry.label, bold=True, size=CELL_SIZE - 0.5, colour=brand.ACCENT_DARK)
        colour = brand.MUTED if entry.missing else None
        writer.text(value.paragraphs[0], entry.value, size=CELL_SIZE, colour=colour, italic=entry.missing)
    writer.paragraph("Table Gap")


def _page_break(block: PageBreak, writer: Writer) -> None:
    writer.break_before_next = True


RENDERERS: dict[type, Callable[[Any, Writer], None]] = {
    Cover: _cover,
    Contents: _contents,
    Heading: _heading,
    Paragraph: _paragraph,
    BulletList: _bullets,
    KeyValue: _key_value,
    Table: _grid,
    Callout: callout,
    PowerMap: power_map,
    Timeline: timeline,
    WritingLines: writing_lines,
    PageBreak: _page_break,
}
assert set(RENDERERS) == set(BLOCK_TYPES), "the DOCX renderer must handle every block type"


def render_docx(document: PlanDocument) -> bytes:
    """Return the document as DOCX bytes; Word fills in the contents' page numbers when it opens the file."""
    word = styled_document(brand.content_width(document.paper))
    set_up_pages(word, document)
    set_language(word, document.language)
    properties = word.core_properties
    properties.title, properties.author = document.title, document.author
    properties.subject, properties.language = document.header_note, document.language
    properties.last_modified_by = "Advocacy Campaign Builder"
    if document.date:
        moment = dt.datetime.combine(document.date, dt.time(), tzinfo=dt.UTC)
        properties.created = properties.modified = moment
    package = word.part.package
    for key, relation in list(package.rels.items()):  # the template's thumbnail shows a blank page
        if relation.reltype == RT.THUMBNAIL:
            del package.rels[key]
    if any(isinstance(block, Contents) for block in document.blocks):
        update_fields_on_open(word.settings.element)
    writer = Writer(word, document, brand.content_width(document.paper))
    for block in document.blocks:
        render = RENDERERS.get(type(block))
        if render is None:
            raise TypeError(f"the DOCX renderer has no rule for {type(block).__name__}")
        render(block, writer)
    output = io.BytesIO()
    word.save(output)
    return reproducible_zip(output.getvalue())
