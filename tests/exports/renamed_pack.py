"""A copy of the default pack with every worksheet, field, column and choice id renamed, references following."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

from campaign.worksheet import DEFAULT_PACK


def renamed(identifier: str) -> str:
    """Return the new name of a worksheet, field, column or choice id ("goal" -> "our_goal")."""
    return f"our_{identifier}"


def renamed_pack(folder: Path) -> Path:
    """Write the default pack into `folder` with every id renamed (the translations left out) and return it."""
    shutil.copytree(DEFAULT_PACK, folder, ignore=shutil.ignore_patterns("locales"))
    for path in sorted(folder.glob("*.yaml")):
        if path.name == "pack.yaml":
            continue
        sheet = yaml.safe_load(path.read_text(encoding="utf-8"))
        sheet["id"] = renamed(sheet["id"])
        sheet["fields"] = [_field(field) for field in sheet["fields"]]
        if "show_if" in sheet:
            sheet["show_if"] = _show_if(sheet["show_if"])
        path.write_text(yaml.safe_dump(sheet, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return folder


def _field(field: dict[str, Any]) -> dict[str, Any]:
    field = dict(field, id=renamed(field["id"]))
    for choice in field.get("choices", []):
        choice["id"] = renamed(choice["id"])
    if "source" in field:
        field["source"] = ".".join(renamed(part) for part in field["source"].split("."))
        field["where"] = {renamed(column): renamed(value) for column, value in field.get("where", {}).items()}
    if "show_if" in field:
        field["show_if"] = _show_if(field["show_if"])
    if "label_column" in field:
        field["label_column"] = renamed(field["label_column"])
    if field["type"] == "table":
        columns = {column["id"]: column for column in field["columns"]}
        field["columns"] = [_field(column) for column in field["columns"]]
        rows = field.get("example") or []
        field["example"] = [_row(columns, row) for row in rows]
    elif "example" in field:
        field["example"] = _value(field, field["example"])
    return field


def _show_if(show_if: Any) -> Any:
    """Return a `show_if` naming the renamed field and choice ids (numbers stay)."""
    if isinstance(show_if, list):
        return [_show_if(condition) for condition in show_if]
    named = {"field": ".".join(renamed(part) for part in show_if["field"].split("."))}
    for test in ("equals", "contains"):
        if test in show_if:
            named[test] = renamed(show_if[test])
    if "in" in show_if:
        named["in"] = [renamed(value) for value in show_if["in"]]
    return {**show_if, **named}


def _row(columns: dict[str, dict[str, Any]], row: dict[str, Any]) -> dict[str, Any]:
    """Return an example row keyed by the renamed column ids (its own row id stays)."""
    return {key if key == "id" else renamed(key): _value(columns.get(key, {}), value) for key, value in row.items()}


def _value(field: dict[str, Any], value: Any) -> Any:
    """Return an example answer with the choice ids it names renamed (row ids stay: they are data)."""
    if field.get("type") == "choice":
        return renamed(value)
    if field.get("type") == "multi_choice":
        return [renamed(item) for item in value]
    return value
