"""The plenary view: every group's goal, objectives and key messages side by side, read-only, without links."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import streamlit as st

from campaign import (
    N_,
    Campaign,
    CampaignNotFound,
    FieldBase,
    StorageError,
    Translator,
    WorksheetPack,
    Workshop,
    is_empty,
    translator,
)
from exports.by_role import cell, column, label_column, role_table, rows_of
from exports.wording import row_name, value_text
from ui.language import ui_translator
from ui.resources import repository, worksheet_pack
from ui.text import escape_markdown

SHARED_SECONDS = 10  # the shared words of a workshop are read once per this many seconds for all its groups
CARDS_PER_ROW = 3
COMPARE_KEY = "plenary-compare"
MESSAGES, OBJECTIVES = N_("Key messages"), N_("Objectives")


@dataclass(frozen=True)
class GroupWords:
    """What one group shares in the plenary: only words, never its campaign id or link."""

    name: str
    goal: str
    objectives: tuple[str, ...]
    messages: tuple[tuple[str, str], ...]  # (audience, core message)


def group_words(name: str, campaign: Campaign, pack: WorksheetPack, t: Translator | None = None) -> GroupWords:
    """Return the goal, objective statements and core messages (with their audiences) of one group, with
    choices, dates and numbers in `t`'s language (the pack's words in `pack`'s)."""
    goal = pack.answer_with_role(campaign, "goal")
    objectives_place = role_table(pack, "objective_table")
    statement = label_column(objectives_place)
    objectives = tuple(_text(row, statement, campaign, pack, t) for row in rows_of(campaign, objectives_place))
    messages_place = role_table(pack, "message_table")
    core = column(messages_place, "core_message")
    messages = []
    for number, row in enumerate(rows_of(campaign, messages_place), start=1):
        if text := _text(row, core, campaign, pack, t):
            assert messages_place is not None and messages_place.table is not None
            messages.append((row_name(messages_place.table, row, number, campaign, pack), text))
    return GroupWords(name, str(goal or ""), tuple(o for o in objectives if o), tuple(messages))


def _text(
    row: dict[str, Any], column: FieldBase | None, campaign: Campaign, pack: WorksheetPack, t: Translator | None
) -> str:
    value = cell(row, column)
    return "" if column is None or is_empty(value) else value_text(column, value, campaign, pack, t)


@st.cache_data(ttl=SHARED_SECONDS, show_spinner=False, max_entries=200)
def shared_words(workshop_id: str, groups: tuple[tuple[str, str], ...], language: str = "en") -> list[GroupWords]:
    """Return every group's words, in joining order, for readers of `language`; `groups` is (campaign id, name)
    per group."""
    pack, repo, t = worksheet_pack(language), repository(), translator(language)
    words = []
    for campaign_id, name in groups:
        try:
            words.append(group_words(name, repo.load(campaign_id), pack, t))
        except (CampaignNotFound, StorageError):
            words.append(GroupWords(name, "", (), ()))  # keep the order: one card per group
    return words


def workshop_words(workshop: Workshop) -> list[GroupWords]:
    """Return the shared words of `workshop`'s groups in the reader's language (cached for a few seconds)."""
    groups = tuple((g.campaign_id, g.name) for g in workshop.groups)
    return shared_words(workshop.id, groups, ui_translator().language)


def render_plenary_page(campaign: Campaign, workshop: Workshop) -> None:
    """Draw the plenary page a group sees while the facilitator shares it."""
    t = ui_translator()
    st.caption(t("Shared by your facilitator · {workshop}", workshop=escape_markdown(workshop.name)))
    st.title(t("Plenary: all groups' key messages"), anchor=False)
    st.markdown(
        t(
            "Every group's key messages and objectives, to compare in the plenary discussion. This page is "
            "read-only: each group's plan stays its own."
        )
    )
    own = next((n for n, g in enumerate(workshop.groups) if g.campaign_id == campaign.id), None)
    render_side_by_side(workshop_words(workshop), own)


def render_side_by_side(words: list[GroupWords], own: int | None = None) -> None:
    """Draw one card per group, three to a row; `own` is the index of the viewer's group, marked as theirs."""
    t = ui_translator()
    if not words:
        st.info(t("No group has joined yet."), icon=":material/groups:")
        return
    compare = st.segmented_control(
        t("Compare"),
        [MESSAGES, OBJECTIVES],
        format_func=t,
        default=MESSAGES,
        key=COMPARE_KEY,
        required=True,
    )
    for start in range(0, len(words), CARDS_PER_ROW):
        columns = st.columns(CARDS_PER_ROW)
        for offset, group in enumerate(words[start : start + CARDS_PER_ROW]):
            with columns[offset], st.container(border=True, key=f"plenary-group-{start + offset}"):
                mark = " · :green-badge[" + t("your group") + "]" if own == start + offset else ""
                st.markdown(f"**{escape_markdown(group.name)}**{mark}")
                st.markdown(_messages(group, t) if compare == MESSAGES else _objectives(group, t))


def _messages(group: GroupWords, t: Translator) -> str:
    if not group.messages:
        return ":gray[" + t("No key message yet.") + "]"
    return "\n\n".join(f"*{escape_markdown(audience)}*  \n{escape_markdown(text)}" for audience, text in group.messages)


def _objectives(group: GroupWords, t: Translator) -> str:
    parts = [":gray[" + t("Goal:") + "] " + escape_markdown(group.goal)] if group.goal else []
    parts += [f"{n}. {escape_markdown(text)}" for n, text in enumerate(group.objectives, start=1)]
    return "\n\n".join(parts) or ":gray[" + t("No objective yet.") + "]"
