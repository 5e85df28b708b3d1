"""The plan check: what is still missing or weak in a campaign, and where each table row is used."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Literal

from campaign.budget import amount_text, campaign_budget
from campaign.completeness import as_table, missing_required
from campaign.fields import TableField
from campaign.i18n import N_, Translator, translator
from campaign.model import Campaign, is_empty
from campaign.reading import row_name
from campaign.references import reference_places
from campaign.worksheet import WorksheetPack

Kind = Literal["missing", "quality"]
ROW_LABEL_LENGTH = 60  # a row named in a message or on a screen: its label's first words, on one line


@dataclass(frozen=True)
class Finding:
    """One thing to fix, at a worksheet field (and a row and column of a table when it is about one)."""

    worksheet_id: str
    field_id: str
    message: str
    kind: Kind = "quality"
    row_id: str | None = None
    column_id: str | None = None


@dataclass(frozen=True)
class Reference:
    """A place where a table row is picked by a reference field."""

    worksheet_id: str
    field_id: str
    row_id: str | None = None  # the referring row, when the reference is a table column
    column_id: str | None = None


# Quality rules of the toolkit, as data: (table, column, what it means when the cell is empty). In the messages,
# {row} is the table's name for one row ("Objective") and {name} names the row.
EMPTY_CELL_RULES: tuple[tuple[str, str, str], ...] = (
    ("objectives.objectives", "deadline", N_("{row} “{name}” has no deadline")),
    ("objectives.objectives", "decision_maker", N_("{row} “{name}” has no decision-maker")),
    ("activities.activities", "objectives", N_("{row} “{name}” serves no objective")),
    ("monitoring.indicators", "target", N_("{row} “{name}” has no target")),
)
# (table, which rows, the table whose column should pick each of them, that column, what is wrong otherwise)
UNPICKED_ROW_RULES: tuple[tuple[str, dict[str, str], str, str, str], ...] = (
    (
        "audiences.audiences",
        {"priority": "primary"},
        "messages.messages",
        "audience",
        N_("{row} “{name}” is a primary audience with no message set"),
    ),
)
# (worksheet, earlier date field, later date field, message)
DATE_ORDER_RULES: tuple[tuple[str, str, str, str], ...] = (
    ("profile", "start_date", "end_date", N_("The end date comes before the start date")),
)
# Translators: {costed} and {total} are amounts with the currency: "KES 2,600,000"
OVER_BUDGET = N_("The activities cost {costed} in all, more than the total budget of {total}")


def plan_check(campaign: Campaign, pack: WorksheetPack, *, t: Translator | None = None) -> list[Finding]:
    """Return every finding of the plan check, in worksheet order: quality problems, then missing answers.

    Messages are in `t`'s language (English without one); pass `pack` in the same language.
    """
    t = t or translator(None)
    needed = missing_answers(campaign, pack, t=t)
    required = {(f.worksheet_id, f.field_id, f.row_id, f.column_id) for f in needed}
    # a required cell a quality rule words more precisely ("has no deadline") is still an answer needed
    found = [
        replace(f, kind="missing") if (f.worksheet_id, f.field_id, f.row_id, f.column_id) in required else f
        for f in _quality_findings(campaign, pack, t)
    ]
    reported = {(f.worksheet_id, f.field_id, f.row_id, f.column_id) for f in found}
    missing = [f for f in needed if (f.worksheet_id, f.field_id, f.row_id, f.column_id) not in reported]
    order = {sheet.id: number for number, sheet in enumerate(pack.worksheets)}
    return sorted([*found, *missing], key=lambda f: order.get(f.worksheet_id, len(order)))


def missing_answers(campaign: Campaign, pack: WorksheetPack, *, t: Translator | None = None) -> list[Finding]:
    """Return a finding for every required answer, table cell or minimum row count still missing: the gaps of
    `campaign.completeness` (the one rule progress also counts), worded for the plan check."""
    t = t or translator(None)
    found: list[Finding] = []
    for gap in missing_required(campaign, pack, t=t):
        sheet = pack.worksheet(gap.worksheet_id)
        definition = sheet.field(gap.field_id)
        where = f"{sheet.short_title} › {definition.label}"
        table = as_table(definition)
        if table is not None and gap.rows_needed:
            if gap.rows_needed == 1:
                # Translators: {where} is "Worksheet › Table", {row} what one row is called, in lower case
                message = t("{where}: add at least 1 {row}", where=where, row=table.row_name.lower())
            else:
                message = t("{where}: add at least {count} rows", where=where, count=gap.rows_needed)
            found.append(Finding(sheet.id, definition.id, message, "missing"))
        elif table is not None and gap.column_id is not None:
            row = campaign.rows(sheet.id, table.id)[gap.row_number - 1]
            message = t(
                "{row} “{name}”: {column} is still needed",
                row=table.row_name,
                name=row_name(campaign, pack, table, row, gap.row_number, t, cut=ROW_LABEL_LENGTH),
                column=table.column(gap.column_id).label,
            )
            found.append(Finding(sheet.id, definition.id, message, "missing", gap.row_id, gap.column_id))
        else:
            found.append(Finding(sheet.id, definition.id, t("{where} is still needed", where=where), "missing"))
    return found


def _quality_findings(campaign: Campaign, pack: WorksheetPack, t: Translator) -> list[Finding]:
    found: list[Finding] = []
    for table_path, column_id, problem in EMPTY_CELL_RULES:
        table = _table(pack, table_path)
        if table is None or column_id not in {c.id for c in table.columns}:
            continue
        sheet_id, field_id = table_path.split(".")
        for number, row in enumerate(campaign.rows(sheet_id, field_id), start=1):
            if is_empty(row.get(column_id)):
                message = t(
                    problem,
                    row=table.row_name,
                    name=row_name(campaign, pack, table, row, number, t, cut=ROW_LABEL_LENGTH),
                )
                found.append(Finding(sheet_id, field_id, message, "quality", row["id"], column_id))
    for table_path, where, picker_path, picker_column, problem in UNPICKED_ROW_RULES:
        table, picker = _table(pack, table_path), _table(pack, picker_path)
        if table is None or picker is None:
            continue
        sheet_id, field_id = table_path.split(".")
        picked = {row_id for row in campaign.rows(*picker_path.split(".")) for row_id in row.get(picker_column) or []}
        for number, row in enumerate(campaign.rows(sheet_id, field_id), start=1):
            if all(row.get(k) == v for k, v in where.items()) and row["id"] not in picked:
                message = t(
                    problem,
                    row=table.row_name,
                    name=row_name(campaign, pack, table, row, number, t, cut=ROW_LABEL_LENGTH),
                )
                found.append(Finding(sheet_id, field_id, message, "quality", row["id"]))
    for sheet_id, first, last, message in DATE_ORDER_RULES:
        start, end = campaign.answer(sheet_id, first), campaign.answer(sheet_id, last)
        if start is not None and end is not None and end < start:
            found.append(Finding(sheet_id, last, t(message), "quality"))
    return found + _budget_findings(campaign, pack, t)


def _budget_findings(campaign: Campaign, pack: WorksheetPack, t: Translator) -> list[Finding]:
    """Return a finding when the costs of the activities (the `cost` column) add up to more than the total."""
    budget = campaign_budget(campaign, pack)
    if not budget.over_total or budget.total_place is None or budget.total is None:
        return []
    costed, total = (amount_text(n, budget.currency, t) for n in (budget.costed, budget.total))
    message = t(OVER_BUDGET, costed=costed, total=total)
    return [Finding(budget.total_place.sheet.id, budget.total_place.field.id, message, "quality")]


def _table(pack: WorksheetPack, path: str) -> TableField | None:
    sheet_id, field_id = path.split(".")
    sheet = pack.by_id.get(sheet_id)
    definition = next((f for f in sheet.fields if f.id == field_id), None) if sheet else None
    return as_table(definition) if definition else None


def row_label(campaign: Campaign, pack: WorksheetPack, table: TableField, row: dict[str, Any], number: int = 0) -> str:
    """Return the words that name `row` on a screen: `campaign.reading.row_name` cut to one line of 60 characters."""
    return row_name(campaign, pack, table, row, number, cut=ROW_LABEL_LENGTH)


def references_to(campaign: Campaign, pack: WorksheetPack, source: str, row_id: str) -> list[Reference]:
    """Return every place where row `row_id` of table `source` ("worksheet.field") is picked."""
    found: list[Reference] = []
    for sheet, definition, column in _reference_fields(pack, source):
        if column is None:
            if row_id in (campaign.answer(sheet, definition) or []):
                found.append(Reference(sheet, definition))
            continue
        for row in campaign.rows(sheet, definition):
            if row_id in (row.get(column) or []):
                found.append(Reference(sheet, definition, row["id"], column))
    return found


def without_row(campaign: Campaign, pack: WorksheetPack, source: str, row_id: str) -> Campaign:
    """Return a copy of `campaign` with the row removed from `source` and every reference to it dropped."""
    result = campaign.copy()
    sheet_id, field_id = source.split(".")
    result.set_answer(sheet_id, field_id, [r for r in result.rows(sheet_id, field_id) if r["id"] != row_id])
    for sheet, definition, column in _reference_fields(pack, source):
        if column is None:
            kept = [i for i in result.answer(sheet, definition) or [] if i != row_id]
            result.set_answer(sheet, definition, kept)
            continue
        for row in result.rows(sheet, definition):
            if row_id in (row.get(column) or []):
                kept = [i for i in row[column] if i != row_id]
                if kept:
                    row[column] = kept
                else:
                    del row[column]
    return result


def _reference_fields(pack: WorksheetPack, source: str) -> list[tuple[str, str, str | None]]:
    """Return (worksheet, field, column or None) for every reference field that points at `source`."""
    return [
        (sheet.id, definition.id, column)
        for sheet in pack.worksheets
        for definition in sheet.fields
        for ref, column in reference_places(definition)
        if ref.source == source
    ]
