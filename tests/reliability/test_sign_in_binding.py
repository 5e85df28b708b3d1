"""Sign-in binds a campaign's owner to the provider (ID token issuer) and subject, never to an e-mail alone.

An e-mail address counts only for campaigns owned before owners were bound (their `owner` is an address), and
only when the provider says it is verified, compared without regard to case. Fake OIDC identities are given
to the app through AppTest's `at.user`, as tests/reliability/test_sign_in.py does.
"""

from __future__ import annotations

import pytest

from campaign import Campaign, CampaignRepository
from tests.reliability.test_sign_in import ALICE, ISSUER, visit
from tests.ui.conftest import box
from ui.auth import NOT_YOURS, may_open, owners_of

OTHER_ISSUER = "https://accounts.other.example"
ALICES_OWNER = f"oidc:{ISSUER}|a-1"


def _imposter(**claims: object) -> dict[str, object]:
    """An account of someone else who typed Alice's address into their profile at some provider."""
    return {"is_logged_in": True, "iss": ISSUER, "sub": "mallory-9", "name": "Mallory", **claims}


IMPOSTERS = {
    "same address, no email_verified": _imposter(email="alice@example.org"),
    "upper case, no email_verified": _imposter(email="ALICE@EXAMPLE.ORG"),
    "email_verified false": _imposter(email="alice@example.org", email_verified=False),
    "email_verified 'false'": _imposter(email="Alice@example.org", email_verified="false"),
    "email_verified missing, other issuer": _imposter(iss=OTHER_ISSUER, email="alice@example.org"),
    "Alice's subject at another issuer": {**ALICE, "iss": OTHER_ISSUER, "email_verified": False},
}


def _campaign(repo: CampaignRepository, owner: str, name: str = "Alice's plan") -> tuple[Campaign, bytes]:
    campaign = Campaign(id="")
    campaign.set_answer("profile", "name", name)
    created = repo.create(campaign, owner=owner)
    return created, repo.store.get(f"campaigns/{created.id}/campaign.yaml").data


def _page(at) -> str:
    return " ".join(str(e.value) for kind in ("markdown", "error", "caption", "title") for e in getattr(at, kind))


@pytest.mark.parametrize("owner", [ALICES_OWNER, "alice@example.org", "Alice@Example.org"])
@pytest.mark.parametrize("claims", IMPOSTERS.values(), ids=IMPOSTERS.keys())
def test_an_account_with_alices_address_but_not_her_identity_cannot_list_open_or_edit_her_campaign(
    data_dir, repo, owner, claims
) -> None:
    alices, stored = _campaign(repo, owner)
    assert "Alice's plan" not in _page(visit(claims)), "not listed"
    at = visit(claims, c=alices.id, step="profile")
    assert NOT_YOURS in at.error[0].value and not at.sidebar.radio
    assert not [w for w in at.text_input if (w.key or "").startswith("f:")], "nothing to edit"
    assert repo.store.get(f"campaigns/{alices.id}/campaign.yaml").data == stored


@pytest.mark.parametrize(
    "alice",
    [ALICE, {**ALICE, "email": "ALICE@example.ORG"}, {**ALICE, "email_verified": "true"}],
    ids=["as signed up", "address in another case", "email_verified as text"],
)
def test_alice_lists_and_opens_her_campaigns_bound_or_from_before_with_a_verified_address(
    data_dir, repo, alice
) -> None:
    bound, _ = _campaign(repo, ALICES_OWNER, "Alice's bound plan")
    before, _ = _campaign(repo, "alice@example.org", "Alice's older plan")
    listed = _page(visit(alice))
    assert "Alice's bound plan" in listed and "Alice's older plan" in listed
    for campaign in (bound, before):
        assert box(visit(alice, c=campaign.id, step="profile"), "f:profile.name").label


def test_the_same_verified_address_from_another_issuer_does_not_open_a_bound_campaign(data_dir, repo) -> None:
    elsewhere = {**ALICE, "iss": OTHER_ISSUER, "sub": "alice-at-other"}  # verified there, but not the same account
    bound, stored = _campaign(repo, ALICES_OWNER)
    at = visit(elsewhere, c=bound.id, step="profile")
    assert NOT_YOURS in at.error[0].value
    assert repo.store.get(f"campaigns/{bound.id}/campaign.yaml").data == stored
    # a campaign from before owners were bound names only an address: the provider's word that it is verified counts
    before, _ = _campaign(repo, "alice@example.org")
    assert box(visit(elsewhere, c=before.id, step="profile"), "f:profile.name").label


def test_a_campaign_alice_creates_is_bound_to_her_issuer_and_subject(data_dir, repo) -> None:
    at = visit({**ALICE, "email_verified": False})
    at.text_input(key="new-name").input("Mine")
    next(b for b in at.button if b.label == "Start the campaign").click()
    at.run()
    assert repo.load(at.query_params["c"]).owner == ALICES_OWNER


@pytest.mark.parametrize(
    ("claims", "owner", "opens"),
    [
        (ALICE, "alice@example.org", True),
        (ALICE, "ALICE@EXAMPLE.ORG", True),
        (_imposter(email="alice@example.org"), "alice@example.org", False),
        (ALICE, f"oidc:{ISSUER}|A-1", False),  # subjects are compared exactly
        (ALICE, f"oidc:{OTHER_ISSUER}|a-1", False),
        (ALICE, "sub:a-1", False),  # an old subject-only owner, without secrets naming one provider
        (ALICE, None, True),
    ],
)
def test_who_may_open_what(claims, owner, opens) -> None:
    assert may_open(Campaign(id="x", owner=owner), owners_of(claims)) is opens


def test_an_old_subject_only_owner_opens_for_that_subject_when_one_provider_is_configured(data_dir, repo) -> None:
    older, _ = _campaign(repo, "sub:a-1")
    assert box(visit(ALICE, c=older.id, step="profile"), "f:profile.name").label
    assert NOT_YOURS in visit({**ALICE, "sub": "a-2"}, c=older.id, step="profile").error[0].value
