"""A worksheet's guidance, written in a little Markdown, as paragraphs and lists to print."""

from __future__ import annotations

import re

from exports.document import BulletList, Inline, Paragraph, Span
from exports.wording import clean

_BOLD = re.compile(r"\*\*(.+?)\*\*")


def guidance_blocks(markdown: str) -> list[Paragraph | BulletList]:
    """Return a worksheet's guidance (paragraphs, "- " lists and **bold**) as plan blocks."""
    blocks: list[Paragraph | BulletList] = []
    for chunk in re.split(r"\n\s*\n", clean(markdown)):
        text: list[str] = []
        items: list[str] = []
        for line in (line.strip() for line in chunk.splitlines()):
            if line.startswith("- "):
                items.append(line[2:])
            elif items:
                items[-1] += " " + line  # a list item wrapped onto the next line
            elif line:
                text.append(line)
        if text:
            blocks.append(Paragraph(_spans(" ".join(text))))
        if items:
            blocks.append(BulletList(tuple(_spans(item) for item in items)))
    return blocks


def _spans(text: str) -> Inline:
    parts = _BOLD.split(text)
    return tuple(Span(part, bold=index % 2 == 1) for index, part in enumerate(parts) if part)
