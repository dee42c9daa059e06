"""The figure grammar tries many of its patterns only on text that holds a word every
match of the pattern needs (``if "到" in label: _DANGLING.sub(...)``): a cheap ``in`` test
before a regular expression. Such a guard is a hand-kept copy of what the pattern needs,
so a pattern edited later (a new alternative without that word) would be skipped
silently where it should match. Each guard is checked here against its pattern's parse
tree: every way the pattern can match passes through one of the guard's words."""

from __future__ import annotations

import re

# The parse tree of re (the private ``re._parser``, stable across 3.11–3.13): a test's
# way to read what a pattern needs, never the tool's.
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

import pytest

from exporter.figures import labels, periods


def _needs(items: list[tuple[Any, Any]], words: tuple[str, ...]) -> bool:
    """Whether every match of the node sequence ``items`` holds one of ``words``: a run of
    literal nodes spelling a word, or a node whose every match holds one."""
    literals = "".join(chr(av) if op is sre.LITERAL else "\0" for op, av in items)
    if any(word in literals for word in words):
        return True
    return any(_node_needs(op, av, words) for op, av in items)


def _node_needs(op: Any, av: Any, words: tuple[str, ...]) -> bool:
    single = {w for w in words if len(w) == 1}
    if op is sre.IN:  # a class: needs a word when every character it takes is one
        return bool(single) and all(
            (kind is sre.LITERAL and chr(value) in single)
            or (kind is sre.RANGE and all(chr(c) in single for c in range(value[0], value[1] + 1)))
            for kind, value in av)
    if op is sre.SUBPATTERN:
        return _needs(list(av[3]), words)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        return av[0] >= 1 and _needs(list(av[2]), words)
    if op is sre.ATOMIC_GROUP:
        return _needs(list(av), words)
    if op is sre.BRANCH:
        return all(_needs(list(alternative), words) for alternative in av[1])
    return False  # a lookaround, an anchor, any other character: matches nothing needed


def needs(pattern: re.Pattern[str], *words: str) -> bool:
    """Whether every match of ``pattern`` holds one of ``words``."""
    return _needs(list(sre_parse.parse(pattern.pattern, pattern.flags)), words)


#: (pattern, the words its guard tests for) as the grammar writes them.
GUARDS = [
    (labels._DANGLING, ("到", "至", "为", "达")),
    (labels._EMPTY_RELATIVE, ("的",)),
    (labels._BASIS_FRAME, ("基础上",)),
    (labels._SCOPE_PHRASE, ("在",)),
    (labels._ASPECT, ("了",)),
    (labels._NUMERAL_STUB, ("/", "／")),
    (labels._RANK_TAIL, ("前", "第", "每")),
    (labels._COMPARISON_TAIL, ("比", "较")),
    (labels._TIME_SUFFIX, ("年", "季", "五")),
    (labels._PER_HEAD_TAIL, ("每", "均")),
    (labels._SCOPE_TAIL, ("在",)),
    (labels._STYLE, ("全", "目标", "预期")),
]


@pytest.mark.parametrize(("pattern", "words"), GUARDS,
                         ids=[f"{p.pattern[:24]}…" for p, _ in GUARDS])
def test_a_guard_holds_what_every_match_of_its_pattern_needs(
        pattern: re.Pattern[str], words: tuple[str, ...]) -> None:
    assert needs(pattern, *words), f"{pattern.pattern!r} can match without any of {words}"


def test_the_check_itself_tells_a_pattern_that_can_do_without_the_word() -> None:
    assert needs(re.compile("(?:达到|增至|为)$"), "到", "至", "为")
    assert not needs(re.compile("(?:达到|增至|为|超过)$"), "到", "至", "为")
    assert not needs(re.compile("了?$"), "了")
    assert needs(re.compile("[/／]$"), "/", "／")
    assert not needs(re.compile("(?=了)x"), "了")


def test_the_style_guard_reads_the_label_start_as_the_pattern_does() -> None:
    """``metric_for`` tries the region prefix of ``_STYLE`` only on a label that starts
    with 全: the pattern must be anchored there, and its other branch needs 目标 or 预期."""
    ((op, (_, (prefix, suffix))),) = list(sre_parse.parse(labels._STYLE.pattern))
    assert op is sre.BRANCH
    assert prefix[0] == (sre.AT, sre.AT_BEGINNING) and _needs(list(prefix[1:2]), ("全",))
    assert _needs(list(suffix), ("目标", "预期"))


def test_the_frame_phrases_need_a_year_or_a_plan() -> None:
    """``carried_frame`` skips a paragraph without 年 or 五."""
    phrase = re.compile(periods._FRAME_PHRASE + ")")  # the fragment leaves its group open
    assert needs(phrase, periods._YEAR_CHAR, periods._PLAN_CHAR)
