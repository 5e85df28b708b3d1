"""Facilitator comments: stored in the campaign file, merge-safe, and only within their own workshop."""

import threading

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from campaign.campaign_file import campaign_to_yaml, parse_campaign
from campaign.comments import CommentRefused, add_comment, comments_on, leave_comment, mark_done, open_count
from campaign.merge import merge_campaigns
from campaign.model import COMMENT_LIMIT, Campaign, Comment
from campaign.repository import CampaignRepository
from campaign.storage import BlobStore, LocalFolderStore
from campaign.worksheet import load_worksheets
from campaign.workshops import WorkshopRepository

PACK = load_worksheets()
WORKSHOP = "W" * 22


def _group(**answers: str) -> Campaign:
    campaign = Campaign(id="A" * 22, revision=1, workshop=WORKSHOP)
    for key, value in answers.items():
        sheet, field = key.split("__")
        campaign.set_answer(sheet, field, value)
    return campaign


def test_a_comment_is_written_as_readable_yaml_and_reads_back() -> None:
    campaign = _group(objectives__goal="Fund the workforce")
    comment = add_comment(campaign, WORKSHOP, "objectives.goal", "  Say by when.\r\n", "Amina")
    mark_done(campaign, comment.id)
    text = campaign_to_yaml(campaign)
    assert "comments:\n- id: " in text and "  place: objectives.goal\n" in text and "  done: true\n" in text
    again, problems = parse_campaign(text, PACK)
    assert problems == [] and again is not None
    assert again.comments == campaign.comments
    assert again.comments[0].text == "Say by when." and again.comments[0].author == "Amina"
    assert again.comments[0].done_at is not None


def test_no_comments_leave_the_file_as_before() -> None:
    assert "comments" not in campaign_to_yaml(_group(objectives__goal="x"))


def test_a_broken_comment_in_a_file_is_a_located_problem() -> None:
    campaign = _group()
    add_comment(campaign, WORKSHOP, "objectives.goal", "Fine", "Amina")
    text = campaign_to_yaml(campaign).replace("done: false", "done: maybe")
    again, problems = parse_campaign(text, PACK)
    assert again is None and problems and "comments" in str(problems[0])


def test_an_empty_author_is_the_facilitator_and_limits_hold() -> None:
    campaign = _group()
    assert add_comment(campaign, WORKSHOP, "objectives.goal", "x", "   ").author == "Facilitator"
    with pytest.raises(CommentRefused, match="too long"):
        add_comment(campaign, WORKSHOP, "objectives.goal", "y" * (COMMENT_LIMIT + 1), "A")
    with pytest.raises(CommentRefused, match="Write the comment"):
        add_comment(campaign, WORKSHOP, "objectives.goal", " \n ", "A")
    with pytest.raises(CommentRefused, match="Choose the answer"):
        add_comment(campaign, WORKSHOP, "settings.paper", "z", "A")


def test_a_comment_is_refused_for_a_campaign_of_another_or_no_workshop() -> None:
    other = _group()
    other.workshop = "O" * 22
    personal = Campaign(id="B" * 22)
    for campaign in (other, personal):
        with pytest.raises(CommentRefused, match="not a group of this workshop"):
            add_comment(campaign, WORKSHOP, "objectives.goal", "x", "A")
        assert campaign.comments == []
    personal.comments.append(Comment(id="C" * 22, place="objectives.goal", text="t", author="a"))
    assert comments_on(personal, "objectives", "goal") == []  # a personal campaign never shows comments


def test_the_repository_refuses_a_campaign_not_of_this_workshop(tmp_path) -> None:
    store = LocalFolderStore(tmp_path / "data")
    workshops = WorkshopRepository(store, CampaignRepository(store, PACK))
    mine, _ = workshops.create("Forum")
    theirs, _ = workshops.create("Other forum")
    _, stranger = workshops.join(theirs.join_code, "Table 1")
    with pytest.raises(CommentRefused):
        leave_comment(workshops.campaigns, mine, stranger.id, "objectives.goal", "Hi", "Amina")
    assert workshops.campaigns.load(stranger.id).comments == []


def test_a_file_with_comments_never_brings_them_into_a_new_campaign(tmp_path) -> None:
    repository = CampaignRepository(LocalFolderStore(tmp_path / "data"), PACK)
    uploaded = _group()
    add_comment(uploaded, WORKSHOP, "objectives.goal", "From another workshop", "X")
    assert repository.create(uploaded, workshop="N" * 22).comments == []


