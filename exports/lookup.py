"""Finding named fields and their answers for the summary page and charts, tolerating packs without them."""

from __future__ import annotations

from typing import Any

from campaign.fields import FieldBase, TableField
from campaign.model import Campaign, is_empty
from campaign.worksheet import WorksheetPack


def find_field(pack: WorksheetPack, worksheet_id: str, *field_ids: str) -> FieldBase | None:
    """Return the first of `field_ids` that the worksheet has, or None when the worksheet or fields are missing."""
    sheet = pack.by_id.get(worksheet_id)
    if sheet is None:
        return None
    return next((f for f in sheet.fields if f.id in field_ids), None)


def find_column(table: TableField | None, *column_ids: str) -> FieldBase | None:
    """Return the first of `column_ids` that the table has, or None."""
    if table is None:
        return None
    return next((c for c in table.columns if c.id in column_ids), None)


def find_table(pack: WorksheetPack, worksheet_id: str, *field_ids: str) -> TableField | None:
    """Return the named table field, or None when it is missing or not a table."""
    found = find_field(pack, worksheet_id, *field_ids)
    return found if isinstance(found, TableField) else None


def answer_of(campaign: Campaign, worksheet_id: str, definition: FieldBase | None) -> Any:
    """Return the answer to `definition` in that worksheet, or None."""
    return None if definition is None else campaign.answer(worksheet_id, definition.id)


def table_rows(campaign: Campaign, worksheet_id: str, table: TableField | None) -> list[dict[str, Any]]:
    """Return the filled-in rows of a table answer, numbered in the plan from 1 in this order."""
    if table is None:
        return []
    return [row for row in campaign.rows(worksheet_id, table.id) if not is_empty(row)]


def cell(row: dict[str, Any], column: FieldBase | None) -> Any:
    """Return a row's value in `column`, or None."""
    return None if column is None else row.get(column.id)
