"""Every concern declared with `per_field_type` has a handler for every field type: no silent default."""

from __future__ import annotations

import importlib
import pkgutil

import pytest

import campaign
import exports
import ui
from campaign.dispatch import CONCERNS, per_field_type
from campaign.fields import FIELD_TYPES, ChoiceField, MultiChoiceField, TextField


def _import_everything() -> None:
    for package in (campaign, exports, ui):
        for module in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            if not module.name.endswith("__main__"):
                importlib.import_module(module.name)


_import_everything()


@pytest.mark.parametrize("concern", sorted(CONCERNS), ids=str)
@pytest.mark.parametrize("type_name", sorted(FIELD_TYPES), ids=str)
def test_every_concern_handles_every_field_type(concern: str, type_name: str) -> None:
    declared = CONCERNS[concern]
    if type_name not in declared.types:
        pytest.skip(f"{concern} covers table columns only")
    assert declared.handles(FIELD_TYPES[type_name]), declared.missing_message(FIELD_TYPES[type_name])


def test_a_type_without_handler_is_refused_not_defaulted() -> None:
    @per_field_type("test: choice words")
    def words(field: object) -> str:
        raise AssertionError("never called")

    try:

        @words.register(ChoiceField)
        def _choice(field: ChoiceField) -> str:
            return "choice"

        choice = ChoiceField(id="c", label="C", type="choice", choices=[{"id": "a", "label": "A"}])
        multi = MultiChoiceField(id="m", label="M", type="multi_choice", choices=[{"id": "a", "label": "A"}])
        assert words(choice) == "choice"
        with pytest.raises(NotImplementedError, match="MultiChoiceField"):
            words(multi)  # a subclass does not inherit its parent's handler
        with pytest.raises(NotImplementedError, match="TextField"):
            words(TextField(id="t", label="T", type="text"))
        assert "multi_choice" in words.missing() and "choice" not in words.missing()
    finally:
        CONCERNS.pop("test: choice words")
