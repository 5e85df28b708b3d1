"""The model's reading API: one title, one row name, one answer text, one idea of "changed", one new row id."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from campaign import Campaign, WorksheetError, load_worksheets
from campaign.checks import row_label
from campaign.fields import ROW_ID_PATTERN, TableField
from campaign.merge import merge_campaigns
from campaign.model import new_row_id
from campaign.reading import row_name, title
from campaign.strict_yaml import read_yaml
from campaign.worksheet import DEFAULT_PACK, Worksheet, WorksheetPack

SELF_LABEL = """id: circle
title: Circle
short_title: Circle
purpose: A table whose rows are named after rows of the same table.
guidance: None.
fields:
  - id: people
    label: People
    type: table
    row_name: Person
    columns:
      - id: friend
        label: Friend
        type: reference
        source: circle.people
      - id: note
        label: Note
        type: text
"""


def _pack_with(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "pack"
    shutil.copytree(DEFAULT_PACK, folder, ignore=shutil.ignore_patterns("locales"))
    (folder / "99-circle.yaml").write_text(text, encoding="utf-8")
    return folder


def test_a_table_named_by_a_reference_to_itself_is_refused_with_its_file_and_line(tmp_path: Path) -> None:
    folder = _pack_with(tmp_path, SELF_LABEL)
    with pytest.raises(WorksheetError) as raised:
        load_worksheets(folder)
    (problem,) = raised.value.problems
    assert problem.file.endswith("99-circle.yaml") and problem.line == 15, str(problem)
    assert "circle.people" in problem.message and "label" in problem.message


def test_the_row_name_never_recurses_without_bound_even_for_a_table_named_after_itself() -> None:
    circle = Worksheet.model_validate(read_yaml(SELF_LABEL.encode()).data)  # built by hand: the loader refuses it
    pack = WorksheetPack(info=load_worksheets().info, worksheets=(circle,))
    people = circle.field("people")
    assert isinstance(people, TableField)
    campaign = Campaign(id="x" * 22)
    rows = [{"id": "a", "friend": ["b"], "note": "Ann"}, {"id": "b", "friend": ["a"], "note": "Bo"}]
    campaign.set_answer("circle", "people", rows)
    assert row_label(campaign, pack, people, rows[0], 1) == "Person 2"
    assert row_name(campaign, pack, people, rows[1], 2) == "Person 1"


def test_an_unnamed_french_campaign_is_untitled_in_french() -> None:
    campaign = Campaign(id="x" * 22, language="fr")
    assert title(campaign, load_worksheets()) == "Campagne sans titre"


def test_a_blank_cell_is_no_change_and_merges_without_a_conflict() -> None:
    base = Campaign(id="x" * 22)
    base.set_answer("objectives", "objectives", [{"id": "o1", "statement": "Fund us"}])
    mine, theirs = base.copy(), base.copy()
    mine.rows("objectives", "objectives")[0]["deadline"] = "  "  # typed spaces: still no answer
    theirs.rows("objectives", "objectives")[0]["deadline"] = dt.date(2027, 3, 1)
    merged, conflicts = merge_campaigns(base, mine, theirs)
    assert conflicts == []
    assert merged.rows("objectives", "objectives")[0]["deadline"] == dt.date(2027, 3, 1)


def test_new_row_ids_are_drawn_for_screens_and_counted_for_rows_written_by_hand() -> None:
    drawn = new_row_id("Partner", {"partner"})
    assert re.fullmatch(r"partner-[0-9a-f]{6}", drawn)
    assert new_row_id("Partner", {"partner", "partner-2"}, drawn=False) == "partner-3"
    assert new_row_id("", set(), drawn=False, fallback="row-4") == "row-4"
    assert re.fullmatch(ROW_ID_PATTERN, new_row_id("x" * 80, set()))
