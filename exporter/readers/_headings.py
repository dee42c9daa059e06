"""Headings: the four label styles, unnumbered top-level headings, and the rules that
make a line a heading.

A label at the start of a line (一、 / （一） / 1. / （1）) is a heading only when its title
is short and the numbering continues: （二） follows （一） at the same level, and a style
seen for the first time opens a new level below the current one, starting at one. Levels
nest by the order in which styles first appear, not by a fixed mapping, so ``1.`` may sit
directly under ``一、``.

Some reports leave their top-level headings unnumbered (“十四五”时期工作回顾, 2026年工作
安排): a short line of its own, without punctuation, between complete paragraphs, that
names the review or the plan and its time (the reader decides). Such a heading (style
``bare``) is always at level 1; numbered styles go below it, and a numbered
style that was at level 1 before it may continue there after it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..sentences import END_MARKS
from ._lines import has_cjk

MAX_LEVEL = 4
#: Longest title a heading may have; longer label lines are numbered paragraphs. A label
#: that continues an open sequence (（三） after （二）) may carry a longer one.
MAX_TITLE = 60
MAX_SIBLING_TITLE = 100

_CN = "一二三四五六七八九十"
_STYLES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("cn", re.compile(rf"^([{_CN}]{{1,3}})\s*(?:[、．]|\.(?!\d))")),
    ("paren-cn", re.compile(rf"^[（(]\s*([{_CN}]{{1,3}})\s*[）)]")),
    ("num", re.compile(r"^(\d{1,2})\s*(?:[.．](?!\d)|、)")),
    ("paren-num", re.compile(r"^[（(]\s*(\d{1,2})\s*[）)]")),
)
_SENTENCE_END = re.compile(f"[{END_MARKS}]")

BARE = "bare"
#: Longest unnumbered heading; top-level titles are short.
MAX_BARE_TITLE = 40
_BARE_BREAKS = re.compile(r"[，。；：！？,;:!?]")
#: Characters a heading never ends with: a line ending so is a piece of a broken sentence.
_DANGLING = "的和与及或在对把将被从向以为是了着、“‘（《—-"


def cn_number(text: str) -> int | None:
    """一 → 1, 十 → 10, 十二 → 12, 二十三 → 23; None for anything else."""
    if not text or any(ch not in _CN for ch in text):
        return None
    if "十" not in text:
        return _CN.index(text) + 1 if len(text) == 1 else None
    tens, _, units = text.partition("十")
    if len(tens) > 1 or len(units) > 1 or "十" in units:
        return None
    value = (_CN.index(tens) + 1 if tens else 1) * 10
    return value + (_CN.index(units) + 1 if units else 0)


@dataclass(frozen=True)
class Label:
    """A numbering label at the start of a line and the text after it."""

    style: str
    number: int
    text: str
    rest: str


def match_label(line: str) -> Label | None:
    """The label that opens ``line``, if any (``1.2万家`` has none)."""
    first = line[:1]
    if not first or not (first in _CN or first in "（(" or first.isdecimal()):
        return None  # every label opens with a numeral or a bracket (\d: any decimal digit)
    for style, pattern in _STYLES:
        match = pattern.match(line)
        if match is None:
            continue
        digits = match.group(1)
        number = int(digits) if digits.isdigit() else cn_number(digits)
        if number is None or number == 0:
            return None
        return Label(style, number, match.group().strip(), line[match.end():].strip())
    return None


def split_heading(rest: str, limit: int = MAX_TITLE) -> tuple[str, str] | None:
    """``(title, run-in body)`` of a labelled line, or None when the text after the label
    does not read as a title (longer than ``limit``, a list item with ；, no Chinese)."""
    end = _SENTENCE_END.search(rest)
    title, body = (rest[: end.start()], rest[end.end():]) if end else (rest, "")
    title, body = title.strip(), body.strip()
    if not title or len(title) > limit or not has_cjk(title):
        return None
    if "；" in title or ";" in title:
        return None
    return title, body


def bare_title(line: str) -> bool:
    """True when ``line`` has the form of an unnumbered heading: short, Chinese, with no
    label and no punctuation inside or at its end, and not a broken-off piece of text."""
    if not (4 <= len(line) <= MAX_BARE_TITLE) or not has_cjk(line):
        return False
    if match_label(line) is not None or _BARE_BREAKS.search(line):
        return False
    return line[-1] not in _DANGLING and line[0] not in "”’）)》」』"


class Outline:
    """The open headings, outermost first, as (style, number) pairs."""

    def __init__(self) -> None:
        self.open: list[tuple[str, int]] = []
        #: The last number of each numbered style seen at level 1, so the numbering can
        #: go on at level 1 after an unnumbered heading there.
        self.top: dict[str, int] = {}

    def top_style(self) -> str | None:
        """The style of the open level-1 heading, if any."""
        return self.open[0][0] if self.open else None

    def continues(self, label: Label) -> bool:
        """True when ``label`` is the next number of a style already open."""
        return any(style == label.style and label.number == number + 1
                   for style, number in self.open)

    def place(self, label: Label, standalone: bool) -> int | None:
        """The level (1-based) at which ``label`` continues the outline, or None when it
        does not; a standalone heading line may skip one number (a page lost a heading)."""
        if label.style == BARE:
            return 1
        styles = [style for style, _ in self.open]
        if label.style not in styles and label.number == self.top.get(label.style, -1) + 1:
            return 1
        if label.style in styles:
            depth = styles.index(label.style)
            last = self.open[depth][1]
            if label.number == last + 1 or (standalone and label.number == last + 2):
                return depth + 1
            return None
        if label.number == 1 and len(self.open) < MAX_LEVEL:
            return len(self.open) + 1
        return None

    def enter(self, label: Label, level: int) -> None:
        """Record ``label`` as the open heading at ``level``, closing any deeper ones."""
        del self.open[level - 1:]
        self.open.append((label.style, label.number))
        if level == 1 and label.style != BARE:
            self.top[label.style] = label.number
