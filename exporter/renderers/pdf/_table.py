"""A long table of text cells that splits itself page by page, in linear time.

reportlab's ``Table.split`` re-measures every remaining row at each page break, so a
table of n rows over k pages costs O(n·k), and drawing goes through a save/translate/
restore per cell. Here row heights are measured once, each page part is drawn as one
block of PDF operators (fills, rules and every cell's text), and the header row repeats
at the top of every part, with the stripes continuing across pages. A single row taller
than a page is split inside: its cells are cut at the last line that fits and the rest
of each goes on under the header of the next page, so a huge cell flows instead of
stopping the build (reportlab's ``Table(splitInRow=1)`` refused such rows of our text
blocks with a ``LayoutError``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import Any

from reportlab.platypus.flowables import Flowable

from ._text import SHORT_TEXT, Placed, TextBlock, draw_late, rgb

#: Cell padding in points: left/right, top/bottom.
PAD_X, PAD_Y = 4.0, 3.0


@dataclass(frozen=True)
class TableLook:
    """Colours (``RRGGBB``) and rule widths of a table."""

    header_fill: str
    border: str
    stripe: str | None
    rule: float = 0.4
    header_rule: float = 0.8


class _Heights:
    """The body rows' heights and their running sums: the height of any range of rows
    in constant time (a part's ``wrap`` summed all its rows, and a table split over k
    pages is wrapped at each: rows × k)."""

    def __init__(self, each: list[float]) -> None:
        self.each = each
        self._sums = [0.0, *accumulate(each)]

    def between(self, lo: int, hi: int) -> float:
        """The height of rows ``lo:hi``."""
        return self._sums[hi] - self._sums[lo]


class _CellMemo:
    """What a table knows of its shared cells by column, kept by the parts of a split: a
    short text's cell is one block shared down a column (:data:`SHORT_TEXT`), and the
    header repeats on every part, so their heights and drawings (all but the baseline)
    are worked out once, and their characters get their codes once. A longer body cell
    stands once in the table: it is worked out where it is met and not kept."""

    def __init__(self, columns: int) -> None:
        self.heights: list[dict[TextBlock, float]] = [{} for _ in range(columns)]
        self.placed: list[dict[TextBlock, Placed]] = [{} for _ in range(columns)]
        self.reserved: set[TextBlock] = set()


class RowTable(Flowable):  # type: ignore[misc]  # reportlab ships no types
    """A header row and body rows of text blocks in fixed column widths;
    ``page_height`` is the frame height (a row taller than it is split inside)."""

    def __init__(self, header: list[TextBlock], rows: Sequence[list[TextBlock]],
                 widths: Sequence[float], look: TableLook, page_height: float, *,
                 _shared: tuple[_Heights | None, int, int] | None = None,
                 _cells: _CellMemo | None = None,
                 _stripe: int = 0) -> None:
        super().__init__()
        self.header, self.widths = header, list(widths)
        self.look, self.page_height = look, page_height
        #: Rows before this table's first in the table it was split from (a piece of a
        #: row split inside keeps its row's stripe).
        self._stripe = _stripe
        # The parts of a split table are views of one row list (and its measured heights)
        # by range, never copies: a table of many thousand rows split over hundreds of
        # pages would otherwise copy its rest once a page.
        self._all = rows if isinstance(rows, list) else list(rows)
        self._heights, self._lo, self._hi = _shared if _shared is not None else (
            None, 0, len(self._all))
        self._cells = _cells if _cells is not None else _CellMemo(len(self.widths))

    @property
    def offset(self) -> int:
        """The index of this part's first row in the whole table."""
        return self._lo

    @property
    def rows(self) -> Sequence[list[TextBlock]]:
        """This part's body rows."""
        return self._all[self._lo:self._hi]

    def _kept(self, cell: TextBlock, row: list[TextBlock]) -> bool:
        """Whether what is worked out for ``cell`` is kept (:class:`_CellMemo`): a shared
        short text's, and a header cell's, which every part of a split repeats."""
        return row is self.header or len(cell.text) <= SHORT_TEXT

    def _row_height(self, row: list[TextBlock]) -> float:
        tallest = 0.0
        for cell, width, heights in zip(row, self.widths, self._cells.heights):
            height = heights.get(cell)
            if height is None:
                height = cell.wrap(width - 2 * PAD_X, 1e9)[1]
                if self._kept(cell, row):
                    heights[cell] = height
            tallest = max(tallest, height)
        return tallest + 2 * PAD_Y

    def _measured(self) -> _Heights:
        """Every body row's height, measured once and shared with the parts of a split."""
        if self._heights is None:
            self._heights = _Heights([self._row_height(row) for row in self._all])
        return self._heights

    def _all_heights(self) -> list[float]:
        return self._measured().each

    def heights(self) -> Sequence[float]:
        """This part's body row heights."""
        return self._all_heights()[self._lo:self._hi]

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = sum(self.widths)
        self.height = self._row_height(self.header) + self._measured().between(self._lo,
                                                                               self._hi)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        heights, lo, hi = self._all_heights(), self._lo, self._hi
        used = self._row_height(self.header)
        fit = 0
        while lo + fit < hi and used + heights[lo + fit] <= availHeight:
            used += heights[lo + fit]
            fit += 1
        if lo + fit == hi:
            return [self]
        if fit == 0:
            if used + heights[lo] <= self.page_height:
                return []  # the row fits on a fresh page: move the table there
            pieces = self._split_row(availHeight - used - 2 * PAD_Y)
            if pieces is None:
                return []  # not one line of the row fits here: start it on the next page
            return [*pieces, self._part(1, hi - lo)] if hi - lo > 1 else pieces
        return [self._part(0, fit), self._part(fit, hi - lo)]

    def _part(self, start: int, end: int) -> RowTable:
        """Rows ``start:end`` of this part, as a view of the same rows."""
        return RowTable(self.header, self._all, self.widths, self.look, self.page_height,
                        _shared=(self._measured(), self._lo + start, self._lo + end),
                        _cells=self._cells, _stripe=self._stripe)

    def _split_row(self, room: float) -> list[Flowable] | None:
        """The first row, taller than a page, as two one-row tables: the lines of each
        cell that fit in ``room`` points, then the rest of every cell (an empty cell where
        all of it fit); None when not one line of a cut cell fits."""
        head: list[TextBlock] = []
        tail: list[TextBlock] = []
        for cell, width in zip(self._all[self._lo], self.widths):
            cell.wrap(width - 2 * PAD_X, 1e9)
            if cell.height <= room:
                head.append(cell)
                tail.append(cell.empty())
                continue
            parts = cell.cut(int((room + 1e-6) // cell.style.leading))
            if parts is None:
                return None
            head.append(parts[0])
            tail.append(parts[1])
        stripe = self._stripe + self._lo
        return [RowTable(self.header, [row], self.widths, self.look, self.page_height,
                         _stripe=stripe) for row in (head, tail)]

    def draw(self) -> None:
        draw_late(self.canv, self)

    def reserve(self, canv: Any) -> None:
        """Give the characters of every cell their subset codes (see :func:`draw_late`);
        a shared cell once."""
        reserved = self._cells.reserved
        for row in (self.header, *(self._all[i] for i in range(self._lo, self._hi))):
            for cell in row:
                if cell not in reserved:
                    if self._kept(cell, row):
                        reserved.add(cell)
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
        heights = self._all_heights()
        rows = [(self.header, self._row_height(self.header), None)] + [
            (self._all[i], heights[i], self._stripe + i + 1) for i in range(self._lo, self._hi)]
        for row, height, index in rows:
            bottom = top - height
            if index is None:
                fills.append(f"{rgb(look.header_fill)} rg 0 {bottom:.3f} {width:.3f} "
                             f"{height:.3f} re f")
            elif look.stripe and index % 2 == 0:
                fills.append(f"{rgb(look.stripe)} rg 0 {bottom:.3f} {width:.3f} {height:.3f} re f")
            rules.append(f"0 {bottom:.3f} m {width:.3f} {bottom:.3f} l S")
            for cell, left, column, placed in zip(row, lefts, self.widths, self._cells.placed):
                found = placed.get(cell)
                if found is None:
                    cell.wrap(column - 2 * PAD_X, 1e9)
                    found = cell.placed(canv, left + PAD_X)
                    if self._kept(cell, row):
                        placed[cell] = found
                texts.append(found.at(top - PAD_Y - found.height))
            top = bottom
        head = (f"{rgb(look.border)} RG {look.header_rule:.2f} w "
                f"0 {self.height:.3f} m {width:.3f} {self.height:.3f} l S {look.rule:.2f} w")
        return "\n".join(["q", *fills, head, *rules, *texts, "Q"])
