"""The one-page "campaign at a glance": goal, objectives, primary audiences with asks and messages, key dates,
budget; each part shows at most a few items (the rest named by count, pointing at its section) so it fits one page."""

from __future__ import annotations

import datetime as dt

from campaign.budget import Budget, amount_text
from campaign.conditions import shown_worksheets
from campaign.fields import FieldBase
from campaign.i18n import N_, Translator
from campaign.model import Campaign, is_empty
from campaign.roles import RolePlace
from campaign.worksheet import WorksheetPack
from exports.by_role import cell, column, label_column, ranked_choices, role_table, rows_of
from exports.document import Block, Callout, Heading, Paragraph, Table, inline
from exports.sections import section_title
from exports.wording import clean, date_text, row_name, value_text

GLANCE_ANCHOR = "glance"
GLANCE_TITLE = N_("Campaign at a glance")
# The page's budget: at most this many items per part, and this many characters per cell; the PDF shrinks the
# rest to fit one page, so these keep the type readable.
MOST_OBJECTIVES, MOST_AUDIENCES, MOST_DATES = 5, 4, 8
MOST_CHARACTERS = 260


def glance_page(campaign: Campaign, pack: WorksheetPack, t: Translator, budget: Budget | None = None) -> list[Block]:
    """Return the summary page; parts whose worksheet or answers are missing are left out."""
    parts = [
        *_goal(campaign, pack, t),
        *_objectives(campaign, pack, t),
        *_audiences(campaign, pack, t),
        *_key_dates(campaign, pack, t),
        *_budget(budget, t),
    ]
    if not parts:
        hint = t("Fill in the profile, objectives and audiences to see the summary here.")
        parts = [Paragraph(inline(hint), "missing")]
    return [Heading(t(GLANCE_TITLE), 1, GLANCE_ANCHOR, one_page=True), *parts]


