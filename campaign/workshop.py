"""A workshop: a facilitator, a join code, and the groups whose campaigns belong to it."""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass, field
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from campaign.model import ID_RE, new_id, now
from campaign.problems import Problem, problems_from_validation
from campaign.strict_yaml import YamlProblem, dump_yaml, read_yaml

# Read aloud and typed on phones: no 0/O, 1/I/L, and no vowels that could spell words by accident.
CODE_ALPHABET = "23456789BCDFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 6
CODE_RE = re.compile(f"^[{CODE_ALPHABET}]{{{CODE_LENGTH}}}$")  # match with fullmatch: `$` accepts a final newline
# Every limit of a stored workshop, checked before writing (never only when reading back), on the text as stored:
# cleaned and in NFC, which can be longer than what was typed (U+0958 becomes two characters).
WORKSHOP_NAME_LIMIT = 120
PLACE_LIMIT = 120
GROUP_NAME_LIMIT = 80
MAX_GROUPS = 500  # joining refuses the 501st group
READ_GROUPS = 2_000  # what reading accepts: a file overfilled before the limit was checked on writing still opens


def new_join_code() -> str:
    """Return a fresh join code such as `K7D-Q4M` (stored without the dash)."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(typed: str) -> str:
    """Return the code as stored: upper case, with spaces and dashes dropped."""
    return re.sub(r"[\s-]", "", typed or "").upper()


def show_code(code: str) -> str:
    """Return the code as people read it: two groups of three, `K7D-Q4M`."""
    return f"{code[:3]}-{code[3:]}"


def token_key(token: str) -> str:
    """Return the storage name for a facilitator token: a hash, so stored files never reveal the secret."""
    return hashlib.sha256(token.encode()).hexdigest()[:40]


@dataclass
class Group:
    campaign_id: str
    name: str
    joined: str = field(default_factory=now)


@dataclass
class Workshop:
    """One workshop. `id` is public to its groups; the facilitator token is never stored, only its hash."""

    id: str
    name: str
    join_code: str
    token_hash: str
    date: str = ""
    place: str = ""
    language: str = "en"
    joining_open: bool = True
    current_step: str | None = None
    show_side_by_side: bool = False
    groups: list[Group] = field(default_factory=list)
    created: str = field(default_factory=now)

    def group_for(self, campaign_id: str) -> Group | None:
        """Return the group working on `campaign_id`, if it belongs to this workshop."""
        return next((g for g in self.groups if g.campaign_id == campaign_id), None)


def new_workshop(name: str, date: str = "", place: str = "", language: str = "en") -> tuple[Workshop, str]:
    """Return a new workshop and its facilitator token (shown once, in the facilitator's link)."""
    token = secrets.token_urlsafe(24)
    workshop = Workshop(
        id=new_id(),
        name=name.strip(),
        join_code=new_join_code(),
        token_hash=token_key(token),
        date=date,
        place=place,
        language=language,
    )
    return workshop, token


class _GroupModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    campaign_id: Annotated[str, Field(pattern=ID_RE.pattern)]
    name: Annotated[str, Field(min_length=1, max_length=GROUP_NAME_LIMIT)]
    joined: str = ""


class _WorkshopModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: Annotated[str, Field(pattern=ID_RE.pattern)]
    name: Annotated[str, Field(min_length=1, max_length=WORKSHOP_NAME_LIMIT)]
    join_code: Annotated[str, Field(pattern=CODE_RE.pattern)]
    token_hash: Annotated[str, Field(pattern=r"^[0-9a-f]{40}$")]
    date: str = ""
    place: Annotated[str, Field(max_length=PLACE_LIMIT)] = ""
    language: Annotated[str, Field(pattern=r"^[a-z]{2,3}$")] = "en"
    joining_open: bool = True
    current_step: str | None = None
    show_side_by_side: bool = False
    groups: list[_GroupModel] = Field(default_factory=list, max_length=READ_GROUPS)
    created: str = ""


def workshop_to_yaml(workshop: Workshop) -> str:
    """Return the workshop as readable YAML."""
    data: dict[str, Any] = {k: v for k, v in vars(workshop).items() if k != "groups"}
    data["groups"] = [vars(g) for g in workshop.groups]
    return dump_yaml(data)


def parse_workshop(raw: bytes, file: str = "workshop") -> tuple[Workshop | None, list[Problem]]:
    """Return the workshop stored in `raw`, or None and its problems."""
    try:
        document = read_yaml(raw)
    except YamlProblem as error:
        return None, [Problem(file, error.line, error.message)]
    try:
        checked = _WorkshopModel.model_validate(document.data)
    except ValidationError as error:
        return None, problems_from_validation(error, document, file)
    values = checked.model_dump()
    values["groups"] = [Group(**g) for g in values["groups"]]
    values["current_step"] = values["current_step"] or None
    return Workshop(**values), []
