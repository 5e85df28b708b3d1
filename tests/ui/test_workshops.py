"""Workshops in the app: run one, join it by code, the dashboard, the banner, the plenary, and groups kept apart."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from campaign import Campaign, CampaignRepository, campaign_to_yaml
from campaign.workshop import show_code
from campaign.workshops import WorkshopRepository
from tests.campaign.test_completeness import cli_share
from tests.ui.conftest import rerun
from ui.facilitator import NOT_A_DASHBOARD


@pytest.fixture
def workshops(repo: CampaignRepository) -> WorkshopRepository:
    return WorkshopRepository(repo.store, repo)


def _click(at, label: str) -> None:
    next(button for button in at.button if button.label == label).click()
    rerun(at)


def _texts(at) -> str:
    """Return every piece of text on the page (Markdown, captions, code, alerts, titles, widget labels)."""
    parts = [
        e.value
        for kind in ("markdown", "caption", "code", "title", "info", "warning", "error", "success")
        for e in getattr(at, kind)
    ]
    parts += [w.label for w in at.button] + [str(w.options) for w in at.selectbox]
    return "\n".join(str(p) for p in parts)


def _answer(repo: CampaignRepository, campaign_id: str, worksheet: str, field: str, value) -> Campaign:
    stored = repo.load(campaign_id)
    edited = stored.copy()
    edited.set_answer(worksheet, field, value)
    return repo.save(edited, stored).campaign


def test_running_a_workshop_opens_its_dashboard_with_the_link_and_the_code(app, workshops) -> None:
    at = app()
    at.text_input(key="workshop-name").input("Lusaka advocacy forum")
    at.text_input(key="workshop-place").input("Lusaka")
    _click(at, "Create the workshop")
    token = at.query_params["f"]
    workshop = workshops.by_token(token)
    assert workshop.name == "Lusaka advocacy forum" and workshop.place == "Lusaka"
    assert at.title[0].value == "Lusaka advocacy forum"
    page = _texts(at)
    assert "only way back to this dashboard" in page and show_code(workshop.join_code) in page
    _click(at, "Show my secret link")  # the link itself only once asked for (issue 17)
    assert f"?f={token}" in _texts(at)
    assert any(image for image in at.get("image")), "the QR code is drawn"
    assert "c" not in at.query_params


def _tab_texts(tab) -> str:
    """Return every text in one tab: values of Markdown, code, captions and alerts, and widget labels."""
    parts = []
    for element in tab:
        parts += [getattr(element, name, "") for name in ("value", "label", "body")]
    return "\n".join(str(p) for p in parts if p)


def test_the_secret_link_is_never_on_the_projected_join_code_tab(app, workshops) -> None:
    at = app()
    at.text_input(key="workshop-name").input("Forum")
    _click(at, "Create the workshop")
    token = at.query_params["f"]
    join_tab = next(tab for tab in at.tabs if tab.label == "Join code")
    assert show_code(workshops.by_token(token).join_code) in _tab_texts(join_tab)
    assert token not in _tab_texts(join_tab)
    assert token not in _texts(at), "not shown anywhere before the facilitator asks for it"
    _click(at, "Show my secret link")
    groups_tab = next(tab for tab in at.tabs if tab.label == "Groups")
    assert f"?f={token}" in _tab_texts(groups_tab)
    assert token not in _tab_texts(next(tab for tab in at.tabs if tab.label == "Join code"))
    _click(at, "Hide my secret link")
    assert token not in _texts(at)


def test_a_workshop_needs_a_name(app) -> None:
    at = app()
    _click(at, "Create the workshop")
    assert "Give the workshop a name" in at.error[0].value
    assert "f" not in at.query_params


def test_a_group_joins_with_the_code_and_gets_its_own_campaign_and_link(app, workshops, repo) -> None:
    workshop, _ = workshops.create("Forum", language="fr")
    at = app()
    at.text_input(key="join-code").input(" " + show_code(workshop.join_code).lower())
    at.text_input(key="join-name").input("Table 3")
    _click(at, "Join the workshop")
    campaign = repo.load(at.query_params["c"])
    assert campaign.workshop == workshop.id and campaign.language == "fr"
    assert [g.name for g in workshops.load(workshop.id).groups] == ["Table 3"]
    assert at.query_params["step"] == "profile"
    assert f"?c={campaign.id}" in _texts(at), "the group sees its private link to come back"


def test_the_qr_code_link_opens_the_join_form_with_the_code_filled_in(app, workshops, repo) -> None:
    workshop, _ = workshops.create("Kisumu forum")
    at = app(join=workshop.join_code)
    assert at.title[0].value == "Join a workshop" and "Kisumu forum" in _texts(at)
    assert at.text_input(key="join-code").value == workshop.join_code
    at.text_input(key="join-name").input("Lakeside team")
    _click(at, "Join the workshop")
    assert repo.load(at.query_params["c"]).workshop == workshop.id
    assert "join" not in at.query_params


@pytest.mark.parametrize(
    ("code", "name", "message"),
    [("ZZZ-ZZZ", "Table 1", "does not match any workshop"), ("{code}", "", "Type your group's name")],
)
def test_a_wrong_code_or_missing_name_gets_a_clear_message(app, workshops, code, name, message) -> None:
    workshop, _ = workshops.create("Forum")
    at = app()
    at.text_input(key="join-code").input(code.format(code=workshop.join_code))
    at.text_input(key="join-name").input(name)
    _click(at, "Join the workshop")
    assert message in at.error[0].value
    assert "c" not in at.query_params and workshops.load(workshop.id).groups == []


def test_closing_joining_on_the_dashboard_refuses_new_groups(app, workshops) -> None:
    workshop, token = workshops.create("Forum")
    board = app(f=token)
    board.toggle(key="dashboard-joining").set_value(False)
    rerun(board)
    assert workshops.load(workshop.id).joining_open is False
    at = app()
    at.text_input(key="join-code").input(workshop.join_code)
    at.text_input(key="join-name").input("Late table")
    _click(at, "Join the workshop")
    assert "closed to new groups" in at.error[0].value


def test_the_dashboard_shows_each_groups_progress(app, workshops, repo) -> None:
    workshop, token = workshops.create("Forum")
    _, first = workshops.join(workshop.join_code, "Table 1")
    workshops.join(workshop.join_code, "Table 2")
    _answer(repo, first.id, "profile", "country", "Nepal")
    at = app(f=token)
    table = at.dataframe[0].value
    assert list(table["Group"]) == ["Table 1", "Table 2"]
    # a group's campaign starts named after the group ("Table 2 — Forum"): only that is answered
    first, second = (int(_figure(table.loc[n, "1. Profile"]).rstrip("% ")) for n in (0, 1))
    assert first > second > 0 and (table.iloc[1, 2:-3] == "—").all()  # not the overall, comments, activity
    assert list(table["Last activity"]) == ["just now", "just now"]
    assert "2 groups" in at.caption[0].value


HALF_TYPED = {  # a name, and one message set without its audience or call to action
    ("profile", "name"): "Count us",
    ("messages", "messages"): [{"id": "m1", "core_message": "Every ward needs a social worker."}],
}


def _shown_table(at) -> pd.DataFrame:
    """Return the dashboard's table as the facilitator reads it: plain cells, the words and marks themselves."""
    return at.dataframe[0].value


