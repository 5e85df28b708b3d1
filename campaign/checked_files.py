"""The campaign files a process reads and writes: each parsed and checked once, and written only when it passes
every check (the worksheets' rules, references, text cleaning, the size rule)."""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from campaign.campaign_file import campaign_to_data, check_campaign_data
from campaign.changes import edited_answers
from campaign.file_end import with_end_lines
from campaign.file_pieces import Draft, FilePieces, cleaned
from campaign.file_sections import Known, read_stored
from campaign.i18n import N_
from campaign.model import Campaign
from campaign.storage import StorageError
from campaign.strict_yaml import MAX_BYTES, MAX_VALUES, count_values
from campaign.worksheet import WorksheetPack

TOO_MANY_BYTES = N_(
    "the campaign file would be {size} bytes, over the limit of {limit} bytes; shorten or remove some long "
    "answers (nothing stored was changed)"
)
TOO_MANY_VALUES = N_(
    "the campaign would hold {count} values, over the limit of {limit}; remove some rows or list items "
    "(nothing stored was changed)"
)
PARSED_CACHE_SIZE = 256
KNOWN_STORED = 256  # the campaigns whose stored file a process remembers (it saved them last)


class CampaignDamaged(StorageError):
    """A stored campaign file does not read back; the message says why."""


class CampaignInvalid(StorageError):
    """A campaign breaks the worksheets' rules and is not stored (so the stored file always loads)."""


class CampaignTooLarge(CampaignInvalid):
    """The file a save would write is over the size rule (strict_yaml.MAX_BYTES / MAX_VALUES): nothing is stored."""


@dataclass(frozen=True)
class Replaced:
    """The stored file a save replaces, as the size rule needs it: its size and (asked only over the limit) how
    many values it holds."""

    size: int
    values: Callable[[], int]

    @classmethod
    def of(cls, data: bytes) -> Replaced:
        """Return what the size rule needs of the stored file `data`."""
        return cls(len(data), lambda: _values_in(data))


@dataclass(frozen=True)
class Written:
    """A file that passed every check: its bytes, the campaign as it loads (the parse cache's object: read it,
    never change it) and the values it holds."""

    data: bytes
    campaign: Campaign
    values: int


@dataclass(frozen=True)
class Stored:
    """The file this process stored last for a campaign, and its etag."""

    etag: str
    written: Written
    alone: bool  # nobody else had saved over this process's previous file either: a save may skip the read

    @property
    def replaced(self) -> Replaced:
        """Return what the size rule needs of this file, when a save replaces it."""
        return Replaced(len(self.written.data), lambda: self.written.values)


