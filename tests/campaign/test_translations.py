"""Every language of the worksheets is complete, keeps the ids, and a new one needs no code."""

import shutil
from pathlib import Path

import pytest

from campaign.campaign_file import campaign_to_yaml, parse_campaign
from campaign.example import example_campaign
from campaign.fields import TableField
from campaign.translation_report import translation_gaps
from campaign.worksheet import DEFAULT_PACK, WorksheetError, available_languages, load_worksheets

ENGLISH = load_worksheets()
LANGUAGES = available_languages()[1:]


def test_the_pack_has_french_spanish_and_portuguese() -> None:
    assert available_languages() == ["en", "es", "fr", "pt"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_word_is_missing(language: str) -> None:
    assert translation_gaps(DEFAULT_PACK, language) == []


def _ids(pack):
    found = []
    for sheet in pack.worksheets:
        for field in sheet.fields:
            found.append((sheet.id, field.id, tuple(c.id for c in getattr(field, "choices", []))))
            if isinstance(field, TableField):
                found += [
                    (sheet.id, field.id, c.id, tuple(x.id for x in getattr(c, "choices", []))) for c in field.columns
                ]
                found.append((sheet.id, field.id, tuple(row["id"] for row in field.example)))
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_translation_changes_words_never_ids(language: str) -> None:
    translated = load_worksheets(language=language)
    assert translated.info.language == language
    assert _ids(translated) == _ids(ENGLISH)
    assert [s.title for s in translated.worksheets] != [s.title for s in ENGLISH.worksheets]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_worked_example_in_each_language_is_valid_and_answers_are_language_free(language: str) -> None:
    translated = load_worksheets(language=language)
    campaign = example_campaign(translated)
    assert campaign.language == language
    # the same file reads under the English pack: stored answers never depend on the display language
    again, problems = parse_campaign(campaign_to_yaml(campaign), ENGLISH)
    assert problems == [] and again.answers == campaign.answers


def test_a_fifth_language_is_only_a_folder(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    shutil.copytree(DEFAULT_PACK, pack)
    shutil.copytree(pack / "locales" / "fr", pack / "locales" / "sw")
    (pack / "locales" / "sw" / "00-profile.yaml").write_text(
        (pack / "locales" / "sw" / "00-profile.yaml")
        .read_text(encoding="utf-8")
        .replace("title: Profil de la campagne", "title: Wasifu wa kampeni", 1),
        encoding="utf-8",
    )
    assert "sw" in available_languages(pack)
    assert load_worksheets(pack, language="sw").worksheets[0].title == "Wasifu wa kampeni"
    assert translation_gaps(pack, "sw") == []


def test_a_mistake_in_a_translation_is_located(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    shutil.copytree(DEFAULT_PACK, pack)
    overlay = pack / "locales" / "fr" / "00-profile.yaml"
    overlay.write_text(overlay.read_text(encoding="utf-8") + "  colour:\n    label: Couleur\n", encoding="utf-8")
    with pytest.raises(WorksheetError) as caught:
        load_worksheets(pack, language="fr")
    problem = caught.value.problems[0]
    assert problem.file == str(overlay) and problem.line > 1
    assert "fields.colour: the English worksheet has no field 'colour'" in problem.message


def test_an_unknown_language_is_refused_clearly() -> None:
    with pytest.raises(WorksheetError, match="there is no translation for language 'xx'"):
        load_worksheets(language="xx")
