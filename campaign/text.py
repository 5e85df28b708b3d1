"""Cleaning of text at the input boundary, so no later export can choke on it."""

from __future__ import annotations

import re
import unicodedata

# C0/C1 controls except tab, newline and carriage return; U+FFFE/U+FFFF; lone surrogates.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")


def clean_text(value: str) -> str:
    """Return `value` in NFC with control characters and lone surrogates removed, newlines as \\n."""
    value = _UNSAFE.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))
    return unicodedata.normalize("NFC", value)
