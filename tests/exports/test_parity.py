"""Every answer's text appears in both the DOCX and the PDF, read back with python-docx and pypdf."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from campaign.fields import MultiChoiceField, ReferenceField, TableField
from campaign.model import Campaign, is_empty
from campaign.worksheet import WorksheetPack
from exports.document import PlanDocument
from exports.wording import reference_names, value_text
from tests.exports.readers import docx_text, pdf_body_text, squeeze


def answer_texts(campaign: Campaign, pack: WorksheetPack) -> Iterator[tuple[str, str]]:
    """Yield (where, text) for every answer and table cell, as the plan words it, one list item at a time."""
    for sheet in pack.worksheets:
        for definition in sheet.fields:
            value = campaign.answer(sheet.id, definition.id)
            cells = [(definition, value, f"{sheet.id}.{definition.id}")]
            if isinstance(definition, TableField) and value:
                cells = [
                    (column, row.get(column.id), f"{sheet.id}.{definition.id}.{row['id']}.{column.id}")
                    for row in value
                    for column in definition.columns
                ]
            for column, cell, where in cells:
                if is_empty(cell):
                    continue
                if isinstance(column, MultiChoiceField):  # shown as a list or joined: each choice must be there
                    pieces = [column.choice_label(choice) for choice in cell]
                elif isinstance(column, ReferenceField):
                    pieces = reference_names(column, cell, campaign, pack)
                else:
                    pieces = value_text(column, cell, campaign, pack).split("\n")
                for piece in pieces:
                    yield where, piece


@pytest.fixture(scope="module")
def expected(pack: WorksheetPack) -> list[tuple[str, str]]:
    from campaign.example import example_campaign

    texts = list(answer_texts(example_campaign(pack), pack))
    assert len(texts) > 200
    return texts


def test_every_answer_is_in_the_docx(expected: list[tuple[str, str]], example_docx: bytes) -> None:
    found = squeeze(docx_text(example_docx))
    assert [where for where, text in expected if squeeze(text) not in found] == []


def test_every_answer_is_in_the_pdf(
    expected: list[tuple[str, str]], example_pdf: bytes, example_plan: PlanDocument
) -> None:
    found = squeeze(pdf_body_text(example_pdf, example_plan))
    assert [where for where, text in expected if squeeze(text) not in found] == []
