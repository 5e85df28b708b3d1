"""The vendored fonts: which one draws each character, and their one-time registration with reportlab."""

from __future__ import annotations

import json
import re
import threading
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache
from itertools import chain
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont

FONT_DIR = Path(__file__).resolve().parent / "fonts"


@dataclass(frozen=True)
class Face:
    """One vendored typeface: its files, and how text in it must be laid out."""

    name: str  # the reportlab font name of the regular weight
    family: str  # the name a word processor knows the font by
    regular: str  # file in FONT_DIR
    bold: str  # file in FONT_DIR; the regular file again when the font has no bold
    shaping: bool = False  # needs HarfBuzz shaping (joined letters, reordered vowel signs)
    rtl: bool = False

    @property
    def bold_name(self) -> str:
        """The reportlab name of the bold weight: the regular one when the font has no bold file of its own."""
        return self.name if self.bold == self.regular else f"{self.name}-Bold"

    def path(self, *, bold: bool = False) -> Path:
        return FONT_DIR / (self.bold if bold else self.regular)


LATIN = Face("NotoSans", "Noto Sans", "NotoSans-Regular.ttf", "NotoSans-Bold.ttf")  # also Greek, Cyrillic
ARABIC = Face(
    "NotoSansArabic",
    "Noto Sans Arabic",
    "NotoSansArabic-Regular.ttf",
    "NotoSansArabic-Bold.ttf",
    shaping=True,
    rtl=True,
)
DEVANAGARI = Face(
    "NotoSansDevanagari",
    "Noto Sans Devanagari",
    "NotoSansDevanagari-Regular.ttf",
    "NotoSansDevanagari-Bold.ttf",
    shaping=True,
)
ETHIOPIC = Face("NotoSansEthiopic", "Noto Sans Ethiopic", "NotoSansEthiopic-Regular.ttf", "NotoSansEthiopic-Bold.ttf")
CJK = Face("DroidSansFallback", "Droid Sans Fallback", "DroidSansFallbackFull.ttf", "DroidSansFallbackFull.ttf")
SYMBOLS = Face("SymbolaEmoji", "Symbola", "Symbola-Emoji.ttf", "Symbola-Emoji.ttf")  # monochrome emoji and symbols

# The first face that has a glyph draws a letter; CJK comes late because its font also holds some Latin.
FACES: tuple[Face, ...] = (LATIN, ARABIC, DEVANAGARI, ETHIOPIC, CJK, SYMBOLS)

Run = tuple[Face, str]


COVERAGE_FILE = FONT_DIR / "coverage.json"  # each font's code points as ranges: `python -m exports.fonts` writes it


@cache
def coverage(face: Face) -> frozenset[int]:
    """Return the code points `face` has glyphs for, from the coverage file while it matches the font's size.

    Reading a cmap with fontTools took a third of a second (the CJK font's alone 0.27 s) of every cold export.
    """
    ranges = _ranges(face)
    if ranges is not None:  # the ranges chained in C: a generator over every code point cost a few ms
        return frozenset(chain.from_iterable(map(range, ranges[0], [last + 1 for last in ranges[1]])))
    return cmap_coverage(face)


def has_glyph(face: Face, code: int) -> bool:
    """Return True when `face` draws the character `code`: a look-up in the coverage file's ranges, so that asking
    the faces in turn for one symbol does not build the sets of all of them (the CJK one alone holds 30,000)."""
    ranges = _ranges(face)
    if ranges is None:
        return code in coverage(face)
    index = bisect_right(ranges[0], code) - 1
    return index >= 0 and code <= ranges[1][index]


@cache
def _ranges(face: Face) -> tuple[list[int], list[int]] | None:
    """Return the first and last code points of `face`'s ranges in the coverage file, or None when the file does
    not match the font (its size differs)."""
    known = _coverage_file().get(face.regular)
    if known is None or known["size"] != face.path().stat().st_size:
        return None
    return [first for first, _ in known["ranges"]], [last for _, last in known["ranges"]]


def cmap_coverage(face: Face) -> frozenset[int]:
    """Return the code points `face` has glyphs for, read from the font's cmap."""
    from fontTools.ttLib import TTFont as FontFile  # only without a matching coverage file

    with FontFile(face.path(), lazy=True) as font:
        return frozenset(font.getBestCmap())


@cache
def _coverage_file() -> dict[str, dict]:
    try:
        return json.loads(COVERAGE_FILE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def write_coverage_file() -> None:
    """Write each vendored face's code points, as ranges, to the coverage file."""
    entries = {}
    for face in FACES:
        codes = sorted(cmap_coverage(face))
        ranges: list[list[int]] = []
        for code in codes:
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1][1] = code
            else:
                ranges.append([code, code])
        entries[face.regular] = {"size": face.path().stat().st_size, "ranges": ranges}
    COVERAGE_FILE.write_text(json.dumps(entries, separators=(",", ":")) + "\n", encoding="utf-8")


@cache
def _characters(face: Face) -> frozenset[str]:
    return frozenset(map(chr, coverage(face)))


@cache
def face_for(char: str) -> Face | None:
    """Return the first vendored face that has a glyph for `char`, or None."""
    code = ord(char)
    return next((face for face in FACES if has_glyph(face, code)), None)


def uncovered(text: str) -> set[str]:
    """Return the characters of `text` that no vendored face can draw (they print as empty boxes)."""
    return {char for char in set(text) if not char.isspace() and face_for(char) is None}


def split_runs(text: str) -> list[Run]:
    """Return `text` cut into runs that one face can draw each, in reading order, losing no character.

    Letters go to the first face that draws them; spaces, digits, punctuation, marks and joiners stay
    in the current run when its face draws them, so a right-to-left or shaped run is not broken up.
    """
    latin = _characters(LATIN)
    # a character no face draws (a line break) joins the run it is in, so it leaves a Latin text one run
    if latin.issuperset(text) or all(char in latin or face_for(char) is None for char in set(text)):
        return [(LATIN, text)] if text else []
    return runs_by_character(text)


