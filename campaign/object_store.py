"""Campaigns on an S3-compatible object store (AWS S3, MinIO, Ceph, R2) through fsspec/s3fs.

Lost updates are prevented by the store itself: every conditional write sends the ETag it read as
`If-Match` (or `If-None-Match: *` to create), so of two servers saving one campaign at once exactly one
wins and the other merges and tries again. No lock, no server-side state of our own.
"""

from __future__ import annotations

import os
from typing import Any

from campaign.i18n import N_
from campaign.storage import Blob, PreconditionFailed, StorageError, check_key

_PRECONDITION_CODES = {"PreconditionFailed", "ConditionalRequestConflict", "412", "409"}
NOT_READ = N_("the campaign store could not be read ({error}). Try again in a moment.")
NOT_SAVED = N_(
    "your answer was not saved: the campaign store did not accept it ({error}). "
    "Nothing stored was changed; try again in a moment."
)


class ObjectStore:
    """A BlobStore on `s3://bucket/prefix`; `options` go to s3fs (endpoint, credentials, region)."""

    def __init__(self, url: str, **options: Any) -> None:
        import fsspec  # optional dependency (requirements-s3.txt): imported only when an s3:// store is used

        protocol, _, path = url.partition("://")
        if protocol != "s3" or not path.strip("/"):
            raise ValueError(f"not an s3://bucket/prefix URL: {url!r}")
        self.url = url
        self.root = path.strip("/")
        self.fs = fsspec.filesystem("s3", **options)

    def _path(self, key: str) -> str:
        return f"{self.root}/{check_key(key)}"

    def get(self, key: str) -> Blob | None:
        path = self._path(key)
        try:
            # ETag first, bytes second: if a write slips in between, our If-Match fails and we retry;
            # the other order could pair old bytes with the new ETag and overwrite a newer save.
            self.fs.invalidate_cache(path)
            etag = self.fs.info(path)["ETag"]
            data = self.fs.cat_file(path)
        except FileNotFoundError:
            return None
        except OSError as error:
            raise StorageError(NOT_READ, error=error) from None
        return Blob(data, etag)

    def put(self, key: str, data: bytes, *, if_match: str | None = None, if_absent: bool = False) -> str:
        path = self._path(key)
        conditions: dict[str, str] = {}
        if if_absent:
            conditions["IfNoneMatch"] = "*"
        if if_match is not None:
            conditions["IfMatch"] = if_match
        try:
            response = self.fs.pipe_file(path, data, **conditions)  # campaigns are far below the multipart size
            return str((response or {}).get("ETag", ""))
        except OSError as error:
            if _is_precondition_failure(error):
                raise PreconditionFailed(N_("{key} was changed by someone else"), key=key) from None
            raise StorageError(NOT_SAVED, error=error) from None

    def exists(self, key: str) -> bool:
        path = self._path(key)
        try:
            self.fs.invalidate_cache(path)
            return bool(self.fs.exists(path))
        except OSError as error:
            raise StorageError(NOT_READ, error=error) from None

    def where(self, key: str) -> str:
        return f"s3://{self._path(key)}"

    def keys(self, prefix: str) -> list[str]:
        folder = self._path(prefix)
        try:
            self.fs.invalidate_cache(folder)
            found = self.fs.find(folder)
        except FileNotFoundError:
            return []
        return sorted(path[len(self.root) + 1 :] for path in found)


def _is_precondition_failure(error: OSError) -> bool:
    cause = error.__cause__ or error.__context__
    response = getattr(cause, "response", None) or {}
    code = str(response.get("Error", {}).get("Code", ""))
    status = str(response.get("ResponseMetadata", {}).get("HTTPStatusCode", ""))
    return bool({code, status} & _PRECONDITION_CODES) or "pre-condition" in str(error).lower()


def object_store_options() -> dict[str, Any]:
    """Return s3fs options from the environment: `CAMPAIGN_STORE_ENDPOINT` and `CAMPAIGN_STORE_REGION`.

    Credentials come the standard AWS way (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, a profile, or a role).
    """
    client: dict[str, str] = {}
    if os.environ.get("CAMPAIGN_STORE_ENDPOINT"):
        client["endpoint_url"] = os.environ["CAMPAIGN_STORE_ENDPOINT"]
    if os.environ.get("CAMPAIGN_STORE_REGION"):
        client["region_name"] = os.environ["CAMPAIGN_STORE_REGION"]
    return {"client_kwargs": client} if client else {}
