"""bench/bare_app.py's data: the layout it draws (the pack's steps, a Streamlit widget per field) and its groups."""

from __future__ import annotations

import json
from pathlib import Path

from campaign.example import example_campaign


def bare_folder(data: Path, pack, links: dict[str, str], groups: int) -> None:  # type: ignore[no-untyped-def]
    """Write the bare app's layout (the pack's steps and a widget kind per field) and, for `--filled`, its
    groups with the worked example's answers (their links go into `links`, group name -> query)."""
    (data / "groups").mkdir(parents=True)
    steps = []
    for number, sheet in enumerate(pack.worksheets, start=1):
        fields = [_bare_field(definition) for definition in sheet.fields]
        steps.append({"id": sheet.id, "label": f"{number}. {sheet.short_title}", "fields": fields})
    (data / "layout.json").write_text(json.dumps({"steps": steps}), encoding="utf-8")
    example = example_campaign(pack)
    plain = {
        f"{sheet}.{field}": str(value) for sheet, answers in example.answers.items() for field, value in answers.items()
    }
    for number in range(groups):
        (data / "groups" / f"table{number + 1}.yaml").write_text(json.dumps(plain), encoding="utf-8")
        links[f"Table {number + 1}"] = f"c=table{number + 1}&step={pack.worksheets[0].id}"


BARE_WIDGETS = {  # field type -> the Streamlit widget the bare app draws for it
    "text": "text_input",
    "long_text": "text_area",
    "list": "text_area",
    "choice": "selectbox",
    "multi_choice": "multiselect",
    "reference": "multiselect",
    "number": "number_input",
    "date": "date_input",
    "table": "data_editor",
}


def _bare_field(definition) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """Return one field as the bare app draws it (a new field type must be named in BARE_WIDGETS)."""
    options = [getattr(choice, "label", str(choice)) for choice in getattr(definition, "choices", None) or []]
    options += [column.id for column in getattr(definition, "columns", None) or []]
    return {"id": definition.id, "label": definition.label, "kind": BARE_WIDGETS[definition.type], "options": options}
