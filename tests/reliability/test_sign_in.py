"""Optional sign-in (Streamlit's OIDC `st.login`): off without `[auth]` in the secrets; on, campaigns are owned.

AppTest cannot run a real OpenID Connect flow, but Streamlit 1.67 lets a test give the app secrets
(`at.secrets`) and a signed-in user (`at.user`, read by the app as `st.user`): every decision the app takes
on them is tested here, through the app itself.
"""

from __future__ import annotations

import importlib.util

import pytest
from streamlit.testing.v1 import AppTest

from campaign import Campaign, CampaignRepository, campaign_to_yaml
from campaign.workshops import WorkshopRepository
from tests.ui.conftest import APP, box, rerun
from ui.auth import NOT_YOURS, owner_of

AUTH = {
    "redirect_uri": "https://campaigns.example.org/oauth2callback",
    "cookie_secret": "not-a-real-secret-only-for-tests",
    "client_id": "advocacy",
    "client_secret": "not-a-real-secret",
    "server_metadata_url": "https://login.example.org/.well-known/openid-configuration",
}
ISSUER = "https://login.example.org"
ALICE = {
    "is_logged_in": True,
    "iss": ISSUER,
    "email": "Alice@Example.org",
    "email_verified": True,
    "sub": "a-1",
    "name": "Alice",
}
BOB = {"is_logged_in": True, "iss": ISSUER, "email": "bob@example.org", "sub": "b-2", "name": "Bob"}
OUT = {"is_logged_in": False}


def visit(user: dict | None, **query: str) -> AppTest:
    """Open the app as `user` (None: sign-in not configured at all) at the URL `query`."""
    at = AppTest.from_file(str(APP), default_timeout=30)
    if user is not None:
        at.secrets["auth"] = AUTH
        at.user = user
    for name, value in query.items():
        at.query_params[name] = value
    return rerun(at)


def _texts(at: AppTest) -> str:
    return " ".join(str(e.value) for kind in ("markdown", "error", "caption", "title") for e in getattr(at, kind))


def test_without_auth_in_the_secrets_nothing_asks_to_sign_in(data_dir, repo) -> None:
    at = visit(None)
    assert not [b for b in at.button if b.key in ("sign-in", "sign-out")]
    assert at.title[0].value == "Advocacy Campaign Builder" and at.tabs
    created = repo.create(Campaign(id=""))
    assert box(visit(None, c=created.id, step="profile"), "f:profile.name").label  # the step is drawn


BROKEN_AUTH = {
    "a typo in a key": {**{k: v for k, v in AUTH.items() if k != "client_id"}, "client_idd": "advocacy"},
    "no client_id": {k: v for k, v in AUTH.items() if k != "client_id"},
    "no server_metadata_url": {k: v for k, v in AUTH.items() if k != "server_metadata_url"},
    "no cookie_secret": {k: v for k, v in AUTH.items() if k != "cookie_secret"},
    "no redirect_uri": {k: v for k, v in AUTH.items() if k != "redirect_uri"},
    "an empty client_secret": {**AUTH, "client_secret": " "},
    "a redirect_uri Streamlit cannot serve": {**AUTH, "redirect_uri": "https://campaigns.example.org/"},
    "auth that is not a section": "on",
}


def _named_campaign(repo: CampaignRepository, name: str) -> Campaign:
    campaign = Campaign(id="")
    campaign.set_answer("profile", "name", name)
    return repo.create(campaign)


def assert_stopped(at: AppTest, *names: str) -> None:
    """Check that the page says sign-in cannot be read and shows nothing of any campaign, nor signs in."""
    assert "Sign-in is switched on but its settings cannot be used" in at.error[0].value
    assert not at.tabs and not at.text_input and not at.button and not at.sidebar.radio
    page = _texts(at) + " ".join(str(e.value) for e in at.info)
    assert not any(name in page for name in names), "no campaign is listed or opened"