def _sidebar(at) -> tuple[str, dict[str, str]]:
    """Return the sidebar's overall progress text and each step's caption."""
    overall = next(e.proto.text for e in at.sidebar.get("progress"))
    radio = at.radio(key="nav-step")
    return overall, dict(zip(radio.options, radio.proto.captions, strict=True))


def _figure(text: str) -> str:
    found = re.search(r"\d+\s?%", text)
    assert found, text
    return found.group(0)


def test_every_screen_shows_the_same_progress_for_the_same_campaign(app, workshops, repo, tmp_path) -> None:
    workshop, token = workshops.create("Forum")
    _, group = workshops.join(workshop.join_code, "Table 1")
    alone = repo.create(Campaign(id=""))  # the same answers outside the workshop, for the start page
    for (sheet, field), value in HALF_TYPED.items():
        _answer(repo, group.id, sheet, field, value)
        alone = _answer(repo, alone.id, sheet, field, value)
    overall, _ = _sidebar(app(c=group.id, step="profile"))
    sidebar = _figure(overall)
    assert _figure(_sidebar(app(c=alone.id, step="profile"))[0]) == sidebar
    dashboard = _shown_table(app(f=token)).loc[0, "Overall"]
    start = next(m.value for m in app().markdown if "Count us" in m.value)
    assert {"dashboard": dashboard, "start page": _figure(start)} == {"dashboard": sidebar, "start page": sidebar}
    review = [c.value for c in app(c=alone.id, step="review").caption if "answered" in c.value]
    path = tmp_path / "alone.yaml"
    path.write_text(campaign_to_yaml(repo.load(alone.id)), encoding="utf-8")
    assert [_figure(text) for text in review] == [sidebar] and cli_share(path) == sidebar


