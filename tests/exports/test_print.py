"""Print read the way a reader sees it: word positions, the font drawing each character, line starts."""

from __future__ import annotations

import io
import unicodedata
from functools import cache

import pdfplumber
import pytest
from fontTools.ttLib import TTFont as FontFile

from exports.document import BulletList, Cover, Entry, Heading, KeyValue, Paragraph, PlanDocument, inline
from exports.fonts import FONT_DIR
from exports.pdf import render_pdf

ONE_TO_SIX = "واحد اثنان ثلاثة أربعة خمسة ستة"  # "one two three four five six"
SYMBOLS_AR = '#حملة @وزارة (كلمة) [نص] «اقتباس» "قول" ’نعم’ 70%'
SYMBOLS_HI = '#अभियान @मंत्रालय (शब्द) [पाठ] «उद्धरण» "कथन" ’हाँ’ 70%'


def pdf_of(*blocks: object, title: str = "Plan") -> bytes:
    return render_pdf(PlanDocument(title=title, blocks=tuple(blocks)))  # type: ignore[arg-type]


def body(text: str) -> Paragraph:
    return Paragraph(inline(text))


def lines(pdf: bytes, page: int = 0) -> list[list[dict]]:
    """Return the characters of each line of `page`, top to bottom, each line sorted left to right."""
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        chars = document.pages[page].chars
    return by_line(chars)


def by_line(items: list[dict]) -> list[list[dict]]:
    """Return characters or words grouped in lines (fonts differ in height: within 6 pt), each left to right."""
    rows: list[list[dict]] = []
    for item in sorted(items, key=lambda i: i["bottom"]):
        if rows and abs(rows[-1][0]["bottom"] - item["bottom"]) < 6:
            rows[-1].append(item)
        else:
            rows.append([item])
    return [sorted(row, key=lambda i: i["x0"]) for row in rows]


def words(pdf: bytes, page: int = 0) -> list[list[dict]]:
    """Return the words of each line of `page`, each line sorted left to right (pdfplumber's reading)."""
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        found = document.pages[page].extract_words(extra_attrs=["fontname"], keep_blank_chars=False)
    return by_line(found)


def logical(visual_arabic: str) -> str:
    """Return an Arabic word extracted in visual order (presentation forms) in its logical spelling."""
    return "".join(unicodedata.normalize("NFKC", char) for char in reversed(visual_arabic))


def line_with(pdf: bytes, needle: str) -> list[dict]:
    for line in words(pdf):
        if any(needle in logical(word["text"]) or needle in word["text"] for word in line):
            return line
    raise AssertionError(f"no line holds {needle!r}")


def test_arabic_words_run_right_to_left() -> None:
    line = line_with(pdf_of(body(ONE_TO_SIX)), "واحد")
    right_to_left = [logical(word["text"]) for word in reversed(line)]
    assert right_to_left == ONE_TO_SIX.split()


def test_a_mixed_line_keeps_latin_and_numbers_left_to_right_inside_arabic() -> None:
    # "The plan Plan 2030 starts now": the English name and the year read left to right, in their place
    line = line_with(pdf_of(body("الخطة Plan 2030 تبدأ الآن")), "الخطة")
    x = {logical(word["text"]) if not word["text"].isascii() else word["text"]: word["x0"] for word in line}
    assert x["الآن"] < x["تبدأ"] < x["Plan"] < x["2030"] < x["الخطة"], x


def test_arabic_punctuation_lands_where_an_arabic_reader_expects_it() -> None:
    # "First, second: year 2030." read from the right: each mark on the left of the word it follows
    line = line_with(pdf_of(body("أولا، ثانيا: عام 2030.")), "أولا")
    by_word = {logical(word["text"]): word["text"] for word in line}
    assert by_word["أولا،"][0] == "،" and by_word["ثانيا:"][0] == ":", by_word
    assert line[0]["text"] == ".2030" and [logical(word["text"]) for word in line[1:]] == ["عام", "ثانيا:", "أولا،"]


@cache
def font_cmaps() -> dict[str, set[int]]:
    """Return the cmap of every vendored font file, by its PostScript name."""
    cmaps = {}
    for path in FONT_DIR.glob("*.ttf"):
        with FontFile(path, lazy=True) as font:
            cmaps[font["name"].getDebugName(6)] = set(font.getBestCmap())
    return cmaps


def drawn_without_glyph(pdf: bytes) -> list[tuple[str, str]]:
    """Return (character, font) for every character drawn in a font whose cmap lacks it (an empty box)."""
    boxes = []
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for page in document.pages:
            for char in page.chars:
                font = char["fontname"].split("+", 1)[-1]
                code = ord(char["text"][0]) if char["text"] else 0
                if 0xE000 <= code <= 0xF8FF:  # a shaped ligature HarfBuzz picked from the font itself
                    continue
                if code not in font_cmaps()[font]:
                    boxes.append((char["text"], font))
    return boxes


