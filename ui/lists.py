"""A list answer: one input per item, a remove button beside each, and an input that adds the next item."""

from __future__ import annotations

import streamlit as st

from campaign.fields import ListField
from campaign.text import clean_text
from ui import state
from ui.language import ui_translator
from ui.widgets import Slot, help_text, label, seed


def render_list(slot: Slot) -> None:
    """Draw the items of a list answer so each can be edited or removed, and one more added."""
    definition = slot.definition
    assert isinstance(definition, ListField)
    items = [str(item) for item in slot.value or []]
    st.markdown(label(definition), help=help_text(definition))
    noun = definition.item_label
    t = ui_translator()
    for number, item in enumerate(items):
        key = f"{slot.key}.{number}"
        seed(key, item)
        with st.container(horizontal=True, gap="small", vertical_alignment="center"):
            st.text_input(
                f"{noun} {number + 1}",
                key=key,
                max_chars=definition.max_length,
                label_visibility="collapsed",
                on_change=_edit_item,
                args=(slot, number),
            )
            st.button(
                "",
                icon=":material/close:",
                key=f"{key}.remove",
                help=t("Remove {item} {number}", item=noun.lower(), number=number + 1),
                on_click=_remove_item,
                args=(slot, number),
                type="tertiary",
            )
    if len(items) < definition.max_items:
        st.text_input(
            t("Add {item}", item=noun.lower()) if items else t("First {item}", item=noun.lower()),
            key=f"{slot.key}.new",
            max_chars=definition.max_length,
            placeholder=t("Type, then press Enter to add it to the list"),
            on_change=_add_item,
            args=(slot,),
        )
    else:
        st.caption(t("The list is full ({count} items).", count=definition.max_items))


def _items(slot: Slot) -> list[str]:
    return [str(item) for item in slot.current() or []]


def _store(slot: Slot, items: list[str]) -> None:
    slot.commit([item for item in items if item.strip()])
    state.forget_widgets(f"{slot.key}.")  # numbering may have shifted: refill the inputs from the answer


def _edit_item(slot: Slot, number: int) -> None:
    items = _items(slot)
    items[number] = clean_text(st.session_state[f"{slot.key}.{number}"] or "")
    _store(slot, items)


def _remove_item(slot: Slot, number: int) -> None:
    items = _items(slot)
    del items[number]
    _store(slot, items)


def _add_item(slot: Slot) -> None:
    new = clean_text(st.session_state[f"{slot.key}.new"] or "")
    if new.strip():
        _store(slot, [*_items(slot), new])
