"""Optional sign-in for hosted servers: Streamlit's own OpenID Connect login (`st.login`), on only when the
secrets hold an `[auth]` section (docs/sign-in.md). Signed in, each person's campaigns carry them as owner.

Without `[auth]` nothing changes: anyone with a campaign's private link can open it. Sign-in settings that cannot
be used (a secrets file that does not parse, a key missing or misspelt) stop the app: they never mean "off".
"""

from __future__ import annotations

import importlib.util
import logging
from collections.abc import Mapping
from typing import Any

import streamlit as st

from campaign import N_, Campaign
from ui.language import ui_translator

SIGN_IN_KEY, SIGN_OUT_KEY = "sign-in", "sign-out"
BOUND = "oidc:"  # an owner bound to a provider and a subject: `oidc:<issuer>|<subject>`
NOT_YOURS = N_(
    "This campaign belongs to another account. Sign in with the account that created it, or ask its owner "
    "for a copy of the campaign file."
)


# What st.login() (its default provider) needs in [auth]; Streamlit checks the same keys only when the button is
# pressed, long after the start page would have listed every campaign.
REQUIRED = ("redirect_uri", "cookie_secret", "client_id", "client_secret", "server_metadata_url")
OPTIONAL = ("client_kwargs", "expose_tokens")
STOPPED = N_(
    "Sign-in is switched on but its settings cannot be used, so this server shows nothing rather than every "
    "campaign to everyone. Whoever runs it: fix `.streamlit/secrets.toml` (the server log says what is wrong) "
    "and restart the app."
)
_logged: set[str] = set()


def sign_in_problem() -> str | None:
    """Return why sign-in is configured (or may be) but cannot be used, or None when it is on and whole or
    plainly off (no secrets file, or one without any sign-in settings). Never raises."""
    try:
        secrets = st.secrets.to_dict()
    except FileNotFoundError as error:  # Streamlit's "no secrets" and "cannot parse" are both this error
        if getattr(error, "error_id", None) == "no-secrets-found" or not _a_secrets_file_exists():
            return None
        return f"the secrets file cannot be read: {error}"
    except Exception as error:  # an unreadable file, a directory of secrets with a stray file...
        return f"the secrets cannot be read: {error}"
    if "auth" not in secrets:
        stray = [place for place, table in _tables(secrets) if {"cookie_secret", "server_metadata_url"} & set(table)]
        return f"sign-in settings outside an [auth] section: {', '.join(stray)}" if stray else None
    return _auth_problem(secrets["auth"])


def sign_in_configured() -> bool:
    """Return True unless sign-in is plainly off: settings that cannot be used count as on, so nothing that
    checks this ever falls back to showing every campaign (`require_sign_in` stops those pages first)."""
    try:
        if "auth" in st.secrets:
            return True
    except Exception:  # no secrets file, or one that cannot be read: sign_in_problem tells the two apart
        pass
    return sign_in_problem() is not None


def _auth_problem(section: object) -> str | None:
    if not isinstance(section, Mapping):
        return "[auth] is not a section of settings"
    problems = [f"[auth] has no {key}" for key in REQUIRED if not _text(section.get(key))]
    unknown = [k for k, v in section.items() if k not in REQUIRED + OPTIONAL and not isinstance(v, Mapping)]
    problems += [f"[auth] has an unknown setting {key!r} (a typo?)" for key in unknown]
    redirect = section.get("redirect_uri")
    if _text(redirect) and not str(redirect).rstrip().endswith("/oauth2callback"):
        problems.append("[auth] redirect_uri must end with /oauth2callback")
    for key in ("redirect_uri", "server_metadata_url"):
        if _text(section.get(key)) and not str(section[key]).strip().startswith(("https://", "http://")):
            problems.append(f"[auth] {key} must start with https:// (or http:// on one computer)")
    return "; ".join(problems) or None


