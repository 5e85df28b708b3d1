"""Facilitator comments on screen: the facilitator writes one on a group's answer (or table row) from the
dashboard; the group reads it beside that field and marks it done. Never inside an answer widget."""

from __future__ import annotations

from functools import partial
from typing import TypeGuard

import streamlit as st

from campaign import (
    COMMENT_LIMIT,
    FACILITATOR,
    Campaign,
    Comment,
    CommentRefused,
    FieldBase,
    Place,
    StorageError,
    TableField,
    Translator,
    WorksheetPack,
    Workshop,
    comments_on,
    leave_comment,
    mark_done,
    place_words,
    row_label,
)
from ui import saving
from ui.clock import local_stamp
from ui.language import ui_translator
from ui.resources import repository
from ui.text import escape_markdown

NAME_KEY = "facilitator-name"  # the name the facilitator last signed a comment with, for the whole session
STEP, FIELD, ROW = "comment-step", "comment-field", "comment-row"
TEXT, AUTHOR, OUTCOME = "comment-text", "comment-author", "comment-outcome"
KEPT = "comment-kept"  # a comment the store did not take, put back in the box (a failed page run drops widgets)
WHOLE = ""  # the row choice meaning "the whole table"
ROW_WORDS = 60  # characters of a row's label that name it on screen


def render_field_comments(campaign: Campaign, pack: WorksheetPack, worksheet_id: str, definition: FieldBase) -> None:
    """Show below a field the facilitator's comments on it (and on its rows): open ones in full with a "Mark
    done" button, done ones folded into one line. Nothing for a personal campaign."""
    found = comments_on(campaign, worksheet_id, definition.id)
    if not found:
        return
    t = ui_translator()
    for comment in (c for c in found if not c.done):
        with st.container(border=True, key=f"comment-{comment.id}"):
            st.markdown(f":blue[:material/forum:] {_note(comment, campaign, pack, t)}")
            st.button(
                t("Mark done"),
                key=f"comment-done-{comment.id}",
                icon=":material/check:",
                on_click=_mark_done,
                args=(comment.id,),
            )
    done = [c for c in found if c.done]
    if done:
        words = t.ngettext("{count} comment done", "{count} comments done", len(done))
        with st.expander(words, icon=":material/check_circle:", key=f"comments-done-{worksheet_id}-{definition.id}"):
            for comment in done:
                st.markdown(_note(comment, campaign, pack, t))


def _mark_done(comment_id: str) -> None:
    saving.save_edit(partial(mark_done, comment_id=comment_id))  # merged with any save made meanwhile


def _note(comment: Comment, campaign: Campaign, pack: WorksheetPack, t: Translator) -> str:
    """Return "**Comment from Amina, 23 Nov 2026 14:59 UTC+05:45** (on Objective 2): text", escaped."""
    author, time = escape_markdown(comment.author), local_stamp(comment.at, t)
    heading = t("Comment from {author}, {time}", author=author, time=time)
    words = place_words(campaign, pack, comment.place, t, cut=ROW_WORDS)
    # Translators: after "Comment from Amina, <time>", the table row the comment is about: "(on Objective 2)"
    row = " " + t("(on {row})", row=escape_markdown(words[2])) if len(words) > 2 else ""
    return f"**{heading}**{row}: {escape_markdown(comment.text)}"


def render_comment_form(workshop: Workshop, campaign: Campaign, pack: WorksheetPack) -> None:
    """On the dashboard: choose a step, a question (and a table row) of the group's campaign, write a comment
    signed with a name kept for the session, and see the comments already left for the group."""
    t = ui_translator()
    st.subheader(t("Comment on this group's answers"), anchor=False)
    sheets = {sheet.id: sheet for sheet in pack.worksheets}
    step = st.selectbox(t("Step"), list(sheets), format_func=lambda s: sheets[s].title, key=STEP)
    sheet = sheets[step]
    fields = {definition.id: definition for definition in sheet.fields}
    question = st.selectbox(t("Question"), list(fields), format_func=lambda f: fields[f].label, key=f"{FIELD}-{step}")
    place = Place(sheet.id, question)
    definition = fields[question]
    if _is_table(definition):
        table, rows = definition, {row["id"]: row for row in campaign.rows(sheet.id, question)}
        row = st.selectbox(
            t("Row"),
            [WHOLE, *rows],
            format_func=lambda r: t("The whole table") if r == WHOLE else row_label(campaign, pack, table, rows[r]),
            key=f"{ROW}-{step}-{question}",
        )
        place = Place(sheet.id, question, row)
    st.session_state.setdefault(AUTHOR, st.session_state.get(NAME_KEY, ""))
    st.session_state.setdefault(TEXT, st.session_state.pop(KEPT, ""))
    with st.form("comment-form", border=False, enter_to_submit=False):
        st.text_area(t("Comment"), key=TEXT, max_chars=COMMENT_LIMIT, height=90)
        st.text_input(t("Your name"), key=AUTHOR, placeholder=t(FACILITATOR), max_chars=80)
        st.form_submit_button(
            t("Leave the comment"),
            icon=":material/add_comment:",
            on_click=_leave,
            args=(workshop, campaign.id, str(place)),
        )
    render_comment_outcome()
    _left_so_far(campaign, pack, t)


def render_comment_outcome() -> None:
    """Say whether the last comment was saved (once); where the dashboard can draw no form, it still says so."""
    if outcome := st.session_state.pop(OUTCOME, None):
        good, message = outcome
        (st.success if good else st.error)(message, icon=":material/check:" if good else ":material/error:")


def _is_table(definition: FieldBase) -> TypeGuard[TableField]:
    return definition.is_table


def _leave(workshop: Workshop, campaign_id: str, place: str) -> None:
    t = ui_translator()
    text, author = st.session_state.get(TEXT, ""), st.session_state.get(AUTHOR, "")
    try:
        leave_comment(repository(), workshop, campaign_id, place, text, author, t)
    except CommentRefused as refused:
        st.session_state[OUTCOME] = (False, refused.message)
        return
    except StorageError as error:
        reason = error.translated(t)
        st.session_state[OUTCOME] = (False, t("The comment was not saved: {reason}", reason=reason))
        st.session_state[KEPT] = text  # shown again in the box, to send once the store answers
        return
    st.session_state[NAME_KEY] = author
    st.session_state[TEXT] = ""
    st.session_state[OUTCOME] = (True, t("Comment saved. The group sees it beside that answer."))


def _left_so_far(campaign: Campaign, pack: WorksheetPack, t: Translator) -> None:
    if not campaign.comments:
        return
    still_open = sum(not c.done for c in campaign.comments)
    done = len(campaign.comments) - still_open
    st.markdown("**" + t("Comments left for this group: {open} open, {done} done", open=still_open, done=done) + "**")
    for comment in sorted(campaign.comments, key=lambda c: (c.done, c.at)):
        where = " › ".join(escape_markdown(w) for w in place_words(campaign, pack, comment.place, t, cut=ROW_WORDS))
        status = t("done") if comment.done else t("open")
        mark = ":green[:material/check_circle:]" if comment.done else ":blue[:material/forum:]"
        st.markdown(f"{mark} {where} · {status}  \n{_note(comment, campaign, pack, t)}")
