"""Worksheet roles: the pack loader refuses a role that is unknown, misplaced, mistyped or declared twice, at
`file:line`; the pack finds where each role is declared."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from campaign.roles import ALL_ROLES, COLUMN_ROLES, FIELD_ROLES, PACK_UNIQUE, TABLE_ROLES
from campaign.worksheet import DEFAULT_PACK, WorksheetError, load_worksheets
from tests.exports.renamed_pack import renamed_pack

PACK = load_worksheets()
ROOT = Path(__file__).resolve().parents[2]


def _broken(tmp_path: Path, name: str, old: str, new: str) -> Path:
    """Copy the default pack into `tmp_path` with `old` replaced by `new` once in worksheet file `name`."""
    folder = tmp_path / "pack"
    shutil.copytree(DEFAULT_PACK, folder, ignore=shutil.ignore_patterns("locales"))
    source = (folder / name).read_text(encoding="utf-8")
    assert old in source
    (folder / name).write_text(source.replace(old, new, 1), encoding="utf-8")
    return folder / name


def _line(path: Path, text: str, index: int = 0) -> int:
    """Return the number of the line holding `text` (the `index`th such line: 0 the first, -1 the last)."""
    lines = [number for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line]
    return lines[index]


def test_every_role_has_one_place_kind() -> None:
    assert TABLE_ROLES | FIELD_ROLES | COLUMN_ROLES == ALL_ROLES
    assert not TABLE_ROLES & FIELD_ROLES and not FIELD_ROLES & COLUMN_ROLES and not TABLE_ROLES & COLUMN_ROLES


def test_the_default_pack_declares_every_role_once_where_the_plan_looks() -> None:
    places = {role: PACK.field_with_role(role) for role in sorted(ALL_ROLES)}
    assert all(places.values()), [role for role, place in places.items() if place is None]
    found = {role: (p.sheet.id, p.definition.id) for role, p in places.items() if p}
    assert found["title"] == ("profile", "name")
    assert found["audience_table"] == ("audiences", "audiences")
    assert found["stance"] == ("audiences", "stance")
    assert found["deadline"] == ("objectives", "deadline")
    assert found["campaign_start"] == ("profile", "start_date")
    assert PACK.field_with_role("audience_table").table is not None  # type: ignore[union-attr]


def test_a_pack_without_a_role_finds_nothing(tmp_path: Path) -> None:
    path = _broken(tmp_path, "01-objectives.yaml", "    role: goal\n", "")
    pack = load_worksheets(path.parent)
    assert pack.field_with_role("goal") is None
    assert pack.field_with_role("deadline") is not None


def test_an_unknown_role_is_refused_at_its_line(tmp_path: Path) -> None:
    path = _broken(tmp_path, "01-objectives.yaml", "role: goal", "role: aim")
    with pytest.raises(WorksheetError) as caught:
        load_worksheets(path.parent)
    problem = next(p for p in caught.value.problems if "fields.0.role" in p.message)
    assert (problem.file, problem.line) == (str(path), _line(path, "role: aim"))
    assert "choose one of" in problem.message


def test_a_unique_role_declared_twice_names_both_places(tmp_path: Path) -> None:
    path = _broken(tmp_path, "00-profile.yaml", "    role: country\n", "    role: title\n")
    with pytest.raises(WorksheetError) as caught:
        load_worksheets(path.parent)
    [problem] = caught.value.problems
    assert (problem.file, problem.line) == (str(path), _line(path, "role: title", 1))
    assert f"role 'title' is already declared at {path}:{_line(path, 'role: title')}" in problem.message
    assert "title" in PACK_UNIQUE


def test_a_column_role_twice_in_one_table_names_both_places(tmp_path: Path) -> None:
    path = _broken(
        tmp_path, "03-activities.yaml", "      - id: resources\n", "      - id: resources\n        role: lead\n"
    )
    with pytest.raises(WorksheetError) as caught:
        load_worksheets(path.parent)
    [problem] = caught.value.problems
    assert (problem.file, problem.line) == (str(path), _line(path, "role: lead", 1))
    assert f"role 'lead' is already declared at {path}:{_line(path, 'role: lead')}" in problem.message


@pytest.mark.parametrize(
    ("name", "old", "new", "expected", "index"),  # index: which of the lines declaring the new role is the new one
    [
        ("01-objectives.yaml", "    role: objective_table", "    role: deadline", "belongs on a column of a table", 0),
        ("01-objectives.yaml", "        role: deadline", "        role: objective_table", "names a whole table", -1),
        ("01-objectives.yaml", "        role: deadline", "        role: goal", "belongs on a field of its own", -1),
        ("02-audiences.yaml", "        role: ask", "        role: priority", "needs a field of type choice", -1),
    ],
    ids=["column role on a table", "table role on a column", "field role on a column", "wrong type"],
)
def test_a_misplaced_role_is_refused_at_its_line(
    tmp_path: Path, name: str, old: str, new: str, expected: str, index: int
) -> None:
    path = _broken(tmp_path, name, old, new)
    with pytest.raises(WorksheetError) as caught:
        load_worksheets(path.parent)
    problem = next(p for p in caught.value.problems if expected in p.message)
    assert (problem.file, problem.line) == (str(path), _line(path, new.strip(), index))


def test_every_role_is_documented() -> None:
    docs = (DEFAULT_PACK.parent.parent / "docs" / "worksheets.md").read_text(encoding="utf-8")
    section = docs.split("## Roles", 1)[1].split("\n## ", 1)[0]
    documented = set(re.findall(r"^\| `(\w+)`(?:, `(\w+)`)?", section, re.MULTILINE))
    assert {role for pair in documented for role in pair if role} == ALL_ROLES


def test_new_names_the_campaign_in_the_field_with_the_title_role(tmp_path: Path) -> None:
    pack = renamed_pack(tmp_path / "ours")
    env = {"PATH": "/usr/bin:/bin", "CAMPAIGN_DATA_DIR": str(tmp_path / "data"), "WORKSHEET_PACK": str(pack)}
    command = [sys.executable, "-m", "campaign", "new", "--title", "Fund Us Now"]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    saved = yaml.safe_load(Path(result.stdout.split()[1]).read_text(encoding="utf-8"))
    assert saved["answers"] == {"our_profile": {"our_name": "Fund Us Now"}}
