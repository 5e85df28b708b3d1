"""The example popover names the rows a reference points at, never their ids."""

from __future__ import annotations

from campaign.fields import TableField
from campaign.worksheet import load_worksheets
from ui.text import describe


def test_the_example_of_a_table_names_referenced_rows_not_ids() -> None:
    pack = load_worksheets()
    audiences = pack.worksheet("audiences").field("audiences")
    assert isinstance(audiences, TableField)
    text = describe(audiences, audiences.example, None, pack)
    assert "Objectives concerned: Objective 1\n" in text
    assert "obj-budget" not in text and "obj-" not in text
    activities = pack.worksheet("activities").field("activities")
    text = describe(activities, activities.example, None, pack)
    assert "Audiences reached: National Treasury budget team (Director of Budget and social sector analysts); " in text
    assert "treasury" not in text.split("Audiences reached: ")[1].split("\n")[0].lower().replace(
        "national treasury", ""
    )
