"""The campaign model: worksheet definitions, a campaign's answers, checks, and storage.

The UI reads the model through these public names only (ui/ruff.toml bans the submodules there). They are
imported on first use (PEP 562), from where campaign/public_names.py says each is defined, so a command that
needs one module does not import them all."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from campaign.public_names import WHERE

if TYPE_CHECKING:
    from campaign.campaign_file import campaign_to_yaml, parse_campaign, reference_problems
    from campaign.changes import changed_answers, same_campaign
    from campaign.checks import Finding, plan_check, references_to, row_label, without_row
    from campaign.comments import (
        FACILITATOR,
        CommentRefused,
        comments_on,
        leave_comment,
        mark_done,
        open_count,
        place_words,
    )
    from campaign.completeness import Progress, Status, campaign_progress, missing_cells, needs_answer
    from campaign.conditions import is_shown, shown_fields, shown_worksheets
    from campaign.config import DELETED_KEEP_DAYS, Config, ConfigError, Mode
    from campaign.config import config as current_config
    from campaign.copies import can_rename, record_origin, saved_copies
    from campaign.copies import duplicate as duplicate_campaign
    from campaign.copies import rename as rename_campaign
    from campaign.dispatch import per_field_type
    from campaign.example import example_campaign
    from campaign.fields import (
        ChoiceField,
        DateField,
        FieldBase,
        ListField,
        LongTextField,
        MultiChoiceField,
        NumberField,
        ReferenceField,
        Role,
        TableField,
        TextField,
        slug,
    )
    from campaign.file_end import FileEnd
    from campaign.file_end import file_end as find_file_end
    from campaign.history import Entry as HistoryEntry
    from campaign.history import browser_writer
    from campaign.history import recent as recent_history
    from campaign.i18n import N_, SOURCE_LANGUAGE, Translator, interface_languages, translator
    from campaign.keeping import Shelf
    from campaign.keeping import archive as archive_campaign
    from campaign.keeping import delete as delete_campaign
    from campaign.keeping import read_deleted as read_deleted_campaign
    from campaign.keeping import shelf as campaign_shelf
    from campaign.keeping import unarchive as unarchive_campaign
    from campaign.keeping import undelete as undelete_campaign
    from campaign.lengths import text_too_long
    from campaign.merge import put_at_path
    from campaign.model import (
        COMMENT_LIMIT,
        Campaign,
        Comment,
        Conflict,
        Place,
        Settings,
        is_empty,
        is_valid_id,
        new_id,
        new_row_id,
    )
    from campaign.reading import NOT_ANSWERED, answer_text, field_label, one_line, title
    from campaign.repository import (
        CampaignDamaged,
        CampaignDeleted,
        CampaignInvalid,
        CampaignNotFound,
        CampaignRepository,
        SaveResult,
    )
    from campaign.spreadsheet import csv_bytes
    from campaign.storage import StorageError, open_store
    from campaign.strict_yaml import MAX_BYTES
    from campaign.text import clean_text
    from campaign.worksheet import Worksheet, WorksheetError, WorksheetPack, available_languages, load_worksheets
    from campaign.workshop import GROUP_NAME_LIMIT, PLACE_LIMIT, WORKSHOP_NAME_LIMIT, Workshop, show_code
    from campaign.workshops import (
        TOKEN_RE,
        GroupProgress,
        JoinRefused,
        WorkshopNotFound,
        WorkshopRefused,
        WorkshopRepository,
    )

__all__ = [
    "COMMENT_LIMIT",
    "DELETED_KEEP_DAYS",
    "FACILITATOR",
    "GROUP_NAME_LIMIT",
    "MAX_BYTES",
    "NOT_ANSWERED",
    "N_",
    "PLACE_LIMIT",
    "SOURCE_LANGUAGE",
    "TOKEN_RE",
    "WORKSHOP_NAME_LIMIT",
    "Campaign",
    "CampaignDamaged",
    "CampaignDeleted",
    "CampaignInvalid",
    "CampaignNotFound",
    "CampaignRepository",
    "ChoiceField",
    "Comment",
    "CommentRefused",
    "Config",
    "ConfigError",
    "Conflict",
    "DateField",
    "FieldBase",
    "FileEnd",
    "Finding",
    "GroupProgress",
    "HistoryEntry",
    "JoinRefused",
    "ListField",
    "LongTextField",
    "Mode",
    "MultiChoiceField",
    "NumberField",
    "Place",
    "Progress",
    "ReferenceField",
    "Role",
    "SaveResult",
    "Settings",
    "Shelf",
    "Status",
    "StorageError",
    "TableField",
    "TextField",
    "Translator",
    "Worksheet",
    "WorksheetError",
    "WorksheetPack",
    "Workshop",
    "WorkshopNotFound",
    "WorkshopRefused",
    "WorkshopRepository",
    "answer_text",
    "archive_campaign",
    "available_languages",
    "browser_writer",
    "campaign_progress",
    "campaign_shelf",
    "campaign_to_yaml",
    "can_rename",
    "changed_answers",
    "clean_text",
    "comments_on",
    "csv_bytes",
    "current_config",
    "delete_campaign",
    "duplicate_campaign",
    "example_campaign",
    "field_label",
    "find_file_end",
    "interface_languages",
    "is_empty",
    "is_shown",
    "is_valid_id",
    "leave_comment",
    "load_worksheets",
    "mark_done",
    "missing_cells",
    "needs_answer",
    "new_id",
    "new_row_id",
    "one_line",
    "open_count",
    "open_store",
    "parse_campaign",
    "per_field_type",
    "place_words",
    "plan_check",
    "put_at_path",
    "read_deleted_campaign",
    "recent_history",
    "record_origin",
    "reference_problems",
    "references_to",
    "rename_campaign",
    "row_label",
    "same_campaign",
    "saved_copies",
    "show_code",
    "shown_fields",
    "shown_worksheets",
    "slug",
    "text_too_long",
    "title",
    "translator",
    "unarchive_campaign",
    "undelete_campaign",
    "without_row",
]


def __getattr__(name: str) -> Any:
    """Import the module that defines `name` the first time someone asks for it."""
    where = WHERE.get(name)
    if where is None:
        raise AttributeError(f"module 'campaign' has no attribute {name!r}")
    module, attribute = where if isinstance(where, tuple) else (where, name)
    value = getattr(importlib.import_module(module), attribute)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *WHERE])
