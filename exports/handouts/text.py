"""Paragraphs of the handouts in sizes the plan has no style for: compact guidance, a prominent running header."""

from __future__ import annotations

from typing import Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable
from reportlab.platypus import Paragraph as ParagraphFlowable

from exports.document import Inline, inline, plain_text
from exports.fonts import is_rtl
from exports.pdf_lines import needs_layout
from exports.pdf_text import inline_markup, inline_paragraph, style


def sized(
    content: Inline,
    style_name: str,
    *,
    size: float,
    leading: float,
    colour: str | None = None,
    plan_rtl: bool = False,
    **keywords: Any,
) -> Flowable:
    """Return inline content in the plan's style `style_name`, set at `size` on `leading` (and in `colour`).

    Text that `exports.pdf_lines` lays out (right-to-left, shaped, CJK) keeps the plan style's own size.
    """
    text = plain_text(content)
    if needs_layout(text):
        return inline_paragraph(content, style_name, plan_rtl=plan_rtl, **keywords)
    source, shaping = inline_markup(content)
    base = style(style_name, shaping=shaping, rtl=is_rtl(text, plan_rtl=plan_rtl))
    changes: dict[str, Any] = {"fontSize": size, "leading": leading, "spaceAfter": base.spaceAfter * 0.7}
    if colour:
        changes["textColor"] = colors.HexColor(colour)
    return ParagraphFlowable(source, ParagraphStyle(f"{base.name}-{size}", parent=base, **changes), **keywords)


def sized_text(text: str, style_name: str, *, bold: bool = False, **keywords: Any) -> Flowable:
    """Return plain `text` as `sized` does, all bold when `bold`."""
    return sized(inline(text, bold=bold), style_name, **keywords)
