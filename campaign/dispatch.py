"""A field type's one extension point: per concern, a dispatch on the field's class with no silent default."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from campaign.fields import FIELD_TYPES, FieldBase

F = TypeVar("F", bound=Callable[..., Any])
COLUMN_TYPES = ("text", "long_text", "choice", "multi_choice", "date", "number", "reference")


class Concern:
    """One thing every field type must say how to do (its widget, its printed form, its answer text...)."""

    def __init__(self, name: str, function: Callable[..., Any], types: tuple[str, ...]) -> None:
        self.name = name
        self.types = types
        self.dispatch = functools.singledispatch(self._missing)
        functools.update_wrapper(self, function)

    def _missing(self, field: object, *args: Any, **kwargs: Any) -> Any:
        raise NotImplementedError(f"{self.name}: no handler for the field type {type(field).__name__}")

    def register(self, *classes: type[FieldBase]) -> Callable[[F], F]:
        """Register the decorated function for each of `classes` (each class named explicitly, never inherited)."""

        def add(handler: F) -> F:
            for cls in classes:
                self.dispatch.register(cls, handler)
            return handler

        return add

    def __call__(self, field: FieldBase, *args: Any, **kwargs: Any) -> Any:
        handler = self.dispatch.registry.get(type(field))
        if handler is None:
            return self._missing(field)
        return handler(field, *args, **kwargs)

    def missing(self) -> list[str]:
        """Return the field types this concern must cover but has no handler for."""
        return [name for name in self.types if FIELD_TYPES[name] not in self.dispatch.registry]


CONCERNS: dict[str, Concern] = {}


def per_field_type(name: str, *, columns_only: bool = False) -> Callable[[Callable[..., Any]], Concern]:
    """Make the decorated function a concern dispatched on the field's exact class.

    Register handlers with `@concern.register(TextField, LongTextField)`. Calling it for a class with no handler
    raises (no fallback to a parent class or a default), and `tests/campaign/test_field_types.py` fails for any
    concern that does not cover every type. `columns_only` concerns cover only the types a table column may have.
    """

    def make(function: Callable[..., Any]) -> Concern:
        if name in CONCERNS:
            raise ValueError(f"the concern {name!r} is declared twice")
        concern = Concern(name, function, COLUMN_TYPES if columns_only else tuple(FIELD_TYPES))
        CONCERNS[name] = concern
        return concern

    return make
