"""Where bytes live: one small interface, and a local folder that never leaves a half-written file."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Iterator
from pathlib import Path
from typing import overload

from campaign.blobs import (  # re-exported: the storage interface's names, where callers find them
    NOT_READ,
    NOT_SAVED,
    Blob,
    BlobStore,
    NotModified,
    PreconditionFailed,
    StorageError,
    check_key,
    etag_of,
)
from campaign.config import config, store_location
from campaign.i18n import N_

STALE_TEMP_SECONDS = 60
LOCK_SECONDS = 30  # the longest a conditional write waits for another one to the same key
SETTLED_SECONDS = 2.0  # a file changed this recently may change again with the same stat: its hash is not kept
KNOWN_FILES = 4096  # the files whose (stat, content hash) a store remembers, for conditional reads

FOLDER_NOT_CREATED = N_(
    "cannot create the data folder {folder}: {reason}. Nothing stored was changed; try again once this is fixed."
)


class LocalFolderStore:
    """Objects as files under one folder: atomic replace, fsync, and a lock file per key for conditional writes.

    An etag is the content's hash. A conditional read (`if_none_match`) skips reading a file whose stat
    (device, inode, size, mtime, ctime) is the one it had when this store last hashed it, like git's index:
    every save is a new file renamed into place, so a change gives a new inode or a new ctime. An inode number
    can be reused, and a ctime is only as fine as the file system's clock tick, so a stat is trusted only once
    the file has been still for SETTLED_SECONDS when it was hashed; a newer file is read and hashed again.
    """

    def __init__(self, root: Path) -> None:
        self.root = Path(root).resolve()
        self._hashed: OrderedDict[Path, tuple[tuple[int, ...], str]] = OrderedDict()  # path -> (stat, etag)
        self._hashed_lock = threading.Lock()
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise _storage_error(error, FOLDER_NOT_CREATED, folder=self.root) from None
        self.remove_stale_temporary_files()

    def _path(self, key: str) -> Path:
        path = (self.root / check_key(key)).resolve()
        if self.root not in path.parents:
            raise ValueError(f"storage key {key!r} leaves the data folder")
        return path

    @overload
    def get(self, key: str) -> Blob | None: ...

    @overload
    def get(self, key: str, *, if_none_match: str | None) -> Blob | NotModified | None: ...

    def get(self, key: str, *, if_none_match: str | None = None) -> Blob | NotModified | None:
        path = self._path(key)
        try:
            with path.open("rb") as handle:  # stat and bytes from one open file: they belong together
                seen = os.fstat(handle.fileno())
                stat = (seen.st_dev, seen.st_ino, seen.st_size, seen.st_mtime_ns, seen.st_ctime_ns)
                if if_none_match is not None and self._known_etag(path, stat) == if_none_match:
                    return NotModified(if_none_match)
                data = handle.read()
        except FileNotFoundError:
            return None
        except OSError as error:
            raise _storage_error(error, NOT_READ) from None
        etag = etag_of(data)
        if if_none_match is not None:  # plain reads keep no note: only conditional readers come back to ask
            self._remember_etag(path, stat, etag, settled=time.time_ns() - seen.st_ctime_ns > SETTLED_SECONDS * 1e9)
        return NotModified(etag) if etag == if_none_match else Blob(data, etag)

    def _known_etag(self, path: Path, stat: tuple[int, ...]) -> str | None:
        with self._hashed_lock:
            known = self._hashed.get(path)
        return known[1] if known is not None and known[0] == stat else None

    def _remember_etag(self, path: Path, stat: tuple[int, ...], etag: str, *, settled: bool) -> None:
        with self._hashed_lock:
            if not settled:
                self._hashed.pop(path, None)
                return
            self._hashed[path] = (stat, etag)
            self._hashed.move_to_end(path)
            while len(self._hashed) > KNOWN_FILES:
                self._hashed.popitem(last=False)

    def put(self, key: str, data: bytes, *, if_match: str | None = None, if_absent: bool = False) -> str:
        path = self._path(key)
        try:
            _make_folder(path.parent)
            if if_match is None and not if_absent:
                _atomic_write(path, data)
                return etag_of(data)
            with _locked(path.parent / f".{path.name}.lock"):
                current = _read_etag(path)
                if if_absent and current is not None:
                    raise PreconditionFailed(N_("{key} exists already"), key=key)
                if if_match is not None and current != if_match:
                    raise PreconditionFailed(N_("{key} was changed by someone else"), key=key)
                _atomic_write(path, data)
        except StorageError:
            raise
        except OSError as error:
            raise _storage_error(error, NOT_SAVED) from None
        return etag_of(data)

    def keys(self, prefix: str) -> list[str]:
        folder = self._path(prefix)
        if not folder.is_dir():
            return []
        return sorted(
            str(p.relative_to(self.root))
            for p in folder.rglob("*")
            if p.is_file() and not any(part.startswith(".") for part in p.relative_to(self.root).parts)
        )

    def exists(self, key: str) -> bool:
        return self._path(key).is_file()

    def delete(self, key: str) -> None:
        path = self._path(key)
        try:
            path.unlink(missing_ok=True)
            (path.parent / f".{path.name}.lock").unlink(missing_ok=True)  # its conditional writes' lock file
        except OSError as error:
            raise _storage_error(error, NOT_SAVED) from None
        for folder in path.parents:  # no empty folders left behind (a swept campaign's)
            if folder == self.root or not folder.is_relative_to(self.root):
                break
            try:
                folder.rmdir()  # refused while anything, a lock file too, is still inside
            except OSError:
                break

    def where(self, key: str) -> str:
        return str(self._path(key))

    def remove_stale_temporary_files(self, max_age: float = STALE_TEMP_SECONDS) -> int:
        """Delete temporary files left by a crash (older than `max_age` seconds); return how many went."""
        removed = 0
        cutoff = time.time() - max_age
        for path in self.root.rglob(".*.tmp"):
            with contextlib.suppress(OSError):
                if path.stat().st_mtime <= cutoff:
                    path.unlink()
                    removed += 1
        return removed


def _atomic_write(path: Path, data: bytes) -> None:
    # write beside the target, fsync, then rename: a crash leaves the old file or the new, never half
    temporary = path.parent / f".{path.name}.{secrets.token_hex(6)}.tmp"
    try:
        with temporary.open("xb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
    _fsync_folder(path.parent)  # the rename itself survives a crash


def _fsync_folder(folder: Path) -> None:
    directory = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)


def _make_folder(folder: Path) -> None:
    """Create `folder` and its missing parents, each fsynced into its own parent: a rename into a new folder
    survives a crash only once the folder's own entry does."""
    missing: list[Path] = []
    while not folder.is_dir():
        missing.append(folder)
        folder = folder.parent
    for made in reversed(missing):
        with contextlib.suppress(FileExistsError):  # made meanwhile by another writer: still fsynced below
            made.mkdir()
        _fsync_folder(made.parent)


