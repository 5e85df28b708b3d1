"""Where each worksheet role may stand (a field, a table, a table's column) and which roles a pack may use once."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast, get_args

from campaign.dispatch import per_field_type
from campaign.fields import (
    Choice,
    ChoiceField,
    DateField,
    FieldBase,
    ListField,
    LongTextField,
    MultiChoiceField,
    NumberField,
    ReferenceField,
    Role,
    TableField,
    TextField,
)
from campaign.problems import Problem
from campaign.strict_yaml import Document

if TYPE_CHECKING:
    from campaign.worksheet import Worksheet

ALL_ROLES: frozenset[str] = frozenset(get_args(Role))
# A table the plan reads as a whole: the power map, the timeline, the glance, the plenary and the checks.
TABLE_ROLES: frozenset[str] = frozenset(
    {"objective_table", "audience_table", "activity_table", "message_table", "indicator_table"}
)
# A field of its own (not a table column) that describes the whole campaign.
FIELD_ROLES: frozenset[str] = frozenset(
    {
        *("title", "organisation", "country", "level", "contact", "goal"),
        *("campaign_start", "campaign_end", "currency", "budget_total"),
    }
)
# A column of a table, read next to the table's own role; unique within its table.
COLUMN_ROLES: frozenset[str] = ALL_ROLES - TABLE_ROLES - FIELD_ROLES
# At most one place in the whole pack: `cost` marks the one table the work plan adds up.
PACK_UNIQUE: frozenset[str] = TABLE_ROLES | FIELD_ROLES | {"cost"}
# The field types a role's field must have, when the plan reads its value as that type (any type otherwise).
ROLE_TYPES: dict[str, tuple[str, ...]] = {
    **{role: ("table",) for role in TABLE_ROLES},
    **{role: ("date",) for role in ("campaign_start", "campaign_end", "deadline", "start", "end")},
    **{role: ("number",) for role in ("cost", "budget_total")},
    **{role: ("choice",) for role in ("priority", "stance", "influence")},
    **{role: ("reference",) for role in ("audiences", "objectives_served")},
}

Located = tuple[Sequence[FieldBase], str, Document]  # one worksheet's fields, its file, its parsed document


def role_problems(sheets: Sequence[Located]) -> list[Problem]:
    """Return a `file:line` problem for every role standing where it cannot, or declared twice where it must
    be unique (naming both places)."""
    problems: list[Problem] = []
    first: dict[str, str] = {}  # role -> "file:line" where the pack first declares it
    for fields, path, document in sheets:
        for number, definition in enumerate(fields):
            where = ("fields", number)
            columns = cast(TableField, definition).columns if definition.is_table else []
            kind = "table" if definition.is_table else "field"
            for carrier, spot, where_kind in [
                (definition, where, kind),
                *((c, (*where, "columns", n), "column") for n, c in enumerate(columns)),
            ]:
                role = carrier.role
                if role is None:
                    continue
                line = document.line_of((*spot, "role"))
                dotted = ".".join(str(part) for part in (*spot, "role"))
                if message := _misplaced(role, where_kind) or _mistyped(role, carrier):
                    problems.append(Problem(path, line, f"{dotted}: {message}"))
                elif role in PACK_UNIQUE and role in first:
                    message = f"{dotted}: role '{role}' is already declared at {first[role]}; a pack has one"
                    problems.append(Problem(path, line, message))
                first.setdefault(role, f"{path}:{line}")
            problems += _twice_in_table(columns, where, path, document)
    return problems


def _misplaced(role: str, kind: str) -> str:
    """Return why `role` cannot stand on a `kind` ("field", "table" or "column"), or ""."""
    if role in TABLE_ROLES and kind != "table":
        return f"role '{role}' names a whole table; put it on a field of type table"
    if role in FIELD_ROLES and kind != "field":
        return f"role '{role}' belongs on a field of its own, not on a table or a table column"
    if role in COLUMN_ROLES and kind != "column":
        return f"role '{role}' belongs on a column of a table"
    return ""


def _mistyped(role: str, carrier: FieldBase) -> str:
    """Return why `carrier` cannot carry `role` for its type, or ""."""
    types = ROLE_TYPES.get(role)
    kind = getattr(carrier, "type", "")
    if types is None or kind in types:
        return ""
    return f"role '{role}' needs a field of type {' or '.join(types)}, not {kind}"


def _twice_in_table(
    columns: Sequence[FieldBase], where: tuple[str, int], path: str, document: Document
) -> list[Problem]:
    problems = []
    seen: dict[str, int] = {}
    for number, column in enumerate(columns):
        if column.role is None or column.role in PACK_UNIQUE:
            continue
        spot = (*where, "columns", number, "role")
        line = document.line_of(spot)
        if column.role in seen:
            dotted = ".".join(str(part) for part in spot)
            message = f"{dotted}: role '{column.role}' is already declared at {path}:{seen[column.role]}; "
            problems.append(Problem(path, line, message + "a table has one"))
        seen.setdefault(column.role, line)
    return problems


@per_field_type("choices a role reads")
def choices_of(definition: FieldBase) -> tuple[Choice, ...]:
    """Return the choices a field offers a person, in the pack's order (none for a field without choices)."""


@choices_of.register(ChoiceField, MultiChoiceField)
def _listed(definition: ChoiceField) -> tuple[Choice, ...]:
    return tuple(definition.choices)


@choices_of.register(TextField, LongTextField, DateField, NumberField, ListField, TableField, ReferenceField)
def _none(definition: FieldBase) -> tuple[Choice, ...]:
    return ()


@dataclass(frozen=True)
class RolePlace:
    """Where a role is declared: a worksheet's field or table, or a column of one of its tables."""

    sheet: Worksheet
    field: FieldBase  # the field itself, or the table holding the column
    column: FieldBase | None = None

    @property
    def definition(self) -> FieldBase:
        """Return the field, table or column that carries the role."""
        return self.column or self.field

    @property
    def table(self) -> TableField | None:
        """Return the table the role is on or in, or None for a field of its own."""
        return cast(TableField, self.field) if self.field.is_table else None

    def column_with_role(self, role: Role) -> FieldBase | None:
        """Return the column of this place's table declaring `role`, or None."""
        return None if self.table is None else column_with_role(self.table, role)


def column_with_role(table: TableField, role: Role) -> FieldBase | None:
    """Return the column of `table` declaring `role`, or None."""
    return next((c for c in table.columns if c.role == role), None)
