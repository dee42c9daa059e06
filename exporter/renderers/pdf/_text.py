"""A paragraph flowable for Chinese text: our own line breaking, plain-text drawing.

Report text is drawn as text, never parsed as reportlab markup, so nothing in it can
become a tag, an image or a link. Lines come from :mod:`._linebreak` (避头尾 rules)
and justified lines spread their slack as character spacing, as CJK typesetting does.
Font fallback runs come from the font set (``runs(role, text, bold)``), so a character
missing from the role's font is drawn from one that has it. The flowable splits between
lines, so a paragraph (or a table cell) longer than a page flows on.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any, Protocol

from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
from reportlab.platypus.flowables import Flowable

from ._compat import canvas_document, draw_moved, drawing_form, shows_boundary, subset_count
from ._linebreak import break_lines
from .fonts import char_class

#: Texts up to this length have their font runs and operators cached (cells repeat).
SHORT_TEXT = 24
#: Characters tested against a font's codes one by one before a regex is made to test
#: more (making one costs about what a set test of 100,000 characters does).
_PATTERN_AFTER = 200_000
#: Share of the font size above the baseline used to place a line inside its leading.
_ASCENT = 0.86


class FontRuns(Protocol):
    """The part of the font set a paragraph needs."""

    def runs(self, role: str, text: str, bold: bool = False) -> list[tuple[str, str]]: ...


@dataclass(frozen=True, eq=False)
class TextStyle:
    """The typography of one paragraph kind, in points (built from a theme role).

    Compared and hashed by identity: the layout caches look a style up per cell and per
    line, and the story makes each distinct style once (``_Story.style``)."""

    role: str
    size: float
    leading: float
    color: str = "000000"
    align: str = "left"
    first_indent: float = 0.0
    left_indent: float = 0.0
    right_indent: float = 0.0
    space_before: float = 0.0
    space_after: float = 0.0
    char_spacing: float = 0.0
    bold: bool = False
    #: Draw bold by stroking the outline (no bold face is available for the role).
    fake_bold: bool = False
    keep_with_next: bool = False

    def but(self, **changes: Any) -> TextStyle:
        """A copy with some fields changed."""
        return replace(self, **changes)


class Measurer:
    """Per-character advance widths, cached by font, size and tracking, for one build."""

    def __init__(self, fonts: FontRuns) -> None:
        self.fonts = fonts
        self._tables: dict[tuple[str, float, float], dict[str, float]] = {}
        self._writer: TextWriter | None = None
        self._runs: dict[tuple[str, bool, str], list[tuple[str, str]]] = {}
        self._broken: dict[tuple[Any, ...], list[tuple[int, int]]] = {}
        self._measured: dict[tuple[TextStyle, str], _Source] = {}
        #: Short blocks as drawn (:meth:`TextBlock._drawn`), for the current writer.
        self.drawn: dict[tuple[Any, ...], _Drawn] = {}
        self._reserved: set[tuple[str, bool, str]] = set()
        #: Font name → its characters by falling frequency (see :meth:`prime`).
        self.primed: dict[str, str] = {}

    def prime(self, font: str, text: str) -> None:
        """Order ``font``'s subset codes by character frequency in ``text``: with the
        commonest characters sharing a subset, lines switch subsets far less often."""
        self.primed[font] = "".join(c for c, _ in Counter(text).most_common())

    def writer(self, canv: Any) -> TextWriter:
        """The text writer for the document ``canv`` draws into."""
        doc = canvas_document(canv)
        if self._writer is None or self._writer.doc is not doc:
            self._writer = TextWriter(doc, self.primed)
            self.drawn.clear()
            self._reserved.clear()
        return self._writer

    def runs(self, style: TextStyle, text: str) -> list[tuple[str, str]]:
        """The font runs of ``text``; short texts (table cells repeat them) are cached."""
        if len(text) > SHORT_TEXT:
            return self.fonts.runs(style.role, text, style.bold)
        key = (style.role, style.bold, text)
        found = self._runs.get(key)
        if found is None:
            found = self._runs[key] = self.fonts.runs(style.role, text, style.bold)
        return found

    def measure(self, style: TextStyle, text: str) -> tuple[list[tuple[str, str]], Sequence[float]]:
        """The font runs of ``text`` and its character widths (see :meth:`source`).
        Callers never mutate the lists."""
        found = self.source(style, text)
        return found.runs, found.widths

    def source(self, style: TextStyle, text: str) -> _Source:
        """``text`` measured in ``style``; one object for each short text (table cells
        repeat them), measured once and shared by the blocks that show it."""
        if len(text) > SHORT_TEXT:
            runs = self.fonts.runs(style.role, text, style.bold)
            return _Source(text, runs, self.widths(runs, style))
        key = (style, text)
        found = self._measured.get(key)
        if found is None:
            runs = self.runs(style, text)
            found = self._measured[key] = _Source(text, runs, self.widths(runs, style))
        return found

    def reserved(self, key: tuple[str, bool, str]) -> bool:
        """Whether the short text ``key`` (role, bold, text) has had its characters'
        codes given by the current writer; it has from now on."""
        if key in self._reserved:
            return True
        self._reserved.add(key)
        return False

    def break_lines(self, text: str, style: TextStyle, widths: Sequence[float],
                    first_width: float, width: float, keep: tuple[tuple[int, int], ...] = (),
                    orphans: bool = True) -> list[tuple[int, int]]:
        """:func:`._linebreak.break_lines`, remembered for short texts; only for
        widths that follow from the text and style alone."""
        if len(text) > SHORT_TEXT:
            return break_lines(text, widths, first_width, width, keep, orphans)
        key = (style, text, first_width, width, keep, orphans)
        found = self._broken.get(key)
        if found is None:
            found = self._broken[key] = break_lines(text, widths, first_width, width, keep,
                                                    orphans)
        return found

    def widths(self, runs: Sequence[tuple[str, str]], style: TextStyle) -> list[float]:
        """The advance width of every character of ``runs`` in order."""
        result: list[float] = []
        for font, chunk in runs:
            key = (font, style.size, style.char_spacing)
            table = self._tables.get(key)
            if table is None:
                table = self._tables[key] = _WidthTable(font, style.size, style.char_spacing)
            result.extend(map(table.__getitem__, chunk))  # __missing__ measures new ones
        return result


class _WidthTable(dict[str, float]):
    """char → width for one font and size, filled on first use."""

    def __init__(self, font: str, size: float, tracking: float) -> None:
        super().__init__()
        self.font, self.size, self.tracking = font, size, tracking

    def __missing__(self, char: str) -> float:
        width = float(stringWidth(char, self.font, self.size)) + self.tracking
        self[char] = width
        return width


class _Source:
    """The text of a block as measured: characters, font runs (with each run's start)
    and advance widths, shared by every part the block is split into."""

    __slots__ = ("bounds", "runs", "text", "widths")

    def __init__(self, text: str, runs: list[tuple[str, str]], widths: Sequence[float]) -> None:
        self.text, self.runs, self.widths = text, runs, widths
        self.bounds = _run_bounds(runs)


class _Lines(Sequence[tuple[int, int]]):
    """Lines ``lo:hi`` of a list of (start, end) ranges, each moved back by ``shift``: the
    lines of a split block's part as a view of its source's, so that splitting a block
    over k pages costs its lines once, not lines × k (each part rebased every line)."""

    def __init__(self, ranges: Sequence[tuple[int, int]], lo: int, hi: int, shift: int) -> None:
        self._ranges, self._lo, self._hi, self._shift = ranges, lo, hi, shift

    @classmethod
    def of(cls, ranges: Sequence[tuple[int, int]], lo: int = 0, hi: int | None = None,
           shift: int = 0) -> _Lines:
        """Lines ``lo:hi`` of ``ranges`` moved back by ``shift`` (of a view: one view of the
        list below it)."""
        end = len(ranges) if hi is None else hi
        if isinstance(ranges, _Lines):
            return ranges.view(lo, end, shift)
        return cls(ranges, lo, end, shift)

    def view(self, lo: int, hi: int, shift: int) -> _Lines:
        """Lines ``lo:hi`` of this view, moved back by ``shift`` more."""
        return _Lines(self._ranges, self._lo + lo, self._lo + hi, self._shift + shift)

    def __len__(self) -> int:
        return self._hi - self._lo

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            start, stop, step = index.indices(len(self))
            if step != 1:
                raise ValueError("line views take no step")
            return self.view(start, max(start, stop), 0)
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        a, b = self._ranges[self._lo + index]
        return a - self._shift, b - self._shift

    def __iter__(self) -> Any:
        shift = self._shift
        for i in range(self._lo, self._hi):
            a, b = self._ranges[i]
            yield a - shift, b - shift


class TextBlock(Flowable):  # type: ignore[misc]  # reportlab ships no types
    """One paragraph of plain text laid out with Chinese line breaking.

    ``lead`` (length, role, bold) draws the first ``length`` characters in another role's
    font (a paragraph's lead sentence). ``link`` makes the block a link to that named
    destination; ``outline``
    (title, key, level) bookmarks it and adds it to the document outline. ``keep`` spans
    (a figure's number and unit) do not break across lines where that can be helped;
    ``orphans=False`` (titles) leaves no single character on the last line.
    """

    def __init__(self, text: str, style: TextStyle, measurer: Measurer, *,
                 lead: tuple[int, str, bool] | None = None, link: str | None = None,
                 outline: tuple[str, str, int] | None = None,
                 keep: tuple[tuple[int, int], ...] = (), orphans: bool = True,
                 _state: tuple[_Source, int, int, bool] | None = None,
                 _laid: tuple[Sequence[tuple[int, int]], float] | None = None) -> None:
        super().__init__()
        #: The keep spans in the source's positions, shared by the parts of a split (see
        #: :attr:`keep`); a new block's source is its text.
        self._keep_in_source, self.orphans = keep, orphans
        self.style = style
        self.measurer = measurer
        self.link = link
        self.outline = outline
        self.keepWithNext = style.keep_with_next
        if _state is None:
            if lead and 0 < lead[0] < len(text):
                length, role, bold = lead
                runs = (measurer.fonts.runs(role, text[:length], bold)
                        + measurer.runs(style, text[length:]))
                widths = measurer.widths(runs, style)
                self._source = _Source(text, runs, widths)
            else:
                self._source = measurer.source(style, text)
            self._lo, self._hi, self.first = 0, len(text), True
        else:
            self._source, self._lo, self._hi, self.first = _state
        #: Widths follow from text and style alone (no lead font): line breaks may be shared.
        self._plain = _state is None and not (lead and 0 < lead[0] < len(text))
        self._lines: Sequence[tuple[int, int]] = _laid[0] if _laid else []
        self._laid_width = _laid[1] if _laid else -1.0

    # A part of a split block is a view of its source's text, runs and widths (its range
    # ``_lo:_hi``), never a copy: a paragraph of a million characters split over a
    # thousand pages would otherwise copy its rest once a page.

    @property
    def text(self) -> str:
        """The characters of this block (of its part, after a split)."""
        source = self._source
        return source.text if self._lo == 0 and self._hi == len(source.text) \
            else source.text[self._lo:self._hi]

    @property
    def runs(self) -> list[tuple[str, str]]:
        """The (font, text) runs of this block."""
        source = self._source
        return _slice_runs(source.runs, source.bounds, self._lo, self._hi)

    @property
    def keep(self) -> tuple[tuple[int, int], ...]:
        """The spans of this block (of its part) that line breaking keeps whole; worked
        out when asked (a part re-broken at a new width), not at every split."""
        lo, hi = self._lo, self._hi
        if lo == 0 and hi == len(self._source.text):
            return self._keep_in_source
        return tuple((a - lo, b - lo) for a, b in self._keep_in_source if lo <= a and b <= hi)

    @property
    def widths(self) -> Sequence[float]:
        """The advance width of each character of this block."""
        source = self._source
        return source.widths if self._lo == 0 and self._hi == len(source.text) \
            else source.widths[self._lo:self._hi]

    # -- layout ---------------------------------------------------------------------

    def _first_room(self, width: float) -> float:
        indent = self.style.first_indent if self.first else 0.0
        return self._room(width) - indent

    def _room(self, width: float) -> float:
        return width - self.style.left_indent - self.style.right_indent

    def lines(self, width: float) -> Sequence[tuple[int, int]]:
        """The (start, end) character ranges of the lines at this frame width."""
        if width != self._laid_width:
            first, rest = self._first_room(width), self._room(width)
            self._lines = (self.measurer.break_lines(self.text, self.style, self.widths, first,
                                                     rest, self.keep, self.orphans)
                           if self._plain else
                           break_lines(self.text, self.widths, first, rest, self.keep,
                                       self.orphans))
            self._laid_width = width
        return self._lines

    def line_texts(self, width: float) -> list[str]:
        """The text of each laid-out line (what tests check the break rules on)."""
        return [self.text[s:e] for s, e in self.lines(width)]

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        self.height = len(self.lines(availWidth)) * self.style.leading
        return availWidth, self.height

    def getSpaceBefore(self) -> float:
        return self.style.space_before if self.first else 0.0

    def getSpaceAfter(self) -> float:
        return self.style.space_after

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        lines = _Lines.of(self.lines(availWidth))  # its parts' lines are views of these
        fit = int((availHeight + 1e-6) // self.style.leading)
        if fit >= len(lines):
            # Asked to split though it fits (reportlab's table splitter measures a cell
            # with a stale height): no split is needed here, and [] is the answer every
            # caller handles, where [self] made the table splitter index a second part.
            return []
        if len(lines) >= 4:  # no single orphan or widow line when it can be helped
            fit = min(fit, len(lines) - 2)
            if fit < 2:
                fit = 0
        if fit <= 0:
            return []
        cut = lines[fit][0]
        head = self._part(0, lines[fit - 1][1], lines[:fit], availWidth, first=self.first)
        tail = self._part(cut, self._hi - self._lo, lines[fit:], availWidth, first=False)
        return [head, tail]

    def cut(self, count: int) -> tuple[TextBlock, TextBlock] | None:
        """This block, as last laid out, as its first ``count`` lines and the rest (a table
        cell split inside its row, where no orphan rule applies); None when ``count`` is
        not between 1 and the number of lines less one."""
        lines, width = _Lines.of(self._lines), self._laid_width
        if not 0 < count < len(lines):
            return None
        head = self._part(0, lines[count - 1][1], lines[:count], width, first=self.first)
        tail = self._part(lines[count][0], self._hi - self._lo, lines[count:], width,
                          first=False)
        return head, tail

    def empty(self) -> TextBlock:
        """A block in this one's style with no text (a cell whose text has all been drawn)."""
        return self._part(0, 0, [], self._laid_width, first=False)

    def _part(self, start: int, end: int, lines: Sequence[tuple[int, int]], width: float, *,
              first: bool) -> TextBlock:
        """The block holding characters ``start:end`` of this one, a view of the same
        source, with its lines (already broken at ``width``) carried over rather than
        broken again: a greedy fill's lines after the first are the fill of the rest, and
        a tail's first line has the room of any later line (no paragraph indent). Lines
        and keep spans are views, never copies: a block split over k pages would copy its
        rest k times."""
        part = TextBlock("", self.style, self.measurer, link=self.link,
                         outline=self.outline if first else None, keep=self._keep_in_source,
                         orphans=self.orphans,
                         _state=(self._source, self._lo + start, self._lo + end, first),
                         _laid=(_Lines.of(lines, shift=start), width))
        # A block too tall to keep with the next one stays so in its parts: a tail still
        # taller than a page, kept with what follows, was moved from page to page forever.
        part.keepWithNext = self.keepWithNext
        return part

    # -- drawing --------------------------------------------------------------------

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        """``Flowable.drawOn`` for a block that only shows text: the same operators (q,
        the move, the text, Q) without saving and restoring the canvas's whole state,
        none of which the text changes (a tenth of a long document's layout). A block
        with a bookmark or a link, or a subclass that draws more, goes the whole way."""
        if (self.outline or self.link or type(self).draw is not TextBlock.draw
                or shows_boundary(self)):
            super().drawOn(canvas, x, y, _sW)
            return
        draw_moved(canvas, self, x, y, _sW, late_operators(canvas, self))

    def draw(self) -> None:
        canv = self.canv
        draw_late(canv, self)
        if self.outline:
            title, key, level = self.outline
            canv.bookmarkHorizontal(key, 0, self.height)
            canv.addOutlineEntry(title, key, level, closed=level > 0)
        if self.link:
            canv.linkRect("", self.link, (0, 0, self.width, self.height), relative=1,
                          thickness=0)

    def reserve(self, canv: Any) -> None:
        """Give the characters this block shows their subset codes (see :func:`draw_late`)."""
        measurer = self.measurer
        writer = measurer.writer(canv)
        source = self._source
        if self._plain and len(source.text) <= SHORT_TEXT and measurer.reserved(
                (self.style.role, self.style.bold, source.text)):
            return  # a short text shown before: its characters have their codes
        for font, chunk in self.runs:
            writer.reserve(font, chunk)

    def content(self, canv: Any) -> str:
        """The operators of the block at the current origin."""
        return self.operators(canv, 0.0, 0.0)

    def operators(self, canv: Any, x0: float, y0: float) -> str:
        """The PDF operators drawing the laid-out block with its lower left at (x0, y0)
        in the current user space (one text object; colour set inside it)."""
        return self.placed(canv, x0).at(y0)

    def placed(self, canv: Any, x0: float) -> Placed:
        """The block as laid out, drawn with its left edge at ``x0``: everything but its
        height on the page (a table keeps it for a cell in its column)."""
        style = self.style
        opening, lines = self._drawn(canv)
        right = x0 + self.width - style.right_indent
        starts, tails = [], []
        for room, shift, shown in lines:
            x = right - room
            if shift is not None:
                x += shift
            starts.append(f"1 0 0 1 {x:.3f} ")
            tails.append(f" Tm {shown}")
        return Placed(opening, starts, tails, self.height, style)

    def _drawn(self, canv: Any) -> _Drawn:
        """What :meth:`operators` draws, less the block's position: remembered for a
        short block (a table's cells repeat their texts)."""
        if not self._plain or len(self._source.text) > SHORT_TEXT:
            return self._draw_lines(canv)
        key = (self.style, self._source.text, self.width, self.first,
               self._keep_in_source, self.orphans)
        drawn = self.measurer.drawn
        found = drawn.get(key)
        if found is None:
            found = drawn[key] = self._draw_lines(canv)
        return found

    def _draw_lines(self, canv: Any) -> _Drawn:
        """The text object's opening operators and, for each line, its room, the shift of
        its start (None: none) and its spacing and show operators."""
        style = self.style
        writer = self.measurer.writer(canv)
        colour = rgb(style.color)
        opening = f"BT\n{colour} rg"
        if style.fake_bold:
            opening += f"\n{colour} RG {style.size * 0.04:.3f} w 2 Tr"
        source, lo = self._source, self._lo
        runs, bounds, widths, text = source.runs, source.bounds, source.widths, source.text
        single = runs[0][0] if len(runs) == 1 else None
        ranges = self.lines(self.width)
        last = len(ranges) - 1
        align, size = style.align, style.size
        rooms = (self._first_room(self.width),
                 self._room(self.width) if last else 0.0)  # the second only if used
        lines: list[tuple[float, float | None, str]] = []
        for number, (start, end) in enumerate(ranges):
            start, end = start + lo, end + lo
            trimmed = end
            while trimmed > start and text[trimmed - 1] == " ":
                trimmed -= 1
            room = rooms[0] if number == 0 else rooms[1]
            shift = None
            spacing = style.char_spacing
            if align != "left":
                slack = room - sum(widths[start:trimmed])
                if align == "center":
                    shift = slack / 2
                elif align == "right":
                    shift = slack
                elif align == "justify" and number != last and trimmed - start > 1 and slack > 0:
                    spacing += slack / (trimmed - start - 1)
            shows = ([writer.show(single, size, text[start:trimmed])] if single is not None
                     else [writer.show(font, size, chunk)
                           for font, chunk in _slice_runs(runs, bounds, start, trimmed)])
            lines.append((room, shift, "\n".join([f"{spacing:.4f} Tc", *shows])))
        return opening, lines


#: A block's text object less its position: the opening operators, and for each line its
#: room, the shift of its start and its spacing and show operators.
_Drawn = tuple[str, list[tuple[float, "float | None", str]]]


class Placed:
    """A block's operators at a known left edge, waiting for where its bottom goes."""

    __slots__ = ("_ascent", "_gap", "_leading", "_opening", "_starts", "_tails", "height")

    def __init__(self, opening: str, starts: list[str], tails: list[str], height: float,
                 style: TextStyle) -> None:
        self._opening, self._starts, self._tails = opening, starts, tails
        self.height = height
        self._leading = style.leading
        #: How far the first baseline lies below the top, in the two steps it is taken.
        self._gap = (style.leading - style.size) / 2
        self._ascent = style.size * _ASCENT

    def at(self, y0: float) -> str:
        """The operators with the block's lower left at height ``y0``."""
        top = y0 + self.height - self._gap - self._ascent
        if len(self._tails) == 1:  # most table cells
            return f"{self._opening}\n{self._starts[0]}{top:.3f}{self._tails[0]}\nET"
        leading = self._leading
        return "\n".join([self._opening,
                          *[f"{start}{top - number * leading:.3f}{tail}"
                            for number, (start, tail) in enumerate(zip(self._starts,
                                                                        self._tails))],
                          "ET"])


def draw_late(canv: Any, drawing: Any) -> None:
    """Add ``drawing``'s operators to the page (:func:`late_operators`)."""
    canv.addLiteral(late_operators(canv, drawing))


def late_operators(canv: Any, drawing: Any) -> str:
    """``drawing``'s operators, or a token standing for them when the canvas makes them
    after layout (``canv.late``, see :mod:`._deferred`); a form's content is always drawn
    at once."""
    late = getattr(canv, "late", None)
    if late is not None and not drawing_form(canv):
        return str(late.token(drawing))
    return str(drawing.content(canv))


def rgb(color: str) -> str:
    """``RRGGBB`` as the three PDF colour components."""
    return _RGB.get(color) or _RGB.setdefault(color, " ".join(
        f"{int(color[i:i + 2], 16) / 255:.4g}" for i in (0, 2, 4)))


_RGB: dict[str, str] = {}


class TextWriter:
    """Turns (font, text) runs into PDF text operators for one document, fast.

    reportlab's ``textOut`` re-measures and re-encodes every string character by
    character; here each distinct character is assigned its subset code once (through
    the font's own ``splitString``, so subsetting and ToUnicode maps stay reportlab's)
    and later strings are encoded with ``str.translate``, cut into runs of one subset by
    one regex and drawn as hex strings.
    """

    #: Where the packed (subset, code) characters start: plane 4, where Unicode assigns
    #: no character, so no real character of a text can pass for a packed one.
    _BASE = 0x40000

    def __init__(self, doc: Any, primed: dict[str, str] | None = None) -> None:
        self.doc = doc
        #: Font name → characters to assign codes to first, most frequent first.
        self.primed = primed or {}
        self._tables: dict[str, dict[int, str]] = {}
        #: Font name → the characters its table holds (a set, for C-level subset tests).
        self._known: dict[str, set[str]] = {}
        #: Font name → a regex of any character it has no code for, and how many
        #: characters were tested against its codes since they last grew (``_has_codes``).
        self._lacking: dict[str, re.Pattern[str]] = {}
        self._tested: dict[str, int] = {}
        #: Font name → how many subsets its table's codes use, as of its last assignment.
        self._subsets: dict[str, int] = {}
        self._shown: dict[tuple[str, float, str], str] = {}
        #: Fonts registered with the document by :meth:`reserve`.
        self._registered: set[str] = set()
        #: Set once every drawn character has its code: a new one then is a bug, not a
        #: glyph to add (the font subsets may already be written).
        self.frozen = False
        self._splitters: dict[tuple[str, float, int], _Splitter] = {}

    def show(self, font_name: str, size: float, text: str) -> str:
        """The operators that select the right subsets and show ``text``."""
        if len(text) <= SHORT_TEXT:
            key = (font_name, size, text)
            found = self._shown.get(key)
            if found is None:
                found = self._shown[key] = self._show(font_name, size, text)
            return found
        return self._show(font_name, size, text)

    def _show(self, font_name: str, size: float, text: str) -> str:
        table = self._tables.get(font_name)
        if table is None or not self.frozen:
            # Once frozen every character has its code: the runs below prove it, and
            # only a missing one goes back through reserve (which then fails loudly).
            font = self.reserve(font_name, text)
            if not getattr(font, "_dynamicFont", False):  # a CID font such as STSong-Light
                name = self.doc.getInternalFontName(font_name)
                # Its UCS-2 encoding cannot hold characters beyond the BMP (emoji, CJK
                # Extension B): show the geta mark 〓, print's sign for a missing glyph.
                text = "".join(c if ord(c) <= 0xFFFF else "〓" for c in text)
                return f"{name} {size:g} Tf ({font.formatForPdf(text)}) Tj"
            table = self._tables[font_name]
        pattern, shows = self._splitter(font_name, size)
        runs = pattern.findall(text.translate(table))
        if sum(map(len, runs)) != len(text):  # a character with no code: once frozen,
            self.reserve(font_name, text)  # reserve fails loudly; it gave all others one
            raise RuntimeError(f"a character of {text!r} has no code in {font_name}")
        return " ".join(map(shows.__getitem__, runs))

    def _table(self, font: Any, font_name: str) -> dict[int, str]:
        """A new code table for ``font``, its primed characters assigned first."""
        table = self._tables[font_name] = {}
        self._known[font_name] = set()
        self._subsets[font_name] = 0
        if font_name in self.primed:  # frequent characters first: longer subset runs
            self._assign(font, font_name, [c for c in self.primed[font_name]
                                           if ord(c) in font.face.charToGlyph])
        return table

    def reserve(self, font_name: str, text: str) -> Any:
        """Give the characters of ``text`` their codes in ``font_name`` now (astral ones
        too), and register the font with the document; returns the font."""
        font = getFont(font_name)
        if not getattr(font, "_dynamicFont", False):  # a CID font: no subsets to fill,
            self.doc.getInternalFontName(font_name)  # but registered here all the same
            return font
        if font_name not in self._tables:
            self._table(font, font_name)
        known = self._known[font_name]
        if not self._has_codes(font_name, text):
            self._assign(font, font_name, sorted(set(text) - known))
        if known and font_name not in self._registered:
            # The first subset name a font is asked for registers the font with the
            # document (its resource name, its embedding): do it here, in document order,
            # not in whichever process happens to draw the font first.
            font.getSubsetInternalName(0, self.doc)
            self._registered.add(font_name)
        return font

    def _has_codes(self, font_name: str, text: str) -> bool:
        """Whether every character of ``text`` has its code in ``font_name``. A set test
        makes an object of each character; once a font's codes have been tested against
        enough text since they last grew, one regex of the characters they lack is made
        and searched instead, without any (ten times faster on a long document's
        paragraphs, which are all tested before their page streams are made)."""
        lacking = self._lacking.get(font_name)
        if lacking is None:
            known = self._known[font_name]
            tested = self._tested[font_name] = self._tested.get(font_name, 0) + len(text)
            if tested < _PATTERN_AFTER or not known:
                return known.issuperset(text)
            lacking = self._lacking[font_name] = char_class(known, negate=True)
        return lacking.search(text) is None

    def _assign(self, font: Any, font_name: str, chars: Sequence[str]) -> None:
        """Give each character its (subset, code) through the font's own splitString."""
        if self.frozen:
            raise RuntimeError(f"characters drawn without a reserved code: {chars!r}")
        self._lacking.pop(font_name, None)
        self._tested[font_name] = 0
        table, known = self._tables[font_name], self._known[font_name]
        for char in chars:
            for subset, code in font.splitString(char, self.doc):
                table[ord(char)] = chr(self._BASE + (subset << 8) + code[0])
            known.add(char)
        if chars:
            self._subsets[font_name] = subset_count(font, self.doc)

    def _splitter(self, font_name: str, size: float) -> _Splitter:
        """A regex matching each run of packed characters from one subset (of those the
        font's table uses), and the show operators of each run met so far."""
        count = self._subsets[font_name]
        key = (font_name, size, count)
        found = self._splitters.get(key)
        if found is None:
            font = getFont(font_name)
            pattern = re.compile("|".join(
                f"[{chr(self._BASE + (k << 8))}-{chr(self._BASE + (k << 8) + 255)}]+"
                for k in range(count)) or "(?!)")
            prefixes: dict[str, str] = {}
            for k in range(count):
                prefix = f"{font.getSubsetInternalName(k, self.doc)} {size:g} Tf <"
                prefixes.update((chr(self._BASE + (k << 8) + code), prefix)
                                for code in range(256))
            found = self._splitters[key] = (pattern, _RunShows(prefixes))
        return found


class _RunShows(dict[str, str]):
    """The show operators of each short run of packed characters of one subset, made
    when a run is first met. A line of Chinese text switches subsets every two or three
    characters (half a million runs in a long document), and those short runs recur (half
    of them on the real dev reports), so most are looked up rather than formatted again;
    a longer run seldom comes back, and is formatted each time rather than kept."""

    __slots__ = ("_prefixes",)

    def __init__(self, prefixes: dict[str, str]) -> None:
        super().__init__()
        #: Each packed character's operator prefix (font selection, hex string opening).
        self._prefixes = prefixes

    def __missing__(self, run: str) -> str:
        code = run.encode("utf-32-be")[3::4].hex()  # each character's low byte: its code
        shown = f"{self._prefixes[run[0]]}{code}> Tj"
        if len(run) <= _KEPT_RUN:
            self[run] = shown
        return shown


#: The longest run whose show operators :class:`_RunShows` keeps.
_KEPT_RUN = 8


#: A font's run pattern and its runs' show operators (``TextWriter._splitter``).
_Splitter = tuple[re.Pattern[str], _RunShows]


def _run_bounds(runs: Sequence[tuple[str, str]]) -> list[int]:
    """The start offset of every run."""
    bounds, pos = [], 0
    for _, chunk in runs:
        bounds.append(pos)
        pos += len(chunk)
    return bounds


def _slice_runs(runs: Sequence[tuple[str, str]], bounds: Sequence[int], start: int,
                end: int) -> list[tuple[str, str]]:
    """The (font, text) pieces of the character range [start, end)."""
    if len(runs) == 1:
        return [(runs[0][0], runs[0][1][start:end])]
    pieces = []
    for (font, chunk), pos in zip(runs, bounds):
        lo, hi = max(start, pos), min(end, pos + len(chunk))
        if lo < hi:
            pieces.append((font, chunk[lo - pos:hi - pos]))
    return pieces

