"""Archive, delete (kept DELETED_KEEP_DAYS days, then swept), restore: a campaign's place on the list, as keys.

Nothing here is written into the campaign file, so no save of an open tab can undo it (or be undone by it):

- `campaigns/<id>/archived.yaml` (`archived: <UTC time>`): the campaign is archived; restoring removes the key.
- deleting moves `campaigns/<id>/campaign.yaml` to `campaigns/<id>/deleted/<UTC time>.yaml`, byte for byte.
  Without its `campaign.yaml` the campaign is in no listing, its link says it was deleted (CampaignDeleted) and
  a save from a tab still open on it is refused as "not found". Restoring puts the file back (or the newest
  revision, if a save slipped in while it was being deleted). Revisions and logos stay where they were.
- `purge_deleted` (the `python -m campaign purge-deleted` command) removes every key of a campaign deleted more
  than DELETED_KEEP_DAYS days ago: the one removal of campaign data there is, explicit and documented.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field

from campaign.campaign_file import parse_campaign
from campaign.config import DELETED_KEEP_DAYS
from campaign.i18n import N_
from campaign.model import Campaign, is_valid_id
from campaign.repository import CampaignDamaged, CampaignNotFound, CampaignRepository, deleted_folder
from campaign.storage import PreconditionFailed, StorageError

STAMP = "%Y%m%dT%H%M%SZ"  # a deletion's time in its key: keys take no ":"
ORIGIN_RE = re.compile(r"^[0-9a-f]{32}$")


@dataclass
class Shelf:
    """Every campaign of a store by its place, read from one listing of the keys."""

    live: list[str] = field(default_factory=list)  # ids with a campaign file: the list (archived ones too)
    archived: set[str] = field(default_factory=set)
    deleted: dict[str, dt.datetime] = field(default_factory=dict)  # id -> when it was deleted (the newest time)
    origins: dict[str, set[str]] = field(default_factory=dict)  # origin_mark(a file's id) -> campaigns it made
    leftover: set[str] = field(default_factory=set)  # on the list, with a deletion mark left (a crash): swept


def origin_mark(file_id: str) -> str:
    """Return how a campaign made from an uploaded file names that file's id in its keys: a hash, so that no
    key of one campaign ever holds another campaign's id (which is its link)."""
    return hashlib.sha256(file_id.encode()).hexdigest()[:32]


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def _folder(campaign_id: str) -> str:
    if not is_valid_id(campaign_id):
        raise CampaignNotFound(campaign_id)  # a malformed id never reaches the store
    return f"campaigns/{campaign_id}"


def shelf(repository: CampaignRepository) -> Shelf:
    """Return where every campaign of the repository's store is (one `keys` call)."""
    found = Shelf()
    deleted: dict[str, dt.datetime] = {}
    for key in repository.store.keys("campaigns"):
        parts = key.split("/")
        if len(parts) < 3 or not is_valid_id(parts[1]):
            continue
        campaign_id, rest = parts[1], parts[2:]
        if rest == ["campaign.yaml"]:
            found.live.append(campaign_id)
        elif rest == ["archived.yaml"]:
            found.archived.add(campaign_id)
        elif len(rest) == 2 and rest[0] == "deleted" and (when := _stamp_time(rest[1])) is not None:
            deleted[campaign_id] = max(when, deleted.get(campaign_id, when))
        elif len(rest) == 2 and rest[0] == "copied-from" and ORIGIN_RE.fullmatch(mark := rest[1].removesuffix(".yaml")):
            found.origins.setdefault(mark, set()).add(campaign_id)
    live = set(found.live)
    found.archived &= live
    found.deleted = {key: when for key, when in deleted.items() if key not in live}  # a file put back wins
    found.leftover = set(deleted) & live
    return found


def _stamp_time(name: str) -> dt.datetime | None:
    try:
        return dt.datetime.strptime(name.removesuffix(".yaml"), STAMP).replace(tzinfo=dt.UTC)
    except ValueError:
        return None


