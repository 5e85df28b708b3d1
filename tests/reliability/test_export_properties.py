"""Any answer a person can type, in every field type, is stored, read back equal and printed intact.

tests/campaign/test_properties.py proves the file format round trip; here each drawn campaign goes the
whole way: through the repository into a real folder, back out, and into the DOCX and the PDF, where every
typed text must be found again (read back with python-docx and pypdf, whitespace aside). The PDF test uses
the scripts the PDF's fonts cover and pypdf extracts faithfully (docs/exports.md: Arabic and Devanagari
are checked by glyph coverage instead, and emoji variation selectors are left out of the PDF only).
"""

from __future__ import annotations

import tempfile
import unicodedata
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from campaign.campaign_file import campaign_to_yaml
from campaign.conditions import is_shown
from campaign.fields import TableField
from campaign.model import Campaign
from campaign.repository import CampaignRepository
from campaign.storage import LocalFolderStore
from campaign.text import clean_text
from exports.docx import render_docx
from exports.fonts import face_for
from exports.pdf import render_pdf
from exports.plan import build_plan
from tests.campaign.test_properties import FIELDS, PACK, _normal, answer_for
from tests.exports.readers import docx_text, pdf_body_text, squeeze

# What people type: Latin with accents, Greek, Cyrillic, Chinese and Japanese, emoji, punctuation and markup;
# only characters a font of the PDF has (any other prints as a box, docs/exports.md)
RANGES = ((0x20, 0x250), (0x370, 0x530), (0x3040, 0x3100), (0x4E00, 0x9FA0), (0x1F300, 0x1F650))
ALPHABET = ["\n"] + [
    chr(code)
    for low, high in RANGES
    for code in range(low, high)
    if unicodedata.category(chr(code))[0] in "LMNPSZ"
    and unicodedata.category(chr(code)) not in ("Zl", "Zp")
    and face_for(chr(code)) is not None
]
LETTERS = st.sampled_from(ALPHABET)
TYPED = st.text(LETTERS, min_size=1, max_size=40).map(clean_text)


def typed(text_for: dict[str, str], field: Any, campaign: Campaign) -> st.SearchStrategy[Any]:
    """Return answers for `field` whose free text comes from TYPED; other types as the model tests draw them."""
    if field.type in ("text", "long_text"):
        return TYPED.map(lambda t: t[: field.max_length])
    if field.type == "list":
        return st.lists(TYPED.map(lambda t: t[: field.max_length]), max_size=min(field.max_items, 3))
    if isinstance(field, TableField):
        cells = {column.id: typed(text_for, column, campaign) for column in field.columns}
        row = st.builds(lambda n, values: {"id": f"row-{n}", **values}, st.integers(0, 9), st.fixed_dictionaries(cells))
        return st.lists(row, max_size=2, unique_by=lambda r: r["id"])
    return answer_for(field, campaign)


def texts_in(value: Any) -> list[str]:
    """Return every free text inside an answer (rows and lists included)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [t for item in value for t in texts_in(item)]
    if isinstance(value, dict):
        return [t for key, item in value.items() if key != "id" for t in texts_in(item)]
    return []


def draw_campaign(data: st.DataObject) -> tuple[Campaign, list[str]]:
    campaign, texts = Campaign(id=""), []
    for sheet, field in FIELDS:
        value = _normal(data.draw(typed({}, field, campaign), label=f"{sheet.id}.{field.id}"))
        campaign.set_answer(sheet.id, field.id, value)
    for sheet, field in FIELDS:  # a question `show_if` hides keeps its answer stored, but is not printed
        if field.type in ("text", "long_text", "list", "table") and is_shown(campaign, PACK, sheet, field):
            texts += texts_in(campaign.answer(sheet.id, field.id))
    return campaign, [t for t in texts if squeeze(t) and not _is_choice_id(t)]


def _is_choice_id(text: str) -> bool:
    # table cells also hold choice ids and row ids, which print as their labels, not as typed
    return all(c.isascii() and (c.isalnum() or c in "_-") for c in text)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data())
def test_any_typed_campaign_is_stored_read_back_equal_and_printed_intact(data: st.DataObject) -> None:
    campaign, texts = draw_campaign(data)
    with tempfile.TemporaryDirectory() as folder:
        repository = CampaignRepository(LocalFolderStore(Path(folder)), PACK)
        created = repository.create(campaign)
        again = CampaignRepository(LocalFolderStore(Path(folder)), PACK).load(created.id)  # a fresh process' view
    assert again.answers == campaign.answers
    assert campaign_to_yaml(again) == campaign_to_yaml(created)
    plan = build_plan(again, PACK)
    word, pdf = squeeze(docx_text(render_docx(plan))), squeeze(pdf_body_text(render_pdf(plan), plan))
    for text in texts:
        assert squeeze(text) in word, f"missing from the DOCX: {text!r}"
        assert squeeze(text) in pdf, f"missing from the PDF: {text!r}"
