"""Keeping references tidy: a reference to a deleted row is dropped rather than left dangling."""

from __future__ import annotations

from campaign.fields import ReferenceField, TableField
from campaign.model import Campaign
from campaign.worksheet import WorksheetPack


def drop_dangling_references(campaign: Campaign, pack: WorksheetPack) -> int:
    """Remove references to rows that no longer exist, in place; return how many were removed."""
    removed = 0

    def keep(value: list[str] | None, ref: ReferenceField) -> list[str] | None:
        nonlocal removed
        if not value:
            return value
        known = {row["id"] for row in campaign.rows(ref.source_worksheet, ref.source_field)}
        kept = [row_id for row_id in value if row_id in known]
        removed += len(value) - len(kept)
        return kept

    for sheet in pack.worksheets:
        for definition in sheet.fields:
            if isinstance(definition, ReferenceField):
                campaign.set_answer(sheet.id, definition.id, keep(campaign.answer(sheet.id, definition.id), definition))
            elif isinstance(definition, TableField):
                for column in definition.columns:
                    if isinstance(column, ReferenceField):
                        for row in campaign.rows(sheet.id, definition.id):
                            if column.id in row:
                                row[column.id] = keep(row[column.id], column)
                                if not row[column.id]:
                                    del row[column.id]
    return removed
