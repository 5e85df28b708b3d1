"""Conditional questions (`show_if`): refused at `file:line` when wrong, and one rule for what is shown."""

from __future__ import annotations

from pathlib import Path

import pytest

from campaign.checks import plan_check
from campaign.completeness import campaign_progress
from campaign.conditions import is_shown, shown_fields, shown_worksheets
from campaign.example import example_campaign
from campaign.model import Campaign
from campaign.repository import CampaignRepository
from campaign.storage import LocalFolderStore
from campaign.worksheet import DEFAULT_PACK, WorksheetError, WorksheetPack, load_worksheets

FIRST = """\
id: first
title: First
short_title: First
purpose: What comes first.
guidance: Fill it in.
fields:
  - id: kind
    label: Kind
    type: choice
    choices:
      - id: a
        label: Apples
      - id: b
        label: Bananas
  - id: tags
    label: Tags
    type: multi_choice
    choices:
      - id: x
        label: Ex
      - id: y
        label: Why
  - id: size
    label: Size
    type: number
  - id: note
    label: Note
    type: text
  - id: rows
    label: Rows
    type: table
    columns:
      - id: name
        label: Name
        type: text
"""

SECOND = """\
id: second
title: Second
short_title: Second
purpose: What comes next.
guidance: Fill it in.
{sheet_condition}fields:
  - id: detail
    label: Detail
    type: text
    required: true
{condition}  - id: other
    label: Other
    type: text
"""


def _pack(tmp_path: Path, condition: str = "", sheet_condition: str = "", first: str = FIRST) -> Path:
    """Write a two-worksheet pack; `condition` goes under the field `second.detail`. Return the second file."""
    (tmp_path / "pack.yaml").write_bytes((DEFAULT_PACK / "pack.yaml").read_bytes())
    (tmp_path / "00-first.yaml").write_text(first, encoding="utf-8")
    second = tmp_path / "01-second.yaml"
    second.write_text(SECOND.format(condition=condition, sheet_condition=sheet_condition), encoding="utf-8")
    return second


def _line(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def _problems(folder: Path) -> list[str]:
    with pytest.raises(WorksheetError) as caught:
        load_worksheets(folder)
    return [str(problem) for problem in caught.value.problems]


REFUSED = [
    (
        "    show_if: {field: nope, equals: a}\n",
        "fields.0.show_if.field: 'nope' names no field: write the id of a field of this worksheet",
    ),
    (
        "    show_if: {field: first.missing, equals: a}\n",
        "fields.0.show_if.field: 'first.missing' names no field",
    ),
    (
        "    show_if: {field: first.note, contains: a}\n",
        "fields.0.show_if.contains: 'contains' does not suit 'first.note', a text field (it cannot be tested: "
        "name another field); 'contains' tests a multi_choice",
    ),
    (
        '    show_if: {field: first.kind, at_least: "2"}\n',
        "fields.0.show_if.at_least: 'at_least' does not suit 'first.kind', a choice field (test it with equals "
        "or in); 'at_least' tests a number",
    ),
    (
        "    show_if: {field: first.tags, equals: x}\n",
        "fields.0.show_if.equals: 'equals' does not suit 'first.tags', a multi_choice field (test it with contains)",
    ),
    (
        "    show_if: {field: first.kind, equals: Apples}\n",
        "fields.0.show_if.equals: 'Apples' is not a choice of 'first.kind': use one of its choice ids ('a', 'b')",
    ),
    (
        "    show_if: {field: first.tags, in: [x, z]}\n",
        "fields.0.show_if.in: 'in' does not suit 'first.tags'",
    ),
    (
        "    show_if: {field: first.kind, in: [a, z]}\n",
        "fields.0.show_if.in: 'z' is not a choice of 'first.kind'",
    ),
    (
        "    show_if: {field: first.rows.name, equals: a}\n",
        "fields.0.show_if.field: 'first.rows.name' names a column inside the table 'first.rows': a condition "
        "cannot test a table's cells",
    ),
    (
        "    show_if: {field: first.kind, equals: a, contains: x}\n",
        "fields.0.show_if: one test per condition (equals, contains given; only at_least with at_most make a range)",
    ),
    (
        "    show_if: {field: first.kind}\n",
        "fields.0.show_if: say what to test: add one of equals, in, contains, at_least or at_most",
    ),
    (
        '    show_if: {field: first.size, at_least: "5", at_most: "1"}\n',
        "fields.0.show_if: at_least is larger than at_most, so no answer could pass: swap them",
    ),
]


@pytest.mark.parametrize(("condition", "message"), REFUSED)
def test_a_wrong_condition_is_refused_at_its_line_saying_what_to_fix(
    condition: str, message: str, tmp_path: Path
) -> None:
    second = _pack(tmp_path, condition)
    problems = _problems(tmp_path)
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"{second}:{_line(second, 'show_if')}: {message}"), problems[0]


