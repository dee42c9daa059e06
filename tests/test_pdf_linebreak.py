"""Chinese line breaking (避头尾): unit rules, and every line break of the typeset sample."""

from __future__ import annotations

from itertools import pairwise

import pytest

from exporter.model import Report
from exporter.renderers import RenderOptions
from exporter.renderers.pdf._linebreak import NO_END, NO_START, break_lines
from exporter.renderers.pdf._text import Measurer, TextBlock
from exporter.renderers.pdf.fonts import prepare_pdf_fonts
from exporter.renderers.pdf.writer import _Story, drawable
from exporter.theme import load_theme

CLOSERS = "，。、；：？！）》」』”’"
OPENERS = "（《「『“‘"


def violations(lines: list[str]) -> list[str]:
    """Every break that puts a closer (or … —) at a line start or an opener at a line end,
    or splits —— / ……."""
    bad = []
    for before, after in pairwise(lines):
        if after[:1] in CLOSERS or after[:1] in "…—":
            bad.append(f"starts with {after[:1]}: …{before[-6:]}|{after[:6]}…")
        if before[-1:] in OPENERS:
            bad.append(f"ends with {before[-1:]}: …{before[-6:]}|{after[:6]}…")
    return bad


def lay(text: str, per_line: int) -> list[str]:
    spans = break_lines(text, [1.0] * len(text), per_line, per_line)
    return [text[s:e] for s, e in spans]


def test_rule_sets_cover_the_required_marks() -> None:
    assert set(CLOSERS + "…—") <= NO_START
    assert set(OPENERS) <= NO_END


@pytest.mark.parametrize("text", [
    "一二三四五六七八九，十",             # a comma would start line 2
    "一二三四五六七八九”，十一",          # two closers pile up: nothing hangs
    "一二三四五六七八“九十一二",          # an opening quote would end line 1
    "一二三四五六七八九——十一二",        # —— split
    "一二三四五六七八九……十一二",        # …… split
    "一二三四五六七八《九十》。一二三",
])
def test_no_violation_at_any_width(text: str) -> None:
    for width in range(3, len(text) + 1):
        lines = lay(text, width)
        assert "".join(lines) == text
        assert all(sum(1 for _ in line) <= width for line in lines)
        assert violations(lines) == [], (width, lines)


def test_latin_runs_stay_whole_unless_longer_than_a_line() -> None:
    assert lay("一二三四五六3452.6亿元", 8) == ["一二三四五六", "3452.6亿元"]
    long = "x" * 25
    assert "".join(lay(long, 10)) == long  # still breaks, never loops


def test_spaces_at_a_break_are_dropped() -> None:
    assert lay("ab cd ef", 5) == ["ab cd", "ef"]


def test_pathological_closers_still_make_progress() -> None:
    text = "，" * 30
    assert "".join(lay(text, 7)) == text


@pytest.fixture(scope="module", params=["modern", "official"])
def full_lines(request: pytest.FixtureRequest, sample_model_json: Report) -> list[list[str]]:
    """The laid-out lines of every paragraph of the sample as --full typesets them."""
    theme = load_theme(request.param)
    everything = "".join(p.text for p, _ in sample_model_json.paragraphs())
    fonts = prepare_pdf_fonts(theme, everything)
    story = _Story(sample_model_json, theme, RenderOptions(full=True), fonts, Measurer(fonts))
    blocks = [story.paragraph(p) for p, _ in sample_model_json.paragraphs()]
    return [b.line_texts(theme.page.frame_width) for b in blocks]


def test_whole_sample_has_no_bad_break(full_lines: list[list[str]]) -> None:
    breaks = sum(len(lines) - 1 for lines in full_lines)
    assert breaks > 200  # the sample really wraps
    bad = [v for lines in full_lines for v in violations(lines)]
    assert bad == []


def test_whole_sample_keeps_every_character(full_lines: list[list[str]],
                                            sample_model_json: Report) -> None:
    for lines, (paragraph, _) in zip(full_lines, sample_model_json.paragraphs()):
        assert "".join(lines).replace(" ", "") == drawable(paragraph.text).replace(" ", "")


def test_blocks_split_across_pages_keep_the_rule() -> None:
    from tests.factories import make_report

    theme = load_theme("official")
    report = make_report()
    text = "“十二五”时期，全市技术合同成交额达到3452.6亿元——增长明显……" * 400
    fonts = prepare_pdf_fonts(theme, text)
    block = TextBlock(text, _Story(report, theme, RenderOptions(), fonts,
                                   Measurer(fonts)).style("body"), Measurer(fonts))
    width = theme.page.frame_width
    head, tail = block.split(width, theme.page.frame_height)
    lines = head.line_texts(width) + tail.line_texts(width)
    assert "".join(lines) == text
    assert violations(lines) == []
