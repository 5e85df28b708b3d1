"""Earlier versions: every save is kept as a revision; pick one, see what differs, and bring it back.

Bringing a version back is itself a new save, so it can be undone the same way. Revisions are read only on
the settings page, one at a time, and only when the user picks one.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from campaign import (
    NOT_ANSWERED,
    Campaign,
    CampaignDamaged,
    CampaignNotFound,
    StorageError,
    Translator,
    WorksheetPack,
    answer_text,
    changed_answers,
    field_label,
)
from ui import state
from ui.clock import local_stamp
from ui.language import ui_translator
from ui.resources import repository
from ui.text import one_line

PICK_KEY = "history-pick"
LISTED_KEY = "history-listed"  # ((campaign id, revision), earlier versions)
RESTORED_KEY = "history-restored"  # the confirmation, shown where the button was
LISTED = 200  # the newest versions offered in the list; older ones stay stored
SHOWN_CHANGES = 30


def render_history(space: state.Workspace, pack: WorksheetPack) -> None:
    """Draw the "Earlier versions" section of the settings page."""
    t = ui_translator()
    st.subheader(t("Earlier versions"), anchor=False)
    if restored := st.session_state.pop(RESTORED_KEY, None):
        st.success(restored, icon=":material/history:")
    try:
        kept = _earlier_versions(space.campaign)
    except StorageError as error:
        st.error(error.translated(t), icon=":material/cloud_off:")
        return
    if not kept:
        st.caption(t("Every change is kept as a version. Earlier versions will be listed here after the next change."))
        return
    st.caption(
        t(
            "Every change is kept as a version: this is version {revision}. Pick an earlier one to see what has "
            "changed since, and bring it back if an answer was lost or overwritten.",
            revision=space.campaign.revision,
        )
    )
    newest_first = sorted(kept, reverse=True)[:LISTED]
    if st.session_state.get(PICK_KEY) not in newest_first:
        st.session_state.pop(PICK_KEY, None)
    picked = st.selectbox(
        t("Earlier version"),
        newest_first,
        index=None,
        key=PICK_KEY,
        format_func=lambda revision: t("Version {revision}", revision=revision),
        placeholder=t("Choose a version"),
        width=320,
    )
    if len(kept) > LISTED:
        st.caption(t("The {count} most recent versions are listed; older ones stay stored.", count=LISTED))
    if picked is None:
        return
    old = _load_revision(space.campaign.id, picked, t)
    if old is None:
        return
    st.markdown(t("Version {revision} was saved on {when}.", revision=picked, when=local_stamp(old.updated, t)))
    changes = differences(old, space.campaign, pack, t)
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
        t("Bring back version {revision}", revision=picked),
        key="history-restore",
        icon=":material/history:",
        on_click=restore,
        args=(picked,),
        disabled=not changes,
    )


def restore(revision: int) -> None:
    """Make `revision` the current version of the open campaign (saved as a new version)."""
    space = state.workspace()
    if space is None:
        return
    t = ui_translator()
    try:
        restored = repository().restore(space.campaign.id, revision)
    except (CampaignNotFound, CampaignDamaged):
        space.notice = t("Version {revision} can no longer be read.", revision=revision)
        return
    except StorageError as error:
        space.notice = t(
            "Version {revision} was not brought back: {reason}", revision=revision, reason=error.translated(t)
        )
        return
    previous = space.campaign.revision
    opened = state.open_workspace(restored)
    opened.saved_at = dt.datetime.now()
    st.session_state[RESTORED_KEY] = t(
        "Version {revision} is back. What you had before is kept as version {previous}.",
        revision=revision,
        previous=previous,
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


def _earlier_versions(campaign: Campaign) -> list[int]:
    """Return the kept versions before the current one, listed once per saved version, not on every rerun."""
    listed = st.session_state.get(LISTED_KEY)
    if listed is None or listed[0] != (campaign.id, campaign.revision):
        numbers = [r for r in repository().revisions(campaign.id) if r < campaign.revision]
        listed = st.session_state[LISTED_KEY] = ((campaign.id, campaign.revision), numbers)
    return listed[1]


def _load_revision(campaign_id: str, revision: int, t: Translator) -> Campaign | None:
    cache = st.session_state.setdefault("history-cache", {})  # one read per version picked, not per rerun
    if (campaign_id, revision) not in cache:
        try:
            cache[(campaign_id, revision)] = repository().load_revision(campaign_id, revision)
        except (CampaignNotFound, CampaignDamaged):
            st.warning(t("Version {revision} can no longer be read.", revision=revision), icon=":material/error:")
            return None
        except StorageError as error:
            st.error(error.translated(t), icon=":material/cloud_off:")
            return None
    return cache[(campaign_id, revision)]
