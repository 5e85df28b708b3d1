"""A stored file read with the worksheets a file read or written before held (campaign/file_sections.py) gives
what the whole read gives, for any file: the same campaign, or the same refusal; and it is used, reading and
validating only the worksheets that changed."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import campaign.answers
from campaign.campaign_file import campaign_to_yaml
from campaign.checked_files import CampaignDamaged, CheckedFiles
from campaign.example import example_campaign
from campaign.model import Campaign
from campaign.worksheet import load_worksheets
from tests.campaign.test_properties import FIELDS, _normal, answer_for

PACK = load_worksheets()
ID = "A" * 22
# lines that would move an entry's end, open a text across entries, or say something else at the top level
SNIPPETS = [
    "  profile: 1",
    "  objectives:",
    '  x: "open',
    '"',
    "'",
    "answers:",
    "answers: {}",
    "foo: bar",
    "# a comment",
    "  # a comment",
    "    note: |+",
    "",
    "    [a,",
    "]",
    "---",
    "...",
    "  - a",
    "    - id: x",
    "\t",
    "  media: &a {}",
    "    name: *a",
    "revision: 9",
    "# end of campaign file, sha256:" + "0" * 64,
]


@st.composite
def versions(draw: st.DrawFn) -> tuple[Campaign, Campaign]:
    """Return a campaign and a later version of it with some worksheets answered again."""
    first = Campaign(id=ID, revision=1)
    for sheet, field in FIELDS:  # in order, so references can pick rows typed in earlier worksheets
        first.set_answer(sheet.id, field.id, _normal(draw(answer_for(field, first), label=field.id)))
    later = first.copy()
    later.revision = 2
    again = draw(st.sets(st.sampled_from([sheet.id for sheet in PACK.worksheets])), label="worksheets answered again")
    for sheet, field in FIELDS:
        if sheet.id in again:
            later.set_answer(sheet.id, field.id, _normal(draw(answer_for(field, later), label=f"again {field.id}")))
    return first, later


def _mutated(raw: bytes, draw: st.DrawFn) -> bytes:
    """Return `raw` with a few lines inserted, removed or replaced anywhere (or as it is)."""
    lines = raw.split(b"\n")
    for _ in range(draw(st.integers(0, 3), label="changes")):
        at = draw(st.integers(0, len(lines) - 1), label="line")
        how = draw(st.sampled_from(["insert", "remove", "replace"]), label="how")
        snippet = draw(st.sampled_from(SNIPPETS), label="snippet").encode()
        if how == "insert":
            lines.insert(at, snippet)
        elif how == "remove" and len(lines) > 1:
            del lines[at]
        else:
            lines[at] = snippet
    return b"\n".join(lines)


def _outcome(files: CheckedFiles, raw: bytes) -> Any:
    try:
        return files.parsed(raw, ID)
    except CampaignDamaged as damaged:
        return ("refused", damaged.values)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(pair=versions(), data=st.data())
def test_a_file_read_with_an_earlier_one_is_what_the_whole_read_gives(
    pair: tuple[Campaign, Campaign], data: st.DataObject
) -> None:
    first, later = pair
    reader = CheckedFiles(PACK)
    reader.parsed(campaign_to_yaml(first).encode(), ID)  # read whole: what the next read may take from
    raw = _mutated(campaign_to_yaml(later).encode(), data.draw)
    outcome = _outcome(reader, raw)
    assert outcome == _outcome(CheckedFiles(PACK), raw)  # a reader that knows nothing reads the file whole
    again = _mutated(campaign_to_yaml(first).encode(), data.draw)  # and a read after that one, from what it left
    assert _outcome(reader, again) == _outcome(CheckedFiles(PACK), again)


@pytest.fixture
def validated_sheets(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The worksheets each validation of answers was given, from here on."""
    calls: list[list[str]] = []
    real = campaign.answers.validated

    def counted(model: Any, data: Any) -> Any:
        calls.append(sorted(data) if isinstance(data, dict) else [])
        return real(model, data)

    monkeypatch.setattr(campaign.answers, "validated", counted)
    return calls


def test_another_servers_save_is_read_and_checked_only_where_it_changed(validated_sheets: list[list[str]]) -> None:
    mine, theirs = CheckedFiles(PACK), CheckedFiles(PACK)
    stored = example_campaign(PACK)
    stored.id, stored.revision = ID, 1
    stored = mine.parsed(campaign_to_yaml(stored).encode(), ID)
    edit = stored.copy()
    edit.revision = 2
    edit.set_answer("objectives", "goal", "Mine")
    written = mine.checked(edit, stored=stored)  # this server's save: its pieces are what it knows of the file
    other = theirs.parsed(written.data, ID).copy()
    other.revision = 3
    other.set_answer("profile", "name", "Theirs")
    their_file = theirs.checked(other, stored=theirs.parsed(written.data, ID)).data
    validated_sheets.clear()
    read = mine.parsed(their_file, ID)
    assert validated_sheets == [["profile"]]  # the one worksheet that changed, not the eight
    assert read == CheckedFiles(PACK).parsed(their_file, ID)
    assert read.answers["audiences"] is written.campaign.answers["audiences"]  # taken, not parsed again


def test_a_file_edited_by_hand_into_another_shape_is_read_whole(validated_sheets: list[list[str]]) -> None:
    reader = CheckedFiles(PACK)
    stored = example_campaign(PACK)
    stored.id, stored.revision = ID, 1
    raw = campaign_to_yaml(stored).encode()
    reader.parsed(raw, ID)
    indented = raw.replace(b"\n  ", b"\n   ").replace(b"revision: 1", b"revision: 2")  # every line one deeper
    validated_sheets.clear()
    assert reader.parsed(indented, ID) == CheckedFiles(PACK).parsed(indented, ID)
    assert len(validated_sheets[0]) == len(stored.answers)  # read and checked whole


def _by_hand(answers: str, revision: int = 1) -> bytes:
    """Return a campaign file with the given `answers:` lines, as a person might edit one (no end line)."""
    head = f"schema_version: 1\nid: {ID}\nrevision: {revision}\nlanguage: en\npack: default\n"
    return (head + "answers:\n" + answers).encode()


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # a quoted text that goes on at the first column: `answers:` does not end there
        ('  profile:\n    name: "Plan\n# one"\n', '  profile:\n    name: "Plan\n# two"\n'),
        ('  profile:\n    name: "Plan\n# one"\nsettings: {}\n', '  profile:\n    name: "Plan\n# two"\nsettings: {}\n'),
        # a quoted text that goes on at a worksheet key's column: no worksheet starts there
        ('  profile:\n    name: "Plan\n  objectives: one"\n', '  profile:\n    name: "Plan\n  objectives: two"\n'),
    ],
)
def test_lines_that_only_look_like_the_end_of_a_worksheet_are_not_taken_for_one(first: str, second: str) -> None:
    reader = CheckedFiles(PACK)
    _outcome(reader, _by_hand(first))
    raw = _by_hand(second, revision=2)
    assert _outcome(reader, raw) == _outcome(CheckedFiles(PACK), raw)
