"""The text reader's line helpers: ASCII punctuation made full-width beside Chinese, and
the opening sentence of a paragraph."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exporter.readers._lines import normalize_punct
from exporter.sentences import first_sentence, split_sentences


@pytest.mark.parametrize(("line", "expected"), [
    ("增长3%,较上年", "增长3%，较上年"),
    ("增长3% , 较上年", "增长3%，较上年"),  # the spaces around a mark go with it
    ("中 , , 文", "中，，文"),
    ("a , ;中", "a , ；中"),  # the space after a mark that stays is that mark's
    ("中,;b", "中，;b"),  # a mark is judged by the text around it, not by a turned one
    ("1,000元", "1,000元"),
    ("07:41发布", "07:41发布"),
    ("提高到3.5: 1", "提高到3.5: 1"),
    ("增长3%!", "增长3%！"),  # a mark ending Chinese text
    ("中,", "中，"),
    ("a,", "a,"),
    (" ,中", "，中"),
    ("PM2.5, 下降", "PM2.5，下降"),
    ("(中)", "（中）"),
    ("a(b)c", "a(b)c"),
    ("x (2015) 年", "x (2015) 年"),
    # a blank between Chinese text, a number and its unit goes: the report writes them together
    ("达到39.8 万亿元，增长21.4 %，新增就业 5870 万人", "达到39.8万亿元，增长21.4%，新增就业5870万人"),
    ("2011 年 3 月 5 日", "2011年3月5日"),
    ("5G 基站", "5G 基站"),
])
def test_normalize_punct_turns_marks_beside_chinese_only(line: str, expected: str) -> None:
    assert normalize_punct(line) == expected


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="。！？!?”） \u3000a中", max_size=12))
def test_first_sentence_is_split_sentences_first_when_another_follows(text: str) -> None:
    spans = split_sentences(text)
    expected = text[spans[0][0]:spans[0][1]] if len(spans) >= 2 else None
    assert first_sentence(text) == expected


def _sentences_by_hand(text: str) -> list[tuple[int, int]]:
    """The spans split_sentences promises, worked out the plain way: pieces cut after
    each run of end marks (and closing quotes), blanks trimmed, blank pieces dropped."""
    spans, start = [], 0
    for end in [m.end() for m in re.finditer(r"[。！？!?]+[”’」』）)]*", text)] + [len(text)]:
        piece = text[start:end]
        if piece.strip():
            begin = start + len(piece) - len(piece.lstrip())
            spans.append((begin, begin + len(piece.strip())))
        start = end
    return spans


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="。！？!?”）」 \u3000\na中，", max_size=16))
def test_split_sentences_cuts_after_end_marks_and_trims_blanks(text: str) -> None:
    assert split_sentences(text) == _sentences_by_hand(text)


def test_split_sentences_keeps_a_run_on_paragraph_whole() -> None:
    """A paragraph with no end mark is one sentence, blanks around it trimmed."""
    text = "中" * 200_000
    assert split_sentences(text) == [(0, len(text))]
    assert split_sentences(" 甲。乙 ") == [(1, 3), (3, 4)]