def archive(repository: CampaignRepository, campaign_id: str, *, now: dt.datetime | None = None) -> None:
    """Move the campaign to the archived ones; raise CampaignNotFound or StorageError (then nothing changed)."""
    folder = _folder(campaign_id)
    if not repository.store.exists(f"{folder}/campaign.yaml"):
        raise CampaignNotFound(campaign_id)
    when = (now or _utc_now()).isoformat()
    repository.store.put(f"{folder}/archived.yaml", f"archived: '{when}'\n".encode())


def unarchive(repository: CampaignRepository, campaign_id: str) -> None:
    """Bring an archived campaign back to the main list."""
    repository.store.delete(f"{_folder(campaign_id)}/archived.yaml")


def delete(repository: CampaignRepository, campaign_id: str, *, now: dt.datetime | None = None) -> None:
    """Move the campaign file to `deleted/<time>.yaml`, kept DELETED_KEEP_DAYS days; raise CampaignNotFound or
    StorageError, and then the campaign is where it was."""
    folder = _folder(campaign_id)
    blob = repository.store.get(f"{folder}/campaign.yaml")
    if blob is None:
        raise CampaignNotFound(campaign_id)
    kept = f"{deleted_folder(campaign_id)}/{(now or _utc_now()).strftime(STAMP)}.yaml"
    repository.store.put(kept, blob.data)
    try:
        repository.store.delete(f"{folder}/campaign.yaml")
    except StorageError:
        with contextlib.suppress(StorageError):
            repository.store.delete(kept)  # left behind, it would be harmless: the campaign file wins
        raise


def undelete(repository: CampaignRepository, campaign_id: str) -> None:
    """Put a deleted campaign back where it was (on the list, or among the archived ones)."""
    folder, store = _folder(campaign_id), repository.store
    kept = sorted(store.keys(deleted_folder(campaign_id)))
    if not kept:
        if store.exists(f"{folder}/campaign.yaml"):
            return  # restored already (another tab)
        raise CampaignNotFound(campaign_id)
    blob = store.get(kept[-1])
    if blob is None:
        raise CampaignNotFound(campaign_id)
    data = blob.data
    if revisions := repository.revisions(campaign_id):  # a save during the deletion: the newest burst holds it
        newer = store.get(f"{folder}/revisions/{revisions[-1]:06d}.yaml")
        if newer and _read(repository, newer.data).revision > _read(repository, data).revision:
            data = newer.data
    with contextlib.suppress(PreconditionFailed):  # put back by another tab meanwhile: theirs stays
        store.put(f"{folder}/campaign.yaml", data, if_absent=True)
    for key in kept:
        with contextlib.suppress(StorageError):
            store.delete(key)  # one left behind is harmless: the campaign file wins, the sweep removes it


def _read(repository: CampaignRepository, data: bytes) -> Campaign:
    campaign, problems = parse_campaign(data, repository.pack, file="deleted", stored=True)
    if campaign is None:
        raise CampaignDamaged(
            N_("the stored campaign could not be read: {problems}"), problems="; ".join(map(str, problems[:3]))
        )
    return campaign


def read_deleted(repository: CampaignRepository, campaign_id: str) -> Campaign:
    """Return the deleted campaign as it was kept (for its name on the "Recently deleted" list)."""
    kept = sorted(repository.store.keys(deleted_folder(campaign_id)))
    blob = repository.store.get(kept[-1]) if kept else None
    if blob is None:
        raise CampaignNotFound(campaign_id)
    return _read(repository, blob.data)


def purge_deleted(
    repository: CampaignRepository, *, now: dt.datetime | None = None, keep_days: int = DELETED_KEEP_DAYS
) -> list[str]:
    """Remove every key of each campaign deleted more than `keep_days` days before `now`; return their ids.

    Leftover deletion marks of a campaign that is back on the list (a crash during a restore) go too.
    """
    cutoff = (now or _utc_now()) - dt.timedelta(days=keep_days)
    store, found = repository.store, shelf(repository)
    removed = []
    for campaign_id, when in sorted(found.deleted.items()):
        if when <= cutoff:
            for key in store.keys(_folder(campaign_id)):
                store.delete(key)
            removed.append(campaign_id)
    for campaign_id in found.leftover:
        for key in store.keys(deleted_folder(campaign_id)):
            store.delete(key)
    return removed
