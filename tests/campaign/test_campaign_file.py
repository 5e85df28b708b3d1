"""Campaign files round-trip, and every kind of wrong answer is reported at its line."""

import copy
import datetime as dt
from typing import Any

import pytest

from campaign.campaign_file import campaign_to_data, campaign_to_yaml, parse_campaign
from campaign.example import example_campaign
from campaign.strict_yaml import dump_yaml, read_yaml
from campaign.worksheet import load_worksheets

PACK = load_worksheets()
EXAMPLE = example_campaign(PACK)
FIRST_OBJECTIVE = EXAMPLE.rows("objectives", "objectives")[0]["id"]


def test_the_example_round_trips_exactly() -> None:
    text = campaign_to_yaml(EXAMPLE)
    again, problems = parse_campaign(text, PACK)
    assert problems == []
    assert again == EXAMPLE
    assert campaign_to_yaml(again) == text


def test_answers_are_typed_against_the_worksheets() -> None:
    dates = [f for s in PACK.worksheets for f in s.fields if f.type == "date"]
    assert dates
    assert all(isinstance(EXAMPLE.answer(s.id, f.id), dt.date) for s in PACK.worksheets for f in s.fields if f in dates)
    rows = EXAMPLE.rows("objectives", "objectives")
    assert rows and all(isinstance(row["id"], str) for row in rows)


def test_the_file_is_readable_yaml_with_a_schema_version() -> None:
    text = campaign_to_yaml(EXAMPLE)
    assert text.startswith("schema_version: 1\n")
    assert "answers:\n  profile:\n" in text
    assert "!!" not in text and "&" not in text.split("answers:")[0]


def _edited(change: Any) -> tuple[str, Any]:
    data = copy.deepcopy(campaign_to_data(EXAMPLE))
    path = change(data)
    text = dump_yaml(data)
    return text, read_yaml(text).line_of(path)


def _set(path: tuple[Any, ...], value: Any) -> Any:
    def change(data: Any) -> tuple[Any, ...]:
        node = data
        for part in path[:-1]:
            node = node[part]
        node[path[-1]] = value
        return path

    return change


CASES = {
    "unknown field": (("answers", "profile", "colour"), "blue", "answers.profile.colour: this key is not known here"),
    "unknown choice": (("answers", "profile", "level"), "nationwide", "answers.profile.level: choose one of:"),
    "impossible date": (
        ("answers", "objectives", "objectives", 0, "deadline"),
        "2027-02-31",
        "answers.objectives.objectives.0.deadline: write the date as YYYY-MM-DD",
    ),
    "newer schema": (("schema_version",), 7, "schema_version: this should be at most 1"),
    "revision not a number": (("revision",), "lots", "revision: this should be a whole number"),
    "id that is a path": (("id",), "../../etc/passwd", "id: this value has characters"),
    "paper size": (("settings", "paper"), "a3", "settings.paper: choose one of: 'a4' or 'letter'"),
    "text too long": (("answers", "profile", "name"), "x" * 5000, "answers.profile.name: this text is too long"),
    "list instead of text": (("answers", "profile", "name"), ["a", "b"], "answers.profile.name: this should be text"),
    "dangling reference": (
        ("answers", "audiences", "audiences", 0, "objectives"),
        ["no-such-objective"],
        "'no-such-objective' is not a row of 'Advocacy objectives' (objectives.objectives); use one of [",
    ),
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_a_wrong_answer_is_reported_at_its_line(case: tuple[Any, Any, str]) -> None:
    path, value, expected = case
    text, line = _edited(_set(path, value))
    campaign, problems = parse_campaign(text, PACK, file="plan.yaml")
    assert campaign is None
    problem = next((p for p in problems if expected in p.message), None)
    assert problem is not None, problems
    assert problem.line == line
    assert str(problem).startswith(f"plan.yaml:{line}: ")


def test_rows_written_by_hand_without_ids_get_readable_ids() -> None:
    data = campaign_to_data(EXAMPLE)
    for row in data["answers"]["audiences"]["partners"]:
        del row["id"]
    campaign, problems = parse_campaign(dump_yaml(data), PACK)
    assert problems == []
    ids = [row["id"] for row in campaign.rows("audiences", "partners")]
    assert len(set(ids)) == len(ids) and all(ids)


def test_control_characters_and_unnormalised_text_are_cleaned() -> None:
    text, _ = _edited(_set(("answers", "profile", "name"), "Cafe\u0301 \x00\x1b\x0bAlliance"))
    campaign, problems = parse_campaign(text, PACK)
    assert problems == []
    assert campaign.answer("profile", "name") == "Café Alliance"


def test_yaml_11_values_are_read_as_text_not_booleans() -> None:
    text = campaign_to_yaml(EXAMPLE).replace(f"name: {EXAMPLE.answer('profile', 'name')}", "name: no", 1)
    campaign, problems = parse_campaign(text, PACK)
    assert problems == []
    assert campaign.answer("profile", "name") == "no"


def test_every_problem_is_reported_not_only_the_first() -> None:
    data = campaign_to_data(EXAMPLE)
    data["answers"]["profile"]["level"] = "nowhere"
    data["settings"]["paper"] = "a0"
    _, problems = parse_campaign(dump_yaml(data), PACK)
    assert len(problems) == 2
