"""Conflict boxes: every kind of conflict the merge makes is shown with both sides, named for people."""

from __future__ import annotations

from campaign import Campaign, CampaignRepository, WorksheetPack
from campaign.references import drop_dangling_references


def test_a_row_removed_there_and_edited_here_is_shown_with_both_sides(
    app, example: Campaign, repo: CampaignRepository, pack: WorksheetPack
) -> None:
    rows = example.rows("audiences", "audiences")
    row = rows[0]
    theirs, mine = example.copy(), example.copy()
    theirs.set_answer("audiences", "audiences", rows[1:])
    drop_dangling_references(theirs, pack)  # as removing a row in the app does
    repo.save(theirs, example)  # someone else removes the row, from another browser
    mine.rows("audiences", "audiences")[0]["ask"] = "Fund 500 posts"
    stored = repo.save(mine, example).campaign  # ... while I edit it
    assert [c.path for c in stored.conflicts] == [f"audiences.audiences.{row['id']}"]
    at = app(c=example.id, step="audiences")
    heading = next(m.value for m in at.markdown if "Two people changed" in m.value)
    assert row["name"].split()[0] in heading
    texts = [text.value for text in at.text]
    assert "This row was removed" in texts
    assert any("Fund 500 posts" in text for text in texts)
