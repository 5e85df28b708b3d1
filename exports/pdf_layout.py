"""How the PDF story breaks into pages: tables that split once per page, small blocks kept whole, one-page parts."""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Flowable, KeepInFrame, KeepTogether
from reportlab.platypus import Table as TableFlowable

from exports import brand
from exports.document import Paper

SMALL_SHARE = 1 / 3  # a table or card shorter than this share of a page is never split
LEAST_REMAINDER = 72.0  # points: the part of a split table carried over is at least this tall (no lone last row)


def frame_height(paper: Paper) -> float:
    """Return the height of the body frame of a page, in points."""
    return brand.page_size(paper)[1] - brand.MARGIN_TOP - brand.MARGIN_BOTTOM


class PlanTable(TableFlowable):
    """A table whose remainder, once split, waits for the top of the next page.

    reportlab's in-row splitting could split a table's remainder again on the page its first part was drawn on,
    so the card's title row printed twice on one page and the next page began with an empty label cell.
    """

    continuation = False
    page_height = 0.0  # the body frame's height: a remainder asked to fit in less is not at the top of a page
    _measured_at: float | None = None  # the width the rows were last measured at, while that measure stands

    def _calc(self, available_width: float, available_height: float) -> None:
        """Measure the rows and columns, once per width: a table is measured to keep it whole, to place it and
        again by KeepTogether, and reportlab walks every cell each time. Without cells spanning rows the measure
        does not depend on the height (reportlab stops early only to close a row span)."""
        if available_width == self._measured_at:
            return
        super()._calc(available_width, available_height)
        self._measured_at = None if getattr(self, "_rowSpanCells", None) else available_width

    def _waits(self, available_height: float) -> bool:
        return self.continuation and available_height < self.page_height - 1

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        width, height = super().wrap(available_width, available_height)
        return (width, max(height, available_height + 1)) if self._waits(available_height) else (width, height)

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        if self._waits(available_height):
            return []
        self._measured_at = None  # splitting may split cells in place: measure afresh, and again afterwards
        pieces = super().split(available_width, available_height)
        self._measured_at = None
        if len(pieces) == 2:
            _, carried = pieces[1].wrap(available_width, self.page_height)
            if carried < LEAST_REMAINDER:  # carry more over, so the next page does not hold one short row
                retry = super().split(available_width, available_height - (LEAST_REMAINDER - carried))
                pieces = retry if len(retry) == 2 else pieces
        for piece in pieces[1:]:
            piece.continuation, piece.page_height = True, self.page_height
        return pieces


def plan_table(data: list[list[Any]], page_height: float, **keywords: Any) -> PlanTable:
    """Return a PlanTable for a body frame `page_height` points tall."""
    table = PlanTable(data, **keywords)
    table.page_height = page_height
    return table


def kept_whole_if_small(flowable: Flowable, width: float, page_height: float) -> Flowable:
    """Return `flowable` kept on one page when it is short (a card, a two-row table); long ones may split."""
    _, height = flowable.wrap(width, page_height)
    return KeepTogether([flowable]) if height <= page_height * SMALL_SHARE else flowable


def fitted_to_page(heading: Flowable, content: list[Flowable], width: float, page_height: float) -> list[Flowable]:
    """Return the heading then `content` shrunk, when it must be, to fill the rest of one page and no more."""
    _, heading_height = heading.wrap(width, page_height)
    room = page_height - heading_height - heading.getSpaceBefore() - heading.getSpaceAfter() - 2
    return [heading, KeepInFrame(width, room, _unkept(content), mode="shrink")]


def _unkept(content: list[Flowable]) -> list[Flowable]:
    """Return `content` with KeepTogether groups opened: inside a KeepInFrame they cannot draw, nor need to."""
    flat: list[Flowable] = []
    for flowable in content:
        flat += _unkept(flowable._content) if isinstance(flowable, KeepTogether) else [flowable]
    return flat


def keep_headings_with_next(story: list[Flowable]) -> list[Flowable]:
    """Return the story with headings moved into the KeepTogether group that follows them.

    platypus keeps a heading with the next flowable, but not when that is itself a KeepTogether
    (a card or a chart), which left headings alone at the foot of a page.
    """
    kept: list[Flowable] = []
    for flowable in reversed(story):
        if kept and isinstance(kept[-1], KeepTogether) and flowable.getKeepWithNext():
            flowable.keepWithNext = 0
            kept[-1] = KeepTogether([flowable, *kept[-1]._content])
        else:
            kept.append(flowable)
    return kept[::-1]
