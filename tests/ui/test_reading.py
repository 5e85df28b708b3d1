"""The screens read a campaign the way the plan prints it: one title, one answer text, one empty marker."""

from __future__ import annotations

import datetime as dt

from campaign import Campaign, CampaignRepository, WorksheetPack
from campaign.i18n import translator
from campaign.reading import NOT_ANSWERED
from exports.plan import build_plan
from exports.wording import value_text
from ui.history import differences
from ui.text import one_line


def test_an_unnamed_french_campaign_is_untitled_in_french_in_the_sidebar_and_the_plan(
    app, repo: CampaignRepository, pack: WorksheetPack
) -> None:
    campaign = repo.create(Campaign(id="", language="fr"))
    at = app(c=campaign.id)  # an English interface
    sidebar = " ".join(m.value for m in at.sidebar.markdown)
    assert "Campagne sans titre" in sidebar and "Untitled" not in sidebar
    assert build_plan(repo.load(campaign.id), pack).title == "Campagne sans titre"


def test_the_history_words_answers_as_the_plan_prints_them(example: Campaign, pack: WorksheetPack) -> None:
    t = translator("fr")
    old, new = example.copy(), example.copy()
    new.set_answer("risks", "budget_total", 1450000.456)
    new.set_answer("profile", "start_date", dt.date(2027, 3, 16))
    old.set_answer("profile", "key_figures", None)
    picked = [example.rows("audiences", "audiences")[1]["id"]]
    activities = new.rows("activities", "activities")
    activities[0]["audiences"] = picked
    new.set_answer("activities", "activities", activities)
    rows = {where: (then, now) for where, then, now in differences(old, new, pack, t)}
    budget = pack.worksheet("risks").field("budget_total")
    printed = value_text(budget, 1450000.456, new, pack, t)
    assert printed.endswith("000,46") and rows[f"{pack.worksheet('risks').short_title} › {budget.label}"][1] == printed
    start = rows[f"{pack.worksheet('profile').short_title} › {pack.worksheet('profile').field('start_date').label}"]
    assert start[1] == "16 mars 2027"
    figures = rows[f"{pack.worksheet('profile').short_title} › {pack.worksheet('profile').field('key_figures').label}"]
    assert figures[0] == t(NOT_ANSWERED) == "Pas encore de réponse"
    table = pack.worksheet("activities").field("activities")
    shown = rows[f"{pack.worksheet('activities').short_title} › {table.label}"][1]
    assert shown == one_line(value_text(table, activities, new, pack, t), 80)
    name = example.rows("audiences", "audiences")[1]["name"]
    assert f"{name}" in value_text(table, activities, new, pack, t) and picked[0] not in shown


def test_a_blank_only_change_is_not_a_difference(example: Campaign, pack: WorksheetPack) -> None:
    new = example.copy()
    rows = new.rows("objectives", "objectives")
    rows[0]["decision_maker_note"] = "   "
    new.answers["objectives"]["objectives"] = rows
    assert differences(example, new, pack, translator(None)) == []


def test_a_conflict_on_a_reference_names_the_rows_on_both_sides(
    app, example: Campaign, repo: CampaignRepository
) -> None:
    audiences = example.rows("audiences", "audiences")
    theirs, mine = example.copy(), example.copy()
    theirs.rows("activities", "activities")[0]["audiences"] = [audiences[1]["id"]]
    mine.rows("activities", "activities")[0]["audiences"] = [audiences[2]["id"]]
    repo.save(theirs, example)
    stored = repo.save(mine, example).campaign
    assert [c.place.column for c in stored.conflicts] == ["audiences"]
    at = app(c=example.id, step="activities")
    texts = [text.value for text in at.text]
    assert audiences[1]["name"] in texts and audiences[2]["name"] in texts
    assert not any(audiences[1]["id"] in text or audiences[2]["id"] in text for text in texts)
