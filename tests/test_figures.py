"""Figure extraction on whole reports: reading order, ids, traceability, the sample's
golden list, the score against the hand-made gold, and the listing formats."""

from __future__ import annotations

import csv
import io
import json
import re
import runpy
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pytest
from wcwidth import wcswidth

from exporter.figures import extract_figures
from exporter.listing import TABLE_COLUMNS, format_figures
from exporter.model import FIGURE_FIELDS as FIELDS
from exporter.model import Paragraph, Report, Section
from exporter.sentences import split_sentences
from tests.conftest import SHARED, check_golden

GOLDEN = Path(__file__).parent / "golden" / "figures" / "sample.jsonl"
#: The fields this extractor owns; metric and period come from labels.py / periods.py.
DETECTED = ("id", "paragraph", "section", "sentence", "text", "number", "value", "unit",
            "base_value", "base_unit", "qualifier", "kind", "start", "end", "value_high",
            "base_value_high", "change")


def _detected(report: Report) -> list[dict[str, Any]]:
    return [{k: asdict(f)[k] for k in DETECTED} for f in report.figures]


def test_sample_matches_golden(sample_model: Report) -> None:
    """The sample's figure list is pinned; ``pytest --update-goldens`` rewrites it after a
    reviewed change."""
    got = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in _detected(sample_model))
    check_golden(GOLDEN, got)


def test_figures_trace_to_their_sentence(sample_model: Report) -> None:
    texts = {p.id: p.text for p, _ in sample_model.paragraphs()}
    assert [f.id for f in sample_model.figures] == [
        f"f{n}" for n in range(1, len(sample_model.figures) + 1)]
    for figure in sample_model.figures:
        paragraph = texts[figure.paragraph]
        sentences = [paragraph[a:b] for a, b in split_sentences(paragraph)]
        assert figure.sentence in sentences
        assert figure.start is not None and figure.end is not None
        assert figure.sentence[figure.start:figure.end] == figure.text
        assert figure.number in figure.text


def test_reading_order_and_no_notes() -> None:
    report = Report(
        preamble=[Paragraph("p1", "去年新增企业30家。")],
        sections=[Section("s1", "一、", "回顾", 1,
                          paragraphs=[Paragraph("s1.p1", "增长5%，达到2万家。")],
                          sections=[Section("s1.1", "（一）", "细目", 2,
                                            paragraphs=[Paragraph("s1.1.p1", "建成8所。")])])],
    )
    figures = extract_figures(report)
    assert [(f.id, f.paragraph, f.section, f.text) for f in figures] == [
        ("f1", "p1", None, "30家"), ("f2", "s1.p1", "s1", "5%"), ("f3", "s1.p1", "s1", "2万家"),
        ("f4", "s1.1.p1", "s1.1", "8所")]


def test_a_count_of_the_items_listed_after_it_labels_the_list() -> None:
    """``采取三项举措。一是…二是…三是…``: the count names the list; a count whose items are
    not all listed after it, or that is written in digits, measures."""
    def texts(paragraph: str) -> list[str]:
        report = Report(sections=[Section("s1", "一、", "安排", 1,
                                          paragraphs=[Paragraph("s1.p1", paragraph)])])
        return [f.text for f in extract_figures(report)]

    listed = "今年将采取三项举措。一是减税5000亿元；二是降费；三是稳就业。"
    assert texts(listed) == ["5000亿元"]
    assert texts(listed.replace("三是稳就业。", "")) == ["三项", "5000亿元"]
    assert texts("新建三个园区。一是东区；二是西区；三是南区；四是北区。") == ["三个"]
    assert texts(listed.replace("三项", "3项")) == ["3项", "5000亿元"]


REPORTS = {"seed": SHARED / "seeds" / "000_6e84a02cfd4264a6.txt",
           "national-gwr-2017": SHARED / "dev-reports" / "national-gwr-2017.txt",
           "sichuan-gwr-2026": SHARED / "dev-reports" / "sichuan-gwr-2026.txt"}


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_detection_meets_the_bar_on_gold(name: str, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    """f1 ≥ 0.95 and values ≥ 0.97 by the shared scorer on each hand-labelled report."""
    scorer = SHARED / "tools" / "score_figures.py"
    gold = SHARED / "gold" / f"{name}-figures.jsonl"
    if not (scorer.exists() and gold.exists() and REPORTS[name].exists()):
        pytest.skip("the shared gold lists are not checked out beside the repository")
    from exporter.readers import read_report

    report = read_report(REPORTS[name].read_bytes(), REPORTS[name].name)
    pred = tmp_path / "pred.jsonl"
    pred.write_text(format_figures(report, "jsonl"), "utf-8")
    score = runpy.run_path(str(scorer))["main"]
    assert score([str(pred), str(gold), "--min-f1", "0.95", "--min-values", "0.97"]) == 0, (
        capsys.readouterr().out)


def test_jsonl_and_json_carry_every_field_unescaped(sample_model: Report) -> None:
    lines = format_figures(sample_model, "jsonl").splitlines()
    assert len(lines) == len(sample_model.figures)
    first = json.loads(lines[0])
    assert tuple(first) == FIELDS
    assert "\\u" not in lines[0] and first["sentence"] in lines[0]
    assert json.loads(format_figures(sample_model, "json")) == [json.loads(x) for x in lines]


def test_csv_has_a_header_and_neutralises_formulas(sample_model: Report) -> None:
    rows = list(csv.reader(io.StringIO(format_figures(sample_model, "csv"))))
    assert tuple(rows[0]) == FIELDS
    assert len(rows) == len(sample_model.figures) + 1
    hostile = Report(preamble=[Paragraph("p1", "=HYPERLINK(1)新增企业30家。")])
    hostile.figures = extract_figures(hostile)
    (row,) = list(csv.DictReader(io.StringIO(format_figures(hostile, "csv"))))
    assert row["sentence"].startswith("'=") and row["text"] == "30家"


def test_table_lines_up_cjk_columns(sample_model: Report) -> None:
    """Every cell starts at the display column of its header, CJK text counted double."""
    lines = format_figures(sample_model, "table").splitlines()
    assert lines[-1] == f"{len(sample_model.figures)} figures"

    def columns(line: str) -> set[int]:
        return {wcswidth(line[:m.start()]) for m in re.finditer(r"\S+(?: \S+)*", line)}

    header = columns(lines[0])
    assert len(header) == len(TABLE_COLUMNS)
    for line in lines[2:-1]:
        assert columns(line) <= header, line
