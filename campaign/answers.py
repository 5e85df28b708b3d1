"""Answer types: one pydantic type per field type, assembled into a checker for a whole pack."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, create_model

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
from campaign.model import new_row_id
from campaign.worksheet import WorksheetPack


def _blank_to_none(value: Any) -> Any:
    # every YAML scalar arrives as text: an empty `key:` means "not answered"
    return None if isinstance(value, str) and not value.strip() else value


def _one_or_many(value: Any) -> Any:
    # a hand-written file may give one item where a list is expected
    return [value] if isinstance(value, str) and value.strip() else value


def _text(field: TextField | LongTextField) -> Any:
    return Annotated[str, StringConstraints(max_length=field.max_length)]


def _choice(field: ChoiceField) -> Any:
    return Literal[tuple(c.id for c in field.choices)]  # type: ignore[misc]


def _multi_choice(field: MultiChoiceField) -> Any:
    item = Literal[tuple(c.id for c in field.choices)]  # type: ignore[misc]
    limit = field.max_selected or len(field.choices)
    return Annotated[list[item], BeforeValidator(_one_or_many), Field(max_length=limit)]  # type: ignore[valid-type]


def _date(field: DateField) -> Any:
    return dt.date


def _number(field: NumberField) -> Any:
    base = int if field.integer else int | float
    return Annotated[base, Field(ge=field.minimum, le=field.maximum, allow_inf_nan=False)]  # type: ignore[call-overload]


def _list(field: ListField) -> Any:
    item = Annotated[str, StringConstraints(max_length=field.max_length)]
    return Annotated[list[item], BeforeValidator(_one_or_many), Field(max_length=field.max_items)]  # type: ignore[valid-type]


def _reference(field: ReferenceField) -> Any:
    row_id = Annotated[str, StringConstraints(pattern=ROW_ID_PATTERN)]
    limit = None if field.multiple else 1
    return Annotated[list[row_id], BeforeValidator(_one_or_many), Field(max_length=limit)]  # type: ignore[valid-type]


def _table(field: TableField) -> Any:
    row = _model(f"Row_{field.id}", field.columns)
    row_id = Annotated[str, StringConstraints(pattern=ROW_ID_PATTERN)]
    row = create_model(  # type: ignore[call-overload]
        f"Row_{field.id}", __base__=row, id=(row_id | None, None)
    )
    label = field.row_label_column
    give_ids = BeforeValidator(lambda rows: _give_row_ids(rows, label))
    return Annotated[list[row], give_ids, Field(max_length=field.max_rows)]


ANSWER_TYPES: dict[str, Callable[[Any], Any]] = {
    "text": _text,
    "long_text": _text,
    "choice": _choice,
    "multi_choice": _multi_choice,
    "date": _date,
    "number": _number,
    "list": _list,
    "reference": _reference,
    "table": _table,
}


class _Answers(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False)


def _model(name: str, fields: list[FieldBase]) -> type[BaseModel]:
    definitions: dict[str, Any] = {}
    for definition in fields:
        answer_type = ANSWER_TYPES[definition.type](definition)  # type: ignore[attr-defined]
        definitions[definition.id] = (Annotated[answer_type | None, BeforeValidator(_blank_to_none)], None)
    return create_model(name, __base__=_Answers, **definitions)  # type: ignore[call-overload]


def answers_model(pack: WorksheetPack) -> type[BaseModel]:
    """Return a pydantic model checking `answers:` of a campaign against every worksheet of `pack`."""
    cached = _CACHE.get(id(pack))
    if cached is not None and cached[0] is pack:
        return cached[1]
    sheets = {sheet.id: (_model(f"Sheet_{sheet.id}", list(sheet.fields)) | None, None) for sheet in pack.worksheets}
    model = create_model("Answers", __base__=_Answers, **sheets)  # type: ignore[call-overload]
    _CACHE[id(pack)] = (pack, model)
    return model


_CACHE: dict[int, tuple[WorksheetPack, type[BaseModel]]] = {}


def _give_row_ids(rows: Any, label_column: str) -> Any:
    """Give rows written by hand without an `id` a readable one made from their label."""
    if not isinstance(rows, list):
        return rows
    taken = {row.get("id") for row in rows if isinstance(row, dict)}
    for number, row in enumerate(rows, start=1):
        if isinstance(row, dict) and not row.get("id"):
            row["id"] = new_row_id(str(row.get(label_column) or ""), taken, drawn=False, fallback=f"row-{number}")
            taken.add(row["id"])
    return rows
