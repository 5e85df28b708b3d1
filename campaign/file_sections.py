"""A stored file read again in part: the worksheets whose lines a file read or written before held are not parsed.

When another server saves a campaign, it changes its head (revision, time) and a worksheet or two; every other
entry of `answers:` (a worksheet's key line and the lines under it) is, byte for byte, one this process has read or
written before. Those entries are each swapped for a one-line stand-in (`  sheet: <token>`), the rest of the file is
read by the strict reader as usual, and the stand-ins take back the answers the earlier file held. Only the
worksheets that changed are validated (`check_campaign_data` with `stored`: the verdict is the full check's).

It is used only when the cut is proven right on the text read: every entry starts on the line of a key of
`answers:`, the keys are the entries' own, in their order, the stand-ins read back as their tokens, and `answers:`
ends on the line of the next top-level key (or the file's last line). YAML values of one block mapping are then
independent of each other (the reader refuses anchors, aliases and tags), so each entry means in the new file what
it meant in the old. Anything else (a file edited by hand into another shape, a problem to report with its line)
is read whole, as before. Proven against the whole read in tests/campaign/test_file_sections.py.
"""

from __future__ import annotations

import itertools
import re
import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING

from campaign.campaign_file import check_campaign_data, read_campaign, read_limits
from campaign.file_end import FileEnd, file_end
from campaign.model import Campaign
from campaign.problems import Problem
from campaign.strict_yaml import Document, YamlProblem, count_values, read_yaml

if TYPE_CHECKING:
    from campaign.worksheet import WorksheetPack

_ANSWERS = b"\nanswers:\n"
_ENTRY_OR_END = re.compile(rb"^(?:  [^ #\t\r\n]|[^ \n])", re.MULTILINE)  # an entry's key line, or a top-level line
_END_LINE = re.compile(rb"# end of campaign file, sha256:[0-9a-f]{64}\n?")  # campaign/file_end.py's last line
_KEY = re.compile(rb"  ([a-z][a-z0-9_]{0,63}):[ \n]")  # how the writer writes a worksheet's key


@dataclass(frozen=True)
class Known:
    """A campaign and the `answers:` entries of its file, each proven one whole entry: bytes -> (sheet, values)."""

    campaign: Campaign
    entries: dict[bytes, tuple[str, int]]


@dataclass(frozen=True)
class _Cut:
    """A file cut at its `answers:` entries: the lines before the first, the entries, the lines after the last."""

    head: bytes
    entries: list[bytes]
    tail: bytes
    answers_line: int  # the line of `answers:` (1-based)


def _cut(raw: bytes) -> _Cut | None:
    at = raw.find(_ANSWERS)
    if at < 0:
        return None
    start = at + len(_ANSWERS)
    starts, end = [], len(raw)
    for found in _ENTRY_OR_END.finditer(raw, start):
        if raw[found.start()] != 32:  # a line at the first column: `answers:` ends there
            end = found.start()
            break
        starts.append(found.start())
    if not starts:
        return None
    bounds = [*starts, end]
    entries = [raw[a:b] for a, b in itertools.pairwise(bounds)]
    return _Cut(raw[: starts[0]], entries, raw[end:], raw.count(b"\n", 0, at + 1) + 1)


def _whole_entries(document: Document, cut: _Cut, keys: list[tuple[str, int]], end_line: int) -> bool:
    """Return True when the entries of `cut` (their keys and first lines, `keys`) are exactly those `document`
    read: each starting on its key's line, in order, `answers:` ending on line `end_line`."""
    data = document.data
    answers = data.get("answers") if isinstance(data, dict) else None
    if not isinstance(answers, dict) or list(answers) != [key for key, _ in keys]:
        return False
    if document.keys.get(("answers",)) != cut.answers_line:
        return False
    if any(document.keys.get(("answers", key)) != line for key, line in keys):
        return False
    top = list(data)
    after = top.index("answers") + 1
    if after < len(top):
        return document.keys.get((top[after],)) == end_line
    return not cut.tail or _END_LINE.fullmatch(cut.tail) is not None  # nothing, or the file's end line alone


