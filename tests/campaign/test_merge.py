"""Three-way merge: different answers merge, the same answer conflicts and keeps both values."""

from campaign.merge import merge_campaigns
from campaign.model import Campaign


def _campaign(**answers: object) -> Campaign:
    campaign = Campaign(id="A" * 22, revision=1)
    for key, value in answers.items():
        sheet, field = key.split("__")
        campaign.set_answer(sheet, field, value)
    return campaign


def test_changes_to_different_fields_both_survive() -> None:
    base = _campaign(profile__name="Plan", profile__country="Kenya")
    mine, theirs = base.copy(), base.copy()
    mine.set_answer("profile", "name", "Better plan")
    theirs.set_answer("profile", "country", "Nepal")
    merged, conflicts = merge_campaigns(base, mine, theirs)
    assert conflicts == []
    assert merged.answer("profile", "name") == "Better plan"
    assert merged.answer("profile", "country") == "Nepal"


def test_the_same_field_changed_twice_is_a_conflict_keeping_both() -> None:
    base = _campaign(objectives__goal="Fund the workforce")
    mine, theirs = base.copy(), base.copy()
    mine.set_answer("objectives", "goal", "Mine")
    theirs.set_answer("objectives", "goal", "Theirs")
    theirs.revision = 2
    merged, conflicts = merge_campaigns(base, mine, theirs)
    assert merged.answer("objectives", "goal") == "Theirs"
    assert [(c.path, c.mine, c.theirs, c.revision) for c in conflicts] == [("objectives.goal", "Mine", "Theirs", 2)]
    assert merged.conflicts == conflicts  # stored with the campaign so a refresh cannot lose "Mine"


def test_the_same_change_on_both_sides_is_not_a_conflict() -> None:
    base = _campaign(profile__name="a")
    mine, theirs = base.copy(), base.copy()
    mine.set_answer("profile", "name", "b")
    theirs.set_answer("profile", "name", "b")
    assert merge_campaigns(base, mine, theirs)[1] == []


def test_rows_added_on_both_sides_are_all_kept_and_cells_merge() -> None:
    rows = [{"id": "treasury", "name": "Treasury", "stance": "neutral"}]
    base = _campaign(audiences__audiences=rows)
    mine, theirs = base.copy(), base.copy()
    mine.answers["audiences"]["audiences"].append({"id": "media", "name": "Media"})
    mine.answers["audiences"]["audiences"][0]["stance"] = "supportive"
    theirs.answers["audiences"]["audiences"].append({"id": "donors", "name": "Donors"})
    theirs.answers["audiences"]["audiences"][0]["influence"] = "high"
    merged, conflicts = merge_campaigns(base, mine, theirs)
    assert conflicts == []
    merged_rows = merged.rows("audiences", "audiences")
    assert [r["id"] for r in merged_rows] == ["treasury", "donors", "media"]
    assert merged_rows[0] == {"id": "treasury", "name": "Treasury", "stance": "supportive", "influence": "high"}


def test_a_row_deleted_on_one_side_goes_unless_the_other_side_edited_it() -> None:
    rows = [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}]
    base = _campaign(audiences__audiences=rows)
    mine, theirs = base.copy(), base.copy()
    mine.answers["audiences"]["audiences"] = [{"id": "b", "name": "B"}]  # I deleted a and b
    mine.answers["audiences"]["audiences"] = []
    mine.set_answer("audiences", "audiences", [])
    theirs.answers["audiences"]["audiences"][1]["name"] = "B, renamed"
    merged, _ = merge_campaigns(base, mine, theirs)
    assert [r["id"] for r in merged.rows("audiences", "audiences")] == ["b"]


def test_a_resolved_conflict_disappears_and_new_ones_are_kept() -> None:
    base = _campaign(profile__name="x")
    mine, theirs = base.copy(), base.copy()
    mine.set_answer("profile", "name", "m")
    theirs.set_answer("profile", "name", "t")
    first, _ = merge_campaigns(base, mine, theirs)
    resolved = first.copy()
    resolved.conflicts = []
    again, conflicts = merge_campaigns(first, resolved, first)
    assert again.conflicts == [] and conflicts == []
