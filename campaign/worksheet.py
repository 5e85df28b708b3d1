"""Worksheet definitions: the toolkit's steps as data, loaded and checked from `worksheets/<pack>/`."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Annotated, Any, TypeVar, cast

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from campaign.conditions import condition_problems, is_shown
from campaign.config import config
from campaign.example import example_problems
from campaign.fields import (
    FIELD_TYPES,
    Choice,
    Condition,
    FieldBase,
    FieldDefinition,
    Identifier,
    ReferenceField,
    Role,
    ShowIf,
    Strict,
    TableField,
)
from campaign.model import Campaign
from campaign.problems import Problem, problems_from_validation
from campaign.references import label_loops, reference_places
from campaign.roles import RolePlace, role_problems
from campaign.strict_yaml import Document, YamlProblem, read_yaml

M = TypeVar("M", bound=BaseModel)
DEFAULT_PACK = Path(__file__).resolve().parent.parent / "worksheets" / "default"


class Fact(Strict):
    text: Annotated[str, Field(min_length=1)]
    source: str = ""


class Worksheet(Strict):
    id: Identifier
    title: Annotated[str, Field(min_length=1, max_length=120)]
    short_title: Annotated[str, Field(min_length=1, max_length=40)]
    toolkit_section: str = ""
    purpose: Annotated[str, Field(min_length=1)]
    guidance: Annotated[str, Field(min_length=1)]
    tips: list[str] = Field(default_factory=list)
    facts: list[Fact] = Field(default_factory=list)
    fields: Annotated[list[FieldDefinition], Field(min_length=1)]
    show_if: ShowIf | None = None  # the whole worksheet is shown only when these hold

    def field(self, field_id: str) -> FieldDefinition:
        """Return the field called `field_id` (KeyError if there is none)."""
        for definition in self.fields:
            if definition.id == field_id:
                return definition
        raise KeyError(f"{self.id}.{field_id}")


class PackInfo(Strict):
    id: Identifier
    title: str
    description: str = ""
    language: str = "en"


class WorksheetPack(BaseModel):
    """The ordered worksheets of one pack."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True, defer_build=True)

    info: PackInfo
    worksheets: tuple[Worksheet, ...]

    @cached_property
    def by_id(self) -> dict[str, Worksheet]:
        return {sheet.id: sheet for sheet in self.worksheets}

    def worksheet(self, worksheet_id: str) -> Worksheet:
        """Return the worksheet called `worksheet_id` (KeyError if there is none)."""
        return self.by_id[worksheet_id]

    @cached_property
    def role_places(self) -> dict[str, RolePlace]:
        """Return where each declared role is, the first place in worksheet order (the loader allows one where
        it must be unique)."""
        places: dict[str, RolePlace] = {}
        for sheet in self.worksheets:
            for definition in sheet.fields:
                columns = cast(TableField, definition).columns if definition.is_table else []
                found = [(definition.role, RolePlace(sheet, definition))]
                found += [(column.role, RolePlace(sheet, definition, column)) for column in columns]
                for role, place in found:
                    if role is not None:
                        places.setdefault(role, place)
        return places

    def field_with_role(self, role: Role) -> RolePlace | None:
        """Return where the pack declares `role` (a field, a table or a table's column), or None: the plan then
        leaves out what needs it."""
        return self.role_places.get(role)

    def answer_with_role(self, campaign: Campaign, role: Role) -> Any:
        """Return `campaign`'s answer to the field of its own declaring `role`, or None (also for a column, and
        for a field `show_if` hides: a hidden answer is kept, not printed)."""
        place = self.field_with_role(role)
        if place is None or place.column is not None or not is_shown(campaign, self, place.sheet, place.field):
            return None
        return campaign.answer(place.sheet.id, place.field.id)

    def source_table(self, reference: ReferenceField) -> TableField:
        """Return the table field a reference points at."""
        table = self.worksheet(reference.source_worksheet).field(reference.source_field)
        assert table.is_table, "the loader refuses a reference to a field that is not a table"
        return cast(TableField, table)


class WorksheetError(Exception):
    """One or more worksheet files are broken; `problems` say where and why."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


def pack_folder() -> Path:
    """Return the worksheet pack folder: `$WORKSHEET_PACK` or the default pack."""
    return Path(config().worksheet_pack or DEFAULT_PACK)


def available_languages(folder: Path | None = None) -> list[str]:
    """Return the pack's own language followed by every language it has translations for."""
    folder = Path(folder or pack_folder())
    try:
        own = str(read_yaml((folder / "pack.yaml").read_bytes()).data.get("language", "en"))
    except (OSError, YamlProblem, AttributeError):
        own = "en"
    locales = folder / "locales"
    found = sorted(p.name for p in locales.iterdir() if (p / "pack.yaml").is_file()) if locales.is_dir() else []
    return [own, *[language for language in found if language != own]]


def load_worksheets(
    folder: Path | None = None, language: str | None = None, *, cache: Path | None = None
) -> WorksheetPack:
    """Return the pack in `folder` (sheets ordered by file name) in `language`, or raise WorksheetError.

    Words come from `locales/<language>/` overlay files where they exist, else from the pack itself. With a
    `cache` folder (the command line's), a pack read and checked before from the same bytes by the same code is
    taken from there, and a newly checked one stored (campaign/pack_cache.py).
    """
    folder = Path(folder or pack_folder())
    if not folder.is_dir():
        raise WorksheetError([Problem(str(folder), 0, "the worksheet folder does not exist")])
    locale = None
    if language and language != available_languages(folder)[0]:
        locale = folder / "locales" / language
        if not (locale / "pack.yaml").is_file():
            raise WorksheetError([Problem(str(locale), 0, f"there is no translation for language '{language}'")])
    if cache is None:
        return _checked_pack(folder, locale)
    from campaign.pack_cache import cached_pack  # the command line's: the app loads its pack once per process

    return cached_pack(folder, locale, cache, _checked_pack, pack_models())


