"""Text for the PDF: escaped reportlab markup with a font per script, and the paragraph styles."""

from __future__ import annotations

import re
from collections.abc import Sequence
from copy import copy
from functools import cache
from html import escape as html_escape
from typing import Any

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph
from reportlab.platypus.paraparser import ParaFrag, ParaParser

from exports import brand
from exports.document import Inline, inline
from exports.fonts import LATIN, SYMBOLS, is_rtl, needs_shaping, pdf_font, printable_flags, split_runs
from exports.pdf_lines import LaidOutText, needs_layout, plain_characters

_VARIATION_SELECTORS = re.compile("[\ufe00-\ufe0f\U000e0100-\U000e01ef]")


def escape(text: str) -> str:
    """Return `text` with &, < and > escaped, as xml.sax.saxutils does (which imports urllib.request, ssl and
    email: a good part of a cold export) for reportlab's markup."""
    return html_escape(text, quote=False)


def markup(text: str, *, bold: bool = False) -> tuple[str, bool]:
    """Return reportlab markup for user `text` and whether it needs shaping.

    reportlab parses markup, so every character of user text is escaped ("<b>" would vanish or raise)
    and the only tags are ours: a <font> per script run, <b>, and <br/> for line breaks.
    """
    runs = split_runs(printable_flags(text))
    parts = []
    for face, run in runs:
        # a variation selector asks for colour or text presentation; no vendored font has one, and
        # reportlab would write a NUL into the text layer in its place
        escaped = escape(_VARIATION_SELECTORS.sub("", run)).replace("\n", "<br/>")
        if face is LATIN:
            parts.append(f"<b>{escaped}</b>" if bold else escaped)
        else:  # the bold file by name: <b> around <font face=...> is dropped by reportlab's parser
            parts.append(f'<font face="{pdf_font(face, bold=bold)}">{escaped}</font>')
    return "".join(parts), needs_shaping(runs)


def inline_markup(content: Inline) -> tuple[str, bool]:
    """Return markup and the shaping flag for inline content with bold spans."""
    pieces = [markup(span.text, bold=span.bold) for span in content]
    return "".join(text for text, _ in pieces), any(shaped for _, shaped in pieces)


@cache
def _passed_through() -> frozenset[str]:
    """Return the characters reportlab's parser keeps as they are in one run of the Latin face: the plain ones
    but the markup's own & < > and the variation selectors `markup` drops."""
    return plain_characters() - set("&<>") - set(map(chr, range(0xFE00, 0xFE10)))


@cache
def _fragment(style: ParagraphStyle, bold: bool) -> ParaFrag:
    """Return the fragment reportlab's parser makes of one word in `style` (bold or not): a plain text's is a copy
    with its own text. (Kept per style object: `style()` makes each one once.)"""
    _, fragments, _ = ParaParser().parse("<b>x</b>" if bold else "x", style)
    return fragments[0]


def plain_fragments(spans: Sequence[tuple[str, bool]], style: ParagraphStyle) -> list | None:
    """Return the fragments reportlab's parser makes of the markup of `spans` (text, bold) without parsing it, or
    None when that markup needs the parser: a character outside the plain Latin ones, an empty span, or white
    space the parser would squeeze (leading, trailing, doubled, or other than one space).

    The parser is a third of the time spent building the story; its fragments of plain text differ from one
    another only by their text. Adjacent spans that are not bold are one run of markup text, so one fragment.
    """
    joined = "".join(text for text, _ in spans)
    if getattr(style, "textTransform", None):  # the parser would change the case of its fragments' text
        return None
    if not joined or " ".join(joined.split()) != joined or not _passed_through().issuperset(joined):
        return None
    fragments: list[ParaFrag] = []
    after_plain = False
    for text, bold in spans:
        if not text:
            return None  # "<b></b>" between two plain runs would cut them into two fragments
        if after_plain and not bold:
            fragments[-1].text += text
            continue
        fragment = copy(_fragment(style, bold))
        fragment.text, fragment.link, fragment.us_lines = text, [], []  # lists of its own, as the parser gives
        fragments.append(fragment)
        after_plain = not bold
    return fragments


class PlanParagraph(Paragraph):
    """A platypus Paragraph that breaks its lines once per width.

    A table measures each cell paragraph several times at the same width (to keep it whole, to place it on the
    page, to draw it) and reportlab breaks the lines afresh each time: a third of the PDF's time went there.
    """

    _wrapped_at: float | None = None

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        if available_width == self._wrapped_at and getattr(self, "blPara", None) is not None:
            return self.width, self.height  # the lines, width and height of the last wrap at this width stand
        self._wrapped_at = None
        width, height = super().wrap(available_width, available_height)
        if available_width >= rl_config._FUZZ:  # reportlab's "cannot fit here" answer sets no lines
            self._wrapped_at = available_width
        return width, height