def test_in_a_list_of_conditions_the_wrong_one_is_named(tmp_path: Path) -> None:
    second = _pack(tmp_path, "    show_if:\n      - {field: first.kind, equals: a}\n      - {field: gone, equals: b}\n")
    assert _problems(tmp_path) == [
        f"{second}:{_line(second, 'gone')}: fields.0.show_if.1.field: 'gone' names no field: write the id of a "
        "field of this worksheet ('level') or worksheet_id.field_id for a field of another worksheet ('profile.level')"
    ]


def test_a_column_of_a_table_cannot_carry_a_condition(tmp_path: Path) -> None:
    first = FIRST.replace("        label: Name\n", "        label: Name\n        show_if: {field: kind, equals: a}\n")
    _pack(tmp_path, first=first)
    path = tmp_path / "00-first.yaml"
    assert _problems(tmp_path) == [
        f"{path}:{_line(path, 'show_if')}: fields.4.columns.0.show_if: a column of a table cannot have show_if "
        "(a row's cells are all asked): put the condition on the table itself, which then shows or hides as a whole"
    ]


def test_two_questions_that_show_each_other_are_a_loop(tmp_path: Path) -> None:
    second = _pack(tmp_path, "    show_if: {field: other, equals: a}\n")
    choices = "    choices:\n      - id: a\n        label: A\n"
    text = second.read_text(encoding="utf-8")
    text = text.replace(
        "Other\n    type: text\n", f"Other\n    type: choice\n    show_if: {{field: detail, equals: a}}\n{choices}"
    )
    text = text.replace("Detail\n    type: text\n", f"Detail\n    type: choice\n{choices}")
    second.write_text(text, encoding="utf-8")
    problems = _problems(tmp_path)
    lines = [n for n, line in enumerate(text.splitlines(), 1) if "show_if" in line]
    tail = (
        ": a question cannot wait on itself, and a worksheet cannot wait on its own fields; make one of them "
        "depend on an answer outside the loop"
    )
    assert problems == [
        f"{second}:{lines[0]}: fields.0.show_if: show_if goes round in a loop "
        f"(second.detail → second.other → second.detail){tail}",
        f"{second}:{lines[1]}: fields.1.show_if: show_if goes round in a loop "
        f"(second.other → second.detail → second.other){tail}",
    ]


def test_a_longer_loop_across_worksheets_is_found(tmp_path: Path) -> None:
    first = FIRST.replace("    label: Kind\n", "    label: Kind\n    show_if: {field: tags, contains: x}\n")
    first = first.replace("    label: Tags\n", "    label: Tags\n    show_if: {field: second.pick, at_least: '1'}\n")
    second = _pack(tmp_path, first=first)
    second.write_text(
        second.read_text(encoding="utf-8")
        + "  - id: pick\n    label: Pick\n    type: number\n    show_if: {field: first.kind, equals: a}\n",
        encoding="utf-8",
    )
    problems = _problems(tmp_path)
    assert len(problems) == 3  # every condition in the loop says so, at its own line
    assert "(first.kind → first.tags → second.pick → first.kind)" in problems[0]
    assert problems[2].startswith(f"{second}:{_line(second, 'first.kind')}: fields.2.show_if: show_if goes round")


