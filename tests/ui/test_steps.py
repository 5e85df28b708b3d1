"""One worksheet at a time: every step draws, answers are saved as typed, and the URL brings you back."""

from __future__ import annotations

import datetime as dt

import pytest

from campaign import Campaign, CampaignRepository, WorksheetPack, load_worksheets
from tests.ui.conftest import rerun

STEPS = [sheet.id for sheet in load_worksheets().worksheets] + ["review", "settings"]


@pytest.mark.parametrize("step", STEPS)
def test_every_step_renders_the_example_campaign(app, example: Campaign, step: str) -> None:
    at = app(c=example.id, step=step)
    assert not at.error


def test_a_worksheet_step_shows_its_title_and_the_saved_answers(app, example: Campaign) -> None:
    at = app(c=example.id, step="profile")
    assert at.title[0].value == "Campaign profile"
    assert at.text_input(key="f:profile.name").value == "Count Us, Fund Us"
    assert at.date_input(key="f:profile.start_date").value == dt.date(2027, 3, 1)
    assert at.multiselect(key="f:profile.themes").value == ["violence_against_children", "sdgs"]


def test_typing_an_answer_saves_it_to_disk(app, example: Campaign, repo: CampaignRepository) -> None:
    at = app(c=example.id, step="profile")
    at.text_input(key="f:profile.country").input("Nepal")
    rerun(at)
    assert repo.load(example.id).answer("profile", "country") == "Nepal"
    assert any("Saved ·" in text.value for text in at.markdown)


def test_each_widget_type_saves_its_typed_value(app, example: Campaign, repo: CampaignRepository) -> None:
    at = app(c=example.id, step="profile")
    at.selectbox(key="f:profile.level").select("local")
    rerun(at)
    at.multiselect(key="f:profile.themes").select("health")
    rerun(at)
    at.date_input(key="f:profile.end_date").set_value(dt.date(2028, 1, 31))
    rerun(at)
    at.text_area(key="f:profile.problem").input("One officer covers forty villages.")
    rerun(at)
    saved = repo.load(example.id)
    assert saved.answer("profile", "level") == "local"
    assert "health" in saved.answer("profile", "themes")
    assert saved.answer("profile", "end_date") == dt.date(2028, 1, 31)
    assert saved.answer("profile", "problem") == "One officer covers forty villages."


def test_a_cell_of_a_card_row_is_saved_in_its_row(app, example: Campaign, repo: CampaignRepository) -> None:
    at = app(c=example.id, step="objectives")
    at.text_input(key="f:objectives.objectives.obj-law.decision_maker").input("Attorney General")
    rerun(at)
    rows = repo.load(example.id).rows("objectives", "objectives")
    assert next(r for r in rows if r["id"] == "obj-law")["decision_maker"] == "Attorney General"


def test_a_new_card_row_gets_a_stable_id_once_typed_in(app, repo: CampaignRepository, new_campaign: Campaign) -> None:
    at = app(c=new_campaign.id, step="objectives")
    at.button(key="f:objectives.objectives.add").click()
    rerun(at)
    at.text_area(key="f:objectives.objectives.objective.statement").input("By June, fund 200 posts.")
    rerun(at)
    rows = repo.load(new_campaign.id).rows("objectives", "objectives")
    assert rows == [{"id": "objective", "statement": "By June, fund 200 posts."}]


def test_references_offer_the_rows_of_earlier_steps_by_name(app, example: Campaign) -> None:
    at = app(c=example.id, step="activities")
    picker = at.multiselect(key="f:activities.activities.act-brief.audiences")
    assert picker.value == ["treasury", "social-committee"]
    assert picker.format_func("treasury").startswith("National Treasury budget team")


def test_a_single_reference_offers_only_rows_that_match_its_where(app, example: Campaign) -> None:
    at = app(c=example.id, step="messages")
    picker = at.selectbox(key="f:messages.messages.msg-treasury.audience")
    assert "editors" not in picker.options  # a secondary audience: messages are for primary ones
    assert len(picker.options) == 3


def test_a_list_grows_from_its_add_input(app, example: Campaign, repo: CampaignRepository) -> None:
    at = app(c=example.id, step="profile")
    at.text_input(key="f:profile.key_figures.new").input("1 social worker per 115,800 people (2015)")
    rerun(at)
    figures = repo.load(example.id).answer("profile", "key_figures")
    assert figures[-1] == "1 social worker per 115,800 people (2015)"
    assert at.text_input(key="f:profile.key_figures.new").value == ""


