"""The Word file says which language it is in, and names fonts every stock Windows and macOS machine has."""

from __future__ import annotations

import io
import zipfile

import pytest
from lxml import etree

from exports.document import Paragraph, PlanDocument, inline
from exports.docx import render_docx

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TEXT = {
    "Chinese": "每个儿童都应该得到帮助。",
    "Arabic": "يستحق كل طفل أخصائيًا اجتماعيًا.",
    "Hindi": "हर बच्चे को मिलना चाहिए।",
    "Amharic": "እያንዳንዱ ልጅ ሊኖረው ይገባል።",
}


def parts(language: str) -> dict[str, etree._Element]:
    document = PlanDocument(
        title="Plan", language=language, blocks=tuple(Paragraph(inline(text)) for text in TEXT.values())
    )
    with zipfile.ZipFile(io.BytesIO(render_docx(document))) as archive:
        return {
            name: etree.fromstring(archive.read(f"word/{name}.xml"))
            for name in ("styles", "document", "settings", "fontTable")
        }


@pytest.mark.parametrize(("language", "tag"), [("fr", "fr-FR"), ("es", "es-ES"), ("pt", "pt-BR"), ("en", "en-US")])
def test_the_plan_language_is_set_for_spelling_and_hyphenation(language: str, tag: str) -> None:
    xml = parts(language)
    default = xml["styles"].find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert default is not None and default.get(f"{W}val") == tag
    assert default.get(f"{W}eastAsia") == "zh-CN" and default.get(f"{W}bidi") == "ar-SA"
    for name in ("styles", "document"):
        assert {node.get(f"{W}val") for node in xml[name].iter(f"{W}lang")} <= {tag}, name
    assert xml["settings"].find(f"{W}themeFontLang").get(f"{W}val") == tag


@pytest.mark.parametrize(("language", "slot", "tag"), [("ar", "bidi", "ar-EG"), ("zh", "eastAsia", "zh-CN")])
def test_arabic_and_chinese_plans_set_their_own_slot(language: str, slot: str, tag: str) -> None:
    default = parts(language)["styles"].find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert default.get(f"{W}{slot}") == tag and default.get(f"{W}val") == "en-US"


# fonts in every stock Windows since 8 (named in the run), and what macOS has for the same script
STOCK = {"Chinese": ("eastAsia", "Microsoft YaHei", "PingFang SC"), "Arabic": ("cs", "Arial", "Geeza Pro")}
STOCK |= {"Hindi": ("cs", "Nirmala UI", "Kohinoor Devanagari"), "Amharic": ("hAnsi", "Ebrima", "Kefa")}


@pytest.mark.parametrize("script", STOCK)
def test_runs_name_a_font_stock_windows_has_and_the_font_table_names_the_mac_one(script: str) -> None:
    slot, windows, mac = STOCK[script]
    xml = parts("en")
    runs = [run for run in xml["document"].iter(f"{W}r") if TEXT[script][:3] in "".join(run.itertext())]
    assert runs
    for run in runs:
        assert run.find(f"{W}rPr/{W}rFonts").get(f"{W}{slot}") == windows
    entry = next(font for font in xml["fontTable"] if font.get(f"{W}name") == windows)
    assert entry.find(f"{W}altName").get(f"{W}val") == mac
