"""Answer types: one pydantic type per field type, assembled into a checker for a whole pack."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Sequence
from types import GenericAlias
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, create_model, model_validator

from campaign.dispatch import per_field_type
from campaign.fields import (
    ROW_ID_PATTERN,
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
from campaign.model import is_empty, new_row_id

if TYPE_CHECKING:  # the worksheet loader checks its examples with this module: type-only, no cycle
    from campaign.worksheet import WorksheetPack


def _blank_to_none(value: Any) -> Any:
    # every YAML scalar arrives as text: an empty `key:` means "not answered"
    return None if isinstance(value, str) and not value.strip() else value


def _one_or_many(value: Any) -> Any:
    # a hand-written file may give one item where a list is expected
    return [value] if isinstance(value, str) and value.strip() else value


@per_field_type("answer type")
def answer_type(field: FieldBase) -> Any:
    """Return the pydantic type an answer to `field` must have."""


@answer_type.register(TextField, LongTextField)
def _text(field: TextField | LongTextField) -> Any:
    return Annotated[str, StringConstraints(max_length=field.max_length)]


@answer_type.register(ChoiceField)
def _choice(field: ChoiceField) -> Any:
    return _one_of(field)


@answer_type.register(MultiChoiceField)
def _multi_choice(field: MultiChoiceField) -> Any:
    limit = field.max_selected or len(field.choices)
    return Annotated[_list_of(_one_of(field)), BeforeValidator(_one_or_many), Field(max_length=limit)]


def _one_of(field: ChoiceField) -> Any:
    # the choices are data: a Literal built at run time, which is a value to a type checker, not a type
    return Literal.__getitem__(tuple(c.id for c in field.choices))


def _list_of(item: Any) -> Any:
    return GenericAlias(list, (item,))  # list[item] for an item type made at run time


@answer_type.register(DateField)
def _date(field: DateField) -> Any:
    return dt.date


@answer_type.register(NumberField)
def _number(field: NumberField) -> Any:
    base: Any = int if field.integer else int | float
    return Annotated[base, Field(ge=field.minimum, le=field.maximum, allow_inf_nan=False)]


@answer_type.register(ListField)
def _list(field: ListField) -> Any:
    item = Annotated[str, StringConstraints(max_length=field.max_length)]
    return Annotated[_list_of(item), BeforeValidator(_one_or_many), Field(max_length=field.max_items)]


@answer_type.register(ReferenceField)
def _reference(field: ReferenceField) -> Any:
    limit = None if field.multiple else 1
    return Annotated[_list_of(_ROW_ID), BeforeValidator(_one_or_many), Field(max_length=limit)]


@answer_type.register(TableField)
def _table(field: TableField) -> Any:
    row = _model(f"Row_{field.id}", field.columns, id=(_ROW_ID | None, None))  # the row id after its cells
    label = field.row_label_column
    give_ids = BeforeValidator(lambda rows: _give_row_ids(rows, label))
    return Annotated[_list_of(row), give_ids, Field(max_length=field.max_rows)]


_ROW_ID: Any = Annotated[str, StringConstraints(pattern=ROW_ID_PATTERN)]


class _Answers(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False, defer_build=True)


class _Fields(_Answers):
    """The answers of one worksheet or one table row: a blank answer is no answer (`_blank_to_none`)."""

    answer_ids: ClassVar[frozenset[str]] = frozenset()  # the fields whose blank answer is None (not a row's id)

    # one validator for the whole mapping, not one per field: pydantic inspects and wraps each validator it is
    # given, which was a good part of building the checker of a pack in every cold command
    @model_validator(mode="before")
    @classmethod
    def _blanks_to_none(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        return {key: _blank_to_none(value) if key in cls.answer_ids else value for key, value in data.items()}


def _model(name: str, fields: Sequence[FieldBase], **more: Any) -> type[BaseModel]:
    definitions: dict[str, Any] = {definition.id: (answer_type(definition) | None, None) for definition in fields}
    model = create_model(name, __base__=_Fields, **definitions, **more)
    model.answer_ids = frozenset(definitions)
    return model


def answers_model(pack: WorksheetPack) -> type[BaseModel]:
    """Return a pydantic model checking `answers:` of a campaign against every worksheet of `pack`."""
    cached = _CACHE.get(id(pack))
    if cached is not None and cached[0] is pack:
        return cached[1]
    sheets: dict[str, Any] = {
        sheet.id: (_model(f"Sheet_{sheet.id}", list(sheet.fields)) | None, None) for sheet in pack.worksheets
    }
    model = create_model("Answers", __base__=_Answers, **sheets)
    _CACHE[id(pack)] = (pack, model)
    return model


_CACHE: dict[int, tuple[WorksheetPack, type[BaseModel]]] = {}


def checked_answers(pack: WorksheetPack) -> Callable[[Any], dict[str, dict[str, Any]]]:
    """Return a function that checks `answers:` data against `pack` and returns the typed answers, with every
    unanswered field, row cell and worksheet left out (raises pydantic's ValidationError)."""
    model = answers_model(pack)

    def check(data: Any) -> dict[str, dict[str, Any]]:
        typed = validated(model, data).model_dump(exclude_none=True)
        answers: dict[str, dict[str, Any]] = {}
        for worksheet_id, sheet in typed.items():
            kept = {field_id: _prune(value) for field_id, value in sheet.items() if not is_empty(value)}
            if kept:
                answers[worksheet_id] = kept
        return answers

    return check


def checked_edits(
    pack: WorksheetPack, stored: dict[str, dict[str, Any]], edited_sheets: Collection[str]
) -> Callable[[Any], dict[str, dict[str, Any]]]:
    """Return a checker like `checked_answers` for the answers of an edit of `stored` (typed answers that passed
    that checker): only the worksheets in `edited_sheets` are validated; every other worksheet holds exactly its
    stored answers (`changes.edited_answers` says which differ), which are taken as they are, not copied."""
    check = checked_answers(pack)
    order = [sheet.id for sheet in pack.worksheets]

    def check_edits(data: Any) -> dict[str, dict[str, Any]]:
        if not isinstance(data, dict):
            return check(data)  # the full check words the problem
        answers = check({sheet: value for sheet, value in data.items() if sheet in edited_sheets})
        kept = {sheet: stored[sheet] for sheet in order if sheet not in edited_sheets and sheet in stored}
        return {sheet: answers.get(sheet) or kept[sheet] for sheet in order if sheet in answers or sheet in kept}

    return check_edits


def validated(model: type[BaseModel], data: Any) -> BaseModel:
    """Return `data` validated by `model` (the one place worksheets' answers are validated: tests count calls)."""
    return model.model_validate(data)


def _prune(value: Any) -> Any:
    """Return `value` with unanswered cells dropped from table rows (the row id is kept)."""
    if isinstance(value, list):
        return [_prune(item) for item in value if not is_empty(item)]
    if isinstance(value, dict):
        return {k: _prune(v) for k, v in value.items() if k == "id" or not is_empty(v)}
    return value


def _give_row_ids(rows: Any, label_column: str) -> Any:
    """Give rows written by hand without an `id` a readable one made from their label."""
    if not isinstance(rows, list):
        return rows
    taken: set[str] = {row["id"] for row in rows if isinstance(row, dict) and isinstance(row.get("id"), str)}
    for number, row in enumerate(rows, start=1):
        if isinstance(row, dict) and not row.get("id"):
            row["id"] = new_row_id(str(row.get(label_column) or ""), taken, drawn=False, fallback=f"row-{number}")
            taken.add(row["id"])
    return rows
