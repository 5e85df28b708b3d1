"""The storage interface every store shares: keys, blobs, the errors a person reads, and the etag rule."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Protocol, overload

from campaign.i18n import N_, Translator, translator

KEY_RE = re.compile(r"^[A-Za-z0-9_-]+(/[A-Za-z0-9_.-]+)*$")
# What people read when the disk fails them; {reason} is one of _OS_REASONS (or the system's own words)
NOT_READ = N_(
    "the saved campaign could not be read: {reason}. Nothing stored was changed; try again once this is fixed."
)
NOT_SAVED = N_("your answer was not saved: {reason}. Nothing stored was changed; try again once this is fixed.")


class StorageError(Exception):
    """Bytes could not be written or read, said for the person using the app: `message` in English,
    `translated(t)` in their language.

    `template` is an interface word (marked with N_) with `{name}` placeholders filled from `values`; the
    values named in `words` are interface words too and are translated with it (an OS error's reason).
    """

    def __init__(self, template: str, /, *, words: tuple[str, ...] = (), **values: object) -> None:
        self.template = template
        self.values = values
        self.words = words
        self.message = self.translated()
        super().__init__(self.message)

    def translated(self, t: Translator | None = None) -> str:
        """Return the message in `t`'s language (English without one)."""
        t = t or translator(None)
        values = {name: self._word(name, value, t) for name, value in self.values.items()}
        return t(self.template, **values)

    def _word(self, name: str, value: object, t: Translator) -> object:
        if name in self.words:
            return t(str(value))
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return t.number(value)  # sizes and counts with the language's separators
        return value


class PreconditionFailed(StorageError):
    """A conditional write lost the race: someone else changed the object first."""


@dataclass(frozen=True)
class Blob:
    data: bytes
    etag: str  # changes whenever the bytes change


@dataclass(frozen=True)
class NotModified:
    """A conditional read's answer when the object still has the etag asked about: no bytes came back."""

    etag: str


class BlobStore(Protocol):
    """The only way campaign code reaches stored bytes; a shared object store can stand in for a folder."""

    @overload
    def get(self, key: str) -> Blob | None: ...

    @overload
    def get(self, key: str, *, if_none_match: str | None) -> Blob | NotModified | None: ...

    def get(self, key: str, *, if_none_match: str | None = None) -> Blob | NotModified | None:
        """Return the object at `key`, or None when there is none; NotModified (no bytes read or sent) when
        `if_none_match` is its etag still: a reader that kept what it made of the bytes need not read them."""

    def put(self, key: str, data: bytes, *, if_match: str | None = None, if_absent: bool = False) -> str:
        """Store `data` atomically and return its etag; raise PreconditionFailed if a condition fails."""

    def keys(self, prefix: str) -> list[str]:
        """Return every key under `prefix/`, sorted."""

    def exists(self, key: str) -> bool:
        """Return True when an object is stored at `key`."""

    def delete(self, key: str) -> None:
        """Remove the object at `key` (nothing happens when there is none); only the deleted-campaign sweep,
        a restore and the markers of campaign/keeping.py remove anything."""

    def where(self, key: str) -> str:
        """Return where `key` lives, for people: a file path or a URL."""


def check_key(key: str) -> str:
    """Return `key` if it is a safe relative key (no '..', no absolute path), else raise ValueError."""
    if not KEY_RE.fullmatch(key) or any(part in {".", ".."} or part.startswith(".") for part in key.split("/")):
        raise ValueError(f"unsafe storage key {key!r}")
    return key


def etag_of(data: bytes) -> str:
    """Return the etag of `data` (a content hash, so equal bytes have equal etags)."""
    return hashlib.sha256(data).hexdigest()[:32]
