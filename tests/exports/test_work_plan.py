"""The work plan and budget: costs in the campaign's currency, added up, compared with the total, in every format."""

from __future__ import annotations

import datetime as dt
import io
from typing import get_args

import docx
from pypdf import PdfReader

from campaign.budget import campaign_budget
from campaign.checks import plan_check
from campaign.fields import Role
from campaign.model import Campaign
from campaign.worksheet import WorksheetPack
from exports.document import Entry, KeyValue, PlanDocument, Table
from exports.docx import render_docx
from exports.markdown import render_markdown
from exports.pdf import render_pdf
from exports.plan import build_plan
from tests.exports.conftest import PREPARED
from tests.exports.readers import pdf_body_text, squeeze


def _work_plan(plan: PlanDocument) -> Table:
    return next(b for b in plan.blocks if isinstance(b, Table) and b.columns[-1].startswith("Cost"))


def test_every_pack_role_is_found_where_the_default_pack_declares_it(pack: WorksheetPack) -> None:
    places = {role: pack.field_with_role(role) for role in ("cost", "currency", "budget_total", "start", "lead")}
    assert {role: (p.sheet.id, p.definition.id) for role, p in places.items() if p} == {
        "cost": ("activities", "budget"),
        "currency": ("risks", "currency"),
        "budget_total": ("risks", "budget_total"),
        "start": ("activities", "start"),
        "lead": ("activities", "lead"),
    }


def test_every_role_of_the_schema_is_declared_by_the_default_pack(pack: WorksheetPack) -> None:
    declared = {f.role for sheet in pack.worksheets for f in sheet.fields if f.role}
    declared |= {c.role for sheet in pack.worksheets for f in sheet.fields if f.is_table for c in f.columns if c.role}
    assert declared == set(get_args(Role))


def test_the_work_plan_lists_every_activity_and_adds_up_the_costs(example_plan: PlanDocument) -> None:
    table = _work_plan(example_plan)
    assert table.columns == ("No.", "Activity", "Dates", "Audiences", "Lead", "Cost (KES)")
    *activities, total = table.rows
    assert [row[0] for row in activities] == ["1", "2", "3", "4"]
    assert activities[0][1:3] == ("Costed policy brief on co-funding 400 posts", "1 March – 9 April 2027")
    assert activities[0][4] == "Amina Otieno, KASSW policy officer"
    costs = [int(row[-1].replace(",", "")) for row in activities]
    assert total[1] == "Total" and int(total[-1].replace(",", "")) == sum(costs) == 970_000
    assert table.total_row
    assert "Total campaign budget: KES 1,450,000; the activities cost KES 970,000." in render_markdown(example_plan)


def test_amounts_are_labelled_with_the_campaigns_currency(example_plan: PlanDocument) -> None:
    entries = [e for b in example_plan.blocks if isinstance(b, KeyValue) for e in b.entries]
    assert Entry("Budget (KES)", "180,000") in entries
    assert Entry("Total campaign budget (KES)", "1,450,000") in entries
    assert not any("local currency" in entry.label for entry in entries)


def test_costs_above_the_total_are_flagged_in_the_plan_and_the_check(example: Campaign, pack: WorksheetPack) -> None:
    example.set_answer("risks", "budget_total", 500_000)
    message = "The activities cost KES 970,000 in all, more than the total budget of KES 500,000"
    assert message in [finding.message for finding in plan_check(example, pack)]
    assert f"{message}." in render_markdown(build_plan(example, pack))
    assert campaign_budget(example, pack).over_total


def test_costs_within_the_total_are_not_flagged(example: Campaign, pack: WorksheetPack) -> None:
    assert not campaign_budget(example, pack).over_total
    assert not any("total budget" in finding.message for finding in plan_check(example, pack))


def test_the_work_plan_is_in_the_word_file_with_its_sum(example_docx: bytes) -> None:
    word = docx.Document(io.BytesIO(example_docx))
    table = next(t for t in word.tables if t.rows[0].cells[-1].text == "Cost (KES)")
    rows = [[cell.text for cell in row.cells] for row in table.rows[1:]]
    assert rows[-1][1] == "Total" and rows[-1][-1] == "970,000"
    assert sum(int(row[-1].replace(",", "")) for row in rows[:-1]) == 970_000
    assert all(run.bold for run in table.rows[-1].cells[1].paragraphs[0].runs)


def test_the_work_plan_is_in_the_pdf(example_pdf: bytes, example_plan: PlanDocument) -> None:
    text = pdf_body_text(example_pdf, example_plan)
    assert squeeze("Work plan and budget") in text
    assert squeeze("Total 970,000") in text and squeeze("Total campaign budget: KES 1,450,000") in text


def test_the_pdf_and_word_file_carry_the_plans_date_title_author_and_language(example_plan: PlanDocument) -> None:
    reader = PdfReader(io.BytesIO(render_pdf(example_plan)))
    info = reader.metadata
    assert info is not None and info["/CreationDate"].startswith("D:20270201")
    assert info.title == "Count Us, Fund Us" and info.author.startswith("Kenya Alliance")
    assert reader.trailer["/Root"]["/Lang"] == "en"
    properties = docx.Document(io.BytesIO(render_docx(example_plan))).core_properties
    assert properties.created.date() == PREPARED and properties.language == "en"
    assert properties.title == "Count Us, Fund Us" and properties.author.startswith("Kenya Alliance")


def test_another_date_gives_another_creation_date(example: Campaign, pack: WorksheetPack) -> None:
    later = build_plan(example, pack, today=dt.date(2028, 7, 9))
    info = PdfReader(io.BytesIO(render_pdf(later))).metadata
    assert info is not None and info["/CreationDate"].startswith("D:20280709")


def test_costs_line_up_at_the_right_of_their_column_in_every_format(
    example_pdf: bytes, example_docx: bytes, example_plan: PlanDocument
) -> None:
    import pdfplumber

    costs = [row[-1] for row in _work_plan(example_plan).rows]
    with pdfplumber.open(io.BytesIO(example_pdf)) as pdf:
        page = next(p for p in pdf.pages if "Work plan and budget" in (p.extract_text() or ""))
        words = page.extract_words()
        heading = next(w for w in words if w["text"] == "(KES)")
        ends = [next(w["x1"] for w in words if w["text"] == cost and w["top"] > heading["top"]) for cost in costs]
    assert max(ends) - min(ends) < 1.0, ends  # every amount ends where the column does
    assert max(ends) > heading["x1"] - 1.0  # at the right of the column, under the end of its heading
    word = docx.Document(io.BytesIO(example_docx))
    table = next(t for t in word.tables if t.rows[0].cells[-1].text == "Cost (KES)")
    assert all(
        row.cells[-1].paragraphs[0].alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.RIGHT for row in table.rows[1:]
    )
    assert "|---|---|---|---|---|--:|" in render_markdown(example_plan)