def test_a_grid_edit_and_a_new_grid_row_are_saved(app, example: Campaign, repo: CampaignRepository) -> None:
    at = app(c=example.id, step="audiences")
    key = f"grid:audiences.partners:{at.session_state['workspace'].grid_generation}"
    at.session_state[key] = {
        "edited_rows": {0: {"role": "Hosts the launch"}},
        "added_rows": [{"name": "Nurses' Union", "type": "professional_body"}],
        "deleted_rows": [],
    }
    rerun(at)
    rows = repo.load(example.id).rows("audiences", "partners")
    assert rows[0]["role"] == "Hosts the launch"
    assert rows[-1] == {"id": "nurses-union", "name": "Nurses' Union", "type": "professional_body"}


def test_back_keeps_the_answers_of_the_step_you_left(app, example: Campaign) -> None:
    at = app(c=example.id, step="objectives")
    at.text_area(key="f:objectives.goal").input("Every ward has a social worker by 2030.")
    rerun(at)
    at.button(key="nav-next").click()
    rerun(at)
    assert at.query_params["step"] == "audiences"
    at.button(key="nav-back").click()
    rerun(at)
    assert at.query_params["step"] == "objectives"
    assert at.text_area(key="f:objectives.goal").value == "Every ward has a social worker by 2030."


def test_a_fresh_session_with_the_same_url_shows_the_same_step_and_answers(app, example: Campaign) -> None:
    first = app(c=example.id, step="profile")
    first.text_input(key="f:profile.owner").input("Grace, grace@example.org")
    rerun(first)
    first.radio(key="nav-step").set_value("messages")
    rerun(first)
    url = {name: first.query_params[name] for name in ("c", "step")}
    again = app(**url)
    assert again.title[0].value == "Key messages for each audience"
    again.radio(key="nav-step").set_value("profile")
    rerun(again)
    assert again.text_input(key="f:profile.owner").value == "Grace, grace@example.org"


def test_required_fields_are_marked_but_never_block(app, new_campaign: Campaign) -> None:
    at = app(c=new_campaign.id, step="profile")
    assert any("Still needed" in caption.value for caption in at.caption)
    at.button(key="nav-next").click()
    rerun(at)
    assert at.query_params["step"] == "objectives"


def test_user_text_is_shown_literally_in_card_titles(app, repo: CampaignRepository, new_campaign: Campaign) -> None:
    campaign = new_campaign.copy()
    campaign.set_answer("objectives", "objectives", [{"id": "x", "statement": "<script>alert(1)</script> [a](b)"}])
    repo.save(campaign, new_campaign)
    at = app(c=new_campaign.id, step="objectives")
    title = next(e.label for e in at.expander if e.label.startswith("Objective 1"))
    assert "\\<script\\>" in title and "\\[a\\]\\(b\\)" in title


def test_an_unknown_step_falls_back_to_the_first(app, example: Campaign, pack: WorksheetPack) -> None:
    at = app(c=example.id, step="nowhere")
    assert at.query_params["step"] == pack.worksheets[0].id


def test_the_guidance_is_open_on_a_first_visit_and_folded_after(app, example: Campaign) -> None:
    at = app(c=example.id, step="objectives")
    assert at.expander[0].label == "How to fill in this worksheet" and at.expander[0].proto.expanded
    at.button(key="nav-next").click()
    rerun(at)
    at.button(key="nav-back").click()
    rerun(at)
    assert not at.expander[0].proto.expanded


def _scrolls_to_top(at) -> bool:  # type: ignore[no-untyped-def]
    return any(element.proto.body.startswith("<script>") for element in at.get("html"))


def test_a_new_step_opens_at_its_top_but_an_edit_keeps_the_readers_place(app, example: Campaign) -> None:
    at = app(c=example.id, step="profile")
    assert not _scrolls_to_top(at), "a page opened from a link starts at the top anyway"
    at.text_input(key="f:profile.area").input("Kisumu County")
    rerun(at)
    assert not _scrolls_to_top(at), "typing an answer must not move the page"
    at.button(key="nav-next").click()
    rerun(at)
    assert at.query_params["step"] == "objectives" and _scrolls_to_top(at)
    rerun(at)
    assert not _scrolls_to_top(at)
