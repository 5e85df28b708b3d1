"""WordprocessingML that python-docx has no API for: shading, borders, fields, bookmarks, right-to-left."""

from __future__ import annotations

import io
import zipfile
from typing import cast
from xml.sax.saxutils import escape

from docx.document import Document as WordDocument
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.table import CT_Tbl
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml.etree import _Element  # every python-docx element is one


def _tags(names: str) -> list[str]:
    return names.split()


# WordprocessingML fixes the order of paragraph properties; Word rejects a file whose children are out of order
_ORDER: dict[str, list[str]] = {
    "pPr": _tags(
        """pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd tabs
        suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd
        snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc textDirection textAlignment
        textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange"""
    ),
}
_SIDES = ("top", "left", "bottom", "right", "between")


def _local(element: _Element) -> str:
    return element.tag.rsplit("}", 1)[-1]


def _child(parent: _Element, tag: str, **attributes: str) -> _Element:
    """Return a new `tag` element put into `parent` in schema order (replacing one of the same name)."""
    element = OxmlElement(tag)
    for name, value in attributes.items():
        element.set(qn(f"w:{name}"), value)
    order = _ORDER.get(_local(parent))
    if order is None:
        parent.append(element)
        return element
    name = tag.split(":", 1)[1]
    for old in parent.findall(qn(tag)):
        parent.remove(old)
    later = set(order[order.index(name) + 1 :])
    successor = next((child for child in parent if _local(child) in later), None)
    if successor is not None:
        successor.addprevious(element)
    else:
        parent.append(element)
    return element


def mark_right_to_left(paragraph: Paragraph) -> None:
    """Make the paragraph right-to-left (it starts at the right margin and orders runs from the right)."""
    _child(paragraph._p.get_or_add_pPr(), "w:bidi")


def paragraph_border(paragraph: Paragraph, **sides: tuple[float, str]) -> None:
    """Draw lines around a paragraph: side ("top", "left", "bottom", "right", "between") → (points, colour)."""
    properties = paragraph._p.get_or_add_pPr()
    borders = _child(properties, "w:pBdr")
    for side, (points, colour) in sorted(sides.items(), key=lambda item: _SIDES.index(item[0])):
        _child(borders, f"w:{side}", val="single", sz=str(round(points * 8)), space="4", color=colour.lstrip("#"))


def paragraph_shading(paragraph: Paragraph, fill: str) -> None:
    _child(paragraph._p.get_or_add_pPr(), "w:shd", val="clear", color="auto", fill=fill.lstrip("#"))


