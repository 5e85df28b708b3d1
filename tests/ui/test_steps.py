"""One worksheet at a time: every step draws, answers are saved as typed, and the URL brings you back."""

from __future__ import annotations

import datetime as dt

import pytest

from campaign import Campaign, CampaignRepository, WorksheetPack, load_worksheets
from tests.ui.conftest import box, boxes, rerun

STEPS = [sheet.id for sheet in load_worksheets().worksheets] + ["review", "settings"]


@pytest.mark.parametrize("step", STEPS)
def test_every_step_renders_the_example_campaign(app, example: Campaign, step: str) -> None:
    at = app(c=example.id, step=step)
    assert not at.error


def test_a_worksheet_step_shows_its_title_and_the_saved_answers(app, example: Campaign) -> None:
    at = app(c=example.id, step="profile")
    assert at.title[0].value == "Campaign profile"
    assert box(at, "f:profile.name").value == "Count Us, Fund Us"
    assert box(at, "f:profile.start_date").value == "2027-03-01"
    assert at.multiselect(key="f:profile.themes").value == ["violence_against_children", "sdgs"]


def test_typing_an_answer_saves_it_to_disk(app, example: Campaign, repo: CampaignRepository) -> None:
    at = app(c=example.id, step="profile")
    box(at, "f:profile.country").input("Nepal")
    rerun(at)
    assert repo.load(example.id).answer("profile", "country") == "Nepal"
    assert any("Saved ·" in text.value for text in at.markdown)


def test_each_widget_type_saves_its_typed_value(app, example: Campaign, repo: CampaignRepository) -> None:
    at = app(c=example.id, step="profile")
    at.selectbox(key="f:profile.level").select("local")
    rerun(at)
    at.multiselect(key="f:profile.themes").select("health")
    rerun(at)
    box(at, "f:profile.end_date").input("2028-01-31")
    rerun(at)
    box(at, "f:profile.problem").input("One officer covers forty villages.")
    rerun(at)
    saved = repo.load(example.id)
    assert saved.answer("profile", "level") == "local"
    assert "health" in saved.answer("profile", "themes")
    assert saved.answer("profile", "end_date") == dt.date(2028, 1, 31)
    assert saved.answer("profile", "problem") == "One officer covers forty villages."


def test_a_cell_of_a_card_row_is_saved_in_its_row(app, example: Campaign, repo: CampaignRepository) -> None:
    at = app(c=example.id, step="objectives")
    box(at, "f:objectives.objectives.obj-law.decision_maker").input("Attorney General")
    rerun(at)
    rows = repo.load(example.id).rows("objectives", "objectives")
    assert next(r for r in rows if r["id"] == "obj-law")["decision_maker"] == "Attorney General"


def test_a_new_card_row_gets_a_stable_id_once_typed_in(app, repo: CampaignRepository, new_campaign: Campaign) -> None:
    at = app(c=new_campaign.id, step="objectives")
    at.button(key="f:objectives.objectives.add").click()
    rerun(at)
    (key,) = [b.key for b in boxes(at) if b.key.startswith("f:objectives.objectives.objective-")][:1]
    box(at, key).input("By June, fund 200 posts.")
    rerun(at)
    rows = repo.load(new_campaign.id).rows("objectives", "objectives")
    row_id = key.split(".")[2]
    assert rows == [{"id": row_id, "statement": "By June, fund 200 posts."}]
    at.button(key="f:objectives.objectives.add").click()  # the id stays: a second row gets another one
    rerun(at)
    assert rows[0]["id"] == repo.load(new_campaign.id).rows("objectives", "objectives")[0]["id"] == row_id


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


def test_a_list_grows_from_its_empty_last_box(app, example: Campaign, repo: CampaignRepository) -> None:
    at = app(c=example.id, step="profile")
    figures = example.answer("profile", "key_figures")
    last = f"f:profile.key_figures.{len(figures)}"
    assert box(at, last).value == ""
    box(at, last).input("1 social worker per 115,800 people (2015)")
    rerun(at)
    assert repo.load(example.id).answer("profile", "key_figures") == [
        *figures,
        "1 social worker per 115,800 people (2015)",
    ]
    assert box(at, last).value == "1 social worker per 115,800 people (2015)", "the box typed in is now that item"
    assert box(at, f"f:profile.key_figures.{len(figures) + 1}").value == "", "and a new empty box follows it"
    rerun(at)
    rerun(at)
    assert len(repo.load(example.id).answer("profile", "key_figures")) == len(figures) + 1, "never added twice"


def test_a_list_item_edited_removed_and_brought_back(app, example: Campaign, repo: CampaignRepository) -> None:
    at = app(c=example.id, step="profile")
    figures = example.answer("profile", "key_figures")
    box(at, "f:profile.key_figures.0").input("Edited first figure")
    rerun(at)
    assert repo.load(example.id).answer("profile", "key_figures") == ["Edited first figure", *figures[1:]]
    at.button(key="f:profile.key_figures.0.remove").click()
    rerun(at)
    assert repo.load(example.id).answer("profile", "key_figures") == figures[1:]
    at.button(key="f:profile.key_figures.undo").click()
    rerun(at)
    assert repo.load(example.id).answer("profile", "key_figures") == ["Edited first figure", *figures[1:]]


