"""Chart pictures for formats without vector drawing (DOCX): a chart scene painted by Pillow as PNG."""

from __future__ import annotations

import io
from collections.abc import Callable
from functools import cache, lru_cache

from PIL import Image, ImageDraw, ImageFont, features

from exports.charts import Box, Dot, Label, Line, Scene
from exports.fonts import Face, is_rtl, split_runs, text_width

SUPERSAMPLE = 2  # paint at twice the size and scale down: Pillow draws shapes without anti-aliasing
# raqm lays out Arabic and Devanagari properly; Pillow falls back to basic layout when it is missing
_LAYOUT = ImageFont.Layout.RAQM if features.check("raqm") else ImageFont.Layout.BASIC


@lru_cache(maxsize=16)  # a scene is a frozen value: the same chart in the next export is not painted again
def render_png(scene: Scene, dpi: int = 200) -> bytes:
    """Return the scene as a PNG of `dpi` dots per inch of its size in points."""
    scale = dpi / 72 * SUPERSAMPLE
    size = (max(1, round(scene.width * scale)), max(1, round(scene.height * scale)))
    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)

    def point(x: float, y: float) -> tuple[float, float]:
        return x * scale, (scene.height - y) * scale  # the scene's origin is bottom left, Pillow's top left

    for shape in scene.shapes:
        if isinstance(shape, Box):
            left, bottom = point(shape.x, shape.y)
            right, top = point(shape.x + shape.width, shape.y + shape.height)
            width = max(1, round(shape.stroke_width * scale)) if shape.stroke else 0
            draw.rounded_rectangle(
                (left, top, right, bottom),
                radius=shape.radius * scale,
                fill=shape.fill,
                outline=shape.stroke,
                width=width,
            )
        elif isinstance(shape, Line):
            start, end = point(shape.x1, shape.y1), point(shape.x2, shape.y2)
            width = max(1, round(shape.width * scale))
            if shape.dashed:
                _dashed(draw, start, end, shape.colour, width, 2 * scale)
            else:
                draw.line((start, end), fill=shape.colour, width=width)
        elif isinstance(shape, Dot):
            x, y = point(shape.x, shape.y)
            r = shape.radius * scale
            if shape.diamond:
                draw.polygon([(x, y - r), (x + r, y), (x, y + r), (x - r, y)], fill=shape.fill, outline=shape.stroke)
            else:
                draw.ellipse(
                    (x - r, y - r, x + r, y + r), fill=shape.fill, outline=shape.stroke, width=max(1, round(scale))
                )
        else:
            _label(draw, shape, point, scale)
    final = image.reduce(SUPERSAMPLE)
    output = io.BytesIO()
    final.save(output, format="PNG", compress_level=3, dpi=(dpi, dpi))  # flat colours: small files anyway
    return output.getvalue()


def _dashed(
    draw: ImageDraw.ImageDraw,
    start: tuple[float, float],
    end: tuple[float, float],
    colour: str,
    width: int,
    dash: float,
) -> None:
    (x1, y1), (x2, y2) = start, end
    length = max(abs(x2 - x1), abs(y2 - y1))
    steps = max(1, int(length // dash))
    for step in range(0, steps, 2):
        a, b = step / steps, min(1, (step + 1) / steps)
        draw.line(
            ((x1 + (x2 - x1) * a, y1 + (y2 - y1) * a), (x1 + (x2 - x1) * b, y1 + (y2 - y1) * b)),
            fill=colour,
            width=width,
        )


def _label(
    draw: ImageDraw.ImageDraw, label: Label, point: Callable[[float, float], tuple[float, float]], scale: float
) -> None:
    width = text_width(label.text, label.size, bold=label.bold)
    start = {"start": label.x, "middle": label.x - width / 2, "end": label.x - width}[label.anchor]
    x, baseline = point(start, label.y)
    runs = split_runs(label.text)
    if is_rtl(label.text):
        runs.reverse()  # runs of a right-to-left label are laid out from the right
    for face, part in runs:
        font = _font(face, label.bold, round(label.size * scale))
        direction = "rtl" if is_rtl(part) and _LAYOUT == ImageFont.Layout.RAQM else None
        draw.text((x, baseline), part, font=font, fill=label.colour, anchor="ls", direction=direction)
        x += draw.textlength(part, font=font, direction=direction)


@cache
def _font(face: Face, bold: bool, pixels: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(face.path(bold=bold)), max(1, pixels), layout_engine=_LAYOUT)
