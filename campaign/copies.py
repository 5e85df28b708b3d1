"""Rename and duplicate a campaign, and know where one came from: an upload of the same file finds it again.

An upload records the file's id as `campaigns/<new id>/copied-from/<hash of the file's id>.yaml` (ids stay random:
the file's id is never taken, nor written in a key). Uploading a file whose id is a stored campaign, or is
recorded so, finds those campaigns.
"""

from __future__ import annotations

import contextlib

from campaign.keeping import Shelf, origin_mark
from campaign.logo import logo_name
from campaign.model import Campaign, now
from campaign.repository import CampaignRepository
from campaign.storage import StorageError
from campaign.text import clean_text


def _title_place(repository: CampaignRepository) -> tuple[str, str, int | None] | None:
    place = repository.pack.field_with_role("title")
    if place is None or place.column is not None:
        return None
    return place.sheet.id, place.field.id, getattr(place.field, "max_length", None)


def can_rename(repository: CampaignRepository) -> bool:
    """Return True when the worksheets have a field with the role `title`: the campaign's name."""
    return _title_place(repository) is not None


def rename(repository: CampaignRepository, campaign_id: str, name: str) -> Campaign:
    """Make `name` the answer of the `title` field, saved as any answer is (merged into a newer save, so a tab
    open elsewhere loses nothing); raise CampaignNotFound, CampaignInvalid (too long) or StorageError."""
    where = _title_place(repository)
    base = repository.load(campaign_id)
    if where is None:
        return base
    mine = base.copy()
    mine.set_answer(where[0], where[1], clean_text(name).strip())
    return base if mine.answers == base.answers else repository.save(mine, base).campaign


def duplicate(repository: CampaignRepository, campaign_id: str, name: str) -> Campaign:
    """Store a copy of the campaign under a new id and return it: answers, settings and logo kept, named `name`
    (cut to the title field's limit), a history of its own, no workshop, no conflicts, nothing it came from.

    Raise CampaignNotFound or StorageError; then no copy is left behind."""
    source = repository.load(campaign_id)
    copy = source.copy()
    copy.conflicts = []
    logo = repository.get_asset(campaign_id, source.settings.logo) if source.settings.logo else None
    copy.settings.logo = logo_name(logo) if logo else None  # an old "logo.png" gets its content's name
    if (where := _title_place(repository)) is not None:
        copy.set_answer(where[0], where[1], clean_text(name).strip()[: where[2] or None])
    created = repository.create(copy, owner=source.owner)
    if logo:
        try:
            repository.put_asset(created.id, logo)
        except StorageError:
            for key in repository.store.keys(f"campaigns/{created.id}"):
                with contextlib.suppress(StorageError):
                    repository.store.delete(key)
            raise
    return created


def record_origin(repository: CampaignRepository, campaign_id: str, file_id: str) -> None:
    """Note that an upload of the file with id `file_id` made the campaign (best effort: a failure only means a
    later upload of that file is not recognised)."""
    key = f"campaigns/{campaign_id}/copied-from/{origin_mark(file_id)}.yaml"
    with contextlib.suppress(StorageError, ValueError):
        repository.store.put(key, f"at: '{now()}'\n".encode())


def saved_copies(found: Shelf, file_id: str) -> list[str]:
    """Return the ids of the listed campaigns an uploaded file with `file_id` already is: the campaign of that id,
    then the ones earlier uploads of the file made (deleted ones are not "saved here")."""
    live = set(found.live)
    earlier = sorted(found.origins.get(origin_mark(file_id), set()) & live)
    return ([file_id] if file_id in live else []) + [other for other in earlier if other != file_id]
