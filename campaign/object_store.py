"""Campaigns on an S3-compatible object store (AWS S3, MinIO, Ceph, R2) through fsspec/s3fs.

Lost updates are prevented by the store itself: every conditional write sends the ETag it read as
`If-Match` (or `If-None-Match: *` to create), so of two servers saving one campaign at once exactly one
wins and the other merges and tries again. No lock, no server-side state of our own.

A store that is down, refuses, resets, answers 5xx or hangs becomes a StorageError in plain words, within
a bounded time (connect/read timeouts, two attempts, and a deadline on every call): never a library's own
exception, and never the store's address (it is neither for the person at the screen nor for the log).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Any, TypeVar, overload

from campaign.blobs import NOT_READ, NOT_SAVED, Blob, NotModified, PreconditionFailed, StorageError, check_key
from campaign.config import config
from campaign.i18n import N_

CONNECT_SECONDS = 2
READ_SECONDS = 4  # of silence on an open connection, not of a whole transfer
ATTEMPTS = 2  # botocore's, retries included; s3fs's own retry loop is set to one pass
CALL_SECONDS = 20  # the deadline of one call, whatever happens: a 2 MB campaign at 1 Mbit/s takes 16 s
_PRECONDITION_CODES = {"PreconditionFailed", "ConditionalRequestConflict", "412", "409"}
UNREACHABLE = N_("the campaign store cannot be reached")
TOO_SLOW = N_("the campaign store did not answer in time")
STORE_FAULT = N_("the campaign store reported a fault")
REFUSED = N_("the campaign store refused the request")
_log = logging.getLogger(__name__)
Result = TypeVar("Result")


class ObjectStore:
    """A BlobStore on `s3://bucket/prefix`; `options` go to s3fs (endpoint, credentials, region)."""

    def __init__(self, url: str, **options: Any) -> None:
        import fsspec  # optional dependency (requirements-s3.txt): imported only when an s3:// store is used

        protocol, _, path = url.partition("://")
        if protocol != "s3" or not path.strip("/"):
            raise ValueError(f"not an s3://bucket/prefix URL: {url!r}")
        self.url = url
        self.root = path.strip("/")
        self.fs = fsspec.filesystem("s3", **bounded(options))
        self.fs.retries = 1  # s3fs's own retry loop (5 passes) would multiply botocore's attempts

    def _path(self, key: str) -> str:
        return f"{self.root}/{check_key(key)}"

    def _call(self, method: Callable[..., Result], *args: Any, failure: str, key: str, **kwargs: Any) -> Result:
        """Return `method(*args, **kwargs)` on the store, or raise StorageError(`failure`) in plain words
        (FileNotFoundError on a read of a missing object, PreconditionFailed when a condition fails)."""
        try:
            return method(*args, timeout=CALL_SECONDS, **kwargs)
        except FileNotFoundError:
            if failure is NOT_READ:
                raise
            error: BaseException = FileNotFoundError()
        except Exception as raised:
            error = raised
        if failure is NOT_SAVED and (isinstance(error, FileExistsError) or _is_precondition_failure(error)):
            raise PreconditionFailed(N_("{key} was changed by someone else"), key=key) from None
        if failure is NOT_SAVED and "IfMatch" in kwargs and isinstance(error, FileNotFoundError):
            raise PreconditionFailed(N_("{key} was changed by someone else"), key=key) from None  # it was deleted
        reason = _reason(error)
        # a plain description: the error's own text names the endpoint URL, the bucket and the key
        _log.warning("campaign store: %s failed, %s (%s)", method.__name__, reason, type(error).__name__)
        raise StorageError(failure, reason=reason, words=("reason",)) from None

    @overload
    def get(self, key: str) -> Blob | None: ...

    @overload
    def get(self, key: str, *, if_none_match: str | None) -> Blob | NotModified | None: ...

    def get(self, key: str, *, if_none_match: str | None = None) -> Blob | NotModified | None:
        path = self._path(key)
        try:
            data, etag = self._call(self._get_object, path, if_none_match, failure=NOT_READ, key=key)
        except FileNotFoundError:
            return None
        return NotModified(etag) if data is None else Blob(data, etag)

    def _get_object(self, path: str, if_none_match: str | None, *, timeout: float) -> tuple[bytes | None, str]:
        """Return an object's bytes and their ETag from ONE GetObject: the two always belong together, and a
        read costs one request (s3fs's `info` then `cat_file` take three, and could pair old bytes with a newer
        ETag if a write slipped in between). With `if_none_match`, the store answers 304 and sends no bytes
        while the ETag is still that one: (None, the ETag) then."""
        from fsspec.asyn import sync

        bucket, name, _ = self.fs.split_path(path)
        condition = {"IfNoneMatch": if_none_match} if if_none_match is not None else {}

        async def read() -> tuple[bytes | None, str]:
            try:
                response = await self.fs._call_s3("get_object", Bucket=bucket, Key=name, **condition)
            except OSError as error:
                if if_none_match is not None and _status(error) == 304:
                    return None, if_none_match
                raise
            try:
                return await response["Body"].read(), str(response["ETag"])
            finally:
                response["Body"].close()

        return sync(self.fs.loop, read, timeout=timeout)

    def put(self, key: str, data: bytes, *, if_match: str | None = None, if_absent: bool = False) -> str:
        path = self._path(key)
        conditions: dict[str, str] = {}
        if if_absent:
            conditions["IfNoneMatch"] = "*"
        if if_match is not None:
            conditions["IfMatch"] = if_match
        # campaigns are far below the multipart size: one PUT, so the condition holds for the whole object
        response = self._call(self.fs.pipe_file, path, data, failure=NOT_SAVED, key=key, **conditions)
        return str((response or {}).get("ETag", ""))

    def exists(self, key: str) -> bool:
        path = self._path(key)
        self.fs.invalidate_cache(path)
        return bool(self._call(self.fs.exists, path, failure=NOT_READ, key=key))

    def delete(self, key: str) -> None:
        path = self._path(key)
        try:
            self._call(self.fs.rm_file, path, failure=NOT_SAVED, key=key)  # S3 answers a missing key with 204
        finally:
            self.fs.invalidate_cache(path)

    def where(self, key: str) -> str:
        return f"s3://{self._path(key)}"

    def keys(self, prefix: str) -> list[str]:
        folder = self._path(prefix)
        self.fs.invalidate_cache(folder)
        try:
            found = self._call(self.fs.find, folder, failure=NOT_READ, key=prefix)
        except FileNotFoundError:
            return []
        return sorted(path[len(self.root) + 1 :] for path in found)


def _status(error: BaseException) -> int:
    """Return the HTTP status the store answered with (s3fs wraps botocore's error in an OSError), or 0."""
    cause = error.__cause__ or error.__context__ or error
    response = getattr(cause, "response", None) or getattr(error, "response", None) or {}
    return int(response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0) or 0)


