"""``period_for``: one case per period rule of spec/figures.md, from
tests/fixtures/figures/labels_periods.json."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from exporter._data import sample_report
from exporter.figures import extract_figures, periods
from exporter.figures.periods import period_for
from exporter.model import Meta, Paragraph, Report, Section
from exporter.plans import plan_span

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


# --- Frames over a small hand-made report -------------------------------------------------
# Each report is a list of (heading or None, [paragraph, ...]); a heading opens a top-level
# section, None keeps the paragraphs in the current one (or the preamble before any).

Outline = list[tuple[str | None, list[str]]]


def _report(outline: Outline, year: int | None) -> Report:
    report = Report(meta=Meta(year=year))
    for heading, texts in outline:
        if heading is not None:
            n = len(report.sections) + 1
            report.sections.append(Section(id=f"s{n}", label=f"{'一二三四五'[n - 1]}、",
                                           title=heading, level=1))
        owner = report.sections[-1].paragraphs if report.sections else report.preamble
        prefix = report.sections[-1].id + "." if report.sections else ""
        owner.extend(Paragraph(id=f"{prefix}p{len(owner) + 1}", text=t) for t in texts)
    return report


def _periods(outline: Outline, year: int | None = 2026) -> dict[str, str | None]:
    """Figure text → period, for a report built from ``outline``."""
    return {f.text: f.period for f in extract_figures(_report(outline, year))}


def test_frame_heading_with_a_year_covers_its_section() -> None:
    periods = _periods([("2025年工作回顾", ["新建学校20所。"]),
                        ("2026年重点工作", ["新建医院12家。"])])
    assert periods == {"20所": "2025", "12家": "2026"}


def test_frame_year_opening_carries_over_following_paragraphs() -> None:
    periods = _periods([("政府工作回顾", ["2025年是很不平凡的一年。", "新建学校20所。",
                                       "改造老旧小区300个。"])])
    assert periods == {"20所": "2025", "300个": "2025"}


@pytest.mark.parametrize("opening", ["刚刚过去的一年，", "过去一年，", "一年来，", "各位代表，过去的一年，"])
def test_frame_past_year_is_the_year_before_the_report(opening: str) -> None:
    periods = _periods([("工作回顾", [f"{opening}我们攻坚克难。", "新建学校20所。"])])
    assert periods == {"20所": "2025"}


@pytest.mark.parametrize("opening", ["这五年，", "五年来，", "过去五年，", "这是经济实力持续提升的五年。"])
def test_frame_five_years_is_the_five_years_before_the_report(opening: str) -> None:
    periods = _periods([("工作回顾", [opening + "发展成就显著。", "新建学校200所。"])])
    assert periods == {"200所": "2021-2025"}


def test_a_yearly_average_is_never_of_one_year() -> None:
    periods = _periods([("过去五年工作回顾", [
        "2025年，全市生产总值99亿元，年均增长8.5%。",
        "生产总值由2019年的77亿元增加到99亿元，年均增长6.4%。"])])
    # the review's five years, narrowed to 2025 by the paragraph's opening; a from-to's start
    assert periods == {"99亿元": "2025", "8.5%": "2021-2025", "77亿元": "2019", "6.4%": "2019-2025"}


def test_frame_today_targets_the_report_year_and_two_years() -> None:
    periods = _periods([("工作安排", ["今年新建学校20所。", "今明两年改造管网600公里。"])])
    assert periods == {"20所": "2026", "600公里": "2026-2027"}


def test_frame_since_a_year_opens_a_span_never_a_count_of_years() -> None:
    periods = _periods([("工作回顾", ["2022年以来，累计新建学校200所。"])])
    assert periods == {"200所": "2022-2025"}


def test_frame_from_to_in_a_five_year_review() -> None:
    periods = _periods([("“十四五”时期工作回顾", ["地区生产总值从4.8万亿元增加到6.7万亿元。"])])
    assert periods == {"4.8万亿元": "2020", "6.7万亿元": "2025"}


def test_an_undated_from_end_of_a_multi_year_review_names_its_year_in_the_label() -> None:
    """The from-end the text leaves undated is the year before the review's span, and its
    label says so; a from-end the text dates, and one in a year's review, keep theirs."""
    outline: Outline = [("“十四五”时期工作回顾", ["市场主体从520万户增至760万户。",
                                           "森林覆盖率从2020年的38%提高到42%。"]),
                        ("2025年工作回顾", ["低保标准由每人每月600元提高到650元。"])]
    labels = {f.text: (f.metric, f.period) for f in extract_figures(_report(outline, 2026))}
    assert labels == {"520万户": ("市场主体（2020年）", "2020"), "760万户": ("市场主体", "2025"),
                      "38%": ("森林覆盖率", "2020"), "42%": ("森林覆盖率", "2025"),
                      "600元": ("低保标准", "2024"), "650元": ("低保标准", "2025")}


