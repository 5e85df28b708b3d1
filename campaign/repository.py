"""Campaigns in a store: create, load, save with revisions, and merge when two people save at once."""

from __future__ import annotations

import contextlib
import contextvars
import dataclasses
import datetime as dt
import hashlib
import random
import re
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from campaign.campaign_file import campaign_to_data, check_campaign_data, data_to_yaml, parse_campaign
from campaign.changes import edited_answers
from campaign.history import Burst, OpenBurst, place, read_note, with_note
from campaign.i18n import N_
from campaign.logo import LogoProblem, is_logo, is_logo_name, logo_name
from campaign.merge import merge_campaigns
from campaign.model import Campaign, Conflict, is_valid_id, new_id, now
from campaign.references import drop_dangling_references
from campaign.storage import NOT_READ, NOT_SAVED, BlobStore, NotModified, PreconditionFailed, StorageError
from campaign.strict_yaml import MAX_BYTES, MAX_VALUES, count_values
from campaign.text import clean_text
from campaign.worksheet import WorksheetPack

TOO_MANY_BYTES = N_(
    "the campaign file would be {size} bytes, over the limit of {limit} bytes; shorten or remove some long "
    "answers (nothing stored was changed)"
)
TOO_MANY_VALUES = N_(
    "the campaign would hold {count} values, over the limit of {limit}; remove some rows or list items "
    "(nothing stored was changed)"
)
MANY_AT_ONCE = N_("the campaign is being saved by many people at once; your answer was not saved, try again")
SAVE_PATIENCE_SECONDS = 90.0  # the longest a save keeps trying (each race it loses is another save landing)
BACK_OFF_SECONDS = 2.0  # the widest pause between two tries (docs/storage.md, "Many writers at once")
PARSED_CACHE_SIZE = 256
_REVISION_LINE = re.compile(rb"^revision: (\d+)$", re.MULTILINE)  # a stored file's own revision number
_RESTORING: contextvars.ContextVar[int | None] = contextvars.ContextVar("restoring", default=None)


class CampaignNotFound(LookupError):
    """No campaign has that id (or the id is malformed: it is never used to touch storage)."""


class CampaignDeleted(CampaignNotFound):
    """The campaign was deleted: it is kept for a while and can be restored (campaign/keeping.py)."""


class CampaignDamaged(StorageError):
    """A stored campaign file does not read back; the message says why."""


class CampaignInvalid(StorageError):
    """A campaign breaks the worksheets' rules and is not stored (so the stored file always loads)."""


class CampaignTooLarge(CampaignInvalid):
    """The file a save would write is over the size rule (strict_yaml.MAX_BYTES / MAX_VALUES): nothing is stored."""


class AssetRefused(CampaignInvalid):
    """A file that may not be stored as a campaign's logo; the message says why."""


@dataclass
class SaveResult:
    campaign: Campaign  # what is now stored (my answers merged into any newer save)
    merged: bool = False  # someone else had saved in between
    conflicts: list[Conflict] = field(default_factory=list)  # answers both changed; theirs kept, mine here


def _campaign_key(campaign_id: str) -> str:
    if not is_valid_id(campaign_id):
        raise CampaignNotFound(campaign_id)
    return f"campaigns/{campaign_id}/campaign.yaml"


def deleted_folder(campaign_id: str) -> str:
    """Return the folder of a deleted campaign's kept file(s): `deleted/<UTC time>.yaml` (campaign/keeping.py)."""
    return _campaign_key(campaign_id).rsplit("/", 1)[0] + "/deleted"


def _revision_key(campaign_id: str, revision: int) -> str:
    return f"campaigns/{campaign_id}/revisions/{revision:06d}.yaml"


def _asset_key(campaign_id: str, name: str) -> str:
    folder = _campaign_key(campaign_id).rsplit("/", 1)[0]
    # logo.png / logo.jpg: stored beside the campaign before logos were kept by content
    return f"{folder}/{name}" if name in {"logo.png", "logo.jpg"} else f"{folder}/assets/{name}"


