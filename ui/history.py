"""Earlier versions: the history as editing bursts (when, who, what changed); pick one and bring it back.

Saves made by the same person or group within a few minutes of each other are one burst, kept as one version
(campaign/history.py). Bringing a version back is itself a new version, so it can be undone the same way. The
list is read once per saved version, on the settings page only.
"""

from __future__ import annotations

import datetime as dt
import secrets

import streamlit as st

from campaign import (
    NOT_ANSWERED,
    Campaign,
    CampaignDamaged,
    CampaignNotFound,
    HistoryEntry,
    StorageError,
    Translator,
    WorksheetPack,
    answer_text,
    browser_writer,
    changed_answers,
    field_label,
    recent_history,
)
from ui import state
from ui.auth import sign_in_configured, verified_email
from ui.clock import local_stamp
from ui.language import ui_translator
from ui.resources import repository
from ui.text import one_line
from ui.workshop_group import group_workshop

WRITER_KEY = "_history_writer"  # this browser session's writer label, when nobody is named
PICK_KEY = "history-pick"
LISTED_KEY = "history-listed"  # ((campaign id, revision), the listed bursts, newest first)
RESTORED_KEY = "history-restored"  # the confirmation, shown where the button was
LISTED = 60  # the newest bursts listed; older ones stay stored
SHOWN_CHANGES = 30


def writer(campaign: Campaign) -> str:
    """Return who saves from this session: the group's name in a workshop, else the signed-in person's e-mail
    address or name, else nobody named ("You"); with this browser session, so two tabs or two laptops are two
    writers, each with bursts of its own."""
    session = st.session_state.setdefault(WRITER_KEY, secrets.token_hex(6))
    try:
        workshop = group_workshop(campaign)
    except StorageError:
        workshop = None
    if workshop is not None and (group := workshop.group_for(campaign.id)) is not None:
        return browser_writer(session, group.name)
    if sign_in_configured():
        try:
            claims = st.user.to_dict()
        except Exception:  # outside a browser session
            claims = {}
        name = claims.get("name") if claims.get("is_logged_in") else None
        return browser_writer(session, verified_email(claims) or (str(name).strip() if isinstance(name, str) else ""))
    return browser_writer(session)


def when(entry: HistoryEntry, t: Translator) -> str:
    """Return when a burst's last save was made, in the person's time zone."""
    return local_stamp(entry.burst.saved.isoformat(), t)


def render_history(space: state.Workspace, pack: WorksheetPack) -> None:
    """Draw the "Earlier versions" section of the settings page."""
    t = ui_translator()
    st.subheader(t("Earlier versions"), anchor=False)
    if restored := st.session_state.pop(RESTORED_KEY, None):
        st.success(restored, icon=":material/history:")
    try:
        listed = _listed(space.campaign, pack, t)
    except StorageError as error:
        st.error(error.translated(t), icon=":material/cloud_off:")
        return
    earlier = {e.burst.number: e for e in listed if e.burst.campaign.revision < space.campaign.revision}
    if not earlier:
        st.caption(t("Every change is kept as a version. Earlier versions will be listed here after the next change."))
        return
    st.caption(
        t(
            "Changes made by the same person or group within a few minutes of each other are kept as one "
            "version. Pick an earlier one to see what has changed since, and bring it back if an answer was "
            "lost or overwritten."
        )
    )
    st.table(  # a plain table: its words are text a screen reader (and a browser test) reads
        [{t("Saved"): when(e, t), t("By"): e.who, t("What changed"): e.what} for e in listed],
        hide_index=True,
        border="horizontal",
    )
    if st.session_state.get(PICK_KEY) not in earlier:
        st.session_state.pop(PICK_KEY, None)
    picked = st.selectbox(
        t("Earlier version"),
        list(earlier),
        index=None,
        key=PICK_KEY,
        format_func={n: f"{when(e, t)} · {e.who} · {e.what}" for n, e in earlier.items()}.__getitem__,
        placeholder=t("Choose a version"),
    )
    if len(listed) >= LISTED:
        st.caption(t("The {count} most recent versions are listed; older ones stay stored.", count=LISTED))
    if picked is None:
        return
    entry = earlier[picked]
    st.markdown(t("This version was saved on {when} by {who}.", when=when(entry, t), who=entry.who))
    changes = differences(entry.burst.campaign, space.campaign, pack, t)
    if not changes:
        st.info(t("Its answers are the same as now."), icon=":material/check:")
    else:
        st.dataframe(
            [
                {t("Answer"): where, t("In that version"): then, t("Now"): now}
                for where, then, now in changes[:SHOWN_CHANGES]
            ],
            hide_index=True,
            width="stretch",
        )
        if len(changes) > SHOWN_CHANGES:
            st.caption(t("…and {count} more answers differ.", count=len(changes) - SHOWN_CHANGES))
    st.button(
        t("Bring back this version"),
        key="history-restore",
        icon=":material/history:",
        on_click=restore,
        args=(picked, when(entry, t)),
        disabled=not changes,
    )


def restore(number: int, saved: str = "") -> None:
    """Make burst `number` (saved at `saved`, as shown) the current version of the open campaign, as a new one."""
    space = state.workspace()
    if space is None:
        return
    t = ui_translator()
    try:
        restored = repository().restore(space.campaign.id, number, by=writer(space.campaign))
    except (CampaignNotFound, CampaignDamaged):
        space.notice = t("This version can no longer be read.")
        return
    except StorageError as error:
        space.notice = t("This version was not brought back: {reason}", reason=error.translated(t))
        return
    opened = state.open_workspace(restored)
    opened.saved_at = dt.datetime.now()
    st.session_state[RESTORED_KEY] = t(
        "The version of {when} is back. What you had before stays in the list of versions.", when=saved
    )


def differences(old: Campaign, new: Campaign, pack: WorksheetPack, t: Translator) -> list[tuple[str, str, str]]:
    """Return (where, then, now) for every answer that differs between two versions, in worksheet order."""
    changes = []
    changed = set(changed_answers(old, new))
    for sheet in pack.worksheets:
        for definition in sheet.fields:
            if (sheet.id, definition.id) in changed:
                then, now = old.answer(sheet.id, definition.id), new.answer(sheet.id, definition.id)
                changes.append(
                    (
                        f"{sheet.short_title} › {field_label(definition)}",
                        one_line(answer_text(definition, then, old, pack, t) or t(NOT_ANSWERED), 80),
                        one_line(answer_text(definition, now, new, pack, t) or t(NOT_ANSWERED), 80),
                    )
                )
    if old.language != new.language:
        changes.append((t("Language of the plan"), old.language, new.language))
    if old.settings != new.settings:
        changes.append((t("Campaign settings"), _settings(old), _settings(new)))
    return changes


def _settings(campaign: Campaign) -> str:
    return f"{campaign.settings.paper} · {campaign.settings.logo or '—'}"


def _listed(campaign: Campaign, pack: WorksheetPack, t: Translator) -> list[HistoryEntry]:
    """Return the listed bursts, newest first, read once per saved version (and language), not on every rerun."""
    listed = st.session_state.get(LISTED_KEY)
    if listed is None or listed[0] != (campaign.id, campaign.revision, t.language):
        known = listed[1] if listed is not None and listed[0][0] == campaign.id else None  # only the newest changes
        entries = recent_history(repository(), campaign.id, LISTED, t, known, pack)
        listed = st.session_state[LISTED_KEY] = ((campaign.id, campaign.revision, t.language), entries)
    return listed[1]
