"""Chart layout: a power map or timeline turned into shapes and labels in points, ready for any painter."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from exports import brand
from exports.document import PowerMap, Timeline
from exports.fonts import is_rtl, text_width


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    width: float
    height: float
    fill: str | None = None
    stroke: str | None = None
    stroke_width: float = 0.5
    radius: float = 0


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    colour: str
    width: float = 0.5
    dashed: bool = False


@dataclass(frozen=True)
class Dot:
    x: float
    y: float
    radius: float
    fill: str
    stroke: str
    diamond: bool = False


@dataclass(frozen=True)
class Label:
    x: float
    y: float  # baseline
    text: str
    size: float
    colour: str = brand.INK
    anchor: Literal["start", "middle", "end"] = "start"
    bold: bool = False


Shape = Box | Line | Dot | Label


@dataclass(frozen=True)
class Scene:
    """Shapes in points, origin at the bottom left; later shapes are painted over earlier ones."""

    width: float
    height: float
    shapes: tuple[Shape, ...]


def fit_lines(text: str, width: float, size: float, max_lines: int, *, bold: bool = False) -> list[str]:
    """Return `text` wrapped to `width` in at most `max_lines` lines, the last one cut with "…" if needed."""
    words = text.split()
    lines: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current} {word}" if current else word
        if text_width(candidate, size, bold=bold) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = word
        while text_width(current, size, bold=bold) > width and len(current) > 1:  # long words, scripts without spaces
            cut = _longest_prefix(current, width, size, bold)
            lines.append(current[:cut])
            current = current[cut:]
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = _ellipsis(lines[-1], width, size, bold)
    return lines


def _longest_prefix(text: str, width: float, size: float, bold: bool) -> int:
    low, high = 1, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if text_width(text[:middle], size, bold=bold) <= width:
            low = middle
        else:
            high = middle - 1
    return low


def _ellipsis(line: str, width: float, size: float, bold: bool) -> str:
    while line and text_width(line + "…", size, bold=bold) > width:
        line = line[:-1]
    return line.rstrip() + "…"


def power_map_scene(chart: PowerMap, width: float) -> Scene:
    """Return the power map: influence rows (highest on top) against stance columns (most supportive right)."""
    columns, rows = len(chart.stance_labels), len(chart.influence_labels)
    left, top_band, cell_height = 64.0, 22.0, 84.0
    cell_width = (width - left - 2) / columns
    column_label_lines = max(len(fit_lines(label, cell_width - 6, 7, 3)) for label in chart.stance_labels)
    bottom = 8 + 9 * column_label_lines + 18
    height = bottom + rows * cell_height + top_band
    shapes: list[Shape] = []
    for row in range(rows):
        for column in range(columns):
            strength = (row / max(rows - 1, 1) + column / max(columns - 1, 1)) / 2
            x, y = left + column * cell_width, bottom + row * cell_height
            shapes.append(Box(x, y, cell_width, cell_height, _tint(0.04 + 0.22 * strength), brand.WHITE, 1.5))
        y = bottom + row * cell_height + cell_height / 2
        for n, line in enumerate(fit_lines(chart.influence_labels[row], left - 10, 7.5, 2, bold=True)):
            shapes.append(Label(left - 8, y + 2 - n * 9, line, 7.5, brand.ACCENT_DARK, "end", bold=True))
    for column, text in enumerate(chart.stance_labels):
        x = left + column * cell_width + cell_width / 2
        for n, line in enumerate(fit_lines(text, cell_width - 6, 7, 3, bold=True)):
            shapes.append(Label(x, bottom - 12 - n * 9, line, 7, brand.ACCENT_DARK, "middle", bold=True))
    shapes.append(Label(left + (width - left) / 2, 4, f"{chart.stance_title}  →", 7.5, brand.MUTED, "middle"))
    shapes.append(Label(left - 56, height - 12, f"↑  {chart.influence_title}", 7.5, brand.MUTED))
    shapes += _legend(chart, width, height - 12)
    for (column, row), points in _by_cell(chart).items():
        shapes += _cell_points(
            points,
            left + column * cell_width,
            bottom + (row + 1) * cell_height,
            cell_width,
            cell_height,
            chart.overflow,
        )
    return Scene(width, height, tuple(shapes))


def _by_cell(chart: PowerMap) -> dict[tuple[int, int], list]:
    cells: dict[tuple[int, int], list] = {}
    for point in chart.points:
        cells.setdefault((point.stance, point.influence), []).append(point)
    return cells


def _cell_points(points: list, x: float, top: float, width: float, height: float, overflow: str) -> list[Shape]:
    """Return numbered dots with their names, stacked from the top of one cell."""
    size, leading, radius = 6.6, 7.8, 6.2
    room = height - 8
    lines_each = max(1, min(6, int(room / (len(points) * leading))))
    shapes: list[Shape] = []
    y = top - 5
    for index, point in enumerate(points):
        lines = fit_lines(point.label, width - 2 * radius - 9, size, lines_each)
        block = max(len(lines) * leading, 2 * radius + 1)
        if y - block < top - height + 2 - leading:  # the last line of the cell says who is left out
            numbers = ", ".join(str(p.number) for p in points[index:])
            more = fit_lines(overflow.format(numbers=numbers, count=len(points) - index), width - 8, size, 1)[0]
            shapes.append(Label(x + width - 4, top - height + 4, more, size, brand.MUTED, "end"))
            break
        centre = y - radius
        fill, stroke, ink = (
            (brand.ACCENT, brand.ACCENT, brand.WHITE) if point.primary else (brand.WHITE, brand.ACCENT, brand.ACCENT)
        )
        shapes.append(Dot(x + 3 + radius, centre, radius, fill, stroke))
        shapes.append(Label(x + 3 + radius, centre - 2.3, str(point.number), 6.5, ink, "middle", bold=True))
        for n, line in enumerate(lines):
            shapes.append(Label(x + 2 * radius + 6, y - size - n * leading + 0.5, line, size, brand.INK))
        y -= block + 3
    return shapes


def _legend(chart: PowerMap, width: float, y: float) -> list[Shape]:
    primary, secondary = chart.legend
    size = 7
    second_x = width - text_width(secondary, size) - 2
    first_x = second_x - 22 - text_width(primary, size)
    return [
        Dot(first_x - 8, y + 2.5, 4, brand.ACCENT, brand.ACCENT),
        Label(first_x, y, primary, size, brand.MUTED),
        Dot(second_x - 8, y + 2.5, 4, brand.WHITE, brand.ACCENT),
        Label(second_x, y, secondary, size, brand.MUTED),
    ]


def _tint(amount: float) -> str:
    """Return the accent colour mixed into white by `amount` (0 = white, 1 = accent)."""
    red, green, blue = brand.rgb(brand.ACCENT)
    mix = [round(255 + (channel - 255) * amount) for channel in (red, green, blue)]
    return "#{:02X}{:02X}{:02X}".format(*mix)


NUMBER_WIDTH = 12.0  # points before an activity's name in the timeline, for its number


def timeline_scene(chart: Timeline, width: float) -> Scene:
    """Return the timeline: activity names on the left, one bar per activity across the months."""
    label_width = min(170.0, width * 0.34)
    left, right = label_width + 8, width - 4
    header = 26.0
    band = 38.0 if chart.milestones else 0.0
    # a name takes up to four lines (the row grows) so that it is cut, with "…", only when very long
    names = [fit_lines(bar.label, label_width - 4 - NUMBER_WIDTH, 7.2, 4) for bar in chart.bars]
    rows = [max(22.0, 8.4 * len(lines) + 6) for lines in names]
    height = header + sum(rows) + band + 4
    days = (chart.end - chart.start).days + 1
    scale = (right - left) / days

    def x_of(day: dt.date) -> float:
        return left + (day - chart.start).days * scale

    shapes: list[Shape] = []
    month_start = chart.start
    step = max(1, math.ceil(24 / (scale * 30.4)))  # label every month, or every second... when they crowd
    for index, (month, year) in enumerate(zip(chart.month_labels, chart.year_labels, strict=True)):
        next_start = (month_start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        x1, x2 = x_of(month_start), x_of(next_start)
        if index % 2 == 0:
            shapes.append(Box(x1, band, x2 - x1, height - header - band - 2, brand.ZEBRA))
        if index % step == 0:
            shapes.append(Label((x1 + x2) / 2, height - 10, month, 7, brand.ACCENT_DARK, "middle", bold=True))
            if index == 0 or month_start.month == 1:
                shapes.append(Label((x1 + x2) / 2, height - 19, year, 6.5, brand.MUTED, "middle"))
        month_start = next_start
    shapes.append(Line(left, height - header + 2, right, height - header + 2, brand.ACCENT, 0.8))
    shapes += _milestones(chart, x_of, band, height - header)  # under the bars and their dates
    top = height - header
    for index, (bar, lines) in enumerate(zip(chart.bars, names, strict=True)):
        row = rows[index]
        centre = top - row / 2
        first_baseline = centre + (len(lines) - 1) * 4.2 - 2.4
        rtl = is_rtl(bar.label)  # a right-to-left name ends at the column's right edge, beside its bar
        number = f"{index + 1}."  # the activity's number in the plan's list and work plan
        shapes.append(
            Label(label_width - 4 if rtl else 0, first_baseline, number, 7.2, brand.MUTED, "end" if rtl else "start")
        )
        for n, line in enumerate(lines):
            x = label_width - 4 - NUMBER_WIDTH if rtl else NUMBER_WIDTH
            shapes.append(Label(x, first_baseline - n * 8.4, line, 7.2, brand.INK, "end" if rtl else "start"))
        x1, x2 = x_of(bar.start), x_of(bar.end + dt.timedelta(days=1))
        if x2 - x1 < 5:
            shapes.append(Dot((x1 + x2) / 2, centre, 4, brand.ACCENT, brand.ACCENT))
            x1, x2 = (x1 + x2) / 2 - 4, (x1 + x2) / 2 + 4
        else:
            shapes.append(Box(x1, centre - 5, x2 - x1, 10, brand.ACCENT, radius=2.5))
        when_width = text_width(bar.when, 6.3)
        when_x = x2 + 4 if x2 + 4 + when_width <= right else x1 - 4 - when_width
        if when_x >= left:  # on a white ground: the deadlines' dashed lines pass behind the date, not through it
            shapes.append(Box(when_x - 1.5, centre - 4.4, when_width + 3, 8.6, brand.WHITE, radius=1.5))
            shapes.append(Label(when_x, centre - 2.2, bar.when, 6.3, brand.MUTED))
        shapes.append(Line(0, top - row, right, top - row, brand.RULE, 0.3))
        top -= row
    return Scene(width, height, tuple(shapes))


def _milestones(chart: Timeline, x_of: Callable[[dt.date], float], band: float, top: float) -> list[Shape]:
    shapes: list[Shape] = []
    ends = [float("-inf"), float("-inf")]  # right edge of the last label on each of two levels
    for milestone in sorted(chart.milestones, key=lambda m: m.date):
        x = x_of(milestone.date) + 0.5 * (x_of(milestone.date + dt.timedelta(days=1)) - x_of(milestone.date))
        shapes.append(Line(x, band - 4, x, top, brand.ACCENT_DARK, 0.6, dashed=True))
        shapes.append(Dot(x, band - 9, 4.2, brand.ACCENT_DARK, brand.WHITE, diamond=True))
        half = text_width(milestone.label, 6.5) / 2
        level = 0 if x - half > ends[0] + 3 else 1 if x - half > ends[1] + 3 else 0
        ends[level] = x + half
        shapes.append(Label(x, band - 21 - level * 8, milestone.label, 6.5, brand.ACCENT_DARK, "middle"))
    return shapes
