"""Property-based checks: any text a person can type survives a save, and no bytes crash the reader."""

import datetime as dt
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from campaign.campaign_file import campaign_to_yaml, parse_campaign
from campaign.fields import FIELD_TYPES, TableField
from campaign.file_end import FileEnd, file_end
from campaign.merge import merge_campaigns
from campaign.model import Campaign, Conflict, is_empty
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
    written = campaign_to_yaml(campaign).encode()
    again, problems = parse_campaign(written, PACK)
    assert problems == []
    assert again.answers == campaign.answers
    assert file_end(written) is FileEnd.WHOLE
    cut = data.draw(st.integers(1, len(written) - 2), label="cut after byte")  # any cut but the final newline
    assert parse_campaign(written[:cut], PACK)[0] is None and file_end(written[:cut]) is FileEnd.CUT_SHORT


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


# Merge: every change on either side ends up in the result or in a conflict holding it, and nothing else moves.

WORDS = st.sampled_from(["a", "b", "c"])  # few values, so both sides often make the same change
CELL = st.sampled_from([None, "x", "y"])


def table_row(row_id: str) -> st.SearchStrategy[dict[str, Any]]:
    return st.builds(lambda name, note: {"id": row_id, "name": name, **({"note": note} if note else {})}, WORDS, CELL)


@st.composite
def merge_base(draw: st.DrawFn) -> Campaign:
    campaign = Campaign(id="A" * 22, revision=1, language=draw(st.sampled_from(["en", "fr"])))
    campaign.settings.paper = draw(st.sampled_from(["a4", "letter"]))
    campaign.set_answer("s", "text", draw(st.one_of(st.none(), WORDS)))
    campaign.set_answer("s", "list", draw(st.lists(WORDS, max_size=3)))
    ids = draw(st.lists(st.sampled_from(["r1", "r2", "r3", "r4"]), unique=True, max_size=4))
    campaign.set_answer("s", "rows", [draw(table_row(row_id)) for row_id in ids])
    return campaign


@st.composite
def edited(draw: st.DrawFn, base: Campaign) -> Campaign:
    """Return `base` with a random edit of every kind: answers, list, rows deleted/added/reordered, cells."""
    side = base.copy()
    if draw(st.booleans()):
        side.language = draw(st.sampled_from(["en", "fr", "pt"]))
    if draw(st.booleans()):
        side.settings.paper = draw(st.sampled_from(["a4", "letter"]))
    if draw(st.booleans()):
        side.set_answer("s", "text", draw(st.one_of(st.none(), WORDS)))
    if draw(st.booleans()):
        side.set_answer("s", "list", draw(st.lists(WORDS, max_size=3)))
    rows = [row for row in side.rows("s", "rows") if not draw(st.booleans(), label="delete the row")]
    for row in rows:
        column = draw(st.sampled_from(["", "name", "note"]), label="edit a cell")
        value = draw(WORDS if column == "name" else CELL)
        if column and value is None:
            row.pop(column, None)
        elif column:
            row[column] = value
    taken = {row["id"] for row in base.rows("s", "rows")}
    added = draw(st.lists(st.sampled_from(["n1", "n2", "n3"]), unique=True, max_size=2))
    rows += [draw(table_row(row_id)) for row_id in added if row_id not in taken]
    if draw(st.booleans()):
        rows = draw(st.permutations(rows))
    side.set_answer("s", "rows", rows)
    return side


def flat(campaign: Campaign) -> dict[str, Any]:
    """Return every value of `campaign` by its conflict path (a row's own path says only that it is there)."""
    values: dict[str, Any] = {"language": campaign.language, "settings.paper": campaign.settings.paper}
    for sheet, fields in campaign.answers.items():
        for field, value in fields.items():
            if field != "rows":
                values[f"{sheet}.{field}"] = value
                continue
            for row in value:
                values[f"{sheet}.{field}.{row['id']}"] = "a row"
                values.update({f"{sheet}.{field}.{row['id']}.{k}": v for k, v in row.items() if k != "id"})
    return values


def in_conflict(path: str, value: Any, conflicts: list[Conflict], side: str) -> bool:
    """Return True when a conflict at `path`, or at the row holding it, keeps `value` as `side`'s."""
    for conflict in conflicts:
        held = getattr(conflict, side)
        if conflict.path == path:
            if ("a row" if isinstance(held, dict) else held) == value:
                return True
        elif path.startswith(conflict.path + ".") and (held or {}).get(path.rsplit(".", 1)[1]) == value:
            return True
    return False


def value_at(campaign: Campaign, path: str) -> Any:
    """Return the value at a conflict path: an answer, a setting, a cell, or a whole row (None when absent)."""
    parts = path.split(".")
    if len(parts) == 3:
        return next((row for row in campaign.rows(parts[0], parts[1]) if row["id"] == parts[2]), None)
    return flat(campaign).get(path)


def row_order(campaign: Campaign) -> list[str]:
    return [row["id"] for row in campaign.rows("s", "rows")]


def reordered(base: list[str], side: list[str]) -> bool:
    return [i for i in side if i in base] != [i for i in base if i in side]


@settings(max_examples=400, deadline=None)
@given(data=st.data())
def test_a_merge_keeps_every_change_of_both_sides_or_a_conflict_holding_it(data: st.DataObject) -> None:
    base = data.draw(merge_base(), label="base")
    mine = data.draw(edited(base), label="mine")
    theirs = data.draw(st.one_of(edited(base), st.just(mine.copy())), label="theirs")
    theirs.revision = 2
    merged, conflicts = merge_campaigns(base, mine, theirs)
    was, now, sides = flat(base), flat(merged), {"mine": flat(mine), "theirs": flat(theirs)}
    for side, values in sides.items():
        for path in set(was) | set(values):
            if values.get(path) != was.get(path):
                assert now.get(path) == values.get(path) or in_conflict(path, values.get(path), conflicts, side), (
                    side,
                    path,
                )
    for path in set(was) | set(now) | set(sides["mine"]) | set(sides["theirs"]):
        if sides["mine"].get(path) == was.get(path) == sides["theirs"].get(path):
            assert now.get(path) == was.get(path), path  # what neither side changed stays as it was
    for conflict in conflicts:  # a conflict only where both changed one thing, each differently; it holds both
        before, mine_value, theirs_value = (value_at(c, conflict.path) for c in (base, mine, theirs))
        assert (conflict.mine, conflict.theirs) == (mine_value, theirs_value), conflict
        assert mine_value != theirs_value and before not in (mine_value, theirs_value), conflict
    if mine.answers == theirs.answers and mine.language == theirs.language and mine.settings == theirs.settings:
        assert conflicts == [] and merged.answers == mine.answers  # the same change on both sides
    order, mine_order, theirs_order = row_order(merged), row_order(mine), row_order(theirs)
    assert len(order) == len(set(order))
    for side_order, other in ((mine_order, theirs_order), (theirs_order, mine_order)):
        if reordered(row_order(base), side_order) and not reordered(row_order(base), other):
            assert [i for i in order if i in side_order] == [i for i in side_order if i in order]
    if not reordered(row_order(base), mine_order) and not reordered(row_order(base), theirs_order):
        assert [i for i in order if i in row_order(base)] == [i for i in row_order(base) if i in order]
