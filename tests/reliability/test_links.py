"""Malformed links: an id or token with a final newline (`?c=<id>%0A`: `$` in a regex accepts it) or any other
stray character gets the page's plain "this link does not open..." message, never a traceback, in every query
parameter the app reads (c, step, f, join, lang)."""

from __future__ import annotations

import pytest

from campaign.model import is_valid_id, new_id
from campaign.workshop import CODE_RE
from campaign.workshops import TOKEN_RE, WorkshopRepository
from ui.facilitator import NOT_A_DASHBOARD
from ui.joining import NOT_A_JOIN_LINK

TAILS = ["\n", "\r\n", "\r", "\t", " ", "\x00", "\u2028", "%0A", "/..", "\n\n"]


@pytest.fixture
def workshops(repo) -> WorkshopRepository:
    return WorkshopRepository(repo.store, repo)


@pytest.mark.parametrize("tail", TAILS)
def test_the_id_patterns_refuse_a_final_newline_or_any_stray_character(tail: str) -> None:
    assert not is_valid_id(new_id() + tail) and not is_valid_id(tail + new_id())
    assert not TOKEN_RE.fullmatch("A" * 32 + tail) and not CODE_RE.fullmatch("BCDFGH" + tail)


@pytest.mark.parametrize("tail", TAILS)
def test_a_campaign_link_with_a_stray_ending_does_not_open_a_campaign(app, example, tail: str) -> None:
    at = app(c=example.id + tail, step="profile")
    assert "This link does not open a campaign" in at.warning[0].value and "c" not in at.query_params


@pytest.mark.parametrize("tail", TAILS)
def test_a_step_with_a_stray_ending_opens_the_first_step(app, example, tail: str) -> None:
    at = app(c=example.id, step="objectives" + tail)
    assert at.query_params["step"] == "profile" and at.sidebar.radio


@pytest.mark.parametrize("tail", TAILS)
def test_a_dashboard_link_with_a_stray_ending_opens_no_dashboard(app, workshops, tail: str) -> None:
    _, token = workshops.create("Forum")
    at = app(f=token + tail)
    assert NOT_A_DASHBOARD in at.warning[0].value and "f" not in at.query_params and not at.dataframe


@pytest.mark.parametrize("code", ["<script>", "../codes/x", "ZZZZZZ", "A" * 5000, "K7D\x00Q4M", "\u0958" * 6])
def test_a_join_link_with_a_malformed_or_unknown_code_says_so_and_fills_nothing_in(app, workshops, code) -> None:
    at = app(join=code)
    assert NOT_A_JOIN_LINK in at.warning[0].value
    assert not at.text_input(key="join-code").value


def test_a_join_link_with_a_final_newline_still_names_its_workshop(app, workshops) -> None:
    workshop, _ = workshops.create("Kisumu forum")
    at = app(join=workshop.join_code + "\n")  # spaces and line ends are never part of a code someone types
    assert "Kisumu forum" in " ".join(m.value for m in at.markdown) and not at.warning


@pytest.mark.parametrize("language", ["fr\n", "fr%0A", "../fr", "x" * 500, "\x00"])
def test_a_language_with_a_stray_ending_still_draws_the_page(app, example, language: str) -> None:
    at = app(c=example.id, step="profile", lang=language)
    assert at.sidebar.radio
