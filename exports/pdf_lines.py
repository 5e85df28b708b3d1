"""Text laid out as a reader reads it: Unicode bidi order (UAX #9), a font per character, shaped runs, kinsoku.

reportlab cannot do this itself: without `rlbidi` (not on PyPI) it places words left to right, and with
shaping on it shapes a word cut into several fonts in the first font only (empty boxes). So text that has
right-to-left letters, letters HarfBuzz must shape, or CJK is laid out here: cut into pieces of one face,
weight and bidi level; shaped piece by piece with HarfBuzz in the piece's own direction; broken into lines;
and each line put in visual order by the bidi levels (python-bidi).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache, cached_property

import uharfbuzz as hb
from bidi import algorithm as bidi
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import ShapeData, ShapedStr
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from exports.document import Inline, Span
from exports.fonts import LATIN, Face, coverage, pdf_font, printable_flags, split_runs
from exports.line_breaks import break_lines, is_cjk

_VARIATION_SELECTORS = {chr(code) for code in range(0xFE00, 0xFE10)}


@cache
def plain_characters() -> frozenset[str]:
    """Return the characters the Latin face draws that are neither right to left nor CJK: text of these alone is
    one unshaped run that platypus lays out itself."""
    latin = (chr(code) for code in coverage(LATIN))
    return frozenset(c for c in latin if unicodedata.bidirectional(c) not in ("R", "AL") and not is_cjk(c))


def needs_layout(text: str) -> bool:
    """Return True when `text` needs this layout: right-to-left letters, shaping, or CJK line breaking."""
    if plain_characters().issuperset(text):  # the common case, decided without a look at each character
        return False
    if any(unicodedata.bidirectional(char) in ("R", "AL") or is_cjk(char) for char in text):
        return True
    return any(face.shaping for face, _ in split_runs(text))


def bidi_levels(text: str, rtl: bool) -> list[int]:
    """Return the resolved UAX #9 embedding level of each character of `text` in a paragraph of that direction."""
    storage = bidi.get_empty_storage()
    storage["base_level"] = 1 if rtl else 0
    storage["base_dir"] = "R" if rtl else "L"
    bidi.get_embedding_levels(text, storage, debug=False)
    bidi.explicit_embed_and_overrides(storage, debug=False)
    bidi.resolve_weak_types(storage, debug=False)
    bidi.resolve_neutral_types(storage, debug=False)
    bidi.resolve_implicit_levels(storage, debug=False)
    levels = [char["level"] for char in storage["chars"]]
    return levels if len(levels) == len(text) else [1 if rtl else 0] * len(text)


@dataclass(frozen=True)
class Piece:
    """Characters [start, end) of a paragraph in one face, weight and bidi level."""

    start: int
    end: int
    face: Face
    bold: bool
    level: int


@cache
def _harfbuzz_font(font_name: str) -> hb.Font:
    return pdfmetrics.getFont(font_name).hbFont(1000)


def shape(text: str, font_name: str, rtl: bool) -> tuple[ShapedStr, list[float]]:
    """Return `text` shaped in one direction, ready to draw, and the advance of each character (per 1000 em)."""
    font = pdfmetrics.getFont(font_name)
    buffer = hb.Buffer()
    buffer.cluster_level = hb.BufferClusterLevel.MONOTONE_CHARACTERS
    buffer.add_str(text)
    buffer.guess_segment_properties()
    buffer.direction = "rtl" if rtl else "ltr"  # the bidi level decides, not the script (digits, brackets)
    harfbuzz = _harfbuzz_font(font_name)
    # no optional Latin ligatures (ff, fi): each letter stays one glyph, so copied or searched text reads as typed;
    # the ligatures a script requires (Arabic lam-alef, Devanagari conjuncts) are other features and stay on
    hb.shape(harfbuzz, buffer, {"kern": True, "liga": False})
    drawn, data = [], []
    advances = [0.0] * len(text)
    for info, position in zip(buffer.glyph_infos, buffer.glyph_positions, strict=True):
        glyph = info.codepoint
        try:
            code = font.face.glyphToChar[glyph][0]
        except KeyError:  # a ligature or contextual form no character maps to
            code = font.hbAddPrivate(harfbuzz.glyph_to_string(glyph), glyph, position.x_advance)
        drawn.append(chr(code))
        scale = font.pdfScale
        advance = scale(position.x_advance)
        advances[info.cluster] += advance
        data.append(
            ShapeData(
                info.cluster,
                advance,
                scale(position.y_advance),
                scale(position.x_offset),
                scale(position.y_offset),
                font.face.charWidths[code],
            )
        )
    return ShapedStr("".join(drawn), shapeData=data), advances


