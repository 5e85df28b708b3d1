"""Text in Word runs: one run per script with its font, right-to-left marks, line breaks kept."""

from __future__ import annotations

import re
from xml.sax.saxutils import escape, quoteattr

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.text.paragraph import Paragraph
from lxml.etree import _Element  # every python-docx element is one

from exports.docx_xml import mark_right_to_left
from exports.fonts import ARABIC, CJK, DEVANAGARI, ETHIOPIC, LATIN, Face, is_rtl, split_runs

# characters XML 1.0 cannot hold; the plan builder already drops them, this keeps the renderer from crashing
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_NAMESPACE = nsdecls("w")
# Fonts every Windows since 8 has for each script (Word shows boxes for a missing CJK font), with the macOS font
# and Windows charset the font table gives for substitution. The vendored Noto fonts exist only in the PDF.
STOCK_FONTS: dict[Face, tuple[str, str, str]] = {
    ARABIC: ("Arial", "Geeza Pro", "B2"),
    DEVANAGARI: ("Nirmala UI", "Kohinoor Devanagari", "00"),
    ETHIOPIC: ("Ebrima", "Kefa", "00"),
    CJK: ("Microsoft YaHei", "PingFang SC", "86"),
}


def bookmark_name(anchor: str) -> str:
    """Return a Word bookmark name for a plan anchor (hidden, letters, digits and underscores, 40 at most)."""
    return ("_Ref_" + re.sub(r"[^A-Za-z0-9]", "_", anchor))[:40]


def add_text(
    paragraph: Paragraph,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    size: float | None = None,
    colour: str | None = None,
    into: _Element | None = None,
    plan_rtl: bool = False,
) -> None:
    """Append `text` to the paragraph (or to the hyperlink `into`) as runs Word can draw in any script.

    A paragraph whose first text is right-to-left (`fonts.is_rtl`, which also weighs `plan_rtl`: the plan's
    language is right to left) is marked right-to-left; Arabic-script runs are
    marked too, so Word orders and shapes them; "\\n" becomes a line break. Runs are written as XML
    directly: python-docx's property-by-property API is ten times slower.
    """
    text = NOT_XML.sub("", text)
    if not text:
        return
    target = paragraph._p if into is None else into
    if into is None and is_rtl(text, plan_rtl=plan_rtl) and not paragraph._p.r_lst:
        mark_right_to_left(paragraph)
    for face, part in split_runs(text):
        properties = []
        if face is not LATIN:
            family = quoteattr(STOCK_FONTS[face][0] if face in STOCK_FONTS else face.family)
            hint = ' w:hint="eastAsia"' if face is CJK else ""  # shared punctuation takes the CJK font too
            properties.append(f"<w:rFonts w:ascii={family} w:hAnsi={family} w:eastAsia={family} w:cs={family}{hint}/>")
        if bold:
            properties.append("<w:b/><w:bCs/>")
        if italic:
            properties.append("<w:i/><w:iCs/>")
        if colour:
            properties.append(f'<w:color w:val="{colour.lstrip("#")}"/>')
        if size:
            half_points = round(size * 2)
            properties.append(f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>')
        if face.rtl:
            properties.append("<w:rtl/>")
        content = "<w:br/>".join(f'<w:t xml:space="preserve">{escape(line)}</w:t>' for line in part.split("\n"))
        target.append(parse_xml(f"<w:r {_NAMESPACE}><w:rPr>{''.join(properties)}</w:rPr>{content}</w:r>"))
