"""SpreadsheetML rows written as text, for the one sheet that can hold 10,000+ rows.

openpyxl spends some 20 µs on every cell it writes (cell object, type binding, style
lookup, lxml element); the Figures sheet has 14 cells a figure, so the 100× sample would
take seconds. Here each cell is one formatted string, styled by the cell-format ids openpyxl
itself assigned (so the stylesheet stays openpyxl's), and the rows are spliced into the
sheet openpyxl wrote with an empty ``<sheetData>`` (see ``PinnedZip``). Text is always an
inline string — never a formula — and is escaped here.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from openpyxl.utils import get_column_letter

from .._office import xml_escape
from ._cells import finite

LETTERS = [get_column_letter(n) for n in range(1, 64)]


def text_cell(ref: str, style: int, text: str) -> str:
    """An inline-string cell (``text`` already cleaned of XML-illegal characters)."""
    if not text:
        return ""
    space = ' xml:space="preserve"' if text != text.strip() else ""
    return f'<c r="{ref}" s="{style}" t="inlineStr"><is><t{space}>{xml_escape(text)}</t></is></c>'


def number_cell(ref: str, style: int, value: float | None) -> str:
    """A numeric cell; NaN, infinities and None give no cell."""
    number = finite(value)
    if number is None:
        return ""
    return f'<c r="{ref}" s="{style}" t="n"><v>{number!r}</v></c>'


def internal_link(ref: str, location: str, display: str) -> str:
    """A hyperlink from cell ``ref`` to a place in the workbook (no relationship needed)."""
    location = xml_escape(location).replace('"', "&quot;")
    return f'<hyperlink ref="{ref}" location="{location}" display="{xml_escape(display)}"/>'


def row_xml(index: int, cells: Iterable[str], height: float | None = None) -> str:
    """A row; ``height`` in points fixes its height (for wrapped text)."""
    fixed = f' ht="{height:g}" customHeight="1"' if height else ""
    return f'<row r="{index}"{fixed}>{"".join(cells)}</row>'


def chunked(rows: Iterable[str], size: int = 512) -> Iterator[bytes]:
    """Rows joined and encoded a few hundred at a time, for streaming into the zip."""
    batch: list[str] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield "".join(batch).encode("utf-8")
            batch = []
    if batch:
        yield "".join(batch).encode("utf-8")
