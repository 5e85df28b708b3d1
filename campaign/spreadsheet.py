"""Tables people open in a spreadsheet: text that a spreadsheet would run as a formula is made inert."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence

# Excel, LibreOffice and Google Sheets run a cell starting with one of these as a formula (OWASP "CSV
# injection"): `=HYPERLINK(...)` typed as a group's name becomes a link on the facilitator's laptop.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")  # and fullwidth
INERT_PREFIX = "'"  # shown by spreadsheets as the start of text, and kept visible elsewhere


def inert_cell(value: object) -> object:
    """Return `value` as a spreadsheet should read it: text that would start a formula (also after leading
    spaces) gets a `'` in front; numbers, dates and other text come back unchanged."""
    if isinstance(value, str) and value.lstrip(" ").startswith(FORMULA_STARTS):
        return INERT_PREFIX + value
    return value


def inert_rows(rows: Iterable[Sequence[object]]) -> list[list[object]]:
    """Return `rows` with every cell passed through `inert_cell`."""
    return [[inert_cell(cell) for cell in row] for row in rows]


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """Return a CSV file of `header` and `rows` with every cell inert, in UTF-8 with a byte-order mark (so
    Excel reads accents and other scripts right)."""
    import io  # an in-memory text buffer only: campaign/ keeps file I/O at its edges (ruff TID253)

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows(inert_rows([list(header), *rows]))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
