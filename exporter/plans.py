"""China's five-year plans: their names (“十四五”) and the years each covers.

Shared by the readers (a report that states no date is given the year after the plan its
review looks back on; dates in Chinese numerals) and the figure grammar (a figure's period,
decimals in words)."""

from __future__ import annotations

import re

__all__ = ["CN_DIGITS", "PLAN_NAME", "plan_named", "plan_span"]

#: Chinese digits as plan names, counts and dates write them (二○二五年: ○ for zero too).
CN_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}
#: A plan's name (``“十四五”``, ``十二五``, ``“九五”``), followed by what a name is followed by.
PLAN_NAME = re.compile(r"[“\"]?(十[一二三四五六七八九]|[三四五六七八九十])五[”\"]?"
                       r"(?=时期|期间|期末|以来|规划|末|前|发展|$|[，,。的]|[”\"])")


def plan_span(n: int) -> tuple[int, int]:
    """Years of the n-th five-year plan (third plan onward: 1966-1970, …)."""
    if n == 1:
        return (1953, 1957)
    if n == 2:
        return (1958, 1962)
    start = 1966 + 5 * (n - 3)
    return (start, start + 4)


def plan_named(text: str) -> tuple[int, int] | None:
    """The years of the first plan ``text`` names, its last year alone for its end
    (``“十四五”末``, ``“八五”期末``); None when it names none."""
    m = PLAN_NAME.search(text)
    if not m:
        return None
    word = m.group(1)
    n = 10 + (CN_DIGITS[word[1]] if len(word) == 2 else 0) if word.startswith("十") else CN_DIGITS[word]
    span = plan_span(n)
    end = text[m.end():m.end() + 3].lstrip("”\"")
    return (span[1], span[1]) if end.startswith(("末", "期末")) else span
