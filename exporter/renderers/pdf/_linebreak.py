"""Chinese line breaking (避头尾) for the PDF renderer, independent of reportlab.

reportlab's ``wordWrap='CJK'`` splitters (``textsplit.dumbSplit``, ``paragraph.cjkFragSplit``)
keep only some closing marks off a line start, let one character hang into the margin
and do nothing for opening marks at a line end. This module replaces them: a greedy
fill over the characters' advance widths where a break is legal only when

* the next line would not start with closing punctuation (，。、；：？！）》」』”’ …),
  nor with ``…`` or ``—`` (so ``——`` and ``……`` never split),
* the line would not end with opening punctuation (（《「『“‘ …),
* it does not fall inside a run of Latin letters or digits (``3452.6``, ``5G``, ``R&D``).

When closers pile up the break moves back before the character they follow (nothing
hangs), so a line may end short; justification spreads the slack. Only when a line
holds no legal break at all (a URL longer than the line) is it cut where it overflows.
The cost is one pass of C-level prefix sums plus a few comparisons per line.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate

#: Characters that must not start a line (closing marks, pause marks, dashes, ellipses).
NO_START = frozenset(
    "，。、；：？！）》」』”’〉】〕〗｝］〙〛…—·・％‰"
    ",.;:?!)]}%"
    "ー々〻ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ"
)
#: Characters that must not end a line (opening marks).
NO_END = frozenset("（《「『“‘〈【〔〖｛［〘〚([{")
#: Tolerance for rounding in the width sums, in points.
_FUZZ = 1e-6


def _is_word(char: str) -> bool:
    """A character of a Latin or digit run that should not be broken inside."""
    return char.isascii() and not char.isspace() and char not in "()[]{}"


def can_break(text: str, index: int, *, split_words: bool = False) -> bool:
    """Whether a line may end before ``text[index]`` (``0 < index < len(text)``)."""
    after = text[index]
    before = text[index - 1]
    if after in NO_START or before in NO_END:
        return False
    return split_words or not (_is_word(before) and _is_word(after))


def break_lines(text: str, widths: Sequence[float], first_width: float,
                width: float) -> list[tuple[int, int]]:
    """Split ``text`` into lines as ``(start, end)`` index pairs.

    ``widths`` are the advance widths of the characters, ``first_width`` the room on the
    first line (after its indent) and ``width`` the room on the others. Spaces at a
    break are dropped from the start of the next line. Every character except those
    spaces lands in exactly one line, in order.
    """
    n = len(text)
    if n == 0:
        return []
    cum = [0.0, *accumulate(widths)]
    if cum[n] <= first_width + _FUZZ:  # it all fits on the first line (most table cells)
        return [(0, n)]
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
            end = _legal_break(text, start, end)
        lines.append((start, end))
        start = end
        while start < n and text[start] == " ":
            start += 1
        room = width
    return lines


def _legal_break(text: str, start: int, end: int) -> int:
    """The last legal break in ``(start, end]``: the rules first, then only the
    punctuation rules (a Latin run longer than the line), then the overflow point."""
    for split_words in (False, True):
        index = end
        while index > start and not can_break(text, index, split_words=split_words):
            index -= 1
        if index > start:
            return index
    return end
