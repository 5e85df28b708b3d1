"""Conditional questions: the one rule of what `show_if` shows, and its checks when a pack loads."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from campaign.dispatch import per_field_type
from campaign.fields import (
    FIELD_TYPES,
    ChoiceField,
    Condition,
    DateField,
    FieldBase,
    FieldDefinition,
    ListField,
    LongTextField,
    MultiChoiceField,
    NumberField,
    ReferenceField,
    ShowIf,
    TableField,
    TextField,
    as_table,
    conditions_of,
)
from campaign.model import Campaign
from campaign.problems import Problem
from campaign.strict_yaml import Document

Place = tuple[str, Document, tuple[str | int, ...]]  # a file, its document, and a path inside it

if TYPE_CHECKING:  # worksheet.py calls `condition_problems` while it loads a pack: only the types come from there
    from campaign.worksheet import Worksheet, WorksheetPack


@per_field_type("condition tests")
def condition_tests(definition: FieldBase) -> tuple[str, ...]:
    """Return the tests a `show_if` may make on an answer to this field type (none: it cannot be tested)."""
    raise NotImplementedError  # the dispatch calls the handlers below


@condition_tests.register(ChoiceField)
def _one_choice(definition: ChoiceField) -> tuple[str, ...]:
    return ("equals", "in")


@condition_tests.register(MultiChoiceField)
def _several_choices(definition: MultiChoiceField) -> tuple[str, ...]:
    return ("contains",)


@condition_tests.register(NumberField)
def _number_range(definition: NumberField) -> tuple[str, ...]:
    return ("at_least", "at_most")


@condition_tests.register(TextField, LongTextField, DateField, ListField, TableField, ReferenceField)
def _untestable(definition: FieldBase) -> tuple[str, ...]:
    return ()


def holds(condition: Condition, answer: Any) -> bool:
    """Return True when `answer` passes `condition`'s test (an empty answer passes none)."""
    if condition.equals is not None:
        return answer == condition.equals
    if condition.in_ is not None:
        return answer in condition.in_
    if condition.contains is not None:
        return isinstance(answer, list) and condition.contains in answer
    if not isinstance(answer, int | float) or isinstance(answer, bool):
        return False
    low = condition.at_least if condition.at_least is not None else answer
    high = condition.at_most if condition.at_most is not None else answer
    return low <= answer <= high


def is_shown(
    campaign: Campaign, pack: WorksheetPack, worksheet: Worksheet | str, field: FieldBase | str | None = None
) -> bool:
    """Return True when the worksheet (or its `field`) is shown for `campaign`: its `show_if` holds, and so do
    those of the worksheet and of every field the conditions name. A hidden question is not asked, required,
    counted or printed; its stored answer is kept and comes back when the condition holds again."""
    sheet = pack.worksheet(worksheet) if isinstance(worksheet, str) else worksheet
    if not _all_hold(campaign, pack, sheet, sheet.show_if):
        return False
    if field is None:
        return True
    definition = sheet.field(field) if isinstance(field, str) else field
    return _all_hold(campaign, pack, sheet, definition.show_if)


def shown_worksheets(campaign: Campaign, pack: WorksheetPack) -> tuple[Worksheet, ...]:
    """Return the worksheets `campaign` is shown, in pack order (the steps, the plan's sections)."""
    return tuple(sheet for sheet in pack.worksheets if is_shown(campaign, pack, sheet))


def shown_fields(campaign: Campaign, pack: WorksheetPack, sheet: Worksheet) -> list[FieldDefinition]:
    """Return the fields of `sheet` that `campaign` is shown, in order (none when the worksheet is hidden)."""
    if not is_shown(campaign, pack, sheet):
        return []
    return [definition for definition in sheet.fields if _all_hold(campaign, pack, sheet, definition.show_if)]


def condition_field(pack: WorksheetPack, sheet: Worksheet, condition: Condition) -> tuple[Worksheet, FieldBase]:
    """Return the worksheet and field a condition tests (the loader has made sure it exists)."""
    found = _target({s.id: s for s in pack.worksheets}, sheet, condition.field)
    assert not isinstance(found, str), "the loader refuses a condition on a field that does not exist"
    return found


def _all_hold(campaign: Campaign, pack: WorksheetPack, sheet: Worksheet, show_if: ShowIf | None) -> bool:
    for condition in conditions_of(show_if):  # the loader refuses loops, so this recursion ends
        target_sheet, target = condition_field(pack, sheet, condition)
        if not is_shown(campaign, pack, target_sheet, target):
            return False
        if not holds(condition, campaign.answer(target_sheet.id, target.id)):
            return False
    return True


def _target(sheets: dict[str, Worksheet], sheet: Worksheet, name: str) -> tuple[Worksheet, FieldBase] | str:
    """Return the worksheet and field `name` stands for, or what is wrong with it in plain words."""
    parts = name.split(".")
    owner, field_id = (sheets.get(parts[0]), parts[1]) if len(parts) >= 2 and parts[0] in sheets else (sheet, "")
    rest = parts[2:] if field_id else parts[1:]
    field_id = field_id or parts[0]
    definition = next((f for f in owner.fields if f.id == field_id), None) if owner else None
    if owner is None or definition is None:
        return (
            f"'{name}' names no field: write the id of a field of this worksheet ('level') or "
            f"worksheet_id.field_id for a field of another worksheet ('profile.level')"
        )
    table = as_table(definition)
    if rest and table is not None:
        return (
            f"'{name}' names a column inside the table '{owner.id}.{table.id}': a condition cannot test a table's "
            "cells; test a field of its own, or move the question out of the table"
        )
    if rest:
        return f"'{name}' names no field: '{owner.id}.{field_id}' is not a table, so it has no '{rest[0]}'"
    return owner, definition