class CampaignRepository:
    """Every read and write of a campaign goes through here, on top of one BlobStore."""

    def __init__(self, store: BlobStore, pack: WorksheetPack) -> None:
        self.store = store
        self.pack = pack
        self._parsed: OrderedDict[bytes, Campaign] = OrderedDict()  # file content hash -> campaign
        self._lock = threading.Lock()
        self._kept: OrderedDict[tuple[str, int], None] = OrderedDict()  # revisions this process saw stored
        self._open: dict[str, OpenBurst] = {}  # campaign id -> the burst this process may continue
        self._burst_locks: dict[str, threading.Lock] = {}
        self.clock = lambda: dt.datetime.now(dt.UTC)  # when a save is made, for its burst (tests set it)

    def create(
        self,
        campaign: Campaign | None = None,
        *,
        workshop: str | None = None,
        owner: str | None = None,
        by: str | None = None,
    ) -> Campaign:
        """Store `campaign` under a fresh server-made id and return it.

        Whatever id, workshop or owner the given campaign carried (an uploaded file can say anything) is
        replaced: the server alone decides which workshop and which signed-in user a campaign belongs to.
        """
        fresh = (campaign or Campaign(id="")).copy()
        fresh.id, fresh.revision, fresh.conflicts = new_id(), 1, []
        fresh.comments = []  # a workshop's comments never follow a file into another campaign
        fresh.workshop, fresh.owner = workshop, owner
        fresh.created = fresh.updated = now()
        data, checked = self._checked(fresh)
        self.store.put(_campaign_key(fresh.id), data, if_absent=True)
        self._keep_revision(fresh.id, 1, data, by)
        return checked.copy()  # the cached campaign stays as stored: the caller gets its own

    def _keep_revision(self, campaign_id: str, revision: int, data: bytes, by: str | None = None) -> None:
        """Copy a stored campaign file to its burst's revision file (one write: a new burst's, or the open one
        overwritten); if the store fails now, the next save copies it (campaign/history.py)."""
        with self._burst_locks.setdefault(campaign_id, threading.Lock()):  # one writer of a burst file at a time
            start, note, still_open = place(self._open.get(campaign_id), revision, by, self.clock(), _RESTORING.get())
            with contextlib.suppress(StorageError):  # the campaign itself is stored: "not saved" would be false
                self.store.put(_revision_key(campaign_id, start), with_note(data, note) if note.written else data)
                self._known_kept(campaign_id, revision)
                if still_open is None:
                    self._open.pop(campaign_id, None)
                else:
                    self._open[campaign_id] = still_open

    def _known_kept(self, campaign_id: str, revision: int) -> None:
        with self._lock:
            self._kept[(campaign_id, revision)] = None
            while len(self._kept) > PARSED_CACHE_SIZE:
                self._kept.popitem(last=False)

    def _ensure_kept(self, campaign_id: str, revision: int, data: bytes) -> None:
        """Copy the stored file to its revision if a crash between a save and its copy left it out; the store is
        asked only about revisions this process did not keep itself (a save costs a request less)."""
        if (campaign_id, revision) in self._kept:
            return
        key = _revision_key(campaign_id, revision)
        if not self.store.exists(key) and not self._in_newest_burst(campaign_id, revision):
            self.store.put(key, data)
        self._known_kept(campaign_id, revision)

    def _in_newest_burst(self, campaign_id: str, revision: int) -> bool:
        """Return True when the newest burst's file holds `revision`: a burst continued by another server (or
        by this one before it restarted), not a copy a crash cut off (two requests, only after a miss)."""
        earlier = [number for number in self.revisions(campaign_id) if number < revision]
        blob = self.store.get(_revision_key(campaign_id, earlier[-1])) if earlier else None
        found = _REVISION_LINE.search(blob.data) if blob is not None else None
        return found is not None and int(found[1]) == revision

    def load(self, campaign_id: str) -> Campaign:
        """Return the stored campaign; raise CampaignNotFound (CampaignDeleted) or CampaignDamaged."""
        blob = self.store.get(_campaign_key(campaign_id))
        if blob is None:
            raise (CampaignDeleted if self.store.keys(deleted_folder(campaign_id)) else CampaignNotFound)(campaign_id)
        return self._parse(blob.data, campaign_id)

    def load_if_changed(self, campaign_id: str, etag: str | None) -> tuple[Campaign, str] | None:
        """Return the stored campaign and its etag, or None when its etag is still `etag` (one conditional read,
        nothing parsed). The campaign may be the parse cache's own object: read it, never change it. Raise
        CampaignNotFound (CampaignDeleted) or CampaignDamaged, as `load` does."""
        blob = self.store.get(_campaign_key(campaign_id), if_none_match=etag)
        if isinstance(blob, NotModified):
            return None
        if blob is None:
            raise (CampaignDeleted if self.store.keys(deleted_folder(campaign_id)) else CampaignNotFound)(campaign_id)
        return self._parse_shared(blob.data, campaign_id), blob.etag

    def _parse(self, data: bytes, label: str) -> Campaign:
        """Return the campaign in `data`, a copy the caller may change."""
        return self._parse_shared(data, label).copy()

    def _parse_shared(self, data: bytes, label: str) -> Campaign:
        """Return the campaign in `data`, possibly the cached object itself: read it, never change it."""
        digest = hashlib.sha256(data).digest()
        with self._lock:
            cached = self._parsed.get(digest)
            if cached is not None:
                self._parsed.move_to_end(digest)
                return cached  # bytes this process wrote or read before: no need to parse them again
        campaign, problems = parse_campaign(data, self.pack, file=label, stored=True)
        if campaign is None:
            details = "; ".join(map(str, problems[:3]))
            raise CampaignDamaged(N_("the stored campaign could not be read: {problems}"), problems=details)
        return self._remember(digest, campaign)

    def _remember(self, digest: bytes, campaign: Campaign) -> Campaign:
        """Cache `campaign`, made by this process and held by nobody else, as the content of the bytes with
        `digest`; from here on it is read, never changed (callers get copies)."""
        with self._lock:
            self._parsed[digest] = campaign
            while len(self._parsed) > PARSED_CACHE_SIZE:
                self._parsed.popitem(last=False)
        return campaign

    def save(self, mine: Campaign, base: Campaign, *, by: str | None = None) -> SaveResult:
        """Store `mine`, an edit of `base`; merge with any save made since `base` was loaded.

        `by` names the writer (a group, a signed-in person, "" for the person with the link): a save by the same
        writer soon after their last one continues that editing burst in the history (campaign/history.py).
        """
        try:
            return self._save(mine, base, by)
        except StorageError as error:
            if error.template != NOT_READ:
                raise
            # the store failed while the save read the stored campaign: for the person, the answer is not saved
            raise StorageError(NOT_SAVED, words=error.words, **error.values) from None

    def _save(self, mine: Campaign, base: Campaign, by: str | None = None) -> SaveResult:
        key = _campaign_key(mine.id)
        patience = _Patience()
        while patience.more():
            blob = self.store.get(key)
            if blob is None:
                raise CampaignNotFound(mine.id)
            stored = self._parse_shared(blob.data, mine.id)
            self._ensure_kept(mine.id, stored.revision, blob.data)  # after a crash between a save and its copy
            conflicts: list[Conflict]
            if stored.revision == base.revision:
                # a shallow copy is enough: the answers are only read from here on, into new file data
                result, merged, conflicts = dataclasses.replace(mine), False, []
            else:
                result, conflicts = merge_campaigns(base, mine, stored)
                drop_dangling_references(result, self.pack)  # a row one side deleted, the other referenced
                merged = True
            result.revision, result.updated = stored.revision + 1, now()
            result.created, result.workshop, result.owner = stored.created, stored.workshop, stored.owner
            data, checked = self._checked(result, replaces=blob.data, stored=stored)
            try:
                self.store.put(key, data, if_match=blob.etag)
            except PreconditionFailed:
                continue  # someone saved between our read and write: merge again with theirs
            self._keep_revision(mine.id, checked.revision, data, by)
            return SaveResult(checked.copy(), merged, conflicts)  # the cached campaign stays as stored
        raise StorageError(MANY_AT_ONCE)

    def check(self, mine: Campaign, base: Campaign) -> None:
        """Raise CampaignInvalid when `mine`, an edit of `base`, could never be stored; the store is not asked
        (for a page whose store is failing: the answers waiting for it can all be stored together later)."""
        replaces = data_to_yaml(_cleaned(campaign_to_data(base))).encode()
        self._checked(dataclasses.replace(mine, revision=base.revision + 1), replaces=replaces)

    def _checked(
        self, campaign: Campaign, replaces: bytes = b"", stored: Campaign | None = None
    ) -> tuple[bytes, Campaign]:
        """Return the file bytes of `campaign` and the campaign as it will load (the parse cache's object: read it,
        never change it), once it passes every check.

        When `campaign` is an edit of `stored`, a campaign already checked (written or parsed by this process),
        only what the edit can break is validated again (`check_campaign_data` with `stored`): the verdict is
        the full check's.

        Nothing unreadable is ever stored. The size rule is checked on the very bytes to be written: over the
        limit they are refused, unless they replace a larger stored file (`replaces`), so a campaign that grew
        too large before the rule can still be trimmed, one save at a time.

        That every cleaned text survives the trip through YAML is proven in tests/campaign/test_properties.py.
        """
        plain = _cleaned(campaign_to_data(campaign))
        edited = () if stored is None else edited_answers(stored, campaign)
        checked, problems = check_campaign_data(plain, self.pack, file="answer", stored=stored, edited=edited)
        if checked is None:
            details = "; ".join(p.message for p in problems[:3])
            raise CampaignInvalid(
                N_("this change was not saved because it breaks a rule of the worksheet: {problems}"), problems=details
            )
        data = data_to_yaml(plain).encode()
        if len(data) > MAX_BYTES and len(data) >= len(replaces):
            raise CampaignTooLarge(TOO_MANY_BYTES, size=len(data), limit=MAX_BYTES)
        values = count_values(plain)
        if values > MAX_VALUES and (not replaces or values >= _values_in(replaces)):
            raise CampaignTooLarge(TOO_MANY_VALUES, count=values, limit=MAX_VALUES)
        return data, self._remember(hashlib.sha256(data).digest(), checked)

    def revisions(self, campaign_id: str) -> list[int]:
        """Return the numbers of the kept bursts (each its first revision), oldest first."""
        _campaign_key(campaign_id)
        keys = self.store.keys(f"campaigns/{campaign_id}/revisions")
        return sorted(int(k.rsplit("/", 1)[1].removesuffix(".yaml")) for k in keys if k.endswith(".yaml"))

    def load_revision(self, campaign_id: str, revision: int) -> Campaign:
        """Return the campaign as kept in burst `revision` (its newest state: its revision may be higher)."""
        return self.load_burst(campaign_id, revision).campaign

    def load_burst(self, campaign_id: str, number: int) -> Burst:
        """Return burst `number` of the campaign: its newest state and its note."""
        _campaign_key(campaign_id)
        blob = self.store.get(_revision_key(campaign_id, number))
        if blob is None:
            raise CampaignNotFound(f"{campaign_id} revision {number}")
        return Burst(number, self._parse(blob.data, f"{campaign_id}@{number}"), read_note(blob.data))

    def forget_burst(self, campaign_id: str, number: int) -> None:
        """Remove burst `number` from the history (the retention rule's sweep, campaign/history.py)."""
        self.store.delete(_revision_key(campaign_id, number))

    def restore(self, campaign_id: str, revision: int, *, by: str | None = None) -> Campaign:
        """Make an earlier burst's version the current one (as a new burst of its own) and return it."""
        current = self.load(campaign_id)
        old = self.load_revision(campaign_id, revision)
        old.revision = current.revision
        old.comments = current.comments  # a facilitator's feedback is not a version of the answers: it stays
        token = _RESTORING.set(revision)  # the new burst says where it came from: thinning keeps that one
        try:
            return self.save(old, current, by=by).campaign
        finally:
            _RESTORING.reset(token)

    def put_asset(self, campaign_id: str, data: bytes) -> str:
        """Store `data` as the campaign's logo and return its name for `Settings.logo`; raise AssetRefused.

        The name is the content's hash: a new logo never replaces an older one, so every earlier version of the
        campaign keeps the logo it had, and bringing that version back brings its logo back.
        """
        _campaign_key(campaign_id)  # a malformed id never reaches the checks, nor the store
        try:
            name = logo_name(data)
        except LogoProblem as problem:
            raise AssetRefused(problem.template, words=(), **problem.values) from None
        key = _asset_key(campaign_id, name)
        if not self.store.exists(key):
            self.store.put(key, data)
        return name

    def get_asset(self, campaign_id: str, name: str) -> bytes | None:
        """Return a campaign's asset (its logo, by the name its settings hold), or None when there is none or it
        breaks the logo rule: whoever wrote it (another client, a copied folder), the rule is checked here too."""
        if not is_logo_name(name):
            return None
        blob = self.store.get(_asset_key(campaign_id, name))
        return blob.data if blob and is_logo(blob.data, name) else None

    def campaign_ids(self) -> list[str]:
        """Return the ids of every stored campaign (a deleted one has no campaign.yaml: it is not among them)."""
        keys = self.store.keys("campaigns")
        return sorted({k.split("/")[1] for k in keys if k.endswith("/campaign.yaml") and is_valid_id(k.split("/")[1])})


