"""A workshop group's plan is named after the group and the workshop ("Table 3 — Lusaka forum") until the group
names it: on the cover, in the sidebar, on the dashboard and in the ZIP. An unnamed plan is untitled in its
own language. Joining in the browser is throttled per session, with a plain "wait N seconds"."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import docx
import pytest

from campaign import Campaign, load_worksheets
from campaign.reading import title as campaign_title
from campaign.workshop import GROUP_NAME_LIMIT, WORKSHOP_NAME_LIMIT
from campaign.workshops import WorkshopRepository, group_campaign_name
from exports.plan import build_plan
from tests.ui.conftest import rerun

PACK = load_worksheets()


@pytest.fixture
def workshops(repo) -> WorkshopRepository:
    return WorkshopRepository(repo.store, repo)


def _join(at, code: str, name: str) -> None:
    at.text_input(key="join-code").input(code)
    at.text_input(key="join-name").input(name)
    next(b for b in at.button if b.label == "Join the workshop").click()
    rerun(at)


def test_a_group_that_joins_sees_its_plan_named_after_the_group_and_the_workshop(app, workshops, repo, pack) -> None:
    workshop, _ = workshops.create("Lusaka forum", language="fr")
    at = app()
    _join(at, workshop.join_code, "Table 3")
    campaign = repo.load(at.query_params["c"])
    assert campaign_title(campaign, PACK) == "Table 3 — Lusaka forum"
    assert "Table 3 — Lusaka forum" in " ".join(m.value for m in at.sidebar.markdown)
    assert build_plan(campaign, load_worksheets(language="fr")).title == "Table 3 — Lusaka forum"


def test_the_group_can_name_its_plan_itself(workshops, repo) -> None:
    workshop, _ = workshops.create("Forum")
    _, campaign = workshops.join(workshop.join_code, "Table 3")
    renamed = campaign.copy()
    renamed.set_answer("profile", "name", "Count us, fund us")
    assert campaign_title(repo.save(renamed, campaign).campaign, PACK) == "Count us, fund us"


def test_every_plan_in_the_zip_carries_its_groups_name(workshops, pack) -> None:
    from exports.archive import GroupPlan, build_archive

    workshop, _ = workshops.create("Forum")
    for name in ("Table 1", "Équipe Lusaka"):
        workshops.join(workshop.join_code, name)
    stored = workshops.load(workshop.id)
    groups = [GroupPlan(g.name, workshops.campaigns.load(g.campaign_id), None, pack) for g in stored.groups]
    archive = zipfile.ZipFile(io.BytesIO(build_archive(groups, pack, today=dt.date(2027, 3, 16))))
    documents = sorted(n for n in archive.namelist() if n.endswith(".docx"))
    titles = [docx.Document(io.BytesIO(archive.read(n))).core_properties.title for n in documents]
    assert titles == ["Table 1 — Forum", "Équipe Lusaka — Forum"]
    assert not [n for n in archive.namelist() if "untitled" in n.lower()]


def test_the_longest_names_still_make_a_name_that_fits_the_box(workshops, repo) -> None:
    workshop, _ = workshops.create("W" * WORKSHOP_NAME_LIMIT)
    _, campaign = workshops.join(workshop.join_code, "G" * GROUP_NAME_LIMIT)
    limit = next(f.max_length for f in repo.pack.worksheet("profile").fields if f.id == "name")
    name = campaign_title(campaign, PACK)
    assert len(name) == limit and name.startswith("G" * GROUP_NAME_LIMIT + " — W")
    assert name.endswith("…") and group_campaign_name("A", "B", limit) == "A — B"


@pytest.mark.parametrize(
    ("language", "title"),
    [
        ("en", "Untitled campaign"),
        ("fr", "Campagne sans titre"),
        ("es", "Campaña sin título"),
        ("pt", "Campanha sem título"),
    ],
)
def test_an_unnamed_plan_is_untitled_in_its_own_language(language: str, title: str) -> None:
    campaign = Campaign(id="", language=language)
    assert campaign_title(campaign, load_worksheets(language=language)) == title
    assert build_plan(campaign, load_worksheets(language=language)).title == title


def test_joining_again_and_again_from_one_browser_is_told_to_wait(app, workshops) -> None:
    workshop, _ = workshops.create("Forum")
    at = app()
    attempts = 0
    while attempts < 20 and not (at.error and "Too many tries" in at.error[0].value):
        _join(at, "ZZZ-ZZZ", "Table 1")
        attempts += 1
    assert attempts <= 8, "a few typos pass, then the browser waits"
    assert "Too many tries from this browser. Wait" in at.error[0].value and "seconds" in at.error[0].value
    _join(at, workshop.join_code, "Table 1")  # the right code waits too: guessing cannot go on meanwhile
    assert "Too many tries" in at.error[0].value and "c" not in at.query_params
    assert workshops.load(workshop.id).groups == []
    _join(app(), workshop.join_code, "Table 1")  # another browser is not held up
    assert len(workshops.load(workshop.id).groups) == 1


def test_a_join_link_is_looked_up_once_per_session_however_often_the_page_reruns(app, workshops) -> None:
    workshop, _ = workshops.create("Kisumu forum")
    at = app(join=workshop.join_code)
    for _ in range(8):  # more reruns than the browser's code guesses: none of them is a new guess
        rerun(at)
    assert "Kisumu forum" in " ".join(m.value for m in at.markdown) and not at.warning
    at.text_input(key="join-name").input("Lakeside team")
    next(b for b in at.button if b.label == "Join the workshop").click()
    rerun(at)
    assert len(workshops.load(workshop.id).groups) == 1
