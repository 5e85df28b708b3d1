"""The history a person reads: editing bursts (when, who, what changed) and the rule that thins old ones.

A burst is one revision file, `revisions/<n>.yaml`, named by the burst's first revision and overwritten by each
later save of the same burst (campaign/repository.py decides). The file is the campaign file with one comment
line, the note, after its first line: who saved, when, how many saves the burst holds, and which burst a
restore brought back. The campaign file itself never carries it.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from campaign.changes import changed_answers, same
from campaign.file_end import END, HEADER, with_end_lines
from campaign.i18n import Translator
from campaign.model import Campaign
from campaign.reading import field_label
from campaign.worksheet import WorksheetPack

if TYPE_CHECKING:
    from campaign.repository import CampaignRepository

BURST_SECONDS = 300  # a save within 5 minutes of the burst's last one, by the same writer, continues it
KEEP_EVERY_DAYS = 14  # every burst of the last 14 days is kept
KEEP_DAILY_DAYS = 90  # then the newest burst of each day, up to 90 days; then the newest of each month
NOTE = "# saved by: "
BROWSER = "\x1f"  # ends the name in a writer label, before its session: no cleaned name holds it


@dataclass(frozen=True)
class Note:
    """What a burst's file says about the burst."""

    by: str | None = None  # None: saved without a writer (the command line, a script); "" the person with the link
    at: str = ""  # when its last save was made (ISO, UTC)
    saves: int = 1
    restored_from: int | None = None  # the burst this one brought back

    @property
    def written(self) -> bool:
        """Return True when the burst's file carries this note (a save without a writer is kept byte for byte)."""
        return self.by is not None or self.restored_from is not None


@dataclass(frozen=True)
class OpenBurst:
    """The burst a process may continue: the one its last save of a campaign went to."""

    start: int  # its file's number: its first revision
    last: int  # the revision its file holds
    by: str
    at: dt.datetime  # its last save
    saves: int


@dataclass(frozen=True)
class Burst:
    """One listed entry of the history: a burst's number (its first revision), its newest state and its note."""

    number: int
    campaign: Campaign
    note: Note

    @property
    def saved(self) -> dt.datetime:
        """Return when the burst's last save was made (UTC)."""
        return _moment(self.note.at or self.campaign.updated)


def place(
    burst: OpenBurst | None, revision: int, by: str | None, moment: dt.datetime, restored_from: int | None
) -> tuple[int, Note, OpenBurst | None]:
    """Return the burst file a save of `revision` is kept in, its note, and the burst open after it.

    The save continues `burst` when it is by the same writer, nobody saved in between, and it comes within
    BURST_SECONDS of the burst's last save. A save without a writer, a restore and the first version are each
    a burst of their own, and none is continued.
    """
    continues = (
        by is not None
        and restored_from is None
        and burst is not None
        and (burst.by, burst.last) == (by, revision - 1)
        and (moment - burst.at).total_seconds() <= BURST_SECONDS
    )
    start, saves = (burst.start, burst.saves + 1) if burst is not None and continues else (revision, 1)
    note = Note(by=by, at=moment.isoformat(timespec="seconds"), saves=saves, restored_from=restored_from)
    if by is None or restored_from is not None or revision == 1:
        return start, note, None
    return start, note, OpenBurst(start, revision, by, moment, saves)


def with_note(data: bytes, note: Note) -> bytes:
    """Return campaign file `data` with `note` as its second line (and its end line made to match)."""
    text = data.decode("utf-8", "surrogatepass")
    first, _, rest = text.partition("\n")
    end = rest.rfind(END)
    if first != HEADER or end < 0:
        return data  # not a file the app wrote: kept as it is, without a note
    fields = {"by": note.by, "at": note.at, "saves": note.saves, "restored_from": note.restored_from}
    line = NOTE + json.dumps({k: v for k, v in fields.items() if v is not None}, ensure_ascii=False)
    return with_end_lines(f"{line}\n{rest[:end]}").encode("utf-8", "surrogatepass")


def read_note(data: bytes) -> Note:
    """Return the note of a burst's file (an empty note for a file kept before bursts, or a broken note)."""
    second = data.split(b"\n", 2)[1:2]
    if not second or not second[0].startswith(NOTE.encode()):
        return Note()
    try:
        fields = json.loads(second[0][len(NOTE) :].decode("utf-8", "surrogatepass"))
        return Note(
            by=str(fields["by"]) if isinstance(fields.get("by"), str) else None,
            at=str(fields.get("at", "")),
            saves=int(fields.get("saves", 1)),
            restored_from=int(fields["restored_from"]) if fields.get("restored_from") is not None else None,
        )
    except (ValueError, TypeError, AttributeError):
        return Note()


def bursts(
    repository: CampaignRepository, campaign_id: str, newest: int | None = None, known: dict[int, Burst] | None = None
) -> list[Burst]:
    """Return the kept bursts of a campaign, oldest first (only the `newest` ones when given). A burst in
    `known` (read before) is not read again, except the newest then and now: only the newest is ever continued."""
    numbers = repository.revisions(campaign_id)
    chosen = numbers[-newest:] if newest else numbers
    known = dict(known or {})
    for number in ([max(known)] if known else []) + chosen[-1:]:
        known.pop(number, None)
    return [known[number] if number in known else repository.load_burst(campaign_id, number) for number in chosen]


