"""The app's settings, read in one place from the environment (and the UI's `secrets.toml`), with one precedence.

Where campaigns are kept: an explicit location (a command's argument) > `CAMPAIGN_STORE` (an `s3://bucket/prefix`
URL) > `CAMPAIGN_DATA_DIR` (a folder) > `data/` in the repo. So the image's `CAMPAIGN_DATA_DIR=/data` never hides
a store URL that compose or a host adds: every app server and the command line use the same store.
No other module reads `os.environ`; `tests/test_config.py` checks it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

Mode = Literal["personal", "shared"]
ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR = ROOT / "data"
MODES: tuple[Mode, ...] = ("personal", "shared")
DELETED_KEEP_DAYS = 30  # a deleted campaign stays restorable this long; then `purge-deleted` removes it
# Every variable the app reads, each one documented in docs/deploy.md.
VARIABLES = (
    "CAMPAIGN_STORE",
    "CAMPAIGN_DATA_DIR",
    "CAMPAIGN_STORE_ENDPOINT",
    "CAMPAIGN_STORE_REGION",
    "WORKSHEET_PACK",
    "ADVOCACY_MODE",
    "ADVOCACY_PUBLIC_URL",
    "ADVOCACY_CACHE",
    "XDG_CACHE_HOME",
)


class ConfigError(ValueError):
    """A setting has a value the app cannot use; the message says which one and what it accepts."""


@dataclass(frozen=True)
class Config:
    """Every setting the app reads from its environment, checked."""

    store: str  # where campaigns are kept: an s3:// URL or a folder
    store_endpoint: str | None = None  # an S3-compatible server's address (MinIO, Ceph, R2); None for AWS
    store_region: str | None = None
    worksheet_pack: Path | None = None  # None: the toolkit's own pack
    mode: Mode = "personal"
    public_url: str = ""  # the address people open, when the browser's own cannot be shared
    cache: Path | None = None  # where the command line keeps what it can make again (campaign/pack_cache.py)

    @property
    def store_is_url(self) -> bool:
        """Return True when campaigns are kept on an object store (`s3://...`), not in a folder."""
        return self.store.startswith("s3://")


def store_location(explicit: str | os.PathLike[str] | None, settings: Mapping[str, str]) -> str:
    """Return where campaigns are kept: `explicit` > `CAMPAIGN_STORE` > `CAMPAIGN_DATA_DIR` > `data/`."""
    for candidate in (explicit, settings.get("CAMPAIGN_STORE"), settings.get("CAMPAIGN_DATA_DIR")):
        if candidate is not None and str(candidate).strip():
            return _checked_store(str(candidate).strip())
    return str(DEFAULT_DATA_DIR)


def _checked_store(where: str) -> str:
    scheme, separator, path = where.partition("://")
    if not separator or scheme == "file":
        return where.removeprefix("file://")
    if scheme != "s3":
        raise ConfigError(f"the campaign store {where!r} is neither a folder nor an s3://bucket/prefix URL")
    bucket = path.strip("/").split("/")[0]
    if not bucket:
        raise ConfigError(f"the campaign store {where!r} names no bucket: write it as s3://bucket/prefix")
    return where


def _mode(value: str) -> Mode:
    word = value.strip().lower() or "personal"
    for mode in MODES:
        if word == mode:
            return mode
    raise ConfigError(f"ADVOCACY_MODE is {value!r}: it must be personal (the default) or shared")


def _public_url(value: str) -> str:
    address = value.strip().split("?")[0]
    if address and not address.startswith(("https://", "http://")):
        raise ConfigError(f"ADVOCACY_PUBLIC_URL is {value!r}: it must start with https:// (or http://)")
    return address


def _cache(settings: Mapping[str, str]) -> Path | None:
    value = (settings.get("ADVOCACY_CACHE") or "").strip()
    if value.lower() == "off":
        return None
    if value:
        return Path(value)
    try:
        base = Path((settings.get("XDG_CACHE_HOME") or "").strip() or Path.home() / ".cache")
    except RuntimeError:  # no home folder to be found: no cache
        return None
    return base / "advocacy-campaign-builder"


def read_config(settings: Mapping[str, str]) -> Config:
    """Return the settings in `settings` (an environment), checked; raise ConfigError naming a bad value."""

    def text(name: str) -> str | None:
        value = str(settings.get(name) or "").strip()
        return value or None

    pack = text("WORKSHEET_PACK")
    return Config(
        store=store_location(None, settings),
        store_endpoint=text("CAMPAIGN_STORE_ENDPOINT"),
        store_region=text("CAMPAIGN_STORE_REGION"),
        worksheet_pack=Path(pack) if pack else None,
        mode=_mode(settings.get("ADVOCACY_MODE") or ""),
        public_url=_public_url(settings.get("ADVOCACY_PUBLIC_URL") or ""),
        cache=_cache(settings),
    )


def environment_settings(secrets: Mapping[str, object] | None = None) -> dict[str, str]:
    """Return the app's variables from the environment, with `secrets` (the root of the UI's `secrets.toml`)
    laid over it: Streamlit copies those settings into the environment when it reads them, so they win anyway."""
    found = {name: os.environ[name] for name in VARIABLES if os.environ.get(name, "").strip()}
    return found | {name: str(value) for name, value in (secrets or {}).items() if name in VARIABLES and value}


def config(secrets: Mapping[str, object] | None = None) -> Config:
    """Return the settings of this process (read once per distinct environment); raise ConfigError on a bad
    value."""
    return _config(tuple(sorted(environment_settings(secrets).items())))


@cache
def _config(items: tuple[tuple[str, str], ...]) -> Config:
    return read_config(dict(items))
