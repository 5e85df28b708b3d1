"""One worksheet step: its purpose, guidance folded away once read, every field, and Back / Next."""

from __future__ import annotations

from functools import partial

import streamlit as st

from campaign import Campaign, Translator, Worksheet, WorksheetPack, plan_check, shown_fields, shown_worksheets
from ui import saving, state
from ui.comments import render_field_comments
from ui.conflicts import render_conflicts
from ui.field_widgets import Slot, render_field
from ui.language import ui_translator
from ui.status import render_status

GUIDANCE_KEY = "guidance-hidden"  # campaign id -> ids of the steps whose "How to fill in" the person hid
GUIDANCE_PARAM = "tips"  # the same, for the open campaign, in the URL: a reload keeps it


def render_step(space: state.Workspace, pack: WorksheetPack, sheet: Worksheet) -> None:
    """Draw worksheet `sheet` of the open campaign (`pack` in the interface language)."""
    t = ui_translator()
    campaign = space.campaign
    steps = shown_worksheets(campaign, pack)  # the worksheets `show_if` hides are no steps
    number = steps.index(sheet) + 1
    with st.container(horizontal=True, vertical_alignment="center"):
        st.caption(
            t(
                "Step {number} of {count} · Toolkit section {section}",
                number=number,
                count=len(steps),
                section=sheet.toolkit_section or "—",
            )
        )
        render_status(space)
    st.title(sheet.title, anchor=False)
    st.markdown(sheet.purpose)
    render_conflicts(space, pack)
    _guidance(space, sheet, t)
    st.session_state[state.NOTES_KEY] = _notes(campaign, pack, sheet, t)
    for definition in shown_fields(campaign, pack, sheet):  # a hidden question's answer stays stored, undrawn
        path = f"{sheet.id}.{definition.id}"
        commit = partial(saving.save_answer, sheet.id, definition.id)
        with st.container(key=f"field-{sheet.id}-{definition.id}"):
            render_field(Slot(path, definition, campaign.answer(sheet.id, definition.id), commit, campaign, pack))
        render_field_comments(campaign, pack, sheet.id, definition)  # below the field, never inside its widget
    _back_and_next(steps, number, t)


def _guidance(space: state.Workspace, sheet: Worksheet, t: Translator) -> None:
    seen = f"{space.campaign.id}:{sheet.id}"
    hidden = closed_guidance(space.campaign.id)
    if hidden and st.query_params.get(GUIDANCE_PARAM) != ",".join(sorted(hidden)):
        st.query_params[GUIDANCE_PARAM] = ",".join(sorted(hidden))  # a URL the start page emptied: a reload keeps it
    closed = sheet.id in hidden
    with st.expander(
        t("How to fill in this worksheet"),
        icon=":material/menu_book:",
        expanded=not closed and seen not in space.seen_guidance,
        key=f"guidance-{sheet.id}-{'hidden' if closed else 'shown'}",  # a new key folds it in the open page too
    ):
        st.markdown(sheet.guidance)  # the pack's own text: trusted Markdown written by the toolkit's editors
        if sheet.tips:
            st.markdown("**" + t("Tips") + "**\n\n" + "\n".join(f"- {tip}" for tip in sheet.tips))
        if closed:
            st.button(
                t("Open these tips each time"),
                key="guidance-open",
                type="tertiary",
                icon=":material/visibility:",
                on_click=_remember_guidance,
                args=(space.campaign.id, sheet.id, False),
            )
        else:
            st.button(
                t("Hide these tips"),
                key="guidance-hide",
                type="tertiary",
                icon=":material/visibility_off:",
                on_click=_remember_guidance,
                args=(space.campaign.id, sheet.id, True),
                help=t("They stay folded on this step, also after Next, Back or a reload."),
            )
    space.seen_guidance.add(seen)
    if sheet.facts:
        with st.expander(t("Facts you can use"), icon=":material/fact_check:"):
            for fact in sheet.facts:
                source = f" — *{fact.source}*" if fact.source else ""
                st.markdown(f"- {fact.text}{source}")


def closed_guidance(campaign_id: str) -> set[str]:
    """Return the steps of `campaign_id` whose guidance the person hid: kept in the session and in the URL
    (`?tips=hidden-step,other-step`), so Next, Back and a reload of the page keep them folded."""
    kept = st.session_state.setdefault(GUIDANCE_KEY, {}).setdefault(campaign_id, set())
    in_url = {step for step in st.query_params.get(GUIDANCE_PARAM, "").split(",") if step}
    kept |= in_url
    return kept


def _remember_guidance(campaign_id: str, step: str, hidden: bool) -> None:
    kept = closed_guidance(campaign_id)
    if hidden:
        kept.add(step)
    else:
        kept.discard(step)
    if kept:
        st.query_params[GUIDANCE_PARAM] = ",".join(sorted(kept))
    else:
        st.query_params.pop(GUIDANCE_PARAM, None)


def _notes(campaign: Campaign, pack: WorksheetPack, sheet: Worksheet, t: Translator) -> dict[str, list[str]]:
    notes: dict[str, list[str]] = {}
    for finding in plan_check(campaign, pack, t=t):  # beside the fields, in the fields' language
        if finding.worksheet_id != sheet.id or finding.kind != "quality":
            continue  # missing answers are marked beside each field already
        where = ".".join(p for p in (finding.worksheet_id, finding.field_id, finding.row_id) if p)
        notes.setdefault(where, []).append(finding.message)
    return notes


def _back_and_next(steps: tuple[Worksheet, ...], number: int, t: Translator) -> None:
    st.divider()
    ids = [sheet.id for sheet in steps]
    with st.container(horizontal=True, horizontal_alignment="distribute"):
        if number > 1:
            back = steps[number - 2]
            st.button(
                t("Back: {step}", step=back.short_title),
                icon=":material/arrow_back:",
                key="nav-back",
                on_click=state.go,
                args=(back.id,),
            )
        else:
            st.button(t("Back: start page"), icon=":material/arrow_back:", key="nav-back", on_click=state.go_home)
        following = ids[number] if number < len(ids) else state.REVIEW
        title = steps[number].short_title if following in ids else t("Review and export")
        st.button(
            t("Next: {step}", step=title),
            icon=":material/arrow_forward:",
            icon_position="right",
            key="nav-next",
            type="primary",
            on_click=state.go,
            args=(following,),
        )