STYLES: dict[str, dict] = {
    "body": {"fontSize": brand.BODY_SIZE, "leading": 14, "spaceAfter": 6},
    "lead": {"fontSize": 10.5, "leading": 15, "spaceAfter": 10, "textColor": brand.MUTED},
    "muted": {"fontSize": brand.SMALL_SIZE, "leading": 12, "spaceAfter": 6, "textColor": brand.MUTED},
    "missing": {"fontSize": brand.BODY_SIZE, "leading": 14, "spaceAfter": 6, "textColor": brand.MUTED},
    "caption": {"fontSize": 8, "leading": 11, "spaceBefore": 2, "spaceAfter": 12, "textColor": brand.MUTED},
    "h1": {"fontSize": 19, "leading": 24, "spaceAfter": 8, "textColor": brand.ACCENT},
    "h2": {"fontSize": 13.5, "leading": 18, "spaceBefore": 12, "spaceAfter": 6, "textColor": brand.ACCENT_DARK},
    "h3": {"fontSize": 10.5, "leading": 14, "spaceBefore": 8, "spaceAfter": 3, "textColor": brand.INK},
    "cell": {"fontSize": 9, "leading": 12},
    "cell_dense": {"fontSize": 8, "leading": 10},
    "cell_amount": {"fontSize": 9, "leading": 12, "alignment": TA_RIGHT},
    "cell_dense_amount": {"fontSize": 8, "leading": 10, "alignment": TA_RIGHT},
    "cell_head": {"fontSize": 8.5, "leading": 11, "textColor": brand.WHITE},
    "cell_label": {"fontSize": 8.5, "leading": 11.5, "textColor": brand.ACCENT_DARK},
    "cell_missing": {"fontSize": 9, "leading": 12, "textColor": brand.MUTED},
    "bullet": {"fontSize": brand.BODY_SIZE, "leading": 14, "spaceAfter": 3, "leftIndent": 16, "bulletIndent": 3},
    "box": {"fontSize": brand.BODY_SIZE, "leading": 16, "spaceAfter": 3, "leftIndent": 18, "bulletIndent": 2},
    "callout_title": {"fontSize": 8.5, "leading": 12, "textColor": brand.ACCENT, "spaceAfter": 2},
    "callout": {"fontSize": 12, "leading": 16, "textColor": brand.ACCENT_DARK},
    "contents": {"fontSize": 11, "leading": 15},
    "header": {"fontSize": 8, "leading": 10, "textColor": brand.MUTED},
    "footer": {"fontSize": 8, "leading": 10, "textColor": brand.MUTED, "alignment": TA_RIGHT},
    "cover_kicker": {"fontSize": 10.5, "leading": 14, "textColor": brand.ACCENT_SOFT},
    "cover_title": {"fontSize": 34, "leading": 40, "textColor": brand.WHITE},
    "cover_subtitle": {"fontSize": 14, "leading": 19, "textColor": brand.WHITE},
    "cover_label": {"fontSize": 8, "leading": 11, "textColor": brand.ACCENT},
    "cover_value": {"fontSize": 12, "leading": 16, "textColor": brand.INK},
    "cover_note": {"fontSize": 8.5, "leading": 12, "textColor": brand.MUTED},
    "chart": {"fontSize": 7, "leading": 8.5, "textColor": brand.INK},
}


@cache
def style(name: str, *, shaping: bool = False, rtl: bool = False) -> ParagraphStyle:
    """Return the named paragraph style, shaped with HarfBuzz and right-aligned when the text needs it."""
    settings = dict(STYLES[name])
    settings["textColor"] = colors.HexColor(settings.get("textColor", brand.INK))
    alignment = settings.pop("alignment", TA_LEFT)
    alignment = TA_RIGHT if rtl else alignment
    return ParagraphStyle(
        f"{name}{'-shaped' if shaping else ''}{'-rtl' if rtl else ''}",
        fontName=pdf_font(LATIN),
        bulletFontName=pdf_font(SYMBOLS if name == "box" else LATIN),  # the tick box glyph is in Symbola
        alignment=alignment,
        shaping=1 if shaping else 0,  # shaping costs ~3x; only paragraphs with Arabic or Devanagari pay it
        **settings,
    )


def paragraph(
    text: str,
    style_name: str,
    *,
    bold: bool = False,
    link: str = "",
    anchor: str = "",
    plan_rtl: bool = False,
    **keywords: Any,
) -> Paragraph | LaidOutText:
    """Return a Paragraph of user `text` in the named style, with the right fonts, shaping and direction.

    `link` names an anchor in the document that the whole paragraph points at; `anchor` is one it sets;
    `plan_rtl` says the plan's language is right to left (`fonts.is_rtl` decides the direction from both).
    Text with right-to-left letters, shaped scripts or CJK is laid out by `exports.pdf_lines` instead.
    """
    rtl = is_rtl(text, plan_rtl=plan_rtl)
    if needs_layout(text):
        content = inline(text, bold=bold)
        return LaidOutText(content, style(style_name, rtl=rtl), rtl=rtl, link=link, anchor=anchor, **keywords)
    if not link and not anchor:
        chosen = style(style_name, rtl=rtl)
        fragments = plain_fragments(((text, bold),), chosen)
        if fragments is not None:
            return PlanParagraph(f"<b>{text}</b>" if bold else text, chosen, frags=fragments, **keywords)
    source, shaping = markup(text, bold=bold)
    if link:
        source = f'<a href="#{link}">{source}</a>'
    if anchor:
        source = f'<a name="{anchor}"/>{source}'
    return PlanParagraph(source, style(style_name, shaping=shaping, rtl=rtl), **keywords)


def inline_paragraph(
    content: Inline, style_name: str, *, plan_rtl: bool = False, **keywords: Any
) -> Paragraph | LaidOutText:
    """Return a Paragraph of inline content (bold spans kept) in the named style."""
    text = "".join(span.text for span in content)
    rtl = is_rtl(text, plan_rtl=plan_rtl)
    if needs_layout(text):
        return LaidOutText(content, style(style_name, rtl=rtl), rtl=rtl, **keywords)
    chosen = style(style_name, rtl=rtl)
    fragments = plain_fragments([(span.text, span.bold) for span in content], chosen)
    if fragments is not None:
        source = "".join(f"<b>{span.text}</b>" if span.bold else span.text for span in content)
        return PlanParagraph(source, chosen, frags=fragments, **keywords)
    source, shaping = inline_markup(content)
    return PlanParagraph(source, style(style_name, shaping=shaping, rtl=rtl), **keywords)
