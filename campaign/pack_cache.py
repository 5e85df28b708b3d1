"""The command line's cache of checked worksheet packs: JSON keyed by the pack's bytes and the reading code.

Reading a pack is most of a short command's own work: nine YAML files parsed with the line of every value, each
worksheet validated by pydantic (which builds the field models' validators first), the cross-file checks and the
worked example's check. A pack that passed all of them is written here as JSON (never pickle), under a key that
hashes every file the loader may read (the pack's `*.yaml`, the chosen translation's), the language, the source of
every `campaign/*.py` module, the versions of Python, pydantic and PyYAML, and `FORMAT`: an edited worksheet, a
new translation or a change in the reader code is read again, never taken from a stale entry. A broken pack is
never stored, so it is refused with the same problems every time. Any failure to read or write the cache (a folder
that cannot be written, a damaged entry) only means the pack is read from its files.
"""

from __future__ import annotations

import hashlib
import json
import sys
from typing import TYPE_CHECKING, Any, cast

from pydantic import BaseModel

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from pathlib import Path

    from campaign.worksheet import WorksheetPack

    Models = Sequence[type[BaseModel]]

FORMAT = 1  # raise when the stored form changes
KEEP = 8  # entries kept in the folder: a writer removes the oldest beyond these


def cached_pack(
    folder: Path,
    locale: Path | None,
    cache: Path,
    check: Callable[[Path, Path | None], WorksheetPack],
    models: Models,
) -> WorksheetPack:
    """Return the pack in `folder` (in `locale`'s words) from `cache` when the same bytes were checked by the same
    code before, else `check(folder, locale)` (which raises on a broken pack), stored for the next time. `models`
    are the classes a pack is made of, the pack's own last (the loader's: this module imports none of it)."""
    key = pack_key(folder, locale)
    if key is None:
        return check(folder, locale)
    cached = read_cached_pack(cache, key, models)
    if cached is not None:
        return cached
    pack = check(folder, locale)
    write_cached_pack(cache, key, pack, models)
    return pack


def pack_key(folder: Path, locale: Path | None, code: Path | None = None) -> str | None:
    """Return the cache key of the pack in `folder` read in `locale`'s words (None: the default language) by the
    modules in `code` (the model's own folder: the reader and every rule it applies), or None when a file cannot
    be read (the loader then says which)."""
    from pathlib import Path  # not at the module's top: ruff's import-cost rule (TID253)

    import pydantic
    import yaml

    code = code or Path(__file__).resolve().parent
    digest = hashlib.sha256(f"{FORMAT}|{sys.version}|{pydantic.VERSION}|{yaml.__version__}".encode())
    try:
        for name, files in (("code", code.glob("*.py")), ("pack", folder.glob("*.yaml"))):
            _add_files(digest, name, files)
        if locale is not None:
            _add_files(digest, f"locale {locale.name}", locale.glob("*.yaml"))
    except OSError:
        return None
    return digest.hexdigest()


def _add_files(digest: Any, group: str, files: Any) -> None:
    for path in sorted(files):
        content = path.read_bytes()
        digest.update(f"\0{group}/{path.name}\0{len(content)}\0".encode())
        digest.update(content)


def read_cached_pack(cache: Path, key: str, models: Models) -> WorksheetPack | None:
    """Return the pack stored under `key` in `cache`, or None when there is none that can be read."""
    try:
        stored = json.loads((cache / f"pack-{key}.json").read_bytes())
        pack = _model(stored["pack"], _classes(models)) if stored.get("key") == key else None
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    return cast("WorksheetPack", pack) if isinstance(pack, models[-1]) else None


def write_cached_pack(cache: Path, key: str, pack: BaseModel, models: Models) -> None:
    """Store `pack` under `key` in `cache` whole or not at all (a temporary file, then a rename), keeping the
    `KEEP` newest entries; a folder that cannot be written only means no cache."""
    import os
    import tempfile

    try:
        text = json.dumps({"key": key, "pack": _plain(pack, _classes(models))}, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError):  # a value JSON cannot hold exactly: this pack is not cached
        return
    try:
        cache.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=cache, prefix=".pack-", delete=False) as handle:
            handle.write(text)
        os.replace(handle.name, cache / f"pack-{key}.json")
        entries = sorted(cache.glob("pack-*.json"), key=lambda path: path.stat().st_mtime_ns, reverse=True)
        for old in entries[KEEP:]:
            old.unlink(missing_ok=True)
    except OSError:
        return


def _classes(models: Models) -> dict[str, type[BaseModel]]:
    return {model.__name__: model for model in models}


def _plain(value: Any, classes: dict[str, type[BaseModel]]) -> Any:
    """Return `value` as JSON data that `_model` makes the same objects of: each model with its class, every
    field's value and which fields were given (a tuple marked as one); TypeError for anything else."""
    if isinstance(value, BaseModel):
        name = type(value).__name__
        if classes.get(name) is not type(value):
            raise TypeError(f"{name} is not a pack model")
        fields = {field: _plain(getattr(value, field), classes) for field in type(value).model_fields}
        return {"model": name, "set": sorted(value.model_fields_set), "fields": fields}
    if isinstance(value, tuple):
        return {"tuple": [_plain(item, classes) for item in value]}
    if isinstance(value, list):
        return [_plain(item, classes) for item in value]
    if isinstance(value, dict) and all(isinstance(key, str) for key in value):
        return {"dict": {key: _plain(item, classes) for key, item in value.items()}}
    if value is None or type(value) in (str, int, float, bool):
        return value
    raise TypeError(f"{type(value).__name__} is not stored")


def _model(data: Any, classes: dict[str, type[BaseModel]]) -> Any:
    """Return the objects `_plain` stored as `data`: models made without validating again (they were checked
    before they were stored, by the same code: the key says so)."""
    if isinstance(data, list):
        return [_model(item, classes) for item in data]
    if not isinstance(data, dict):
        return data
    if "dict" in data:
        return {key: _model(item, classes) for key, item in data["dict"].items()}
    if "tuple" in data:
        return tuple(_model(item, classes) for item in data["tuple"])
    fields = {name: _model(item, classes) for name, item in data["fields"].items()}
    return classes[data["model"]].model_construct(set(data["set"]), **fields)
