"""moto's S3 server with its conditional writes atomic, as S3's are (`python tests/moto_server.py -H HOST -p PORT`).

moto checks a `PutObject`'s `If-Match` or `If-None-Match` and then writes, and its server answers each request in a
thread of its own: two writers holding the same ETag could both pass the check before either wrote, and a test of
many writers would see an acknowledged save lost where S3 loses none. Here every `PutObject` holds one lock from
its check to its write (tests/campaign/test_s3_server.py: of many writes with one ETag, exactly one is stored).
"""

from __future__ import annotations

import threading
from typing import Any

from moto.s3.responses import S3Response
from moto.server import main

_WRITING = threading.Lock()
_put_object = S3Response.put_object


def _put_object_atomically(self: S3Response) -> Any:
    with _WRITING:
        return _put_object(self)


S3Response.put_object = _put_object_atomically  # type: ignore[method-assign]

if __name__ == "__main__":
    main()
