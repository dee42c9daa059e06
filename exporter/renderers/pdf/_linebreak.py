"""Chinese line breaking (避头尾) for the PDF renderer, independent of reportlab.

reportlab's ``wordWrap='CJK'`` splitters (``textsplit.dumbSplit``, ``paragraph.cjkFragSplit``)
keep only some closing marks off a line start, let one character hang into the margin
and do nothing for opening marks at a line end. This module replaces them: a greedy
fill over the characters' advance widths where a break is legal only when

* the next line would not start with closing punctuation (，。、；：？！）》」』”’ …),
  nor with ``…`` or ``—`` (so ``——`` and ``……`` never split),
* the line would not end with opening punctuation (（《「『“‘ …),
* it does not fall inside a run of Latin letters or digits (``3452.6``, ``5G``, ``R&D``),
* it does not fall inside a span the caller keeps whole (a figure's number with its unit:
  ``90万亿元``, ``三分之一以上``).

When closers pile up the break moves back before the character they follow (nothing
hangs), so a line may end short; justification spreads the slack. A kept span longer
than a line may break inside (the punctuation rules still hold); only when a line holds
no legal break at all (a URL longer than the line) is it cut where it overflows.
``orphans=False`` (titles) moves breaks back so the last line never holds one character.
The cost is one pass of C-level prefix sums plus a few comparisons per line.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate

from .._kinsoku import NO_END, NO_START, can_break

__all__ = ["NO_END", "NO_START", "break_lines", "can_break"]

#: Tolerance for rounding in the width sums, in points.
_FUZZ = 1e-6


def break_lines(text: str, widths: Sequence[float], first_width: float,
                width: float, keep: Sequence[tuple[int, int]] = (),
                orphans: bool = True) -> list[tuple[int, int]]:
    """Split ``text`` into lines as ``(start, end)`` index pairs.

    ``widths`` are the advance widths of the characters, ``first_width`` the room on the
    first line (after its indent) and ``width`` the room on the others; ``keep`` holds
    ``(start, end)`` spans not to break inside. Spaces at a break are dropped from the
    start of the next line. Every character except those spaces lands in exactly one
    line, in order. With ``orphans`` False the last line holds more than one character
    whenever a narrower measure can give it that.
    """
    n = len(text)
    if n == 0:
        return []
    cum = [0.0, *accumulate(widths)]
    if cum[n] <= first_width + _FUZZ:  # it all fits on the first line (most table cells)
        return [(0, n)]
    glued = frozenset(i for start, end in keep for i in range(start + 1, end))
    lines = _fill(text, cum, first_width, width, glued)
    if orphans or len(lines) < 2:
        return lines
    # a lone character (its closing marks aside) on the last line: narrow the measure
    # until the break moves back, as long as that adds no line
    step = max(widths) if widths else 1.0
    narrower = width
    while _visible(text, lines[-1]) <= 1 and narrower > 2 * step:
        narrower -= step
        trial = _fill(text, cum, min(first_width, narrower), narrower, glued)
        if len(trial) > len(lines):
            break
        if _visible(text, trial[-1]) > 1:
            return trial
    return lines


def _visible(text: str, line: tuple[int, int]) -> int:
    """How many characters of a line are not punctuation that cannot start it."""
    return sum(1 for char in text[line[0]:line[1]] if char not in NO_START and char != " ")


def _fill(text: str, cum: list[float], first_width: float, width: float,
          glued: frozenset[int]) -> list[tuple[int, int]]:
    """The greedy fill of :func:`break_lines` (``glued``: indices no break may precede)."""
    n = len(text)
    lines: list[tuple[int, int]] = []
    start = 0
    room = first_width
    while start < n:
        # the longest prefix of text[start:] that fits
        end = bisect_right(cum, cum[start] + room + _FUZZ, start + 1) - 1
        if end >= n:
            lines.append((start, n))
            break
        if end <= start:
            end = start + 1  # not even one character fits: take one anyway
        else:
            end = _legal_break(text, start, end, glued)
        lines.append((start, end))
        start = end
        while start < n and text[start] == " ":
            start += 1
        room = width
    return lines


def _legal_break(text: str, start: int, end: int, glued: frozenset[int] = frozenset()) -> int:
    """The last legal break in ``(start, end]``: all the rules first, then a kept span
    may break, then a Latin run too (the punctuation rules always hold), then the
    overflow point."""
    for split_words, keep in ((False, glued), (False, frozenset()), (True, frozenset())):
        index = end
        while index > start and (index in keep
                                 or not can_break(text, index, split_words=split_words)):
            index -= 1
        if index > start:
            return index
    return end