def test_frame_combined_heading_lets_each_paragraph_decide() -> None:
    periods = _periods([("“十四五”时期和2025年工作回顾", [
        "经济总量迈上新台阶，新建学校200所。",
        "刚刚过去的2025年，我们稳中求进。",
        "新建医院12家。",
        "这五年，我们改造老旧小区3000个。"])])
    assert periods == {"200所": "2021-2025", "12家": "2025", "3000个": "2021-2025"}


def test_frame_unnumbered_heading_line_in_the_preamble() -> None:
    periods = _periods([(None, ["“十四五”时期发展成就和2025年工作回顾", "新建学校200所。",
                                "“十五五”时期主要目标和2026年重点工作", "新建医院12家。"])])
    assert periods == {"200所": "2021-2025", "12家": "2026-2030"}


def test_frame_run_of_years_spans_only_its_own_clause() -> None:
    periods = _periods([("2025年工作回顾", ["粮食产量连续10年稳定在700亿斤以上，新建学校20所。"])])
    assert periods == {"700亿斤以上": "2016-2025", "20所": "2025"}


def test_frame_short_span_frames_only_its_own_paragraph() -> None:
    periods = _periods([("2025年工作回顾", ["近三年淘汰落后产能9000万吨。", "新建学校20所。"])])
    assert periods == {"9000万吨": "2023-2025", "20所": "2025"}


def test_frame_cumulative_total_runs_to_the_frame_end_unless_its_paragraph_states_a_span() -> None:
    periods = _periods([("“十四五”时期工作回顾", ["累计建成基站10万个。", "五年来，累计建成农田400万亩。"])])
    assert periods == {"10万个": "2025", "400万亩": "2021-2025"}


def test_frame_a_lead_line_frames_the_paragraph_after_it_but_states_no_span_in_it() -> None:
    """``这五年，…。`` on a line of its own: the paragraph below is in its span, but a
    ``累计`` total there runs to the span's last year, its paragraph stating none."""
    periods = _periods([("“十四五”时期和2025年工作回顾", ["这五年，我们砥砺奋进。",
                                                     "新建学校300所，累计建成基站10万个。"])])
    assert periods == {"300所": "2021-2025", "10万个": "2025"}


def test_frame_a_paragraph_opening_with_a_span_of_years_written_out() -> None:
    periods = _periods([("“十四五”时期工作回顾", ["2023年至2025年，累计新建学校300所。", "改造管网50公里。",
                                              "2025年，新建医院12家。"])])
    assert periods == {"300所": "2023-2025", "50公里": "2021-2025", "12家": "2025"}


def test_frame_coming_years_a_target_year_and_a_plan_s_end_opening_a_sentence() -> None:
    periods = _periods([("2026年重点工作", ["做好今年工作意义重大。今后五年，新建学校300所。",
                                         "力争到2027年，新建医院30家。",
                                         "到“十四五”末，城镇化率已达到65%。"])])
    assert periods == {"300所": "2026-2030", "30家": "2027", "65%": "2025"}


def test_frame_next_year_opening_a_sentence_dates_its_clauses_only() -> None:
    periods = _periods([("今年工作安排", ["今年新建学校20所。明年，力争新建医院5家、养老院8家。",
                                       "改造老旧小区300个。"])])
    assert periods == {"20所": "2026", "5家": "2027", "8家": "2027", "300个": "2026"}


def test_frame_a_dashed_list_paragraph_opening_with_its_years_states_its_span() -> None:
    periods = _periods([("“十四五”时期工作回顾", [
        "——这五年生态屏障更加牢固。累计完成造林800万亩，森林覆盖率达到25%。",
        "——2025年，经济稳中有进。新建学校20所。"])])
    assert periods == {"800万亩": "2021-2025", "25%": "2021-2025", "20所": "2025"}


def test_frame_background_outside_a_review_has_no_period() -> None:
    sentence = "我们是拥有14亿多人口的大国。"
    assert _periods([(None, [sentence])]) == {"14亿多": None}
    assert _periods([("2026年工作安排", [sentence])]) == {"14亿多": None}
    assert _periods([("2025年工作回顾", [sentence])]) == {"14亿多": "2025"}


def test_frame_undated_report_keeps_stated_years_and_drops_relative_ones() -> None:
    periods = _periods([("2013年工作回顾", ["新建学校20所。"]),
                        ("工作安排", ["今年新建医院12家。"])], year=None)
    assert periods == {"20所": "2013", "12家": None}


