"""Blank worksheets to print for a workshop without laptops: built from the worksheet pack, drawn as PDF."""

from __future__ import annotations

from campaign.worksheet import WorksheetPack
from exports.document import Paper
from exports.handouts.build import build_handouts
from exports.handouts.model import Handouts
from exports.handouts.pdf import render_handouts


def handouts_pdf(pack: WorksheetPack, paper: Paper = "a4") -> bytes:
    """Return the blank worksheets of `pack` as PDF bytes for `paper`."""
    return render_handouts(build_handouts(pack, paper=paper))


__all__ = ["Handouts", "build_handouts", "handouts_pdf", "render_handouts"]
