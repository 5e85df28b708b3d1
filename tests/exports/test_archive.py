"""The workshop ZIP: one safe folder per group with its Word plan, PDF plan and campaign file."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import docx
import pytest
from pypdf import PdfReader

from campaign.campaign_file import parse_campaign
from campaign.model import Campaign
from campaign.reading import title
from campaign.worksheet import WorksheetPack, load_worksheets
from exports.archive import GROUP_FILES, INDEX_NAME, GroupPlan, build_archive, folder_name

TODAY = dt.date(2027, 3, 16)


def _group(name: str, campaign_name: str) -> GroupPlan:
    campaign = Campaign(id="A" * 21 + name[-1], workshop="W" * 22)
    campaign.set_answer("profile", "name", campaign_name)
    return GroupPlan(name, campaign)


def test_the_zip_holds_each_groups_three_files(pack: WorksheetPack, example: Campaign) -> None:
    groups = [GroupPlan("Table 1", example), _group("Équipe Lusaka 2", "Count us")]
    seen: list[tuple[int, str]] = []
    data = build_archive(groups, pack, today=TODAY, on_group=lambda n, g: seen.append((n, g.name)))
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert archive.testzip() is None
    folders = ["01-table-1", "02-equipe-lusaka-2"]
    assert sorted(archive.namelist()) == sorted([f"{f}/{name}" for f in folders for name in GROUP_FILES] + [INDEX_NAME])
    assert seen == [(1, "Table 1"), (2, "Équipe Lusaka 2")]
    for folder, group in zip(folders, groups, strict=True):
        cover = docx.Document(io.BytesIO(archive.read(f"{folder}/plan.docx"))).tables[0].cell(0, 0).text
        name = title(group.campaign, pack)
        assert name in cover
        assert name in PdfReader(io.BytesIO(archive.read(f"{folder}/plan.pdf"))).pages[0].extract_text()
        reread, problems = parse_campaign(archive.read(f"{folder}/campaign.yaml"), pack)
        assert not problems and reread.answers == group.campaign.answers
    assert "02-equipe-lusaka-2\tÉquipe Lusaka 2" in archive.read(INDEX_NAME).decode()
    assert all(info.date_time == (2027, 3, 16, 0, 0, 0) for info in archive.infolist())


@pytest.mark.parametrize(
    ("name", "folder"),
    [
        ("../../etc/passwd", "07-etc-passwd"),
        ("C:\\Windows\\system32", "07-c-windows-system32"),
        ("/", "07-group"),
        ("ቡድን አንድ", "07-group"),
        ("Table 3", "07-table-3"),
    ],
)
def test_a_folder_name_is_never_the_typed_name_as_a_path(name: str, folder: str) -> None:
    assert folder_name(7, name) == folder


def test_an_empty_workshop_gives_a_zip_with_only_the_index(pack: WorksheetPack) -> None:
    archive = zipfile.ZipFile(io.BytesIO(build_archive([], pack, today=TODAY)))
    assert archive.namelist() == [INDEX_NAME]


def test_the_plans_speak_the_language_of_the_pack_they_are_given(example: Campaign) -> None:
    french = load_worksheets(language="fr")
    example.language = "fr"
    archive = zipfile.ZipFile(io.BytesIO(build_archive([GroupPlan("Table 1", example)], french, today=TODAY)))
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(archive.read("01-table-1/plan.pdf"))).pages)
    assert "Objectifs de plaidoyer" in text
