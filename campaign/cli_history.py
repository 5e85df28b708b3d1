"""The commands on the data folder: new, history, restore, purge-deleted (storage is imported in their bodies:
a cold `export` or `validate` never opens the data folder, and opening storage is a good part of a start)."""

from __future__ import annotations

import argparse
import sys

from campaign.i18n import translator
from campaign.model import Campaign
from campaign.reading import title as campaign_title
from campaign.worksheet import WorksheetPack


def create_campaign(args: argparse.Namespace, pack: WorksheetPack) -> int:
    """Create a campaign with the given title and print its id and file path."""
    from campaign.repository import CampaignRepository
    from campaign.storage import StorageError, open_store

    store = open_store()
    campaign = Campaign(id="", pack=pack.info.id, language=pack.info.language)
    if (title := pack.field_with_role("title")) is not None:
        campaign.set_answer(title.sheet.id, title.field.id, args.title.strip())
    try:
        created = CampaignRepository(store, pack).create(campaign)
    except StorageError as error:
        print(f"error: {error.message}", file=sys.stderr)
        return 1
    print(created.id)
    print(store.where(f"campaigns/{created.id}/campaign.yaml"))
    return 0


def show_history(args: argparse.Namespace, pack: WorksheetPack) -> int:
    """Print the newest kept versions (editing bursts) of a campaign, as the settings page lists them: number,
    when last saved (this machine's time zone), by whom, what changed; with `--thin`, apply the retention rule
    first (docs/storage.md)."""
    from campaign.history import recent, thin
    from campaign.repository import CampaignNotFound, CampaignRepository
    from campaign.storage import StorageError, open_store

    t = translator(getattr(args, "lang", None))
    repository = CampaignRepository(open_store(), pack)
    try:
        current = repository.load(args.id)
        removed = thin(repository, args.id) if args.thin else []
        entries = recent(repository, args.id, max(args.last, 1), t)
    except CampaignNotFound:
        print(f"error: there is no campaign {args.id!r} in the data folder", file=sys.stderr)
        return 1
    except StorageError as error:
        print(f"error: {error.message}", file=sys.stderr)
        return 1
    if args.thin:
        print(f"{len(removed)} version(s) removed by the retention rule", file=sys.stderr)
    print(f"{campaign_title(current, pack)}: {len(repository.revisions(args.id))} version(s) kept")
    print(f"{'version':>7}  {'saved':<24}  {'by':<16}  what changed")
    for entry in entries:
        moment = entry.burst.saved.astimezone()
        zone = moment.strftime("%z")
        when = f"{t.date(moment.date(), 'medium')} {moment:%H:%M} UTC{zone[:3]}:{zone[3:]}".replace("UTC+00:00", "UTC")
        mark = "  (current)" if entry.burst.campaign.revision == current.revision else ""
        print(f"{entry.burst.number:>7}  {when:<24}  {entry.who:<16}  {entry.what}{mark}")
    return 0


def restore_version(args: argparse.Namespace, pack: WorksheetPack) -> int:
    """Bring back an earlier version of a campaign as its newest version."""
    from campaign.repository import CampaignNotFound, CampaignRepository
    from campaign.storage import StorageError, open_store

    repository = CampaignRepository(open_store(), pack)
    try:
        repository.load(args.id)
        kept = repository.revisions(args.id)  # the newest: what the campaign holds now
        restored = repository.restore(args.id, args.version)
    except CampaignNotFound:
        print(f"error: campaign {args.id!r} has no version {args.version} in the data folder", file=sys.stderr)
        return 1
    except StorageError as error:
        print(f"error: {error.message}", file=sys.stderr)
        return 1
    print(f"version {args.version} is back as version {restored.revision}; version {kept[-1]} is kept")
    return 0


def purge_deleted_campaigns(args: argparse.Namespace, pack: WorksheetPack) -> int:
    """Remove for good the campaigns deleted over DELETED_KEEP_DAYS days ago (campaign/keeping.py); print their ids."""
    from campaign.keeping import purge_deleted
    from campaign.repository import CampaignRepository
    from campaign.storage import StorageError, open_store

    try:
        removed = purge_deleted(CampaignRepository(open_store(), pack))
    except StorageError as error:
        print(f"error: {error.message}", file=sys.stderr)
        return 1
    print("".join(f"{campaign_id}\n" for campaign_id in removed), end="")
    print(f"{len(removed)} deleted campaign(s) removed for good", file=sys.stderr)
    return 0