def add_field(paragraph: Paragraph, instruction: str, shown: str = "") -> Run:
    """Add a field (PAGE, NUMPAGES, PAGEREF...) that Word computes; `shown` is its text until then."""
    run = paragraph.add_run()
    _child(run._r, "w:fldChar", fldCharType="begin")
    code = _child(paragraph.add_run()._r, "w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    _child(paragraph.add_run()._r, "w:fldChar", fldCharType="separate")
    result = paragraph.add_run(shown)
    _child(paragraph.add_run()._r, "w:fldChar", fldCharType="end")
    return result


def begin_field(paragraph: Paragraph, instruction: str) -> None:
    """Open a field whose result spans the paragraphs that follow (a table of contents)."""
    _child(paragraph.add_run()._r, "w:fldChar", fldCharType="begin", dirty="true")
    code = _child(paragraph.add_run()._r, "w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    _child(paragraph.add_run()._r, "w:fldChar", fldCharType="separate")


def end_field(paragraph: Paragraph) -> None:
    _child(paragraph.add_run()._r, "w:fldChar", fldCharType="end")


def bookmark(paragraph: Paragraph, name: str, number: int) -> None:
    """Wrap the paragraph's content in a bookmark that links and the contents point at."""
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(number))
    start.set(qn("w:name"), name)
    properties = paragraph._p.pPr
    if properties is not None:
        properties.addnext(start)
    else:
        paragraph._p.insert(0, start)
    _child(paragraph._p, "w:bookmarkEnd", id=str(number))


def internal_link(paragraph: Paragraph, anchor: str) -> _Element:
    """Return a new hyperlink element, appended to the paragraph, that jumps to bookmark `anchor`."""
    link = OxmlElement("w:hyperlink")
    link.set(qn("w:anchor"), anchor)
    link.set(qn("w:history"), "1")
    paragraph._p.append(link)
    return link


def update_fields_on_open(settings_element: _Element) -> None:
    """Ask Word to refresh fields (the contents' page numbers) when the document is opened."""
    _child(settings_element, "w:updateFields", val="true")


def reproducible_zip(data: bytes) -> bytes:
    """Return the same package with every entry dated 1980-01-01, so equal documents give equal bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(info.filename))
    return output.getvalue()


def grid_table(
    word: WordDocument,
    widths: list[int],
    cells: list[list[tuple[str | None, int]]],
    *,
    paragraph_style: str,
    header_rows: int = 0,
    min_heights: list[int] | None = None,
    rule: tuple[float, str] | None = None,
    frame: tuple[float, str] | None = None,
    padding: tuple[int, int, int, int] = (50, 70, 100, 100),
    right_to_left: bool = False,
) -> list[list[_Cell]]:
    """Append a fixed-layout table to the document and return its cells row by row.

    A `right_to_left` table shows its first column on the right (`w:bidiVisual`).

    `widths` are column widths in twips; `cells[row]` lists (fill colour or None, columns spanned);
    the first `header_rows` repeat on every page. Built as one piece of XML: python-docx's
    cell-by-cell API costs about a millisecond per cell.
    """
    total = sum(widths)
    rule_xml = _border_xml(rule)
    frame_xml = _border_xml(frame)
    top, bottom, left, right = padding
    parts = [
        f"<w:tbl {nsdecls('w')}><w:tblPr>{'<w:bidiVisual/>' if right_to_left else ''}",
        f'<w:tblW w:w="{total}" w:type="dxa"/><w:tblBorders>',
        f"<w:top {frame_xml}/><w:left {frame_xml}/><w:bottom {rule_xml}/><w:right {frame_xml}/>",
        f'<w:insideH {rule_xml}/><w:insideV {frame_xml}/></w:tblBorders><w:tblLayout w:type="fixed"/>',
        f'<w:tblCellMar><w:top w:w="{top}" w:type="dxa"/><w:left w:w="{left}" w:type="dxa"/>',
        f'<w:bottom w:w="{bottom}" w:type="dxa"/><w:right w:w="{right}" w:type="dxa"/></w:tblCellMar>',
        '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0"',
        ' w:noHBand="1" w:noVBand="1"/>',
        "</w:tblPr><w:tblGrid>",
        *(f'<w:gridCol w:w="{width}"/>' for width in widths),
        "</w:tblGrid>",
    ]
    paragraph = f'<w:p><w:pPr><w:pStyle w:val="{escape(paragraph_style)}"/></w:pPr></w:p>'
    for number, row in enumerate(cells):
        properties = ""
        if number < header_rows:
            properties = "<w:cantSplit/><w:tblHeader/>"
        elif min_heights and min_heights[number]:
            properties = f'<w:trHeight w:val="{min_heights[number]}" w:hRule="atLeast"/>'
        parts.append(f"<w:tr><w:trPr>{properties}</w:trPr>" if properties else "<w:tr>")
        column = 0
        for fill, span in row:
            width = sum(widths[column : column + span])
            column += span
            shading = f'<w:shd w:val="clear" w:color="auto" w:fill="{fill.lstrip("#")}"/>' if fill else ""
            spanned = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
            parts.append(
                f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{spanned}{shading}</w:tcPr>{paragraph}</w:tc>'
            )
        parts.append("</w:tr>")
    parts.append("</w:tbl>")
    element = cast(CT_Tbl, parse_xml("".join(parts)))  # python-docx makes a <w:tbl> a CT_Tbl
    word.element.body._insert_tbl(element)
    table = Table(element, word)
    return [[_Cell(tc, table) for tc in tr.tc_lst] for tr in element.tr_lst]


def _border_xml(spec: tuple[float, str] | None) -> str:
    if spec is None:
        return 'w:val="nil"'
    points, colour = spec
    return f'w:val="single" w:sz="{round(points * 8)}" w:space="0" w:color="{colour.lstrip("#")}"'
