"""The plan's optional annex: the facilitator's comments on a workshop group's answers, where each one is."""

from __future__ import annotations

import datetime as dt

from campaign.comments import place_words
from campaign.i18n import N_, Translator
from campaign.model import Campaign
from campaign.worksheet import WorksheetPack
from exports.document import Block, ContentsEntry, Heading, PageBreak, Paragraph, Table, inline
from exports.wording import clean, date_text

ANNEX_TITLE = N_("Annex: facilitator comments")
ANNEX_ANCHOR = "annex-comments"
WHERE, COMMENT, BY, WHEN, STATUS = N_("Where"), N_("Comment"), N_("By"), N_("When"), N_("Status")
OPEN, DONE = N_("Open"), N_("Done")


def comments_annex(campaign: Campaign, pack: WorksheetPack, t: Translator) -> tuple[ContentsEntry, list[Block]]:
    """Return the annex's line in the contents and its blocks: a table of every comment (where, text, author,
    time in UTC, open or done), in the order they were written; nothing when the campaign has no comment."""
    if not campaign.comments:
        return ContentsEntry(t(ANNEX_TITLE), ANNEX_ANCHOR), []
    rows = tuple(
        (
            " – ".join(place_words(campaign, pack, comment.place, t)),
            clean(comment.text),
            clean(comment.author),
            stamp_text(comment.at, t),
            t(DONE) if comment.done else t(OPEN),
        )
        for comment in sorted(campaign.comments, key=lambda comment: comment.at)
    )
    # Translators: under the heading of the annex listing a facilitator's comments
    note = t("Comments the workshop's facilitator left on this plan's answers, and whether the group has done them.")
    blocks: list[Block] = [
        PageBreak(),
        Heading(t(ANNEX_TITLE), 1, ANNEX_ANCHOR),
        Paragraph(inline(note), "muted"),
        Table((t(WHERE), t(COMMENT), t(BY), t(WHEN), t(STATUS)), rows, widths=(3, 5, 2, 2, 1.2)),
    ]
    return ContentsEntry(t(ANNEX_TITLE), ANNEX_ANCHOR), blocks


def stamp_text(stamp: str, t: Translator) -> str:
    """Return a stored UTC time as the plan writes it: "23 November 2026, 14:59 UTC" (a paper has no time zone of
    its own, so it says which one it uses)."""
    try:
        moment = dt.datetime.fromisoformat(stamp)
    except ValueError:
        return clean(stamp)
    moment = moment.astimezone(dt.UTC) if moment.tzinfo else moment
    # Translators: a comment's time in a printed plan: {date} is "23 November 2026", {time} "14:59"
    clock = f"{moment:%H:%M}"
    return t("{date}, {time} UTC", date=date_text(moment.date(), t), time=clock)
