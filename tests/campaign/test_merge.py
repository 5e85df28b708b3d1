"""Three-way merge: different answers merge, the same answer conflicts and keeps both values."""

import copy

import pytest

from campaign.campaign_file import campaign_to_yaml, parse_campaign
from campaign.merge import apply_conflict_side, merge_campaigns
from campaign.model import Campaign, Conflict
from campaign.worksheet import load_worksheets

PACK = load_worksheets()


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


# Merge is symmetric: an edit on either side ends up in the result or in a conflict the person sees.

ROWS = [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}, {"id": "c", "name": "C"}]


def _rows(campaign: Campaign) -> list[dict]:
    return campaign.rows("audiences", "audiences")


def _ids(campaign: Campaign) -> list[str]:
    return [row["id"] for row in _rows(campaign)]


def _sides(rows: list[dict] = ROWS) -> tuple[Campaign, Campaign, Campaign]:
    base = _campaign(audiences__audiences=copy.deepcopy(rows))
    theirs = base.copy()
    theirs.revision = 2
    return base, base.copy(), theirs


def test_a_row_they_deleted_that_i_edited_is_kept_and_their_deletion_is_a_conflict() -> None:
    base, mine, theirs = _sides()
    _rows(mine)[0]["name"] = "A, renamed"
    theirs.set_answer("audiences", "audiences", _rows(theirs)[1:])
    merged, conflicts = merge_campaigns(base, mine, theirs)
    assert _rows(merged)[0] == {"id": "a", "name": "A, renamed"} and _ids(merged) == ["a", "b", "c"]
    assert [(c.path, c.mine, c.theirs, c.revision) for c in conflicts] == [
        ("audiences.audiences.a", {"id": "a", "name": "A, renamed"}, None, 2)
    ]
    assert merged.conflicts == conflicts


def test_a_row_i_deleted_that_they_edited_is_kept_and_my_deletion_is_a_conflict() -> None:
    base, mine, theirs = _sides()
    mine.set_answer("audiences", "audiences", _rows(mine)[:1] + _rows(mine)[2:])
    _rows(theirs)[1]["name"] = "B, renamed"
    merged, conflicts = merge_campaigns(base, mine, theirs)
    assert _rows(merged)[1] == {"id": "b", "name": "B, renamed"} and _ids(merged) == ["a", "b", "c"]
    assert [(c.path, c.mine, c.theirs) for c in conflicts] == [
        ("audiences.audiences.b", None, {"id": "b", "name": "B, renamed"})
    ]


def test_a_row_deleted_on_both_sides_or_edited_alike_on_both_is_no_conflict() -> None:
    base, mine, theirs = _sides()
    for side in (mine, theirs):
        side.set_answer("audiences", "audiences", [{"id": "a", "name": "A, renamed"}, {"id": "c", "name": "C"}])
    merged, conflicts = merge_campaigns(base, mine, theirs)
    assert conflicts == [] and _rows(merged) == _rows(mine)


def test_rows_i_reordered_keep_my_order_and_rows_they_added_follow() -> None:
    base, mine, theirs = _sides()
    mine.set_answer("audiences", "audiences", [_rows(mine)[2], *_rows(mine)[:2]])
    _rows(theirs)[1]["stance"] = "supportive"
    _rows(theirs).append({"id": "d", "name": "D"})
    merged, conflicts = merge_campaigns(base, mine, theirs)
    assert conflicts == [] and _ids(merged) == ["c", "a", "b", "d"]
    assert _rows(merged)[2] == {"id": "b", "name": "B", "stance": "supportive"}


def test_rows_they_reordered_keep_their_order_and_rows_i_added_follow() -> None:
    base, mine, theirs = _sides()
    theirs.set_answer("audiences", "audiences", list(reversed(_rows(theirs))))
    _rows(mine).insert(0, {"id": "d", "name": "D"})
    merged, conflicts = merge_campaigns(base, mine, theirs)
    assert conflicts == [] and _ids(merged) == ["c", "b", "a", "d"]


def test_a_row_back_from_a_deletion_keeps_its_place() -> None:
    base, mine, theirs = _sides()
    theirs.set_answer("audiences", "audiences", [_rows(theirs)[0], _rows(theirs)[2]])
    _rows(mine)[1]["name"] = "B, renamed"
    merged, _ = merge_campaigns(base, mine, theirs)
    assert _ids(merged) == ["a", "b", "c"]


def test_the_language_changed_differently_on_both_sides_is_a_conflict() -> None:
    base = _campaign(profile__name="Plan")
    mine, theirs = base.copy(), base.copy()
    mine.language, theirs.language = "fr", "es"
    merged, conflicts = merge_campaigns(base, mine, theirs)
    assert merged.language == "es"
    assert [(c.path, c.mine, c.theirs) for c in conflicts] == [("language", "fr", "es")]


