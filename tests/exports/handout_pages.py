"""Reading printed handouts back with pdfplumber: where each heading, label, ruled line and tick box landed."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

import pdfplumber

from exports import brand
from exports.handouts.model import Handouts, Lines, Question, TableSpace

LABEL_SIZE = 10.2  # points: bold text larger than this is a heading, a label or a block title, never guidance
WRITING_LINE = 100.0  # points: a ruled line at least this long is a line to write on
BOX = "\u2610"


@dataclass
class Page:
    number: int  # 1-based, in the whole file
    height: float
    words: list[dict]  # in reading order, with fontname and size
    rules: list[float]  # tops of the lines to write on, in the body of the page
    boxes: list[float]  # tops of the tick boxes
    bottom: float  # lowest point of anything in the body (the frame's top when the body is empty)
    header: str  # the words above the body
    footer: str  # the words below the body


@dataclass
class Mark:
    """One expected heading, block title or question label, and where it was found."""

    text: str
    question: Question | None = None
    page: int = 0
    top: float = 0.0
    bottom: float = 0.0
    rules: list[tuple[int, float]] = field(default_factory=list)  # writing lines until the next mark
    boxes: list[tuple[int, float]] = field(default_factory=list)


def read_pages(data: bytes, paper: str) -> list[Page]:
    """Return every page's words, writing lines, tick boxes and how far down its body is filled."""
    height = brand.page_size(paper)[1]  # type: ignore[arg-type]
    body_top, body_bottom = brand.MARGIN_TOP - 2, height - brand.MARGIN_BOTTOM + 2
    pages = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            words = page.extract_words(extra_attrs=["fontname", "size"], keep_blank_chars=False)
            words.sort(key=lambda word: (round(word["top"]), word["x0"]))
            body = [word for word in words if body_top <= word["top"] and word["bottom"] <= body_bottom]
            rules = sorted(
                line["top"]
                for line in page.lines
                if body_top <= line["top"] <= body_bottom and line["x1"] - line["x0"] >= WRITING_LINE
            )
            boxes = sorted(char["top"] for char in page.chars if char["text"] == BOX)
            bottoms = [word["bottom"] for word in body] + rules
            bottoms += [rect["bottom"] for rect in page.rects if rect["top"] >= body_top]
            pages.append(
                Page(
                    number,
                    height,
                    body,
                    rules,
                    boxes,
                    max(bottoms, default=body_top),
                    " ".join(word["text"] for word in words if word["top"] < body_top),
                    " ".join(word["text"] for word in words if word["bottom"] > body_bottom),
                )
            )
    return pages


def expected_marks(handouts: Handouts) -> list[Mark]:
    """Return, in reading order, every bold heading, block title and question label the handouts print."""
    marks: list[Mark] = []
    for sheet in handouts.all_sheets():
        marks.append(Mark(sheet.heading))
        for item in sheet.items:
            if isinstance(item, TableSpace):
                marks.append(Mark(item.label))
                for block in item.blocks:
                    marks.append(Mark(block.title))
                    marks += [Mark(question.label, question) for question in block.questions]
            else:
                marks.append(Mark(item.label, item))
        if sheet.number == 0:
            marks.append(Mark(handouts.contents_title))
    return marks


def is_label_word(word: dict) -> bool:
    """Return True for a word of a heading, label or block title: bold and larger than guidance text."""
    return "Bold" in word["fontname"] and word["size"] > LABEL_SIZE


def locate(marks: list[Mark], pages: list[Page]) -> list[Mark]:
    """Find each mark in order as whole words, fill in its page and position, and give it the writing lines and
    tick boxes below it up to the next mark. Raise AssertionError naming the first mark not found."""
    stream = [(page.number, word) for page in pages for word in page.words if is_label_word(word)]
    cursor = 0
    for mark in marks:
        wanted = mark.text.split()
        while cursor < len(stream):
            found = [word["text"] for _, word in stream[cursor : cursor + len(wanted)]]
            if found == wanted:
                break
            cursor += 1
        else:
            raise AssertionError(f"not found as whole words, in order: {mark.text!r}")
        first, last = stream[cursor], stream[cursor + len(wanted) - 1]
        mark.page, mark.top, mark.bottom = first[0], first[1]["top"], last[1]["bottom"]
        cursor += len(wanted)
    by_number = {page.number: page for page in pages}
    for mark, following in zip(marks, [*marks[1:], None], strict=True):
        end = (following.page, following.top) if following else (len(pages), 10_000.0)
        for number in range(mark.page, end[0] + 1):
            page = by_number[number]
            start = mark.bottom if number == mark.page else 0.0
            stop = end[1] if number == end[0] else 10_000.0
            mark.rules += [(number, top) for top in page.rules if start < top < stop]
            mark.boxes += [(number, top) for top in page.boxes if start < top < stop]
    return marks


def lines_of(mark: Mark) -> int:
    """Return how many lines to write on a mark's question got in print."""
    return len(mark.rules)


def footer_numbers(page: Page, page_label: str) -> tuple[int, int]:
    """Return the page's "page x of y" numbers, read from its footer in the handouts' language."""
    pattern = re.escape(page_label).replace(r"\{page\}", r"(\d+)").replace(r"\{pages\}", r"(\d+)")
    match = re.search(pattern.replace(r"\ ", r"\s+"), page.footer)
    assert match, f"page {page.number} has no page count in its footer: {page.footer!r}"
    return int(match.group(1)), int(match.group(2))


def is_ruled(question: Question | None) -> bool:
    return question is not None and isinstance(question.space, Lines)
