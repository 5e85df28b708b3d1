"""User text shown safely: Markdown escaped where Streamlit parses it, answers described in plain words."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from campaign import Campaign
from campaign.fields import (
    ChoiceField,
    FieldBase,
    ListField,
    LongTextField,
    MultiChoiceField,
    NumberField,
    ReferenceField,
    TableField,
)
from campaign.i18n import Translator, translator
from campaign.worksheet import WorksheetPack

# Streamlit labels and st.markdown parse Markdown, HTML-like tags, :directives[], $math$ and emoji codes:
# backslash-escape every mark that means something so typed text shows exactly as typed.
_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~:$&=^])")


# Streamlit then turns web addresses, e-mail addresses and :material/...: names found in the *displayed* text
# into links and icons, whatever the escapes: an invisible word joiner (U+2060) breaks each pattern instead.
_LINKABLE = re.compile(r"(?i)(?<![\w])(https?|ftp|www|mailto|material)(?=[:./])|(?=@)")
WORD_JOINER = "\u2060"


def escape_markdown(text: str) -> str:
    """Return `text` with Markdown, HTML and directives neutralised, to be shown literally."""
    return _PUNCTUATION.sub(r"\\\1", unlinked(text)).replace("\n", "  \n")


def unlinked(text: str) -> str:
    """Return `text` with web and e-mail addresses broken by an invisible character, so none becomes a link."""
    return _LINKABLE.sub(lambda match: (match.group(1) or "") + WORD_JOINER, text)


def one_line(text: str, limit: int = 60) -> str:
    """Return `text` on one line, cut to `limit` characters with an ellipsis."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def display_title(campaign: Campaign, t: Translator) -> str:
    """Return the campaign's name as typed, or "Untitled campaign" in the reader's language."""
    name = campaign.answer("profile", "name")
    return name.strip() if isinstance(name, str) and name.strip() else t("Untitled campaign")


def describe(
    definition: FieldBase, value: Any, t: Translator | None = None, examples: WorksheetPack | None = None
) -> str:
    """Return an answer as plain text for people: choice labels, dates and numbers in `t`'s language (English
    without one), one list item a line; with `examples`, references name the rows of the pack's examples."""
    t = t or translator(None)
    if value in (None, "", []):
        return "—"
    if isinstance(definition, ReferenceField) and examples is not None:
        names = _example_row_names(definition, examples)
        return "; ".join(names.get(str(v), str(v)) for v in _as_list(value))  # row names may hold commas
    if isinstance(definition, MultiChoiceField):
        return ", ".join(definition.choice_label(v) for v in _as_list(value))
    if isinstance(definition, ChoiceField):
        return definition.choice_label(str(value))
    if isinstance(definition, NumberField):
        return (
            f"{t.number(value)}{' ' + definition.unit if definition.unit else ''}"
            if not isinstance(value, str)
            else value
        )
    if isinstance(definition, ListField):
        return "\n".join(f"• {item}" for item in _as_list(value))
    if isinstance(definition, TableField) and isinstance(value, list):
        blocks = []
        for number, row in enumerate(value, start=1):
            cells = [
                t("{label}: {value}", label=c.label, value=describe(c, row.get(c.id), t, examples))
                for c in definition.columns
                if row.get(c.id) not in (None, "", [])
            ]
            blocks.append(f"{definition.row_name} {number}\n" + "\n".join(cells))
        return "\n\n".join(blocks)
    if isinstance(value, dt.date):
        return t.date(value)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def _example_row_names(definition: ReferenceField, pack: WorksheetPack) -> dict[str, str]:
    """Return the names of the example rows a reference's examples point at: "Objective 1" or the row's label."""
    try:
        table = pack.source_table(definition)
    except (KeyError, AssertionError):
        return {}
    column = table.column(table.row_label_column)
    names = {}
    for number, row in enumerate(table.example if isinstance(table.example, list) else [], start=1):
        label = row.get(column.id) if isinstance(row, dict) else None
        short = isinstance(label, str) and label.strip() and not isinstance(column, LongTextField)
        names[str(row.get("id"))] = " ".join(label.split()) if short else f"{table.row_name} {number}"
    return names


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def saved_when(stamp: str, t: Translator) -> str:
    """Return an ISO time stamp as a date in the reader's language and a 24-hour time: "23 nov. 2026 09:14"."""
    try:
        moment = dt.datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    return f"{t.date(moment.date(), 'medium')} {moment:%H:%M}"
