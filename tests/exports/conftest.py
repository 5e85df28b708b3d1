"""Shared fixtures: the real worksheet pack, the worked example, and its plan rendered once per session."""

from __future__ import annotations

import datetime as dt
from functools import cache

import pytest

from campaign.example import example_campaign
from campaign.model import Campaign
from campaign.worksheet import WorksheetPack, load_worksheets
from exports.document import PlanDocument
from exports.docx import render_docx
from exports.pdf import render_pdf
from exports.plan import build_plan

PREPARED = dt.date(2027, 2, 1)


@pytest.fixture(scope="session")
def pack() -> WorksheetPack:
    return load_worksheets()


@pytest.fixture
def example(pack: WorksheetPack) -> Campaign:
    return example_campaign(pack)


@pytest.fixture(scope="session")
def example_plan(pack: WorksheetPack) -> PlanDocument:
    return build_plan(example_campaign(pack), pack, today=PREPARED)


@cache
def pack_in(language: str) -> WorksheetPack:
    """Return the worksheets in `language` (loaded once per test process)."""
    return load_worksheets(language=language)


@cache
def example_plan_in(language: str) -> PlanDocument:
    """Return the plan of the worked example in `language`: its worksheets and its own words both translated."""
    pack = pack_in(language)
    return build_plan(example_campaign(pack), pack, today=PREPARED)


@pytest.fixture(scope="session")
def example_pdf(example_plan: PlanDocument) -> bytes:
    return render_pdf(example_plan)


@pytest.fixture(scope="session")
def example_docx(example_plan: PlanDocument) -> bytes:
    return render_docx(example_plan)