def _keys_and_lines(cut: _Cut, parts: list[bytes]) -> tuple[list[tuple[str, int]], int] | None:
    """Return each part's key and first line (1-based) as the text of head + parts + tail numbers them, and the
    line `answers:` ends on; None when a part's key is not written as the writer writes one."""
    line = cut.head.count(b"\n") + 1
    keys = []
    for part in parts:
        key = _KEY.match(part)
        if key is None:
            return None
        keys.append((key[1].decode(), line))
        line += part.count(b"\n")
    return keys, line


def known_of(campaign: Campaign, raw: bytes, document: Document) -> Known | None:
    """Return what a later read can take from `raw`, the file `document` is the whole read of (None: nothing)."""
    cut = _cut(raw)
    numbered = _keys_and_lines(cut, cut.entries) if cut else None
    if cut is None or numbered is None or not _whole_entries(document, cut, *numbered):
        return None
    answers = document.data["answers"]
    entries = {}
    for entry, (key, _) in zip(cut.entries, numbered[0], strict=True):
        entries[entry] = (key, 1 + count_values(answers[key]))
    return Known(campaign, entries)


def read_with(raw: bytes, pack: WorksheetPack, file: str, known: Known) -> tuple[Campaign, Known] | None:
    """Return the stored campaign in `raw` read with the entries `known` holds, and what a later read can take
    from it; None when that cannot be done (the file is then read whole: its problems are worded there)."""
    max_bytes, max_values = read_limits(stored=True)
    cut = _cut(raw)
    if cut is None or len(raw) > max_bytes or file_end(raw) is FileEnd.CUT_SHORT:
        return None
    token = "t" + secrets.token_hex(12)
    stand_in = token.encode()
    if stand_in in raw:
        return None
    parts: list[bytes] = []
    reused: set[str] = set()
    values = 0
    for entry in cut.entries:
        taken = known.entries.get(entry)
        key = _KEY.match(entry)
        if taken is not None and key is not None and key[1].decode() == taken[0]:
            parts.append(b"  " + key[1] + b": " + stand_in + b"\n")
            reused.add(taken[0])
            values += taken[1] - 2  # the stand-in's key and token are counted in the text read
        else:
            parts.append(entry)
    numbered = _keys_and_lines(cut, parts)
    if not reused or numbered is None:
        return None
    try:
        document = read_yaml(b"".join((cut.head, *parts, cut.tail)), max_bytes, max_values)
    except YamlProblem:
        return None
    answers = document.data.get("answers") if isinstance(document.data, dict) else None
    if not _whole_entries(document, cut, *numbered) or not isinstance(answers, dict):
        return None
    if any(answers[sheet] != token for sheet in reused) or count_values(document.data) + values > max_values:
        return None
    edited = {(sheet, "") for sheet in answers if sheet not in reused}
    edited |= {(s.id, f.id) for s in pack.worksheets if s.id not in reused for f in s.fields}
    campaign, problems = check_campaign_data(document.data, pack, file, document, stored=known.campaign, edited=edited)
    if campaign is None or problems:
        return None
    entries = {
        entry: known.entries[entry] if key in reused else (key, 1 + count_values(answers[key]))
        for entry, (key, _) in zip(cut.entries, numbered[0], strict=True)
    }
    return campaign, Known(campaign, entries)


def read_stored(
    raw: bytes, pack: WorksheetPack, file: str, known: Known | None
) -> tuple[Campaign | None, list[Problem], Known | None]:
    """Return the stored campaign in `raw` (or None and its problems) and what a later read can take from it:
    read with `known` when it can be, else whole."""
    if known is not None:
        found = read_with(raw, pack, file, known)
        if found is not None:
            return found[0], [], found[1]
    campaign, problems, document = read_campaign(raw, pack, file, stored=True)
    if campaign is None or document is None:
        return None, problems, None
    return campaign, [], known_of(campaign, raw, document)