@pytest.mark.parametrize("text", [SYMBOLS_AR, SYMBOLS_HI], ids=["Arabic", "Hindi"])
def test_symbols_beside_arabic_and_hindi_words_are_drawn_in_a_font_that_has_them(text: str) -> None:
    pdf = pdf_of(
        Cover(kicker="Plan", title=text),
        Heading(text, 2),
        body(text),
        KeyValue(entries=(Entry(text, text),), title=text),
        title=text,
    )
    assert drawn_without_glyph(pdf) == []
    drawn = "".join(c["text"] for line in lines(pdf, 1) for c in line)
    for symbol in '#@()[]«»"’%':
        assert symbol in drawn, symbol


@pytest.mark.parametrize(
    ("text", "face"),
    [
        ("عنوان الحملة", "NotoSansArabic-Bold"),
        ("अभियान का शीर्षक", "NotoSansDevanagari-Bold"),
        ("የዘመቻው ርዕስ", "NotoSansEthiopic-Bold"),
    ],
)
def test_headings_in_every_script_with_a_bold_face_print_bold(text: str, face: str) -> None:
    pdf = pdf_of(Heading(text, 2), KeyValue(entries=(Entry(text, "x"),), title=text))
    fonts = {c["fontname"].split("+", 1)[-1] for line in lines(pdf) for c in line if not c["text"].isspace()}
    fonts -= {"NotoSans-Regular"}  # the running header and footer
    assert face in fonts and not any(name.startswith(face.split("-")[0] + "-Regular") for name in fonts), fonts


NO_LINE_START = "。、，．：；！？）」』】》〉"
NO_LINE_END = "（「『【《〈"


def test_chinese_closing_punctuation_never_starts_a_line() -> None:
    clauses = ["每个儿童", "都应该在家附近", "得到", "一名受过培训的社会工作者", "的帮助", "我们", "呼吁政府"]
    text = "".join(f"{clauses[i % 7] * (1 + i % 3)}{'。、，：；！？'[i % 7]}" for i in range(120))
    text += "「社会工作者」《儿童法》（二〇三〇年）" * 6
    pdf = pdf_of(body(text))
    rows = [line for line in lines(pdf) if line[0]["text"] in "".join(set(text))]
    assert len(rows) > 20
    starts = [line[0]["text"] for line in rows]
    ends = [line[-1]["text"] for line in rows]
    assert not [s for s in starts if s in NO_LINE_START], starts
    assert not [e for e in ends if e in NO_LINE_END], ends


def test_the_cover_rule_sits_where_a_right_to_left_title_starts() -> None:
    with pdfplumber.open(io.BytesIO(pdf_of(Cover(kicker="خطة", title="حملة من أجل الأطفال")))) as document:
        page = document.pages[0]
        rule = next(line for line in page.lines if line["linewidth"] == 2)
        assert rule["x0"] > page.width / 2


def test_the_running_header_and_a_bullet_read_right_to_left_too() -> None:
    pdf = pdf_of(BulletList((inline(ONE_TO_SIX),)), title=ONE_TO_SIX)
    header, item = [line for line in words(pdf) if any(logical(w["text"]) == "واحد" for w in line)][:2]
    for line in (header, item):
        assert [logical(word["text"]) for word in reversed(line) if word["text"] != "•"] == ONE_TO_SIX.split()
    assert item[-1]["text"] == "•"  # the bullet on the right, where the line starts


@pytest.mark.parametrize("in_table", [False, True], ids=["body", "table cell"])
def test_a_long_arabic_paragraph_flows_over_pages_losing_no_word(in_table: bool) -> None:
    text = " ".join([ONE_TO_SIX] * 300)
    block = KeyValue(entries=(Entry("الوصف", text),)) if in_table else body(text)
    pdf = pdf_of(block)
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        assert len(document.pages) >= 2
        found = [w for page in document.pages for w in page.extract_words() if logical(w["text"]) == "واحد"]
        for page in document.pages:
            assert all(c["x0"] >= 0 and c["x1"] <= page.width and c["bottom"] <= page.height for c in page.chars)
    assert len(found) == 300


def test_blank_lines_inside_laid_out_text_are_kept_and_do_not_break_the_export() -> None:
    rows = [line for line in words(pdf_of(body("漢字\n\n  \nمرحبا"))) if line[0]["text"] != "Plan"]
    assert len(rows) == 3  # the two lines of text and the footer; the blank lines are space between them


def test_latin_letters_beside_chinese_are_drawn_one_glyph_each() -> None:
    # "ff" drawn as one ligature glyph read back as "ﬀ": copying or searching the plan then fails
    text = " ".join(char["text"] for line in lines(pdf_of(body("staff 社会工作者 office"))) for char in line)
    assert "ﬀ" not in text and "s t a f f" in text and "o f f i c e" in text