@pytest.mark.parametrize(("plan_paragraphs", "plan_periods"), [
    pytest.param(["我们编制了“十五五”规划纲要（草案）。纲要提出地区生产总值年均增长5%左右。", "新建学校200所。"],
                 {"5%左右": "2026-2030", "200所": "2026-2030"}, id="paragraph-presenting-the-plan"),
    pytest.param(["省政府编制了《某某省国民经济和社会发展第十五个五年规划纲要（草案）》。纲要提出城镇化率达到70%。"],
                 {"70%": "2026-2030"}, id="plan-by-its-full-title"),
])
def test_frame_a_paragraph_presenting_the_next_plan_is_framed_by_it(
        plan_paragraphs: list[str], plan_periods: dict[str, str]) -> None:
    """The plan frames its presenting paragraph (and what follows), whether it is named
    short (“十五五”规划纲要) or by its full 《…》 title; the review before keeps its five years."""
    periods = _periods([("“十四五”时期发展成就和“十五五”时期主要目标任务", [
        "过去五年，地区生产总值年均增长4.8%。", *plan_paragraphs])])
    assert periods == {"4.8%": "2021-2025", **plan_periods}


def test_frame_a_plan_merely_mentioned_leaves_this_years_frame_in_force() -> None:
    periods = _periods([("“十五五”时期目标任务和2026年工作安排", [
        "今年是开局之年。全省地区生产总值增长5%左右。",
        "确定5%左右的增长目标，同我省“十五五”规划目标相衔接。城镇新增就业40万人以上的目标，体现了就业优先。",
        "新建学校30所。"])])
    assert periods == {"5%左右": "2026", "40万人以上": "2026", "30所": "2026"}


def test_frame_a_heading_naming_the_past_year_frames_its_section() -> None:
    periods = _periods([("过去一年的工作回顾", ["新建学校20所。"]), ("今年的主要任务", ["新建医院12家。"])],
                       year=2024)
    assert periods == {"20所": "2023", "12家": "2024"}


def test_frame_the_new_year_is_the_reports_year() -> None:
    periods = _periods([("2023年工作回顾", ["新建学校20所。"]),
                        ("新的一年工作安排", ["新的一年，新建医院12家。", "改造老旧小区300个。"])],
                       year=2024)
    assert periods == {"20所": "2023", "12家": "2024", "300个": "2024"}


def test_frame_a_heading_naming_the_coming_or_past_years_frames_its_section() -> None:
    periods = _periods([("过去五年和2022年工作回顾", ["全省地区生产总值年均增长6.1%。",
                                              "2022年，粮食产量达到700亿斤。"]),
                        ("今后五年的目标任务", ["常住人口城镇化率达到65%。"]),
                        ("2023年工作安排", ["城镇新增就业70万人以上。"])], year=2023)
    assert periods == {"6.1%": "2018-2022", "700亿斤": "2022", "65%": "2023-2027",
                       "70万人以上": "2023"}


def test_frames_move_with_the_report_s_years() -> None:
    """The same report five years earlier (years minus five, each plan one earlier) gives
    every figure the period five years earlier: no rule depends on a particular year."""
    def outline(year: int, review: str, plan: str) -> Outline:
        return [(f"“{review}”时期和{year - 1}年工作回顾", [
                    "过去五年，地区生产总值年均增长5.1%，累计新增就业300万人。",
                    f"刚刚过去的{year - 1}年，地区生产总值增长4.9%，单位能耗累计下降3%。"]),
                (f"“{plan}”时期目标任务和{year}年工作安排", [
                    f"“{plan}”时期，常住人口城镇化率达到70%。",
                    "今年是开局之年，地区生产总值增长5%左右，今明两年新建学校20所。"])]
    now = _periods(outline(2026, "十四五", "十五五"), year=2026)
    before = _periods(outline(2021, "十三五", "十四五"), year=2021)
    shifted = {text: "-".join(str(int(y) - 5) for y in period.split("-")) if period else None
               for text, period in now.items()}
    assert before == shifted
    assert now["5.1%"] == "2021-2025" and now["20所"] == "2026-2027"


#: The patterns ``_span_in`` and ``_year_in`` leave unsearched in a text without 年.
_YEAR_CHAR_PATTERNS = ("_RANGE", "_FROM_YEAR_TO", "_COMING_SPAN", "_SINCE_YEAR", "_THIS_AND_NEXT",
                       "_RECENT_SPAN", "_PAST_SPAN", "_RUN_SPAN", "_YEAR", "_RELATIVE_RE",
                       "_PAST_YEAR")


@pytest.mark.parametrize("name", _YEAR_CHAR_PATTERNS)
def test_span_and_year_patterns_match_nothing_without_the_year_character(name: str) -> None:
    """The shortcut of ``_span_in`` and ``_year_in`` holds: with every 年 taken out of
    the sample and of a text made to tempt each pattern, none of them matches."""
    tempting = "过去五年来今明两年连续3年五年内从2010年到2015年2011-2015年以来今年去年一年来未来五年"
    text = (sample_report().read_text("utf-8-sig") + tempting).replace(periods._YEAR_CHAR, "")
    assert getattr(periods, name).search(text) is None
    assert getattr(periods, name).search(tempting) is not None
