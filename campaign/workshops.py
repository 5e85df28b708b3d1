"""Workshops in a store: create one, find it by join code or facilitator token, join it, change it."""

from __future__ import annotations

import dataclasses
import random
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from campaign.completeness import Progress, campaign_progress
from campaign.i18n import N_, Translator, translator
from campaign.lengths import text_too_long
from campaign.model import Campaign, is_valid_id
from campaign.reading import title as campaign_title
from campaign.repository import CampaignNotFound, CampaignRepository
from campaign.storage import BlobStore, PreconditionFailed, StorageError
from campaign.text import clean_text
from campaign.throttle import JoinLimits, Throttle
from campaign.worksheet import WorksheetPack
from campaign.workshop import (
    CODE_RE,
    GROUP_NAME_LIMIT,
    MAX_GROUPS,
    PLACE_LIMIT,
    WORKSHOP_NAME_LIMIT,
    Group,
    Workshop,
    new_join_code,
    new_workshop,
    normalise_code,
    parse_workshop,
    token_key,
    workshop_to_yaml,
)

TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{32}\Z")  # \Z, not $: `$` accepts a final newline (ui/state.py uses match)
NOT_READ = N_("the workshop could not be read: {problems}")
NOT_WRITTEN = N_("the change would make the workshop unreadable, so it was not saved: {problems}")
TOO_MANY_TRIES = N_("Too many tries from this browser. Wait {seconds} seconds, then try again.")
BUSY_WORKSHOP = N_("Many groups are joining this workshop right now. Wait {seconds} seconds, then try again.")
FULL = N_("This workshop is full: it has {limit} groups already. Ask your facilitator to run a second workshop.")
OVERFULL = N_("the workshop has {limit} groups already, the most it can hold")
EVERYONE = "*"  # the key of the throttle shared by every visitor
KNOWN_PROGRESS = 4 * MAX_GROUPS  # groups whose last progress a process keeps, to skip unchanged campaigns


class WorkshopNotFound(LookupError):
    """No workshop has that id."""


class WorkshopRefused(Exception):
    """A workshop was not created or changed; `message` says why in plain words and nothing was written."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class JoinRefused(WorkshopRefused):
    """Joining did not work; `message` says why in plain words."""


def stored_text(typed: str | None) -> str:
    """Return `typed` as a workshop stores it: cleaned, NFC, on one line with single spaces."""
    return " ".join(clean_text(typed or "").split())


def group_campaign_name(group: str, workshop: str, limit: int) -> str:
    """Return the name a group's campaign starts with, "Table 3 — Lusaka forum", cut to `limit` characters."""
    name = f"{group} — {workshop}"
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"


@dataclass(frozen=True)
class GroupProgress:
    group: Group
    progress: dict[str, Progress]  # worksheet id -> that step's progress (campaign.completeness: the one rule)
    overall: Progress
    updated: str  # when the group last saved
    title: str
    open_comments: int = 0  # the facilitator's comments the group has not marked done


@dataclass(frozen=True)
class _KnownProgress:
    etag: str  # of the campaign file the row was made from
    pack: WorksheetPack  # the pack it was counted with (the language's titles)
    row: GroupProgress


