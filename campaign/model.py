"""A campaign: its identity, settings and the answers typed into the worksheets."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import re
import secrets
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal

from pydantic import ConfigDict, Field, ValidationInfo, ValidatorFunctionWrapHandler, WrapValidator

from campaign.fields import slug
from campaign.i18n import N_
from campaign.logo import LOGO_NAME

SCHEMA_VERSION = 1
ID_RE = re.compile(r"^[A-Za-z0-9_-]{22}$")  # match with fullmatch: `$` accepts a final newline ("?c=<id>%0A")
Paper = Literal["a4", "letter"]
ROW_ID_BASE = 36  # the readable part of a row id: room for "-7f3a9c" within the 40 characters an id may have


def _answers_checker(value: Any, handler: ValidatorFunctionWrapHandler, info: ValidationInfo) -> Any:
    # the answers' types depend on the worksheet pack: the reader passes the pack's checker as context["answers"]
    checker = (info.context or {}).get("answers")
    return checker(value) if checker else handler(value)


# The shapes a campaign file must have: pydantic reads the dataclasses below directly (campaign/campaign_file.py).
CampaignId = Annotated[str, Field(pattern=ID_RE.pattern)]
FILE_CONFIG = ConfigDict(extra="forbid")  # lax: every YAML scalar arrives as text ("3" is read as 3)
UNTITLED = N_("Untitled campaign")  # a campaign without a name, in the campaign's own language


def new_id() -> str:
    """Return a fresh, unguessable id: 128 random bits, URL-safe, 22 characters (one in 64 starts with "-": the
    command line takes those too, see campaign/cli.py `campaign_id_argument`)."""
    return secrets.token_urlsafe(16)


def new_row_id(text: str, taken: Collection[str], *, drawn: bool = True, fallback: str = "row") -> str:
    """Return a readable row id made from `text` that no id in `taken` has: "partner-7f3a9c" when `drawn`.

    The random part of a drawn id keeps it unique across writers: two laptops adding a row to the same table
    at the same moment make two rows, where ids counted from the rows each one sees ("partner-2") would make
    one row holding both laptops' answers. Rows written by hand in a file get counted ids ("partner",
    "partner-2", or `fallback` without a label) instead, so reading the file twice gives the same ids.
    """
    base = slug(text, fallback)[:ROW_ID_BASE]
    if drawn:
        while (candidate := f"{base}-{secrets.token_hex(3)}") in taken:
            pass
        return candidate
    candidate, suffix = base, 2
    while candidate in taken:
        candidate, suffix = f"{base}-{suffix}", suffix + 1
    return candidate


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

    @property
    def place(self) -> Place:
        """Return where the two values belong, its path read into parts."""
        return Place.parse(self.path)

    def settle(self, campaign: Campaign, keep_mine: bool) -> None:
        """Put my value (or theirs) at the conflict's place in `campaign` and remove the conflict from it."""
        self.place.put(campaign, self.mine if keep_mine else self.theirs)
        campaign.conflicts = [c for c in campaign.conflicts if c != self]


COMMENT_LIMIT, AUTHOR_LIMIT = 1000, 80  # characters of a comment's text and its author's name, once cleaned


@dataclass
class Comment:
    """A facilitator's comment on an answer ("sheet.field") or a table row ("sheet.field.row") of a group's plan
    (campaign/comments.py adds them, marks them done and merges them)."""

    __pydantic_config__ = FILE_CONFIG

    id: CampaignId  # `new_id()`: two writers never make the same one
    place: Annotated[str, Field(min_length=1, max_length=200)]  # a `Place` path
    text: Annotated[str, Field(min_length=1, max_length=COMMENT_LIMIT)]
    author: Annotated[str, Field(min_length=1, max_length=AUTHOR_LIMIT)]
    at: str = field(default_factory=now)
    done: bool = False
    done_at: str | None = None


@dataclass(frozen=True)
class Place:
    """Where a value of a campaign lives, written as a path: "language", "settings.paper", an answer
    "sheet.field", a whole table row "sheet.field.row" or one cell "sheet.field.row.column"."""

    worksheet: str = ""  # empty for the language and the settings
    field: str = ""
    row: str = ""
    column: str = ""
    setting: str = ""  # "paper", "logo"; "language" for the plan's language

    @classmethod
    def parse(cls, path: str) -> Place:
        """Return the place a path names (the grammar `str(place)` writes)."""
        if path == "language":
            return cls(setting="language")
        parts = path.split(".")
        if parts[0] == "settings" and len(parts) == 2:
            return cls(setting=parts[1])
        worksheet, field_id, row, column = (*parts, "", "", "")[:4]
        return cls(worksheet, field_id, row, column)

    def __str__(self) -> str:
        if self.setting:
            return "language" if self.setting == "language" else f"settings.{self.setting}"
        return ".".join(part for part in (self.worksheet, self.field, self.row, self.column) if part)

    def put(self, campaign: Campaign, value: Any) -> None:
        """Store `value` at this place in `campaign`: a whole row is replaced where it was (None removes it),
        an empty cell or answer is removed."""
        if self.setting == "language":
            campaign.language = str(value)
        elif self.setting:
            setattr(campaign.settings, self.setting, value)
        elif not self.row:
            campaign.set_answer(self.worksheet, self.field, value)
        else:
            rows = campaign.rows(self.worksheet, self.field)
            at = next((n for n, row in enumerate(rows) if row["id"] == self.row), None)
            if not self.column:
                if at is not None:
                    del rows[at]
                if isinstance(value, dict):
                    rows.insert(len(rows) if at is None else at, {**value, "id": self.row})
            elif at is not None and is_empty(value):
                rows[at].pop(self.column, None)
            elif at is not None:
                rows[at][self.column] = value
            campaign.set_answer(self.worksheet, self.field, rows)


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
    comments: list[Comment] = field(default_factory=list)  # a facilitator's, on a workshop group's answers

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
        """Return a deep copy, safe to edit without touching this campaign (the answers' plain data copied by
        hand: `copy.deepcopy` costs several times more for the same dicts, lists and immutable scalars)."""
        return dataclasses.replace(
            self,
            settings=dataclasses.replace(self.settings),
            answers=_copied(self.answers),
            conflicts=[dataclasses.replace(c, mine=_copied(c.mine), theirs=_copied(c.theirs)) for c in self.conflicts],
            comments=[dataclasses.replace(c) for c in self.comments],
        )


_IMMUTABLE = (str, int, float, bool, type(None), dt.date)


def _copied(value: Any) -> Any:
    """Return a deep copy of answer data: dicts and lists rebuilt, immutable scalars shared, the rest deep-copied."""
    if isinstance(value, dict):
        return {key: _copied(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_copied(item) for item in value]
    return value if isinstance(value, _IMMUTABLE) else copy.deepcopy(value)


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
