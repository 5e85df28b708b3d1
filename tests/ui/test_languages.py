"""The app in English, French, Spanish and Portuguese: the picker, the URL, the worksheets' words, and the
language of each campaign's plan."""

from __future__ import annotations

import datetime as dt

import pytest

from campaign import Campaign, CampaignRepository, WorksheetPack, load_worksheets
from campaign.example import example_campaign
from campaign.i18n import interface_languages, translator
from campaign.reading import title
from campaign.worksheet import available_languages
from campaign.workshops import WorkshopRepository
from tests.ui.conftest import box, boxes, rerun
from ui import language
from ui.workshop_progress import time_ago

PICKER = language.PICKER_KEY


@pytest.fixture
def workshops(repo: CampaignRepository) -> WorkshopRepository:
    return WorkshopRepository(repo.store, repo)


def _in(repo: CampaignRepository, campaign: Campaign, code: str) -> Campaign:
    """Store `campaign` again with its plan in `code`."""
    edited = campaign.copy()
    edited.language = code
    return repo.save(edited, campaign).campaign


def _preview(at) -> str:
    return "\n".join(m.value for m in at.markdown)


def _click(at, label: str) -> None:
    next(button for button in at.button if button.label == label).click()
    rerun(at)


def test_without_a_language_the_app_speaks_english(app) -> None:
    at = app()
    assert [tab.label for tab in at.tabs][:3] == ["Start a new campaign", "Continue a campaign", "Open a saved file"]
    assert at.selectbox(key=PICKER).value == "en"
    assert "lang" not in at.query_params


def test_lang_fr_shows_the_start_page_in_french(app) -> None:
    at = app(lang="fr")
    assert [tab.label for tab in at.tabs][:3] == [
        "Commencer une nouvelle campagne",
        "Reprendre une campagne",
        "Ouvrir un fichier enregistré",
    ]
    assert "plaidoyer" in at.markdown[0].value
    assert at.text_input(key="new-name").label == "Nom de la campagne"
    assert at.selectbox(key=PICKER).value == "fr"


def test_the_browser_language_is_the_default(app) -> None:
    from streamlit.testing.v1 import AppTest

    from tests.ui.conftest import APP

    at = AppTest.from_file(str(APP), default_timeout=30)
    at.context["locale"] = "pt-MZ"
    at.run()
    assert not at.exception
    assert at.tabs[0].label == "Começar uma nova campanha"
    assert "lang" not in at.query_params  # the browser decides until someone picks a language


def test_an_unknown_language_in_the_url_falls_back_to_english(app) -> None:
    at = app(lang="xx")
    assert at.tabs[0].label == "Start a new campaign"


def test_the_picker_lists_every_language_in_its_own_name(app) -> None:
    at = app()
    picker = at.selectbox(key=PICKER)
    offered = [code for code in interface_languages() if code in available_languages()]
    assert picker.options == [language.language_name(code) for code in offered]
    assert picker.options[:4] == ["English", "Español", "Français", "Português"]


def test_a_fifth_language_needs_no_code_change(monkeypatch: pytest.MonkeyPatch) -> None:
    # the picker asks the catalogs and the worksheets which languages exist: a new one is offered once it has both
    monkeypatch.setattr(language, "interface_languages", lambda: [*interface_languages(), "sw"])
    monkeypatch.setattr(language, "available_languages", lambda: [*available_languages(), "sw"])
    language.offered_languages.cache_clear()
    try:
        assert language.offered_languages()[-1] == "sw"
        assert language.language_name("sw") == "Kiswahili"
    finally:
        language.offered_languages.cache_clear()


def test_a_step_in_spanish_shows_the_spanish_worksheet(app, example: Campaign) -> None:
    spanish = load_worksheets(language="es").worksheet("objectives")
    at = app(c=example.id, step="objectives", lang="es")
    assert at.title[0].value == spanish.title
    assert box(at, "f:objectives.goal").label == spanish.field("goal").label
    assert any(button.label.startswith("Siguiente: ") for button in at.button)
    assert at.radio(key="nav-step").label == "Pasos"


def test_switching_the_language_keeps_the_campaign_and_the_step(app, example: Campaign) -> None:
    at = app(c=example.id, step="audiences")
    typed = {answer.key: answer.value for answer in boxes(at)}
    assert len(typed) > 5 and all(typed.values())
    at.selectbox(key=PICKER).set_value("fr")
    rerun(at)
    assert at.query_params["c"] == example.id and at.query_params["step"] == "audiences"
    assert at.query_params["lang"] == "fr"
    assert at.title[0].value == load_worksheets(language="fr").worksheet("audiences").title
    assert {answer.key: answer.value for answer in boxes(at)} == typed, "the answers stay as they are"


def test_the_chosen_language_is_kept_on_the_way_home_and_in_links(app, example: Campaign) -> None:
    at = app(c=example.id, step="profile", lang="es")
    at.button(key="nav-home").click()
    rerun(at)
    assert dict(at.query_params) == {"lang": "es"}
    assert at.tabs[0].label == "Empezar una campaña nueva"


