"""``metric_for``: one case per grammar rule, from tests/fixtures/figures/labels_periods.json."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from exporter.figures import extract_figures, labels
from exporter.figures.detect import find_figures
from exporter.figures.labels import metric_for
from exporter.model import Meta, Paragraph, Report

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
    assert metric.endswith(case["contains"][-1]) or not re.search("[向以在对把被从与和的]$", metric)


@pytest.mark.parametrize(("text", "labels_by_text"), [
    ("市场主体稳步壮大。总量达到520万户，新登记62万户。", {"520万户": "市场主体总量"}),
    ("消费市场持续回暖。规模突破8000亿元。", {"突破8000亿元": "消费市场规模"}),
    ("工业经济稳中有进。规模达到3万亿元。", {"3万亿元": "工业经济规模"}),
    ("我们攻坚克难。总量达到520万户。", {"520万户": "总量"}),  # no topic in the lead
    ("市场主体稳步壮大，新登记62万户。总量达到520万户。", {"520万户": "总量"}),  # a figure's
])
def test_a_bare_measure_opening_a_sentence_takes_the_topic_of_its_lead(
        text: str, labels_by_text: dict[str, str]) -> None:
    """A short sentence with no figure that names a topic and how it fares leads the next:
    a measure the next opens with and names no owner of is the topic's."""
    report = Report(meta=Meta(year=2026), preamble=[Paragraph(id="p1", text=text)])
    found = {f.text: f.metric for f in extract_figures(report)}
    assert {t: found[t] for t in labels_by_text} == labels_by_text


def test_label_never_holds_the_figure_itself() -> None:
    sentence = "全市技术合同成交额从1000亿元增加到2000亿元。"
    start = sentence.index("2000亿元")
    assert metric_for(sentence, start, start + 6) == "技术合同成交额"  # 全市: the report's own


def test_label_for_a_bare_number_is_a_string() -> None:
    assert isinstance(metric_for("增长5%。", 2, 4), str)


_SUBJECT_CHARS = "规上工业增加值农村居民人均可支配收入粮食产量高速公路里程企业研发投入森林覆盖率"
_VERBS = st.sampled_from(["", "达到", "增长", "下降", "减少", "新增", "提高到", "累计", "完成"])
_UNITS = st.sampled_from(["%", "家", "万人", "亿元", "公里", "个百分点", "万亩次", "∶1"])
_NUMBERS = st.decimals(min_value=1, max_value=99999, places=1, allow_nan=False,
                       allow_infinity=False)


@settings(max_examples=150, deadline=None, database=None, derandomize=True)
@given(subjects=st.lists(st.text(_SUBJECT_CHARS, min_size=2, max_size=8), min_size=1,
                         max_size=3),
       verb=_VERBS, numbers=st.lists(_NUMBERS, min_size=1, max_size=3), unit=_UNITS,
       tail=st.sampled_from(["。", "，居全国前列。", "以上。", "、增长5%。"]))
def test_no_label_holds_its_own_figure(subjects: list[str], verb: str, numbers: list[Decimal],
                                       unit: str, tail: str) -> None:
    """However subjects, verbs and list runs combine, a figure's label never holds the
    figure's own numeral."""
    figures_text = "、".join(f"{n}{unit}" for n in numbers)
    sentence = "、".join(subjects) + verb + figures_text + tail
    for figure in find_figures(sentence):
        metric = metric_for(sentence, figure.start, figure.end)
        assert figure.text not in metric, (sentence, figure.text, metric)
        core = figure.number.rstrip("万亿")
        assert not re.search(rf"(?<![0-9.]){re.escape(core)}(?![0-9.])", metric), (
            sentence, figure.number, metric)


LABELLED = Path(__file__).parent / "fixtures" / "figures" / "label-sentences.jsonl"


def _precision_form(label: str) -> str:
    """A label as label precision compares it: no report-wide prefix, no target suffix."""
    return re.sub(r"(?:预期目标|目标|预期)$", "", re.sub(r"^(?:全省|全市|全国|全区)", "", label))