def _shorter(text: str, most: int = MOST_CHARACTERS) -> str:
    """Return `text` cut at a word with "…" when it is longer than `most` characters."""
    if len(text) <= most:
        return text
    cut = text[: most - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(" ,;:.") + "…"


def _more(count: int, place: RolePlace | None, campaign: Campaign, pack: WorksheetPack, t: Translator) -> list[Block]:
    """Return the line naming how many items the page left out and the section that lists them all."""
    if count <= 0 or place is None:
        return []
    sheets = shown_worksheets(campaign, pack)  # numbered as the plan numbers its sections
    number = next((n for n, sheet in enumerate(sheets, 1) if sheet.id == place.sheet.id), 0)
    section = section_title(sheets[number - 1], number) if number else ""
    # Translators: under a shortened list on the summary page; {section} is "2. Advocacy objectives"
    return [Paragraph(inline(t("And {count} more: see section {section}.", count=count, section=section)), "muted")]


def _budget(budget: Budget | None, t: Translator) -> list[Block]:
    if budget is None or (budget.total is None and not budget.costs):
        return []
    rows = []
    if budget.total is not None:
        rows.append((t("Total campaign budget"), amount_text(budget.total, budget.currency, t)))
    if budget.costs:
        # Translators: {count} is the number of activities whose costs are added up
        activities = t("Activities ({count})", count=len(budget.costs))
        rows.append((activities, amount_text(budget.costed, budget.currency, t)))
    if budget.over_total:
        rows.append((t("Over budget by"), amount_text(budget.costed - (budget.total or 0), budget.currency, t)))
    return [Table((t("Budget"), t("Amount")), tuple(rows), (2.6, 1), dense=True)]


def _goal(campaign: Campaign, pack: WorksheetPack, t: Translator) -> list[Block]:
    goal = clean(pack.answer_with_role(campaign, "goal"))
    return [Callout(t("Our goal"), goal)] if goal else []


def _objectives(campaign: Campaign, pack: WorksheetPack, t: Translator) -> list[Block]:
    table = role_table(pack, "objective_table")
    statement, deadline, decider = label_column(table), column(table, "deadline"), column(table, "decision_maker")
    rows = rows_of(campaign, table)
    if not rows or statement is None:
        return []
    lines = [
        (
            str(number),
            _shorter(_text(row, statement, campaign, pack, t), 2 * MOST_CHARACTERS),
            _text(row, deadline, campaign, pack, t),
            _text(row, decider, campaign, pack, t),
        )
        for number, row in enumerate(rows[:MOST_OBJECTIVES], start=1)
    ]
    return [
        Heading(t("Objectives"), 2),
        Table(
            # Translators: a column heading: the number of the row ("No." = number)
            (t("No."), t("Objective"), t("Deadline"), t("Decision-maker")),
            tuple(lines),
            (0.6, 5.0, 1.5, 2.6),
            dense=True,
        ),
        *_more(len(rows) - MOST_OBJECTIVES, table, campaign, pack, t),
    ]


def _audiences(campaign: Campaign, pack: WorksheetPack, t: Translator) -> list[Block]:
    """Return the primary audiences with what we ask of each and the core message written for them."""
    place = role_table(pack, "audience_table")
    ask, (priority, priorities) = column(place, "ask"), ranked_choices(place, "priority")
    numbered = list(enumerate(rows_of(campaign, place), start=1))
    primary = priorities[0].id if priorities else None  # the first priority choice is the highest
    if primary and any(cell(row, priority) == primary for _, row in numbered):
        numbered = [(n, row) for n, row in numbered if cell(row, priority) == primary]
    said = _core_messages(campaign, pack, t)
    lines = []
    for number, row in numbered:
        asked = _shorter(_text(row, ask, campaign, pack, t))
        messages = said.get(row["id"], [])
        message = _shorter(messages[0]) if messages else ""
        if asked or message:
            assert place is not None and place.table is not None
            name = _shorter(row_name(place.table, row, number, campaign, pack, t), 120)
            lines.append((f"{number}. {name}", asked, message))
    if not lines:
        return []
    more = _more(len(lines) - MOST_AUDIENCES, place, campaign, pack, t)
    lines = lines[:MOST_AUDIENCES]
    if not said:
        return [
            Heading(t("Primary audiences"), 2),
            Table((t("Audience"), t("What we ask")), tuple(line[:2] for line in lines), (1, 1.8), dense=True),
            *more,
        ]
    return [
        Heading(t("Primary audiences"), 2),
        Table((t("Audience"), t("What we ask"), t("What we tell them")), tuple(lines), (1, 1.35, 1.5), dense=True),
        *more,
    ]


def _core_messages(campaign: Campaign, pack: WorksheetPack, t: Translator) -> dict[str, list[str]]:
    """Return the core messages by the id of the audience they were written for."""
    table = role_table(pack, "message_table")
    audience, core = column(table, "audiences"), column(table, "core_message")
    said: dict[str, list[str]] = {}
    for row in rows_of(campaign, table):
        message = _text(row, core, campaign, pack, t)
        if message:
            for audience_id in cell(row, audience) or []:
                said.setdefault(audience_id, []).append(message)
    return said


def _key_dates(campaign: Campaign, pack: WorksheetPack, t: Translator) -> list[Block]:
    dates: list[tuple[dt.date, str]] = []
    start, end = pack.answer_with_role(campaign, "campaign_start"), pack.answer_with_role(campaign, "campaign_end")
    if isinstance(start, dt.date):
        dates.append((start, t("The campaign starts")))
    table = role_table(pack, "objective_table")
    deadline = column(table, "deadline")
    for number, row in enumerate(rows_of(campaign, table), start=1):
        day = cell(row, deadline)
        if isinstance(day, dt.date):
            dates.append((day, t("Deadline for objective {number}", number=number)))
    if isinstance(end, dt.date):
        dates.append((end, t("The campaign ends; judge the results")))
    if not dates:
        return []
    dates.sort(key=lambda item: item[0])
    shown = dates[: MOST_DATES - 1] + dates[-1:] if len(dates) > MOST_DATES else dates  # the end stays in view
    return [
        Heading(t("Key dates"), 2),
        Table(
            (t("Date"), t("What happens")), tuple((date_text(d, t), what) for d, what in shown), (1, 2.6), dense=True
        ),
        *_more(len(dates) - len(shown), table, campaign, pack, t),
    ]


def _text(row: dict, column: FieldBase | None, campaign: Campaign, pack: WorksheetPack, t: Translator) -> str:
    value = cell(row, column)
    return "" if column is None or is_empty(value) else value_text(column, value, campaign, pack, t)
