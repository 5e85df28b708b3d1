"""File and folder names made from typed titles: ASCII words joined by hyphens, cut at a word, never mid-word."""

from __future__ import annotations

import re
import unicodedata

MOST_CHARACTERS = 40


def file_stem(text: str, fallback: str = "campaign", most: int = MOST_CHARACTERS) -> str:
    """Return a safe file name stem for `text`, at most `most` characters, cut between words:
    "A social worker for every child in Kenya" → `a-social-worker-for-every-child-in-kenya`."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    stem = ""
    for word in words:
        longer = f"{stem}-{word}" if stem else word
        if len(longer) > most:
            break
        stem = longer
    if not stem and words:  # one word longer than the limit: nothing else to cut at
        stem = words[0][:most]
    return stem or fallback
