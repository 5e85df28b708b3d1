"""No `isinstance` switch on a field class outside the field models and their dispatch: a type is one extension point.

A concern that depends on the field type is a `per_field_type` dispatch (`campaign/dispatch.py`), so a new type
that lacks a handler fails `tests/campaign/test_field_types.py` instead of falling through to a default.
Properties such as `definition.is_table` are fine: they belong to the model.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from campaign.fields import FIELD_TYPES, FieldBase

ROOT = Path(__file__).resolve().parents[2]
FOLDERS = ("campaign", "exports", "ui")
HOME = {"campaign/fields.py", "campaign/dispatch.py"}
FIELD_CLASSES = {cls.__name__ for cls in FIELD_TYPES.values()} | {FieldBase.__name__}
TYPE_NAMES = set(FIELD_TYPES)


def _names(node: ast.expr) -> list[str]:
    """Return the class names in the second argument of `isinstance` (a name, `module.Name` or a tuple)."""
    if isinstance(node, ast.Tuple):
        return [name for element in node.elts for name in _names(element)]
    if isinstance(node, ast.Name):
        return [node.id]
    if isinstance(node, ast.Attribute):
        return [node.attr]
    return []


def switches(source: str) -> list[str]:
    """Return "line: code" for each `isinstance(x, <field class>)` and each `x.type == "<field type>"` in `source`."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "isinstance":
            if len(node.args) == 2 and FIELD_CLASSES & set(_names(node.args[1])):
                found.append(f"{node.lineno}: {ast.unparse(node)}")
        elif isinstance(node, ast.Compare) and isinstance(node.left, ast.Attribute) and node.left.attr == "type":
            literals = [c for right in node.comparators for c in ast.walk(right) if isinstance(c, ast.Constant)]
            if any(literal.value in TYPE_NAMES for literal in literals):
                found.append(f"{node.lineno}: {ast.unparse(node)}")
    return found


def _sources() -> dict[str, str]:
    files = (path for folder in FOLDERS for path in sorted((ROOT / folder).rglob("*.py")))
    return {path.relative_to(ROOT).as_posix(): path.read_text(encoding="utf-8") for path in files}


SOURCES = _sources()


@pytest.mark.parametrize("path", sorted(set(SOURCES) - HOME))
def test_no_switch_on_the_field_class(path: str) -> None:
    found = switches(SOURCES[path])
    assert not found, (
        f"{path} switches on the field type; declare a concern with `per_field_type` (campaign/dispatch.py) "
        "and register one handler per type instead (docs/field-types.md):\n" + "\n".join(found)
    )


@pytest.mark.parametrize(
    "source",
    [
        "if isinstance(definition, TableField): pass",
        "ok = isinstance(column, (DateField, NumberField))",
        "ok = isinstance(column, fields.ListField)",
        "ok = column.type == 'long_text'",
        "ok = column.type in ('text', 'long_text')",
    ],
)
def test_the_scan_finds_a_switch(source: str) -> None:
    assert switches(source)


@pytest.mark.parametrize(
    "source",
    ["ok = definition.is_table", "ok = isinstance(value, (int, float))", "ok = field.get('type') == 'text'"],
)
def test_the_scan_leaves_other_code_alone(source: str) -> None:
    assert not switches(source)
