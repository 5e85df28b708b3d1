"""Keeping references sound: a pack may not name a table's rows in a loop, and a reference to a deleted row is
dropped rather than left dangling."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from campaign.dispatch import per_field_type
from campaign.fields import (
    ChoiceField,
    DateField,
    FieldBase,
    ListField,
    LongTextField,
    MultiChoiceField,
    NumberField,
    ReferenceField,
    TableField,
    TextField,
)
from campaign.model import Campaign
from campaign.problems import Problem
from campaign.strict_yaml import Document

if TYPE_CHECKING:  # worksheet.py calls `label_loops` while it loads a pack: only the type comes from there
    from campaign.worksheet import Worksheet, WorksheetPack


def label_loops(located: Sequence[tuple[Worksheet, str, Document]]) -> list[Problem]:
    """Return a problem, at the `source:` line, for every table whose rows are named (by its label column) after
    rows of a table that is itself, or that leads back to it: such a row would have no name to show."""
    naming: dict[str, str] = {}  # "sheet.table" -> the table its label column refers to
    places: dict[str, tuple[str, Document, tuple[str | int, ...]]] = {}
    for sheet, path, document in located:
        for number, definition in enumerate(sheet.fields):
            for ref, column in reference_places(definition):
                if column is not None and column == getattr(definition, "row_label_column", None):
                    key = f"{sheet.id}.{definition.id}"
                    naming[key] = ref.source
                    at = [c.id for c in getattr(definition, "columns", [])].index(column)
                    places[key] = (path, document, ("fields", number, "columns", at, "source"))
    problems = []
    for key, (path, document, spot) in places.items():
        seen, current = [key], naming[key]
        while current in naming and current not in seen:
            seen.append(current)
            current = naming[current]
        if current == key:
            dotted = ".".join(str(part) for part in spot)
            loop = " → ".join([*seen, key])
            message = f"{dotted}: the label column of '{key}' names its rows after rows of '{key}' ({loop})"
            problems.append(Problem(path, document.line_of(spot), message))
    return problems


@per_field_type("references held")
def reference_places(definition: FieldBase) -> list[tuple[ReferenceField, str | None]]:
    """Return (reference, table column id or None) for the references `definition` holds: itself or its columns."""
    raise NotImplementedError  # the dispatch calls the handlers below


@reference_places.register(ReferenceField)
def _itself(definition: ReferenceField) -> list[tuple[ReferenceField, str | None]]:
    return [(definition, None)]


@reference_places.register(TableField)
def _columns(definition: TableField) -> list[tuple[ReferenceField, str | None]]:
    return [(ref, ref.id) for column in definition.columns for ref, _ in reference_places(column)]


@reference_places.register(TextField, LongTextField, ChoiceField, MultiChoiceField, DateField, NumberField, ListField)
def _none(definition: FieldBase) -> list[tuple[ReferenceField, str | None]]:
    return []


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
            for ref, column in reference_places(definition):
                if column is None:
                    campaign.set_answer(sheet.id, definition.id, keep(campaign.answer(sheet.id, definition.id), ref))
                    continue
                for row in campaign.rows(sheet.id, definition.id):
                    if column in row:
                        row[column] = keep(row[column], ref)
                        if not row[column]:
                            del row[column]
    return removed
