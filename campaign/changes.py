"""What changed between two versions of a campaign: the one comparison that merging, the history, saving and
catching up all make, with `campaign.model.is_empty` the one idea of an empty answer."""

from __future__ import annotations

from typing import Any

from campaign.model import Campaign, is_empty


def plain(value: Any) -> Any:
    """Return `value` as two versions are compared: None when empty, lists and rows without their empty parts."""
    if is_empty(value):
        return None
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value if not is_empty(item)]
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items() if key == "id" or not is_empty(item)}
    return value


def same(first: Any, second: Any) -> bool:
    """Return True when two answers (or cells, rows, settings) say the same: blanks count as no answer."""
    return plain(first) == plain(second)


def changed_answers(old: Campaign, new: Campaign) -> list[tuple[str, str]]:
    """Return (worksheet, field) for every answer that differs between two versions, sorted."""
    sheets = sorted(set(old.answers) | set(new.answers))
    return [
        (sheet, field)
        for sheet in sheets
        for field in sorted(set(old.answers.get(sheet, {})) | set(new.answers.get(sheet, {})))
        if not same(old.answer(sheet, field), new.answer(sheet, field))
    ]


def same_campaign(first: Campaign, second: Campaign) -> bool:
    """Return True when two versions hold the same answers, settings, language, open conflicts and comments."""
    return (
        not changed_answers(first, second)
        and first.settings == second.settings
        and first.language == second.language
        and first.conflicts == second.conflicts
        and first.comments == second.comments
    )


_GONE = object()  # an answer key one version does not have


def identical(first: Any, second: Any) -> bool:
    """Return True when two answers are the very same data: equal, with the same types all the way down (so a
    checked answer and an unchecked one that merely compares equal, 1 and True, "3" and 3, are not identical)
    and the keys of every mapping in the same order (the file writes them in that order)."""
    if type(first) is not type(second):
        return False
    if isinstance(first, dict):
        return list(first) == list(second) and all(identical(first[key], second[key]) for key in first)
    if isinstance(first, list):
        return len(first) == len(second) and all(identical(a, b) for a, b in zip(first, second, strict=True))
    return bool(first == second)


def edited_answers(old: Campaign, new: Campaign) -> set[tuple[str, str]]:
    """Return (worksheet, field) for every answer key of either version whose data is not `identical`: unlike
    `changed_answers`, a blank written in place of no answer counts, since the worksheet's rules must see it."""
    edited: set[tuple[str, str]] = set()
    for sheet in set(old.answers) | set(new.answers):
        before, after = old.answers.get(sheet), new.answers.get(sheet)
        if not isinstance(before, dict) or not isinstance(after, dict):
            edited.add((sheet, ""))  # the whole worksheet: added, removed, or not a mapping at all
            edited |= {(sheet, key) for part in (before, after) if isinstance(part, dict) for key in part}
            continue
        keys = before.keys() | after.keys()
        edited |= {
            (sheet, key) for key in keys if key not in before or not identical(before[key], after.get(key, _GONE))
        }
    return edited