@pytest.mark.parametrize("section", BROKEN_AUTH.values(), ids=BROKEN_AUTH.keys())
def test_an_auth_section_that_cannot_be_used_stops_the_app(data_dir, repo, section, caplog, monkeypatch) -> None:
    monkeypatch.setattr("ui.auth._logged", set())  # the server logs each problem once per process
    mine = _named_campaign(repo, "Listed for nobody")
    for query in ({}, {"c": mine.id, "step": "profile"}, {"c": mine.id, "step": "review"}):
        at = AppTest.from_file(str(APP), default_timeout=30)
        at.secrets["auth"] = section
        for name, value in query.items():
            at.query_params[name] = value
        assert_stopped(rerun(at), "Listed for nobody")
    assert any(r.levelname == "ERROR" and "sign-in" in r.getMessage() for r in caplog.records), "a server log line"


@pytest.fixture
def secrets_file(tmp_path, monkeypatch):
    """Return a writer of the app's secrets file (Streamlit's `secrets.files` pointed at it for this test)."""
    from streamlit import config
    from streamlit.runtime.secrets import secrets_singleton

    path = tmp_path / "secrets.toml"
    before = config.get_option("secrets.files")
    config.set_option("secrets.files", [str(path)])
    secrets_singleton._reset()  # forget secrets parsed by an earlier test

    def write(text: str):
        path.write_text(text, encoding="utf-8")
        secrets_singleton._reset()
        return path

    yield write
    config.set_option("secrets.files", before)
    secrets_singleton._reset()


BROKEN_FILES = {
    "a secrets file that does not parse": '[auth]\nredirect_uri = "https://campaigns.example.org/oauth2callback\n',
    "a typo in the section name": "[auht]\n" + "".join(f'{k} = "{v}"\n' for k, v in AUTH.items()),
}


@pytest.mark.parametrize("text", BROKEN_FILES.values(), ids=BROKEN_FILES.keys())
def test_a_secrets_file_that_does_not_parse_stops_the_app(
    data_dir, repo, secrets_file, caplog, text, monkeypatch
) -> None:
    monkeypatch.setattr("ui.auth._logged", set())
    mine = _named_campaign(repo, "Listed for nobody")
    secrets_file(text)
    assert_stopped(rerun(AppTest.from_file(str(APP), default_timeout=30)), "Listed for nobody")
    at = AppTest.from_file(str(APP), default_timeout=30)
    at.query_params["c"] = mine.id
    assert_stopped(rerun(at), "Listed for nobody")
    assert any(r.levelname == "ERROR" and "sign-in" in r.getMessage() for r in caplog.records)


def test_no_secrets_file_or_one_without_auth_means_sign_in_off(data_dir, repo, secrets_file) -> None:
    _named_campaign(repo, "Listed for everyone")
    assert "Listed for everyone" in _texts(rerun(AppTest.from_file(str(APP), default_timeout=30)))  # no file
    secrets_file("[elsewhere]\nanswer = 42\n")
    at = rerun(AppTest.from_file(str(APP), default_timeout=30))
    assert "Listed for everyone" in _texts(at) and not at.error


@pytest.mark.parametrize("query", [{}, {"c": "A" * 22, "step": "profile"}, {"f": "A" * 32}, {"join": "K7DQ4M"}])
def test_with_auth_a_visitor_signs_in_before_anything_else(data_dir, query) -> None:
    at = visit(OUT, **query)
    assert not at.tabs and not at.text_input, "nothing of the app is drawn before signing in"
    if importlib.util.find_spec("authlib"):
        assert at.button(key="sign-in").label == "Sign in"
    else:
        assert "lacks the Authlib package" in at.error[0].value
    assert not data_dir.exists() or not any(data_dir.rglob("*.yaml")), "no storage was touched"


