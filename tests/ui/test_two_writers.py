"""Two laptops adding rows to one table at the same moment: each keeps its own row, nothing is mixed."""

from __future__ import annotations

import pytest

from campaign import Campaign, CampaignRepository
from tests.ui.conftest import box, boxes, rerun

TABLES = [  # (step, table, a column typed into the new row): a card table and a grid
    ("audiences", "audiences", "name"),
    ("audiences", "partners", "name"),
    ("risks", "spokespeople", "name"),
]


def new_row_key(at, step: str, table: str, column: str, known: set[str]) -> str:
    """Return the key of `column`'s box in the row the last click added (the one not among `known` rows)."""
    prefix = f"f:{step}.{table}."
    keys = [b.key for b in boxes(at) if b.key.startswith(prefix) and b.key.endswith(f".{column}")]
    fresh = [key for key in keys if key[len(prefix) : -len(column) - 1] not in known]
    assert len(fresh) == 1, keys
    return fresh[0]


@pytest.mark.parametrize(("step", "table", "column"), TABLES)
def test_two_laptops_adding_a_row_at_once_keep_two_rows(
    app, new_campaign: Campaign, repo: CampaignRepository, step: str, table: str, column: str
) -> None:
    first, second = app(c=new_campaign.id, step=step), app(c=new_campaign.id, step=step)
    assert not first.exception and not second.exception
    known = {row["id"] for row in new_campaign.rows(step, table)}
    for at in (first, second):  # both press "Add" before either has typed (nothing is stored yet)
        at.button(key=f"f:{step}.{table}.add").click()
        rerun(at)
    first_key = new_row_key(first, step, table, column, known)
    second_key = new_row_key(second, step, table, column, known)
    box(first, first_key).input("Ministry of Finance")
    box(second, second_key).input("Parliament budget committee")
    rerun(first)
    rerun(second)
    assert not first.exception and not second.exception
    rows = [row for row in repo.load(new_campaign.id).rows(step, table) if row["id"] not in known]
    assert sorted(row.get(column) for row in rows) == ["Ministry of Finance", "Parliament budget committee"]
    assert len({row["id"] for row in rows}) == 2
    assert all(set(row) == {"id", column} for row in rows), rows  # no row holds the other laptop's answers
