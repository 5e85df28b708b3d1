"""Links people copy or scan: a campaign's private link, the facilitator's secret link, the join link."""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit

import streamlit as st

from ui.language import LANGUAGE_PARAM, chosen_language
from ui.resources import settings

PUBLIC_URL_VARIABLE = "ADVOCACY_PUBLIC_URL"


def app_address() -> str:
    """Return the app's address: `$ADVOCACY_PUBLIC_URL` when set, else the address in this browser."""
    configured = settings().public_url
    if configured:
        return configured
    try:
        return (st.context.url or "").split("?")[0]
    except Exception:
        return ""


def private_link(campaign_id: str, step: str | None) -> str:
    """Return the full link that opens `campaign_id` (at `step`), as the browser would show it."""
    query = {"c": campaign_id} | ({"step": step} if step else {})
    return f"{app_address()}?{urlencode(query | _language())}"


def facilitator_link(token: str) -> str:
    """Return the secret link to a workshop's dashboard."""
    return f"{app_address()}?{urlencode({'f': token} | _language())}"


def join_link(code: str, language: str | None = None) -> str:
    """Return the link (and QR code target) that opens the join form with `code` filled in, in `language`."""
    return f"{app_address()}?{urlencode({'join': code} | ({LANGUAGE_PARAM: language} if language else {}))}"


def _language() -> dict[str, str]:
    # a link keeps the language chosen in this browser; without a choice, the opener's browser decides
    language = chosen_language()
    return {LANGUAGE_PARAM: language} if language else {}


def is_local_address(address: str) -> bool:
    """Return True when `address` only works on this computer (other laptops cannot open it)."""
    host = urlsplit(address).hostname or ""
    return host in ("", "localhost", "0.0.0.0", "::1") or host.startswith("127.")
