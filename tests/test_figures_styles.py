"""Figures of report styles the labelled reports do not cover (tests/fixtures/figures/styles.json):
detection, value, qualifier, label and period of each, through the same calls
``extract_figures`` makes."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest

from exporter.figures.detect import find_figures
from exporter.figures.labels import metric_for
from exporter.figures.periods import period_for

CASES: list[dict[str, Any]] = json.loads(
    (Path(__file__).parent / "fixtures" / "figures" / "styles.json").read_text("utf-8"))["cases"]
#: A label longer than this is a clause, not a column header.
MAX_LABEL = 20


@pytest.mark.parametrize("case", CASES, ids=[f"{c['style']}:{c['sentence'][:14]}" for c in CASES])
def test_style(case: dict[str, Any]) -> None:
    sentence = case["sentence"]
    got = []
    for f in find_figures(sentence):
        metric = metric_for(sentence, f.start, f.end)
        period = period_for(sentence, f.start, f.end, report_year=case["report_year"],
                            headings=case["headings"], paragraph=case.get("paragraph", sentence))
        got.append((f, metric, period))
    assert [(f.text, f.number, f.unit, f.base_unit, f.qualifier) for f, _, _ in got] == [
        tuple(w[:3] + w[4:6]) for w in case["figures"]]
    for (f, metric, period), want in zip(got, case["figures"]):
        assert math.isclose(f.base_value, want[3], rel_tol=1e-6), (f.text, f.base_value)
        assert want[6] in metric and len(metric) <= MAX_LABEL, (f.text, metric, want[6])
        assert period == want[7], (f.text, period)