def pack_models() -> tuple[type[BaseModel], ...]:
    """Return the classes a worksheet pack is made of, the pack's own last (what its cache stores and makes)."""
    return (*FIELD_TYPES.values(), Choice, Condition, Fact, Worksheet, PackInfo, WorksheetPack)


def _checked_pack(folder: Path, locale: Path | None) -> WorksheetPack:
    problems: list[Problem] = []
    loaded_info = _load_model(folder / "pack.yaml", PackInfo, problems, locale)
    info = loaded_info[0] if loaded_info else None
    located: list[tuple[Worksheet, str, Document]] = []
    for path in sorted(folder.glob("*.yaml")):
        if path.name != "pack.yaml":
            loaded = _load_model(path, Worksheet, problems, locale)
            if loaded is not None:
                located.append(loaded)
    if not located and not problems:
        problems.append(Problem(str(folder), 0, "the folder holds no worksheet files (*.yaml)"))
    problems += _cross_check(located) + label_loops(located) + condition_problems(located)
    problems += role_problems([(sheet.fields, path, document) for sheet, path, document in located])
    sheets = [sheet for sheet, _, _ in located]
    if problems or info is None:
        raise WorksheetError(problems)
    pack = WorksheetPack(info=info, worksheets=tuple(sheets))
    problems = example_problems(pack, {sheet.id: (path, document) for sheet, path, document in located})
    if problems:
        raise WorksheetError(problems)
    return pack


def _read(path: Path, problems: list[Problem]) -> Document | None:
    try:
        return read_yaml(path.read_bytes())
    except OSError as error:
        problems.append(Problem(str(path), 0, f"cannot be read ({error.strerror})"))
    except YamlProblem as error:
        problems.append(Problem(str(path), error.line, error.message))
    return None


def _load_model(
    path: Path, model: type[M], problems: list[Problem], locale: Path | None = None
) -> tuple[M, str, Document] | None:
    document = _read(path, problems)
    if document is None:
        return None
    if locale is not None and (locale / path.name).is_file() and isinstance(document.data, dict):
        from campaign.translation import translate_pack_info, translate_worksheet  # only a translation needs it

        overlay = _read(locale / path.name, problems)
        if overlay is None:
            return None
        overlay_file = str(locale / path.name)
        if model is PackInfo:
            problems += translate_pack_info(document.data, overlay, overlay_file, locale.name)
        else:
            document.data, found = translate_worksheet(document.data, overlay, overlay_file)
            problems += found
    try:
        return model.model_validate(document.data), str(path), document
    except ValidationError as error:
        problems += problems_from_validation(error, document, str(path))
        return None


def _cross_check(located: list[tuple[Worksheet, str, Document]]) -> list[Problem]:
    """Return problems that span files: repeated ids and references to missing or later tables."""
    problems: list[Problem] = []
    seen: set[str] = set()
    for index, (sheet, path, document) in enumerate(located):
        if sheet.id in seen:
            problems.append(Problem(path, document.line_of(("id",)), f"worksheet id '{sheet.id}' is used by two files"))
        seen.add(sheet.id)
        earlier = [s for s, _, _ in located[: index + 1]]
        for number, definition in enumerate(sheet.fields):
            where: tuple[str | int, ...] = ("fields", number)
            if any(f.id == definition.id for f in sheet.fields[:number]):
                message = f"fields.{number}.id: '{definition.id}' is used twice in this worksheet"
                problems.append(Problem(path, document.line_of((*where, "id")), message))
            for place, reference in references(definition):
                message = _check_reference(reference, earlier)
                if message:
                    spot = (*where, *place, "source")
                    dotted = ".".join(str(part) for part in spot)
                    problems.append(Problem(path, document.line_of(spot), f"{dotted}: {message}"))
    return problems


def references(field: FieldBase) -> list[tuple[tuple[str | int, ...], ReferenceField]]:
    """Return the references `field` declares (the "references held" concern), each with its place inside the
    field's definition: () for the field itself, ("columns", n) for a table's column."""
    if not field.is_table:
        return [((), reference) for reference, _ in reference_places(field)]
    numbers = {column.id: number for number, column in enumerate(cast(TableField, field).columns)}
    return [(("columns", numbers[str(column)]), reference) for reference, column in reference_places(field)]


def _check_reference(ref: ReferenceField, earlier: list[Worksheet]) -> str:
    target = next((s for s in earlier if s.id == ref.source_worksheet), None)
    if target is None:
        return f"'{ref.source}' must name a table in this or an earlier worksheet"
    table = next((f for f in target.fields if f.id == ref.source_field), None)
    if table is None or not table.is_table:
        return f"'{ref.source}' must name a table field of worksheet '{target.id}'"
    unknown = [c for c in ref.where if c not in {col.id for col in cast(TableField, table).columns}]
    if unknown:
        return f"'where' names columns {unknown} that '{ref.source}' does not have"
    return ""
