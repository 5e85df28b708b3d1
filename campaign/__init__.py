"""The campaign model: worksheet definitions, a campaign's answers, checks, and storage.

The UI reads the model through these public names only (ui/ruff.toml bans the submodules there). They are
imported on first use (PEP 562), so a command that needs one module does not import them all."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from campaign.campaign_file import campaign_to_yaml, parse_campaign, reference_problems
    from campaign.changes import changed_answers, same_campaign
    from campaign.checks import Finding, plan_check, references_to, row_label, without_row
    from campaign.completeness import Progress, Status, campaign_progress, missing_cells, needs_answer
    from campaign.conditions import is_shown, shown_fields, shown_worksheets
    from campaign.config import Config, ConfigError, Mode
    from campaign.config import config as current_config
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
    from campaign.i18n import N_, SOURCE_LANGUAGE, Translator, interface_languages, translator
    from campaign.lengths import text_too_long
    from campaign.merge import put_at_path
    from campaign.model import Campaign, Conflict, Place, Settings, is_empty, is_valid_id, new_id, new_row_id
    from campaign.reading import NOT_ANSWERED, answer_text, field_label, one_line, title
    from campaign.repository import CampaignDamaged, CampaignInvalid, CampaignNotFound, CampaignRepository, SaveResult
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

_WHERE: dict[str, str | tuple[str, str]] = {  # a name, or (module, its name there) where a module shares it
    "answer_text": "campaign.reading",
    "available_languages": "campaign.worksheet",
    "Campaign": "campaign.model",
    "campaign_progress": "campaign.completeness",
    "is_shown": "campaign.conditions",
    "shown_fields": "campaign.conditions",
    "shown_worksheets": "campaign.conditions",
    "campaign_to_yaml": "campaign.campaign_file",
    "CampaignDamaged": "campaign.repository",
    "CampaignInvalid": "campaign.repository",
    "CampaignNotFound": "campaign.repository",
    "CampaignRepository": "campaign.repository",
    "changed_answers": "campaign.changes",
    "ChoiceField": "campaign.fields",
    "clean_text": "campaign.text",
    "Config": "campaign.config",
    "current_config": ("campaign.config", "config"),
    "ConfigError": "campaign.config",
    "Conflict": "campaign.model",
    "csv_bytes": "campaign.spreadsheet",
    "DateField": "campaign.fields",
    "example_campaign": "campaign.example",
    "field_label": "campaign.reading",
    "FieldBase": "campaign.fields",
    "find_file_end": ("campaign.file_end", "file_end"),
    "FileEnd": "campaign.file_end",
    "Finding": "campaign.checks",
    "GROUP_NAME_LIMIT": "campaign.workshop",
    "GroupProgress": "campaign.workshops",
    "interface_languages": "campaign.i18n",
    "is_empty": "campaign.model",
    "is_valid_id": "campaign.model",
    "JoinRefused": "campaign.workshops",
    "ListField": "campaign.fields",
    "load_worksheets": "campaign.worksheet",
    "LongTextField": "campaign.fields",
    "MAX_BYTES": "campaign.strict_yaml",
    "missing_cells": "campaign.completeness",
    "Mode": "campaign.config",
    "MultiChoiceField": "campaign.fields",
    "N_": "campaign.i18n",
    "needs_answer": "campaign.completeness",
    "new_id": "campaign.model",
    "new_row_id": "campaign.model",
    "NOT_ANSWERED": "campaign.reading",
    "NumberField": "campaign.fields",
    "one_line": "campaign.reading",
    "open_store": "campaign.storage",
    "parse_campaign": "campaign.campaign_file",
    "per_field_type": "campaign.dispatch",
    "Place": "campaign.model",
    "PLACE_LIMIT": "campaign.workshop",
    "plan_check": "campaign.checks",
    "Progress": "campaign.completeness",
    "put_at_path": "campaign.merge",
    "reference_problems": "campaign.campaign_file",
    "ReferenceField": "campaign.fields",
    "references_to": "campaign.checks",
    "Role": "campaign.fields",
    "row_label": "campaign.checks",
    "same_campaign": "campaign.changes",
    "SaveResult": "campaign.repository",
    "Settings": "campaign.model",
    "show_code": "campaign.workshop",
    "slug": "campaign.fields",
    "SOURCE_LANGUAGE": "campaign.i18n",
    "Status": "campaign.completeness",
    "StorageError": "campaign.storage",
    "TableField": "campaign.fields",
    "text_too_long": "campaign.lengths",
    "TextField": "campaign.fields",
    "title": "campaign.reading",
    "TOKEN_RE": "campaign.workshops",
    "Translator": "campaign.i18n",
    "translator": "campaign.i18n",
    "without_row": "campaign.checks",
    "Worksheet": "campaign.worksheet",
    "WorksheetError": "campaign.worksheet",
    "WorksheetPack": "campaign.worksheet",
    "Workshop": "campaign.workshop",
    "WORKSHOP_NAME_LIMIT": "campaign.workshop",
    "WorkshopNotFound": "campaign.workshops",
    "WorkshopRefused": "campaign.workshops",
    "WorkshopRepository": "campaign.workshops",
}
__all__ = [
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
    "CampaignInvalid",
    "CampaignNotFound",
    "CampaignRepository",
    "ChoiceField",
    "Config",
    "ConfigError",
    "Conflict",
    "DateField",
    "FieldBase",
    "FileEnd",
    "Finding",
    "GroupProgress",
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
    "available_languages",
    "campaign_progress",
    "campaign_to_yaml",
    "changed_answers",
    "clean_text",
    "csv_bytes",
    "current_config",
    "example_campaign",
    "field_label",
    "find_file_end",
    "interface_languages",
    "is_empty",
    "is_shown",
    "is_valid_id",
    "load_worksheets",
    "missing_cells",
    "needs_answer",
    "new_id",
    "new_row_id",
    "one_line",
    "open_store",
    "parse_campaign",
    "per_field_type",
    "plan_check",
    "put_at_path",
    "reference_problems",
    "references_to",
    "row_label",
    "same_campaign",
    "show_code",
    "shown_fields",
    "shown_worksheets",
    "slug",
    "text_too_long",
    "title",
    "translator",
    "without_row",
]


def __getattr__(name: str) -> Any:
    """Import the module that defines `name` the first time someone asks for it."""
    where = _WHERE.get(name)
    if where is None:
        raise AttributeError(f"module 'campaign' has no attribute {name!r}")
    module, attribute = where if isinstance(where, tuple) else (where, name)
    value = getattr(importlib.import_module(module), attribute)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_WHERE])
