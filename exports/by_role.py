"""The plan's fields, tables and columns found by the roles a pack declares, tolerating packs without them."""

from __future__ import annotations

from typing import Any

from campaign.fields import Choice, FieldBase, Role
from campaign.model import Campaign, is_empty
from campaign.roles import RolePlace, choices_of
from campaign.worksheet import WorksheetPack


def role_field(pack: WorksheetPack, role: Role) -> FieldBase | None:
    """Return the field, table or column declaring `role`, or None when the pack has none."""
    place = pack.field_with_role(role)
    return None if place is None else place.definition


def role_table(pack: WorksheetPack, role: Role) -> RolePlace | None:
    """Return the place of the table declaring `role`, or None when there is none."""
    place = pack.field_with_role(role)
    return place if place is not None and place.column is None and place.table is not None else None


def rows_of(campaign: Campaign, place: RolePlace | None) -> list[dict[str, Any]]:
    """Return the filled-in rows of a table answer, numbered in the plan from 1 in this order."""
    if place is None or place.table is None:
        return []
    return [row for row in campaign.rows(place.sheet.id, place.table.id) if not is_empty(row)]


def column(place: RolePlace | None, role: Role) -> FieldBase | None:
    """Return the column of the place's table declaring `role`, or None."""
    return None if place is None else place.column_with_role(role)


def label_column(place: RolePlace | None) -> FieldBase | None:
    """Return the column whose value names a row of the place's table (what an objective says), or None."""
    return None if place is None or place.table is None else place.table.column(place.table.row_label_column)


def ranked_choices(place: RolePlace | None, role: Role) -> tuple[FieldBase | None, tuple[Choice, ...]]:
    """Return the column declaring `role` and its choices, strongest first as the pack lists them (none when the
    table lacks the column)."""
    found = column(place, role)
    return found, (() if found is None else choices_of(found))


def cell(row: dict[str, Any], column: FieldBase | None) -> Any:
    """Return a row's value in `column` (a column found by its role), or None when the pack has no such column."""
    return None if column is None else row.get(column.id)
