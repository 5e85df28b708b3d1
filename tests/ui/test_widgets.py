"""Every field type has a widget, and user text is shown exactly as typed."""

from __future__ import annotations

import pytest

from campaign.fields import FIELD_TYPES
from ui.field_widgets import draw_widget
from ui.text import escape_markdown


@pytest.mark.parametrize("field_type", sorted(FIELD_TYPES))
def test_every_field_type_has_a_widget(field_type: str) -> None:
    assert draw_widget.handles(FIELD_TYPES[field_type])


def test_no_widget_for_an_unknown_field_type() -> None:
    assert set(draw_widget.handlers) == set(FIELD_TYPES.values())


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        "[click](http://x.example)",
        "![img](http://x.example/a.png)",
        "**bold** _it_",
        "$x$ :red[y]",
    ],
)
def test_markdown_in_answers_is_escaped(text: str) -> None:
    escaped = escape_markdown(text)
    for mark in "<[]!*_$:":
        assert all(escaped[i - 1] == "\\" for i, c in enumerate(escaped) if c == mark and i > 0)
