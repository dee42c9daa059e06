"""Cell-level helpers of the workbook: safe text, unit-aware number formats, column widths
and a zip writer with pinned entry times.

Kept apart from ``xlsx.py`` so the rules that make the workbook safe and reproducible can be
read (and tested) on their own.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from typing import IO, Any

from .._office import PinnedZip, open_written, xml_safe

#: Excel's limit on the characters of one cell (counted in UTF-16 code units).
MAX_CELL_CHARS = 32_767
TRUNCATION_MARKER = "…[truncated]"
#: A text starting with one of these is a formula (or DDE payload) to Excel or LibreOffice.
FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")
#: Unit text that may stand inside a quoted number-format literal.
_FORMAT_SAFE_UNIT = re.compile(r'^[^"\\\x00-\x1f;\[\]\ud800-\udfff\ufffe\uffff]{1,12}$')
#: What openpyxl writes for a write-only sheet that was given no rows.
EMPTY_SHEET_DATA = b"<sheetData></sheetData>"
MIN_WIDTH = 6
MAX_WIDTH = 60


def build_date(moment: dt.datetime) -> dt.datetime:
    """The build instant as the naive UTC time stamped into properties and zip entries."""
    # Zip times cannot precede 1980; Excel dates cannot follow 9999.
    floor = dt.datetime(1980, 1, 1, tzinfo=dt.UTC)
    return max(moment, floor).replace(tzinfo=None)


@lru_cache(maxsize=1024)
def cell_text(value: str) -> str:
    """Report text made storable in a cell: XML-illegal characters dropped, cut to Excel's
    limit. Remembered: a sentence or paragraph recurs in the row of each of its figures."""
    text = xml_safe(value)  # openpyxl raises IllegalCharacterError on the C0 ones
    if len(text) <= MAX_CELL_CHARS // 2:
        return text
    units = text.encode("utf-16-le")
    if len(units) <= 2 * MAX_CELL_CHARS:
        return text
    room = MAX_CELL_CHARS - len(TRUNCATION_MARKER)
    # xml_safe left no lone surrogate, so a cut between the halves of a pair leaves only a
    # dangling high half, which "ignore" drops: the character did not fit.
    return units[:2 * room].decode("utf-16-le", errors="ignore") + TRUNCATION_MARKER


def needs_quote_prefix(text: str) -> bool:
    """Whether a spreadsheet would read ``text`` as a formula if typed in."""
    return text.startswith(FORMULA_LEADS)


def finite(value: float | None) -> float | int | None:
    """A number a cell can hold, or None: NaN, infinities and numbers beyond a double have
    no cell form; integers past 2**53 are written as doubles, as a spreadsheet holds them."""
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (OverflowError, TypeError, ValueError):
        return None
    if not math.isfinite(number):
        return None
    return value if isinstance(value, int) and abs(value) <= 2**53 else number


def decimals(value: float, limit: int = 4) -> int:
    """Decimal places ``value`` needs (as written, rounding noise ignored), at most ``limit``."""
    text = f"{abs(value):.{limit}f}".rstrip("0")
    return len(text.split(".")[1]) if "." in text else 0


def _quoted(unit: str) -> str:
    return f'"{unit}"' if _FORMAT_SAFE_UNIT.match(unit) else ""


def _digits(places: int) -> str:
    return "#,##0" + ("." + "0" * places if places else "")


def value_format(value: float, unit: str, places: int | None = None) -> tuple[str, str]:
    """Number format and display text of a value in its stated unit (``3,452.6亿元``);
    ``places`` defaults to the decimals the value needs."""
    if finite(value) is None:
        return "General", ""
    places = decimals(value) if places is None else places
    shown = f"{value:,.{places}f}"
    suffix = _quoted(unit)
    return _digits(places) + suffix, shown + (unit if suffix else "")


def base_format(value: float, base_unit: str) -> tuple[str, str]:
    """Number format and display text of a base value: ratios as real percentages
    (0.141 → ``14.1%``), multiples with ×, other base units as a literal suffix."""
    if finite(value) is None:
        return "General", ""
    if base_unit == "ratio":
        percent = finite(value * 100)  # None past a double's range (an integer ratio of 1e307)
        if percent is None:
            return "General", ""
        places = decimals(percent)
        return "0" + ("." + "0" * places if places else "") + "%", f"{percent:.{places}f}%"
    places = decimals(value)
    unit = "×" if base_unit == "times" else base_unit
    suffix = _quoted(unit)
    return _digits(places) + suffix, f"{value:,.{places}f}" + (unit if suffix else "")


class _NarrowDropper(dict[int, int | None]):
    """A ``str.translate`` table deleting every character that is not East Asian Wide or
    Fullwidth (CJK extension planes count as Wide), so ``len(text.translate(...))``
    counts the wide ones in C. Each distinct character is classified once, on first use."""

    def __missing__(self, code: int) -> int | None:
        wide = (0x20000 <= code <= 0x3FFFD
                or (code < 0x20000 and unicodedata.east_asian_width(chr(code)) in ("W", "F")))
        self[code] = code if wide else None
        return self[code]


_KEEP_WIDE = _NarrowDropper()


def _wide_count(text: str) -> int:
    """How many East Asian Wide or Fullwidth characters ``text`` holds."""
    return len(text.translate(_KEEP_WIDE))


def display_width(text: str, cap: int = MAX_WIDTH) -> int:
    """Display units of ``text``'s longest line: 2 for each W/F character, 1 otherwise;
    stops counting past ``cap``."""
    longest = 0
    for line in text.split("\n"):
        head = line[:cap]
        longest = max(longest, len(head) + _wide_count(head))
        if longest >= cap:
            return cap
    return longest


def wrapped_lines(text: str, column_width: float, font_size: float) -> int:
    """Lines ``text`` takes when wrapped in a column ``column_width`` units wide.

    A width unit is about 7 px (a digit of the default 11 pt font); a W/F character of a
    ``font_size`` pt font is ``font_size`` × 4/3 px, a narrow one half that. Neither Excel's
    first display nor LibreOffice's import grows rows to fit wrapped text reliably, so
    the renderer sets the height itself."""
    room = max(column_width * 7 + 5, 1)
    per_unit = font_size * 4 / 3 / 2
    lines = 0
    for line in text.split("\n"):
        units = len(line) + _wide_count(line)
        lines += max(1, math.ceil(units * per_unit / room))
    return lines


class WidthTracker:
    """Column widths fitted to the formatted text shown, plus a margin, capped.

    Every character is 1 or 2 units wide, so a text's length bounds its width from below and
    twice its length from above: only texts that could beat the longest one are kept, and
    they are measured longest first, stopping once no shorter one can win."""

    def __init__(self, columns: int, cap: int = MAX_WIDTH) -> None:
        self.cap = cap
        self.longest = [0] * columns
        self.candidates: list[list[str]] = [[] for _ in range(columns)]

    def see(self, column: int, shown: str) -> None:
        size = len(shown)
        self.longest[column] = max(self.longest[column], size)
        if size * 2 > self.longest[column]:
            self.candidates[column].append(shown)

    def _units(self, column: int) -> int:
        best = 0
        for text in sorted(set(self.candidates[column]), key=len, reverse=True):
            if best >= self.cap or len(text) * 2 <= best:
                break
            best = max(best, display_width(text, self.cap))
        return best

    def widths(self, caps: dict[int, int] | None = None) -> list[float]:
        limits = caps or {}
        return [float(max(MIN_WIDTH, min(self._units(n) + 2, limits.get(n, self.cap))))
                for n in range(len(self.longest))]


#: A part whose rows are written separately: (its name in the zip, asked for when the part
#: is written; the encoded rows to put into its empty ``<sheetData>``; the encoded
#: elements that follow ``sheetData`` there, such as ``<hyperlinks>``, or None).
Splice = tuple[Callable[[], str], Callable[[], Iterable[bytes]],
               Callable[[], Iterable[bytes]] | None]
#: What may follow the spliced elements: the print and page set-up openpyxl writes next.
_AFTER_SPLICE = (b"<printOptions", b"<pageMargins", b"<pageSetup", b"<tableParts", b"</worksheet")


class SplicingZip(PinnedZip):
    """The workbook's :class:`PinnedZip`: sheets named in ``splices`` get their rows
    streamed in where openpyxl left ``sheetData`` empty."""

    def __init__(self, out: IO[bytes], moment: dt.datetime,
                 splices: Sequence[Splice] = ()) -> None:
        super().__init__(out, moment)
        self._splices = splices

    def write(self, filename: Any, arcname: Any = None, compress_type: Any = None,
              compresslevel: Any = None) -> None:
        name = str(arcname or filename)
        splice = next((s for s in self._splices if s[0]() == name), None)
        if splice is None:
            super().write(filename, arcname)
            return
        with open_written(filename) as source, self.open(self.entry(name), "w") as target:
            _, rows, after = splice
            head, empty, tail = source.read().partition(EMPTY_SHEET_DATA)
            if not empty:
                raise ValueError(f"{name}: no empty sheetData to fill")
            target.write(head + b"<sheetData>")
            for chunk in rows():
                target.write(chunk)
            target.write(b"</sheetData>")
            if after is not None:
                if not tail.startswith(_AFTER_SPLICE):  # the schema's element order
                    raise ValueError(f"{name}: unexpected element after sheetData")
                for chunk in after():
                    target.write(chunk)
            target.write(tail)
