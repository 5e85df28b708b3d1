"""Campaign files round-trip, and every kind of wrong answer is reported at its line."""

import copy
import datetime as dt
import hashlib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from campaign import campaign_file
from campaign.campaign_file import campaign_to_data, campaign_to_yaml, parse_campaign
from campaign.cli import run as run_command
from campaign.example import example_campaign
from campaign.file_end import FileEnd, file_end
from campaign.model import Campaign, Conflict, Settings
from campaign.repository import CampaignDamaged, CampaignRepository
from campaign.storage import LocalFolderStore
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
    assert text.splitlines()[1] == "schema_version: 1"  # after the first line, a comment saying the app wrote it
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
    "unknown top-level key": (("colour",), "blue", "colour: this key is not known here"),
    "unknown setting": (("settings", "size"), "big", "settings.size: this key is not known here"),
    "logo that is a path": (("settings", "logo"), "../x.png", "settings.logo: this value has characters"),
    "language that is not a code": (("language",), "French", "language: this value has characters"),
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


def test_the_file_is_read_into_the_model_dataclasses_with_no_second_model() -> None:
    classes = [value for value in vars(campaign_file).values() if isinstance(value, type)]
    copies = [c.__name__ for c in classes if issubclass(c, BaseModel) and c.__module__ == campaign_file.__name__]
    assert copies == []  # the file's schema is the model itself, not a pydantic copy of it
    data = campaign_to_data(EXAMPLE)
    data["conflicts"] = [{"path": "profile.name", "theirs": "Theirs", "revision": "3", "at": "2027-01-02T03:04:05"}]
    campaign, problems = parse_campaign(dump_yaml(data), PACK)
    assert problems == []
    assert isinstance(campaign, Campaign) and isinstance(campaign.settings, Settings)
    assert campaign.conflicts == [Conflict("profile.name", None, "Theirs", 3, "2027-01-02T03:04:05")]
    del data["schema_version"]
    _, problems = parse_campaign(dump_yaml(data), PACK)
    assert [p.message for p in problems] == ["schema_version: this is required but missing"]


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


# A file the app writes says where it ends, so a file cut short is never taken as whole.

WRITTEN = campaign_to_yaml(EXAMPLE).encode()


def _problems_of(raw: bytes) -> list[str]:
    campaign, problems = parse_campaign(raw, PACK, file="plan.yaml")
    assert (campaign is None) == bool(problems)
    return [str(p) for p in problems]


def _is_refused_as_incomplete(raw: bytes) -> bool:
    problems = _problems_of(raw)
    return len(problems) == 1 and "this file is incomplete" in problems[0]


def test_the_file_says_who_wrote_it_and_its_last_line_holds_the_digest_of_every_byte_before() -> None:
    first, *_, last = WRITTEN.decode().splitlines()
    assert first.startswith("# Written by the Advocacy Campaign Builder.")
    body = WRITTEN[: WRITTEN.rindex(b"\n# end of campaign file") + 1]
    assert last == "# end of campaign file, sha256:" + hashlib.sha256(body).hexdigest()
    assert WRITTEN.endswith(b"\n") and file_end(WRITTEN) is FileEnd.WHOLE
    assert parse_campaign(WRITTEN, PACK) == (EXAMPLE, [])


def test_a_file_cut_at_any_byte_is_refused_as_incomplete() -> None:
    # every cut, from the first byte to the last character of the end line (the YAML before a cut at a line
    # boundary reads fine: only the end line shows that something is missing)
    accepted = [size for size in range(1, len(WRITTEN) - 1) if not _is_refused_as_incomplete(WRITTEN[:size])]
    assert accepted == []


def test_a_file_cut_at_a_line_boundary_is_valid_yaml_and_still_refused() -> None:
    cut = WRITTEN[: WRITTEN.index(b"\n  audiences:") + 1]
    assert read_yaml(cut).data["answers"]["profile"]
    last_line = cut.count(b"\n")
    assert _problems_of(cut) == [
        f"plan.yaml:{last_line}: this file is incomplete: it stops before its last line, so its end is missing "
        "(perhaps a download or a copy was cut short); get the whole file again. If you deleted that last line "
        "yourself, delete the first line too."
    ]


def test_losing_only_the_final_newline_loses_nothing() -> None:
    assert file_end(WRITTEN[:-1]) is FileEnd.WHOLE and _problems_of(WRITTEN[:-1]) == []


