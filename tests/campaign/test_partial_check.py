"""A save checks only what its edit changed: the verdict and the campaign are exactly the full check's, and an
unchanged worksheet is not validated again."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from campaign import answers
from campaign.campaign_file import campaign_to_data, check_campaign_data
from campaign.changes import edited_answers
from campaign.example import example_campaign
from campaign.model import Campaign
from campaign.repository import CampaignInvalid, CampaignRepository, _cleaned
from campaign.storage import LocalFolderStore
from campaign.worksheet import load_worksheets

PACK = load_worksheets()
PLACES = [(sheet.id, definition.id) for sheet in PACK.worksheets for definition in sheet.fields]


def _checked(campaign: Campaign) -> Campaign:
    checked, problems = check_campaign_data(_cleaned(campaign_to_data(campaign)), PACK, file="answer")
    assert checked is not None, problems
    return checked


STORED = _checked(example_campaign(PACK))
TABLES = {(sheet.id, definition.id) for sheet in PACK.worksheets for definition in sheet.fields if definition.is_table}
ROW_IDS = sorted({row["id"] for sheet, field in TABLES for row in STORED.rows(sheet, field)})

scalars = st.one_of(
    st.none(),
    st.just(""),
    st.text(max_size=12),
    st.integers(0, 3000).map(lambda n: "x" * n),  # around the length limits
    st.integers(-(10**7), 10**7),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(dt.date(1990, 1, 1), dt.date(2040, 1, 1)),
    st.sampled_from(["national", "press_release", "sdgs", "2027-03-01", "not a date", "12", "3.5"]),
)
row_ids = st.lists(st.one_of(st.sampled_from(ROW_IDS), st.just("no-such-row"), st.text(max_size=6)), max_size=3)
values = st.one_of(scalars, row_ids, st.lists(scalars, max_size=3))


@st.composite
def table_edits(draw: st.DrawFn, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return the rows with one row removed, one row's id repeated, one cell changed, or a row added."""
    rows = [dict(row) for row in rows]
    kind = draw(st.sampled_from(["remove", "repeat", "cell", "add"]))
    at = draw(st.integers(0, max(0, len(rows) - 1)))
    if kind == "remove" and rows:
        del rows[at]
    elif kind == "repeat" and len(rows) > 1:
        rows[at]["id"] = rows[at - 1]["id"]
    elif kind == "cell" and rows:
        column = draw(st.sampled_from([*rows[at], "no_such_column"]))
        rows[at][column] = draw(values)
    else:
        rows.append(
            {
                "id": draw(st.sampled_from(["new-row", *ROW_IDS])),
                **draw(st.dictionaries(st.text(max_size=8), scalars, max_size=2)),
            }
        )
    return rows


@st.composite
def one_field_edits(draw: st.DrawFn, stored: Campaign) -> Campaign:
    """Return `stored` with one answer changed to anything (valid or not), or one unknown answer added."""
    mine = stored.copy()
    sheet, field = draw(st.sampled_from([*PLACES, ("profile", "no_such_field"), ("no_such_sheet", "goal")]))
    rows = mine.rows(sheet, field) if (sheet, field) in TABLES else []
    value = draw(table_edits(rows) if rows and draw(st.booleans()) else values)
    if draw(st.booleans()):
        mine.set_answer(sheet, field, value)
    else:
        mine.answers.setdefault(sheet, {})[field] = value  # a blank stays in: the rules must see it too
    return mine


def _same_verdict(stored: Campaign, mine: Campaign) -> Campaign | None:
    """Assert the partial check of `mine` over `stored` says what the full check says; return the campaign."""
    data = _cleaned(campaign_to_data(mine))
    full, full_problems = check_campaign_data(data, PACK, file="answer")
    partial, problems = check_campaign_data(
        data, PACK, file="answer", stored=stored, edited=edited_answers(stored, mine)
    )
    assert (partial is None) == (full is None), (full_problems, problems)
    assert partial == full
    assert [p.message for p in problems] == [p.message for p in full_problems]
    return full


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_partial_check_accepts_and_refuses_what_the_full_check_does(data: st.DataObject) -> None:
    mine = data.draw(one_field_edits(STORED))
    edited = _same_verdict(STORED, mine)
    if edited is not None:  # the other direction: from the edited campaign, stored and valid, back to the example
        _same_verdict(edited, STORED.copy())
        _same_verdict(edited, data.draw(one_field_edits(edited)))


def test_a_removed_row_still_referenced_from_an_unchanged_worksheet_is_refused() -> None:
    mine = STORED.copy()
    mine.set_answer(
        "objectives", "objectives", [r for r in mine.rows("objectives", "objectives") if r["id"] != "obj-budget"]
    )
    assert any("obj-budget" in (row.get("objective") or []) for row in mine.rows("monitoring", "indicators"))
    assert _same_verdict(STORED, mine) is None


def test_an_unchanged_worksheet_is_not_validated_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repository = CampaignRepository(LocalFolderStore(tmp_path), PACK)
    base = repository.create(example_campaign(PACK))
    validated: list[set[str]] = []
    real = answers.validated

    def counting(model: Any, data: Any) -> Any:
        validated.append(set(data))
        return real(model, data)

    monkeypatch.setattr(answers, "validated", counting)
    mine = base.copy()
    mine.set_answer("objectives", "goal", "A new goal")
    saved = repository.save(mine, base).campaign
    assert validated == [{"objectives"}]  # one validation, of the one worksheet that changed
    assert saved == CampaignRepository(LocalFolderStore(tmp_path), PACK).load(base.id)  # as a full check reads it

    validated.clear()
    broken = saved.copy()
    broken.set_answer("profile", "level", "no-such-level")
    with pytest.raises(CampaignInvalid):
        repository.save(broken, saved)
    assert validated == [{"profile"}]
