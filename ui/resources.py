"""What every session shares, loaded once per process: the worksheet pack, the repository and the mode."""

from __future__ import annotations

from typing import Literal

import streamlit as st

from campaign import CampaignRepository, WorksheetError, WorksheetPack, load_worksheets, open_store
from campaign.workshops import WorkshopRepository

Mode = Literal["personal", "shared"]


@st.cache_resource(show_spinner=False)
def _own_pack() -> WorksheetPack:
    return load_worksheets()


@st.cache_resource(show_spinner=False)
def _translated_pack(language: str) -> WorksheetPack | None:
    try:
        return load_worksheets(language=language)
    except WorksheetError:
        return None  # remembered too: a campaign in a language the pack lacks must not re-read files every run


def worksheet_pack(language: str | None = None) -> WorksheetPack:
    """Return the worksheet pack in `language` (in its own language without one, or when it has no such
    translation), each language parsed once per server process."""
    pack = _own_pack()
    if not language or language == pack.info.language:
        return pack
    return _translated_pack(language) or pack


@st.cache_resource(show_spinner=False)
def _repository(data_dir: str) -> CampaignRepository:
    return CampaignRepository(open_store(data_dir or None), worksheet_pack())


def repository() -> CampaignRepository:
    """Return the repository for the data folder named by `$CAMPAIGN_DATA_DIR` (default `data/`)."""
    import os  # only read here: ui/ never touches files itself

    return _repository(os.environ.get("CAMPAIGN_DATA_DIR", ""))


@st.cache_resource(show_spinner=False)
def _workshops(data_dir: str) -> WorkshopRepository:
    campaigns = _repository(data_dir)
    return WorkshopRepository(campaigns.store, campaigns)


def workshops() -> WorkshopRepository:
    """Return the workshops stored beside the campaigns (same data folder, same store)."""
    import os

    return _workshops(os.environ.get("CAMPAIGN_DATA_DIR", ""))


def mode() -> Mode:
    """Return "shared" when `$ADVOCACY_MODE=shared` (campaigns only by private link), else "personal"."""
    import os

    return "shared" if os.environ.get("ADVOCACY_MODE", "").strip().lower() == "shared" else "personal"
