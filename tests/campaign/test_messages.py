"""What the model tells people, in their language: the plan check, file problems, storage and joining errors."""

from pathlib import Path

import pytest

from campaign.campaign_file import campaign_to_yaml, parse_campaign
from campaign.checks import plan_check
from campaign.completeness import missing_required
from campaign.example import example_campaign
from campaign.i18n import N_, translator
from campaign.model import Campaign
from campaign.repository import CampaignRepository
from campaign.storage import NOT_SAVED, LocalFolderStore, StorageError
from campaign.worksheet import load_worksheets
from campaign.workshops import JoinRefused, WorkshopRepository

NBSP = "\u00a0"  # French puts a no-break space before a colon
FRENCH = load_worksheets(language="fr")
FR = translator("fr")


def test_the_plan_check_speaks_french() -> None:
    campaign = example_campaign(FRENCH)
    rows = campaign.rows("objectives", "objectives")
    rows[0].pop("deadline")
    campaign.set_answer("objectives", "objectives", rows)
    (finding,) = plan_check(campaign, FRENCH, t=FR)
    assert finding.message.startswith(f"Objectif «{NBSP}D'ici le 30 juin 2027")
    assert finding.message.endswith(f"»{NBSP}: pas d'échéance")
    empty = [f.message for f in plan_check(Campaign(id="x", language="fr"), FRENCH, t=FR)]
    assert f"Profil › Nom de la campagne{NBSP}: reste à remplir" in empty
    assert f"Objectifs › Objectifs{NBSP}: ajoutez au moins 1 objectif" in empty


def test_the_plan_check_is_english_without_a_translator() -> None:
    english = load_worksheets()
    messages = [f.message for f in plan_check(Campaign(id="x"), english)]
    assert "Profile › Campaign name is still needed" in messages


def test_missing_answers_are_labelled_in_the_language_given() -> None:
    campaign = example_campaign(FRENCH)
    campaign.set_answer("profile", "name", None)
    assert [m.label for m in missing_required(campaign, FRENCH, t=FR)] == ["Profil › Nom de la campagne"]


def test_problems_in_a_campaign_file_speak_the_language_given() -> None:
    text = campaign_to_yaml(example_campaign(FRENCH)).replace("paper: a4", "paper: a3")
    _, problems = parse_campaign(text, FRENCH, file="c.yaml", t=translator("es"))
    assert [p.message for p in problems] == ["settings.paper: elija una de estas opciones: 'a4' o 'letter'"]
    _, problems = parse_campaign("- a list", FRENCH, file="c.yaml", t=translator("pt"))
    assert problems[0].message == "um ficheiro de campanha deve ser uma lista de linhas 'chave: valor'"


def test_unreadable_yaml_is_explained_in_the_language_given() -> None:
    _, problems = parse_campaign("id: a\nid: b\n", FRENCH, file="c.yaml", t=FR)
    twice = f"la clé «{NBSP}id{NBSP}» figure deux fois ici{NBSP}; n'en gardez qu'une"
    assert [str(p) for p in problems] == [f"c.yaml:2: {twice}"]
    _, problems = parse_campaign(b"x" * 2_000_001, FRENCH, t=translator("es"))
    assert problems[0].message == "el archivo ocupa 2.000.001 bytes; el límite es de 2.000.000 bytes"
    _, problems = parse_campaign("a: !!python/object x", FRENCH, t=translator("pt"))
    assert problems[0].message == "não são aceites etiquetas como tag:yaml.org,2002:python/object; retire a etiqueta"
    _, problems = parse_campaign("a: !!python/object x", FRENCH)
    assert problems[0].message == "tags such as tag:yaml.org,2002:python/object are not allowed; remove the tag"


def test_a_storage_error_is_english_and_can_be_shown_translated(tmp_path: Path) -> None:
    error = StorageError(NOT_SAVED, reason=N_("the disk is full"), words=("reason",))
    assert (
        error.message
        == str(error)
        == ("your answer was not saved: the disk is full. Nothing stored was changed; try again once this is fixed.")
    )
    assert error.translated(FR).startswith(f"votre réponse n'a pas été enregistrée{NBSP}: le disque est plein.")
    assert error.translated() == error.message
    (tmp_path / "file").write_text("not a folder")
    with pytest.raises(StorageError) as caught:
        LocalFolderStore(tmp_path / "file" / "data")
    assert caught.value.message.startswith(f"cannot create the data folder {tmp_path / 'file' / 'data'}: ")
    assert caught.value.translated(translator("es")).startswith("no se puede crear la carpeta de datos")
    assert StorageError("plain words {not a placeholder}").translated(FR) == "plain words {not a placeholder}"


def test_joining_is_refused_in_the_language_given(tmp_path: Path) -> None:
    store = LocalFolderStore(tmp_path)
    workshops = WorkshopRepository(store, CampaignRepository(store, FRENCH))
    with pytest.raises(JoinRefused) as caught:
        workshops.join("ABCDEF", "  ", t=FR)
    assert caught.value.message.startswith("Saisissez le nom de votre groupe")
    with pytest.raises(JoinRefused) as caught:
        workshops.join("ABCDEF", "Table 3", t=translator("pt"))
    assert (
        caught.value.message
        == "Esse código não corresponde a nenhuma oficina. Confirme-o com a pessoa que facilita a oficina."
    )
    with pytest.raises(JoinRefused) as caught:
        workshops.join("ABCDEF", "Table 3")
    assert caught.value.message.startswith("That join code does not match any workshop")
