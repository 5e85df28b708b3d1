"""Facilitator comments on a workshop group's answers: who may leave them, adding, marking done, finding them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from campaign.fields import as_table
from campaign.i18n import N_, Translator, translator
from campaign.lengths import text_too_long
from campaign.model import AUTHOR_LIMIT, COMMENT_LIMIT, Campaign, Comment, Place, new_id, now
from campaign.reading import clean, field_label, row_name
from campaign.text import clean_text

if TYPE_CHECKING:  # type-only: the repository and the pack are passed in, never imported here
    from campaign.repository import CampaignRepository, SaveResult
    from campaign.worksheet import WorksheetPack
    from campaign.workshop import Workshop

FACILITATOR = N_("Facilitator")  # the author of a comment whose writer left the name empty
NOT_THIS_WORKSHOP = N_(
    "This campaign is not a group of this workshop: a facilitator comments only on their own workshop's groups."
)
NO_PLACE = N_("Choose the answer or the table row the comment is about.")
NO_TEXT = N_("Write the comment first.")
COMMENT_WORD, AUTHOR_WORD = N_("Comment"), N_("Your name")  # what a too-long message names


class CommentRefused(Exception):
    """A comment was not added; `message` says why in the person's language, and nothing was stored."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def new_comment(
    campaign: Campaign, workshop_id: str, place: str, text: str, author: str, t: Translator | None = None
) -> Comment:
    """Return a comment on `place` ("sheet.field" or "sheet.field.row") of `campaign`, a group of the workshop
    `workshop_id`; raise CommentRefused for any other campaign, an empty or too long text, or a bad place."""
    t = t or translator(None)
    if not workshop_id or campaign.workshop != workshop_id:
        raise CommentRefused(t(NOT_THIS_WORKSHOP))
    where = Place.parse(place)
    if where.setting or where.column or not (where.worksheet and where.field):
        raise CommentRefused(t(NO_PLACE))
    cleaned = clean_text(text).strip()
    if not cleaned:
        raise CommentRefused(t(NO_TEXT))
    name = " ".join(clean_text(author).split()) or t(FACILITATOR)
    for what, typed, limit in ((t(COMMENT_WORD), cleaned, COMMENT_LIMIT), (t(AUTHOR_WORD), name, AUTHOR_LIMIT)):
        if problem := text_too_long(what, typed, limit, t):
            raise CommentRefused(problem)
    return Comment(id=new_id(), place=str(where), text=cleaned, author=name)


def add_comment(
    campaign: Campaign, workshop_id: str, place: str, text: str, author: str, t: Translator | None = None
) -> Comment:
    """Add a new comment to `campaign` (see `new_comment` for what is refused) and return it."""
    comment = new_comment(campaign, workshop_id, place, text, author, t)
    campaign.comments.append(comment)
    return comment


def mark_done(campaign: Campaign, comment_id: str) -> None:
    """Mark the comment `comment_id` done (once: a second mark keeps the first time)."""
    for comment in campaign.comments:
        if comment.id == comment_id and not comment.done:
            comment.done, comment.done_at = True, now()


def open_count(campaign: Campaign) -> int:
    """Return how many comments of `campaign` are not done yet."""
    return sum(not comment.done for comment in campaign.comments)


def comments_on(campaign: Campaign, worksheet_id: str, field_id: str) -> list[Comment]:
    """Return the comments a group sees beside a field: on its answer and on its table's rows, oldest first.

    A personal campaign (no workshop) shows none, whatever its file holds."""
    if not campaign.workshop:
        return []
    found = []
    for comment in campaign.comments:
        where = Place.parse(comment.place)
        if (where.worksheet, where.field) == (worksheet_id, field_id):
            found.append(comment)
    return sorted(found, key=lambda comment: comment.at)


def place_words(
    campaign: Campaign, pack: WorksheetPack, place: str, t: Translator | None = None, *, cut: int | None = None
) -> list[str]:
    """Return where a comment is, as a person reads it: [step title, question label] and the row's name for a
    table row (campaign.reading's `row_name`: in print without `cut`, on a screen with it); the path itself for a
    place the pack no longer has."""
    where = Place.parse(place)
    try:
        sheet = pack.worksheet(where.worksheet)
        definition = sheet.field(where.field)
    except KeyError:
        return [place]
    words, table = [clean(sheet.title), field_label(definition)], as_table(definition)
    if where.row and table is not None:
        rows = campaign.rows(where.worksheet, where.field)
        number, row = next(((n, r) for n, r in enumerate(rows, 1) if r["id"] == where.row), (0, {"id": where.row}))
        words.append(row_name(campaign, pack, table, row, number, t, cut=cut) if number else where.row)
    return words


def leave_comment(
    repository: CampaignRepository,
    workshop: Workshop,
    campaign_id: str,
    place: str,
    text: str,
    author: str,
    t: Translator | None = None,
) -> SaveResult:
    """Store a facilitator's comment in the group campaign `campaign_id` of `workshop` (merged with any save
    the group makes meanwhile); raise CommentRefused for a campaign of no group of this workshop, StorageError
    when the store fails."""
    t = t or translator(None)
    if campaign_id not in {group.campaign_id for group in workshop.groups}:
        raise CommentRefused(t(NOT_THIS_WORKSHOP))
    stored = repository.load(campaign_id)
    mine = stored.copy()
    add_comment(mine, workshop.id, place, text, author, t)
    return repository.save(mine, stored)
