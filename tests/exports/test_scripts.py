"""Any script: answers in seven languages get real glyphs (no boxes), right-to-left where they should."""

from __future__ import annotations

import io
import unicodedata
from functools import cache

import docx
import pytest
import uharfbuzz as hb
from docx.oxml.ns import qn

from campaign.model import Campaign
from campaign.worksheet import WorksheetPack
from exports.docx import render_docx
from exports.fonts import (
    ARABIC,
    CJK,
    DEVANAGARI,
    ETHIOPIC,
    LATIN,
    SYMBOLS,
    Face,
    coverage,
    is_rtl,
    split_runs,
    uncovered,
)
from exports.pdf import render_pdf
from exports.plan import build_plan
from tests.exports.readers import pdf_body_text, pdf_fonts, squeeze

SAMPLES = {
    "French": "Chaque enfant mérite un travailleur social formé, près de chez lui — c'est notre priorité.",
    "Swahili": "Kila mtoto anastahili mfanyakazi wa ustawi wa jamii aliyefunzwa karibu na nyumbani.",
    "Amharic": "እያንዳንዱ ልጅ በአቅራቢያው የሰለጠነ ማህበራዊ ሰራተኛ ሊኖረው ይገባል።",
    "Arabic": "يستحق كل طفل أخصائيًا اجتماعيًا مدربًا بالقرب من منزله بحلول عام 2030.",
    "Russian": "Каждый ребёнок заслуживает подготовленного социального работника рядом с домом.",
    "Hindi": "हर बच्चे को अपने घर के पास एक प्रशिक्षित सामाजिक कार्यकर्ता मिलना चाहिए।",
    "Chinese": "每个儿童都应该在家附近得到一名受过培训的社会工作者的帮助。",
    "Emoji": "Count us 📢, fund us 👍 ❤ ☑",
}
FACE_OF = {
    "French": LATIN,
    "Swahili": LATIN,
    "Amharic": ETHIOPIC,
    "Arabic": ARABIC,
    "Russian": LATIN,
    "Hindi": DEVANAGARI,
    "Chinese": CJK,
}


@cache
def _harfbuzz(face: Face) -> hb.Font:
    return hb.Font(hb.Face(face.path().read_bytes()))


def glyphs(face: Face, text: str) -> list[int]:
    """Return the glyph ids HarfBuzz picks for `text` in `face` (0 is the empty box, .notdef)."""
    buffer = hb.Buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()
    hb.shape(_harfbuzz(face), buffer)
    return [info.codepoint for info in buffer.glyph_infos]


@pytest.mark.parametrize("language", SAMPLES)
def test_every_character_has_a_glyph_in_the_face_chosen_for_it(language: str) -> None:
    text = SAMPLES[language]
    assert uncovered(text) == set()
    for face, run in split_runs(text):
        assert 0 not in glyphs(face, run), (language, face.name, run)


@pytest.mark.parametrize("language", FACE_OF)
def test_each_script_is_set_in_its_own_font(language: str) -> None:
    faces = {face for face, run in split_runs(SAMPLES[language]) if run.strip(" .,")}
    assert FACE_OF[language] in faces and faces <= {FACE_OF[language], LATIN}


def test_runs_keep_every_character_in_order() -> None:
    text = "Start — عام 2030، नमस्ते 你好 ሰላም 😀 end"
    runs = split_runs(text)
    assert "".join(run for _, run in runs) == text
    # a space stays with the script before it, so a right-to-left or shaped run is not broken up
    assert [face for face, _ in runs] == [LATIN, ARABIC, DEVANAGARI, CJK, ETHIOPIC, SYMBOLS, LATIN]
    assert runs[1][1] == "عام 2030، "


def test_direction_follows_the_first_strong_character() -> None:
    assert is_rtl("2030: " + SAMPLES["Arabic"]) and not is_rtl("Plan: " + SAMPLES["Arabic"]) and not is_rtl("2030")


@pytest.fixture(scope="module")
def multilingual(pack: WorksheetPack) -> tuple[Campaign, bytes, bytes, object]:
    from campaign.example import example_campaign

    campaign = example_campaign(pack)
    campaign.answers["profile"]["problem"] = "\n\n".join(SAMPLES.values())
    campaign.answers["objectives"]["goal"] = SAMPLES["Arabic"]
    audiences = campaign.answers["audiences"]["audiences"]
    for row, language in zip(audiences, ("Arabic", "Russian", "Chinese", "Hindi"), strict=True):
        row["name"] = SAMPLES[language].split()[0] + " " + language  # names in the power map, too
    plan = build_plan(campaign, pack)
    return campaign, render_pdf(plan), render_docx(plan), plan


def test_the_pdf_embeds_a_font_for_every_script(multilingual: tuple) -> None:
    _, pdf, _, _ = multilingual
    assert {"NotoSansArabic-Regular", "NotoSansDevanagari-Regular", "NotoSansEthiopic-Regular"} <= pdf_fonts(pdf)
    assert {"DroidSansFallback", "NotoSans-Regular", "Symbola"} <= pdf_fonts(pdf)


def test_pdf_text_reads_back_where_the_script_allows(multilingual: tuple) -> None:
    _, pdf, _, plan = multilingual
    text = pdf_body_text(pdf, plan)
    for language in ("French", "Swahili", "Amharic", "Russian", "Chinese", "Emoji"):
        assert squeeze(SAMPLES[language]) in squeeze(text), language
    # shaped scripts come back as presentation forms in visual order: compare word by word
    shaped = unicodedata.normalize("NFKC", text)
    for word in SAMPLES["Arabic"].rstrip(".").split():
        assert unicodedata.normalize("NFKC", word) in shaped, word
    for word in ("अपने", "घर", "पास", "एक"):  # Devanagari conjuncts extract as private glyphs; plain words do not
        assert word in text


def test_the_docx_marks_arabic_right_to_left(multilingual: tuple) -> None:
    _, _, data, _ = multilingual
    word = docx.Document(io.BytesIO(data))
    arabic = [p for p in word.paragraphs if p.text == SAMPLES["Arabic"]]
    assert arabic, "the goal and the problem paragraph are in Arabic"
    for paragraph in arabic:
        assert paragraph._p.pPr.find(qn("w:bidi")) is not None
        assert all(run._r.rPr.find(qn("w:rtl")) is not None for run in paragraph.runs if run.text.strip(" 0123456789."))
    french = next(p for p in word.paragraphs if p.text == SAMPLES["French"])
    assert french._p.pPr is None or french._p.pPr.find(qn("w:bidi")) is None
    fonts = {node.get(qn("w:ascii")) for node in word.element.body.iter(qn("w:rFonts"))}
    assert {"Arial", "Nirmala UI", "Ebrima", "Microsoft YaHei"} <= fonts  # stock Windows fonts of each script


def test_a_mark_the_letter_before_cannot_carry_goes_to_a_face_that_draws_it() -> None:
    """A kana voicing mark typed after a digit (found by the export property test): no tofu, no lost character."""
    runs = split_runs("5\u3099a")
    assert "".join(part for _, part in runs) == "5\u3099a"
    for face, part in runs:
        assert all(ord(char) in coverage(face) for char in part), (face.name, part)
    assert split_runs("\u0628\u064e") == [(ARABIC, "\u0628\u064e")]  # a mark its letter's face draws stays with it
