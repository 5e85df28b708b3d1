"""What the PDF's speed rests on: plain text is not parsed as markup, and a table is measured once per width."""

from __future__ import annotations

import io

import pytest
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph
from reportlab.platypus.paraparser import ParaParser
from reportlab.platypus.tables import Table

from campaign.example import example_campaign
from campaign.worksheet import WorksheetPack, load_worksheets
from exports.document import Span
from exports.pdf import render_pdf
from exports.pdf_layout import plan_table
from exports.pdf_text import inline_paragraph, markup, paragraph, plain_fragments, style
from exports.plan import build_plan

# (spans, whether the parser is skipped): each is drawn from the same fragments either way
SPANS = [
    ([("Count Us, Fund Us", False)], True),
    ([("Budget line", True)], True),
    ([("Goal:", True), (" fund every clinic", False)], True),
    ([("a", False), ("b", False), ("c", True), ("d", True), ("e", False)], True),
    ([("Ünïcödé — “quotes” ‘x’ … 2030 № 5 €", False)], True),
    ([("  lead and trail  ", False)], False),
    ([("two  spaces", False)], False),
    ([("tab\there", False)], False),
    ([("no\xa0break", False)], False),
    ([("line\nbreak", False)], False),
    ([("Tom & Jerry <b>", False)], False),
    ([("a", False), ("", True), ("b", False)], False),
    ([("", False)], False),
    ([("Emoji 😀", False)], False),
    ([("UNICEF يدعم", False)], False),
]


def _parsed(spans: list[tuple[str, bool]], style_name: str) -> list[dict]:
    source = "".join(markup(text, bold=bold)[0] for text, bold in spans)
    return [vars(fragment) for fragment in Paragraph(source, style(style_name)).frags]


@pytest.mark.parametrize("style_name", ["body", "cell_label", "bullet", "cell_amount"])
@pytest.mark.parametrize(("spans", "skipped"), SPANS, ids=[repr(spans)[:40] for spans, _ in SPANS])
def test_plain_text_gets_the_fragments_the_parser_makes(spans: list, skipped: bool, style_name: str) -> None:
    fragments = plain_fragments(spans, style(style_name))
    assert (fragments is not None) == skipped
    if fragments is not None:
        assert [vars(fragment) for fragment in fragments] == _parsed(spans, style_name)
        assert all(fragment.link == [] and fragment.us_lines == [] for fragment in fragments)
        assert len({id(fragment.link) for fragment in fragments}) == len(fragments)  # no list shared


def _drawn(flowable: Paragraph) -> bytes:
    canvas = Canvas(io.BytesIO(), invariant=1)
    flowable.wrapOn(canvas, 120, 800)
    flowable.drawOn(canvas, 20, 20)
    return canvas.getpdfdata()


def test_the_paragraphs_built_either_way_draw_alike() -> None:
    text = "A sentence long enough to take more than one line in a narrow column of a table."
    fast = paragraph(text, "cell", bold=True)
    assert fast.frags[0].text == text
    parsed = Paragraph(markup(text, bold=True)[0], style("cell"))
    assert fast.wrap(120, 800) == parsed.wrap(120, 800) and len(fast.blPara.lines) > 1
    assert _drawn(fast) == _drawn(parsed)
    bullets = inline_paragraph((Span("Goal:", True), Span(" fund every clinic")), "bullet", bulletText="•")
    assert bullets.bulletText == "•" and [f.text for f in bullets.frags] == ["Goal:", " fund every clinic"]


def test_the_example_parses_markup_only_where_it_must(monkeypatch: pytest.MonkeyPatch) -> None:
    pack: WorksheetPack = load_worksheets()
    plan = build_plan(example_campaign(pack), pack)
    parsed: list[str] = []
    parse = ParaParser.parse
    monkeypatch.setattr(ParaParser, "parse", lambda self, text, s: parsed.append(text) or parse(self, text, s))
    render_pdf(plan)
    made = len(parsed)
    assert made < 60, parsed[:10]  # links, anchors, the few texts with & or other faces (was every one, 636)


def _table(rows: int, **keywords: object) -> Table:
    cells = [[paragraph(f"Row {n}, a cell long enough to wrap in its column", "cell"), "x"] for n in range(rows)]
    return plan_table(cells, 700.0, colWidths=["70%", "30%"], splitInRow=1, **keywords)


def _count_measures(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Table, float]]:
    """Return the list of (table, width) reportlab's measure of a table will be called with from now on."""
    measured: list[tuple[Table, float]] = []
    calc = Table._calc
    monkeypatch.setattr(Table, "_calc", lambda self, w, h: measured.append((self, w)) or calc(self, w, h))
    return measured


def test_a_table_is_measured_once_per_width(monkeypatch: pytest.MonkeyPatch) -> None:
    measured = _count_measures(monkeypatch)
    table = _table(12)
    sizes = {table.wrap(180, height) for height in (700.0, 300.0, 90.0)}
    assert len(sizes) == 1 and measured == [(table, 180)]
    assert table.wrap(100, 700)[1] > sizes.pop()[1]  # narrower: taller, so measured again
    assert measured == [(table, 180), (table, 100)]


def test_a_table_with_a_row_span_or_a_split_is_measured_again(monkeypatch: pytest.MonkeyPatch) -> None:
    measured = _count_measures(monkeypatch)
    spanned = _table(12, style=[("SPAN", (1, 0), (1, 3))])
    spanned.wrap(180, 700)
    spanned.wrap(180, 90)
    assert measured == [(spanned, 180)] * 2  # reportlab stops measuring early to close a row span: the height counts
    measured.clear()
    table = _table(40)
    table.wrap(180, 700)
    first, rest = table.split(180, 300)
    table.wrap(180, 700)
    assert [width for measure, width in measured if measure is table] == [180, 180, 180]
    assert first.wrap(180, 300)[1] <= 300 and rest.wrap(180, 700)[1] > 0