def test_a_worksheet_cannot_depend_on_its_own_fields(tmp_path: Path) -> None:
    second = _pack(tmp_path, sheet_condition="show_if: {field: size, at_least: '1'}\n")
    text = second.read_text(encoding="utf-8").replace("id: other\n    label: Other\n    type: text", "id: size\n"
                                                      "    label: Size\n    type: number")  # fmt: skip
    second.write_text(text, encoding="utf-8")
    assert _problems(tmp_path) == [
        f"{second}:{_line(second, 'show_if')}: show_if: show_if goes round in a loop (second → second.size → "
        "second): a question cannot wait on itself, and a worksheet cannot wait on its own fields; make one of "
        "them depend on an answer outside the loop"
    ]


def test_a_question_cannot_depend_on_itself(tmp_path: Path) -> None:
    first = FIRST.replace("    label: Kind\n", "    label: Kind\n    show_if: {field: kind, equals: a}\n")
    _pack(tmp_path, first=first)
    (problem,) = _problems(tmp_path)
    assert "fields.0.show_if: show_if goes round in a loop (first.kind → first.kind)" in problem


def _loaded(tmp_path: Path, condition: str, sheet_condition: str = "") -> WorksheetPack:
    _pack(tmp_path, condition, sheet_condition)
    return load_worksheets(tmp_path)


def test_each_test_holds_for_the_answers_it_names(tmp_path: Path) -> None:
    cases = {
        "{field: first.kind, equals: a}": [("kind", "a", True), ("kind", "b", False), ("kind", None, False)],
        "{field: first.kind, in: [a, b]}": [("kind", "b", True), ("kind", None, False)],
        "{field: first.tags, contains: y}": [("tags", ["x", "y"], True), ("tags", ["x"], False), ("tags", [], False)],
        "{field: first.size, at_least: '3'}": [("size", 3, True), ("size", 2.5, False), ("size", None, False)],
        "{field: first.size, at_most: '3'}": [("size", 0, True), ("size", 4, False)],
        "{field: first.size, at_least: '1', at_most: '3'}": [("size", 2, True), ("size", 0, False), ("size", 9, False)],
    }
    for number, (condition, answers) in enumerate(cases.items()):
        folder = tmp_path / str(number)
        folder.mkdir()
        pack = _loaded(folder, f"    show_if: {condition}\n")
        for field, answer, shown in answers:
            campaign = Campaign(id="x")
            campaign.set_answer("first", field, answer)
            assert is_shown(campaign, pack, "second", "detail") is shown, (condition, answer)
            assert is_shown(campaign, pack, "second", "other")  # no condition of its own


def test_a_list_of_conditions_needs_them_all(tmp_path: Path) -> None:
    pack = _loaded(
        tmp_path, "    show_if:\n      - {field: first.kind, equals: a}\n      - {field: first.tags, contains: x}\n"
    )
    campaign = Campaign(id="x")
    campaign.set_answer("first", "kind", "a")
    assert not is_shown(campaign, pack, "second", "detail")
    campaign.set_answer("first", "tags", ["x"])
    assert is_shown(campaign, pack, "second", "detail")


def test_a_question_whose_condition_field_is_hidden_is_hidden_too(tmp_path: Path) -> None:
    first = FIRST.replace("    label: Tags\n", "    label: Tags\n    show_if: {field: kind, equals: a}\n")
    _pack(tmp_path, "    show_if: {field: first.tags, contains: x}\n", first=first)
    pack = load_worksheets(tmp_path)
    campaign = Campaign(id="x")
    campaign.set_answer("first", "tags", ["x"])
    campaign.set_answer("first", "kind", "b")  # hides tags, whose stored ["x"] would show detail
    assert not is_shown(campaign, pack, "first", "tags")
    assert not is_shown(campaign, pack, "second", "detail")
    campaign.set_answer("first", "kind", "a")
    assert is_shown(campaign, pack, "second", "detail")


