"""The closed set of field types a worksheet may use, declared once as pydantic models."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, model_validator

ID_PATTERN = r"^[a-z][a-z0-9_]{0,39}$"
ROW_ID_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,39}$"
Identifier = Annotated[str, Field(pattern=ID_PATTERN)]
# What a field means to the plan, so the plan finds it without knowing its id (docs/worksheets.md, "Roles");
# where each may stand and which must be unique: campaign/roles.py.
Role = Literal[
    "title", "organisation", "country", "level", "campaign_start", "campaign_end", "contact", "goal",
    "currency", "budget_total",
    "objective_table", "audience_table", "activity_table", "message_table", "indicator_table",
    "deadline", "decision_maker", "objectives_served", "ask", "priority", "stance", "influence",
    "core_message", "target", "cost", "start", "end", "lead", "audiences",
]  # fmt: skip


class Strict(BaseModel):
    """Base for schema models: unknown keys are errors, so typos are caught."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Choice(Strict):
    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,39}$")]
    label: Annotated[str, Field(min_length=1)]
    help: str = ""


TESTS = ("equals", "in", "contains", "at_least", "at_most")  # what a condition may test (docs/worksheets.md)


class Condition(Strict):
    """One test on another answer, for `show_if`: `{field: level, equals: national}`, `{field: budget, at_least: 1}`.

    `field` names a field of the same worksheet (`level`) or of another one (`profile.level`); which tests suit
    which field type, and whether the field exists, the loader checks (`campaign/conditions.py`)."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)

    field: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*){0,2}$")]
    equals: str | None = None
    in_: Annotated[list[str] | None, Field(alias="in", min_length=1)] = None
    contains: str | None = None
    at_least: float | None = None
    at_most: float | None = None

    @property
    def tests(self) -> tuple[str, ...]:
        """Return the names of the tests this condition makes ("in" for `in_`), in the order of TESTS."""
        values = (self.equals, self.in_, self.contains, self.at_least, self.at_most)
        return tuple(name for name, value in zip(TESTS, values, strict=True) if value is not None)

    @model_validator(mode="after")
    def _one_test(self) -> Condition:
        tests = self.tests
        if not tests:
            raise ValueError("say what to test: add one of equals, in, contains, at_least or at_most")
        if len(tests) > 1 and set(tests) != {"at_least", "at_most"}:
            raise ValueError(
                f"one test per condition ({', '.join(tests)} given; only at_least with at_most make a range): "
                "to need several, write a list of conditions under show_if"
            )
        if self.at_least is not None and self.at_most is not None and self.at_least > self.at_most:
            raise ValueError("at_least is larger than at_most, so no answer could pass: swap them")
        return self


# One condition, or a list of them that must all hold. The tags hold "[" so that located errors leave them out of
# the path they print (campaign/problems.py), and only the form written is checked: no "should be a list" beside.
ShowIf = Annotated[
    Annotated[Condition, Tag("show_if[one]")] | Annotated[list[Condition], Field(min_length=1), Tag("show_if[all]")],
    Discriminator(lambda value: "show_if[all]" if isinstance(value, list) else "show_if[one]"),
]


def conditions_of(show_if: ShowIf | None) -> list[Condition]:
    """Return the conditions of a `show_if` (none, one, or the list, all of which must hold)."""
    if show_if is None:
        return []
    return list(show_if) if isinstance(show_if, list) else [show_if]


class FieldBase(Strict):
    id: Identifier
    label: Annotated[str, Field(min_length=1, max_length=200)]
    help: str = ""
    required: bool = False
    example: Any = None
    role: Role | None = None
    show_if: ShowIf | None = None  # shown only when these hold (docs/worksheets.md, "Conditional questions")

    @property
    def is_table(self) -> bool:
        return False


class TextField(FieldBase):
    type: Literal["text"]
    max_length: Annotated[int, Field(gt=0, le=2000)] = 200
    placeholder: str = ""


class LongTextField(FieldBase):
    type: Literal["long_text"]
    max_length: Annotated[int, Field(gt=0, le=50000)] = 3000
    placeholder: str = ""


class ChoiceField(FieldBase):
    type: Literal["choice"]
    choices: Annotated[list[Choice], Field(min_length=1)]

    @model_validator(mode="after")
    def _unique_choices(self) -> ChoiceField:
        _require_unique([c.id for c in self.choices], "choice id")
        return self

    def choice_label(self, choice_id: str) -> str:
        """Return the label shown for `choice_id` (the id itself if unknown)."""
        return next((c.label for c in self.choices if c.id == choice_id), choice_id)


class MultiChoiceField(ChoiceField):
    # pydantic finds a subclass by its own tag, so the tag is redeclared narrower than the parent's
    type: Literal["multi_choice"]  # type: ignore[assignment]
    max_selected: Annotated[int, Field(gt=0)] | None = None


class DateField(FieldBase):
    type: Literal["date"]


class NumberField(FieldBase):
    type: Literal["number"]
    minimum: float | None = None
    maximum: float | None = None
    integer: bool = False
    unit: str = ""


class ListField(FieldBase):
    type: Literal["list"]
    item_label: str = "Item"
    max_items: Annotated[int, Field(gt=0, le=200)] = 30
    max_length: Annotated[int, Field(gt=0, le=5000)] = 300


class ReferenceField(FieldBase):
    """Picks rows of a table field in an earlier worksheet, by their stable row ids."""

    type: Literal["reference"]
    source: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$")]
    multiple: bool = True
    where: dict[Identifier, str] = Field(default_factory=dict)

    @property
    def source_worksheet(self) -> str:
        return self.source.split(".")[0]

    @property
    def source_field(self) -> str:
        return self.source.split(".")[1]


ColumnDefinition = Annotated[
    TextField | LongTextField | ChoiceField | MultiChoiceField | DateField | NumberField | ReferenceField,
    Field(discriminator="type"),
]


class TableField(FieldBase):
    """Rows of typed columns; every row carries a stable `id` that references point at."""

    type: Literal["table"]
    columns: Annotated[list[ColumnDefinition], Field(min_length=1)]
    label_column: Identifier | None = None
    min_rows: Annotated[int, Field(ge=0)] = 0
    max_rows: Annotated[int, Field(gt=0, le=500)] = 50
    layout: Literal["grid", "cards"] = "grid"
    row_name: str = "Row"

    @property
    def is_table(self) -> bool:
        return True

    @model_validator(mode="after")
    def _check_columns(self) -> TableField:
        ids = [c.id for c in self.columns]
        _require_unique(ids, "column id")
        if "id" in ids:
            raise ValueError("'id' is reserved for the row id; name the column differently")
        if self.label_column is not None and self.label_column not in ids:
            raise ValueError(f"label_column '{self.label_column}' is not one of the columns {ids}")
        if self.min_rows > self.max_rows:
            raise ValueError("min_rows is larger than max_rows")
        return self

    @property
    def row_label_column(self) -> str:
        """Return the column whose value names a row (the first column unless set)."""
        return self.label_column or self.columns[0].id

    def column(self, column_id: str) -> Any:
        return next(c for c in self.columns if c.id == column_id)


FieldDefinition = Annotated[
    TextField
    | LongTextField
    | ChoiceField
    | MultiChoiceField
    | DateField
    | NumberField
    | ListField
    | TableField
    | ReferenceField,
    Field(discriminator="type"),
]

FIELD_TYPES: dict[str, type[FieldBase]] = {
    "text": TextField,
    "long_text": LongTextField,
    "choice": ChoiceField,
    "multi_choice": MultiChoiceField,
    "date": DateField,
    "number": NumberField,
    "list": ListField,
    "table": TableField,
    "reference": ReferenceField,
}


def as_table(definition: FieldBase) -> TableField | None:
    """Return `definition` when it is a table (its rows, columns and row name), else None."""
    return definition if isinstance(definition, TableField) else None


def _require_unique(values: list[str], what: str) -> None:
    seen: set[str] = set()
    for value in values:
        if value in seen:
            raise ValueError(f"{what} '{value}' is used twice")
        seen.add(value)


def slug(text: str, fallback: str = "row") -> str:
    """Return a lowercase, URL-safe slug of `text` for a row id (ASCII letters and digits only)."""
    value = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:30].strip("-")
    return value or fallback
