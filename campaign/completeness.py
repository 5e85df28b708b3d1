"""How complete a campaign is: required answers missing and progress per worksheet."""

from __future__ import annotations

from dataclasses import dataclass

from campaign.fields import TableField
from campaign.i18n import Translator, translator
from campaign.model import Campaign, is_empty
from campaign.worksheet import Worksheet, WorksheetPack


@dataclass(frozen=True)
class Missing:
    worksheet_id: str
    field_id: str
    label: str  # what to tell the user: "Objectives › Deadline (row 2)"


def missing_required(campaign: Campaign, pack: WorksheetPack, *, t: Translator | None = None) -> list[Missing]:
    """Return every required answer that is still empty, in worksheet order; labels in `t`'s language (English
    without one), so pass `pack` in the same language."""
    t = t or translator(None)
    found: list[Missing] = []
    for sheet in pack.worksheets:
        found += _missing_in(campaign, sheet, t)
    return found


def _missing_in(campaign: Campaign, sheet: Worksheet, t: Translator) -> list[Missing]:
    found: list[Missing] = []
    for definition in sheet.fields:
        value = campaign.answer(sheet.id, definition.id)
        if isinstance(definition, TableField) and value:
            for number, row in enumerate(value, start=1):
                for column in definition.columns:
                    if column.required and is_empty(row.get(column.id)):
                        where = f"{definition.label} › {column.label} ({definition.row_name} {number})"
                        label = f"{sheet.short_title} › {where}"
                        found.append(Missing(sheet.id, definition.id, label))
            if len(value) < definition.min_rows:
                where = f"{sheet.short_title} › {definition.label}"
                label = t("{where} (at least {count})", where=where, count=definition.min_rows)
                found.append(Missing(sheet.id, definition.id, label))
        elif (definition.required or (isinstance(definition, TableField) and definition.min_rows)) and is_empty(value):
            found.append(Missing(sheet.id, definition.id, f"{sheet.short_title} › {definition.label}"))
    return found


def worksheet_progress(campaign: Campaign, sheet: Worksheet) -> float:
    """Return the share (0 to 1) of a worksheet's fields that hold an answer."""
    answered = sum(not is_empty(campaign.answer(sheet.id, f.id)) for f in sheet.fields)
    return answered / len(sheet.fields)


def overall_progress(campaign: Campaign, pack: WorksheetPack) -> float:
    """Return the share (0 to 1) of all fields of the pack that hold an answer."""
    total = sum(len(s.fields) for s in pack.worksheets)
    answered = sum(not is_empty(campaign.answer(s.id, f.id)) for s in pack.worksheets for f in s.fields)
    return answered / total if total else 0.0
