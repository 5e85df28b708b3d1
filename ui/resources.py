"""What every session shares, loaded once per process: the worksheet pack, the repository and the mode."""

from __future__ import annotations

import logging
from collections.abc import Mapping

import streamlit as st

from campaign import (
    CampaignRepository,
    Config,
    ConfigError,
    Mode,
    WorksheetError,
    WorksheetPack,
    WorkshopRepository,
    current_config,
    load_worksheets,
    open_store,
)

_logged: set[str] = set()


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


def settings() -> Config:
    """Return the app's settings (campaign.config): the environment, under the root-level settings of
    `.streamlit/secrets.toml` (Streamlit copies those into the environment too, so they win there as well)."""
    return current_config(_root_secrets())


def settings_problem() -> str | None:
    """Return what is wrong with the app's settings (a mode or store URL it cannot use), or None; logged once."""
    try:
        settings()
    except ConfigError as error:
        if str(error) not in _logged:
            _logged.add(str(error))
            logging.getLogger(__name__).error("the app's settings cannot be used, the app stops: %s", error)
        return str(error)
    return None


def _root_secrets() -> dict[str, object]:
    try:
        return {key: value for key, value in st.secrets.to_dict().items() if not isinstance(value, Mapping)}
    except Exception:  # no secrets file, or one that cannot be read: ui.auth tells the two apart
        return {}


@st.cache_resource(show_spinner=False)
def _repository(location: str) -> CampaignRepository:
    return CampaignRepository(open_store(location), worksheet_pack())


def repository() -> CampaignRepository:
    """Return the repository of the store the settings name (`$CAMPAIGN_STORE`, else `$CAMPAIGN_DATA_DIR`,
    else `data/`)."""
    return _repository(settings().store)


@st.cache_resource(show_spinner=False)
def _workshops(location: str) -> WorkshopRepository:
    campaigns = _repository(location)
    return WorkshopRepository(campaigns.store, campaigns)


def workshops() -> WorkshopRepository:
    """Return the workshops stored beside the campaigns (same data folder, same store)."""
    return _workshops(settings().store)


def mode() -> Mode:
    """Return "shared" when `$ADVOCACY_MODE=shared` (campaigns only by private link), else "personal"."""
    return settings().mode
