"""Optional sign-in for hosted servers: Streamlit's own OpenID Connect login (`st.login`), on only when the
secrets hold an `[auth]` section (docs/sign-in.md). Signed in, each person's campaigns carry them as owner.

Without `[auth]` nothing changes: anyone with a campaign's private link can open it.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Mapping
from typing import Any

import streamlit as st

from campaign import Campaign
from campaign.i18n import N_
from ui.language import ui_translator

SIGN_IN_KEY, SIGN_OUT_KEY = "sign-in", "sign-out"
NOT_YOURS = N_(
    "This campaign belongs to another account. Sign in with the account that created it, or ask its owner "
    "for a copy of the campaign file."
)


def sign_in_configured() -> bool:
    """Return True when the app's secrets hold an `[auth]` section (a missing secrets file means no)."""
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file, or one that does not parse: sign-in is simply off
        return False


def owner_of(claims: Mapping[str, Any]) -> str | None:
    """Return who a signed-in person is, as stored in their campaigns' `owner`: the e-mail address the
    provider vouches for, else its stable subject id (`sub`); None when not signed in."""
    if not claims.get("is_logged_in"):
        return None
    email = claims.get("email")
    if isinstance(email, str) and email.strip() and claims.get("email_verified") is not False:
        return email.strip().lower()
    subject = claims.get("sub")
    return f"sub:{subject}" if isinstance(subject, str) and subject.strip() else None


def visitor_may_open(campaign: Campaign) -> bool:
    """Return True when this visitor may open `campaign`: always without sign-in, else only its owner
    (a campaign without owner, a workshop group's or one from before sign-in, opens for anyone with its link)."""
    return not sign_in_configured() or campaign.may_be_opened_by(current_owner())


def listed_for_visitor(campaign: Campaign) -> bool:
    """Return True when the personal start page may list `campaign`: with sign-in on, only one's own."""
    return not sign_in_configured() or (campaign.owner is not None and campaign.owner == current_owner())


def current_owner() -> str | None:
    """Return the signed-in person's owner name, or None when sign-in is off."""
    if not sign_in_configured():
        return None
    return owner_of(_claims())


def require_sign_in() -> str | None:
    """With sign-in on, ask visitors to sign in before anything else and stop the page until they have;
    return the signed-in owner (None when sign-in is off). The sidebar then offers to sign out."""
    if not sign_in_configured():
        return None
    owner = owner_of(_claims())
    if owner is None:
        _sign_in_page()
        st.stop()
    t = ui_translator()
    with st.sidebar:
        st.caption(t("Signed in as {name}", name=owner.removeprefix("sub:")))
        st.button(t("Sign out"), key=SIGN_OUT_KEY, icon=":material/logout:", type="tertiary", on_click=st.logout)
    return owner


def refuse() -> None:
    """Tell a signed-in visitor that the campaign is not theirs (nothing of it is shown)."""
    st.error(ui_translator()(NOT_YOURS), icon=":material/lock:")


def _claims() -> dict[str, Any]:
    try:
        return st.user.to_dict()
    except Exception:  # outside a browser session
        return {}


def _sign_in_page() -> None:
    t = ui_translator()
    st.title(t("Advocacy Campaign Builder"), anchor=False)
    st.markdown(
        t(
            "This server keeps each person's campaigns private. **Sign in** to start a campaign or to open "
            "your own; a workshop group's link also opens after signing in."
        )
    )
    if importlib.util.find_spec("authlib") is None:
        st.error(t("Sign-in is switched on, but this server lacks the Authlib package. Ask whoever runs it."))
        return
    st.button(t("Sign in"), key=SIGN_IN_KEY, type="primary", icon=":material/login:", on_click=st.login)
