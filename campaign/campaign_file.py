"""The campaign YAML file: reading it strictly (with located problems) and writing it readably."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, create_model

from campaign.answers import answers_model
from campaign.fields import ReferenceField, TableField
from campaign.file_end import FileEnd, file_end, last_line, with_end_lines
from campaign.i18n import N_, Translator, translator
from campaign.logo import LOGO_NAME
from campaign.model import ID_RE, SCHEMA_VERSION, Campaign, Conflict, Settings, is_empty
from campaign.problems import Problem, problems_from_validation
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
from campaign.worksheet import WorksheetPack

CampaignId = Annotated[str, Field(pattern=ID_RE.pattern)]
CUT_SHORT = N_(
    "this file is incomplete: it stops before its last line, so its end is missing (perhaps a download or a copy "
    "was cut short); get the whole file again. If you deleted that last line yourself, delete the first line too."
)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SettingsModel(_Strict):
    paper: Literal["a4", "letter"] = "a4"
    logo: Annotated[str, Field(pattern=LOGO_NAME.pattern)] | None = None


class ConflictModel(_Strict):
    path: Annotated[str, Field(max_length=100)]
    mine: Any = None
    theirs: Any = None
    revision: int = 0
    at: str = ""


def _file_model(pack: WorksheetPack) -> type[BaseModel]:
    return create_model(  # type: ignore[call-overload]
        "CampaignFile",
        __base__=_Strict,
        schema_version=(Annotated[int, Field(ge=SCHEMA_VERSION, le=SCHEMA_VERSION)], ...),
        id=(CampaignId, ...),
        revision=(Annotated[int, Field(ge=0)], 0),
        created=(str, ""),
        updated=(str, ""),
        language=(Annotated[str, Field(pattern=r"^[a-z]{2,3}(_[A-Z]{2})?$")], "en"),
        pack=(str, pack.info.id),
        workshop=(CampaignId | None, None),
        owner=(Annotated[str, Field(min_length=1, max_length=320)] | None, None),
        settings=(SettingsModel, SettingsModel()),
        answers=(answers_model(pack) | None, None),
        conflicts=(list[ConflictModel], []),
    )


def parse_campaign(
    raw: bytes | str, pack: WorksheetPack, file: str = "campaign", *, t: Translator | None = None, stored: bool = False
) -> tuple[Campaign | None, list[Problem]]:
    """Return the campaign in `raw` checked against `pack`, or None and every problem found (worded in `t`'s
    language, English without one).

    An upload is held to the size limit (strict_yaml.MAX_BYTES); a `stored` file, one this app wrote, is read
    up to the larger cap, so what was once stored always opens again.
    """
    if file_end(raw) is FileEnd.CUT_SHORT:  # checked first: a file cut at a line boundary is valid YAML
        return None, [Problem(file, last_line(raw), (t or translator(None))(CUT_SHORT))]
    try:
        document = read_yaml(raw, *((STORED_MAX_BYTES, STORED_MAX_VALUES) if stored else (MAX_BYTES, MAX_VALUES)))
    except YamlProblem as error:
        return None, [Problem(file, error.line, error.translated(t))]
    return check_campaign_data(document.data, pack, file, document, t=t)


def check_campaign_data(
    data: Any,
    pack: WorksheetPack,
    file: str = "campaign",
    document: Document | None = None,
    *,
    t: Translator | None = None,
) -> tuple[Campaign | None, list[Problem]]:
    """Return the campaign held in plain `data` (text scalars), or None and every located problem (in `t`'s
    language, English without one)."""
    t = t or translator(None)
    document = document or Document(data)
    if not isinstance(data, dict):
        return None, [Problem(file, 1, t("a campaign file must be a mapping of 'key: value' lines"))]
    try:
        checked = _file_model(pack).model_validate(document.data)
    except ValidationError as error:
        return None, problems_from_validation(error, document, file, t)
    campaign = _campaign_from(checked)
    problems = reference_problems(campaign, pack, document, file, t=t)
    return (None, problems) if problems else (campaign, [])


def _campaign_from(checked: BaseModel) -> Campaign:
    answers_data = checked.answers.model_dump(exclude_none=True) if checked.answers else {}  # type: ignore[attr-defined]
    campaign = Campaign(
        id=checked.id,  # type: ignore[attr-defined]
        revision=checked.revision,  # type: ignore[attr-defined]
        created=checked.created or "",  # type: ignore[attr-defined]
        updated=checked.updated or "",  # type: ignore[attr-defined]
        language=checked.language,  # type: ignore[attr-defined]
        pack=checked.pack,  # type: ignore[attr-defined]
        workshop=checked.workshop,  # type: ignore[attr-defined]
        owner=checked.owner,  # type: ignore[attr-defined]
        settings=Settings(**checked.settings.model_dump()),  # type: ignore[attr-defined]
        conflicts=[Conflict(**c.model_dump()) for c in checked.conflicts],  # type: ignore[attr-defined]
    )
    for worksheet_id, sheet in answers_data.items():
        for field_id, value in sheet.items():
            campaign.set_answer(worksheet_id, field_id, _prune(value))
    return campaign


def _prune(value: Any) -> Any:
    """Return `value` with unanswered cells dropped from table rows (the row id is kept)."""
    if isinstance(value, list):
        return [_prune(item) for item in value if not is_empty(item)]
    if isinstance(value, dict):
        return {k: _prune(v) for k, v in value.items() if k == "id" or not is_empty(v)}
    return value


def reference_problems(
    campaign: Campaign,
    pack: WorksheetPack,
    document: Document | None = None,
    file: str = "campaign",
    *,
    t: Translator | None = None,
) -> list[Problem]:
    """Return a problem for every repeated row id and every reference to a row that does not exist."""
    t = t or translator(None)
    problems: list[Problem] = []

    def report(path: tuple[Any, ...], message: str) -> None:
        line = document.line_of(path) if document else 0
        problems.append(Problem(file, line, ".".join(str(p) for p in path) + ": " + message))

    for sheet in pack.worksheets:
        for definition in sheet.fields:
            value = campaign.answer(sheet.id, definition.id)
            path = ("answers", sheet.id, definition.id)
            if isinstance(definition, ReferenceField):
                _check_ids(campaign, value, pack, definition, path, report, t)
            elif isinstance(definition, TableField) and value:
                seen: set[str] = set()
                for number, row in enumerate(value):
                    if row["id"] in seen:
                        report(
                            (*path, number, "id"), t("row id '{id}' is used twice; make each one unique", id=row["id"])
                        )
                    seen.add(row["id"])
                    for column in definition.columns:
                        if isinstance(column, ReferenceField):
                            place = (*path, number, column.id)
                            _check_ids(campaign, row.get(column.id), pack, column, place, report, t)
    return problems


def _check_ids(
    campaign: Campaign,
    value: Any,
    pack: WorksheetPack,
    ref: ReferenceField,
    path: tuple[Any, ...],
    report: Any,
    t: Translator,
) -> None:
    if not value:
        return
    known = {row["id"] for row in campaign.rows(ref.source_worksheet, ref.source_field)}
    source = pack.worksheet(ref.source_worksheet)
    for row_id in value:
        if row_id not in known:
            message = t(
                "'{id}' is not a row of '{worksheet}' ({table}); use one of {ids}",
                id=row_id,
                worksheet=source.title,
                table=ref.source,
                ids=sorted(known),
            )
            report(path, message)


def campaign_to_data(campaign: Campaign) -> dict[str, Any]:
    """Return the campaign as plain data in file order (dates as ISO text)."""
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
    settings = {"paper": campaign.settings.paper}
    if campaign.settings.logo:
        settings["logo"] = campaign.settings.logo
    data["settings"] = settings
    data["answers"] = _plain(campaign.answers)
    if campaign.conflicts:
        # a side that is None (an answer cleared, a row removed) is left out: `null` would read back as text
        data["conflicts"] = [_plain({k: v for k, v in vars(c).items() if v is not None}) for c in campaign.conflicts]
    return data


def campaign_to_yaml(campaign: Campaign) -> str:
    """Return the campaign as the human-readable file the app stores and downloads (see campaign/file_end.py)."""
    return data_to_yaml(campaign_to_data(campaign))


def data_to_yaml(data: dict[str, Any]) -> str:
    """Return plain campaign data as the file the app writes: a first line, the YAML, the end line."""
    return with_end_lines(dump_yaml(data))


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value
