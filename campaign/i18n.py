"""Interface words in the user's language: gettext catalogs in `locales/`, dates and numbers by Babel."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog

# Babel's parts are imported where they are used: English reads no catalog (babel.messages, gettext), and a
# command that writes no date or number (`validate` of a good file) loads no locale data (tests/test_i18n_imports.py).

LOCALES = Path(__file__).resolve().parent.parent / "locales"
SOURCE_LANGUAGE = "en"
# One catalog per layer, so the words of the plan, the app and the checks can be translated separately.
DOMAINS = {"campaign": ("campaign",), "exports": ("exports",), "ui": ("ui", "streamlit_app.py")}
_LOCK = threading.Lock()
ENGLISH_PLURALS = "(n != 1)"  # gettext's rule for English: the first form for 1 only


@dataclass(frozen=True)
class Translator:
    """Words, dates and numbers for one language; unknown words fall back to English."""

    language: str
    messages: dict[str, str] = field(default_factory=dict, repr=False)
    plurals: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)  # singular -> every form
    plural_rule: str = ENGLISH_PLURALS  # the catalogs' `Plural-Forms` expression: which form a count takes

    def gettext(self, message: str) -> str:
        """Return `message` in this language (the English text when it has no translation yet)."""
        return self.messages.get(message) or message

    def ngettext(self, singular: str, plural: str, count: int, **values: object) -> str:
        """Return the form of `singular`/`plural` that `count` takes in this language, with `{count}` and the
        other `{name}` placeholders filled (English forms when it has no translation yet)."""
        forms = self.plurals.get(singular)
        if forms:
            text = forms[min(_plural_index(self.plural_rule)(count), len(forms) - 1)]
        else:
            text = singular if count == 1 else plural
        return text.format(count=count, **values)

    def __call__(self, message: str, **values: object) -> str:
        """Return `message` translated, with `{name}` placeholders filled from `values`."""
        text = self.gettext(message)
        return text.format(**values) if values else text

    @property
    def date_locale(self) -> str:
        """Return the locale dates are written in: the language itself, international English for English."""
        # CLDR's plain "en" is American ("March 1, 2027"); the toolkit's readers write "1 March 2027"
        return "en_001" if self.language == SOURCE_LANGUAGE else self.language

    def date(self, value: dt.date, style: str = "long") -> str:
        """Return a date written the way this language writes it (`16 mars 2027`, `1 March 2027`)."""
        from babel.dates import format_date

        return format_date(value, format=style, locale=self.date_locale)

    def number(self, value: float) -> str:
        """Return a number with this language's separators (`1 450 000`)."""
        from babel.numbers import format_decimal

        return format_decimal(value, locale=self.language)

    @property
    def direction(self) -> str:
        """Return 'rtl' for right-to-left languages, else 'ltr'."""
        from babel import Locale, UnknownLocaleError

        try:
            right_to_left = Locale.parse(self.language).character_order == "right-to-left"
        except (UnknownLocaleError, ValueError):
            return "ltr"
        return "rtl" if right_to_left else "ltr"


def N_(message: str) -> str:
    """Return `message` unchanged: marks a word for `make messages`, to be translated where it is shown."""
    return message


def interface_languages() -> list[str]:
    """Return the languages the interface is available in: English and every language with catalogs."""
    found = sorted({p.parent.parent.name for p in LOCALES.glob("*/LC_MESSAGES/*.po")})
    return [SOURCE_LANGUAGE, *[language for language in found if language != SOURCE_LANGUAGE]]


def _read_po(path: Path, language: str) -> Catalog:
    from babel.messages.pofile import read_po

    with _LOCK, path.open("rb") as handle:
        return read_po(handle, locale=language)


def read_catalog(path: Path, language: str) -> dict[str, str]:
    """Return the finished translations of one .po file (fuzzy and empty entries left out)."""
    return _messages(_read_po(path, language))


def read_plurals(path: Path, language: str) -> dict[str, tuple[str, ...]]:
    """Return the finished plural entries of one .po file: singular -> every form (fuzzy or partial left out)."""
    return _plurals(_read_po(path, language))


def _messages(catalog: Catalog) -> dict[str, str]:
    return {
        str(message.id): str(message.string)
        for message in catalog
        if message.id and isinstance(message.id, str) and message.string and not message.fuzzy
    }


def _plurals(catalog: Catalog) -> dict[str, tuple[str, ...]]:
    found = {}
    for message in catalog:
        if isinstance(message.id, (tuple, list)) and not message.fuzzy:
            forms = tuple(str(form) for form in message.string or ())
            if forms and all(forms):
                found[str(message.id[0])] = forms
    return found


@cache
def _plural_index(rule: str) -> Callable[[int], int]:
    import gettext

    return gettext.c2py(rule)


@cache
def translator(language: str | None) -> Translator:
    """Return the translator for `language` (English for None or a language without catalogs)."""
    language = language or SOURCE_LANGUAGE
    messages: dict[str, str] = {}
    plurals: dict[str, tuple[str, ...]] = {}
    rule = ENGLISH_PLURALS
    if language != SOURCE_LANGUAGE:
        for path in sorted((LOCALES / language / "LC_MESSAGES").glob("*.po")):
            catalog = _read_po(path, language)
            messages.update(_messages(catalog))
            plurals.update(_plurals(catalog))
            rule = catalog.plural_expr
    return Translator(language if _known(language) else SOURCE_LANGUAGE, messages, plurals, rule)


def _known(language: str) -> bool:
    if language == SOURCE_LANGUAGE:
        return True  # the words' own language: no locale data to look up
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(language)
    except (UnknownLocaleError, ValueError):
        return False
    return True
