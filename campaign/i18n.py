"""Interface words in the user's language: gettext catalogs in `locales/`, dates and numbers by Babel."""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

LOCALES = Path(__file__).resolve().parent.parent / "locales"
SOURCE_LANGUAGE = "en"
DOMAIN = "messages"
_LOCK = threading.Lock()


@dataclass(frozen=True)
class Translator:
    """Words, dates and numbers for one language; unknown words fall back to English."""

    language: str
    messages: dict[str, str] = field(default_factory=dict, repr=False)

    def gettext(self, message: str) -> str:
        """Return `message` in this language (the English text when it has no translation yet)."""
        return self.messages.get(message) or message

    def __call__(self, message: str, **values: object) -> str:
        """Return `message` translated, with `{name}` placeholders filled from `values`."""
        text = self.gettext(message)
        return text.format(**values) if values else text

    def date(self, value: dt.date, style: str = "long") -> str:
        """Return a date written the way this language writes it (`16 mars 2027`)."""
        return format_date(value, format=style, locale=self.language)

    def number(self, value: float) -> str:
        """Return a number with this language's separators (`1 450 000`)."""
        return format_decimal(value, locale=self.language)

    @property
    def direction(self) -> str:
        """Return 'rtl' for right-to-left languages, else 'ltr'."""
        try:
            right_to_left = Locale.parse(self.language).character_order == "right-to-left"
        except (UnknownLocaleError, ValueError):
            return "ltr"
        return "rtl" if right_to_left else "ltr"


def interface_languages() -> list[str]:
    """Return the languages the interface is available in: English and every catalog in `locales/`."""
    found = sorted(p.parent.parent.name for p in LOCALES.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
    return [SOURCE_LANGUAGE, *[language for language in found if language != SOURCE_LANGUAGE]]


@cache
def translator(language: str | None) -> Translator:
    """Return the translator for `language` (English for None or a language without a catalog)."""
    language = language or SOURCE_LANGUAGE
    path = LOCALES / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    if language == SOURCE_LANGUAGE or not path.is_file():
        return Translator(language if _known(language) else SOURCE_LANGUAGE)
    with _LOCK, path.open("rb") as handle:
        catalog = read_po(handle, locale=language)
    messages = {
        str(message.id): str(message.string)
        for message in catalog
        if message.id and isinstance(message.id, str) and message.string and not message.fuzzy
    }
    return Translator(language, messages)


def _known(language: str) -> bool:
    try:
        Locale.parse(language)
    except (UnknownLocaleError, ValueError):
        return False
    return True
