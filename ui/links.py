"""The private link of a campaign: the app's address with the campaign (and step) in the query."""

from __future__ import annotations

from urllib.parse import urlencode

import streamlit as st


def private_link(campaign_id: str, step: str | None) -> str:
    """Return the full link that opens `campaign_id` (at `step`), as the browser would show it."""
    query = urlencode({"c": campaign_id} | ({"step": step} if step else {}))
    try:
        base = (st.context.url or "").split("?")[0]
    except Exception:
        base = ""
    return f"{base}?{query}"
