"""Three-way merge of two edits of one campaign: different answers merge, the same answer conflicts, and a
conflict is settled by putting the side chosen back at its path."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from campaign.changes import same
from campaign.model import Campaign, Comment, Conflict, Place, Settings, is_empty


def merge_campaigns(base: Campaign, mine: Campaign, theirs: Campaign) -> tuple[Campaign, list[Conflict]]:
    """Return `theirs` with my changes since `base` applied, and the answers both of us changed differently.

    The rule, the same in both directions: every value changed on either side is in the result, or in a
    Conflict at its path that holds it. Where both changed one answer (or one cell of a table row, a setting,
    the language) differently, the stored value (`theirs`) stays and the Conflict keeps mine. Table rows merge
    by their ids: rows added on either side are kept; a row removed on one side and untouched on the other is
    removed; a row removed on one side and edited on the other stays, edited, and a Conflict at the row's path
    ("sheet.field.row") offers the removal. The rows keep the order of the side that reordered them (theirs
    when both or neither did); rows only the other side added follow, and a row back from a removal keeps its
    place among the others.
    """
    merged = theirs.copy()
    conflicts: list[Conflict] = []
    sheets = set(base.answers) | set(mine.answers) | set(theirs.answers)
    for sheet in sorted(sheets):
        if mine.answers.get(sheet) == base.answers.get(sheet):
            continue  # a worksheet I left as it was is theirs, as they stored it (what the merge below makes of it)
        fields = {f for c in (base, mine, theirs) for f in c.answers.get(sheet, {})}
        for field in sorted(fields):
            path = str(Place(sheet, field))
            b, m, t = base.answer(sheet, field), mine.answer(sheet, field), theirs.answer(sheet, field)
            if _is_rows(b) and _is_rows(m) and _is_rows(t):
                value = _merge_rows(b or [], m or [], t or [], Place(sheet, field), theirs.revision, conflicts)
            else:
                value = _merge_value(b, m, t, path, theirs.revision, conflicts)
            merged.set_answer(sheet, field, value)

    def merged_setting(name: str) -> Any:
        was, my_value, their_value = (getattr(c.settings, name) for c in (base, mine, theirs))
        return _merge_value(was, my_value, their_value, str(Place(setting=name)), theirs.revision, conflicts)

    merged.settings = Settings(paper=merged_setting("paper"), logo=merged_setting("logo"))
    merged.language = _merge_value(
        base.language, mine.language, theirs.language, str(Place(setting="language")), theirs.revision, conflicts
    )
    merged.conflicts = _merge_conflict_lists(base.conflicts, mine.conflicts, theirs.conflicts) + conflicts
    merged.comments = merge_comments(base.comments, mine.comments, theirs.comments)
    return merged, conflicts


def merge_comments(base: list[Comment], mine: list[Comment], theirs: list[Comment]) -> list[Comment]:
    """Return the comments of both sides, by id: every comment added on either side is kept, and one marked
    done on either side is done. A text changed on one side is kept (theirs when both changed it), whatever
    the other side did; a comment removed on one side goes only when the other side left it as it was.
    Their order is kept; comments only I have follow."""
    base_by_id, mine_by_id, theirs_by_id = ({c.id: c for c in side} for side in (base, mine, theirs))
    merged: list[Comment] = []
    for comment_id in dict.fromkeys([*theirs_by_id, *mine_by_id]):
        was, my_comment, their_comment = (side.get(comment_id) for side in (base_by_id, mine_by_id, theirs_by_id))
        if my_comment is None or their_comment is None:
            kept = my_comment or their_comment
            if kept is not None and (was is None or kept != was):  # added there, or changed while removed here
                merged.append(replace(kept))
            continue
        merged.append(_merge_comment(was, my_comment, their_comment))
    return merged


def _merge_comment(base: Comment | None, mine: Comment, theirs: Comment) -> Comment:
    changed_mine = base is not None and mine.text != base.text and theirs.text == base.text
    done_on = [c for c in (theirs, mine) if c.done]
    return replace(
        theirs,
        text=mine.text if changed_mine else theirs.text,
        done=bool(done_on),
        done_at=done_on[0].done_at if done_on else None,
    )


def _merge_value(base: Any, mine: Any, theirs: Any, path: str, revision: int, conflicts: list[Conflict]) -> Any:
    if same(mine, base) or same(mine, theirs):
        return theirs
    if same(theirs, base):
        return mine
    conflicts.append(Conflict(path=path, mine=mine, theirs=theirs, revision=revision))
    return theirs


def _is_rows(value: Any) -> bool:
    return value is None or (isinstance(value, list) and all(isinstance(r, dict) and "id" in r for r in value))


def _merge_rows(
    base: list[dict[str, Any]],
    mine: list[dict[str, Any]],
    theirs: list[dict[str, Any]],
    table: Place,
    revision: int,
    conflicts: list[Conflict],
) -> list[dict[str, Any]]:
    base_rows, mine_rows, theirs_rows = ({r["id"]: r for r in rows} for rows in (base, mine, theirs))
    result: list[dict[str, Any]] = []
    for row_id in _row_order(base, mine, theirs):
        was, my_row, their_row = base_rows.get(row_id), mine_rows.get(row_id), theirs_rows.get(row_id)
        if my_row is not None and their_row is not None:
            result.append(_merge_row(was or {}, my_row, their_row, replace(table, row=row_id), revision, conflicts))
            continue
        row = my_row if their_row is None else their_row  # only one side still has it
        if row is None:
            continue  # removed on both sides
        if was is None:
            result.append(row)  # added on that side
        elif not same(row, was):  # edited on one side, removed on the other: keep the edit, offer the removal
            result.append(row)
            conflicts.append(Conflict(str(replace(table, row=row_id)), my_row, their_row, revision))
        # else: removed on one side, untouched on the other: it goes
    return result


def _row_order(base: list[dict[str, Any]], mine: list[dict[str, Any]], theirs: list[dict[str, Any]]) -> list[str]:
    """Return the ids of the rows of both sides in merged order (before rows removed are dropped)."""
    base_ids, mine_ids, theirs_ids = ([r["id"] for r in rows] for rows in (base, mine, theirs))
    if _reordered(base_ids, mine_ids) and not _reordered(base_ids, theirs_ids):
        order, others = mine_ids, theirs_ids
    else:
        order, others = list(theirs_ids), mine_ids
    order = list(order)
    place = {row_id: number for number, row_id in enumerate(base_ids)}
    for row_id in others:
        if row_id in order:
            continue
        if row_id in place:  # a row the first side removed: back before the first row that followed it in base
            later = (n for n, other in enumerate(order) if place.get(other, -1) > place[row_id])
            order.insert(next(later, len(order)), row_id)
        else:
            order.append(row_id)  # added only on the other side: after the rest
    return order


def _reordered(base_ids: list[str], side_ids: list[str]) -> bool:
    """Return True when `side_ids` holds the rows it shares with `base_ids` in another order."""
    kept = set(side_ids) & set(base_ids)
    return [i for i in side_ids if i in kept] != [i for i in base_ids if i in kept]


def _merge_row(
    base: dict[str, Any],
    mine: dict[str, Any],
    theirs: dict[str, Any],
    row_place: Place,
    revision: int,
    conflicts: list[Conflict],
) -> dict[str, Any]:
    row: dict[str, Any] = {"id": theirs["id"]}
    for column in [c for c in dict.fromkeys([*theirs, *mine, *base]) if c != "id"]:
        value = _merge_value(
            base.get(column),
            mine.get(column),
            theirs.get(column),
            str(replace(row_place, column=column)),
            revision,
            conflicts,
        )
        if not is_empty(value):
            row[column] = value
    return row


def _merge_conflict_lists(base: list[Conflict], mine: list[Conflict], theirs: list[Conflict]) -> list[Conflict]:
    """Return their open conflicts, minus the ones I resolved, plus any I have that they do not."""

    def key(conflict: Conflict) -> tuple[str, int, str]:
        return (conflict.path, conflict.revision, conflict.at)

    resolved_by_me = {key(c) for c in base} - {key(c) for c in mine}
    kept = [c for c in theirs if key(c) not in resolved_by_me]
    kept_keys = {key(c) for c in kept} | resolved_by_me
    return kept + [c for c in mine if key(c) not in kept_keys and key(c) not in {key(b) for b in base}]


def apply_conflict_side(campaign: Campaign, conflict: Conflict, keep_mine: bool) -> None:
    """Settle `conflict` in `campaign` (see `Conflict.settle`)."""
    conflict.settle(campaign, keep_mine)


def put_at_path(campaign: Campaign, path: str, value: Any) -> None:
    """Store `value` at a conflict path (see `Place.put`)."""
    Place.parse(path).put(campaign, value)
