"""Property-based checks: any text a person can type survives a save, and no bytes crash the reader."""

import datetime as dt
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from campaign.campaign_file import campaign_to_yaml, parse_campaign
from campaign.fields import FIELD_TYPES, TableField
from campaign.model import Campaign, is_empty
from campaign.strict_yaml import dump_yaml, read_yaml
from campaign.text import clean_text
from campaign.worksheet import load_worksheets

PACK = load_worksheets()
FIELDS = [(sheet, field) for sheet in PACK.worksheets for field in sheet.fields]
ROW_ID = st.from_regex(r"\A[a-z0-9][a-z0-9_-]{0,20}\Z")


def typed_text(max_length: int) -> st.SearchStrategy[str]:
    """Return text as it arrives after the input boundary: any characters, cleaned, within the limit."""
    return st.text(max_size=max_length).map(clean_text).filter(lambda t: len(t) <= max_length)


def answer_for(field: Any, campaign: Campaign) -> st.SearchStrategy[Any]:
    """Return a strategy of valid answers for `field` (references pick rows that exist in `campaign`)."""
    kind = field.type
    if kind in ("text", "long_text"):
        return typed_text(min(field.max_length, 400))
    if kind == "choice":
        return st.sampled_from([c.id for c in field.choices])
    if kind == "multi_choice":
        ids = [c.id for c in field.choices]
        return st.lists(st.sampled_from(ids), unique=True, max_size=field.max_selected or len(ids))
    if kind == "date":
        return st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31))
    if kind == "number":
        low = field.minimum if field.minimum is not None else -1e12
        high = field.maximum if field.maximum is not None else 1e12
        if field.integer:
            return st.integers(int(low), int(high))
        return st.one_of(st.integers(int(low), int(high)), st.floats(low, high, allow_nan=False, allow_infinity=False))
    if kind == "list":
        return st.lists(typed_text(min(field.max_length, 100)), max_size=min(field.max_items, 5))
    if kind == "reference":
        rows = [r["id"] for r in campaign.rows(field.source_worksheet, field.source_field)]
        if not rows:
            return st.just([])
        return st.lists(st.sampled_from(rows), unique=True, max_size=None if field.multiple else 1)
    if kind == "table":
        return st.lists(row_for(field, campaign), max_size=3, unique_by=lambda r: r["id"])
    raise AssertionError(f"no strategy for field type {kind}")


def row_for(table: TableField, campaign: Campaign) -> st.SearchStrategy[dict[str, Any]]:
    cells = {column.id: answer_for(column, campaign) for column in table.columns}
    return st.builds(lambda row_id, values: {"id": row_id, **values}, ROW_ID, st.fixed_dictionaries(cells))


def test_every_field_type_has_a_strategy() -> None:
    campaign = Campaign(id="A" * 22)
    for kind in FIELD_TYPES:
        field = next(
            (f for _, f in FIELDS if f.type == kind),
            next((c for _, f in FIELDS if isinstance(f, TableField) for c in f.columns if c.type == kind), None),
        )
        assert field is not None, kind
        assert answer_for(field, campaign) is not None


def _normal(value: Any) -> Any:
    """Return `value` as the model stores it: empty cells dropped from rows, empty rows dropped."""
    if isinstance(value, list):
        return [_normal(v) for v in value if not is_empty(v)]
    if isinstance(value, dict):
        return {k: _normal(v) for k, v in value.items() if k == "id" or not is_empty(v)}
    return value


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_typed_answer_saves_and_reloads_equal(data: st.DataObject) -> None:
    campaign = Campaign(id="A" * 22)
    for sheet, field in FIELDS:  # in order, so references can pick rows typed in earlier worksheets
        campaign.set_answer(sheet.id, field.id, _normal(data.draw(answer_for(field, campaign), label=field.id)))
    again, problems = parse_campaign(campaign_to_yaml(campaign), PACK)
    assert problems == []
    assert again.answers == campaign.answers


@settings(max_examples=300, deadline=None)
@given(raw=st.binary(max_size=3000))
def test_any_bytes_give_a_campaign_or_located_problems_never_an_exception(raw: bytes) -> None:
    campaign, problems = parse_campaign(raw, PACK, file="upload")
    assert (campaign is None) == bool(problems)
    assert all(str(p).startswith("upload") for p in problems)


YAMLISH = st.recursive(
    st.one_of(st.text(max_size=20), st.integers(), st.booleans(), st.none(), st.dates()),
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(answers=st.dictionaries(st.sampled_from([s.id for s in PACK.worksheets] + ["zzz"]), YAMLISH, max_size=4))
def test_any_yaml_shaped_answers_are_checked_without_crashing(answers: dict) -> None:
    import yaml

    text = yaml.safe_dump({"schema_version": 1, "id": "A" * 22, "answers": answers}, allow_unicode=True)
    campaign, problems = parse_campaign(text, PACK)
    assert (campaign is None) == bool(problems)


@settings(max_examples=500, deadline=None)
@given(text=st.text())
def test_cleaned_text_is_stable_and_round_trips_through_yaml(text: str) -> None:
    cleaned = clean_text(text)
    assert clean_text(cleaned) == cleaned
    assert read_yaml(dump_yaml({"value": cleaned})).data == {"value": cleaned}