def test_the_language_changed_on_one_side_is_kept() -> None:
    base = _campaign(profile__name="Plan")
    mine, theirs = base.copy(), base.copy()
    mine.language = "pt"
    assert merge_campaigns(base, mine, theirs)[0].language == "pt"
    assert merge_campaigns(base, theirs, mine)[0].language == "pt"


def test_settings_changed_differently_on_both_sides_are_conflicts() -> None:
    base = _campaign(profile__name="Plan")
    mine, theirs = base.copy(), base.copy()
    mine.settings.paper, mine.settings.logo = "letter", "logo.png"
    theirs.settings.logo = "logo.jpg"
    merged, conflicts = merge_campaigns(base, mine, theirs)
    assert (merged.settings.paper, merged.settings.logo) == ("letter", "logo.jpg")
    assert [(c.path, c.mine, c.theirs) for c in conflicts] == [("settings.logo", "logo.png", "logo.jpg")]


def _conflicted() -> tuple[Campaign, Campaign, Campaign]:
    """Return (mine, theirs, merged) where every kind of conflict path occurs once."""
    base, mine, theirs = _sides([{"id": "a", "name": "A", "stance": "neutral"}, {"id": "b", "name": "B"}])
    base.set_answer("profile", "name", "Plan")
    mine, theirs = base.copy(), base.copy()
    theirs.revision = 2
    mine.set_answer("profile", "name", "My plan")
    theirs.set_answer("profile", "name", "Their plan")
    _rows(mine)[0]["stance"], _rows(theirs)[0]["stance"] = "supportive", "opposed"
    _rows(mine)[1]["name"] = "B, renamed"
    theirs.set_answer("audiences", "audiences", _rows(theirs)[:1])
    theirs.settings.logo, mine.settings.logo = "logo.jpg", "logo.png"
    mine.language, theirs.language = "fr", "pt"
    return mine, theirs, merge_campaigns(base, mine, theirs)[0]


PATHS = {
    "answer": ("profile.name", lambda c: c.answer("profile", "name")),
    "cell": ("audiences.audiences.a.stance", lambda c: _rows(c)[0]["stance"]),
    "row": ("audiences.audiences.b", lambda c: next((r for r in _rows(c) if r["id"] == "b"), None)),
    "setting": ("settings.logo", lambda c: c.settings.logo),
    "language": ("language", lambda c: c.language),
}


@pytest.mark.parametrize("keep_mine", [True, False], ids=["keep mine", "keep theirs"])
@pytest.mark.parametrize("path", PATHS.values(), ids=PATHS.keys())
def test_apply_conflict_side_puts_the_chosen_value_at_every_kind_of_path(path: tuple, keep_mine: bool) -> None:
    where, value_of = path
    mine, theirs, merged = _conflicted()
    assert {c.path for c in merged.conflicts} == {p for p, _ in PATHS.values()}
    conflict = next(c for c in merged.conflicts if c.path == where)
    apply_conflict_side(merged, conflict, keep_mine)
    assert value_of(merged) == value_of(mine if keep_mine else theirs)
    assert conflict not in merged.conflicts and len(merged.conflicts) == len(PATHS) - 1


def test_a_conflict_keeps_a_cleared_answer_and_a_deleted_row_through_the_file() -> None:
    _, _, merged = _conflicted()
    merged.conflicts.append(Conflict(path="profile.country", mine=None, theirs="Nepal", revision=2))
    again, problems = parse_campaign(campaign_to_yaml(merged), PACK)
    assert problems == []
    kept = {c.path: (c.mine, c.theirs) for c in again.conflicts}
    assert kept["profile.country"] == (None, "Nepal")  # not the text "null"
    assert kept["audiences.audiences.b"] == ({"id": "b", "name": "B, renamed"}, None)
    apply_conflict_side(again, next(c for c in again.conflicts if c.path == "profile.country"), True)
    assert again.answer("profile", "country") is None


def test_a_worksheet_only_they_changed_is_kept_as_they_stored_it_key_order_included() -> None:
    """Their file's worksheet is written again byte for byte (the save reuses its part of the file): the merge
    does not rebuild its rows, which would put each row's id first."""
    base = _campaign(profile__name="Plan", audiences__audiences=[{"name": "Treasury", "id": "treasury"}])
    mine, theirs = base.copy(), base.copy()
    mine.set_answer("profile", "name", "Better plan")
    theirs.set_answer("audiences", "audiences", [{"name": "Treasury budget office", "id": "treasury"}])
    merged, conflicts = merge_campaigns(base, mine, theirs)
    assert conflicts == []
    assert merged.answer("profile", "name") == "Better plan"
    rows = merged.rows("audiences", "audiences")
    assert rows == theirs.rows("audiences", "audiences") and [list(row) for row in rows] == [["name", "id"]]
