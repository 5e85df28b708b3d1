"""The campaign file written in pieces: each worksheet's cleaned data and YAML kept for the saves that leave it be.

A one-field edit changes one worksheet; the others are the stored campaign's very answers (`checked_edits` keeps
them as they are). Their cleaned plain data, their lines of the file and their value count are made once, from
the stored campaign's answers, and reused while a save leaves them identical, keys in the same order
(`changes.edited_answers`). The file is then its head, the `answers:` pieces and its tail, each emitted by
PyYAML's C emitter at the column it has in the whole file: the same text as `dump_yaml` of the whole data, byte
for byte (tests/campaign/test_file_pieces.py).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from campaign.campaign_file import campaign_head, campaign_tail, plain_data
from campaign.model import Campaign
from campaign.strict_yaml import count_values, dump_yaml
from campaign.text import clean_text

KEPT_PIECES = 1024  # worksheets' pieces a writer keeps (a few campaigns' worth per stored version)
_OPEN_END = "...\n"  # the emitter ends the stream with this once it wrote a `|+` block anywhere
_ANSWERS = "answers:\n"


def cleaned(value: Any) -> Any:
    """Return plain data with every text cleaned as at the input boundary (NFC, no control characters) and
    whole numbers as integers."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)  # "3.0" reads back as 3: store 3, so the saver sees what every other reader loads
    if isinstance(value, dict):
        return {key: cleaned(item) for key, item in value.items()}
    if isinstance(value, list):
        return [cleaned(item) for item in value]
    return value


def _emitted(document: dict[str, Any]) -> tuple[str, bool]:
    """Return the YAML of a top-level mapping without the stream's closing "..." and whether it had one."""
    text = dump_yaml(document)
    if text.endswith("\n" + _OPEN_END):
        return text[: -len(_OPEN_END)], True
    return text, False


@dataclass
class Part:
    """Lines of the file: the YAML of `document`, a top-level mapping, as the whole file holds them.

    The emitter ends the file with "..." when the last `|` block it wrote keeps its final line breaks (`|+`):
    every block resets that, so whether a part ends the file open depends on the last part that holds a block.
    """

    document: dict[str, Any]
    text: str = ""
    opened: bool = False  # its last block is a `|+`
    _end: str = ""

    @classmethod
    def of(cls, document: dict[str, Any], prefix: str = "") -> Part:
        text, opened = _emitted(document)
        return cls(document, text.removeprefix(prefix), opened)

    def end(self) -> str:
        """Return OPEN or CLOSED (how its last block leaves the file's end), THROUGH when it holds no block."""
        if not self._end:
            if self.opened:
                self._end = OPEN
            elif not _has_break(self.document):
                self._end = THROUGH  # only a text with a line break is written as a block
            else:  # a block it holds would close a `|+` written before it; quoted texts leave it open
                self._end = THROUGH if _emitted({_BEFORE: "x\n\n", **self.document})[1] else CLOSED
        return self._end


OPEN, CLOSED, THROUGH = "open", "closed", "through"
_BEFORE = " a |+ block before"  # a key no part has


def _has_break(value: Any) -> bool:
    if isinstance(value, str):
        return "\n" in value
    if isinstance(value, dict):
        return any(_has_break(key) or _has_break(item) for key, item in value.items())
    if isinstance(value, list):
        return any(_has_break(item) for item in value)
    return False


@dataclass(frozen=True)
class Piece:
    """One worksheet's part of the file: `answers:` key `sheet` holding `data`, as the whole file writes it."""

    sheet: str
    source: Any  # the answers it was made from: held, so that no other object can take its id while it is kept
    data: Any  # the cleaned plain data
    part: Part
    values: int  # the values `read_yaml` counts in its lines (its key among them)


def _piece(sheet: str, source: Any, data: Any) -> Piece:
    return Piece(sheet, source, data, Part.of({"answers": {sheet: data}}, _ANSWERS), 1 + count_values(data))


