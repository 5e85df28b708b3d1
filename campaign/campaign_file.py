"""The campaign YAML file: reading it strictly (with located problems) and writing it readably."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import Field, TypeAdapter, ValidationError
from typing_extensions import TypedDict  # pydantic reads typing.TypedDict only from Python 3.12

from campaign.answers import checked_answers, checked_edits
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
from campaign.file_end import FileEnd, file_end, last_line, with_end_lines
from campaign.i18n import N_, Translator, translator
from campaign.model import SCHEMA_VERSION, Campaign
from campaign.problems import Problem, problems_from_validation
from campaign.references import reference_places
from campaign.strict_yaml import (
    MAX_BYTES,
    MAX_VALUES,
    STORED_MAX_BYTES,
    STORED_MAX_VALUES,
    Document,
    YamlProblem,
    dump_yaml,
    read_yaml,
)

if TYPE_CHECKING:  # the worksheet loader checks its examples with this module: type-only, no cycle
    from campaign.worksheet import WorksheetPack

CUT_SHORT = N_(
    "this file is incomplete: it stops before its last line, so its end is missing (perhaps a download or a copy "
    "was cut short); get the whole file again. If you deleted that last line yourself, delete the first line too."
)
# The file is the Campaign dataclass plus its schema version, checked first: another version has another shape.
_CAMPAIGN = TypeAdapter(Campaign)


class _SchemaVersion(TypedDict):
    schema_version: Annotated[int, Field(ge=SCHEMA_VERSION, le=SCHEMA_VERSION)]


_VERSION = TypeAdapter(_SchemaVersion)  # its other keys are the Campaign's


def parse_campaign(
    raw: bytes | str, pack: WorksheetPack, file: str = "campaign", *, t: Translator | None = None, stored: bool = False
) -> tuple[Campaign | None, list[Problem]]:
    """Return the campaign in `raw` checked against `pack`, or None and every problem found (worded in `t`'s
    language, English without one).

    An upload is held to the size limit (strict_yaml.MAX_BYTES); a `stored` file, one this app wrote, is read
    up to the larger cap, so what was once stored always opens again.
    """
    campaign, problems, _ = read_campaign(raw, pack, file, t=t, stored=stored)
    return campaign, problems


def read_campaign(
    raw: bytes | str, pack: WorksheetPack, file: str = "campaign", *, t: Translator | None = None, stored: bool = False
) -> tuple[Campaign | None, list[Problem], Document | None]:
    """Return what `parse_campaign` returns, and the document read (None when the file is not whole YAML)."""
    if file_end(raw) is FileEnd.CUT_SHORT:  # checked first: a file cut at a line boundary is valid YAML
        return None, [Problem(file, last_line(raw), (t or translator(None))(CUT_SHORT))], None
    try:
        document = read_yaml(raw, *read_limits(stored=stored))
    except YamlProblem as error:
        return None, [Problem(file, error.line, error.translated(t))], None
    return (*check_campaign_data(document.data, pack, file, document, t=t), document)


def read_limits(*, stored: bool) -> tuple[int, int]:
    """Return the most bytes and values a file is read with: a stored file's larger caps, or an upload's."""
    return (STORED_MAX_BYTES, STORED_MAX_VALUES) if stored else (MAX_BYTES, MAX_VALUES)


def check_campaign_data(
    data: Any,
    pack: WorksheetPack,
    file: str = "campaign",
    document: Document | None = None,
    *,
    t: Translator | None = None,
    stored: Campaign | None = None,
    edited: Collection[tuple[str, str]] = (),
) -> tuple[Campaign | None, list[Problem]]:
    """Return the campaign held in plain `data` (text scalars), or None and every located problem (in `t`'s
    language, English without one).

    With `stored`, a valid campaign of which `data` is an edit changing only the answers `edited` (as
    `changes.edited_answers` finds them), only what those edits can break is checked: the campaign's own fields,
    the worksheets holding an edited answer, and the references held by those or pointing at an edited answer.
    The verdict and the campaign are those of the full check (tests/campaign/test_partial_check.py).
    """
    t = t or translator(None)
    document = document or Document(data)
    if not isinstance(data, dict):
        return None, [Problem(file, 1, t("a campaign file must be a mapping of 'key: value' lines"))]
    defaults = {"created": "", "updated": "", "pack": pack.info.id}  # what a hand-written file may leave out
    fields = {key: value for key, value in data.items() if key != "schema_version"}
    try:
        _VERSION.validate_python(data)
        edited_sheets = {sheet for sheet, _ in edited}
        answers = checked_answers(pack) if stored is None else checked_edits(pack, stored.answers, edited_sheets)
        campaign = _CAMPAIGN.validate_python({**defaults, **fields}, context={"answers": answers})
    except ValidationError as error:
        return None, problems_from_validation(error, document, file, t)
    only = None if stored is None else _fields_to_check(pack, edited)
    problems = reference_problems(campaign, pack, document, file, t=t, only=only)
    return (None, problems) if problems else (campaign, [])


def reference_problems(
    campaign: Campaign,
    pack: WorksheetPack,
    document: Document | None = None,
    file: str = "campaign",
    *,
    t: Translator | None = None,
    only: Collection[tuple[str, str]] | None = None,
) -> list[Problem]:
    """Return a problem for every repeated row id and every reference to a row that does not exist (in the
    answers `only` names, (worksheet, field), when given)."""
    t = t or translator(None)
    problems: list[Problem] = []

    def report(path: tuple[Any, ...], message: str) -> None:
        line = document.line_of(path) if document else 0
        problems.append(Problem(file, line, ".".join(str(p) for p in path) + ": " + message))

    def check(reference: ReferenceField, value: Any, path: tuple[Any, ...]) -> None:
        if not value:
            return
        known = {row["id"] for row in campaign.rows(reference.source_worksheet, reference.source_field)}
        for row_id in value:
            if row_id not in known:
                message = t(
                    "'{id}' is not a row of '{worksheet}' ({table}); use one of {ids}",
                    id=row_id,
                    worksheet=pack.worksheet(reference.source_worksheet).title,
                    table=reference.source,
                    ids=sorted(known),
                )
                report(path, message)

    checker = _RowChecker(check, report, t)
    for sheet in pack.worksheets:
        for definition in sheet.fields:
            if only is not None and (sheet.id, definition.id) not in only:
                continue
            row_problems(
                definition, campaign.answer(sheet.id, definition.id), ("answers", sheet.id, definition.id), checker
            )
    return problems


def _fields_to_check(pack: WorksheetPack, edited: Collection[tuple[str, str]]) -> set[tuple[str, str]]:
    """Return the answers whose rows and references an edit of `edited` answers may break: every answer of a
    worksheet holding an edit, and every answer holding a reference to an edited one (its rows may be gone)."""
    sheets = {sheet for sheet, _ in edited}
    return {
        (sheet, field_id)
        for sheet, field_id, targets in _reference_targets(pack)
        if sheet in sheets or not targets.isdisjoint(edited)
    }


def _reference_targets(pack: WorksheetPack) -> list[tuple[str, str, frozenset[tuple[str, str]]]]:
    """Return (worksheet, field, the answers its references point at) for every field of `pack` (cached)."""
    cached = _TARGETS.get(id(pack))
    if cached is not None and cached[0] is pack:
        return cached[1]
    targets = [
        (sheet.id, definition.id, _targets_of(definition)) for sheet in pack.worksheets for definition in sheet.fields
    ]
    _TARGETS[id(pack)] = (pack, targets)
    return targets


def _targets_of(definition: FieldBase) -> frozenset[tuple[str, str]]:
    return frozenset((ref.source_worksheet, ref.source_field) for ref, _ in reference_places(definition))


_TARGETS: dict[int, tuple[WorksheetPack, list[tuple[str, str, frozenset[tuple[str, str]]]]]] = {}


@dataclass
class _RowChecker:
    reference: Callable[[ReferenceField, Any, tuple[Any, ...]], None]
    report: Callable[[tuple[Any, ...], str], None]
    t: Translator


@per_field_type("row problems")
def row_problems(field: FieldBase, value: Any, path: tuple[Any, ...], checker: _RowChecker) -> None:
    """Report, through `checker`, the repeated row ids and references to missing rows in the answer `value`."""


@row_problems.register(TextField, LongTextField, ChoiceField, MultiChoiceField, DateField, NumberField, ListField)
def _no_rows(field: FieldBase, value: Any, path: tuple[Any, ...], checker: _RowChecker) -> None:
    return None


@row_problems.register(ReferenceField)
def _reference_rows(field: ReferenceField, value: Any, path: tuple[Any, ...], checker: _RowChecker) -> None:
    checker.reference(field, value, path)


@row_problems.register(TableField)
def _table_rows(field: TableField, value: Any, path: tuple[Any, ...], checker: _RowChecker) -> None:
    seen: set[str] = set()
    for number, row in enumerate(value or []):
        if row["id"] in seen:
            message = checker.t("row id '{id}' is used twice; make each one unique", id=row["id"])
            checker.report((*path, number, "id"), message)
        seen.add(row["id"])
        for column in field.columns:
            row_problems(column, row.get(column.id), (*path, number, column.id), checker)


def campaign_to_data(campaign: Campaign) -> dict[str, Any]:
    """Return the campaign as plain data in file order (dates as ISO text)."""
    return {**campaign_head(campaign), "answers": plain_data(campaign.answers), **campaign_tail(campaign)}


def campaign_head(campaign: Campaign) -> dict[str, Any]:
    """Return the plain data the file holds before the answers: the campaign's identity and settings."""
    data: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "id": campaign.id,
        "revision": campaign.revision,
        "created": campaign.created,
        "updated": campaign.updated,
        "language": campaign.language,
        "pack": campaign.pack,
    }
    if campaign.workshop:
        data["workshop"] = campaign.workshop
    if campaign.owner:
        data["owner"] = campaign.owner
    settings: dict[str, str] = {"paper": campaign.settings.paper}
    if campaign.settings.logo:
        settings["logo"] = campaign.settings.logo
    data["settings"] = settings
    return data


def campaign_tail(campaign: Campaign) -> dict[str, Any]:
    """Return the plain data the file holds after the answers: open conflicts and comments (when there are any)."""
    data: dict[str, Any] = {}
    if campaign.conflicts:
        # a side that is None (an answer cleared, a row removed) is left out: `null` would read back as text
        data["conflicts"] = [
            plain_data({k: v for k, v in vars(c).items() if v is not None}) for c in campaign.conflicts
        ]
    if campaign.comments:  # left out when there are none: files from before comments read and write the same
        data["comments"] = [{k: v for k, v in vars(c).items() if v is not None} for c in campaign.comments]
    return data


def campaign_to_yaml(campaign: Campaign) -> str:
    """Return the campaign as the human-readable file the app stores and downloads (see campaign/file_end.py)."""
    return data_to_yaml(campaign_to_data(campaign))


def data_to_yaml(data: dict[str, Any]) -> str:
    """Return plain campaign data as the file the app writes: a first line, the YAML, the end line."""
    return with_end_lines(dump_yaml(data))


def plain_data(value: Any) -> Any:
    """Return answer data as the file holds it: mappings with text keys, lists, dates as ISO text."""
    if isinstance(value, dict):
        return {str(k): plain_data(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain_data(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value
