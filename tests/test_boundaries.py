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
        ("exports/any_module.py", "from campaign.model import Campaign"),
        ("campaign/storage.py", "import os"),
    ],
)
def test_the_allowed_direction_passes(path: str, source: str) -> None:
    assert "TID" not in ruff_codes(path, source)