class WorkshopRepository:
    """Every read and write of a workshop goes through here."""

    def __init__(self, store: BlobStore, campaigns: CampaignRepository, limits: JoinLimits | None = None) -> None:
        self.store = store
        self.campaigns = campaigns
        self.limits = limits or JoinLimits.default()  # one set per server process, shared by its sessions
        self._known: OrderedDict[tuple[str, int], _KnownProgress] = OrderedDict()  # (campaign id, id(pack))
        self._known_lock = threading.Lock()

    def create(
        self, name: str, date: str = "", place: str = "", language: str = "en", *, t: Translator | None = None
    ) -> tuple[Workshop, str]:
        """Store a new workshop; return it and the facilitator token for the secret link. Raise WorkshopRefused
        (worded in `t`'s language) before writing anything when a text does not fit once cleaned."""
        t = t or translator(None)
        name, place = stored_text(name), stored_text(place)
        if not name:
            raise WorkshopRefused(t("Give the workshop a name, for example 'Lusaka advocacy forum'."))
        for what, text, limit in (
            (t("Workshop name"), name, WORKSHOP_NAME_LIMIT),
            (t("Place"), place, PLACE_LIMIT),
        ):
            if problem := text_too_long(what, text, limit, t):
                raise WorkshopRefused(problem)
        workshop, token = new_workshop(name, date, place, language)
        _, problems = parse_workshop(workshop_to_yaml(workshop).encode(), workshop.id)
        if problems:  # a date or language the form never offers: refused here, not when the dashboard reads it
            raise WorkshopRefused(t(NOT_WRITTEN, problems="; ".join(map(str, problems[:2]))))
        self.store.put(f"workshops/{workshop.id}/workshop.yaml", workshop_to_yaml(workshop).encode(), if_absent=True)
        self.store.put(f"facilitators/{workshop.token_hash}", workshop.id.encode(), if_absent=True)
        for _ in range(20):  # a code already in use by another workshop: draw another
            try:
                self.store.put(f"codes/{workshop.join_code}", workshop.id.encode(), if_absent=True)
                break
            except PreconditionFailed:
                code = new_join_code()
                workshop = self.update(workshop.id, partial(_set_join_code, code=code))
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

    def by_token(self, token: object) -> Workshop | None:
        """Return the workshop a facilitator token opens, or None."""
        if not isinstance(token, str) or not TOKEN_RE.fullmatch(token):
            return None
        blob = self.store.get(f"facilitators/{token_key(token)}")
        return self.load(blob.data.decode()) if blob else None

    def by_code(self, typed: str, *, visitor: str | None = None, t: Translator | None = None) -> Workshop | None:
        """Return the workshop a join code names, or None. With `visitor`, the look-up is a code guess of that
        browser: throttled like joining (JoinRefused says how long to wait)."""
        if visitor is not None:
            self._spend(t or translator(None), TOO_MANY_TRIES, *self._guess_throttles(visitor))
        code = normalise_code(typed)
        if not CODE_RE.fullmatch(code):
            return None
        blob = self.store.get(f"codes/{code}")
        return self.load(blob.data.decode()) if blob else None

    def _guess_throttles(self, visitor: str | None) -> tuple[tuple[Throttle, str | None], ...]:
        return (self.limits.guesses, visitor), (self.limits.all_guesses, EVERYONE)

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
            groups = len(workshop.groups)
            change(workshop)
            if len(workshop.groups) > max(groups, MAX_GROUPS):  # an overfilled file may shrink, never grow
                raise StorageError(OVERFULL, limit=MAX_GROUPS)
            data = workshop_to_yaml(workshop).encode()
            _, problems = parse_workshop(data, workshop_id)
            if problems:  # checked where it is written: a file the next read would refuse is never stored
                raise StorageError(NOT_WRITTEN, problems="; ".join(map(str, problems[:2])))
            try:
                self.store.put(key, data, if_match=blob.etag)
            except PreconditionFailed:
                continue
            return workshop
        raise StorageError(N_("the workshop is busy; try again in a moment"))

    def join(
        self, typed_code: str, group_name: str, *, t: Translator | None = None, visitor: str | None = None
    ) -> tuple[Workshop, Campaign]:
        """Create the group's campaign in the workshop named by the code; raise JoinRefused with a reason
        worded in `t`'s language (English without one), writing nothing. `visitor` names the browser session:
        its code guesses and joins are throttled (`self.limits`), as are all guesses and each workshop's joins."""
        t = t or translator(None)
        name = stored_text(group_name)
        if not name:
            raise JoinRefused(t("Type your group's name, for example 'Table 3' or 'Lusaka team'."))
        if problem := text_too_long(t("Your group's name"), name, GROUP_NAME_LIMIT, t):
            raise JoinRefused(problem)
        self._spend(t, TOO_MANY_TRIES, *self._guess_throttles(visitor))
        workshop = self.by_code(typed_code)
        if workshop is None:
            raise JoinRefused(t("That join code does not match any workshop. Check it with your facilitator."))
        closed = t("This workshop is closed to new groups. Ask your facilitator to reopen joining.")
        full = t(FULL, limit=MAX_GROUPS)
        if not workshop.joining_open:
            raise JoinRefused(closed)
        if len(workshop.groups) >= MAX_GROUPS:
            raise JoinRefused(full)
        self._spend(t, TOO_MANY_TRIES, (self.limits.joins, visitor))
        self._spend(t, BUSY_WORKSHOP, (self.limits.workshop_joins, workshop.id))
        fresh = Campaign(id="", language=workshop.language)
        if (title := self.campaigns.pack.field_with_role("title")) is not None:
            fresh.set_answer(
                title.sheet.id, title.field.id, group_campaign_name(name, workshop.name, self._name_limit())
            )
        created = self.campaigns.create(fresh, workshop=workshop.id)

        def register(stored: Workshop) -> None:
            if not stored.joining_open:  # closed between reading the code and registering: the close wins
                raise JoinRefused(closed)
            if len(stored.groups) >= MAX_GROUPS:  # filled up meanwhile: the campaign made above stays unlisted
                raise JoinRefused(full)
            stored.groups.append(Group(created.id, name))

        workshop = self.update(workshop.id, register)
        return workshop, created

    def _spend(self, t: Translator, message: str, *throttles: tuple[Throttle, str | None]) -> None:
        """Take one try from each (throttle, key) or raise JoinRefused saying how long to wait (none spent)."""
        waits = [throttle.wait(key) for throttle, key in throttles if key is not None]
        if wait := max(waits, default=0):
            raise JoinRefused(t(message, seconds=wait))
        for throttle, key in throttles:
            if key is not None:
                throttle.take(key)

    def _name_limit(self) -> int:
        title = self.campaigns.pack.field_with_role("title")
        return getattr(title and title.field, "max_length", None) or WORKSHOP_NAME_LIMIT

    def progress(self, workshop: Workshop, pack: WorksheetPack) -> list[GroupProgress]:
        """Return each group's progress per worksheet and when it last saved, in joining order.

        A group whose campaign did not change since this process last counted it costs one conditional read
        (no bytes, nothing parsed): a dashboard's refresh costs what the groups that saved meanwhile cost.
        """
        rows = []
        for group in workshop.groups:
            try:
                rows.append(self._group_progress(group, pack))
            except (CampaignNotFound, StorageError):
                continue
        return rows

    def _group_progress(self, group: Group, pack: WorksheetPack) -> GroupProgress:
        place = (group.campaign_id, id(pack))
        with self._known_lock:
            known = self._known.get(place)
        known = known if known is not None and known.pack is pack else None
        changed = self.campaigns.load_if_changed(group.campaign_id, known.etag if known else None)
        if changed is None and known is not None:
            return dataclasses.replace(known.row, group=group)  # the group's name is the workshop's, read anew
        assert changed is not None  # no etag was sent, so the store sent the bytes
        campaign, etag = changed
        progress = campaign_progress(campaign, pack)
        open_comments = sum(not comment.done for comment in campaign.comments)
        title = campaign_title(campaign, pack)
        row = GroupProgress(group, progress.steps, progress.overall, campaign.updated, title, open_comments)
        with self._known_lock:
            self._known[place] = _KnownProgress(etag, pack, row)
            self._known.move_to_end(place)
            while len(self._known) > KNOWN_PROGRESS:
                self._known.popitem(last=False)
        return row


def _set_join_code(workshop: Workshop, code: str) -> None:
    workshop.join_code = code
