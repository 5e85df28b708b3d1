"""The plan check: what is still missing or weak in a campaign, and where each table row is used."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Literal

from campaign.budget import amount_text, campaign_budget
from campaign.completeness import missing_required
from campaign.conditions import is_shown
from campaign.fields import Role, TableField, as_table
from campaign.i18n import N_, Translator, translator
from campaign.model import Campaign, is_empty
from campaign.reading import row_name
from campaign.references import reference_places
from campaign.roles import choices_of, column_with_role
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


# Quality rules of the toolkit, as data over the roles a pack declares (a pack without them skips the rule):
# (table, column, what it means when the cell is empty). In the messages, {row} is the table's name for one
# row ("Objective") and {name} names the row.
EMPTY_CELL_RULES: tuple[tuple[Role, Role, str], ...] = (
    ("objective_table", "deadline", N_("{row} “{name}” has no deadline")),
    ("objective_table", "decision_maker", N_("{row} “{name}” has no decision-maker")),
    ("activity_table", "objectives_served", N_("{row} “{name}” serves no objective")),
    ("indicator_table", "target", N_("{row} “{name}” has no target")),
)
# (table, the choice column whose first choice marks the rows that need picking, the table whose column should
# pick each of them, that column, what is wrong otherwise)
UNPICKED_ROW_RULES: tuple[tuple[Role, Role, Role, Role, str], ...] = (
    (
        "audience_table",
        "priority",
        "message_table",
        "audiences",
        N_("{row} “{name}” is a primary audience with no message set"),
    ),
)
# (earlier date field, later date field, message)
DATE_ORDER_RULES: tuple[tuple[Role, Role, str], ...] = (
    ("campaign_start", "campaign_end", N_("The end date comes before the start date")),
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
        if is_shown(campaign, pack, f.worksheet_id, f.field_id)  # a hidden question is not checked
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
    for table_role, column_role, problem in EMPTY_CELL_RULES:
        sheet_id, table = _table(pack, table_role)
        if table is None or (column := column_with_role(table, column_role)) is None:
            continue
        for number, row in enumerate(campaign.rows(sheet_id, table.id), start=1):
            if is_empty(row.get(column.id)):
                message = t(
                    problem,
                    row=table.row_name,
                    name=row_name(campaign, pack, table, row, number, t, cut=ROW_LABEL_LENGTH),
                )
                found.append(Finding(sheet_id, table.id, message, "quality", row["id"], column.id))
    for table_role, choice_role, picker_role, picker_column_role, problem in UNPICKED_ROW_RULES:
        (sheet_id, table), (picker_sheet, picker) = _table(pack, table_role), _table(pack, picker_role)
        chooser = table and column_with_role(table, choice_role)
        picking = picker and column_with_role(picker, picker_column_role)
        if table is None or picker is None or chooser is None or picking is None or not choices_of(chooser):
            continue
        first = choices_of(chooser)[0].id
        picked = {i for row in campaign.rows(picker_sheet, picker.id) for i in row.get(picking.id) or []}
        for number, row in enumerate(campaign.rows(sheet_id, table.id), start=1):
            if row.get(chooser.id) == first and row["id"] not in picked:
                message = t(
                    problem,
                    row=table.row_name,
                    name=row_name(campaign, pack, table, row, number, t, cut=ROW_LABEL_LENGTH),
                )
                found.append(Finding(sheet_id, table.id, message, "quality", row["id"]))
    for first_role, last_role, message in DATE_ORDER_RULES:
        starts, ends = pack.field_with_role(first_role), pack.field_with_role(last_role)
        start, end = (pack.answer_with_role(campaign, role) for role in (first_role, last_role))
        if starts and ends and start is not None and end is not None and end < start:
            found.append(Finding(ends.sheet.id, ends.field.id, t(message), "quality"))
    return found + _budget_findings(campaign, pack, t)


def _budget_findings(campaign: Campaign, pack: WorksheetPack, t: Translator) -> list[Finding]:
    """Return a finding when the costs of the activities (the `cost` column) add up to more than the total."""
    budget = campaign_budget(campaign, pack)
    if not budget.over_total or budget.total_place is None or budget.total is None:
        return []
    costed, total = (amount_text(n, budget.currency, t) for n in (budget.costed, budget.total))
    message = t(OVER_BUDGET, costed=costed, total=total)
    return [Finding(budget.total_place.sheet.id, budget.total_place.field.id, message, "quality")]


def _table(pack: WorksheetPack, role: Role) -> tuple[str, TableField | None]:
    """Return the worksheet id and the table declaring `role` (None for the table when the pack has none)."""
    place = pack.field_with_role(role)
    return ("", None) if place is None else (place.sheet.id, place.table)


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
