"""Adding a field type, rehearsed with a throwaway `rating` type: the concerns it must register are named, then met.

This is the check behind docs/field-types.md: the list of concerns there is the list a new type is asked for.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal

import pytest

from campaign.dispatch import CONCERNS, check_field_type, missing_concerns
from campaign.fields import FIELD_TYPES, FieldBase
from tests.campaign.test_field_types import _import_everything

DOC = Path(__file__).resolve().parents[2] / "docs" / "field-types.md"

_import_everything()


class RatingField(FieldBase):
    """A pretend type: a number of stars."""

    type: Literal["rating"]
    stars: int = 5


@pytest.fixture
def rating(monkeypatch: pytest.MonkeyPatch) -> Iterator[type[RatingField]]:
    monkeypatch.setitem(FIELD_TYPES, "rating", RatingField)
    yield RatingField
    for concern in CONCERNS.values():
        concern.handlers.pop(RatingField, None)


def _documented_concerns() -> set[str]:
    """Return the concern names the doc's table lists (its first column, in backquotes)."""
    return set(re.findall(r"^\| `([^`]+)` \|", DOC.read_text(encoding="utf-8"), flags=re.MULTILINE))


def test_a_new_type_is_told_each_concern_it_lacks(rating: type[RatingField]) -> None:
    field_concerns = sorted(name for name, concern in CONCERNS.items() if not concern.columns_only)
    assert missing_concerns(rating) == field_concerns
    with pytest.raises(NotImplementedError) as refused:
        check_field_type(rating)
    message = str(refused.value)
    assert f"lacks {len(field_concerns)} concern(s)" in message
    for name in field_concerns:
        assert f"- {name}: no handler for the field type RatingField" in message
        assert f"@{CONCERNS[name].function_name}.register(RatingField)" in message
    # the parametrised test over every type now fails for each of them, with the same words
    assert all("rating" in CONCERNS[name].missing() for name in field_concerns)


def test_a_new_column_type_is_also_told_the_column_concerns(rating: type[RatingField]) -> None:
    column_concerns = {name for name, concern in CONCERNS.items() if concern.columns_only}
    assert column_concerns  # the grid and the plan's tables size their columns by type
    assert set(missing_concerns(rating, column=True)) == set(CONCERNS)


def test_once_every_concern_is_registered_the_type_is_complete(rating: type[RatingField]) -> None:
    def handler(field: FieldBase, *args: Any, **kwargs: Any) -> str:
        return "stars"

    for name in missing_concerns(rating):
        CONCERNS[name].register(rating)(handler)
    check_field_type(rating)
    assert all("rating" not in CONCERNS[name].missing() for name in CONCERNS if not CONCERNS[name].columns_only)
    field = rating(id="r", label="Rating", type="rating")
    assert CONCERNS["widget"](field, None) == "stars"


def test_calling_a_concern_for_a_type_without_handler_names_the_concern(rating: type[RatingField]) -> None:
    with pytest.raises(NotImplementedError, match=r"widget: no handler for the field type RatingField"):
        CONCERNS["widget"](rating(id="r", label="Rating", type="rating"), None)


def test_the_doc_lists_every_concern() -> None:
    documented = _documented_concerns()
    assert documented == set(CONCERNS), (
        f"docs/field-types.md lists {sorted(documented)}; the code declares {sorted(CONCERNS)}: "
        "add a row to its table for each new concern (and drop removed ones)"
    )