def test_a_step_with_a_required_cell_empty_is_never_shown_done(app, workshops, repo) -> None:
    workshop, token = workshops.create("Forum")
    _, group = workshops.join(workshop.join_code, "Table 1")
    for (sheet, field), value in HALF_TYPED.items():
        _answer(repo, group.id, sheet, field, value)
    _, captions = _sidebar(app(c=group.id, step="profile"))
    assert "Complete" not in captions["5. Key messages"] and "100" not in captions["5. Key messages"]
    assert captions["2. Objectives"] == "Not started"
    cell = _shown_table(app(f=token)).loc[0, "5. Key messages"]
    assert "done" not in cell and "✓" not in cell and "100" not in cell


def test_a_step_with_everything_it_requires_is_shown_done(app, workshops, repo, example: Campaign) -> None:
    workshop, token = workshops.create("Forum")
    _, group = workshops.join(workshop.join_code, "Table 1")
    audiences = example.answer("audiences", "audiences")
    unlinked = [{k: v for k, v in row.items() if k != "objectives"} for row in audiences]  # no objectives here
    _answer(repo, group.id, "audiences", "audiences", unlinked)
    _answer(repo, group.id, "messages", "messages", example.answer("messages", "messages"))
    _, captions = _sidebar(app(c=group.id, step="profile"))
    assert captions["5. Key messages"] == "Complete"
    assert _shown_table(app(f=token)).loc[0, "5. Key messages"] == "✓ done"


def test_the_facilitator_opens_a_groups_plan_read_only(app, workshops, repo) -> None:
    workshop, token = workshops.create("Forum")
    _, group = workshops.join(workshop.join_code, "Table 1")
    _answer(repo, group.id, "profile", "name", "Count us")
    at = app(f=token)
    at.selectbox(key="dashboard-preview").set_value(0)
    rerun(at)
    assert any("Count us" in m.value for m in at.markdown)
    assert not [w for w in at.text_input if w.key and w.key.startswith("f:")], "no answer widget for a group"
    assert repo.load(group.id).revision == 2, "opening the plan saved nothing"


def test_the_current_step_shows_every_group_a_banner_to_go_there(app, workshops) -> None:
    workshop, token = workshops.create("Forum")
    _, group = workshops.join(workshop.join_code, "Table 1")
    board = app(f=token)
    board.selectbox(key="dashboard-step").set_value("activities")
    rerun(board)
    assert workshops.load(workshop.id).current_step == "activities"
    at = app(c=group.id, step="profile")
    assert "Your facilitator is on step 4: Advocacy activities" in _texts(at)
    _click(at, "Go to step 4")
    assert at.query_params["step"] == "activities"
    assert "You are here" in _texts(at) and "Go to step 4" not in _texts(at)


