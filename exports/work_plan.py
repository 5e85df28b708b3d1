"""The work plan: every activity with its dates, audiences, lead and cost in the campaign's currency, added up."""

from __future__ import annotations

import datetime as dt
from typing import Any

from campaign.budget import Budget, amount_text
from campaign.checks import OVER_BUDGET
from campaign.fields import FieldBase, TableField
from campaign.i18n import N_, Translator
from campaign.model import Campaign, is_empty
from campaign.worksheet import WorksheetPack
from exports.document import Block, Heading, Paragraph, Table, inline
from exports.wording import period_text, row_name, value_text

WORK_PLAN_TITLE = N_("Work plan and budget")


def work_plan(campaign: Campaign, pack: WorksheetPack, budget: Budget, t: Translator) -> list[Block]:
    """Return the work plan table with its total row and how it compares with the total budget; [] without rows."""
    place = budget.cost_place
    table = None if place is None else place.table
    if place is None or table is None:
        return []
    rows = [row for row in campaign.rows(place.sheet.id, table.id) if not is_empty(row)]
    if not rows:
        return []
    start, end = place.column_with_role("start"), place.column_with_role("end")
    audiences, lead = place.column_with_role("audiences"), place.column_with_role("lead")
    lines = []
    for number, (row, cost) in enumerate(zip(rows, budget.costs, strict=True), start=1):
        first, last = _date(row, start), _date(row, end)
        lines.append(
            (
                str(number),
                row_name(table, row, number, campaign, pack, t),
                period_text(first, last or first, t),
                _text(row, audiences, campaign, pack, t),
                _text(row, lead, campaign, pack, t),
                "" if cost is None else amount_text(cost, "", t),
            )
        )
    lines.append(("", t("Total"), "", "", "", amount_text(budget.costed, "", t)))
    # Translators: a column heading: the cost of each activity, in the campaign's currency ("Cost (KES)")
    cost_title = t("Cost ({currency})", currency=budget.currency) if budget.currency else t("Cost")
    return [
        Heading(t(WORK_PLAN_TITLE), 2),
        Table(
            (t("No."), clean_label(table), t("Dates"), t("Audiences"), t("Lead"), cost_title),
            tuple(lines),
            (0.6, 2.4, 1.5, 2.2, 1.9, 1.1),  # "Lead" wide enough for "communications" whole
            dense=True,
            total_row=True,
            amounts=(5,),
        ),
        *budget_sentence(budget, t),
    ]


def budget_sentence(budget: Budget, t: Translator) -> list[Block]:
    """Return one paragraph comparing the activities' costs with the total budget (flagged when over it)."""
    costed = amount_text(budget.costed, budget.currency, t)
    if budget.total is None:
        if not budget.costs:
            return []
        return [Paragraph(inline(t("The activities cost {costed} in all.", costed=costed)))]
    total = amount_text(budget.total, budget.currency, t)
    if budget.over_total:
        text = t(OVER_BUDGET, costed=costed, total=total)
        return [Paragraph(inline(text + "."), "missing")]
    text = t("Total campaign budget: {total}; the activities cost {costed}.", total=total, costed=costed)
    return [Paragraph(inline(text))]


def clean_label(table: TableField) -> str:
    """Return what one row of the costed table is called ("Activity")."""
    return " ".join(table.row_name.split())


def _date(row: dict[str, Any], column: FieldBase | None) -> dt.date | None:
    value = None if column is None else row.get(column.id)
    return value if isinstance(value, dt.date) else None


def _text(row: dict[str, Any], column: FieldBase | None, campaign: Campaign, pack: WorksheetPack, t: Translator) -> str:
    return "" if column is None else value_text(column, row.get(column.id), campaign, pack, t)