def label_scores(labelled: list[tuple[str, dict[str, Any]]]) -> tuple[float, float]:
    """(share of labels holding their hand-made key, mean label precision) of pairs of a
    label and the hand-made line it is scored against."""
    keys = sum(gold["metric_key"] in metric for metric, gold in labelled)
    similarity = sum(SequenceMatcher(None, _precision_form(metric), _precision_form(gold["metric"]),
                                     autojunk=False).ratio() for metric, gold in labelled)
    return keys / len(labelled), similarity / len(labelled)


def test_no_label_holds_another_figure_of_its_sentence() -> None:
    """Over every real sentence of the fixtures, a label never holds the text of another
    figure of its sentence (``其中出口5200亿元、进口2600亿元`` once labelled its first part
    ``进口2600亿元``)."""
    fixtures = Path(__file__).parent / "fixtures" / "figures"
    sentences = {row["sentence"] for name in ("blind-paragraphs.jsonl", "label-sentences.jsonl")
                 for row in map(json.loads, (fixtures / name).read_text("utf-8").splitlines())
                 if row.get("sentence")}
    sentences.add("全年进出口总额7800亿元，其中出口5200亿元、进口2600亿元。")
    for sentence in sentences:
        found = find_figures(sentence)
        for figure in found:
            label = metric_for(sentence, figure.start, figure.end)
            others = [f.text for f in found if f is not figure and any(c.isdigit() for c in f.text)]
            assert not [t for t in others if t in label], (sentence, figure.text, label)


def test_labels_of_real_sentences() -> None:
    """Hand-made labels of real figures (see label-sentences.notes.md): every figure is
    found, ≥ 95 % of labels hold their key and label precision stays ≥ 0.91."""
    gold = [json.loads(line) for line in LABELLED.read_text("utf-8").splitlines()]
    labelled = []
    for g in gold:
        found = [f for f in find_figures(g["sentence"]) if g["text"] in f.text]
        assert found, (g["sentence"], g["text"])
        labelled.append((metric_for(g["sentence"], found[0].start, found[0].end), g))
    keys, precision = label_scores(labelled)
    assert keys >= 0.95 and precision >= 0.91



#: Subjects built of trailing words and the characters around them that matter (the heads
#: a 均 word must not follow, a newline the end anchor may stand before).
_TRAILING_SUBJECTS = st.lists(st.one_of(st.sampled_from(labels._TRAILING),
                                        st.text(alphabet="人户亩的均在\n", max_size=2)),
                              max_size=5).map("".join)


@settings(max_examples=300, deadline=None, database=None, derandomize=True)
@given(_TRAILING_SUBJECTS)
@example(max(labels._TRAILING, key=len) + "\n")  # the longest word before a final newline
def test_trailing_word_is_the_match_of_the_whole_search(subject: str) -> None:
    """``_trailing_word`` starts its search near the end; it finds what a search of
    the whole subject finds (a word from the data that is not plain text would break
    the reach it relies on)."""
    found, whole = labels._trailing_word(subject), labels._TRAILING_RE.search(subject)
    assert (found and (found.span(), found.group())) == (whole and (whole.span(), whole.group()))


BLIND = Path(__file__).parent / "fixtures" / "figures" / "blind-labels.jsonl"


@pytest.mark.parametrize("sample", [1, 2])
def test_labels_of_a_blind_sample(sample: int) -> None:
    """Labels written by hand, before looking at the tool's, for 300 figures spread over
    the 15 reports without gold (see blind-labels.notes.md): label precision ≥ 0.93 and
    ≥ 96 % of labels holding their key, on each sample alone. Sample 2 was drawn after
    sample 1 had guided the rules (test_blind_fields holds the sample drawn last)."""
    rows = [json.loads(line) for line in BLIND.read_text("utf-8").splitlines()]
    rows = [r for r in rows if r["sample"] == sample and not r.get("out")]
    labelled = []
    for row in rows:
        found = [f for f in find_figures(row["sentence"]) if f.start == row["start"]]
        assert found and found[0].text == row["text"], (row["sentence"], row["text"])
        labelled.append((metric_for(row["sentence"], found[0].start, found[0].end), row))
    keys, precision = label_scores(labelled)
    assert keys >= 0.96 and precision >= 0.93
