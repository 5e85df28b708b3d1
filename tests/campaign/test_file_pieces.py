"""The campaign file written in pieces is the whole file's dump, byte for byte, and its value count; the pieces
of worksheets a save leaves identical are reused, never those of a worksheet that changed (even in key order)."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from campaign import file_pieces
from campaign.campaign_file import campaign_head, campaign_to_data, check_campaign_data, data_to_yaml, plain_data
from campaign.changes import edited_answers, identical
from campaign.example import example_campaign
from campaign.file_pieces import FilePieces, assembled, cleaned
from campaign.model import Campaign, Comment, Conflict
from campaign.repository import CampaignRepository
from campaign.storage import LocalFolderStore
from campaign.strict_yaml import count_values, dump_yaml
from campaign.worksheet import load_worksheets

PACK = load_worksheets()
texts = st.one_of(
    st.text(),
    st.sampled_from(["", " ", "yes", "null", "~", "- a", "a: b", "#", "x\n", "x\n\n", "a \nb", "\t", "é\r\n", "\n"]),
    st.text(alphabet="ab \n:#-'\"", max_size=40),
    st.integers(0, 30).map(lambda n: "word " * n + "\n" * (n % 3)),  # folded at the width, kept trailing breaks
)
scalars = st.one_of(texts, st.integers(), st.floats(), st.booleans(), st.dates(dt.date(1, 1, 1), dt.date(9999, 1, 1)))
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(texts, inner, max_size=3))
sheets = st.dictionaries(st.text(min_size=1, max_size=8) | st.sampled_from(["goal", "a: b", "x" * 130]), values)
answers = st.dictionaries(st.sampled_from(["profile", "objectives", "x\n", "2026", "a" * 140]), sheets, max_size=4)


def _full(campaign: Campaign) -> tuple[str, int]:
    data = cleaned(campaign_to_data(campaign))
    return dump_yaml(data), count_values(data)


@st.composite
def campaigns(draw: st.DrawFn) -> Campaign:
    campaign = Campaign(id="c" * 22, answers=draw(answers), owner=draw(st.none() | texts.filter(bool)))
    if draw(st.booleans()):
        campaign.conflicts = [Conflict(path="a.b", mine=draw(values), theirs=draw(st.none() | values), at="now")]
    if draw(st.booleans()):
        campaign.comments = [Comment(id="d" * 22, place="a.b", text=draw(texts), author="Ann", at="now")]
    return campaign


@settings(max_examples=400, deadline=None)
@given(campaigns())
def test_a_file_assembled_from_pieces_is_the_whole_dump(campaign: Campaign) -> None:
    assert assembled(cleaned(campaign_to_data(campaign)), {}) == _full(campaign)


@st.composite
def edits(draw: st.DrawFn, stored: Campaign) -> Campaign:
    """Return a copy of `stored` with one worksheet's answer changed, a mapping's keys reordered, or as it is."""
    mine = stored.copy()
    sheet = draw(st.sampled_from([*mine.answers, "new"]))
    kind = draw(st.sampled_from(["answer", "reorder", "none", "drop"]))
    if kind == "answer":
        mine.answers.setdefault(sheet, {})[draw(st.sampled_from(["goal", "other"]))] = draw(values)
    elif kind == "reorder" and mine.answers.get(sheet):
        mine.answers[sheet] = dict(reversed(mine.answers[sheet].items()))
        for key, value in mine.answers[sheet].items():
            if isinstance(value, dict):
                mine.answers[sheet][key] = dict(reversed(value.items()))
    elif kind == "drop":
        mine.answers.pop(sheet, None)
    return mine


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_reused_pieces_give_the_whole_dump_after_any_edit(data: st.DataObject) -> None:
    pieces = FilePieces()
    stored = data.draw(campaigns())
    for _ in range(3):  # the pieces of the stored worksheets are made at the first save, reused at the next
        mine = data.draw(edits(stored))
        draft = pieces.draft(mine, stored, edited_answers(stored, mine))
        assert draft.data == cleaned(campaign_to_data(mine))
        assert draft.written() == _full(mine)
        assert set(draft.reused) <= set(stored.answers)
        for sheet, piece in draft.reused.items():
            assert piece.source is stored.answers[sheet]
        stored = data.draw(st.sampled_from([stored, mine]))


def test_only_the_edited_worksheet_is_cleaned_and_written_again() -> None:
    pieces = FilePieces()
    stored = example_campaign(PACK)
    first = stored.copy()
    first.set_answer("objectives", "goal", "A new goal")
    pieces.draft(first, stored, edited_answers(stored, first))  # makes the stored worksheets' pieces
    mine = stored.copy()
    mine.set_answer("objectives", "goal", "Another goal")
    draft = pieces.draft(mine, stored, edited_answers(stored, mine))
    assert set(draft.reused) == set(stored.answers) - {"objectives"}
    again = pieces.draft(mine, stored, edited_answers(stored, mine))
    assert all(again.reused[sheet] is draft.reused[sheet] for sheet in draft.reused)  # not cleaned nor dumped again


def test_a_worksheet_with_keys_reordered_is_written_in_its_new_order() -> None:
    pieces = FilePieces()
    stored = example_campaign(PACK)
    pieces.draft(stored.copy(), stored, ())
    mine = stored.copy()
    rows = mine.rows("objectives", "objectives")
    rows[0] = dict(reversed(rows[0].items()))
    draft = pieces.draft(mine, stored, edited_answers(stored, mine))
    assert "objectives" not in draft.reused
    assert draft.written() == _full(mine)


def test_dump_of_nested_data_shows_the_open_end_once(
    text: Any = "kept breaks\n\n",
) -> None:
    campaign = Campaign(id="c" * 22, answers={"a": {"x": text}, "b": {"y": text}})
    written, _ = assembled(cleaned(campaign_to_data(campaign)), {})
    assert written.endswith("...\n") and written.count("...") == 1
    assert (written, count_values(cleaned(campaign_to_data(campaign)))) == _full(campaign)


def _full_check_dump(campaign: Campaign) -> bytes:
    """Return the file a save wrote before pieces: the whole campaign cleaned, fully checked (which gives rows
    written without an id their id), dumped."""
    data = cleaned(campaign_to_data(campaign))
    checked, problems = check_campaign_data(data, PACK, file="answer")
    assert checked is not None, problems
    return data_to_yaml(data).encode()


EDITS = [
    lambda c: c.set_answer("objectives", "goal", "A goal\n\nwith kept breaks\n\n"),
    lambda c: c.set_answer("profile", "name", "Ünïcode name"),
    lambda c: c.set_answer("objectives", "goal", "Back to one line"),
    lambda c: c.set_answer(
        "objectives", "objectives", [dict(reversed(r.items())) for r in c.rows("objectives", "objectives")]
    ),
    lambda c: c.set_answer(
        "activities", "activities", [*c.rows("activities", "activities"), {"activity": "No id yet"}]
    ),
    lambda c: c.answers.pop("profile", None),
]


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from(range(len(EDITS))), min_size=1, max_size=5), st.sampled_from([None, "Group 1"]))
def test_the_stored_file_equals_a_full_dump_after_every_save(edits: list[int], by: str | None) -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = LocalFolderStore(Path(folder))
        repository = CampaignRepository(store, PACK)
        base = repository.create(example_campaign(PACK))
        for number in edits:
            mine = base.copy()
            EDITS[number](mine)
            saved = repository.save(mine, base, by=by).campaign
            blob = store.get(f"campaigns/{base.id}/campaign.yaml")
            assert blob is not None
            as_saved = dataclasses.replace(mine, revision=saved.revision, updated=saved.updated)
            assert blob.data == _full_check_dump(as_saved)
            base = saved


def test_a_save_cleans_only_the_worksheet_it_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repository = CampaignRepository(LocalFolderStore(tmp_path), PACK)
    base = repository.create(example_campaign(PACK))
    mine = base.copy()
    mine.set_answer("objectives", "goal", "First goal")
    base = repository.save(mine, base).campaign  # the stored worksheets' pieces are made here
    cleaned_texts: list[str] = []
    real = file_pieces.clean_text
    monkeypatch.setattr(file_pieces, "clean_text", lambda text: cleaned_texts.append(text) or real(text))
    mine = base.copy()
    mine.set_answer("objectives", "goal", "Second goal")
    repository.save(mine, base)
    objectives = list(_texts(plain_data(mine.answers["objectives"])))  # dates among them, as ISO text
    assert "Second goal" in cleaned_texts
    others = {text for sheet, answers in mine.answers.items() if sheet != "objectives" for text in _texts(answers)}
    assert others and not others & set(cleaned_texts) - set(objectives)  # no other step's text is cleaned
    assert len(cleaned_texts) == len(objectives) + len(list(_texts(campaign_head(mine))))  # nothing else


def _texts(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)


@st.composite
def twins(draw: st.DrawFn) -> tuple[Any, Any]:
    """Return answer data and a copy of it as it is, with a mapping's keys reordered, or one value retyped."""
    first = draw(values)
    second = copy.deepcopy(first)
    kind = draw(st.sampled_from(["same", "reorder", "retype"]))
    holder = second
    while isinstance(holder, (dict, list)) and holder and draw(st.booleans()):
        inner = list(holder.values()) if isinstance(holder, dict) else holder
        if not isinstance(inner[0], (dict, list)) or not inner[0]:
            break
        holder = inner[0]
    if kind == "reorder" and isinstance(holder, dict):
        items = list(holder.items())
        holder.clear()
        holder.update(reversed(items))
    elif kind == "retype" and isinstance(holder, dict) and holder:
        key = next(iter(holder))
        holder[key] = {int: str, str: lambda v: [v], float: str, bool: int}.get(type(holder[key]), str)(holder[key])
    return first, second


@settings(max_examples=400, deadline=None)
@given(twins())
def test_identical_answers_are_written_alike_and_reordered_ones_are_not_identical(pair: tuple[Any, Any]) -> None:
    first, second = pair
    written = [dump_yaml({"a": cleaned(plain_data(value))}) for value in (first, second)]
    if identical(first, second):  # a worksheet's piece is reused only then: it must be the same text
        assert written[0] == written[1]
    if written[0] != written[1]:  # the other direction: different text is never taken for the same answers
        assert not identical(first, second)