def browser_writer(session: str, name: str = "") -> str:
    """Return the writer label of a browser session: the name it saves under (a group's, a signed-in person's;
    none for a personal campaign's link) and the session, so two laptops of one group are two writers."""
    return f"{name}{BROWSER}{session}"


def who(note: Note, t: Translator) -> str:
    """Return who saved a burst, in words: a group's or person's name, "You" (a browser session with the
    campaign's link), or "—" (not recorded)."""
    if note.by is None:
        return "—"  # saved by the command line, a script, or before writers were recorded
    return note.by.split(BROWSER, 1)[0] or t("You")


def what_changed(older: Campaign | None, newer: Campaign, pack: WorksheetPack, t: Translator) -> str:
    """Return what `newer` changed since `older` in words, step by step: "Objectives: Goal, 2 cells"."""
    if older is None:
        return t("First version")
    changed = set(changed_answers(older, newer))
    parts = []
    for sheet in pack.worksheets:
        labels, cells = [], 0
        for definition in sheet.fields:
            if (sheet.id, definition.id) not in changed:
                continue
            if definition.is_table:
                cells += _cells_changed(older.rows(sheet.id, definition.id), newer.rows(sheet.id, definition.id))
            else:
                labels.append(field_label(definition))
        if cells:
            labels.append(t.ngettext("{count} cell", "{count} cells", cells))
        if labels:
            parts.append(t("{step}: {changes}", step=sheet.short_title, changes=", ".join(labels)))
    if older.settings != newer.settings or older.language != newer.language:
        parts.append(t("Campaign settings"))
    return "; ".join(parts) or t("No answer changed")


def _cells_changed(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> int:
    """Return how many cells differ between two versions of a table (a row added or removed: its cells)."""
    before = {str(row.get("id")): row for row in old}
    after = {str(row.get("id")): row for row in new}
    count = 0
    for row_id in before.keys() | after.keys():
        one, two = before.get(row_id, {}), after.get(row_id, {})
        count += sum(1 for column in (one.keys() | two.keys()) - {"id"} if not same(one.get(column), two.get(column)))
    return count or 1  # a table changed by its rows' order alone still changed


def kept(listed: list[Burst], now: dt.datetime) -> set[int]:
    """Return the numbers of the bursts the retention rule keeps at `now`.

    Every burst of the last KEEP_EVERY_DAYS days; of older ones the newest of each day up to KEEP_DAILY_DAYS
    days, then the newest of each month. Never removed: the first version, the newest burst, a restore and
    the burst it brought back.
    """
    if not listed:
        return set()
    keep = {listed[0].number, listed[-1].number}
    keep |= {b.number for b in listed if b.note.restored_from is not None}
    keep |= {b.note.restored_from for b in listed if b.note.restored_from is not None}
    newest_of: dict[tuple[int, ...], int] = {}
    for burst in listed:  # oldest first: a later burst of the same day or month replaces an earlier one
        age = now - burst.saved
        if age <= dt.timedelta(days=KEEP_EVERY_DAYS):
            keep.add(burst.number)
        elif age <= dt.timedelta(days=KEEP_DAILY_DAYS):
            newest_of[burst.saved.date().timetuple()[:3]] = burst.number
        else:
            newest_of[(burst.saved.year, burst.saved.month)] = burst.number
    return keep | set(newest_of.values())


def thin(repository: CampaignRepository, campaign_id: str, now: dt.datetime | None = None) -> list[int]:
    """Remove the bursts the retention rule no longer keeps; return their numbers."""
    listed = bursts(repository, campaign_id)
    keep = kept(listed, now or dt.datetime.now(dt.UTC))
    removed = [b.number for b in listed if b.number not in keep]
    for number in removed:
        repository.forget_burst(campaign_id, number)
    return removed


def _moment(stamp: str) -> dt.datetime:
    try:
        moment = dt.datetime.fromisoformat(stamp)
    except (TypeError, ValueError):
        return dt.datetime.min.replace(tzinfo=dt.UTC)
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


@dataclass(frozen=True)
class Entry:
    """A burst as the history lists it: the burst, who saved it and what it changed, in words."""

    burst: Burst
    who: str
    what: str


def recent(
    repository: CampaignRepository,
    campaign_id: str,
    count: int,
    t: Translator,
    known: list[Entry] | None = None,
    pack: WorksheetPack | None = None,
) -> list[Entry]:
    """Return the newest `count` bursts of a campaign as listed, newest first, each with what it changed since
    the burst before it in the words of `pack` (the page's; the repository's by default; one more burst is read
    for that); bursts of `known` entries are not read again."""
    read = {entry.burst.number: entry.burst for entry in known or []}
    listed = bursts(repository, campaign_id, newest=count + 1, known=read)
    entries = []
    for older, burst in zip([None, *listed], listed, strict=False):
        if older is None and len(listed) > count:
            continue  # the one read only to say what the next one changed
        what = what_changed(older.campaign if older else None, burst.campaign, pack or repository.pack, t)
        if burst.note.restored_from is not None:
            what = t("Brought back an earlier version: {changes}", changes=what)
        entries.append(Entry(burst, who(burst.note, t), what))
    return entries[::-1]