def test_every_campaign_made_while_signed_in_belongs_to_its_maker(data_dir, repo, example) -> None:
    at = visit(ALICE)
    assert "Signed in as alice@example.org" in _texts(at) and at.button(key="sign-out")
    at.text_input(key="new-name").input("Alice's campaign")
    next(b for b in at.button if b.label == "Start the campaign").click()
    rerun(at)
    assert repo.load(at.query_params["c"]).owner == f"oidc:{ISSUER}|a-1"

    upload = visit(ALICE)
    forged = example.copy()
    forged.owner = "bob@example.org"  # a file cannot choose its owner
    upload.file_uploader(key="upload-yaml").set_value(("mine.yaml", campaign_to_yaml(forged).encode(), "text/yaml"))
    rerun(upload)
    upload.button(key="upload-open").click()
    rerun(upload)
    assert repo.load(upload.query_params["c"]).owner == f"oidc:{ISSUER}|a-1"


def test_another_persons_campaign_is_refused_and_left_untouched(data_dir, repo) -> None:
    alices = repo.create(Campaign(id=""), owner="alice@example.org")
    stored = (data_dir / "campaigns" / alices.id / "campaign.yaml").read_bytes()
    at = visit(BOB, c=alices.id, step="profile")
    assert NOT_YOURS in at.error[0].value
    assert not [w for w in at.text_input if (w.key or "").startswith("f:")] and not at.sidebar.radio
    assert (data_dir / "campaigns" / alices.id / "campaign.yaml").read_bytes() == stored
    assert box(visit(ALICE, c=alices.id, step="profile"), "f:profile.name").label  # the step is drawn


def test_the_start_page_lists_only_the_signed_in_persons_campaigns(data_dir, repo) -> None:
    for owner, name in (("alice@example.org", "Alice's"), ("bob@example.org", "Bob's"), (None, "Nobody's")):
        campaign = Campaign(id="")
        campaign.set_answer("profile", "name", name)
        repo.create(campaign, owner=owner)
    listed = _texts(visit(ALICE))
    assert "Alice" in listed and "Bob" not in listed and "Nobody" not in listed


def test_a_workshop_groups_campaign_is_shared_by_the_groups_laptops(data_dir, repo: CampaignRepository) -> None:
    workshops = WorkshopRepository(repo.store, repo)
    workshop, _ = workshops.create("Forum")
    at = visit(ALICE)
    at.text_input(key="join-code").input(workshop.join_code)
    at.text_input(key="join-name").input("Table 3")
    next(b for b in at.button if b.label == "Join the workshop").click()
    rerun(at)
    group = repo.load(at.query_params["c"])
    assert group.workshop == workshop.id and group.owner is None  # several people type into one group's plan
    assert box(visit(BOB, c=group.id, step="profile"), "f:profile.name").label  # the step is drawn


@pytest.mark.parametrize(
    ("claims", "owner"),
    [
        (ALICE, f"oidc:{ISSUER}|a-1"),  # bound to the provider and the subject, never to the e-mail
        ({**BOB, "email_verified": False}, f"oidc:{ISSUER}|b-2"),
        ({"is_logged_in": True, "iss": ISSUER, "sub": "c-3"}, f"oidc:{ISSUER}|c-3"),
        ({"is_logged_in": True, "sub": "c-3"}, None),  # no issuer: the subject alone names no one
        ({"is_logged_in": True, "email": "alice@example.org", "email_verified": True}, None),
        ({"is_logged_in": True}, None),
        (OUT, None),
        ({"email": "test@example.com"}, None),  # AppTest's default user: not signed in
    ],
)
def test_who_owns_what_a_signed_in_person_creates(claims, owner) -> None:
    assert owner_of(claims) == owner


def test_the_sign_in_page_speaks_the_language_of_the_link(data_dir) -> None:
    at = visit(OUT, lang="fr")
    if importlib.util.find_spec("authlib"):
        assert at.button(key="sign-in").label == "Se connecter"
    else:
        assert "paquet Authlib" in at.error[0].value
    assert "**Connectez-vous**" in at.markdown[-1].value