def _read_etag(path: Path) -> str | None:
    """Return the etag of the file at `path`, or None when there is none."""
    try:
        return etag_of(path.read_bytes())
    except FileNotFoundError:
        return None


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on the lock file `path` (every process and thread waits for it), at most
    LOCK_SECONDS of waiting; a lock file deleted while waiting for it (`delete`) is made again and locked."""
    deadline = time.monotonic() + LOCK_SECONDS
    while True:
        handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            while True:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise TimeoutError from None  # said as "an unexpected storage error", as before
                    time.sleep(0.005)
            if os.fstat(handle).st_nlink:  # still the lock file at `path`
                yield
                return
        finally:
            os.close(handle)  # closing it releases the lock


_OS_REASONS = {
    errno.ENOSPC: N_("the disk is full"),
    errno.EDQUOT: N_("the disk quota is used up"),
    errno.EROFS: N_("the data folder is read-only"),
    errno.EACCES: N_("the app may not write to the data folder"),
    errno.EPERM: N_("the app may not write to the data folder"),
}


def _storage_error(error: OSError, template: str, **values: object) -> StorageError:
    """Return the error to show for `error`: `template` says what failed, its `{reason}` is filled in plain words."""
    reason = _OS_REASONS.get(error.errno or 0, error.strerror or N_("an unexpected storage error"))
    return StorageError(template, reason=reason, words=("reason",), **values)


def open_store(location: str | os.PathLike[str] | None = None) -> BlobStore:
    """Return the store at `location`: a folder, or an `s3://bucket/prefix` URL for an object store.

    Without `location`: the store of `campaign.config` (`$CAMPAIGN_STORE`, else `$CAMPAIGN_DATA_DIR`, else `data/`).
    """
    where = store_location(location, {}) if location else config().store
    if where.startswith("s3://"):
        from campaign.object_store import ObjectStore, object_store_options

        return ObjectStore(where, **object_store_options())
    return LocalFolderStore(Path(where))
