"""The Markdown renderer: the plan as text, for the on-screen preview and the reviewed golden file."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from exports.document import (
    BLOCK_TYPES,
    BulletList,
    Callout,
    Contents,
    Cover,
    Heading,
    Inline,
    KeyValue,
    PageBreak,
    Paragraph,
    PlanDocument,
    PowerMap,
    Table,
    Timeline,
    WritingLines,
)

# CommonMark lets a backslash escape any ASCII punctuation; these would otherwise format or vanish
_SPECIAL = re.compile(r"([\\`*_\[\]<>|&~])")
# at the start of a line these would open a heading, list, quote or rule
_BLOCK_START = re.compile(r"^([ \t]*)(?:([#+=-])|(\d+)([.)]))", re.MULTILINE)


def escape(text: str, *, block: bool = True) -> str:
    """Return user text Markdown shows literally: no emphasis, links or HTML; with `block`, no headings or lists."""
    text = _SPECIAL.sub(r"\\\1", text)
    if block:
        text = _BLOCK_START.sub(
            lambda m: m.group(1) + (f"\\{m.group(2)}" if m.group(2) else f"{m.group(3)}\\{m.group(4)}"), text
        )
    return text


def _text(text: str) -> str:
    return escape(text).replace("\n", "  \n")


def _inline_text(text: str) -> str:
    # headings and table cells never start a block, so digits and dashes stay as typed there
    return escape(text, block=False).replace("\n", " ")


def _inline(content: Inline) -> str:
    return "".join(
        f"**{_text(span.text)}**" if span.bold and span.text.strip() else _text(span.text) for span in content
    )


def _cell(text: str) -> str:
    return escape(text, block=False).replace("\n", "<br>") if text else " "


def _table(columns: tuple[str, ...], rows: Any, amounts: tuple[int, ...] = ()) -> str:
    rule = "|" + "".join("--:|" if n in amounts else "---|" for n in range(len(columns)))
    lines = ["| " + " | ".join(_cell(c) for c in columns) + " |", rule]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def _cover(block: Cover) -> str:
    lines = [f"*{_text(block.kicker)}*", "", f"# {_inline_text(block.title)}"]
    if block.status:
        lines += ["", f"**{_text(block.status)}**"]
    if block.subtitle:
        lines += ["", f"**{_text(block.subtitle)}**"]
    if block.details:
        lines += [""] + [f"- {_text(label)}: {_text(value)}" for label, value in block.details]
    if block.note:
        lines += ["", f"*{_text(block.note)}*"]
    return "\n".join(lines)


def _contents(block: Contents) -> str:
    return f"## {_inline_text(block.title)}\n\n" + "\n".join(f"- {_text(entry.text)}" for entry in block.entries)


def _heading(block: Heading) -> str:
    return "#" * (block.level + 1) + " " + _inline_text(block.text)


def _paragraph(block: Paragraph) -> str:
    text = _inline(block.content)
    return f"*{text}*" if block.style in ("muted", "missing") else text


def _bullets(block: BulletList) -> str:
    marker = {"bullet": "- {}", "number": "{n}. {}", "box": "- [ ] {}"}[block.marker]
    return "\n".join(marker.format(_inline(item), n=n) for n, item in enumerate(block.items, start=1))


def _key_value(block: KeyValue) -> str:
    lines = [f"**{_text(block.title)}**", ""] if block.title else []
    for entry in block.entries:
        value = f"*{_text(entry.value)}*" if entry.missing else _text(entry.value)
        separator = "  \n" if "\n" in entry.value else " "
        lines.append(f"- **{_text(entry.label)}:**{separator}{value}")
    return "\n".join(lines)


def _grid(block: Table) -> str:
    return _table(block.columns, block.rows, block.amounts)


def _callout(block: Callout) -> str:
    return f"> **{_text(block.title)}**  \n> " + _text(block.text).replace("\n", "\n> ")


def _power_map(block: PowerMap) -> str:
    rows = [
        (f"{point.number}. {point.label}", block.influence_labels[point.influence], block.stance_labels[point.stance])
        for point in block.points
    ]
    caption = f"\n\n*{_text(block.caption)}*" if block.caption else ""
    return f"**{_text(block.title)}**\n\n" + _table(block.table_columns, rows) + caption


def _timeline(block: Timeline) -> str:
    caption = f"\n\n*{_text(block.caption)}*" if block.caption else ""
    rows = [(bar.label, bar.when) for bar in block.bars]
    return f"**{_text(block.title)}**\n\n" + _table(block.table_columns, rows) + caption


def _writing_lines(block: WritingLines) -> str:
    label = f"{_text(block.label)}: " if block.label else ""
    if block.numbered:
        return label + "\n\n" + "\n".join(f"{n}. ______________________________" for n in range(1, block.count + 1))
    return label + "\n\n".join("______________________________" for _ in range(block.count))


def _page_break(block: PageBreak) -> str:
    return "---"


RENDERERS: dict[type, Callable[[Any], str]] = {
    Cover: _cover,
    Contents: _contents,
    Heading: _heading,
    Paragraph: _paragraph,
    BulletList: _bullets,
    KeyValue: _key_value,
    Table: _grid,
    Callout: _callout,
    PowerMap: _power_map,
    Timeline: _timeline,
    WritingLines: _writing_lines,
    PageBreak: _page_break,
}
assert set(RENDERERS) == set(BLOCK_TYPES), "the Markdown renderer must handle every block type"


def render_markdown(document: PlanDocument) -> str:
    """Return the document as CommonMark text with pipe tables; pictures become tables of their data."""
    parts = []
    for block in document.blocks:
        render = RENDERERS.get(type(block))
        if render is None:
            raise TypeError(f"the Markdown renderer has no rule for {type(block).__name__}")
        parts.append(render(block))
    return "\n\n".join(part for part in parts if part) + "\n"