def test_a_hidden_worksheet_hides_its_fields_and_is_no_step(tmp_path: Path) -> None:
    pack = _loaded(tmp_path, "", sheet_condition="show_if: {field: first.kind, equals: a}\n")
    campaign = Campaign(id="x")
    campaign.set_answer("first", "kind", "b")
    campaign.set_answer("second", "other", "kept")
    assert not is_shown(campaign, pack, "second") and not is_shown(campaign, pack, "second", "other")
    assert [sheet.id for sheet in shown_worksheets(campaign, pack)] == ["first"]
    assert shown_fields(campaign, pack, pack.worksheet("second")) == []
    progress = campaign_progress(campaign, pack)
    assert progress.steps["second"].fields == 0 and not progress.steps["second"].shown
    assert progress.overall.fields == 5 and progress.overall.given == 1 and progress.overall.complete
    campaign.set_answer("first", "kind", "a")
    assert [sheet.id for sheet in shown_worksheets(campaign, pack)] == ["first", "second"]
    assert campaign.answer("second", "other") == "kept"


def test_a_hidden_question_is_not_required_counted_or_checked(tmp_path: Path) -> None:
    pack = _loaded(tmp_path, "    show_if: {field: first.kind, equals: a}\n")
    campaign = Campaign(id="x")
    campaign.set_answer("first", "kind", "b")
    progress = campaign_progress(campaign, pack)
    assert progress.steps["second"].fields == 1 and progress.overall.complete  # "detail" is required, but hidden
    assert not [finding for finding in plan_check(campaign, pack) if finding.field_id == "detail"]
    campaign.set_answer("first", "kind", "a")
    progress = campaign_progress(campaign, pack)
    assert progress.steps["second"].fields == 2
    assert [gap.field_id for gap in progress.overall.missing] == ["detail"]
    assert [finding.field_id for finding in plan_check(campaign, pack)] == ["detail"]


def test_a_hidden_answer_is_kept_in_storage_and_comes_back(tmp_path: Path) -> None:
    pack = load_worksheets()
    repository = CampaignRepository(LocalFolderStore(tmp_path / "data"), pack)
    stored = repository.create(Campaign(id=""))
    mine = stored.copy()
    mine.set_answer("media", "media_types", ["fact_sheet"])
    mine.set_answer("media", "fact_sheets", ["The caseload gap, for MPs"])
    stored = repository.save(mine, stored).campaign
    assert is_shown(stored, pack, "media", "fact_sheets")
    hiding = stored.copy()
    hiding.set_answer("media", "media_types", ["social_media"])  # fact sheets no longer chosen
    stored = repository.save(hiding, stored).campaign
    reread = repository.load(stored.id)
    assert not is_shown(reread, pack, "media", "fact_sheets")
    assert reread.answer("media", "fact_sheets") == ["The caseload gap, for MPs"]
    assert "The caseload gap, for MPs" in (tmp_path / "data" / "campaigns" / stored.id / "campaign.yaml").read_text()
    assert "fact_sheets" not in {d.id for d in shown_fields(reread, pack, pack.worksheet("media"))}
    showing = reread.copy()
    showing.set_answer("media", "media_types", ["social_media", "fact_sheet"])
    stored = repository.save(showing, reread).campaign
    again = repository.load(stored.id)
    assert is_shown(again, pack, "media", "fact_sheets")
    assert again.answer("media", "fact_sheets") == ["The caseload gap, for MPs"]


def test_the_default_pack_shows_each_materials_questions_for_its_media_type_only() -> None:
    pack = load_worksheets()
    media = pack.worksheet("media")
    conditional = {d.id: d.show_if for d in media.fields if d.show_if is not None}
    assert set(conditional) == {"press_list", "news_moments", "opinion_authors", "fact_sheets", "social_accounts",
                                "spokespeople"}  # fmt: skip
    campaign = Campaign(id="x")
    assert [d.id for d in shown_fields(campaign, pack, media)] == ["media_types", "items"]
    campaign.set_answer("media", "media_types", ["press_release"])
    assert [d.id for d in shown_fields(campaign, pack, media)] == ["media_types", "press_list", "news_moments", "items"]
    example = example_campaign(pack)  # the worked example chooses every type, so it shows every question
    assert shown_fields(example, pack, media) == list(media.fields)
