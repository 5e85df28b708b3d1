"""Worksheet translations: overlay files in `locales/<lang>/` that replace the words, never the ids."""

from __future__ import annotations

from typing import Any

from pydantic import Field, ValidationError

from campaign.fields import Strict
from campaign.problems import Problem, problems_from_validation
from campaign.strict_yaml import Document

TEXT_KEYS = ("label", "help", "placeholder", "item_label", "row_name", "unit")


class ChoiceText(Strict):
    label: str
    help: str | None = None


class ColumnText(Strict):
    label: str | None = None
    help: str | None = None
    placeholder: str | None = None
    unit: str | None = None
    choices: dict[str, str | ChoiceText] = Field(default_factory=dict)


class FieldText(ColumnText):
    item_label: str | None = None
    row_name: str | None = None
    example: Any = None
    columns: dict[str, ColumnText] = Field(default_factory=dict)


class FactText(Strict):
    text: str
    source: str = ""


class WorksheetText(Strict):
    title: str | None = None
    short_title: str | None = None
    purpose: str | None = None
    guidance: str | None = None
    tips: list[str] | None = None
    facts: list[FactText] | None = None
    fields: dict[str, FieldText] = Field(default_factory=dict)


class PackText(Strict):
    title: str | None = None
    description: str | None = None


def translate_worksheet(raw: dict[str, Any], overlay: Document, file: str) -> tuple[dict[str, Any], list[Problem]]:
    """Return the raw worksheet data with the overlay's words in place, and any problem in the overlay."""
    try:
        text = WorksheetText.model_validate(overlay.data)
    except ValidationError as error:
        return raw, problems_from_validation(error, overlay, file)
    problems: list[Problem] = []

    def unknown(path: tuple[Any, ...], what: str, name: str) -> None:
        place = ".".join(str(p) for p in path)
        problems.append(Problem(file, overlay.line_of(path), f"{place}: the English worksheet has no {what} '{name}'"))

    for key in ("title", "short_title", "purpose", "guidance", "tips"):
        if getattr(text, key) is not None:
            raw[key] = getattr(text, key)
    if text.facts is not None:
        raw["facts"] = [fact.model_dump() for fact in text.facts]
    fields = {f.get("id"): f for f in raw.get("fields", []) if isinstance(f, dict)}
    for field_id, field_text in text.fields.items():
        if field_id not in fields:
            unknown(("fields", field_id), "field", field_id)
            continue
        target = fields[field_id]
        _apply_words(target, field_text, ("fields", field_id), unknown)
        if field_text.example is not None:
            _apply_example(target, field_text.example, ("fields", field_id, "example"), unknown)
        columns = {c.get("id"): c for c in target.get("columns", []) if isinstance(c, dict)}
        for column_id, column_text in field_text.columns.items():
            if column_id not in columns:
                unknown(("fields", field_id, "columns", column_id), "column", column_id)
            else:
                _apply_words(columns[column_id], column_text, ("fields", field_id, "columns", column_id), unknown)
    return raw, problems


def _apply_words(target: dict[str, Any], words: ColumnText, path: tuple[Any, ...], unknown: Any) -> None:
    for key in TEXT_KEYS:
        value = getattr(words, key, None)
        if value is not None:
            target[key] = value
    choices = {c.get("id"): c for c in target.get("choices", []) if isinstance(c, dict)}
    for choice_id, choice_text in words.choices.items():
        if choice_id not in choices:
            unknown((*path, "choices", choice_id), "choice", choice_id)
        elif isinstance(choice_text, str):
            choices[choice_id]["label"] = choice_text
        else:
            choices[choice_id]["label"] = choice_text.label
            if choice_text.help is not None:
                choices[choice_id]["help"] = choice_text.help


def _apply_example(target: dict[str, Any], example: Any, path: tuple[Any, ...], unknown: Any) -> None:
    # Only words are translated: a table's example is a mapping row id -> {text column: words}
    if target.get("type") != "table":
        target["example"] = example
        return
    rows = {r.get("id"): r for r in target.get("example") or [] if isinstance(r, dict)}
    if not isinstance(example, dict):
        return
    for row_id, cells in example.items():
        if row_id not in rows or not isinstance(cells, dict):
            unknown((*path, row_id), "example row", row_id)
            continue
        rows[row_id].update(cells)


def translate_pack_info(raw: dict[str, Any], overlay: Document, file: str, language: str) -> list[Problem]:
    """Put the overlay's pack title and description into `raw` (in place); return problems."""
    try:
        text = PackText.model_validate(overlay.data)
    except ValidationError as error:
        return problems_from_validation(error, overlay, file)
    raw.update({k: v for k, v in text.model_dump().items() if v is not None})
    raw["language"] = language
    return []


def missing_translations(english: dict[str, Any], overlay: Any, kind: str = "worksheet") -> list[str]:
    """Return the paths of every word in a raw English worksheet (or pack.yaml) that the overlay lacks.

    Both are plain data as read from the files. Identical words are fine ("Budget" is French too);
    only a missing key is a gap, so a translator sees exactly what is left to do.
    """
    overlay = overlay if isinstance(overlay, dict) else {}
    if kind == "pack":
        return [key for key in ("title", "description") if english.get(key) and not overlay.get(key)]
    gaps = [key for key in ("title", "short_title", "purpose", "guidance") if not overlay.get(key)]
    for key in ("tips", "facts"):
        if len(overlay.get(key) or []) != len(english.get(key) or []):
            gaps.append(f"{key} (needs {len(english.get(key) or [])} entries)")
    field_words = _mapping(overlay.get("fields"))
    for field in english.get("fields", []):
        words = _mapping(field_words.get(field["id"]))
        gaps += [f"fields.{field['id']}.{gap}" for gap in _field_gaps(field, words)]
    return gaps


def _field_gaps(field: dict[str, Any], words: dict[str, Any]) -> list[str]:
    gaps = [key for key in TEXT_KEYS if field.get(key) and not words.get(key)]
    choices = _mapping(words.get("choices"))
    gaps += [f"choices.{c['id']}" for c in field.get("choices", []) if not choices.get(c["id"])]
    example = words.get("example")
    if field.get("type") in ("text", "long_text") and field.get("example") and not example:
        gaps.append("example")
    elif field.get("type") == "list" and len(example or []) != len(field.get("example") or []):
        gaps.append(f"example (needs {len(field.get('example') or [])} items)")
    elif field.get("type") == "table":
        columns = _mapping(words.get("columns"))
        for column in field.get("columns", []):
            column_words = _mapping(columns.get(column["id"]))
            gaps += [f"columns.{column['id']}.{gap}" for gap in _field_gaps({**column, "example": None}, column_words)]
        text_columns = [c["id"] for c in field.get("columns", []) if c.get("type") in ("text", "long_text")]
        rows = example if isinstance(example, dict) else {}
        for row in field.get("example") or []:
            cells = _mapping(rows.get(row.get("id")))
            gaps += [f"example.{row.get('id')}.{c}" for c in text_columns if row.get(c) and not cells.get(c)]
    return gaps


def _mapping(value: Any) -> dict[str, Any]:
    """Return `value` when it is a mapping, else an empty one (a hand-written overlay may hold anything)."""
    return value if isinstance(value, dict) else {}
