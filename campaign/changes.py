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
