"""A campaign: its identity, settings and the answers typed into the worksheets."""

from __future__ import annotations

import copy
import datetime as dt
import re
import secrets
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal

from pydantic import ConfigDict, Field, ValidationInfo, ValidatorFunctionWrapHandler, WrapValidator

from campaign.i18n import N_, translator
from campaign.logo import LOGO_NAME

SCHEMA_VERSION = 1
ID_RE = re.compile(r"^[A-Za-z0-9_-]{22}$")  # match with fullmatch: `$` accepts a final newline ("?c=<id>%0A")
Paper = Literal["a4", "letter"]


def _answers_checker(value: Any, handler: ValidatorFunctionWrapHandler, info: ValidationInfo) -> Any:
    # the answers' types depend on the worksheet pack: the reader passes the pack's checker as context["answers"]
    checker = (info.context or {}).get("answers")
    return checker(value) if checker else handler(value)


# The shapes a campaign file must have: pydantic reads the dataclasses below directly (campaign/campaign_file.py).
CampaignId = Annotated[str, Field(pattern=ID_RE.pattern)]
FILE_CONFIG = ConfigDict(extra="forbid")  # lax: every YAML scalar arrives as text ("3" is read as 3)
UNTITLED = N_("Untitled campaign")  # a campaign without a name, in the campaign's own language


def new_id() -> str:
    """Return a fresh, unguessable id: 128 random bits, URL-safe, 22 characters."""
    return secrets.token_urlsafe(16)


def is_valid_id(value: object) -> bool:
    """Return True when `value` has the exact shape of an id made by `new_id`."""
    return isinstance(value, str) and ID_RE.fullmatch(value) is not None


def now() -> str:
    """Return the current UTC time as an ISO 8601 string with seconds."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


@dataclass
class Settings:
    __pydantic_config__ = FILE_CONFIG

    paper: Paper = "a4"
    logo: Annotated[str, Field(pattern=LOGO_NAME.pattern)] | None = None  # the logo asset stored beside it


@dataclass
class Conflict:
    """Two saves changed the same answer; both values are kept until someone chooses."""

    __pydantic_config__ = FILE_CONFIG

    path: Annotated[str, Field(max_length=100)]  # "worksheet.field"
    mine: Any = None  # None: this side cleared the answer (the file leaves it out)
    theirs: Any = None
    revision: int = 0  # the stored revision `theirs` came from
    at: str = field(default_factory=now)


@dataclass
class Campaign:
    """One campaign; `answers[worksheet_id][field_id]` holds typed values (str, list, date, number, rows)."""

    __pydantic_config__ = FILE_CONFIG

    id: CampaignId
    revision: Annotated[int, Field(ge=0)] = 0
    created: str = field(default_factory=now)
    updated: str = field(default_factory=now)
    language: Annotated[str, Field(pattern=r"^[a-z]{2,3}(_[A-Z]{2})?$")] = "en"
    pack: str = "default"
    workshop: CampaignId | None = None  # the workshop this group campaign belongs to (set only by joining)
    # the signed-in user it belongs to, when sign-in is on (set only at creation)
    owner: Annotated[str, Field(min_length=1, max_length=320)] | None = None
    settings: Settings = field(default_factory=Settings)
    answers: Annotated[dict[str, dict[str, Any]], WrapValidator(_answers_checker)] = field(default_factory=dict)
    conflicts: list[Conflict] = field(default_factory=list)

    @property
    def title(self) -> str:
        """Return the campaign's name as typed in the profile, or "Untitled campaign" in the campaign's language."""
        name = self.answer("profile", "name")
        if isinstance(name, str) and name.strip():
            return name.strip()
        return translator(self.language)(UNTITLED)

    def may_be_opened_by(self, user: str | None) -> bool:
        """Return True when `user` may open this campaign: anyone with the link, or only its owner."""
        return self.owner is None or self.owner == user

    def answer(self, worksheet_id: str, field_id: str) -> Any:
        """Return the stored answer, or None when the field is unanswered."""
        return self.answers.get(worksheet_id, {}).get(field_id)

    def rows(self, worksheet_id: str, field_id: str) -> list[dict[str, Any]]:
        """Return the rows of a table answer (an empty list when unanswered)."""
        value = self.answer(worksheet_id, field_id)
        return value if isinstance(value, list) else []

    def set_answer(self, worksheet_id: str, field_id: str, value: Any) -> None:
        """Store `value`; an empty value removes the answer so files never hold blanks."""
        sheet = self.answers.setdefault(worksheet_id, {})
        if is_empty(value):
            sheet.pop(field_id, None)
            if not sheet:
                self.answers.pop(worksheet_id, None)
        else:
            sheet[field_id] = value

    def copy(self) -> Campaign:
        """Return a deep copy, safe to edit without touching this campaign."""
        return copy.deepcopy(self)


def is_empty(value: Any) -> bool:
    """Return True for values that mean "not answered": None, blank text, empty lists and rows."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, (list, tuple)):
        return all(is_empty(item) for item in value)
    if isinstance(value, dict):
        return all(is_empty(v) for k, v in value.items() if k != "id")
    return False
