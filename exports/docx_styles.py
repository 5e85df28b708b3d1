"""The Word document's look: the brand's styles, the paper, and what every page repeats."""

from __future__ import annotations

import io
import re
from functools import cache

from babel.core import get_global
from docx.document import Document as WordDocument
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt, RGBColor
from lxml.etree import tostring

import docx
from exports import brand
from exports.document import Cover, PlanDocument
from exports.docx_text import STOCK_FONTS, add_text
from exports.docx_xml import add_field, paragraph_border
from exports.fonts import header_title

FONT = "Calibri"  # present wherever Word is; LibreOffice maps it to the metric-compatible Carlito
CELL_SIZE = 9.0
DENSE_SIZE = 8.2

# name: (size, bold, italic, colour, space before, space after, extras)
_STYLES: dict[str, tuple[float, bool, bool, str, float, float, dict]] = {
    "Normal": (10, False, False, brand.INK, 0, 6, {}),
    "Heading 1": (19, True, False, brand.ACCENT, 0, 8, {"keep_with_next": True}),
    "Heading 2": (13.5, True, False, brand.ACCENT_DARK, 12, 6, {"keep_with_next": True}),
    "Heading 3": (10.5, True, False, brand.INK, 8, 3, {"keep_with_next": True}),
    "Lead": (10.5, False, False, brand.MUTED, 0, 10, {}),
    "Muted": (8.5, False, False, brand.MUTED, 0, 6, {}),
    "Missing": (10, False, True, brand.MUTED, 0, 6, {}),
    "Caption Text": (8, False, False, brand.MUTED, 2, 12, {}),
    "Header": (8, False, False, brand.MUTED, 0, 0, {}),
    "Footer": (8, False, False, brand.MUTED, 0, 0, {}),
    "List Bullet": (10, False, False, brand.INK, 0, 3, {}),
    "Numbered Item": (10, False, False, brand.INK, 0, 3, {"hanging": 18}),
    "Cover Title": (32, True, False, brand.WHITE, 6, 6, {}),
    "Cover Subtitle": (14, False, False, brand.WHITE, 0, 0, {}),
    "Cover Label": (8, True, False, brand.ACCENT, 0, 0, {}),
    "Cover Value": (12, False, False, brand.INK, 0, 14, {}),
    "Contents Title": (19, True, False, brand.ACCENT, 0, 14, {}),
    "TOC 1": (11, False, False, brand.INK, 3, 3, {"toc": True}),
    "Callout Title": (8.5, True, False, brand.ACCENT, 0, 0, {"indent": 10}),
    "Callout": (12.5, False, False, brand.ACCENT_DARK, 0, 10, {"indent": 10}),
    "Picture": (10, False, False, brand.INK, 4, 2, {"keep_with_next": True}),
    "Table Gap": (4, False, False, brand.INK, 0, 6, {}),
    "Table Text": (CELL_SIZE, False, False, brand.INK, 0, 0, {"single": True}),
    "Writing Line": (10, False, False, brand.INK, 14, 0, {}),
}


def styled_document(text_width: float) -> WordDocument:
    """Return a new Word document from python-docx's template with the plan's styles set up for `text_width`."""
    return docx.Document(io.BytesIO(_styled_template(text_width)))


@cache
def _styled_template(text_width: float) -> bytes:
    """Return python-docx's template with the plan's styles, saved once: setting 24 styles up was a fifth of the
    DOCX's time, and loading the saved file costs no more than loading the template itself."""
    word = docx.Document()
    set_up_styles(word, text_width)
    output = io.BytesIO()
    word.save(output)
    return output.getvalue()