def condition_problems(located: Sequence[tuple[Worksheet, str, Document]]) -> list[Problem]:
    """Return a problem at `file:line` for every `show_if` that names no field, tests a field in a way its type
    does not allow, names a choice the field does not have, stands on a table's column, or goes round in a loop."""
    sheets = {sheet.id: sheet for sheet, _, _ in located}
    problems: list[Problem] = []
    edges: dict[str, list[str]] = {}  # "sheet" or "sheet.field" -> the fields its conditions name
    places: dict[str, Place] = {}

    def check(key: str, sheet: Worksheet, show_if: ShowIf | None, spot: tuple[str | int, ...], path: str) -> None:
        document = next(d for s, p, d in located if s is sheet)
        places[key] = (path, document, spot)
        for number, condition in enumerate(conditions_of(show_if)):
            at = (*spot, number) if isinstance(show_if, list) else spot
            found = _target(sheets, sheet, condition.field)
            if isinstance(found, str):
                problems.append(_problem(path, document, (*at, "field"), found))
                continue
            owner, target = found
            edges.setdefault(key, []).append(f"{owner.id}.{target.id}")
            for test, message in _test_problems(condition, target, f"{owner.id}.{target.id}"):
                problems.append(_problem(path, document, (*at, test), message))

    for sheet, path, document in located:
        check(sheet.id, sheet, sheet.show_if, ("show_if",), path)
        for number, definition in enumerate(sheet.fields):
            check(f"{sheet.id}.{definition.id}", sheet, definition.show_if, ("fields", number, "show_if"), path)
            for at, column in enumerate(getattr(definition, "columns", [])):
                if column.show_if is not None:
                    spot = ("fields", number, "columns", at, "show_if")
                    message = (
                        "a column of a table cannot have show_if (a row's cells are all asked): put the condition "
                        "on the table itself, which then shows or hides as a whole"
                    )
                    problems.append(_problem(path, document, spot, message))
    return problems + _loops(edges, places)


def _test_problems(condition: Condition, target: FieldBase, name: str) -> list[tuple[str, str]]:
    """Return (test, message) for each test that does not suit `target`, or names a choice it does not have."""
    allowed = condition_tests(target)
    found: list[tuple[str, str]] = []
    for test in condition.tests:
        if test not in allowed:
            can = f"test it with {' or '.join(allowed)}" if allowed else "it cannot be tested: name another field"
            suits = " or ".join(types_allowing(test))
            message = f"'{test}' does not suit '{name}', a {field_type(target)} field ({can}); '{test}' tests a {suits}"
            found.append((test, message))
    ids = [choice.id for choice in getattr(target, "choices", [])]
    named = (("equals", [condition.equals]), ("contains", [condition.contains]), ("in", condition.in_ or []))
    for test, items in named:
        for item in items:
            if item is not None and test in allowed and item not in ids:
                options = ", ".join(f"'{i}'" for i in ids)
                found.append((test, f"'{item}' is not a choice of '{name}': use one of its choice ids ({options})"))
    return found


def types_allowing(test: str) -> list[str]:
    """Return the field types (as written in a worksheet file) whose answers `test` may test."""
    return [
        name
        for name, cls in FIELD_TYPES.items()
        if test in condition_tests(cls.model_construct(id="probe", label="probe"))
    ]


def field_type(definition: FieldBase) -> str:
    """Return the field type's name as written in a worksheet file ("multi_choice")."""
    return next(name for name, cls in FIELD_TYPES.items() if cls is type(definition))


def _loops(edges: dict[str, list[str]], places: dict[str, Place]) -> list[Problem]:
    """Return a problem at every `show_if` that leads back to itself: a field waits on its worksheet, and on
    every field its conditions name."""

    def after(key: str) -> list[str]:
        owner = [key.split(".")[0]] if "." in key else []
        return [*owner, *edges.get(key, [])]

    problems = []
    for start in edges:
        trail: dict[str, str] = {}  # a place -> the place that led to it, searching outwards from `start`
        todo = [start]
        while todo and start not in trail:
            current = todo.pop(0)
            for following in after(current):
                if following not in trail:
                    trail[following] = current
                    todo.append(following)
        if start not in trail:
            continue
        loop, current = [start], trail[start]
        while current != start:
            loop.append(current)
            current = trail[current]
        path, document, spot = places[start]
        shown = " → ".join([start, *reversed(loop[1:]), start])
        message = (
            f"show_if goes round in a loop ({shown}): a question cannot wait on itself, and a worksheet cannot "
            "wait on its own fields; make one of them depend on an answer outside the loop"
        )
        problems.append(_problem(path, document, spot, message))
    return problems


def _problem(path: str, document: Document, spot: tuple[str | int, ...], message: str) -> Problem:
    return Problem(path, document.line_of(spot), f"{'.'.join(str(part) for part in spot)}: {message}")
