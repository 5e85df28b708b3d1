"""User text shown safely: Markdown escaped where Streamlit parses it, answers described in plain words."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from campaign.fields import ChoiceField, FieldBase, ListField, MultiChoiceField, NumberField, TableField

# Streamlit labels and st.markdown parse Markdown, HTML-like tags, :directives[], $math$ and emoji codes:
# backslash-escape every mark that means something so typed text shows exactly as typed.
_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~:$&=^])")


def escape_markdown(text: str) -> str:
    """Return `text` with Markdown, HTML and directives neutralised, to be shown literally."""
    return _PUNCTUATION.sub(r"\\\1", text).replace("\n", "  \n")


def one_line(text: str, limit: int = 60) -> str:
    """Return `text` on one line, cut to `limit` characters with an ellipsis."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def describe(definition: FieldBase, value: Any) -> str:
    """Return an answer as plain text for people: choice labels, ISO dates, one list item a line."""
    if value in (None, "", []):
        return "—"
    if isinstance(definition, MultiChoiceField):
        return ", ".join(definition.choice_label(v) for v in _as_list(value))
    if isinstance(definition, ChoiceField):
        return definition.choice_label(str(value))
    if isinstance(definition, NumberField):
        return f"{value:,}{' ' + definition.unit if definition.unit else ''}" if not isinstance(value, str) else value
    if isinstance(definition, ListField):
        return "\n".join(f"• {item}" for item in _as_list(value))
    if isinstance(definition, TableField) and isinstance(value, list):
        blocks = []
        for number, row in enumerate(value, start=1):
            cells = [
                f"{c.label}: {describe(c, row.get(c.id))}"
                for c in definition.columns
                if row.get(c.id) not in (None, "", [])
            ]
            blocks.append(f"{definition.row_name} {number}\n" + "\n".join(cells))
        return "\n\n".join(blocks)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]
