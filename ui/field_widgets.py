"""Every field type's widget, assembled: import `render_field` from here to draw any field of a worksheet.

Each widget registers itself for the `widget` concern (`ui/slot.py`) in the module that owns it: the single-value
types in `ui/widgets.py`, lists in `ui/lists.py`, tables in `ui/tables.py` (cards) and `ui/grid.py`. This module
only imports them, so none of them imports another to reach its widget (no import cycle).
"""

from __future__ import annotations

from ui import lists, tables, widgets
from ui.slot import Slot, draw_widget, render_field

__all__ = ["WIDGET_MODULES", "Slot", "draw_widget", "render_field"]
WIDGET_MODULES = (widgets, lists, tables)
