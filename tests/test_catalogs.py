"""Every interface word exists in every language: a new string without its translations fails here."""

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir, extract_from_file

from campaign.i18n import DOMAINS, LOCALES, interface_languages, read_catalog, read_plurals, translator
from campaign.worksheet import available_languages

ROOT = Path(__file__).resolve().parent.parent
KEYWORDS = {"t": None, "N_": None, "ngettext": (1, 2)}  # the Makefile `messages` target's keywords
LANGUAGES = interface_languages()[1:]  # every language with catalogs: a new one is tested without a code change
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


def extracted(domain: str) -> list[str | tuple[str, ...]]:
    """Return every message the code of `domain` passes to t(...), N_(...) or t.ngettext(...) (a tuple)."""
    found: list[str | tuple[str, ...]] = []
    for source in DOMAINS[domain]:
        path = ROOT / source
        if path.is_file():
            found += [entry[1] for entry in extract_from_file("python", str(path), keywords=KEYWORDS)]
        else:
            method_map = [("**.py", "python")]
            found += [entry[2] for entry in extract_from_dir(str(path), method_map=method_map, keywords=KEYWORDS)]
    return found


def source_messages(domain: str) -> set[str]:
    """Return every message the code of `domain` passes to t(...) or N_(...)."""
    return {message for message in extracted(domain) if isinstance(message, str)}


def source_plurals(domain: str) -> set[tuple[str, ...]]:
    """Return every (singular, plural) the code of `domain` passes to t.ngettext(...)."""
    return {tuple(message) for message in extracted(domain) if isinstance(message, tuple)}


def test_every_language_has_catalogs() -> None:
    assert interface_languages()[0] == "en" and {"es", "fr", "pt"} <= set(interface_languages())


def test_the_worksheets_and_the_interface_speak_the_same_languages() -> None:
    # a plan is written in one language: its worksheet words (overlays) and its own words (catalogs)
    assert set(available_languages()) == set(interface_languages())


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_catalog_entry_is_left_fuzzy(language: str) -> None:
    for path in sorted((LOCALES / language / "LC_MESSAGES").glob("*.po")):
        fuzzy = [
            line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("#,") and "fuzzy" in line
        ]
        assert not fuzzy, f"{path.name}: review the fuzzy entries, then remove the flag"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("domain", sorted(DOMAINS))
def test_every_interface_word_is_translated(domain: str, language: str) -> None:
    messages = source_messages(domain)
    path = LOCALES / language / "LC_MESSAGES" / f"{domain}.po"
    catalog = read_catalog(path, language) if path.is_file() else {}
    missing = sorted(m for m in messages if m not in catalog)
    assert not missing, (
        f"{len(missing)} words of {domain} lack a {language} translation (run `make messages`): {missing[:5]}"
    )
    for message in messages:
        assert set(PLACEHOLDER.findall(message)) == set(PLACEHOLDER.findall(catalog[message])), (language, message)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("domain", sorted(DOMAINS))
def test_every_plural_has_all_its_forms(domain: str, language: str) -> None:
    path = LOCALES / language / "LC_MESSAGES" / f"{domain}.po"
    catalog = read_plurals(path, language) if path.is_file() else {}
    plurals = source_plurals(domain)
    missing = sorted(singular for singular, _ in plurals if singular not in catalog)
    assert not missing, f"{len(missing)} plurals of {domain} lack their {language} forms: {missing[:5]}"
    for singular, plural in plurals:
        for form in catalog[singular]:
            assert set(PLACEHOLDER.findall(form)) <= set(PLACEHOLDER.findall(plural)), (language, singular, form)


def test_an_unknown_language_falls_back_to_english() -> None:
    t = translator("xx")
    assert t("Page {number}", number=3) == "Page 3"