def runs_by_character(text: str) -> list[Run]:
    """Return `text` cut into runs as `split_runs` does, deciding the face of each character in turn."""
    runs: list[Run] = []
    current: Face | None = None
    start = 0
    for index, char in enumerate(text):
        face = _face_in_context(char, current)
        if face is not current:
            if current is not None and index > start:
                runs.append((current, text[start:index]))
            current, start = face, index
    if current is not None:
        runs.append((current, text[start:]))
    return runs


def _face_in_context(char: str, current: Face | None) -> Face:
    category = unicodedata.category(char)
    if current is not None:
        if category[0] == "M":  # combining marks and variation selectors belong to the character before,
            # unless its face cannot draw them and another face can (a kana voicing mark after a digit)
            return current if has_glyph(current, ord(char)) else face_for(char) or current
        if category[0] != "L" and has_glyph(current, ord(char)):
            return current
        if category == "Cf":  # a joiner the current face lacks: any face that has it keeps it in the text
            return face_for(char) or current
    return face_for(char) or current or LATIN


def is_rtl(text: str, *, plan_rtl: bool = False) -> bool:
    """Return True when `text` is a right-to-left paragraph.

    In a plan whose language is right to left (`plan_rtl`), any text with a right-to-left letter, or with no
    letter at all (a number, a date), is; elsewhere the first strongly directional character decides (UAX #9).
    """
    strong = (d for d in map(unicodedata.bidirectional, text) if d in ("L", "R", "AL"))
    if plan_rtl:
        return any(d != "L" for d in strong) or all(unicodedata.bidirectional(char) != "L" for char in text)
    return next(strong, "L") != "L"


REGIONAL_INDICATORS = re.compile("[\U0001f1e6-\U0001f1ff]+")


def printable_flags(text: str) -> str:
    """Return `text` with each flag (a pair of regional indicators, 🇰🇪) as its country code in brackets ([KE]).

    No monochrome font has flags: Symbola draws each indicator as a boxed letter.
    """
    return REGIONAL_INDICATORS.sub(lambda match: _country_codes(match.group()), text)


def _country_codes(indicators: str) -> str:
    letters = "".join(chr(ord(char) - 0x1F1E6 + ord("A")) for char in indicators)
    return "".join(f"[{letters[i : i + 2]}]" for i in range(0, len(letters), 2))


def needs_shaping(runs: list[Run]) -> bool:
    """Return True when any run is in a script that HarfBuzz must shape."""
    return any(face.shaping for face, _ in runs)


_lock = threading.Lock()
_registered: set[str] = set()


def pdf_font(face: Face, *, bold: bool = False) -> str:
    """Return the reportlab name of `face`, registering the face (both weights) on first use."""
    if face.name not in _registered:
        with _lock:
            if face.name not in _registered:
                _register(face)
                _registered.add(face.name)
    return face.bold_name if bold else face.name


def _register(face: Face) -> None:
    _patch_astral_to_unicode()
    pdfmetrics.registerFont(TTFont(face.name, str(face.path())))
    if face.bold_name != face.name:  # a font without a bold (Symbola, Droid's CJK) is read and embedded once
        pdfmetrics.registerFont(TTFont(face.bold_name, str(face.path(bold=True))))
    # <b> inside <font face=...> picks the bold file of that face
    addMapping(face.name, 0, 0, face.name)
    addMapping(face.name, 1, 0, face.bold_name)
    addMapping(face.name, 0, 1, face.name)
    addMapping(face.name, 1, 1, face.bold_name)
    addMapping(face.bold_name, 0, 0, face.name)
    addMapping(face.bold_name, 1, 0, face.bold_name)


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """Return the width in points of `text` set in the vendored faces at `size` (unshaped estimate)."""
    return sum(pdfmetrics.stringWidth(part, pdf_font(face, bold=bold), size) for face, part in split_runs(text))


def header_title(title: str, width: float, size: float = 8) -> str:
    """Return the title cut at a word with "…" so that it fits on one line `width` points wide in the header."""
    if text_width(title, size, bold=True) <= width:
        return title
    words = title.split()
    while len(words) > 1 and text_width(" ".join(words) + "…", size, bold=True) > width:
        words.pop()
    shortened = " ".join(words)
    while shortened and text_width(shortened + "…", size, bold=True) > width:  # one very long word
        shortened = shortened[:-1]
    return shortened.rstrip(" ,;:.–-") + "…"


def _patch_astral_to_unicode() -> None:
    """Make reportlab write characters beyond U+FFFF (emoji) as UTF-16 pairs in the ToUnicode map.

    reportlab 5.1 writes `<1F600>`, which PDF readers reject, so copied or extracted text loses every
    emoji. The fixed map is what the PDF specification asks for; BMP characters are written as before.
    """
    if getattr(ttfonts.makeToUnicodeCMap, "_astral_fixed", False):
        return
    original = ttfonts.makeToUnicodeCMap

    def make_to_unicode_cmap(fontname: str, subset: list[int]) -> str:
        text = original(fontname, subset)
        for code in {code for code in subset if code > 0xFFFF}:
            pair = chr(code).encode("utf-16-be").hex().upper()
            text = text.replace(f"> <{code:04X}>\n", f"> <{pair}>\n")
        return text

    vars(make_to_unicode_cmap)["_astral_fixed"] = True  # marks reportlab's function as patched, once
    ttfonts.makeToUnicodeCMap = make_to_unicode_cmap


if __name__ == "__main__":
    write_coverage_file()
