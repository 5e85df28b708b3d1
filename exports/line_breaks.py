"""Where a line of laid-out text may break: at spaces, between CJK characters, never before a closing mark or
after an opening one (UAX #14's rules for those classes), never inside a combining sequence."""

from __future__ import annotations

import unicodedata

# UAX #14 classes CL, CP, EX, IS, NS (CJK closing marks, small kana) must not start a line; OP must not end one
NO_LINE_START = set("。、，．：；！？）］｝〕〉》」』】〙〗〟’”｠»‐゠–〜～・ー々〻ヽヾゝゞ‼⁇⁈⁉%‰℃")
NO_LINE_START |= set("ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ")  # small kana (class CJ, strict rules)
NO_LINE_END = set("（［｛〔〈《「『【〘〖〝‘“｟«")


def is_cjk(char: str) -> bool:
    """Return True for a CJK ideograph, kana, hangul or full-width form: a line may break on either side of one."""
    code = ord(char)
    return 0x2E80 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0xFF00 <= code <= 0xFFEF or code >= 0x20000


def break_lines(text: str, advances: list[float], span: tuple[int, int], room: float) -> list[tuple[int, int]]:
    """Return (start, end) of each line of text[span], trailing spaces left out, greedy at allowed breaks."""
    lines: list[tuple[int, int]] = []
    start, stop = span
    while start < stop:
        width, end, best = 0.0, start, None
        while end < stop and text[end] != "\n":
            if end > start and _may_break_before(text, end):
                best = end
            width += advances[end]
            if width > room and end > start and text[end] != " ":
                break
            end += 1
        else:
            best = end
        if best is None or best <= start:  # no allowed break fits: cut the word where it overflows
            best = max(end, start + 1)
            while best < stop and unicodedata.category(text[best])[0] == "M":
                best += 1
        line_end = best
        while line_end > start and text[line_end - 1] in " \n":
            line_end -= 1
        lines.append((start, line_end))
        start = best
        while start < stop and text[start] in " \n":
            if text[start] == "\n":
                start += 1
                break
            start += 1
    return lines


def _may_break_before(text: str, index: int) -> bool:
    before, after = text[index - 1], text[index]
    if after == " " or unicodedata.category(after)[0] == "M" or after in "\u200d\u200c":
        return False
    if before == " ":
        return True
    if after in NO_LINE_START or before in NO_LINE_END:
        return False
    return is_cjk(before) or is_cjk(after)
