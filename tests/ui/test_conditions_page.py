"""Conditional questions on screen: a question `show_if` hides is not drawn, a hidden worksheet is no step, and
a hidden answer stays stored and comes back."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from campaign import Campaign, CampaignRepository, WorksheetPack, load_worksheets, open_store
from campaign.worksheet import DEFAULT_PACK
from tests.ui.conftest import box, boxes, rerun

PRESS_LIST = "Daily Nation health desk, Joy Wanjiru"


def _keys(at: AppTest) -> set[str]:
    return {answer.key for answer in boxes(at)}


def test_a_media_types_questions_come_and_go_with_its_choice(
    app, new_campaign: Campaign, repo: CampaignRepository
) -> None:
    at = app(c=new_campaign.id, step="media")
    assert "f:media.press_list" not in _keys(at)
    at.multiselect(key="f:media.media_types").select("press_release")
    rerun(at)
    assert "f:media.press_list" in _keys(at)
    box(at, "f:media.press_list").input(PRESS_LIST)
    rerun(at)
    assert repo.load(new_campaign.id).answer("media", "press_list") == PRESS_LIST
    at.multiselect(key="f:media.media_types").unselect("press_release")
    rerun(at)
    assert "f:media.press_list" not in _keys(at)
    assert repo.load(new_campaign.id).answer("media", "press_list") == PRESS_LIST  # kept, not deleted
    at.multiselect(key="f:media.media_types").select("press_release")
    rerun(at)
    assert box(at, "f:media.press_list").value == PRESS_LIST


@pytest.fixture
def hidden_media_pack(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[WorksheetPack]:
    """The default pack whose media step shows only for a national campaign, served by the app."""
    folder = tmp_path / "pack"
    folder.mkdir()
    for path in DEFAULT_PACK.glob("*.yaml"):
        (folder / path.name).write_bytes(path.read_bytes())
    media = folder / "05-media.yaml"
    condition = 'show_if: {field: profile.level, equals: "national"}\nfields:\n'
    media.write_text(media.read_text(encoding="utf-8").replace("fields:\n", condition, 1), encoding="utf-8")
    monkeypatch.setenv("WORKSHEET_PACK", str(folder))
    st.cache_resource.clear()  # the app loads its pack once per process
    yield load_worksheets(folder)
    monkeypatch.delenv("WORKSHEET_PACK")
    st.cache_resource.clear()


def test_a_hidden_worksheet_is_left_out_of_the_steps_and_next(
    app, data_dir: Path, hidden_media_pack: WorksheetPack
) -> None:
    repo = CampaignRepository(open_store(data_dir), hidden_media_pack)
    campaign = Campaign(id="")
    campaign.set_answer("profile", "level", "local")
    campaign.set_answer("media", "media_types", ["press_release"])
    campaign.set_answer("media", "press_list", PRESS_LIST)
    stored = repo.create(campaign)
    at = app(c=stored.id, step="messages")
    steps = at.radio(key="nav-step").options
    assert "6. Monitoring" in steps and not any("Media" in step for step in steps)
    assert at.button(key="nav-next").label == "Next: Monitoring"
    assert "Step 5 of 7" in at.caption[0].value
    at = app(c=stored.id, step="media")  # a link to the hidden step lands on the first step
    assert at.title[0].value == "Campaign profile"
    at.selectbox(key="f:profile.level").select("national")
    rerun(at)
    steps = at.radio(key="nav-step").options
    assert "6. Media materials" in steps and "7. Monitoring" in steps
    at = app(c=stored.id, step="media")
    assert box(at, "f:media.press_list").value == PRESS_LIST
