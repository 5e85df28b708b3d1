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
from tests.ui.conftest import APP, rerun
from ui.auth import NOT_YOURS, owner_of

AUTH = {
    "redirect_uri": "https://campaigns.example.org/oauth2callback",
    "cookie_secret": "not-a-real-secret-only-for-tests",
    "client_id": "advocacy",
    "client_secret": "not-a-real-secret",
    "server_metadata_url": "https://login.example.org/.well-known/openid-configuration",
}
ALICE = {"is_logged_in": True, "email": "Alice@Example.org", "email_verified": True, "sub": "a-1", "name": "Alice"}
BOB = {"is_logged_in": True, "email": "bob@example.org", "sub": "b-2", "name": "Bob"}
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
    assert visit(None, c=created.id, step="profile").text_input(key="f:profile.name") is not None


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
    assert repo.load(at.query_params["c"]).owner == "alice@example.org"

    upload = visit(ALICE)
    forged = example.copy()
    forged.owner = "bob@example.org"  # a file cannot choose its owner
    upload.file_uploader(key="upload-yaml").set_value(("mine.yaml", campaign_to_yaml(forged).encode(), "text/yaml"))
    rerun(upload)
    upload.button(key="upload-open").click()
    rerun(upload)
    assert repo.load(upload.query_params["c"]).owner == "alice@example.org"


def test_another_persons_campaign_is_refused_and_left_untouched(data_dir, repo) -> None:
    alices = repo.create(Campaign(id=""), owner="alice@example.org")
    stored = (data_dir / "campaigns" / alices.id / "campaign.yaml").read_bytes()
    at = visit(BOB, c=alices.id, step="profile")
    assert NOT_YOURS in at.error[0].value
    assert not [w for w in at.text_input if (w.key or "").startswith("f:")] and not at.sidebar.radio
    assert (data_dir / "campaigns" / alices.id / "campaign.yaml").read_bytes() == stored
    assert visit(ALICE, c=alices.id, step="profile").text_input(key="f:profile.name") is not None


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
    assert visit(BOB, c=group.id, step="profile").text_input(key="f:profile.name") is not None


@pytest.mark.parametrize(
    ("claims", "owner"),
    [
        (ALICE, "alice@example.org"),
        ({**BOB, "email_verified": False}, "sub:b-2"),  # an address the provider does not vouch for
        ({"is_logged_in": True, "sub": "c-3"}, "sub:c-3"),
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