class _Patience:
    """When a save that lost a race tries again: after a random pause whose range doubles with each race lost,
    from 10 ms up to BACK_OFF_SECONDS, so that however many writers wait, their tries together stay within what
    the store can serve (tries that all fail serve nobody; a ceiling that narrowed for the longest waiting
    measured worse: their extra tries slowed every save). It stops after SAVE_PATIENCE_SECONDS: every race lost
    means another save landed, so a campaign that many people save at once is moving and this save is queued
    behind theirs, not stuck."""

    def __init__(self) -> None:
        self.start, self.races = time.monotonic(), -1

    def more(self) -> bool:
        """Return True when the save may try (again: it lost a race), after its pause."""
        self.races += 1
        if not self.races:
            return True
        if time.monotonic() - self.start >= SAVE_PATIENCE_SECONDS:
            return False
        time.sleep(random.uniform(0, min(BACK_OFF_SECONDS, 0.005 * 2**self.races)))
        return True


def _values_in(data: bytes) -> int:
    """Return how many values the stored file `data` holds, as its reader counts them."""
    from campaign.strict_yaml import STORED_MAX_BYTES, STORED_MAX_VALUES, read_yaml

    return count_values(read_yaml(data, STORED_MAX_BYTES, STORED_MAX_VALUES).data)


def _cleaned(value: Any) -> Any:
    """Return plain data with every text cleaned as at the input boundary (NFC, no control characters) and
    whole numbers as integers."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)  # "3.0" reads back as 3: store 3, so the saver sees what every other reader loads
    if isinstance(value, dict):
        return {key: _cleaned(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_cleaned(item) for item in value]
    return value
