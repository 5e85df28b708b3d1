"""Three-way merge of two edits of one campaign: different answers merge, the same answer conflicts."""

from __future__ import annotations

from typing import Any

from campaign.model import Campaign, Conflict, Settings

_MISSING: Any = None


def merge_campaigns(base: Campaign, mine: Campaign, theirs: Campaign) -> tuple[Campaign, list[Conflict]]:
    """Return `theirs` with my changes since `base` applied, and the answers both of us changed differently.

    Where both changed one answer (or one cell of a table row), the stored value (`theirs`) stays and a
    Conflict keeps mine, so nothing is lost. Table rows merge by their ids: rows added on either side are
    kept, a row removed on one side and untouched on the other is removed.
    """
    merged = theirs.copy()
    conflicts: list[Conflict] = []
    sheets = set(base.answers) | set(mine.answers) | set(theirs.answers)
    for sheet in sorted(sheets):
        fields = {f for c in (base, mine, theirs) for f in c.answers.get(sheet, {})}
        for field in sorted(fields):
            path = f"{sheet}.{field}"
            b, m, t = base.answer(sheet, field), mine.answer(sheet, field), theirs.answer(sheet, field)
            if _is_rows(b) and _is_rows(m) and _is_rows(t):
                value = _merge_rows(b or [], m or [], t or [], path, theirs.revision, conflicts)
            else:
                value = _merge_value(b, m, t, path, theirs.revision, conflicts)
            merged.set_answer(sheet, field, value)
    merged.settings = Settings(
        paper=_merge_value(
            base.settings.paper,
            mine.settings.paper,
            theirs.settings.paper,
            "settings.paper",
            theirs.revision,
            conflicts,
        ),
        logo=_merge_value(
            base.settings.logo, mine.settings.logo, theirs.settings.logo, "settings.logo", theirs.revision, conflicts
        ),
    )
    merged.language = _merge_value(base.language, mine.language, theirs.language, "language", theirs.revision, [])
    merged.conflicts = _merge_conflict_lists(base.conflicts, mine.conflicts, theirs.conflicts) + conflicts
    return merged, conflicts


def _merge_value(base: Any, mine: Any, theirs: Any, path: str, revision: int, conflicts: list[Conflict]) -> Any:
    if mine in (base, theirs):
        return theirs
    if theirs == base:
        return mine
    conflicts.append(Conflict(path=path, mine=mine, theirs=theirs, revision=revision))
    return theirs


def _is_rows(value: Any) -> bool:
    return value is None or (isinstance(value, list) and all(isinstance(r, dict) and "id" in r for r in value))


def _merge_rows(
    base: list[dict[str, Any]],
    mine: list[dict[str, Any]],
    theirs: list[dict[str, Any]],
    path: str,
    revision: int,
    conflicts: list[Conflict],
) -> list[dict[str, Any]]:
    base_rows, mine_rows = {r["id"]: r for r in base}, {r["id"]: r for r in mine}
    result: list[dict[str, Any]] = []
    for row in theirs:
        row_id = row["id"]
        if row_id in mine_rows:
            result.append(
                _merge_row(base_rows.get(row_id, {}), mine_rows[row_id], row, f"{path}.{row_id}", revision, conflicts)
            )
        elif row_id not in base_rows:
            result.append(row)  # they added it
        elif row != base_rows[row_id]:
            result.append(row)  # I removed it, they edited it: keep their edit rather than lose it
    theirs_ids = {r["id"] for r in theirs}
    for row in mine:
        if row["id"] not in theirs_ids and row["id"] not in base_rows:
            result.append(row)  # I added it
    return result


def _merge_row(
    base: dict[str, Any],
    mine: dict[str, Any],
    theirs: dict[str, Any],
    path: str,
    revision: int,
    conflicts: list[Conflict],
) -> dict[str, Any]:
    row: dict[str, Any] = {"id": theirs["id"]}
    for column in [c for c in dict.fromkeys([*theirs, *mine, *base]) if c != "id"]:
        value = _merge_value(
            base.get(column), mine.get(column), theirs.get(column), f"{path}.{column}", revision, conflicts
        )
        if value not in (None, "", []):
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
