"""``period_for``: one case per period rule of spec/figures.md, from
tests/fixtures/figures/labels_periods.json."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from exporter.figures.periods import period_for, plan_span

FIXTURE = Path(__file__).parent / "fixtures" / "figures" / "labels_periods.json"
CASES: list[dict[str, Any]] = json.loads(FIXTURE.read_text(encoding="utf-8"))["periods"]


@pytest.mark.parametrize("case", CASES, ids=[c["rule"] for c in CASES])
def test_period_rule(case: dict[str, Any]) -> None:
    sentence, text = case["sentence"], case["text"]
    start = sentence.index(text)
    period = period_for(
        sentence,
        start,
        start + len(text),
        report_year=case["report_year"],
        headings=case["headings"],
        paragraph=case.get("paragraph", sentence),
    )
    assert period == case["period"]


@pytest.mark.parametrize(
    ("n", "span"), [(9, (1996, 2000)), (11, (2006, 2010)), (12, (2011, 2015)), (14, (2021, 2025)),
                    (15, (2026, 2030))]
)
def test_plan_span(n: int, span: tuple[int, int]) -> None:
    assert plan_span(n) == span


def test_relative_words_need_a_report_year() -> None:
    assert period_for("去年新增企业3万户。", 4, 7, report_year=None, headings=[], paragraph="") is None