def test_a_grid_cell_edit_and_a_new_grid_row_are_saved(app, example: Campaign, repo: CampaignRepository) -> None:
    at = app(c=example.id, step="audiences")
    first = example.rows("audiences", "partners")[0]["id"]
    box(at, f"f:audiences.partners.{first}.role").input("Hosts the launch")
    rerun(at)
    at.button(key="f:audiences.partners.add").click()
    rerun(at)
    known = {row["id"] for row in example.rows("audiences", "partners")}
    (key,) = [
        b.key
        for b in boxes(at)
        if b.key.startswith("f:audiences.partners.") and b.key.endswith(".name") and b.key.split(".")[2] not in known
    ]
    box(at, key).input("Nurses' Union")
    rerun(at)
    rows = repo.load(example.id).rows("audiences", "partners")
    assert rows[0]["role"] == "Hosts the launch"
    assert rows[-1] == {"id": key.split(".")[2], "name": "Nurses' Union"}


def test_a_grid_row_removed_by_mistake_comes_back_with_undo(app, example: Campaign, repo: CampaignRepository) -> None:
    at = app(c=example.id, step="audiences")
    rows = example.rows("audiences", "partners")
    at.button(key=f"f:audiences.partners.{rows[0]['id']}.remove").click()
    rerun(at)
    assert repo.load(example.id).rows("audiences", "partners") == rows[1:]
    at.button(key="f:audiences.partners.undo").click()
    rerun(at)
    assert repo.load(example.id).rows("audiences", "partners") == rows


def test_an_empty_table_says_how_to_add_its_first_row(app, new_campaign: Campaign) -> None:
    at = app(c=new_campaign.id, step="audiences")
    captions = " ".join(caption.value for caption in at.caption)
    assert "No partner yet. Press “Add partner” below to add the first one." in captions
    assert at.button(key="f:audiences.partners.add").label == "Add partner"


def test_a_choice_is_cleared_only_on_purpose_and_can_be_undone(
    app, example: Campaign, repo: CampaignRepository
) -> None:
    at = app(c=example.id, step="profile")
    assert at.selectbox(key="f:profile.level").proto.required, "no key press clears it in the browser"
    at.button(key="f:profile.level.clear").click()
    rerun(at)
    assert repo.load(example.id).answer("profile", "level") is None
    at.button(key="f:profile.level.undo").click()
    rerun(at)
    assert repo.load(example.id).answer("profile", "level") == example.answer("profile", "level")
    assert at.selectbox(key="f:profile.level").value == example.answer("profile", "level")


@pytest.mark.parametrize(
    ("typed", "stored", "problem"),
    [
        ("2500000", 2500000, None),
        ("2,500,000", 2500000, None),
        ("٢٥٠٠٠٠٠", 2500000, None),
        ("12a", 1450000, "is not a number"),
        ("-5", 1450000, "at least 0"),
    ],
)
def test_a_typed_number_is_stored_or_refused_with_a_reason(
    app, example: Campaign, repo: CampaignRepository, typed: str, stored: int, problem: str | None
) -> None:
    at = app(c=example.id, step="risks")
    box(at, "f:risks.budget_total").input(typed)
    rerun(at)
    assert repo.load(example.id).answer("risks", "budget_total") == stored
    captions = " ".join(caption.value for caption in at.caption)
    assert (problem in captions) if problem else "is not a number" not in captions


def test_back_keeps_the_answers_of_the_step_you_left(app, example: Campaign) -> None:
    at = app(c=example.id, step="objectives")
    box(at, "f:objectives.goal").input("Every ward has a social worker by 2030.")
    rerun(at)
    at.button(key="nav-next").click()
    rerun(at)
    assert at.query_params["step"] == "audiences"
    at.button(key="nav-back").click()
    rerun(at)
    assert at.query_params["step"] == "objectives"
    assert box(at, "f:objectives.goal").value == "Every ward has a social worker by 2030."


def test_a_fresh_session_with_the_same_url_shows_the_same_step_and_answers(app, example: Campaign) -> None:
    first = app(c=example.id, step="profile")
    box(first, "f:profile.owner").input("Grace, grace@example.org")
    rerun(first)
    first.radio(key="nav-step").set_value("messages")
    rerun(first)
    url = {name: first.query_params[name] for name in ("c", "step")}
    again = app(**url)
    assert again.title[0].value == "Key messages for each audience"
    again.radio(key="nav-step").set_value("profile")
    rerun(again)
    assert box(again, "f:profile.owner").value == "Grace, grace@example.org"


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
    return any("scrollTo(" in element.proto.body for element in at.get("html"))


def test_a_new_step_opens_at_its_top_but_an_edit_keeps_the_readers_place(app, example: Campaign) -> None:
    at = app(c=example.id, step="profile")
    assert not _scrolls_to_top(at), "a page opened from a link starts at the top anyway"
    box(at, "f:profile.area").input("Kisumu County")
    rerun(at)
    assert not _scrolls_to_top(at), "typing an answer must not move the page"
    at.button(key="nav-next").click()
    rerun(at)
    assert at.query_params["step"] == "objectives" and _scrolls_to_top(at)
    rerun(at)
    assert not _scrolls_to_top(at)


def test_hidden_guidance_stays_folded_across_next_back_and_a_reload(app, example: Campaign) -> None:
    at = app(c=example.id, step="objectives")
    assert at.expander[0].proto.expanded
    at.button(key="guidance-hide").click()
    rerun(at)
    assert not at.expander[0].proto.expanded and at.query_params["tips"] == "objectives"
    at.button(key="nav-next").click()
    rerun(at)
    assert at.expander[0].proto.expanded, "another step's guidance is untouched"
    at.button(key="nav-back").click()
    rerun(at)
    assert not at.expander[0].proto.expanded
    reloaded = app(**{name: at.query_params[name] for name in ("c", "step", "tips")})  # a fresh session
    assert not reloaded.expander[0].proto.expanded
    reloaded.button(key="guidance-open").click()
    rerun(reloaded)
    assert "tips" not in reloaded.query_params
    assert app(c=example.id, step="objectives").expander[0].proto.expanded
