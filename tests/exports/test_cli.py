"""`python -m campaign export` and `handouts`, as a user runs them."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from PIL import Image
from pypdf import PdfReader

from campaign.__main__ import main
from campaign.campaign_file import campaign_to_yaml
from campaign.example import example_campaign
from campaign.model import Campaign
from campaign.worksheet import load_worksheets
from tests.exports.readers import pdf_page_size


@pytest.fixture
def campaign_file(tmp_path: Path, example: Campaign) -> Path:
    path = tmp_path / "kenya.yaml"
    path.write_text(campaign_to_yaml(example), encoding="utf-8")
    return path


def test_export_writes_all_three_files_and_prints_their_paths(
    campaign_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "plans"
    assert main(["export", str(campaign_file), "--out", str(out)]) == 0
    printed = capsys.readouterr()
    assert printed.out.splitlines() == [str(out / "kenya.docx"), str(out / "kenya.pdf"), str(out / "kenya.md")]
    assert printed.err == ""
    assert docx.Document(str(out / "kenya.docx")).paragraphs
    assert len(PdfReader(out / "kenya.pdf").pages) > 10
    assert (out / "kenya.md").read_text(encoding="utf-8").startswith("*Advocacy campaign plan*")


def test_export_one_format_on_letter_paper(
    campaign_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", str(campaign_file), "--format", "pdf", "--paper", "letter", "--out", str(tmp_path)]) == 0
    assert capsys.readouterr().out.strip() == str(tmp_path / "kenya.pdf")
    assert pdf_page_size((tmp_path / "kenya.pdf").read_bytes()) == pytest.approx((612, 792), abs=0.1)
    assert not (tmp_path / "kenya.docx").exists()


def test_a_bad_campaign_gives_the_same_lines_as_validate_and_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema_version: 1\nid: short\nanswers:\n  profile:\n    start_date: 2027-02-30\n", encoding="utf-8")
    assert main(["validate", str(bad)]) == 1
    expected = capsys.readouterr().err
    assert main(["export", str(bad), "--out", str(tmp_path / "out")]) == 1
    printed = capsys.readouterr()
    assert printed.err == expected and len(expected.splitlines()) >= 2 and printed.out == ""
    assert all(line.startswith(f"{bad}:") for line in expected.splitlines())
    assert not (tmp_path / "out").exists()


def test_a_missing_file_is_one_line_and_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(tmp_path / "nowhere.yaml")]) == 1
    assert capsys.readouterr().err == f"{tmp_path / 'nowhere.yaml'}: cannot be read (No such file or directory)\n"


def test_the_logo_beside_the_campaign_goes_on_the_cover(
    tmp_path: Path, example: Campaign, capsys: pytest.CaptureFixture[str]
) -> None:
    example.settings.logo = "logo.png"
    path = tmp_path / "kenya.yaml"
    path.write_text(campaign_to_yaml(example), encoding="utf-8")
    assert main(["export", str(path), "--format", "pdf", "--out", str(tmp_path)]) == 0
    assert "logo not used" in capsys.readouterr().err  # not there yet: exported without it
    image = io.BytesIO()
    Image.new("RGB", (240, 80), "navy").save(image, format="PNG")
    (tmp_path / "logo.png").write_bytes(image.getvalue())
    assert main(["export", str(path), "--format", "pdf", "--out", str(tmp_path)]) == 0
    assert capsys.readouterr().err == ""
    assert len(PdfReader(tmp_path / "kenya.pdf").pages[0].images) == 1


def test_a_campaign_file_in_the_data_folder_prints_its_stored_logo(tmp_path: Path, example: Campaign) -> None:
    from campaign import CampaignRepository, load_worksheets, open_store

    repo = CampaignRepository(open_store(tmp_path / "data"), load_worksheets())
    stored = repo.create(example)
    image = io.BytesIO()
    Image.new("RGB", (240, 80), "navy").save(image, format="PNG")
    stored.settings.logo = repo.put_asset(stored.id, image.getvalue())  # kept by content, in assets/
    repo.save(stored, repo.load(stored.id))
    path = tmp_path / "data" / "campaigns" / stored.id / "campaign.yaml"
    assert main(["export", str(path), "--format", "pdf", "--out", str(tmp_path / "out")]) == 0
    assert len(PdfReader(next((tmp_path / "out").glob("*.pdf"))).pages[0].images) == 1


def test_handouts_writes_the_blank_worksheets(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "print" / "worksheets.pdf"
    assert main(["handouts", "--out", str(out), "--paper", "letter"]) == 0
    assert capsys.readouterr().out.strip() == str(out)
    assert pdf_page_size(out.read_bytes()) == pytest.approx((612, 792), abs=0.1)
    assert "Worksheet 1: Campaign profile" in PdfReader(out).pages[1].extract_text()


def test_export_writes_the_plan_in_the_campaigns_own_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "recensez.yaml"
    path.write_text(campaign_to_yaml(example_campaign(load_worksheets(language="fr"))), encoding="utf-8")
    assert main(["export", str(path), "--format", "md", "--out", str(tmp_path)]) == 0
    plan = (tmp_path / "recensez.md").read_text(encoding="utf-8")
    assert plan.startswith("*Plan de campagne de plaidoyer*") and "## 1. Profil de la campagne" in plan
    assert capsys.readouterr().err == ""


def test_export_lang_writes_the_plan_in_another_language(
    campaign_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", str(campaign_file), "--format", "md", "--lang", "pt", "--out", str(tmp_path)]) == 0
    plan = (tmp_path / "kenya.md").read_text(encoding="utf-8")
    assert plan.startswith("*Plano de campanha de advocacia*") and "## 1. Perfil da campanha" in plan
    assert "1 de março – 15 de dezembro de 2027" in plan
    assert "Advocacy campaign plan" not in plan and capsys.readouterr().err == ""


def test_handouts_lang_writes_the_blank_worksheets_in_that_language(tmp_path: Path) -> None:
    out = tmp_path / "fichas.pdf"
    assert main(["handouts", "--out", str(out), "--lang", "es"]) == 0
    assert "Hoja de trabajo 1: Perfil de la campaña" in PdfReader(out).pages[1].extract_text()


def test_an_unwritable_destination_is_reported(
    campaign_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert main(["export", str(campaign_file), "--format", "md", "--out", str(blocker)]) == 1
    assert "cannot be written" in capsys.readouterr().err
