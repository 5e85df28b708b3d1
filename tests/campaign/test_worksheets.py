"""The live worksheet pack loads, covers the field types, and broken files are refused with a location."""

from pathlib import Path

import pytest

from campaign.answers import answer_type
from campaign.example import example_campaign
from campaign.fields import FIELD_TYPES, TableField
from campaign.worksheet import DEFAULT_PACK, WorksheetError, load_worksheets

PACK = load_worksheets()
FILES = sorted(p for p in DEFAULT_PACK.glob("*.yaml") if p.name != "pack.yaml")


def test_the_default_pack_follows_the_toolkit_steps() -> None:
    ids = [sheet.id for sheet in PACK.worksheets]
    assert ids[:7] == ["profile", "objectives", "audiences", "activities", "messages", "media", "monitoring"]


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_every_worksheet_file_loads_on_its_own(path: Path, tmp_path: Path) -> None:
    (tmp_path / "pack.yaml").write_bytes((DEFAULT_PACK / "pack.yaml").read_bytes())
    for earlier in FILES[: FILES.index(path) + 1]:  # references may point at earlier sheets
        (tmp_path / earlier.name).write_bytes(earlier.read_bytes())
    assert load_worksheets(tmp_path).worksheets[-1].title


@pytest.mark.parametrize("sheet", PACK.worksheets, ids=lambda s: s.id)
def test_every_worksheet_has_guidance_tips_and_an_example_for_every_field(sheet) -> None:
    assert sheet.purpose.strip() and len(sheet.guidance.split()) >= 40
    assert len(sheet.tips) >= 2
    for definition in sheet.fields:
        assert definition.example not in (None, "", []), f"{sheet.id}.{definition.id} has no example"
        assert definition.help, f"{sheet.id}.{definition.id} has no help line"
        if isinstance(definition, TableField):
            filled = {column for row in definition.example for column, value in row.items() if value}
            missing = {c.id for c in definition.columns} - filled
            assert not missing, f"{sheet.id}.{definition.id}: example rows leave {missing} empty"


def test_every_field_type_has_an_answer_checker_and_is_used_with_an_example() -> None:
    assert answer_type.missing() == []
    used = {f.type for s in PACK.worksheets for f in s.fields}
    used |= {c.type for s in PACK.worksheets for f in s.fields if isinstance(f, TableField) for c in f.columns}
    assert used == set(FIELD_TYPES), f"field types never used by the default pack: {set(FIELD_TYPES) - used}"


def test_the_examples_form_a_complete_valid_campaign() -> None:
    campaign = example_campaign(PACK)
    for sheet in PACK.worksheets:
        for definition in sheet.fields:
            assert campaign.answer(sheet.id, definition.id) is not None, f"{sheet.id}.{definition.id}"


BROKEN = {
    "example not a choice": ('example: "national"', 'example: "nationwide"', "fields.3.example: choose one of:"),
    "unknown type": ("type: choice", "type: choise", "'type' must be one of"),
    "typo in a key": ("purpose:", "purpsoe:", "purpsoe: this key is not known here"),
    "bad number": ("max_length: 120", "max_length: lots", "max_length: this should be a whole number"),
    "tab indentation": ("fields:\n", "fields:\n\t", "not valid YAML"),
}


@pytest.mark.parametrize("case", BROKEN.values(), ids=BROKEN.keys())
def test_a_broken_worksheet_is_refused_naming_file_line_and_path(case: tuple[str, str, str], tmp_path: Path) -> None:
    old, new, expected = case
    source = (DEFAULT_PACK / "00-profile.yaml").read_text(encoding="utf-8")
    assert old in source
    (tmp_path / "pack.yaml").write_bytes((DEFAULT_PACK / "pack.yaml").read_bytes())
    broken = tmp_path / "00-profile.yaml"
    broken.write_text(source.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(WorksheetError) as caught:
        load_worksheets(tmp_path)
    problem = next(p for p in caught.value.problems if expected in p.message)
    assert problem.file == str(broken) and problem.line > 0
    assert str(problem).startswith(f"{broken}:{problem.line}: ")


def test_a_reference_to_a_later_worksheet_is_refused(tmp_path: Path) -> None:
    (tmp_path / "pack.yaml").write_bytes((DEFAULT_PACK / "pack.yaml").read_bytes())
    (tmp_path / "00-first.yaml").write_text(
        "id: first\ntitle: First\nshort_title: First\npurpose: p\nguidance: g\nfields:\n"
        "  - id: pick\n    label: Pick\n    type: reference\n    source: second.rows\n",
        encoding="utf-8",
    )
    (tmp_path / "01-second.yaml").write_text(
        "id: second\ntitle: Second\nshort_title: Second\npurpose: p\nguidance: g\nfields:\n"
        "  - id: rows\n    label: Rows\n    type: table\n    columns:\n      - {id: name, label: Name, type: text}\n",
        encoding="utf-8",
    )
    with pytest.raises(WorksheetError) as caught:
        load_worksheets(tmp_path)
    assert "fields.0.source: 'second.rows' must name a table in this or an earlier worksheet" in str(caught.value)
    assert caught.value.problems[0].line == 10