class LaidOutText(Flowable):
    """A paragraph of user text laid out by `exports.pdf_lines`; behaves like a platypus Paragraph."""

    def __init__(
        self,
        content: Inline,
        style: ParagraphStyle,
        *,
        rtl: bool,
        link: str = "",
        anchor: str = "",
        bulletText: str = "",
        span: tuple[int, int] | None = None,
        source: LaidOutText | None = None,
    ) -> None:
        super().__init__()
        self.content, self.style, self.rtl = content, style, rtl
        self.link, self.anchor, self.bulletText = link, anchor, bulletText
        self.text = "".join(span.text for span in _spans_without_selectors(content))
        self.span = span or (0, len(self.text))
        self._source = source
        self.spaceBefore, self.spaceAfter = style.spaceBefore, style.spaceAfter
        self.lines: list[tuple[int, int]] = []

    def getSpaceBefore(self) -> float:
        return self.spaceBefore

    def getSpaceAfter(self) -> float:
        return self.spaceAfter

    @cached_property
    def pieces(self) -> tuple[list[Piece], list[float]]:
        """Return the paragraph's pieces in logical order and each character's advance at 1 pt."""
        if self._source is not None:
            return self._source.pieces
        text = self.text
        levels = bidi_levels(text, self.rtl)
        bold_of = [span.bold for span in _spans_without_selectors(self.content) for _ in span.text]
        pieces: list[Piece] = []
        position = 0
        for face, run in split_runs(text):
            for index in range(position, position + len(run)):
                key = (face, bold_of[index] if index < len(bold_of) else False, levels[index])
                last = pieces[-1] if pieces else None
                if last and last.end == index and (last.face, last.bold, last.level) == key:
                    pieces[-1] = Piece(last.start, index + 1, *key)
                else:
                    pieces.append(Piece(index, index + 1, *key))
            position += len(run)
        advances = [0.0] * len(text)
        for piece in pieces:
            chunk = text[piece.start : piece.end].replace("\n", " ")
            _, widths = shape(chunk, pdf_font(piece.face, bold=piece.bold), piece.level % 2 == 1)
            advances[piece.start : piece.end] = [width / 1000 for width in widths]
        return pieces, advances

    def _indents(self) -> tuple[float, float]:
        left, right = self.style.leftIndent, self.style.rightIndent
        return (right, left) if self.rtl else (left, right)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        left, right = self._indents()
        self.width = available_width
        self.lines = break_lines(
            self.text, self.pieces[1], self.span, (available_width - left - right) / self.style.fontSize
        )
        self.height = len(self.lines) * self.style.leading
        return available_width, self.height

    def getActualLineWidths0(self) -> list[float]:
        advances = self.pieces[1]
        return [sum(advances[start:end]) * self.style.fontSize for start, end in self.lines]

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        self.wrap(available_width, available_height)
        fit = int((available_height + 1e-6) // self.style.leading)
        if fit >= len(self.lines):
            return [self]
        if fit == 0:
            return []
        middle = self.lines[fit][0]
        first = self._part((self.span[0], middle))
        rest = self._part((middle, self.span[1]))
        first.spaceAfter, rest.spaceBefore, rest.bulletText, rest.anchor = 0, 0, "", ""
        first.__dict__.update({k: v for k, v in vars(self).items() if k.startswith("outline_")})
        return [first, rest]

    def _part(self, span: tuple[int, int]) -> LaidOutText:
        part = LaidOutText(
            self.content,
            self.style,
            rtl=self.rtl,
            link=self.link,
            anchor=self.anchor,
            bulletText=self.bulletText,
            span=span,
            source=self._source or self,
        )
        part.keepWithNext = getattr(self, "keepWithNext", 0)
        return part

    def draw(self) -> None:
        canvas: Canvas = self.canv
        style = self.style
        size = style.fontSize
        left, right = self._indents()
        room = self.width - left - right
        if self.anchor:
            canvas.bookmarkHorizontal(self.anchor, 0, self.height)
        canvas.setFillColor(style.textColor)
        if self.bulletText:
            canvas.setFont(style.bulletFontName, style.bulletFontSize or size)
            if self.rtl:
                canvas.drawRightString(self.width - style.bulletIndent, self.height - size, self.bulletText)
            else:
                canvas.drawString(style.bulletIndent, self.height - size, self.bulletText)
        for number, (start, end) in enumerate(self.lines):
            baseline = self.height - size - number * style.leading
            line_width = self.getActualLineWidths0()[number]
            alignment = TA_RIGHT if self.rtl else style.alignment
            x = left + {TA_RIGHT: room - line_width, TA_CENTER: (room - line_width) / 2}.get(alignment, 0)
            if self.link:
                canvas.linkRect("", self.link, (x, baseline - 2, x + line_width, baseline + size), relative=1)
            draw_line(canvas, self.text, self.pieces[0], start, end, x, baseline, size)


def _spans_without_selectors(content: Inline) -> list[Span]:
    return [
        Span(
            "".join(c for c in printable_flags(span.text).replace("\r", "") if c not in _VARIATION_SELECTORS), span.bold
        )
        for span in content
    ]


def draw_line(
    canvas: Canvas, text: str, pieces: list[Piece], start: int, end: int, x: float, y: float, size: float
) -> float:
    """Draw text[start:end] as one line in visual order from `x` on baseline `y`; return its width."""
    parts = [
        (max(piece.start, start), min(piece.end, end), piece)
        for piece in pieces
        if piece.end > start and piece.start < end and start < end  # a blank line draws nothing
    ]
    highest = max((piece.level for *_, piece in parts), default=0)
    lowest_odd = min((piece.level for *_, piece in parts if piece.level % 2), default=highest + 1)
    for level in range(highest, lowest_odd - 1, -1):  # UAX #9 rule L2
        index = 0
        while index < len(parts):
            if parts[index][2].level >= level:
                stop = index
                while stop < len(parts) and parts[stop][2].level >= level:
                    stop += 1
                parts[index:stop] = parts[index:stop][::-1]
                index = stop
            else:
                index += 1
    origin = x
    for first, last, piece in parts:
        font_name = pdf_font(piece.face, bold=piece.bold)
        shaped, advances = shape(text[first:last].replace("\n", " "), font_name, piece.level % 2 == 1)
        canvas.setFont(font_name, size)
        canvas.drawString(x, y, shaped)
        x += sum(advances) * size / 1000
    return x - origin


def text_pieces(text: str, *, bold: bool, rtl: bool) -> tuple[str, list[Piece], list[float]]:
    """Return a one-line label's text as drawn, its pieces and its advances at 1 pt, for `draw_line`."""
    laid_out = LaidOutText((Span(text, bold),), _label_style(), rtl=rtl)
    return laid_out.text, *laid_out.pieces


@cache
def _label_style() -> ParagraphStyle:
    return ParagraphStyle("label", fontName=pdf_font(LATIN))