@dataclass
class Draft:
    """A file to be written: its plain data (what the checks read, and may give row ids to) and the pieces
    taken from the stored campaign."""

    data: dict[str, Any]
    reused: dict[str, Piece] = field(default_factory=dict)

    entries: dict[bytes, tuple[str, int]] | None = None  # once written in pieces: each worksheet's entry

    def written(self) -> tuple[str, int]:
        """Return the file's YAML (without its first and end lines) and how many values it holds, as
        `dump_yaml(self.data)` and `count_values(self.data)` give them (call it after the checks). Written in
        pieces, `entries` holds each worksheet's entry of `answers:`, its text -> (worksheet, values)."""
        if not self.reused:
            return dump_yaml(self.data), count_values(self.data)
        self.entries = {}
        return assembled(self.data, self.reused, self.entries)


def assembled(
    data: dict[str, Any], reused: dict[str, Piece], entries: dict[bytes, tuple[str, int]] | None = None
) -> tuple[str, int]:
    """Return `dump_yaml(data)` and `count_values(data)`, made of the file's parts: its head, a piece per
    worksheet of `data["answers"]` (those of `reused` as they are) and its tail; each piece's entry of
    `answers:` is put into `entries` (its text -> worksheet and values), when given."""
    answers = data["answers"]
    head = {key: value for key, value in data.items() if key in _HEAD_KEYS}
    tail = {key: value for key, value in data.items() if key not in _HEAD_KEYS and key != "answers"}
    parts = [Part.of(head)] if head else []
    values = count_values({**head, "answers": {}, **tail})
    if not answers:
        parts.append(Part.of({"answers": {}}))
    else:
        parts.append(Part({}, _ANSWERS))
        for sheet, sheet_data in answers.items():
            piece = reused.get(sheet) or _piece(sheet, None, sheet_data)
            parts.append(piece.part)
            values += piece.values
            if entries is not None:
                entries[piece.part.text.encode()] = (sheet, piece.values)
    if tail:
        parts.append(Part.of(tail))
    text = "".join(part.text for part in parts)
    if not any(part.opened for part in parts):
        return text, values  # no `|+` block anywhere (as in nearly every campaign): the file is not left open
    ends = (part.end() for part in reversed(parts))
    return text + _OPEN_END if next((end for end in ends if end != THROUGH), CLOSED) == OPEN else text, values


class FilePieces:
    """The pieces one writer made of stored campaigns' worksheets, by the identity of their answers (never
    changed: the parse cache's campaigns are read, never written)."""

    def __init__(self, size: int = KEPT_PIECES) -> None:
        self.size = size
        self._kept: OrderedDict[int, Piece] = OrderedDict()
        self._lock = threading.Lock()

    def draft(self, campaign: Campaign, stored: Campaign, edited: Collection[tuple[str, str]]) -> Draft:
        """Return the draft of `campaign`'s file, an edit of `stored` changing the answers `edited`: the
        worksheets it leaves identical (keys in the same order) taken from the pieces of `stored`."""
        edited_sheets = {sheet for sheet, _ in edited}
        answers: dict[str, Any] = {}
        reused: dict[str, Piece] = {}
        for sheet, value in campaign.answers.items():
            before = stored.answers.get(sheet)
            if sheet in edited_sheets or not isinstance(before, dict) or list(before) != list(value):
                answers[str(sheet)] = cleaned(plain_data(value))
                continue
            piece = reused[sheet] = self._piece_of(sheet, before)
            answers[sheet] = piece.data
        data = {**cleaned(campaign_head(campaign)), "answers": answers, **cleaned(campaign_tail(campaign))}
        return Draft(data, reused)

    def _piece_of(self, sheet: str, answers: dict[str, Any]) -> Piece:
        with self._lock:
            piece = self._kept.get(id(answers))
            if piece is not None and piece.source is answers and piece.sheet == sheet:
                self._kept.move_to_end(id(answers))
                return piece
        piece = _piece(sheet, answers, cleaned(plain_data(answers)))
        with self._lock:
            self._kept[id(answers)] = piece
            while len(self._kept) > self.size:
                self._kept.popitem(last=False)
        return piece


_HEAD_KEYS = frozenset({"schema_version", "id", "revision", "created", "updated", "language", "pack"})
_HEAD_KEYS |= {"workshop", "owner", "settings"}
