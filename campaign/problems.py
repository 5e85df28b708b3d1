"""Located problems (`file:line: what is wrong`) and their translation from pydantic errors."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from campaign.i18n import N_, Translator, translator
from campaign.strict_yaml import Document


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file, at a line (0 when the whole file is meant)."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}" if self.line else f"{self.file}: {self.message}"


_PLAIN: dict[str, str] = {
    "missing": N_("this is required but missing"),
    "extra_forbidden": N_("this key is not known here; check its spelling or remove it"),
    "unexpected_keyword_argument": N_("this key is not known here; check its spelling or remove it"),  # dataclasses
    "string_type": N_("this should be text"),
    "list_type": N_("this should be a list (lines starting with '- ')"),
    "dict_type": N_("this should be a mapping of 'key: value' lines"),
    "model_type": N_("this should be a mapping of 'key: value' lines"),
    "bool_parsing": N_("this should be true or false"),
    "bool_type": N_("this should be true or false"),
    "int_parsing": N_("this should be a whole number"),
    "int_type": N_("this should be a whole number"),
    "float_parsing": N_("this should be a number"),
    "literal_error": N_("choose one of: {expected}"),
    "date_parsing": N_("write the date as YYYY-MM-DD, for example 2027-03-21"),
    "date_from_datetime_parsing": N_("write the date as YYYY-MM-DD, for example 2027-03-21"),
    "date_from_datetime_inexact": N_("write the date as YYYY-MM-DD, for example 2027-03-21"),
    "date_type": N_("write the date as YYYY-MM-DD, for example 2027-03-21"),
    "string_too_long": N_("this text is too long: shorten it to at most {max_length} characters"),
    "too_long": N_("this has too many entries: keep at most {max_length}"),
    "string_pattern_mismatch": N_("this value has characters or a form that is not allowed here"),
    "greater_than_equal": N_("this should be at least {ge}"),
    "less_than_equal": N_("this should be at most {le}"),
    "finite_number": N_("this should be an ordinary number"),
    "union_tag_invalid": N_("'type' must be one of: {expected_tags}"),
    "union_tag_not_found": N_("this needs a 'type' (one of the field types in docs/worksheets.md)"),
}


def dotted(path: tuple[Any, ...]) -> str:
    """Return `path` as `a.b.0.c`, the way messages name a place in a file."""
    return ".".join(str(part) for part in path) or "(top)"


def problems_from_validation(
    error: ValidationError, document: Document, file: str, t: Translator | None = None
) -> list[Problem]:
    """Return one located, plain-worded problem per pydantic error, in `t`'s language (English without one)."""
    t = t or translator(None)
    problems: list[Problem] = []
    errors = error.errors(include_url=False)
    for item in errors[:MAX_PROBLEMS]:
        path = _data_path(item["loc"], document.data)
        if item["type"] == "union_tag_invalid":
            path = (*path, "type")
        template = _PLAIN.get(item["type"])
        context = dict(item.get("ctx") or {})
        if "expected" in context:
            context["expected"] = _alternatives(str(context["expected"]), t)
        message = t(template, **context) if template else str(item["msg"]).removeprefix("Value error, ")
        problems.append(Problem(file, document.line_of(path), f"{dotted(path)}: {message}"))
    if len(errors) > MAX_PROBLEMS:
        more = t("…and {count} more problems like these", count=t.number(len(errors) - MAX_PROBLEMS))
        problems.append(Problem(file, 0, more))
    return problems


MAX_PROBLEMS = 100  # past this, a person needs the first ones fixed, not a longer list

_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"")


def _alternatives(expected: str, t: Translator) -> str:
    """Return pydantic's "'a', 'b' or 'c'" with its "or" in `t`'s language (as given when it reads otherwise)."""
    choices = _QUOTED.findall(expected)
    if len(choices) < 2 or f"{', '.join(choices[:-1])} or {choices[-1]}" != expected:
        return expected
    # Translators: the last of several quoted choices: "'a4', 'b5' or 'letter'"
    return t("{choices} or {last}", choices=", ".join(choices[:-1]), last=choices[-1])


def _data_path(loc: tuple[Any, ...], data: Any) -> tuple[Any, ...]:
    """Return the path in the data for a pydantic location, dropping union tags and validator names."""
    path: list[Any] = []
    node = data
    for part in loc:
        if isinstance(node, dict) and part not in node and (node.get("type") == part or "[" in str(part)):
            continue  # a discriminated-union tag such as 'table', not a key of the data
        path.append(part)
        if isinstance(node, dict):
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        else:
            node = None
    return tuple(path)