def set_up_styles(word: WordDocument, text_width: float) -> None:
    """Give `word` the plan's fonts, sizes, colours and spacing."""
    styles = word.styles
    for name, (size, bold, italic, colour, before, after, extras) in _STYLES.items():
        try:
            style = styles[name]
        except KeyError:
            style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = styles["Normal"]
            style.quick_style = True
        font = style.font
        font.name, font.size, font.bold, font.italic = FONT, Pt(size), bold, italic
        font.color.rgb = RGBColor.from_string(colour.lstrip("#"))
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for slot in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
            fonts.attrib.pop(qn(f"w:{slot}"), None)  # theme fonts would override the brand font
        paragraph = style.paragraph_format
        paragraph.space_before, paragraph.space_after = Pt(before), Pt(after)
        paragraph.line_spacing = 1.0 if extras.get("single") else 1.1
        if extras.get("keep_with_next"):
            paragraph.keep_with_next = True
        if "hanging" in extras:
            paragraph.left_indent, paragraph.first_line_indent = Pt(extras["hanging"]), Pt(-extras["hanging"])
            paragraph.tab_stops.add_tab_stop(Pt(extras["hanging"]))
        if "indent" in extras:
            paragraph.left_indent = paragraph.right_indent = Pt(extras["indent"])
        if extras.get("toc"):
            paragraph.tab_stops.add_tab_stop(Pt(text_width), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
    styles["Picture"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER


def set_up_pages(word: WordDocument, document: PlanDocument) -> None:
    """Set the paper, margins, running header and "page N of M" footer (none on a cover page)."""
    section = word.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    width, height = brand.page_size(document.paper)
    section.page_width, section.page_height = Pt(width), Pt(height)
    section.left_margin = section.right_margin = Pt(brand.MARGIN_SIDE)
    section.top_margin, section.bottom_margin = Pt(brand.MARGIN_TOP), Pt(brand.MARGIN_BOTTOM)
    section.header_distance = section.footer_distance = Pt(10 * brand.POINTS_PER_MM)
    section.different_first_page_header_footer = bool(document.blocks) and isinstance(document.blocks[0], Cover)
    header = section.header.paragraphs[0]
    header.style = word.styles["Header"]
    word.styles["Header"].paragraph_format.tab_stops.clear_all()  # the template's stops suit Letter only
    header.paragraph_format.tab_stops.add_tab_stop(Pt(width - 2 * brand.MARGIN_SIDE), WD_TAB_ALIGNMENT.RIGHT)
    # one line, cut at a word, like the PDF's (Word would wrap a long title across the header rule)
    add_text(header, header_title(document.title, width - 2 * brand.MARGIN_SIDE - 160), bold=True)
    add_text(header, "\t" + document.header_note)
    paragraph_border(header, bottom=(0.8, brand.ACCENT))
    footer = section.footer.paragraphs[0]
    footer.style = word.styles["Footer"]
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if document.status:  # the draft mark on every page, before the page number
        add_text(footer, document.status + "  ·  ", bold=True)
    for piece in re.split(r"(\{page\}|\{pages\})", document.page_label):
        if piece == "{page}":
            add_field(footer, "PAGE", "1")
        elif piece == "{pages}":
            add_field(footer, "NUMPAGES", "1")
        elif piece:
            add_text(footer, piece)


_SLOT_OF_SCRIPT = {"Arab": "bidi", "Hebr": "bidi", "Deva": "bidi", "Hans": "eastAsia", "Hant": "eastAsia"}
_SLOT_OF_SCRIPT |= {"Jpan": "eastAsia", "Kore": "eastAsia"}


def language_slots(language: str) -> dict[str, str]:
    """Return Word's three language slots for a plan in `language` ("fr" → val fr-FR, Arabic and CJK defaults).

    Word spell-checks and hyphenates each run in the slot of its script: `val` for Latin text, `eastAsia`
    for CJK, `bidi` for Arabic and other complex scripts; the plan's language goes in the slot of its script.
    """
    likely = get_global("likely_subtags")
    language_code, _, territory = language.replace("-", "_").partition("_")
    full = likely.get(language_code, f"{language_code}_Latn_{territory or language_code.upper()}").split("_")
    script, territory = full[1], territory or full[-1]
    slots = {"val": "en-US", "eastAsia": "zh-CN", "bidi": "ar-SA"}
    slots[_SLOT_OF_SCRIPT.get(script, "val")] = f"{language_code}-{territory}"
    return slots


def set_language(word: WordDocument, language: str) -> None:
    """Tag every run of `word` with the plan's language and name the fonts a machine without Noto substitutes."""
    slots = language_slots(language)
    for lang in word.styles.element.iter(qn("w:lang")):
        for slot, tag in slots.items():
            lang.set(qn(f"w:{slot}"), tag)
    theme_language = word.settings.element.find(qn("w:themeFontLang"))
    if theme_language is not None:
        theme_language.set(qn("w:val"), slots["val"])
        theme_language.set(qn("w:eastAsia"), slots["eastAsia"])
        theme_language.set(qn("w:bidi"), slots["bidi"])
    font_table = next(part for part in word.part.package.iter_parts() if part.partname.endswith("/fontTable.xml"))
    fonts = parse_xml(font_table.blob)
    for windows, mac, charset in STOCK_FONTS.values():
        for template_entry in fonts.findall(qn("w:font")):  # the template's own entry has no macOS name
            if template_entry.get(qn("w:name")) == windows:
                fonts.remove(template_entry)
        fonts.append(
            parse_xml(
                f'<w:font {nsdecls("w")} w:name="{windows}"><w:altName w:val="{mac}"/><w:charset w:val="{charset}"/>'
                '<w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font>'
            )
        )
    # a plain part: python-docx keeps only its bytes
    font_table._blob = tostring(fonts, xml_declaration=True, encoding="UTF-8", standalone=True)
