"""A field type's one extension point: per concern, a dispatch on the field's class with no silent default."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar, get_args

from campaign.fields import FIELD_TYPES, ColumnDefinition, FieldBase

F = TypeVar("F", bound=Callable[..., Any])


def column_types() -> tuple[str, ...]:
    """Return the field types a table column may have, read from the model's `ColumnDefinition`."""
    classes = get_args(get_args(ColumnDefinition)[0])
    return tuple(name for name, cls in FIELD_TYPES.items() if cls in classes)


class Concern:
    """One thing every field type must say how to do (its widget, its printed form, its answer text...)."""

    def __init__(self, name: str, function: Callable[..., Any], *, columns_only: bool) -> None:
        self.name = name
        self.columns_only = columns_only
        self.handlers: dict[type[FieldBase], Callable[..., Any]] = {}
        self.function_name = function.__name__
        self.where = f"{function.__module__}.{function.__qualname__}"
        functools.update_wrapper(self, function)

    @property
    def types(self) -> tuple[str, ...]:
        """Return the names of the field types this concern must cover (all, or those a column may have)."""
        return column_types() if self.columns_only else tuple(FIELD_TYPES)

    def register(self, *classes: type[FieldBase]) -> Callable[[F], F]:
        """Register the decorated function for each of `classes` (each class named explicitly, never inherited)."""

        def add(handler: F) -> F:
            for cls in classes:
                if cls in self.handlers:
                    raise ValueError(f"{self.name}: {cls.__name__} has two handlers")
                self.handlers[cls] = handler
            return handler

        return add

    def handles(self, cls: type[FieldBase]) -> bool:
        """Return True when `cls` itself (not a parent class) has a handler."""
        return cls in self.handlers

    def __call__(self, field: FieldBase, *args: Any, **kwargs: Any) -> Any:
        handler = self.handlers.get(type(field))
        if handler is None:
            raise NotImplementedError(self.missing_message(type(field)))
        return handler(field, *args, **kwargs)

    def missing(self) -> list[str]:
        """Return the field types this concern must cover but has no handler for."""
        return [name for name in self.types if not self.handles(FIELD_TYPES[name])]

    def missing_message(self, cls: type[FieldBase]) -> str:
        """Return what to do when `cls` has no handler: which concern, and where it is declared."""
        return (
            f"{self.name}: no handler for the field type {cls.__name__}; register one with "
            f"@{self.function_name}.register({cls.__name__}) (declared in {self.where}; see docs/field-types.md)"
        )


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
        concern = Concern(name, function, columns_only=columns_only)
        CONCERNS[name] = concern
        return concern

    return make


def missing_concerns(cls: type[FieldBase], *, column: bool = False) -> list[str]:
    """Return the concerns a field type `cls` has no handler for (those of columns too when it may be a column)."""
    return sorted(
        name for name, concern in CONCERNS.items() if (column or not concern.columns_only) and not concern.handles(cls)
    )


def check_field_type(cls: type[FieldBase], *, column: bool = False) -> None:
    """Raise, naming each concern and where it is declared, unless `cls` has a handler for every concern."""
    missing = missing_concerns(cls, column=column)
    if missing:
        lines = "\n".join(f"- {CONCERNS[name].missing_message(cls)}" for name in missing)
        raise NotImplementedError(f"the field type {cls.__name__} lacks {len(missing)} concern(s):\n{lines}")