def _windows(raw: bytes) -> bytes:
    return raw.replace(b"\n", b"\r\n")


RESAVED = {
    "windows line endings": _windows,
    "a byte order mark": lambda raw: b"\xef\xbb\xbf" + raw,
    "trailing blank lines": lambda raw: raw + b"\n  \n\n",
    "no final newline": lambda raw: raw.rstrip(b"\n"),
    "spaces at line ends": lambda raw: raw.replace(b"\n", b"  \n"),
    "all of these": lambda raw: b"\xef\xbb\xbf" + _windows(raw).replace(b"\r\n", b" \t\r\n") + b"\r\n\r\n",
}


@pytest.mark.parametrize("resave", RESAVED.values(), ids=RESAVED.keys())
def test_an_editor_resaving_the_file_unchanged_is_not_a_hand_edit(resave: Any) -> None:
    raw = resave(WRITTEN)
    assert file_end(raw) is FileEnd.WHOLE
    campaign, problems = parse_campaign(raw, PACK)
    assert problems == [] and campaign == EXAMPLE


@settings(max_examples=150, deadline=None)
@given(resave=st.sampled_from(list(RESAVED.values())), where=st.floats(0, 1, exclude_max=True))
def test_a_resaved_file_cut_short_is_refused_as_incomplete(resave: Any, where: float) -> None:
    raw = resave(WRITTEN)
    end_line = raw.rstrip(b" \t\r\n").rindex(b"\n") + 1
    size = 1 + int(where * (len(raw.rstrip(b" \t\r\n")) - 2))  # at least one byte, never the whole end line
    assert size < len(raw.rstrip(b" \t\r\n")) and (size < end_line or raw[:size].startswith(raw[:end_line]))
    assert _is_refused_as_incomplete(raw[:size])


def test_a_hand_edited_answer_opens_and_is_noted() -> None:
    name = EXAMPLE.answer("profile", "name")
    edited = WRITTEN.replace(f"name: {name}".encode(), b"name: Count Us In", 1)
    assert edited != WRITTEN
    campaign, problems = parse_campaign(edited, PACK)
    assert problems == [] and campaign.answer("profile", "name") == "Count Us In"
    assert file_end(edited) is FileEnd.EDITED


def test_lines_added_after_the_end_line_are_a_hand_edit_not_a_cut() -> None:
    edited = WRITTEN + b"conflicts: []\n"
    assert file_end(edited) is FileEnd.EDITED and _problems_of(edited) == []


def test_a_file_whose_first_line_was_removed_by_hand_opens_with_the_note() -> None:
    edited = WRITTEN.split(b"\n", 1)[1]
    assert file_end(edited) is FileEnd.EDITED and _problems_of(edited) == []


def test_an_older_file_without_the_first_line_opens_with_no_note() -> None:
    old = dump_yaml(campaign_to_data(EXAMPLE)).encode()
    assert not old.startswith(b"#")
    assert file_end(old) is FileEnd.UNMARKED and _problems_of(old) == []
    assert file_end(old[:3000]) is FileEnd.UNMARKED  # nothing says where it ends: read as hand-written


def test_a_stored_file_cut_short_is_reported_damaged_when_loaded(tmp_path: Path) -> None:
    store = LocalFolderStore(tmp_path / "data")
    repository = CampaignRepository(store, PACK)
    stored = repository.create(EXAMPLE)
    key = f"campaigns/{stored.id}/campaign.yaml"
    data = store.get(key).data
    assert file_end(data) is FileEnd.WHOLE  # storage writes the same file as a download
    store.put(key, data[: data.index(b"\n  audiences:") + 1])
    with pytest.raises(CampaignDamaged, match="this file is incomplete"):
        CampaignRepository(store, PACK).load(stored.id)


def test_validate_refuses_a_file_cut_short_and_notes_a_hand_edit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cut, edited = tmp_path / "cut.yaml", tmp_path / "edited.yaml"
    cut.write_bytes(WRITTEN[:3000])
    assert run_command(["validate", str(cut)], []) == 1
    printed = capsys.readouterr()
    assert printed.out == "" and "cut.yaml:" in printed.err and "this file is incomplete" in printed.err
    edited.write_bytes(WRITTEN.replace(b"level: national", b"level: regional", 1))
    assert run_command(["validate", str(edited)], []) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"{edited}: valid (complete)",
        f"{edited}: edited by hand since it was saved: check it before you continue",
    ]
