"""Plural forms through gettext: each language picks its own form for a count (French says "1 groupe", "0 groupe")."""

from __future__ import annotations

import pytest

from campaign.i18n import Translator, translator
from ui.freshness import CAUGHT_UP

GROUPS = ("{count} group", "{count} groups")


@pytest.mark.parametrize(
    ("language", "count", "shown"),
    [
        ("en", 1, "1 group"),
        ("en", 2, "2 groups"),
        ("en", 0, "0 groups"),
        ("fr", 0, "0 groupe"),  # French takes the singular for 0 and 1
        ("fr", 1, "1 groupe"),
        ("fr", 2, "2 groupes"),
        ("es", 0, "0 grupos"),
        ("es", 1, "1 grupo"),
        ("pt", 5, "5 grupos"),
    ],
)
def test_a_count_takes_its_languages_form(language: str, count: int, shown: str) -> None:
    assert translator(language).ngettext(*GROUPS, count) == shown


def test_other_placeholders_are_filled_beside_the_count() -> None:
    t = translator("fr")
    singular = "Built at {time} with {count} group. Prepare it again to include later changes."
    plural = "Built at {time} with {count} groups. Prepare it again to include later changes."
    assert t.ngettext(singular, plural, 1, time="09:30").startswith("Préparé à 09:30 avec 1 groupe.")
    assert t.ngettext(singular, plural, 3, time="09:30").startswith("Préparé à 09:30 avec 3 groupes.")


def test_an_untranslated_plural_falls_back_to_the_english_forms() -> None:
    t = Translator("fr")  # no catalogs at all
    assert (t.ngettext("{count} cat", "{count} cats", 1), t.ngettext("{count} cat", "{count} cats", 0)) == (
        "1 cat",
        "0 cats",
    )


def test_the_caught_up_notice_is_translated() -> None:
    assert translator("es")(CAUGHT_UP).startswith("Ahora se muestran las respuestas guardadas")
