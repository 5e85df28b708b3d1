"""Where a campaign file ends: the app's files say so, so a file cut short is never taken as whole.

A file the app writes is its YAML between two comment lines (comments keep it readable and hand-editable):

    # Written by the Advocacy Campaign Builder. Edit it freely: the last line shows where the file ends.
    schema_version: 1
    ...
    # end of campaign file, sha256:<64 hex digits>

The digest is of every byte before the end line. Before hashing, a reader drops spaces, tabs and a carriage
return before each newline (and a byte order mark), so a Windows editor re-saving the file, or one trimming
line ends, is not taken for an edit: none of these change what the YAML says. The app's own files have no
such characters, so for them the digest is simply that of the bytes.
"""

from __future__ import annotations

import enum
import hashlib
import re

HEADER = "# Written by the Advocacy Campaign Builder. Edit it freely: the last line shows where the file ends."
END = "# end of campaign file, sha256:"
_BOM = b"\xef\xbb\xbf"
_END = b"\n" + END.encode()
_LINE_END = re.compile(rb"[ \t\r]+\n")
_HEX = re.compile(rb"[0-9a-f]{64}")


class FileEnd(enum.Enum):
    """What a file's first and last lines say about it."""

    WHOLE = "whole"  # written by the app and unchanged since
    EDITED = "edited"  # written by the app, its end line there, changed since (by hand): it opens, with a note
    CUT_SHORT = "cut short"  # written by the app, its end line missing: part of it is lost, it must not open
    UNMARKED = "unmarked"  # no first line from the app: an older or hand-written file, read as it is


def with_end_lines(text: str) -> str:
    """Return YAML `text` (ending with a newline) as the app writes it: its first line, then the end line."""
    body = f"{HEADER}\n{text}"
    return f"{body}{END}{_digest(body.encode('utf-8', 'surrogatepass'))}\n"


def file_end(raw: bytes | str) -> FileEnd:
    """Return whether `raw` is a whole file the app wrote, one edited since, one cut short, or none of its own."""
    if isinstance(raw, str):
        raw = raw.encode("utf-8", "surrogatepass")
    header, whole = HEADER.encode(), raw
    raw = raw.removeprefix(_BOM)
    first, newline, _ = raw.partition(b"\n")
    body_ends = raw.rfind(_END) + 1  # 0 without an end line
    end_line, _, after = raw[body_ends:].partition(b"\n") if body_ends else (b"", b"", b"")
    digest = end_line[len(_END) - 1 :].rstrip(b" \t\r")
    if first.rstrip(b" \t\r") != header:
        if not newline and whole and (header.startswith(raw) or (_BOM + header).startswith(whole)):
            return FileEnd.CUT_SHORT  # cut inside the first line (or its byte order mark)
        return FileEnd.EDITED if body_ends else FileEnd.UNMARKED  # an end line but no first line: someone removed it
    if not _HEX.fullmatch(digest):
        return FileEnd.CUT_SHORT  # no end line, or one cut inside
    if after.strip() or _digest(raw[:body_ends]) != digest.decode():
        return FileEnd.EDITED
    return FileEnd.WHOLE


def last_line(raw: bytes | str) -> int:
    """Return the number of the last line of `raw` (1-based; 1 for an empty file)."""
    return max(len(raw.splitlines()), 1)


def _digest(body: bytes) -> str:
    if b"\r" in body or b" \n" in body or b"\t\n" in body:  # rare: only files re-saved by an editor
        body = _LINE_END.sub(b"\n", body)
    return hashlib.sha256(body).hexdigest()
