"""Guard: the code finds worksheets by the roles a pack declares, never by the default pack's worksheet ids."""

from __future__ import annotations

import ast
from pathlib import Path

from campaign.worksheet import WorksheetPack, load_worksheets

ROOT = Path(__file__).resolve().parents[2]
SCANNED = ("campaign", "exports", "ui")
ROLE = "the column role 'audiences' (campaign/fields.py Role), not the worksheet"
# String constants equal to a default-pack worksheet id that are not worksheet ids: (module, text) -> why
NOT_WORKSHEET_IDS: dict[tuple[str, str], str] = {
    ("campaign/fields.py", "audiences"): ROLE,
    ("campaign/roles.py", "audiences"): ROLE,
    ("campaign/checks.py", "audiences"): ROLE,
    ("exports/glance.py", "audiences"): ROLE,
    ("exports/work_plan.py", "audiences"): ROLE,
}


def quoted_worksheet_ids(pack: WorksheetPack) -> list[str]:
    """Return "file:line: 'text'" for every string constant naming a default-pack worksheet or one of its fields."""
    sheet_ids = set(pack.by_id)
    found = []
    for folder in SCANNED:
        for path in sorted((ROOT / folder).rglob("*.py")):
            module = path.relative_to(ROOT).as_posix()
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not isinstance(node, ast.Constant) or not isinstance(node.value, str):
                    continue
                text = node.value
                if (text in sheet_ids or (text.split(".")[0] in sheet_ids and "." in text)) and (
                    (module, text) not in NOT_WORKSHEET_IDS
                ):
                    found.append(f"{module}:{node.lineno}: {text!r}")
    return found


def test_no_code_names_a_worksheet_of_the_default_pack() -> None:
    assert quoted_worksheet_ids(load_worksheets()) == []
