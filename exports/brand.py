"""The plan's look shared by every format: one accent colour, a few greys, paper sizes and margins."""

from __future__ import annotations

from exports.document import Paper

ACCENT = "#0F5C63"  # deep teal: headings, table headers, chart marks
ACCENT_DARK = "#0A4348"
ACCENT_LIGHT = "#E3EEEF"  # label cells, callouts
ACCENT_SOFT = "#A9CACC"  # secondary marks, light rules on teal
INK = "#1E2A2C"  # body text
MUTED = "#5E6E70"  # captions, labels, running header
RULE = "#C7D3D4"  # table lines
ZEBRA = "#F5F8F8"  # every other table row
WHITE = "#FFFFFF"

POINTS_PER_MM = 72 / 25.4
PAGE_SIZES: dict[Paper, tuple[float, float]] = {
    "a4": (210 * POINTS_PER_MM, 297 * POINTS_PER_MM),
    "letter": (8.5 * 72, 11 * 72),
}
MARGIN_SIDE = 20 * POINTS_PER_MM
MARGIN_TOP = 24 * POINTS_PER_MM  # room for the running header
MARGIN_BOTTOM = 20 * POINTS_PER_MM  # room for the page number

BODY_SIZE = 10
SMALL_SIZE = 8.5


def page_size(paper: Paper) -> tuple[float, float]:
    """Return the page's width and height in points."""
    return PAGE_SIZES[paper]


def content_width(paper: Paper) -> float:
    """Return the width between the side margins, in points."""
    return page_size(paper)[0] - 2 * MARGIN_SIDE


def rgb(colour: str) -> tuple[int, int, int]:
    """Return a "#RRGGBB" colour as three 0-255 integers."""
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)
