"""Clauses of a sentence, read alike by every rule of the figure model.

A clause ends at a comma-like mark, but not at one inside brackets or quotes; a colon
between digits writes a ratio (2.52:1), not a break.
"""

from __future__ import annotations

import re
from functools import lru_cache

#: Marks that join the items of a list (``供热、燃气和排水``).
LIST_JOINS = "、和及与"
# Clause delimiters: a figure's subject never crosses them.
_CLAUSE_STOP = re.compile("[，,；;。！？!?：:]")
#: A colon between digits writes a ratio (2.52:1), not a clause break.
_RATIO_COLON = re.compile(r"(?<=[0-9０-９])[:：](?=[0-9０-９])")
_OPEN = "（(《“‘「『【"
_CLOSE = "）)》”’」』】"
_BRACKET_RE = re.compile("[" + re.escape(_OPEN + _CLOSE) + "]")
#: Everything up to the last clause mark of a window, matched in one call (greedy, so it
#: backtracks to the nearest mark); a clause is read back at most ``_REACH`` characters,
#: so a sentence without marks costs no more.
_UP_TO_CLAUSE_MARK = re.compile(r"(?s:.*)[，,；;：:。！？!?（()）]")
_REACH = 80


def clause_before(sentence: str, start: int) -> str:
    """The text of the figure's clause before it (back to the last comma-like mark)."""
    begin = max(0, start - _REACH)
    marked = _UP_TO_CLAUSE_MARK.match(sentence, begin, start)
    return sentence[marked.end() if marked else begin:start]


def clause_bounds(sentence: str, start: int, end: int) -> tuple[int, int]:
    """The clause around the figure: between delimiters outside brackets/quotes."""
    marks = stops(sentence)
    j = marks.find("，", end)
    return marks.rfind("，", 0, start) + 1, j if j >= 0 else len(marks)


@lru_cache(maxsize=512)
def stops(sentence: str) -> str:
    """``mask(sentence)`` with every clause delimiter written as "，", so one find or
    rfind reaches the nearest."""
    return _CLAUSE_STOP.sub("，", _RATIO_COLON.sub("∶", mask(sentence)))  # no translate: slow


@lru_cache(maxsize=512)
def mask(text: str) -> str:
    """Text with everything inside brackets and quotes replaced by '□' (same length)."""
    marks = list(_BRACKET_RE.finditer(text))
    if not marks:
        return text
    out, depth, last = [], 0, 0
    for m in marks:
        i, ch = m.start(), m.group(0)
        out.append("□" * (i - last) if depth else text[last:i])
        if ch in _OPEN:
            depth += 1
        elif depth:
            depth -= 1
        out.append(ch)
        last = i + 1
    out.append("□" * (len(text) - last) if depth else text[last:])
    return "".join(out)
