"""Campaigns in a store: create, load, save with revisions, and merge when two people save at once."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import time
from dataclasses import dataclass, field

from campaign.campaign_file import campaign_to_data, data_to_yaml
from campaign.checked_files import CampaignDamaged as CampaignDamaged  # re-exported: callers find them here
from campaign.checked_files import CampaignInvalid, CheckedFiles, Replaced, Stored, Written
from campaign.checked_files import CampaignTooLarge as CampaignTooLarge
from campaign.file_pieces import cleaned
from campaign.history import Burst, read_note
from campaign.i18n import N_
from campaign.logo import LogoProblem, is_logo, is_logo_name, logo_name
from campaign.merge import merge_campaigns
from campaign.model import Campaign, Conflict, is_valid_id, new_id, now
from campaign.references import drop_dangling_references
from campaign.revisions import RESTORING, RevisionKeeper, revision_key, revision_numbers
from campaign.storage import NOT_READ, NOT_SAVED, BlobStore, NotModified, PreconditionFailed, StorageError
from campaign.worksheet import WorksheetPack

MANY_AT_ONCE = N_("the campaign is being saved by many people at once; your answer was not saved, try again")
SAVE_PATIENCE_SECONDS = 90.0  # the longest a save keeps trying (each race it loses is another save landing)
BACK_OFF_SECONDS = 2.0  # the widest pause between two tries (docs/storage.md, "Many writers at once")
_cleaned = cleaned  # the name tests/campaign/test_partial_check.py knows


class CampaignNotFound(LookupError):
    """No campaign has that id (or the id is malformed: it is never used to touch storage)."""


class CampaignDeleted(CampaignNotFound):
    """The campaign was deleted: it is kept for a while and can be restored (campaign/keeping.py)."""


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


def _asset_key(campaign_id: str, name: str) -> str:
    folder = _campaign_key(campaign_id).rsplit("/", 1)[0]
    # logo.png / logo.jpg: stored beside the campaign before logos were kept by content
    return f"{folder}/{name}" if name in {"logo.png", "logo.jpg"} else f"{folder}/assets/{name}"


class CampaignRepository:
    """Every read and write of a campaign goes through here, on top of one BlobStore."""

    def __init__(self, store: BlobStore, pack: WorksheetPack) -> None:
        self.store = store
        self.pack = pack
        self._files = CheckedFiles(pack)  # the parse cache, and the checks a file passes before it is written
        self._revisions = RevisionKeeper(store)
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
        written = self._files.checked(fresh)
        etag = self.store.put(_campaign_key(fresh.id), written.data, if_absent=True)
        self._keep(fresh.id, etag, written, by)
        return written.campaign.copy()  # the cached campaign stays as stored: the caller gets its own

    def _keep(self, campaign_id: str, etag: str, written: Written, by: str | None, alone: bool = True) -> None:
        """Keep the file just stored in its burst's revision file, and remember it as the stored one while its
        revision is known kept (else the next save reads the store, and copies what a failure left out).
        `alone`: the file it replaced was this process's own, so the next save may skip the read."""
        kept = self._revisions.keep(campaign_id, written.campaign.revision, written.data, by, self.clock())
        self._files.stored_last(campaign_id, Stored(etag, written, alone) if kept and etag else None)

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
        return self._files.parsed(blob.data, campaign_id), blob.etag

    def _parse(self, data: bytes, label: str) -> Campaign:
        """Return the campaign in `data`, a copy the caller may change."""
        return self._files.parsed(data, label).copy()

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
        last = self._files.last_stored(mine.id)
        if last is not None and last.alone:  # most likely still the stored file: written over without a read
            saved = self._save_over(mine, base, by, last.written.campaign, last.etag, last.replaced)
            if saved is not None:
                return saved
            last = None  # someone else saves this campaign too: read it first, until it is ours alone again
        patience = _Patience()
        while patience.more():
            blob = self.store.get(key)
            if blob is None:
                raise CampaignNotFound(mine.id)
            stored = self._files.parsed(blob.data, mine.id)
            self._revisions.ensure_kept(mine.id, stored.revision, blob.data)  # a crash may have cut its copy off
            alone = last is not None and blob.etag == last.etag  # still the file this process stored last
            saved = self._save_over(mine, base, by, stored, blob.etag, Replaced.of(blob.data), alone)
            if saved is not None:
                return saved
        raise StorageError(MANY_AT_ONCE)

    def _save_over(
        self,
        mine: Campaign,
        base: Campaign,
        by: str | None,
        stored: Campaign,
        etag: str,
        replaced: Replaced,
        alone: bool = True,
    ) -> SaveResult | None:
        """Store `mine` over `stored`, the file with `etag`, merged with it; return None when the store no longer
        holds that file (someone saved since: the conditional write was refused, nothing was written)."""
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
        written = self._files.checked(result, replaces=replaced, stored=stored)
        try:
            new_etag = self.store.put(_campaign_key(mine.id), written.data, if_match=etag)
        except PreconditionFailed:
            return None  # someone saved between our read and write: merge again with theirs
        self._keep(mine.id, new_etag, written, by, alone)
        return SaveResult(written.campaign.copy(), merged, conflicts)  # the cached campaign stays as stored

    def check(self, mine: Campaign, base: Campaign) -> None:
        """Raise CampaignInvalid when `mine`, an edit of `base`, could never be stored; the store is not asked
        (for a page whose store is failing: the answers waiting for it can all be stored together later)."""
        replaces = Replaced.of(data_to_yaml(cleaned(campaign_to_data(base))).encode())
        self._files.checked(dataclasses.replace(mine, revision=base.revision + 1), replaces=replaces)

    def revisions(self, campaign_id: str) -> list[int]:
        """Return the numbers of the kept bursts (each its first revision), oldest first."""
        _campaign_key(campaign_id)
        return revision_numbers(self.store, campaign_id)

    def load_revision(self, campaign_id: str, revision: int) -> Campaign:
        """Return the campaign as kept in burst `revision` (its newest state: its revision may be higher)."""
        return self.load_burst(campaign_id, revision).campaign

    def load_burst(self, campaign_id: str, number: int) -> Burst:
        """Return burst `number` of the campaign: its newest state and its note."""
        _campaign_key(campaign_id)
        blob = self.store.get(revision_key(campaign_id, number))
        if blob is None:
            raise CampaignNotFound(f"{campaign_id} revision {number}")
        return Burst(number, self._parse(blob.data, f"{campaign_id}@{number}"), read_note(blob.data))

    def forget_burst(self, campaign_id: str, number: int) -> None:
        """Remove burst `number` from the history (the retention rule's sweep, campaign/history.py)."""
        self.store.delete(revision_key(campaign_id, number))

    def restore(self, campaign_id: str, revision: int, *, by: str | None = None) -> Campaign:
        """Make an earlier burst's version the current one (as a new burst of its own) and return it."""
        current = self.load(campaign_id)
        old = self.load_revision(campaign_id, revision)
        old.revision = current.revision
        old.comments = current.comments  # a facilitator's feedback is not a version of the answers: it stays
        token = RESTORING.set(revision)  # the new burst says where it came from: thinning keeps that one
        try:
            return self.save(old, current, by=by).campaign
        finally:
            RESTORING.reset(token)

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
