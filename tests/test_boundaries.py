"""The one-way data flow is enforced by lint rules: each forbidden import in each layer is refused."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RUFF = Path(sys.executable).parent / "ruff"

FORBIDDEN = [
    ("campaign/any_module.py", "import streamlit as st", "TID251"),
    ("campaign/any_module.py", "from exports.plan import build_plan", "TID251"),
    ("campaign/any_module.py", "from ui import app", "TID251"),
    ("campaign/any_module.py", "import docx", "TID251"),
    ("campaign/any_module.py", "from reportlab.platypus import Paragraph", "TID251"),
    ("campaign/any_module.py", "from pathlib import Path", "TID253"),
    ("campaign/any_module.py", "import os", "TID253"),
    ("campaign/any_module.py", "data = open('x').read()", "PTH123"),
    ("exports/any_module.py", "import streamlit", "TID251"),
    ("exports/any_module.py", "from campaign.storage import open_store", "TID251"),
    ("exports/any_module.py", "import datetime\ntoday = datetime.date.today()", "TID251"),
    ("exports/any_module.py", "import pathlib", "TID253"),
    ("ui/any_module.py", "import docx", "TID251"),
    ("ui/any_module.py", "import reportlab", "TID251"),
    ("ui/any_module.py", "import yaml", "TID251"),
    ("ui/any_module.py", "import os", "TID253"),
    ("ui/any_module.py", "from campaign.model import Campaign", "TID251"),
    ("ui/any_module.py", "from campaign.repository import CampaignRepository", "TID251"),
    ("tests/any_test.py", "import pickle", "TID251"),
]


def ruff_codes(path: str, source: str) -> str:
    result = subprocess.run(
        [str(RUFF), "check", "--no-cache", "--output-format=concise", "--stdin-filename", path, "-"],
        input=source + "\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    return result.stdout


@pytest.mark.parametrize(("path", "source", "code"), FORBIDDEN, ids=[f"{p}: {s}" for p, s, _ in FORBIDDEN])
def test_a_forbidden_import_is_refused_by_lint(path: str, source: str, code: str) -> None:
    assert code in ruff_codes(path, source)


@pytest.mark.parametrize(
    ("path", "source"),
    [
        ("ui/any_module.py", "import streamlit as st"),
        ("ui/any_module.py", "from exports.plan import build_plan"),
        ("ui/any_module.py", "from campaign import Campaign, CampaignRepository, title"),
        ("exports/any_module.py", "from campaign.model import Campaign"),
        ("campaign/storage.py", "import os"),
    ],
)
def test_the_allowed_direction_passes(path: str, source: str) -> None:
    assert "TID" not in ruff_codes(path, source)


def test_the_ui_reads_the_model_only_through_its_public_names() -> None:
    """Every `from campaign... import` in ui/ and streamlit_app.py, at any depth (inside functions too), names
    the package itself, and each name it takes is one of the package's public names."""
    import ast

    import campaign

    found = []
    for path in [*sorted((ROOT / "ui").rglob("*.py")), ROOT / "streamlit_app.py"]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            where = f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', 0)}"
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("campaign"):
                if node.module != "campaign":
                    found.append(f"{where}: from {node.module} import ...")
                found += [f"{where}: {a.name} is not public" for a in node.names if a.name not in campaign.__all__]
            elif isinstance(node, ast.Import):
                found += [f"{where}: import {a.name}" for a in node.names if a.name.startswith("campaign.")]
    assert found == []
    assert all(getattr(campaign, name) is not None for name in campaign.__all__)  # each public name resolves


def test_no_public_name_is_also_a_module_name() -> None:
    """Importing `campaign.config` sets the package attribute `config` to the module, so a public function of
    that name would turn into a module the moment anything imports the submodule ("'module' object is not
    callable")."""
    import campaign

    modules = {path.stem for path in (ROOT / "campaign").glob("*.py")}
    assert sorted(set(campaign.__all__) & modules) == []
