"""The dashboard's table in plain cells: each share already in words and marks, a hidden step left empty."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from campaign.model import Campaign
from campaign.repository import CampaignRepository
from campaign.storage import LocalFolderStore
from campaign.worksheet import load_worksheets
from campaign.workshop import Group
from campaign.workshops import WorkshopRepository
from tests.campaign.test_conditions import _pack
from ui.workshop_progress import progress_csv, progress_table

ASKED_WHEN_APPLES = "show_if: {field: first.kind, equals: a}\n"


def test_a_step_the_group_is_not_asked_is_an_empty_cell_not_a_dash(tmp_path: Path) -> None:
    (tmp_path / "pack").mkdir()
    _pack(tmp_path / "pack", sheet_condition=ASKED_WHEN_APPLES)
    pack = load_worksheets(tmp_path / "pack")
    store = LocalFolderStore(tmp_path / "data")
    workshops = WorkshopRepository(store, CampaignRepository(store, pack))
    workshop, _ = workshops.create("Forum")
    answers = {"Apples": "a", "Bananas": "b"}
    made = {}
    for name, kind in answers.items():
        fresh = Campaign(id="")
        fresh.set_answer("first", "kind", kind)
        made[name] = workshops.campaigns.create(fresh, workshop=workshop.id)
    workshop.groups = [Group(made[name].id, name) for name in answers]
    rows = workshops.progress(workshop, pack)
    table = progress_table(rows, pack, dt.datetime.now(dt.UTC))
    assert list(table.columns) == ["Group", "1. First", "2. Second", "Overall", "Last activity"]
    assert table.loc[0, "2. Second"] == "—", "asked, nothing typed yet: not started"
    assert table.loc[1, "2. Second"] == "", "not asked of a group that grows bananas"
    assert table.loc[1, "1. First"] == table.loc[0, "1. First"] == "✓ 20%"  # one of five, nothing required
    assert all(isinstance(cell, str) for cell in table.to_numpy().ravel()), "plain text cells"
    csv = progress_csv(rows, pack, dt.datetime.now(dt.UTC)).decode("utf-8-sig").splitlines()
    assert csv[1].split(",")[:3] == ["Apples", "✓ 20%", "—"] and csv[2].split(",")[:3] == ["Bananas", "✓ 20%", ""]
