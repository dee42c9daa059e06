"""Every field of two samples of 300 figures from the reports without gold, written by hand
before the tool's output was read (tests/fixtures/figures/blind-fields.notes.md), against
the real readers and extraction: the bars issue 14 sets for reports not in this
repository, with a margin."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from exporter.model import Figure
from exporter.readers import read_report

from .documents import dev_report
from .test_labels import label_scores

BLIND = Path(__file__).parent / "fixtures" / "figures" / "blind-fields.jsonl"


def _figures_of(report: str) -> dict[tuple[str, int], Figure]:
    name = f"{report}.txt"
    unlabelled = dev_report("unlabelled") / name
    path = unlabelled if unlabelled.exists() else dev_report(name)
    read = read_report(path.read_bytes(), path.name)
    return {(f.sentence, f.start): f for f in read.figures}


@pytest.mark.parametrize("sample", [3, 4, 5])
def test_every_field_of_a_blind_sample(sample: int) -> None:
    rows = [json.loads(line) for line in BLIND.read_text("utf-8").splitlines()]
    rows = [r for r in rows if r["sample"] == sample and not r.get("out")]
    figures: dict[str, dict[tuple[str, int], Figure]] = {}
    same = {"period": 0, "role": 0, "change": 0, "indicator": 0}
    labelled = []
    for row in rows:
        if row["report"] not in figures:
            figures[row["report"]] = _figures_of(row["report"])
        found = figures[row["report"]]
        figure = found.get((row["sentence"], row["start"]))
        assert figure is not None and figure.text == row["text"], (row["report"], row["text"])
        for field in same:
            same[field] += getattr(figure, field) == row[field]
        labelled.append((figure.metric, row))
    keys, precision = label_scores(labelled)
    assert precision >= 0.92 and keys >= 0.96
    count = len(rows)
    assert same["period"] / count >= 0.95 and same["role"] / count >= 0.95
    assert same["change"] / count >= 0.97 and same["indicator"] / count >= 0.97