def test_facilitator_comments_while_the_group_types_an_answer_both_kept(store: BlobStore) -> None:
    workshops = WorkshopRepository(store, CampaignRepository(store, PACK))
    workshop, _ = workshops.create("Forum")
    workshop, group = workshops.join(workshop.join_code, "Table 1")
    repository = workshops.campaigns
    base = repository.load(group.id)
    typed = base.copy()
    typed.set_answer("objectives", "goal", "Fund the workforce by 2028")
    start = threading.Barrier(2)

    def facilitator() -> None:
        start.wait()
        leave_comment(repository, workshop, group.id, "objectives.goal", "Which budget line?", "Amina")

    def group_types() -> None:
        start.wait()
        repository.save(typed, base)

    threads = [threading.Thread(target=facilitator), threading.Thread(target=group_types)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    stored = repository.load(group.id)
    assert stored.answer("objectives", "goal") == "Fund the workforce by 2028"
    assert [(c.place, c.text, c.author, c.done) for c in stored.comments] == [
        ("objectives.goal", "Which budget line?", "Amina", False)
    ]
    assert open_count(stored) == 1 and workshops.progress(workshop, PACK)[0].open_comments == 1
    # the group, still on its old base, marks it done while the facilitator adds another: both kept
    seen = repository.load(group.id)
    done = seen.copy()
    mark_done(done, seen.comments[0].id)
    leave_comment(repository, workshop, group.id, "objectives.objectives", "Add a deadline", "Amina")
    repository.save(done, seen)
    stored = repository.load(group.id)
    assert [(c.text, c.done) for c in stored.comments] == [("Which budget line?", True), ("Add a deadline", False)]
    assert workshops.progress(workshop, PACK)[0].open_comments == 1


def test_bringing_back_an_earlier_version_keeps_the_comments(tmp_path) -> None:
    repository = CampaignRepository(LocalFolderStore(tmp_path / "data"), PACK)
    first = repository.create(_group(objectives__goal="First goal"), workshop=WORKSHOP)
    later = first.copy()
    later.set_answer("objectives", "goal", "Second goal")
    add_comment(later, WORKSHOP, "objectives.goal", "Keep me", "Amina")
    repository.save(later, first)
    restored = repository.restore(first.id, first.revision)
    assert restored.answer("objectives", "goal") == "First goal"
    assert [c.text for c in restored.comments] == ["Keep me"]


def _comment(number: int) -> Comment:
    return Comment(id=f"{number:022d}", place="objectives.goal", text=f"comment {number}", author="A", at="t")


SIDE = st.fixed_dictionaries(
    {
        "added": st.sets(st.integers(10, 14), max_size=3),  # new comments on this side only (ids differ per side)
        "done": st.sets(st.integers(0, 4), max_size=5),
        "edited": st.sets(st.integers(0, 4), max_size=5),
        "removed": st.sets(st.integers(0, 4), max_size=5),
    }
)


def _side(base: Campaign, changes: dict, offset: int) -> Campaign:
    side = base.copy()
    side.comments = [c for c in side.comments if int(c.id) not in changes["removed"]]
    for comment in side.comments:
        if int(comment.id) in changes["done"]:
            comment.done, comment.done_at = True, "later"
        if int(comment.id) in changes["edited"]:
            comment.text += f" (edited {offset})"
    side.comments += [_comment(number + offset) for number in sorted(changes["added"])]
    return side


@settings(max_examples=200, deadline=None)
@given(done_before=st.sets(st.integers(0, 4)), mine_changes=SIDE, their_changes=SIDE)
def test_the_merge_keeps_every_comment_added_or_done_on_either_side(done_before, mine_changes, their_changes):
    """Both directions: every comment added or marked done on either side is in the result (done), every
    text edit is kept unless both sides edited it; nothing appears that neither side had."""
    base = _group()
    base.comments = [_comment(n) for n in range(5)]
    for comment in base.comments:
        comment.done = int(comment.id) in done_before
    mine, theirs = _side(base, mine_changes, 100), _side(base, their_changes, 200)
    for first, second in ((mine, theirs), (theirs, mine)):
        merged = {c.id: c for c in merge_campaigns(base, first, second)[0].comments}
        was = {c.id: c for c in base.comments}
        for side, other in ((first, second), (second, first)):
            others = {c.id: c for c in other.comments}
            for comment in side.comments:
                if comment.id not in was:
                    assert merged[comment.id] == comment  # added there: kept as it is
                elif comment.done and not was[comment.id].done:
                    assert merged[comment.id].done  # marked done there: done
                if comment.id in was and comment.text != was[comment.id].text:
                    other_text = others[comment.id].text if comment.id in others else was[comment.id].text
                    assert merged[comment.id].text in {comment.text, other_text}
                    if other_text == was[comment.id].text:
                        assert merged[comment.id].text == comment.text  # an edit beside a done: both kept
        assert set(merged) <= {c.id for c in (*first.comments, *second.comments)}  # nothing from nowhere
        for comment_id, comment in merged.items():
            sides = [c for c in (*first.comments, *second.comments) if c.id == comment_id]
            assert comment.text in {c.text for c in sides} and comment.done == any(c.done for c in sides)