def _is_precondition_failure(error: BaseException) -> bool:
    cause = error.__cause__ or error.__context__ or error
    response = getattr(cause, "response", None) or getattr(error, "response", None) or {}
    code = str(response.get("Error", {}).get("Code", ""))
    status = str(response.get("ResponseMetadata", {}).get("HTTPStatusCode", ""))
    return bool({code, status} & _PRECONDITION_CODES) or "pre-condition" in str(error).lower()


def _reason(error: BaseException) -> str:
    """Return what went wrong with the store, in plain words (an interface word, never the error's own text)."""
    from botocore.exceptions import ConnectTimeoutError, EndpointConnectionError, ReadTimeoutError

    if isinstance(error, (ReadTimeoutError, ConnectTimeoutError, TimeoutError, asyncio.TimeoutError)):
        return TOO_SLOW
    if isinstance(error, (EndpointConnectionError, ConnectionError)):
        return UNREACHABLE
    cause = error.__cause__ or error.__context__ or error
    response = getattr(cause, "response", None) or getattr(error, "response", None) or {}
    status = int(response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0) or 0)
    if isinstance(error, (PermissionError, FileNotFoundError)) or 400 <= status < 500:
        return REFUSED
    return STORE_FAULT  # 5xx, a reset or a garbled answer: the store is there but not working


def bounded(options: dict[str, Any]) -> dict[str, Any]:
    """Return s3fs `options` with timeouts and a bounded number of attempts, unless they set their own."""
    config = {
        "connect_timeout": CONNECT_SECONDS,
        "read_timeout": READ_SECONDS,
        "retries": {"total_max_attempts": ATTEMPTS, "mode": "standard"},
        **options.get("config_kwargs", {}),
    }
    return {**options, "config_kwargs": config}


def object_store_options() -> dict[str, Any]:
    """Return s3fs options from the environment: `CAMPAIGN_STORE_ENDPOINT` and `CAMPAIGN_STORE_REGION`.

    Credentials come the standard AWS way (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, a profile, or a role).
    """
    settings = config()
    client: dict[str, str] = {}
    if settings.store_endpoint:
        client["endpoint_url"] = settings.store_endpoint
    if settings.store_region:
        client["region_name"] = settings.store_region
    return {"client_kwargs": client} if client else {}
