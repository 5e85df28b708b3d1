"""Facilitator comments in the app: written on the dashboard, read beside the field by the group, marked done."""

from __future__ import annotations

import pytest
from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df

from campaign import Campaign, CampaignRepository, Comment, campaign_to_yaml
from campaign.comments import add_comment
from campaign.workshops import WorkshopRepository
from tests.ui.conftest import box, rerun


@pytest.fixture
def workshops(repo: CampaignRepository) -> WorkshopRepository:
    return WorkshopRepository(repo.store, repo)


def _comment_on(at, step: str, question: str, text: str, author: str | None = None, row: str | None = None) -> None:
    at.selectbox(key="dashboard-preview").set_value(0)
    rerun(at)
    at.selectbox(key="comment-step").set_value(step)
    rerun(at)
    at.selectbox(key=f"comment-field-{step}").set_value(question)
    rerun(at)
    if row is not None:
        at.selectbox(key=f"comment-row-{step}-{question}").set_value(row)
        rerun(at)
    at.text_area(key="comment-text").input(text)
    if author is not None:
        at.text_input(key="comment-author").input(author)
    next(b for b in at.button if b.label == "Leave the comment").click()
    rerun(at)


def _words(at) -> str:
    return "\n".join(str(e.value) for kind in ("markdown", "success", "error", "caption") for e in at.get(kind))


def test_the_facilitator_comments_on_an_answer_and_the_dashboard_counts_it(app, workshops, repo) -> None:
    workshop, token = workshops.create("Forum")
    _, group = workshops.join(workshop.join_code, "Table 1")
    at = app(f=token)
    _comment_on(at, "objectives", "goal", "Say by when.", "Amina")
    assert "Comment saved" in _words(at)
    (stored,) = repo.load(group.id).comments
    assert (stored.place, stored.text, stored.author, stored.done) == ("objectives.goal", "Say by when.", "Amina", 0)
    assert "Comments left for this group: 1 open, 0 done" in _words(at) and "Say by when" in _words(at)
    assert at.text_area(key="comment-text").value == "", "the box is emptied for the next comment"
    _comment_on(at, "objectives", "objectives", "Add a row for the law.", row="")
    assert [c.author for c in repo.load(group.id).comments] == ["Amina", "Amina"], "the name is remembered"
    rerun(at)
    shown = convert_arrow_bytes_to_pandas_df(at.dataframe[0].proto.arrow_data.styler.display_values)
    assert list(shown["Open comments"]) == ["2"]


def test_a_too_long_or_empty_comment_is_refused_with_a_message(app, workshops, repo) -> None:
    workshop, token = workshops.create("Forum")
    _, group = workshops.join(workshop.join_code, "Table 1")
    at = app(f=token)
    _comment_on(at, "profile", "country", "   ")
    assert "Write the comment first." in [e.value for e in at.error]
    _comment_on(at, "profile", "country", "\u0958" * 600)  # 600 typed, 1,200 once in NFC: over the 1,000
    assert any("Comment: too long. At most 1000 characters" in e.value for e in at.error)
    assert repo.load(group.id).comments == []


def _group_with_comments(workshops: WorkshopRepository, repo: CampaignRepository) -> tuple[Campaign, list[Comment]]:
    workshop, _ = workshops.create("Forum")
    _, group = workshops.join(workshop.join_code, "Table 1")
    edited = group.copy()
    rows = [{"id": "obj-law", "statement": "Pass the social work bill"}]
    edited.set_answer("objectives", "objectives", rows)
    first = add_comment(edited, workshop.id, "objectives.goal", "Say by when.", "Amina")
    second = add_comment(edited, workshop.id, "objectives.objectives.obj-law", "Which ministry?", "Amina")
    return repo.save(edited, group).campaign, [first, second]


def test_the_group_sees_the_comment_beside_the_field_and_marks_it_done(app, workshops, repo) -> None:
    group, (first, second) = _group_with_comments(workshops, repo)
    at = app(c=group.id, step="objectives")
    words = _words(at)
    assert "**Comment from Amina, " in words and "Say by when\\." in words
    assert "(on Pass the social work bill)" in words and "Which ministry?" in words
    assert "Say by when" not in (box(at, "f:objectives.goal").value or ""), "never inside the answer widget"
    at.button(key=f"comment-done-{first.id}").click()
    rerun(at)
    stored = repo.load(group.id)
    assert [(c.id, c.done) for c in stored.comments] == [(first.id, True), (second.id, False)]
    assert "done: true" in campaign_to_yaml(stored)
    assert [e.label for e in at.expander if "comment" in e.label] == ["1 comment done"]
    assert not [b for b in at.button if b.key == f"comment-done-{first.id}"], "a done comment folds away"


def test_a_personal_campaign_never_shows_comments(app, repo) -> None:
    campaign = Campaign(id="")
    campaign.set_answer("objectives", "goal", "Fund the workforce")
    created = repo.create(campaign)
    edited = created.copy()
    edited.comments.append(Comment(id="C" * 22, place="objectives.goal", text="Hidden note", author="X"))
    repo.save(edited, created)
    at = app(c=created.id, step="objectives")
    assert "Hidden note" not in _words(at) and not [b for b in at.button if (b.key or "").startswith("comment-")]
