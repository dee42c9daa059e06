"""A long table of text cells that splits itself page by page, in linear time.

reportlab's ``Table.split`` re-measures every remaining row at each page break, so a
table of n rows over k pages costs O(n·k), and drawing goes through a save/translate/
restore per cell. Here row heights are measured once, each page part is drawn as one
block of PDF operators (fills, rules and every cell's text), and the header row repeats
at the top of every part, with the stripes continuing across pages. A single row taller
than a page is handed to reportlab's in-row splitting (``Table(splitInRow=1)``), so a huge
cell wraps and flows instead of stopping the build.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.platypus import Table, TableStyle
from reportlab.platypus.flowables import Flowable

from ._text import TextBlock, draw_late, rgb

#: Cell padding in points: left/right, top/bottom.
PAD_X, PAD_Y = 4.0, 3.0


@dataclass(frozen=True)
class TableLook:
    """Colours (``RRGGBB``) and rule widths of a table; ``font`` names the registered
    font reportlab's fallback table path is told to use (never Helvetica)."""

    header_fill: str
    border: str
    stripe: str | None
    font: str
    rule: float = 0.4
    header_rule: float = 0.8


class RowTable(Flowable):  # type: ignore[misc]  # reportlab ships no types
    """A header row and body rows of text blocks in fixed column widths;
    ``page_height`` is the frame height (a row taller than it is split inside)."""

    def __init__(self, header: list[TextBlock], rows: Sequence[list[TextBlock]],
                 widths: Sequence[float], look: TableLook, page_height: float, *,
                 offset: int = 0, heights: list[float] | None = None) -> None:
        super().__init__()
        self.header, self.rows, self.widths = header, list(rows), list(widths)
        self.look, self.page_height, self.offset = look, page_height, offset
        self._heights = heights

    def _row_height(self, row: list[TextBlock]) -> float:
        return max(cell.wrap(width - 2 * PAD_X, 1e9)[1]
                   for cell, width in zip(row, self.widths)) + 2 * PAD_Y

    def heights(self) -> list[float]:
        """Body row heights, measured once and shared with the parts of a split."""
        if self._heights is None:
            self._heights = [self._row_height(row) for row in self.rows]
        return self._heights

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = sum(self.widths)
        self.height = self._row_height(self.header) + sum(self.heights())
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        heights = self.heights()
        used = self._row_height(self.header)
        fit = 0
        while fit < len(heights) and used + heights[fit] <= availHeight:
            used += heights[fit]
            fit += 1
        if fit == len(heights):
            return [self]
        if fit == 0:
            if used + heights[0] <= self.page_height:
                return []  # the row fits on a fresh page: move the table there
            parts: list[Flowable] = self._oversized_row().split(availWidth, availHeight)
            return parts + [self._part(1, len(self.rows))] if parts and len(self.rows) > 1 \
                else parts
        return [self._part(0, fit), self._part(fit, len(self.rows))]

    def _part(self, start: int, end: int) -> RowTable:
        return RowTable(self.header, self.rows[start:end], self.widths, self.look,
                        self.page_height, offset=self.offset + start,
                        heights=self.heights()[start:end])

    def _oversized_row(self) -> Table:
        """The header and the first row as a reportlab table that splits inside the row."""
        look = self.look
        table = Table([self.header, self.rows[0]], colWidths=self.widths, repeatRows=1,
                      splitInRow=1)
        table.setStyle(TableStyle([
            ("FONT", (0, 0), (-1, -1), look.font),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("BACKGROUND", (0, 0), (-1, 0), HexColor("#" + look.header_fill)),
            ("LINEBELOW", (0, 0), (-1, -1), look.rule, HexColor("#" + look.border)),
            ("LEFTPADDING", (0, 0), (-1, -1), PAD_X), ("RIGHTPADDING", (0, 0), (-1, -1), PAD_X),
            ("TOPPADDING", (0, 0), (-1, -1), PAD_Y), ("BOTTOMPADDING", (0, 0), (-1, -1), PAD_Y),
        ]))
        return table

    def draw(self) -> None:
        draw_late(self.canv, self)

    def reserve(self, canv: Any) -> None:
        """Give the characters of every cell their subset codes (see :func:`draw_late`)."""
        for row in (self.header, *self.rows):
            for cell in row:
                cell.reserve(canv)

    def content(self, canv: Any) -> str:
        """The operators of this part at the current origin: fills, rules, cell text."""
        look = self.look
        width = self.width
        lefts = [sum(self.widths[:i]) for i in range(len(self.widths))]
        fills: list[str] = []
        rules: list[str] = []
        texts: list[str] = []
        top = self.height
        rows = [(self.header, self._row_height(self.header), None)] + [
            (row, height, self.offset + n + 1) for n, (row, height)
            in enumerate(zip(self.rows, self.heights()))]
        for row, height, index in rows:
            bottom = top - height
            if index is None:
                fills.append(f"{rgb(look.header_fill)} rg 0 {bottom:.3f} {width:.3f} "
                             f"{height:.3f} re f")
            elif look.stripe and index % 2 == 0:
                fills.append(f"{rgb(look.stripe)} rg 0 {bottom:.3f} {width:.3f} {height:.3f} re f")
            rules.append(f"0 {bottom:.3f} m {width:.3f} {bottom:.3f} l S")
            for cell, left, column in zip(row, lefts, self.widths):
                cell.wrap(column - 2 * PAD_X, 1e9)
                texts.append(cell.operators(canv, left + PAD_X, top - PAD_Y - cell.height))
            top = bottom
        head = (f"{rgb(look.border)} RG {look.header_rule:.2f} w "
                f"0 {self.height:.3f} m {width:.3f} {self.height:.3f} l S {look.rule:.2f} w")
        return "\n".join(["q", *fills, head, *rules, *texts, "Q"])
