"""The campaign list of a personal machine: open, rename, duplicate, archive, delete with undo, and restore."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from campaign import (
    DELETED_KEEP_DAYS,
    N_,
    Campaign,
    CampaignDamaged,
    CampaignInvalid,
    CampaignNotFound,
    Shelf,
    StorageError,
    Translator,
    WorksheetPack,
    archive_campaign,
    campaign_progress,
    campaign_shelf,
    can_rename,
    delete_campaign,
    duplicate_campaign,
    read_deleted_campaign,
    rename_campaign,
    title,
    unarchive_campaign,
    undelete_campaign,
)
from ui import state
from ui.auth import listed_for_visitor
from ui.clock import local_stamp
from ui.language import percent, ui_translator
from ui.resources import repository
from ui.text import escape_markdown

NOTICE_KEY = "manage-notice"  # (kind, words) said once above the list after an action
DELETED_KEY = "manage-deleted"  # {id: name} deleted in this session: each keeps its "Undo" notice
CONFIRM_KEY = "manage-confirm"  # the id whose deletion waits for "Yes, delete it"
DELETED_LINK = N_(
    "This campaign was deleted. It is kept for a while: restore it here, under “Continue a campaign”, "
    "“Recently deleted”."
)
DELETED_WHILE_OPEN = N_(
    "this campaign was deleted, perhaps in another tab. Restore it on the start page (“Continue a campaign”, "
    "“Recently deleted”), then try again."
)
FAILED = N_("That did not work: {reason}. Nothing was changed; try again once this is fixed.")
GONE = N_("That campaign is no longer here (deleted in another tab?). Nothing was changed.")


def render_campaign_list(pack: WorksheetPack) -> None:
    """Draw every campaign of this machine: the list, then the folded "Archived" and "Recently deleted"."""
    t = ui_translator()
    _notices(t)
    repo = repository()
    try:
        found = campaign_shelf(repo)
    except StorageError as error:
        st.error(error.translated(t))
        return
    listed: list[Campaign] = []
    archived: list[Campaign] = []
    damaged = grouped = 0
    for campaign_id in found.live:
        try:
            campaign = repo.load(campaign_id)
        except (CampaignDamaged, CampaignNotFound):
            damaged += 1
            continue
        if not listed_for_visitor(campaign):
            continue  # with sign-in on, another person's campaign
        if campaign.workshop:
            grouped += 1  # a workshop group's campaign opens only by its link: groups must not see each other's
        else:
            (archived if campaign_id in found.archived else listed).append(campaign)
    if not listed and not archived:
        st.info(t("No campaign is saved in this data folder yet. Start a new one, or open a saved file."))
    for campaign in _newest_first(listed):
        _row(campaign, pack, t)
    if damaged:
        st.caption(
            t.ngettext(
                "{count} saved campaign could not be read and is not listed.",
                "{count} saved campaigns could not be read and are not listed.",
                damaged,
            )
        )
    if grouped:
        st.caption(
            t.ngettext(
                "{count} workshop group campaign is not listed: it opens only by its private link.",
                "{count} workshop group campaigns are not listed: each opens only by its private link.",
                grouped,
            )
        )
    if archived:
        with st.expander(t("Archived ({count})", count=len(archived)), icon=":material/inventory_2:"):
            for campaign in _newest_first(archived):
                _row(campaign, pack, t, restore=unarchive_campaign)
    _recently_deleted(found, pack, t)


def _newest_first(campaigns: list[Campaign]) -> list[Campaign]:
    return sorted(campaigns, key=lambda c: c.updated, reverse=True)


def _notices(t: Translator) -> None:
    if notice := st.session_state.pop(NOTICE_KEY, None):
        kind, words = notice
        (st.error if kind == "error" else st.success)(words)
    for campaign_id, name in dict(st.session_state.get(DELETED_KEY, {})).items():
        with st.container(border=True, horizontal=True, vertical_alignment="center"):
            st.markdown(t("“{name}” was deleted.", name=escape_markdown(name)), width="stretch")
            st.button(
                t("Undo"), key=f"undo-{campaign_id}", icon=":material/undo:", on_click=_undelete, args=(campaign_id,)
            )


def _row(campaign: Campaign, pack: WorksheetPack, t: Translator, restore: Callable[..., None] | None = None) -> None:
    name = title(campaign, pack)
    with st.container(border=True, horizontal=True, vertical_alignment="center", key=f"row-{campaign.id}"):
        where = " · ".join(
            escape_markdown(str(v))
            for v in (pack.answer_with_role(campaign, "organisation"), pack.answer_with_role(campaign, "country"))
            if v
        )
        status = t(
            "{share} answered · last saved {when}",
            share=percent(campaign_progress(campaign, pack).overall.share, t),
            when=local_stamp(campaign.updated, t),
        )
        st.markdown(f"**{escape_markdown(name)}**  \n{where}  \n:gray[{escape_markdown(status)}]", width="stretch")
        st.button(t("Open"), key=f"open-{campaign.id}", on_click=state.go, args=(pack.worksheets[0].id, campaign.id))
        if restore is not None:
            st.button(t("Restore"), key=f"restore-{campaign.id}", on_click=_act, args=(restore, campaign.id))
        else:
            _manage_menu(campaign, name, t)
    if st.session_state.get(CONFIRM_KEY) == campaign.id:
        with st.container(border=True, horizontal=True, vertical_alignment="center"):
            st.warning(
                t(
                    "Delete “{name}”? It leaves the list and is kept for {days} days, so you can still restore it.",
                    name=escape_markdown(name),
                    days=DELETED_KEEP_DAYS,
                ),
                width="stretch",
            )
            st.button(
                t("Yes, delete it"),
                key=f"confirm-delete-{campaign.id}",
                type="primary",
                on_click=_delete,
                args=(campaign.id, name),
            )
            st.button(
                t("Cancel"), key=f"cancel-delete-{campaign.id}", on_click=st.session_state.pop, args=(CONFIRM_KEY,)
            )


def _manage_menu(campaign: Campaign, name: str, t: Translator) -> None:
    with st.popover(t("Manage"), icon=":material/more_vert:", key=f"manage-{campaign.id}"):
        if can_rename(repository()):
            with st.form(f"rename-form-{campaign.id}", border=False, enter_to_submit=True):
                answer = repository().pack.answer_with_role(campaign, "title")
                st.text_input(
                    t("New name"),
                    value=answer if isinstance(answer, str) else "",
                    key=f"rename-{campaign.id}",
                    max_chars=_name_limit(),
                )
                st.form_submit_button(t("Rename"), icon=":material/edit:", on_click=_rename, args=(campaign.id,))
        st.button(
            t("Duplicate (a copy for next year)"),
            key=f"duplicate-{campaign.id}",
            icon=":material/content_copy:",
            on_click=_duplicate,
            args=(campaign.id, name),
        )
        st.button(
            t("Archive"),
            key=f"archive-{campaign.id}",
            icon=":material/archive:",
            on_click=_act,
            args=(archive_campaign, campaign.id),
        )
        st.button(
            t("Delete…"),
            key=f"delete-{campaign.id}",
            icon=":material/delete:",
            on_click=st.session_state.__setitem__,
            args=(CONFIRM_KEY, campaign.id),
        )


def _name_limit() -> int | None:
    place = repository().pack.field_with_role("title")
    return getattr(place.field, "max_length", None) if place else None


def _act(action: Callable[..., object], *args: object) -> None:
    """A callback: run `action(repository, *args)`, saying any failure."""
    _done(action, *args)


def _done(action: Callable[..., object], *args: object) -> bool:
    """Run `action(repository, *args)`; on failure say so in plain words (nothing changed) and return False."""
    t = ui_translator()
    try:
        action(repository(), *args)
    except CampaignNotFound:
        st.session_state[NOTICE_KEY] = ("error", t(GONE))
        return False
    except CampaignInvalid as error:
        st.session_state[NOTICE_KEY] = ("error", error.translated(t))
        return False
    except StorageError as error:
        reason = error.values.get("reason")
        words = t(str(reason)) if reason is not None and "reason" in error.words else error.translated(t)
        st.session_state[NOTICE_KEY] = ("error", t(FAILED, reason=words))
        return False
    return True


def _rename(campaign_id: str) -> None:
    _done(rename_campaign, campaign_id, st.session_state.get(f"rename-{campaign_id}") or "")


def _duplicate(campaign_id: str, name: str) -> None:
    t = ui_translator()
    copy_name = t("{name} (copy)", name=name)
    if _done(duplicate_campaign, campaign_id, copy_name):
        st.session_state[NOTICE_KEY] = (
            "success",
            t("“{name}” was made: it is on the list.", name=escape_markdown(copy_name)),
        )


def _delete(campaign_id: str, name: str) -> None:
    st.session_state.pop(CONFIRM_KEY, None)
    if _done(delete_campaign, campaign_id):
        st.session_state[DELETED_KEY] = {**st.session_state.get(DELETED_KEY, {}), campaign_id: name}
        if (space := state.workspace()) is not None and space.campaign.id == campaign_id:
            st.session_state.pop("workspace", None)  # its link now says it was deleted, as in any other tab


def _undelete(campaign_id: str) -> None:
    if _done(undelete_campaign, campaign_id):
        kept = dict(st.session_state.get(DELETED_KEY, {}))
        kept.pop(campaign_id, None)
        st.session_state[DELETED_KEY] = kept


def _recently_deleted(found: Shelf, pack: WorksheetPack, t: Translator) -> None:
    shown: list[tuple[str, str, str]] = []
    for campaign_id, when in sorted(found.deleted.items(), key=lambda item: item[1], reverse=True):
        try:
            campaign = read_deleted_campaign(repository(), campaign_id)
        except (CampaignNotFound, StorageError):
            continue
        if listed_for_visitor(campaign) and not campaign.workshop:
            shown.append((campaign_id, title(campaign, pack), when.isoformat()))
    if not shown:
        return
    with st.expander(t("Recently deleted ({count})", count=len(shown)), icon=":material/delete:"):
        st.caption(t("Deleted campaigns are kept for {days} days, then removed for good.", days=DELETED_KEEP_DAYS))
        for campaign_id, name, stamp in shown:
            with st.container(border=True, horizontal=True, vertical_alignment="center"):
                said = t("deleted {when}", when=local_stamp(stamp, t))
                st.markdown(f"**{escape_markdown(name)}**  \n:gray[{escape_markdown(said)}]", width="stretch")
                st.button(t("Restore"), key=f"undelete-{campaign_id}", on_click=_undelete, args=(campaign_id,))
