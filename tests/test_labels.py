"""``metric_for``: one case per grammar rule, from tests/fixtures/figures/labels_periods.json."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from exporter.figures.labels import metric_for

FIXTURE = Path(__file__).parent / "fixtures" / "figures" / "labels_periods.json"
CASES: list[dict[str, Any]] = json.loads(FIXTURE.read_text(encoding="utf-8"))["labels"]


@pytest.mark.parametrize("case", CASES, ids=[c["rule"] for c in CASES])
def test_label_rule(case: dict[str, Any]) -> None:
    sentence, text = case["sentence"], case["text"]
    start = sentence.index(text)
    metric = metric_for(sentence, start, start + len(text))
    assert case["contains"] in metric
    for word in case["excludes"]:
        assert word not in metric
    # a label, not a clause: the scorer allows about twice the hand-made length
    assert len(metric) <= 2 * len(case["contains"]) + 8


def test_label_never_holds_the_figure_itself() -> None:
    sentence = "全市技术合同成交额从1000亿元增加到2000亿元。"
    start = sentence.index("2000亿元")
    assert metric_for(sentence, start, start + 6) == "全市技术合同成交额"


def test_label_for_a_bare_number_is_a_string() -> None:
    assert isinstance(metric_for("增长5%。", 2, 4), str)
