"""A list answer: one answer box per item with a remove button, and an empty box below that is the next item.

Every box stores what is typed after a pause, like any answer. The empty box at the end is item N+1 under
the same widget key it keeps once it holds text, so the box being typed in is never swapped for another
one; Enter moves to the next box. There is no separate "add" box whose text could be added twice.
"""

from __future__ import annotations

from functools import partial

import streamlit as st

from campaign import Campaign, ListField, clean_text
from ui import state
from ui.answer_box import Box, render_box
from ui.language import ui_translator
from ui.slot import Slot, draw_widget, help_text, label
from ui.text import escape_markdown


@draw_widget.register(ListField)
def render_list(definition: ListField, slot: Slot) -> None:
    """Draw the items of a list answer so each can be edited or removed, and one more added."""
    items = [str(item) for item in slot.value or []]
    st.markdown(label(definition), help=help_text(definition))
    noun = definition.item_label
    t = ui_translator()
    slots = len(items) + (1 if len(items) < definition.max_items else 0)
    for number in range(slots):
        key = f"{slot.key}.{number}"
        new = number == len(items)
        with st.container(horizontal=True, gap="small", vertical_alignment="center", key=f"list-{key}"):
            render_box(
                Box(
                    key=key,
                    kind="line",
                    label=f"{noun} {number + 1}",
                    value="" if new else items[number],
                    take=partial(_put_item, slot, number),
                    placeholder=(t("Add {item}", item=noun.lower()) if items else t("First {item}", item=noun.lower()))
                    if new
                    else None,
                    max_chars=definition.max_length,
                    label_visibility="collapsed",
                    next=f"{slot.key}.{number + 1}",
                    blank_waits=True,
                )
            )
            removal = t("Remove {item} {number}", item=noun.lower(), number=number + 1)
            with st.container(key=f"icon-only-{key}", width="content"):  # named in words, shown as × (ui/app.py)
                st.button(
                    escape_markdown(removal),
                    icon=":material/close:",
                    key=f"{key}.remove",
                    help=removal,
                    on_click=_remove_item,
                    args=(slot, number),
                    type="tertiary",
                    disabled=new,
                )
    if len(items) >= definition.max_items:
        st.caption(t("The list is full ({count} items).", count=definition.max_items))


def _items(slot: Slot) -> list[str]:
    return [str(item) for item in slot.current() or []]


def _put_item(slot: Slot, number: int, text: str) -> None:
    """Store `text` as item `number` (one past the end adds it; blank text removes the item)."""
    items = _items(slot)
    text = clean_text(text)
    if number < len(items):
        items[number] = text
    elif text.strip():
        items.append(text)
    slot.commit([item for item in items if item.strip()])


def _remove_item(slot: Slot, number: int) -> None:
    items = _items(slot)
    if number >= len(items):
        return
    removed = items.pop(number)
    slot.commit(items)
    space = state.workspace()
    if space is not None:
        said = ui_translator()("Removed “{item}”.", item=removed[:60])
        space.undo = state.Undo(slot.path, lambda campaign: _put_back(campaign, slot.path, number, removed), said)


def _put_back(campaign: Campaign, path: str, number: int, item: str) -> None:
    sheet, field = path.split(".")
    items = list(campaign.answer(sheet, field) or [])
    items.insert(min(number, len(items)), item)
    campaign.set_answer(sheet, field, items)