class CheckedFiles:
    """The parse cache (file content hash -> the campaign it holds) and the checks a file passes before it is
    written, for one worksheet pack."""

    def __init__(self, pack: WorksheetPack) -> None:
        self.pack = pack
        self._parsed: OrderedDict[bytes, Campaign] = OrderedDict()
        self._lock = threading.Lock()
        self._pieces = FilePieces()  # the stored worksheets' parts of the file, for the saves that leave them be
        self._stored: OrderedDict[str, Stored] = OrderedDict()  # campaign id -> the file this process stored last
        self._known: OrderedDict[str, Known] = OrderedDict()  # campaign id -> its last file's entries (file_sections)

    def parsed(self, data: bytes, label: str) -> Campaign:
        """Return the campaign in `data`, possibly the cached object itself: read it, never change it."""
        digest = hashlib.sha256(data).digest()
        with self._lock:
            cached = self._parsed.get(digest)
            if cached is not None:
                self._parsed.move_to_end(digest)
                return cached  # bytes this process wrote or read before: no need to parse them again
        with self._lock:
            known = self._known.get(label)
        campaign, problems, later = read_stored(data, self.pack, label, known)
        if campaign is None:
            details = "; ".join(map(str, problems[:3]))
            raise CampaignDamaged(N_("the stored campaign could not be read: {problems}"), problems=details)
        if label == campaign.id:  # a campaign's own file (not a version from its history): the next read's base
            self._know(label, later)
        return self._remember(digest, campaign)

    def _know(self, campaign_id: str, known: Known | None) -> None:
        """Keep `known` as what the next read of the campaign's file can take from the last one."""
        if known is None:
            return
        with self._lock:
            self._known.pop(campaign_id, None)
            self._known[campaign_id] = known
            while len(self._known) > KNOWN_STORED:
                self._known.popitem(last=False)

    def _remember(self, digest: bytes, campaign: Campaign) -> Campaign:
        """Cache `campaign`, made by this process and held by nobody else, as the content of the bytes with
        `digest`; from here on it is read, never changed (callers get copies)."""
        with self._lock:
            self._parsed[digest] = campaign
            while len(self._parsed) > PARSED_CACHE_SIZE:
                self._parsed.popitem(last=False)
        return campaign

    def last_stored(self, campaign_id: str) -> Stored | None:
        """Return the file this process stored last for the campaign (the store may hold a newer one)."""
        with self._lock:
            return self._stored.get(campaign_id)

    def stored_last(self, campaign_id: str, stored: Stored | None) -> None:
        """Remember `stored` as the file this process stored last for the campaign (None: forget it)."""
        with self._lock:
            self._stored.pop(campaign_id, None)
            if stored is not None:
                self._stored[campaign_id] = stored
                while len(self._stored) > KNOWN_STORED:
                    self._stored.popitem(last=False)

    def checked(self, campaign: Campaign, replaces: Replaced | None = None, stored: Campaign | None = None) -> Written:
        """Return the file of `campaign` once it passes every check.

        When `campaign` is an edit of `stored`, a campaign already checked (written or parsed by this process),
        only what the edit can break is validated again (`check_campaign_data` with `stored`): the verdict is
        the full check's. The worksheets it leaves identical are not cleaned nor turned into YAML again: their
        part of the file is the stored campaign's (campaign/file_pieces.py), the same bytes.

        Nothing unreadable is ever stored. The size rule is checked on the very bytes to be written: over the
        limit they are refused, unless they replace a larger stored file (`replaces`), so a campaign that grew
        too large before the rule can still be trimmed, one save at a time.

        That every cleaned text survives the trip through YAML is proven in tests/campaign/test_properties.py.
        """
        if stored is None:
            edited: set[tuple[str, str]] = set()
            draft = Draft(cleaned(campaign_to_data(campaign)))
        else:
            edited = edited_answers(stored, campaign)
            draft = self._pieces.draft(campaign, stored, edited)
        checked, problems = check_campaign_data(draft.data, self.pack, file="answer", stored=stored, edited=edited)
        if checked is None:
            details = "; ".join(p.message for p in problems[:3])
            raise CampaignInvalid(
                N_("this change was not saved because it breaks a rule of the worksheet: {problems}"), problems=details
            )
        text, values = draft.written()  # after the check: it gives rows written without an id their id
        data = with_end_lines(text).encode()
        if len(data) > MAX_BYTES and (replaces is None or len(data) >= replaces.size):
            raise CampaignTooLarge(TOO_MANY_BYTES, size=len(data), limit=MAX_BYTES)
        if values > MAX_VALUES and (replaces is None or values >= replaces.values()):
            raise CampaignTooLarge(TOO_MANY_VALUES, count=values, limit=MAX_VALUES)
        if draft.entries is not None:
            self._know(checked.id, Known(checked, draft.entries))
        return Written(data, self._remember(hashlib.sha256(data).digest(), checked), values)


def _values_in(data: bytes) -> int:
    """Return how many values the stored file `data` holds, as its reader counts them."""
    from campaign.strict_yaml import STORED_MAX_BYTES, STORED_MAX_VALUES, read_yaml

    return count_values(read_yaml(data, STORED_MAX_BYTES, STORED_MAX_VALUES).data)
