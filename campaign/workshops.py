"""Workshops in a store: create one, find it by join code or facilitator token, join it, change it."""

from __future__ import annotations

import random
import re
import time
from collections.abc import Callable
from dataclasses import dataclass

from campaign.completeness import Progress, campaign_progress
from campaign.i18n import N_, Translator, translator
from campaign.model import Campaign, is_valid_id
from campaign.repository import CampaignNotFound, CampaignRepository
from campaign.storage import BlobStore, PreconditionFailed, StorageError
from campaign.worksheet import WorksheetPack
from campaign.workshop import (
    CODE_RE,
    Group,
    Workshop,
    new_join_code,
    new_workshop,
    normalise_code,
    parse_workshop,
    token_key,
    workshop_to_yaml,
)

TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{32}$")
NOT_READ = N_("the workshop could not be read: {problems}")


class WorkshopNotFound(LookupError):
    """No workshop has that id."""


class JoinRefused(Exception):
    """Joining did not work; `message` says why in plain words."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class GroupProgress:
    group: Group
    progress: dict[str, Progress]  # worksheet id -> that step's progress (campaign.completeness: the one rule)
    overall: Progress
    updated: str  # when the group last saved
    title: str


class WorkshopRepository:
    """Every read and write of a workshop goes through here."""

    def __init__(self, store: BlobStore, campaigns: CampaignRepository) -> None:
        self.store = store
        self.campaigns = campaigns

    def create(self, name: str, date: str = "", place: str = "", language: str = "en") -> tuple[Workshop, str]:
        """Store a new workshop; return it and the facilitator token for the secret link."""
        workshop, token = new_workshop(name, date, place, language)
        self.store.put(f"workshops/{workshop.id}/workshop.yaml", workshop_to_yaml(workshop).encode(), if_absent=True)
        self.store.put(f"facilitators/{workshop.token_hash}", workshop.id.encode(), if_absent=True)
        for _ in range(20):  # a code already in use by another workshop: draw another
            try:
                self.store.put(f"codes/{workshop.join_code}", workshop.id.encode(), if_absent=True)
                break
            except PreconditionFailed:
                code = new_join_code()
                workshop = self.update(workshop.id, lambda w, c=code: setattr(w, "join_code", c))
        return workshop, token

    def load(self, workshop_id: str) -> Workshop | None:
        """Return the workshop with this id, or None (malformed ids never touch storage)."""
        if not is_valid_id(workshop_id):
            return None
        blob = self.store.get(f"workshops/{workshop_id}/workshop.yaml")
        if blob is None:
            return None
        workshop, problems = parse_workshop(blob.data, workshop_id)
        if workshop is None:
            raise StorageError(NOT_READ, problems="; ".join(map(str, problems[:2])))
        return workshop

    def by_token(self, token: str) -> Workshop | None:
        """Return the workshop a facilitator token opens, or None."""
        if not isinstance(token, str) or not TOKEN_RE.match(token):
            return None
        blob = self.store.get(f"facilitators/{token_key(token)}")
        return self.load(blob.data.decode()) if blob else None

    def by_code(self, typed: str) -> Workshop | None:
        """Return the workshop a join code names, or None."""
        code = normalise_code(typed)
        if not CODE_RE.match(code):
            return None
        blob = self.store.get(f"codes/{code}")
        return self.load(blob.data.decode()) if blob else None

    def update(self, workshop_id: str, change: Callable[[Workshop], None]) -> Workshop:
        """Apply `change` to the stored workshop and save it; retried if someone else saved first."""
        key = f"workshops/{workshop_id}/workshop.yaml"
        for attempt in range(200):
            if attempt:
                time.sleep(random.uniform(0, min(0.3, 0.005 * 2**attempt)))
            blob = self.store.get(key) if is_valid_id(workshop_id) else None
            if blob is None:
                raise WorkshopNotFound(workshop_id)
            workshop, problems = parse_workshop(blob.data, workshop_id)
            if workshop is None:
                raise StorageError(NOT_READ, problems="; ".join(map(str, problems[:2])))
            change(workshop)
            try:
                self.store.put(key, workshop_to_yaml(workshop).encode(), if_match=blob.etag)
            except PreconditionFailed:
                continue
            return workshop
        raise StorageError(N_("the workshop is busy; try again in a moment"))

    def join(self, typed_code: str, group_name: str, *, t: Translator | None = None) -> tuple[Workshop, Campaign]:
        """Create the group's campaign in the workshop named by the code; raise JoinRefused with a reason
        worded in `t`'s language (English without one)."""
        t = t or translator(None)
        name = " ".join((group_name or "").split())[:80]
        if not name:
            raise JoinRefused(t("Type your group's name, for example 'Table 3' or 'Lusaka team'."))
        workshop = self.by_code(typed_code)
        if workshop is None:
            raise JoinRefused(t("That join code does not match any workshop. Check it with your facilitator."))
        closed = t("This workshop is closed to new groups. Ask your facilitator to reopen joining.")
        if not workshop.joining_open:
            raise JoinRefused(closed)
        created = self.campaigns.create(Campaign(id="", language=workshop.language), workshop=workshop.id)

        def register(stored: Workshop) -> None:
            if not stored.joining_open:  # closed between reading the code and registering: the close wins
                raise JoinRefused(closed)
            stored.groups.append(Group(created.id, name))

        workshop = self.update(workshop.id, register)
        return workshop, created

    def progress(self, workshop: Workshop, pack: WorksheetPack) -> list[GroupProgress]:
        """Return each group's progress per worksheet and when it last saved, in joining order."""
        rows = []
        for group in workshop.groups:
            try:
                campaign = self.campaigns.load(group.campaign_id)
            except (CampaignNotFound, StorageError):
                continue
            progress = campaign_progress(campaign, pack)
            rows.append(GroupProgress(group, progress.steps, progress.overall, campaign.updated, campaign.title))
        return rows
