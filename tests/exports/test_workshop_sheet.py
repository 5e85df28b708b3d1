"""The workshop spreadsheet: progress and every group's answers, as XLSX and as CSV, never running a formula."""

from __future__ import annotations

import csv
import io
import zipfile

import openpyxl
import pytest

from campaign.example import example_campaign
from campaign.i18n import translator
from campaign.model import Campaign
from campaign.reading import answer_text
from campaign.worksheet import WorksheetPack, load_worksheets
from exports.workshop_sheet import workshop_csv_zip, workshop_xlsx

HOSTILE = ['=HYPERLINK("http://x.example","a")', "+1+1", "-2", "@SUM(A1)", "\tTab", "\rCR"]


@pytest.fixture
def groups(pack: WorksheetPack) -> list[tuple[str, Campaign]]:
    hostile = example_campaign(pack)
    hostile.set_answer("profile", "name", HOSTILE[0])
    hostile.set_answer("profile", "owner", HOSTILE[1])
    return [("Kilifi", example_campaign(pack)), ("=cmd|' /C calc'!A0", hostile), ("Empty", Campaign(id="e"))]


def _book(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def test_the_workbook_has_a_progress_sheet_and_one_sheet_per_worksheet(groups, pack: WorksheetPack) -> None:
    book = _book(workshop_xlsx(groups, pack))
    assert book.sheetnames == ["Progress", *(f"{n}. {s.short_title}"[:31] for n, s in enumerate(pack.worksheets, 1))]
    progress = list(book["Progress"].values)
    assert progress[0][0] == "Group" and progress[0][-2:] == ("Overall (%)", "Last saved")
    assert [line[0] for line in progress[1:]] == ["Kilifi", "=cmd|' /C calc'!A0", "Empty"]
    assert progress[1][-2] == 100 and progress[3][-2] == 0


def test_answers_are_the_plans_words_and_table_rows_one_line_each(groups, pack: WorksheetPack) -> None:
    book = _book(workshop_xlsx(groups, pack))
    example = groups[0][1]
    profile = list(book["1. Profile"].values)
    start = pack.by_id["profile"].field("start_date")
    column = profile[0].index(start.label)
    assert profile[1][column] == answer_text(start, example.answer("profile", "start_date"), example, pack)
    activities = [line for line in book["4. Activities"].values if line[0] == "Kilifi"]
    assert len(activities) == len(example.rows("activities", "activities"))
    assert activities[0][1] == "Costed policy brief on co-funding 400 posts"  # the row's name second


def test_xlsx_text_that_looks_like_a_formula_is_a_string_cell(groups, pack: WorksheetPack) -> None:
    book = _book(workshop_xlsx(groups, pack))
    cells = [c for row in book["1. Profile"].iter_rows() for c in row if isinstance(c.value, str)]
    hostile = {c.value: c for c in cells if c.value in (HOSTILE[0], HOSTILE[1], "=cmd|' /C calc'!A0")}
    assert set(hostile) == {HOSTILE[0], HOSTILE[1], "=cmd|' /C calc'!A0"}
    assert all(c.data_type == "s" for c in hostile.values())
    assert not any(c.data_type == "f" for s in book.worksheets for row in s.iter_rows() for c in row)


def test_the_csv_zip_has_one_inert_csv_per_sheet(groups, pack: WorksheetPack) -> None:
    archive = zipfile.ZipFile(io.BytesIO(workshop_csv_zip(groups, pack)))
    names = archive.namelist()
    assert names == ["00-progress.csv", *(f"{n:02d}-{s.id}.csv" for n, s in enumerate(pack.worksheets, 1))]
    lines = list(csv.reader(io.StringIO(archive.read("01-profile.csv").decode("utf-8-sig"))))
    hostile = lines[2]
    assert hostile[0] == "'=cmd|' /C calc'!A0" and "'" + HOSTILE[0] in hostile and "'" + HOSTILE[1] in hostile
    assert not any(cell.lstrip(" ").startswith(("=", "+", "-", "@")) for line in lines for cell in line)


def test_the_sheets_speak_the_workshops_language(groups) -> None:
    french = load_worksheets(language="fr")
    book = _book(workshop_xlsx(groups, french, translator("fr")))
    assert next(iter(book.worksheets[0].values))[0] == "Groupe"  # the headings in the workshop's language
    assert book.sheetnames[1] == f"1. {french.worksheets[0].short_title}"[:31] != "1. Profile"
    answers = list(book.worksheets[1].values)
    level = french.by_id["profile"].field("level")
    assert answers[1][answers[0].index(level.label)] == answer_text(
        level, groups[0][1].answer("profile", "level"), groups[0][1], french, translator("fr")
    )


def test_group_names_starting_a_formula_stay_text_in_both_formats(pack: WorksheetPack) -> None:
    groups = [(name, Campaign(id=f"g{n}")) for n, name in enumerate(HOSTILE)]
    progress = _book(workshop_xlsx(groups, pack)).worksheets[0]
    names = [progress.cell(row, 1) for row in range(2, 2 + len(HOSTILE))]
    assert [c.value for c in names] == HOSTILE and {c.data_type for c in names} == {"s"}
    archive = zipfile.ZipFile(io.BytesIO(workshop_csv_zip(groups, pack)))
    lines = list(csv.reader(io.StringIO(archive.read("00-progress.csv").decode("utf-8-sig"), newline="")))
    assert [line[0] for line in lines[1:]] == ["'" + name for name in HOSTILE]