def test_a_new_campaign_is_written_in_the_language_it_was_started_in(app, repo: CampaignRepository) -> None:
    at = app(lang="pt")
    at.text_input(key="new-name").input("Contem-nos")
    _click(at, "Começar a campanha")
    campaign = repo.load(at.query_params["c"])
    assert campaign.language == "pt" and title(campaign, load_worksheets()) == "Contem-nos"
    assert at.query_params["lang"] == "pt" and at.query_params["step"] == "profile"


def test_the_review_of_a_portuguese_campaign_previews_the_plan_in_portuguese(
    app, repo: CampaignRepository, example: Campaign
) -> None:
    _in(repo, example, "pt")
    at = app(c=example.id, step="review")
    assert at.title[0].value == "Review and export", "the screens stay in the reader's language"
    preview = _preview(at)
    assert "Plano de campanha de advocacia" in preview
    assert load_worksheets(language="pt").worksheet("objectives").title in preview
    assert "Advocacy campaign plan" not in preview
    assert any("Portuguese" in caption.value for caption in at.caption), "the page says which language"


def test_the_campaign_language_setting_changes_the_plan_language(app, repo: CampaignRepository, example) -> None:
    at = app(c=example.id, step="settings")
    assert at.selectbox(key="f:settings.language").value == "en"
    at.selectbox(key="f:settings.language").set_value("es")
    rerun(at)
    assert repo.load(example.id).language == "es"
    at.radio(key="nav-step").set_value("review")
    rerun(at)
    assert "Plan de campaña de incidencia" in _preview(at)


def test_the_plan_check_speaks_the_plans_language(app, repo: CampaignRepository, new_campaign: Campaign) -> None:
    _in(repo, new_campaign, "fr")
    at = app(c=new_campaign.id, step="review", lang="es")
    french = load_worksheets(language="fr").worksheet("objectives")
    boxes = "\n".join(m.value for m in at.markdown)
    assert french.short_title in boxes  # the findings, grouped under the plan's step names
    assert any(tab.label == "Revisión del plan" for tab in at.tabs)  # the page, in the reader's


def test_a_workshop_group_gets_the_workshops_language_and_can_read_the_app_in_another(
    app, workshops: WorkshopRepository, repo: CampaignRepository
) -> None:
    workshop, _ = workshops.create("Forum", language="fr")
    at = app(join=workshop.join_code, lang="en")
    assert at.title[0].value == "Join a workshop"
    at.text_input(key="join-name").input("Table 3")
    _click(at, "Join the workshop")
    assert repo.load(at.query_params["c"]).language == "fr"
    assert at.query_params["lang"] == "en"
    assert at.title[0].value == "Campaign profile"


def test_the_dashboard_and_its_join_link_speak_french(app, workshops: WorkshopRepository) -> None:
    workshop, token = workshops.create("Forum", language="fr")
    workshops.join(workshop.join_code, "Table 1")
    at = app(f=token, lang="fr")
    assert [tab.label for tab in at.tabs][:4] == ["Groupes", "Code de l'atelier", "Plénière", "Fichiers"]
    assert any(f"?join={workshop.join_code}&lang=fr" in code.value for code in at.code)
    at.button(key="facilitator-link-show").click()  # the secret link is shown only when asked for (issue 17)
    at.run()
    assert any(f"?f={token}&lang=fr" in code.value for code in at.code)


def test_the_zip_writes_each_plan_in_its_groups_language(
    workshops: WorkshopRepository, repo: CampaignRepository, pack: WorksheetPack
) -> None:
    from ui.workshop_files import group_plans

    workshop, _ = workshops.create("Forum", language="fr")
    workshops.join(workshop.join_code, "Table 1")
    _, second = workshops.join(workshop.join_code, "Table 2")
    _in(repo, repo.load(second.id), "es")
    plans = group_plans(workshops.load(workshop.id))
    assert [(plan.campaign.language, plan.pack.info.language) for plan in plans] == [("fr", "fr"), ("es", "es")]


def test_relative_times_are_translated() -> None:
    now = dt.datetime(2027, 3, 16, 12, 0, tzinfo=dt.UTC)
    three_minutes = (now - dt.timedelta(minutes=3)).isoformat()
    assert time_ago(three_minutes, now) == "3 min ago"
    assert time_ago(three_minutes, now, translator("fr")) == "il y a 3 min"
    assert time_ago((now - dt.timedelta(days=3)).isoformat(), now, translator("pt")) == "13 de mar."


def test_the_worked_example_opens_in_the_language_of_the_page(app, repo: CampaignRepository) -> None:
    at = app(lang="fr")
    _click(at, "Ou découvrez l'exemple complet (une campagne au Kenya)")
    campaign = repo.load(at.query_params["c"])
    assert campaign.language == "fr"
    french = load_worksheets(language="fr")
    assert title(campaign, french) == title(example_campaign(french), french)


def test_an_unreadable_upload_is_explained_in_the_language_of_the_page(app, repo: CampaignRepository) -> None:
    at = app(lang="fr")
    at.file_uploader(key="upload-yaml").set_value(("photo.yaml", b"\x89PNG\r\n\x1a\n\x00\x00", "text/yaml"))
    rerun(at)
    assert "ce n'est pas un fichier texte" in at.code[0].value
    assert repo.campaign_ids() == []
