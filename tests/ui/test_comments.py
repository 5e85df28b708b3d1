"""Facilitator comments in the app: written on the dashboard, read beside the field by the group, marked done."""

from __future__ import annotations

import pytest

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
    assert list(at.dataframe[0].value["Open comments"]) == [2]  # plain cells: the table is what is shown


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


def test_the_plan_downloads_leave_comments_out_unless_asked(app, workshops, repo) -> None:
    from tests.exports.readers import docx_text

    group, _ = _group_with_comments(workshops, repo)
    at = app(c=group.id, step="review")
    option = at.checkbox(key="download-comments")
    assert option.label == "Include facilitator comments (annex)" and option.value is False
    at.button(key="prepare-docx").click()
    rerun(at)
    (without,) = at.session_state["built-files"].values()
    assert "Say by when" not in docx_text(without) and "Annex: facilitator comments" not in docx_text(without)
    at.checkbox(key="download-comments").check()
    rerun(at)
    at.button(key="prepare-docx").click()
    rerun(at)
    ((key, data),) = at.session_state["built-files"].items()
    assert key[3] == "a4+comments"
    assert "Annex: facilitator comments" in docx_text(data) and "Say by when." in docx_text(data)


def test_a_personal_campaign_offers_no_comments_option(app, example: Campaign) -> None:
    at = app(c=example.id, step="review")
    assert not [box for box in at.checkbox if box.key == "download-comments"]


def test_a_comment_the_store_cannot_take_says_so_and_keeps_the_text(app, s3_endpoint, monkeypatch) -> None:
    from campaign.object_store import ObjectStore
    from campaign.worksheet import load_worksheets
    from tests.campaign.store_relay import StoreRelay
    from tests.s3_server import new_bucket, s3_environment, s3_options

    relay = StoreRelay(int(s3_endpoint.rsplit(":", 1)[1]))
    try:
        bucket = new_bucket(s3_endpoint)
        for name, value in {**s3_environment(relay.url), "CAMPAIGN_DATA_DIR": bucket}.items():
            monkeypatch.setenv(name, value)
        monkeypatch.delenv("ADVOCACY_MODE", raising=False)
        store = ObjectStore(bucket, **s3_options(s3_endpoint))
        workshops = WorkshopRepository(store, CampaignRepository(store, load_worksheets()))
        workshop, token = workshops.create("Forum")
        _, group = workshops.join(workshop.join_code, "Table 1")
        at = app(f=token)
        at.selectbox(key="dashboard-preview").set_value(0)
        rerun(at)
        at.text_area(key="comment-text").input("Which budget line?")
        relay.set("error")
        next(b for b in at.button if b.label == "Leave the comment").click()
        rerun(at)
        assert any(e.value.startswith("The comment was not saved: ") for e in at.error)
        relay.set("forward")
        rerun(at)
        assert at.selectbox(key="dashboard-preview").value == 0, "the group stays chosen"
        assert at.text_area(key="comment-text").value == "Which budget line?", "the text is kept to send again"
        assert workshops.campaigns.load(group.id).comments == []
        next(b for b in at.button if b.label == "Leave the comment").click()
        rerun(at)
        assert [c.text for c in workshops.campaigns.load(group.id).comments] == ["Which budget line?"]
    finally:
        relay.close()
