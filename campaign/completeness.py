"""How complete a campaign is: the one rule for what is still missing and for progress, per step and overall.

A field counts as answered when it holds an answer and nothing it requires is missing (every row of a table has
its required cells, and the table has its minimum number of rows). A step's share is its answered fields over its
fields; the campaign's share is the same count over every field of the pack (not a mean of the steps' shares).
Fields and worksheets that `show_if` hides (`campaign.conditions`) are left out: not counted, not required.
A step is complete when nothing it requires is missing. Every screen and the command line ask this module.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from campaign.conditions import is_shown, shown_fields
from campaign.fields import FieldBase, FieldDefinition, TableField, as_table
from campaign.i18n import Translator, translator
from campaign.model import Campaign, is_empty
from campaign.worksheet import Worksheet, WorksheetPack

Status = Literal["not_started", "under_way", "complete"]


@dataclass(frozen=True)
class Missing:
    worksheet_id: str
    field_id: str
    label: str  # what to tell the user: "Objectives › Deadline (row 2)"
    row_number: int = 0  # the table row (from 1) with an empty required cell, 0 when not about a cell
    row_id: str | None = None
    column_id: str | None = None
    rows_needed: int = 0  # a table with too few rows: how many it needs at least


@dataclass(frozen=True)
class Progress:
    """How far one step, or the whole campaign, has come."""

    fields: int
    given: int  # fields holding any answer
    answered: int  # fields holding an answer with nothing missing in it
    missing: tuple[Missing, ...]
    shown: bool = True  # False for a worksheet `show_if` hides: it then counts nothing

    @property
    def share(self) -> float:
        """Return the share of fields answered (0 to 1), rounded down to a whole percent: 1 only when all are."""
        return (100 * self.answered // self.fields) / 100 if self.fields else 0.0

    @property
    def complete(self) -> bool:
        """Return True when nothing required is missing."""
        return not self.missing

    @property
    def status(self) -> Status:
        """Return what a done mark shows: nothing typed yet, under way, or complete (something typed, nothing
        required missing). A step that requires nothing is "not_started" until something is typed in it."""
        if not self.given:
            return "not_started"
        return "complete" if self.complete else "under_way"


@dataclass(frozen=True)
class CampaignProgress:
    steps: dict[str, Progress]  # worksheet id -> that step's progress, in worksheet order
    overall: Progress  # the same counts over every field of the pack


def campaign_progress(campaign: Campaign, pack: WorksheetPack, *, t: Translator | None = None) -> CampaignProgress:
    """Return the progress of every step and of the whole campaign; labels of what is missing in `t`'s language
    (English without one), so pass `pack` in the same language."""
    t = t or translator(None)
    steps = {sheet.id: step_progress(campaign, sheet, t=t, pack=pack) for sheet in pack.worksheets}
    overall = Progress(
        fields=sum(step.fields for step in steps.values()),
        given=sum(step.given for step in steps.values()),
        answered=sum(step.answered for step in steps.values()),
        missing=tuple(gap for step in steps.values() for gap in step.missing),
    )
    return CampaignProgress(steps, overall)


def step_progress(
    campaign: Campaign, sheet: Worksheet, *, t: Translator | None = None, pack: WorksheetPack | None = None
) -> Progress:
    """Return how far one worksheet has come: fields answered with nothing missing, and what is missing. With
    its `pack`, only the fields `show_if` shows count (a hidden worksheet counts none)."""
    t = t or translator(None)
    if pack is not None and not is_shown(campaign, pack, sheet):
        return Progress(0, 0, 0, (), shown=False)
    fields = sheet.fields if pack is None else shown_fields(campaign, pack, sheet)
    given = answered = 0
    missing: list[Missing] = []
    for definition in fields:
        gaps = _missing_in(campaign, sheet, definition, t)
        holds = not is_empty(campaign.answer(sheet.id, definition.id))
        given += holds
        answered += holds and not gaps
        missing += gaps
    return Progress(len(fields), given, answered, tuple(missing))


def missing_required(campaign: Campaign, pack: WorksheetPack, *, t: Translator | None = None) -> list[Missing]:
    """Return every required answer that is still empty, in worksheet order; labels in `t`'s language (English
    without one), so pass `pack` in the same language."""
    return list(campaign_progress(campaign, pack, t=t).overall.missing)


def needs_answer(definition: FieldBase, value: Any) -> bool:
    """Return True when `value` leaves the field's own requirement unmet: required (or, for a table, needing
    rows) and empty. Cells and row counts of a table that holds rows are `missing_cells` and `step_progress`."""
    return is_empty(value) and bool(definition.required or getattr(definition, "min_rows", 0))


def missing_cells(table: TableField, row: dict[str, Any]) -> list[FieldDefinition]:
    """Return the required columns of `table` that `row` leaves empty, in column order."""
    return [column for column in table.columns if column.required and is_empty(row.get(column.id))]


def _missing_in(campaign: Campaign, sheet: Worksheet, definition: FieldDefinition, t: Translator) -> list[Missing]:
    value = campaign.answer(sheet.id, definition.id)
    where = f"{sheet.short_title} › {definition.label}"
    table = as_table(definition)
    if needs_answer(definition, value):
        return [Missing(sheet.id, definition.id, where, rows_needed=max(table.min_rows, 1) if table else 0)]
    if table is None or is_empty(value):
        return []
    rows = campaign.rows(sheet.id, table.id)
    found = [
        Missing(
            sheet.id,
            table.id,
            f"{where} › {column.label} ({table.row_name} {number})",
            number,
            row.get("id"),
            column.id,
        )
        for number, row in enumerate(rows, start=1)
        for column in missing_cells(table, row)
    ]
    if len(rows) < table.min_rows:
        label = t("{where} (at least {count})", where=where, count=table.min_rows)
        found.append(Missing(sheet.id, table.id, label, rows_needed=table.min_rows))
    return found
