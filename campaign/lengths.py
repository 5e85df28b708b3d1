"""Length limits on text as it is stored: cleaned and in NFC, which can be longer than what was typed."""

from __future__ import annotations

from campaign.i18n import N_, Translator

# U+0958 (DEVANAGARI LETTER QA) is one character in a box and two in NFC: a box's `max_chars` is not enough.
TOO_LONG = N_("{what}: too long. At most {limit} characters once written out; this text has {count}.")


def text_too_long(what: str, text: str, limit: int | None, t: Translator) -> str | None:
    """Return why `text` (as stored) is too long for a box named `what` that holds `limit` characters, or None."""
    return t(TOO_LONG, what=what, limit=limit, count=len(text)) if limit and len(text) > limit else None