def test_a_campaign_outside_the_workshop_sees_no_banner(app, workshops, repo) -> None:
    workshop, _ = workshops.create("Forum")
    workshops.update(workshop.id, lambda w: setattr(w, "current_step", "objectives"))
    stray = repo.create(Campaign(id="", workshop=workshop.id))  # an id copied into an uploaded file
    at = app(c=stray.id, step="profile")
    assert "Your facilitator" not in _texts(at)


def test_the_plenary_page_appears_only_while_the_facilitator_shares_it(app, workshops, repo) -> None:
    workshop, token = workshops.create("Forum")
    _, mine = workshops.join(workshop.join_code, "Table 1")
    _, theirs = workshops.join(workshop.join_code, "Table 2")
    their_row = {"id": "m1", "core_message": "Every ward needs a social worker.", "call_to_action": "Fund it."}
    _answer(repo, theirs.id, "messages", "messages", [their_row])
    at = app(c=mine.id, step="plenary")
    assert at.query_params["step"] == "profile" and "plenary" not in at.radio(key="nav-step").options

    board = app(f=token)
    board.toggle(key="dashboard-sharing").set_value(True)
    rerun(board)
    assert workshops.load(workshop.id).show_side_by_side is True

    at = app(c=mine.id, step="plenary")
    page = _texts(at)
    assert "Plenary: all groups' key messages" in page
    assert "Every ward needs a social worker" in page and "Table 2" in page
    assert theirs.id not in page, "another group's campaign id (its link) is never shown"


def test_a_group_link_cannot_open_the_dashboard(app, workshops) -> None:
    workshop, _ = workshops.create("Forum")
    _, group = workshops.join(workshop.join_code, "Table 1")
    for guess in (workshop.id, group.id, "x" * 32, "../../etc/passwd"):
        at = app(f=guess)
        assert NOT_A_DASHBOARD in at.warning[0].value
        assert not at.dataframe and at.title[0].value == "Advocacy Campaign Builder"
        assert "f" not in at.query_params


def test_a_group_cannot_reach_another_groups_campaign(app, workshops, repo) -> None:
    workshop, _ = workshops.create("Forum")
    _, mine = workshops.join(workshop.join_code, "Table 1")
    _, theirs = workshops.join(workshop.join_code, "Table 2")
    at = app(c=mine.id, step="profile")
    page = _texts(at) + str(at.query_params)
    assert theirs.id not in page and workshop.id not in page
    home = app()  # the start page lists no workshop group's campaign, even on a personal machine
    assert "Table 2" not in _texts(home) and theirs.id not in _texts(home)
    assert "2 workshop group campaigns are not listed" in _texts(home)


def test_the_zip_is_built_on_request_with_a_progress_bar(app, workshops, repo) -> None:
    workshop, token = workshops.create("Forum", language="fr")  # plans and paper worksheets in French
    workshops.join(workshop.join_code, "Table 1")
    at = app(f=token)

    def files() -> list:  # the Files tab's downloads (the Groups tab offers its table as CSV)
        return [b for b in at.get("download_button") if b.key != "progress-csv"]

    assert not files()
    _click(at, "Prepare the ZIP")
    assert files(), "the ZIP is offered once built"
    assert any("Built at" in c.value and "1 group." in c.value for c in at.caption)
    _click(at, "Prepare")  # the blank worksheets
    assert len(files()) == 2


def _in_order(block) -> list[str]:
    """Return the page's elements top to bottom, each as its type, e.g. ["title", "error", "text_input", ...]."""
    found = []
    for _, child in sorted(getattr(block, "children", {}).items()):
        found.append(child.type)
        found += _in_order(child)
    return found


def test_a_closed_workshop_says_so_at_the_top_of_the_join_page(app, workshops) -> None:
    workshop, _ = workshops.create("Kisumu forum")
    workshops.update(workshop.id, lambda w: setattr(w, "joining_open", False))
    at = app(join=workshop.join_code)
    at.text_input(key="join-name").input("Lakeside team")
    _click(at, "Join the workshop")
    assert "closed to new groups" in at.error[0].value
    order = _in_order(at.main)
    assert order.index("error") < order.index("text_input"), "above the form, not below it at the screen's edge"
