"""A workshop as a spreadsheet: a progress sheet and one sheet per worksheet of every group's answers (XLSX, CSV)."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

from campaign.completeness import campaign_progress
from campaign.fields import FieldBase, TableField
from campaign.i18n import Translator, translator
from campaign.model import Campaign, is_empty
from campaign.reading import answer_text, clean, field_label, row_name
from campaign.spreadsheet import csv_bytes
from campaign.worksheet import Worksheet, WorksheetPack

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHEET_NAME_LIMIT = 31  # Excel refuses longer sheet names
UNSAFE_NAME = re.compile(r"[\[\]:*?/\\]")  # characters Excel refuses in a sheet name


@dataclass(frozen=True)
class Sheet:
    """One table of the spreadsheet: its name, headings and rows (answers as text, shares as whole percents)."""

    name: str
    header: list[str]
    rows: list[list[object]]


def workshop_sheets(
    groups: Sequence[tuple[str, Campaign]], pack: WorksheetPack, t: Translator | None = None
) -> list[Sheet]:
    """Return the progress sheet then one sheet per worksheet, in `t`'s language (pass `pack` in the same one).

    `groups` is each group's name and campaign, in the order the dashboard lists them."""
    t = t or translator(None)
    return [_progress(groups, pack, t), *(_answers(groups, pack, sheet, t) for sheet in pack.worksheets)]


def workshop_xlsx(groups: Sequence[tuple[str, Campaign]], pack: WorksheetPack, t: Translator | None = None) -> bytes:
    """Return the sheets as an `.xlsx` workbook; every text cell is a string cell, never a formula."""
    # loaded only when a spreadsheet is asked for; openpyxl has no hints of its own (types-openpyxl not installed)
    from openpyxl import Workbook  # type: ignore[import-untyped]
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE  # type: ignore[import-untyped]

    book = Workbook()
    book.remove(book.active)  # a new workbook's own empty first sheet
    for sheet in workshop_sheets(groups, pack, t):
        page = book.create_sheet(_sheet_name(sheet.name, book.sheetnames))
        lines: list[Sequence[object]] = [sheet.header, *sheet.rows]
        for number, line in enumerate(lines, start=1):
            for place, value in enumerate(line, start=1):
                if isinstance(value, str):
                    target = page.cell(number, place)
                    target.value = ILLEGAL_CHARACTERS_RE.sub("", value)
                    target.data_type = "s"  # text typed as "=..." stays text: openpyxl would write a formula
                else:
                    page.cell(number, place, value)
        page.freeze_panes = "B2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def workshop_csv_zip(groups: Sequence[tuple[str, Campaign]], pack: WorksheetPack, t: Translator | None = None) -> bytes:
    """Return the sheets as a ZIP of one CSV per sheet (`00-progress.csv`, `01-profile.csv`...), every cell inert."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for number, sheet in enumerate(workshop_sheets(groups, pack, t)):
            stem = "progress" if number == 0 else pack.worksheets[number - 1].id
            archive.writestr(f"{number:02d}-{stem}.csv", csv_bytes(sheet.header, sheet.rows))
    return buffer.getvalue()


def _progress(groups: Sequence[tuple[str, Campaign]], pack: WorksheetPack, t: Translator) -> Sheet:
    steps = [f"{n}. {clean(sheet.short_title)} (%)" for n, sheet in enumerate(pack.worksheets, start=1)]
    header = [t("Group"), *steps, t("Overall") + " (%)", t("Last saved")]
    rows: list[list[object]] = []
    for name, campaign in groups:
        progress = campaign_progress(campaign, pack, t=t)
        shares = [*(progress.steps[sheet.id].share for sheet in pack.worksheets), progress.overall.share]
        rows.append([name, *(round(share * 100) for share in shares), campaign.updated or ""])
    return Sheet(t("Progress"), header, rows)


def _answers(groups: Sequence[tuple[str, Campaign]], pack: WorksheetPack, sheet: Worksheet, t: Translator) -> Sheet:
    """One line per group for the plain fields, then one line per table row (group and row name first)."""
    plain = [f for f in sheet.fields if not f.is_table]
    tables = [cast(TableField, f) for f in sheet.fields if f.is_table]
    header = [t("Group"), t("Row"), *(field_label(f) for f in plain)]
    for table in tables:
        prefix = clean(table.label) + " › " if len(tables) > 1 else ""
        header += [prefix + field_label(c) for c in table.columns]
    width = len(header)
    rows: list[list[object]] = []
    for name, campaign in groups:
        if plain:
            rows.append([name, "", *(_answer(f, campaign.answer(sheet.id, f.id), campaign, pack, t) for f in plain)])
        start = 2 + len(plain)
        for table in tables:
            found = [row for row in campaign.rows(sheet.id, table.id) if not is_empty(row)]
            for number, row in enumerate(found, start=1):
                line: list[object] = [""] * width
                line[0], line[1] = name, row_name(campaign, pack, table, row, number, t)
                for place, column in enumerate(table.columns, start=start):
                    line[place] = _answer(column, row.get(column.id), campaign, pack, t)
                rows.append(line)
            start += len(table.columns)
    return Sheet(f"{pack.worksheets.index(sheet) + 1}. {clean(sheet.short_title)}", header, rows)


def _answer(definition: FieldBase, value: Any, campaign: Campaign, pack: WorksheetPack, t: Translator) -> str:
    return answer_text(definition, value, campaign, pack, t)  # the one rule: the words the plan prints


def _sheet_name(name: str, taken: list[str]) -> str:
    base = UNSAFE_NAME.sub("-", name).strip("'")[:SHEET_NAME_LIMIT] or "Sheet"
    candidate, number = base, 2
    while candidate.lower() in (n.lower() for n in taken):
        suffix = f" ({number})"
        candidate, number = base[: SHEET_NAME_LIMIT - len(suffix)] + suffix, number + 1
    return candidate
