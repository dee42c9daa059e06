"""Word's automatic numbering rendered into the labels it shows (``一、``, ``（二）``, ``3.``).

A numbered paragraph names a list (``w:numId``) and a level (``w:ilvl``), directly or
through its style; the list's definition gives each level a start, a number format and a
label pattern (``%1、``, ``（%2）``). Counters are kept per list as Word keeps them: a level
counts on, and every deeper level starts again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lxml.etree import _Element  # type: ignore[import-untyped]

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_LEVELS = 9
_DIGITS = "零一二三四五六七八九"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


@dataclass(frozen=True)
class _Level:
    start: int
    fmt: str
    text: str


def chinese_count(number: int) -> str:
    """一, 十, 十一, 二十三, 一百零五: the counting form Word's chineseCounting shows."""
    if number <= 0:
        return _DIGITS[0]
    if number < 10:
        return _DIGITS[number]
    if number < 20:
        return "十" + (_DIGITS[number % 10] if number % 10 else "")
    if number < 100:
        return _DIGITS[number // 10] + "十" + (_DIGITS[number % 10] if number % 10 else "")
    rest = number % 100
    head = _DIGITS[number // 100 % 10] + "百" if number < 1000 else str(number // 100)
    if not rest:
        return head
    return head + ("零" + _DIGITS[rest] if rest < 10 else chinese_count(rest)
                   if rest >= 20 else "一" + chinese_count(rest))


def _letters(number: int) -> str:
    """a … z, aa … zz (Word repeats the letter)."""
    if number <= 0:
        return ""
    return chr(ord("a") + (number - 1) % 26) * ((number - 1) // 26 + 1)


def _roman(number: int) -> str:
    out = []
    for value, digits in _ROMAN:
        while number >= value:
            out.append(digits)
            number -= value
    return "".join(out)


def format_number(number: int, fmt: str) -> str:
    """``number`` in a ``w:numFmt`` format; decimal for formats not rendered here."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "chineseLegalSimplified",
               "japaneseCounting", "taiwaneseCounting", "ideographDigital"):
        return chinese_count(number)
    if fmt == "ideographTraditional" and 1 <= number <= len(_STEMS):
        return _STEMS[number - 1]
    if fmt == "decimalEnclosedCircle" and 1 <= number <= len(_CIRCLED):
        return _CIRCLED[number - 1]
    if fmt == "upperLetter":
        return _letters(number).upper()
    if fmt == "lowerLetter":
        return _letters(number)
    if fmt == "upperRoman":
        return _roman(number).upper()
    if fmt == "lowerRoman":
        return _roman(number)
    if fmt == "decimalZero":
        return f"{number:02d}"
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(c) + 0xFEE0) for c in str(number))
    return str(number)


class Numbering:
    """The lists of one document, and the counters of the paragraphs read so far."""

    def __init__(self, lists: dict[str, tuple[str, dict[int, _Level], dict[int, int]]],
                 styles: dict[str, tuple[str | None, str | None, str | None]]) -> None:
        self._lists = lists
        self._styles = styles
        self._counters: dict[str, list[int | None]] = {}

    @classmethod
    def of(cls, document: object) -> Numbering:
        """The numbering definitions and numbered styles of a python-docx document."""
        part = document.part  # type: ignore[attr-defined]
        try:
            root = part.numbering_part.element
        except (NotImplementedError, KeyError):
            root = None
        lists: dict[str, tuple[str, dict[int, _Level], dict[int, int]]] = {}
        if root is not None:
            abstract = {node.get(f"{W}abstractNumId"): _levels(node)
                        for node in root.iter(f"{W}abstractNum")}
            for num in root.iter(f"{W}num"):
                abstract_id = _val(num.find(f"{W}abstractNumId")) or ""
                overrides = {int(o.get(f"{W}ilvl") or 0): int(_val(o.find(f"{W}startOverride")) or 1)
                             for o in num.iter(f"{W}lvlOverride")
                             if o.find(f"{W}startOverride") is not None}
                key = num.get(f"{W}numId") or ""
                counter_key = key if overrides else f"a{abstract_id}"
                lists[key] = (counter_key, abstract.get(abstract_id, {}), overrides)
        styles: dict[str, tuple[str | None, str | None, str | None]] = {}
        for style in document.styles.element.iter(f"{W}style"):  # type: ignore[attr-defined]
            num_pr = style.find(f"{W}pPr/{W}numPr")
            based = _val(style.find(f"{W}basedOn"))
            styles[style.get(f"{W}styleId") or ""] = (
                _val(num_pr.find(f"{W}numId")) if num_pr is not None else None,
                _val(num_pr.find(f"{W}ilvl")) if num_pr is not None else None,
                based)
        return cls(lists, styles)

    def label(self, paragraph: _Element) -> str | None:
        """The label Word shows before ``paragraph`` (and count it), or None."""
        num_id, level = self._num_pr(paragraph)
        if num_id is None or num_id == "0" or num_id not in self._lists:
            return None
        counter_key, levels, overrides = self._lists[num_id]
        if level not in levels:
            return None
        counts = self._counters.setdefault(counter_key, [None] * _LEVELS)
        current = counts[level]
        counts[level] = (current + 1 if current is not None
                         else overrides.get(level, levels[level].start))
        for deeper in range(level + 1, _LEVELS):
            counts[deeper] = None
        spec = levels[level]
        if spec.fmt in ("bullet", "none"):
            return None
        text = spec.text
        for index in range(level + 1):
            value = counts[index]
            if value is None:
                value = overrides.get(index, levels[index].start if index in levels else 1)
            fmt = levels[index].fmt if index in levels else "decimal"
            text = text.replace(f"%{index + 1}", format_number(value, fmt))
        return text or None

    def _num_pr(self, paragraph: _Element) -> tuple[str | None, int]:
        num_pr = paragraph.find(f"{W}pPr/{W}numPr")
        num_id = ilvl = None
        if num_pr is not None:
            num_id, ilvl = _val(num_pr.find(f"{W}numId")), _val(num_pr.find(f"{W}ilvl"))
        style = _val(paragraph.find(f"{W}pPr/{W}pStyle"))
        seen: set[str] = set()
        while num_id is None and style and style not in seen:
            seen.add(style)
            style_num, style_level, style = self._styles.get(style, (None, None, None))
            num_id, ilvl = style_num, ilvl or style_level
        level = int(ilvl) if ilvl and ilvl.isdigit() else 0
        return num_id, min(level, _LEVELS - 1)


def _levels(abstract: _Element) -> dict[int, _Level]:
    levels: dict[int, _Level] = {}
    for lvl in abstract.iter(f"{W}lvl"):
        index = lvl.get(f"{W}ilvl") or "0"
        start = _val(lvl.find(f"{W}start")) or "1"
        levels[int(index) if index.isdigit() else 0] = _Level(
            start=int(start) if start.isdigit() else 1,
            fmt=_val(lvl.find(f"{W}numFmt")) or "decimal",
            text=_val(lvl.find(f"{W}lvlText")) or "")
    return levels


def _val(node: _Element | None) -> str | None:
    return None if node is None else node.get(f"{W}val")