def _text(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _tables(secrets: Mapping[str, Any]) -> list[tuple[str, Mapping[str, Any]]]:
    """Return the secrets' root and each of its tables (one level down), with where each is: sign-in settings
    under a misspelt heading ([auht]) or none must not read as "no sign-in"."""
    tables = [(f"[{key}]", value) for key, value in secrets.items() if isinstance(value, Mapping)]
    return [("the top of the file", secrets), *tables]


def _a_secrets_file_exists() -> bool:
    from pathlib import Path  # ui/ reads no files; this only asks whether Streamlit's secrets file is there

    return any(Path(place).exists() for place in st.get_option("secrets.files"))


def _stop_for(problem: str) -> None:
    if problem not in _logged:  # once per problem and server process, not on every rerun
        _logged.add(problem)
        logging.getLogger(__name__).error("sign-in is configured but cannot be used, the app stops: %s", problem)
    st.error(ui_translator()(STOPPED), icon=":material/lock:")
    st.stop()


def owner_of(claims: Mapping[str, Any]) -> str | None:
    """Return the owner written into a signed-in person's new campaigns: the provider that signed them in (the
    ID token's issuer) and their stable id there (its subject), `oidc:<issuer>|<subject>`; None when not signed
    in or when the token lacks either. An e-mail address never makes an owner: anyone can type one."""
    if not claims.get("is_logged_in"):
        return None
    issuer, subject = claims.get("iss"), claims.get("sub")
    if not (_text(issuer) and _text(subject)):
        return None
    return f"{BOUND}{str(issuer).strip()}|{str(subject).strip()}"


def verified_email(claims: Mapping[str, Any]) -> str | None:
    """Return the signed-in person's e-mail address, case-folded, only when the provider says it verified it
    (`email_verified` true); else None."""
    email, verified = claims.get("email"), claims.get("email_verified")
    if not claims.get("is_logged_in") or not _text(email):
        return None
    return str(email).strip().casefold() if verified is True or str(verified).lower() == "true" else None


def owners_of(claims: Mapping[str, Any]) -> frozenset[str]:
    """Return every owner name a signed-in person holds: their issuer and subject; for campaigns owned before
    owners were bound (an e-mail address), that address when verified; for `sub:<id>` ones, that subject when
    the secrets configure one provider only (its issuer was not written down then)."""
    names = {owner_of(claims), verified_email(claims)}
    subject = claims.get("sub")
    if owner_of(claims) and _text(subject) and _one_provider():
        names.add(f"sub:{str(subject).strip()}")
    return frozenset(name for name in names if name)


def may_open(campaign: Campaign, owners: frozenset[str]) -> bool:
    """Return True when someone holding `owners` may open `campaign` (one without an owner opens for anyone)."""
    if campaign.owner is None:
        return True
    owner = campaign.owner if campaign.owner.startswith((BOUND, "sub:")) else campaign.owner.strip().casefold()
    return owner in owners


def visitor_may_open(campaign: Campaign) -> bool:
    """Return True when this visitor may open `campaign`: always without sign-in, else only its owner
    (a campaign without owner, a workshop group's or one from before sign-in, opens for anyone with its link)."""
    return not sign_in_configured() or may_open(campaign, owners_of(_claims()))


def listed_for_visitor(campaign: Campaign) -> bool:
    """Return True when the personal start page may list `campaign`: with sign-in on, only one's own."""
    return not sign_in_configured() or (campaign.owner is not None and may_open(campaign, owners_of(_claims())))


def current_owner() -> str | None:
    """Return the signed-in person's owner name, or None when sign-in is off."""
    if not sign_in_configured():
        return None
    return owner_of(_claims())


def _one_provider() -> bool:
    try:
        section = st.secrets.to_dict().get("auth", {})
    except Exception:
        return False
    return isinstance(section, Mapping) and not any(isinstance(value, Mapping) for value in section.values())


def require_sign_in() -> str | None:
    """With sign-in on, ask visitors to sign in before anything else and stop the page until they have;
    return the signed-in owner (None when sign-in is off). The sidebar then offers to sign out. Sign-in
    settings that cannot be used stop the page with a message (and a line in the server log) instead."""
    problem = sign_in_problem()
    if problem is not None:
        _stop_for(problem)  # never "no sign-in" because a setting has a typo: every campaign would be open
    if not sign_in_configured():
        return None
    owner = owner_of(_claims())
    if owner is None:
        _sign_in_page()
        st.stop()
    t = ui_translator()
    claims = _claims()
    shown = verified_email(claims) or next((str(claims[k]) for k in ("name", "sub") if _text(claims.get(k))), owner)
    with st.sidebar:
        st.caption(t("Signed in as {name}", name=shown))
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
