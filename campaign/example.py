"""The worked example campaign, assembled from the `example:` of every field in the pack."""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

from campaign.campaign_file import check_campaign_data
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
from campaign.model import SCHEMA_VERSION, Campaign
from campaign.problems import Problem
from campaign.strict_yaml import Document

if TYPE_CHECKING:  # the worksheet loader checks its examples with this module: type-only, no cycle
    from campaign.worksheet import WorksheetPack

EXAMPLE_ID = "ExampleCampaignKenya01"


def example_data(pack: WorksheetPack) -> dict[str, Any]:
    """Return the example campaign as plain file data (every field's worked example)."""
    answers = {
        sheet.id: {f.id: f.example for f in sheet.fields if f.example not in (None, "", [])}
        for sheet in pack.worksheets
    }
    return {
        "schema_version": str(SCHEMA_VERSION),
        "id": EXAMPLE_ID,
        "revision": "0",
        "language": pack.info.language,
        "pack": pack.info.id,
        "answers": answers,
    }


def example_campaign(pack: WorksheetPack) -> Campaign:
    """Return the worked example as a checked Campaign (raises ValueError if the pack's examples are wrong)."""
    campaign, problems = check_campaign_data(example_data(pack), pack, "example")
    if campaign is None:
        raise ValueError("the worksheet examples do not form a valid campaign:\n" + "\n".join(map(str, problems)))
    return campaign


def example_problems(pack: WorksheetPack, sources: dict[str, tuple[str, Document]]) -> list[Problem]:
    """Return where the pack's worked examples break their own fields, located in the worksheet files.

    `sources` maps each worksheet id to its file and parsed document, so a wrong `example:` is reported
    as `file:line: fields.N.example...: problem` like any other mistake in a worksheet file.
    """
    lines: dict[tuple[str | int, ...], int] = {}
    field_numbers: dict[tuple[str, str], int] = {}
    for sheet in pack.worksheets:
        _, document = sources[sheet.id]
        ids = [definition.id for definition in sheet.fields]
        field_numbers.update({(sheet.id, field_id): number for number, field_id in enumerate(ids)})
        for path, line in document.lines.items():  # one pass over the file's lines, not one per field
            number = path[1] if len(path) >= 3 and path[0] == "fields" and path[2] == "example" else None
            if isinstance(number, int) and 0 <= number < len(ids):
                lines[("answers", sheet.id, ids[number], *path[3:])] = line
    data = example_data(pack)
    _, problems = check_campaign_data(data, pack, "example", Document(data, lines))
    located: list[Problem] = []
    for problem in problems:
        place, _, message = problem.message.partition(": ")
        parts = place.split(".")
        if len(parts) >= 3 and parts[0] == "answers" and (parts[1], parts[2]) in field_numbers:
            file, _ = sources[parts[1]]
            where = ".".join(["fields", str(field_numbers[(parts[1], parts[2])]), "example", *parts[3:]])
            located.append(Problem(file, problem.line, f"{where}: {message}"))
        else:
            located.append(problem)
    return located


def scaled_campaign(campaign: Campaign, pack: WorksheetPack, factor: int) -> Campaign:
    """Return `campaign` with every table row, list item and long text repeated `factor` times (a large
    campaign for layout tests and benchmarks)."""
    bigger = campaign.copy()
    for sheet in pack.worksheets:
        answers = bigger.answers.get(sheet.id, {})
        for definition in sheet.fields:
            value = answers.get(definition.id)
            if value:
                answers[definition.id] = scaled_answer(definition, value, factor)
    return bigger


@per_field_type("scaled answer")
def scaled_answer(field: FieldBase, value: Any, factor: int) -> Any:
    """Return the answer `value` made `factor` times larger (the same value where size does not grow)."""


@scaled_answer.register(TextField, ChoiceField, MultiChoiceField, DateField, NumberField, ReferenceField)
def _same(field: FieldBase, value: Any, factor: int) -> Any:
    return value


@scaled_answer.register(LongTextField)
def _longer_text(field: LongTextField, value: str, factor: int) -> str:
    return "\n\n".join([value] * factor)


@scaled_answer.register(ListField)
def _more_items(field: ListField, value: list[str], factor: int) -> list[str]:
    return value * factor


@scaled_answer.register(TableField)
def _more_rows(field: TableField, value: list[dict[str, Any]], factor: int) -> list[dict[str, Any]]:
    rows = []
    for number in range(factor):
        for row in value:
            twin = copy.deepcopy(row)
            if number:  # references keep pointing at the original rows, which still exist
                twin["id"] = f"{row['id']}-{number}"
            rows.append(twin)
    return rows
