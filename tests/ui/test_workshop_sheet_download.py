"""The dashboard's files tab builds the workshop spreadsheet on request, in the workshop's language."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest

from campaign import CampaignRepository
from campaign.workshops import WorkshopRepository
from tests.ui.conftest import rerun


@pytest.fixture
def workshops(repo: CampaignRepository) -> WorkshopRepository:
    return WorkshopRepository(repo.store, repo)


def test_the_spreadsheet_is_built_on_request_with_every_group(app, workshops, repo) -> None:
    workshop, token = workshops.create("Forum", language="fr")
    workshops.join(workshop.join_code, "=Table 1")
    workshops.join(workshop.join_code, "Table 2")
    at = app(f=token)
    assert "workshop-sheet" not in at.session_state  # drawing the dashboard builds nothing
    at.button(key="prepare-sheet").click()
    rerun(at)
    buttons = {b.key for b in at.get("download_button")}
    assert {"download-sheet-xlsx", "download-sheet-csv"} <= buttons
    xlsx, csv_zip, _ = at.session_state["workshop-sheet"][workshop.id]
    book = openpyxl.load_workbook(io.BytesIO(xlsx))
    progress = list(book.worksheets[0].values)
    assert progress[0][0] == "Groupe" and [line[0] for line in progress[1:]] == ["=Table 1", "Table 2"]
    assert book.worksheets[0]["A2"].data_type == "s"
    names = zipfile.ZipFile(io.BytesIO(csv_zip)).namelist()
    assert names[0] == "00-progress.csv" and len(names) == len(book.sheetnames)
