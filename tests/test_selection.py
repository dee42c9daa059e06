"""The shared model-level choices: headline figures, section summaries, stated values."""

from __future__ import annotations

from exporter.model import Meta, Paragraph, Report, Section
from exporter.selection import (
    chinese_date,
    clip,
    document_author,
    figure_kind,
    format_value,
    headline_figures,
    section_summary,
    speaker_line,
)
from tests.factories import make_figure, make_report


def _fig(fid: str, metric: str, kind: str | None, base_unit: str = "家", key: str | None = None):
    figure = make_figure(fid, "p1", "s1", "句子。", "5家", "5", 5, "家", 5, base_unit,
                         metric=metric, kind=kind)
    figure.metric_key = key
    return figure


def test_headline_figures_one_per_metric_levels_first_reading_order() -> None:
    report = Report(figures=[
        _fig("g1", "增速", "growth", "ratio"),
        _fig("a1", "企业数", "count"),
        _fig("a2", "全市企业数", "count", key="企业数"),  # same metric_key as a1: dropped
        _fig("n1", "", "amount", "元"),                  # no label: never a headline
        _fig("a3", "成交额", "amount", "元"),
        _fig("a4", "占比", None, "ratio"),               # kind inferred: share
    ])
    report.figures[1].metric_key = "企业数"
    chosen = headline_figures(report, limit=3)
    assert [f.id for f in chosen] == ["a1", "a3", "a4"]
    # growth fills in when levels run out, and the result stays in reading order
    assert [f.id for f in headline_figures(report, limit=8)] == ["g1", "a1", "a3", "a4"]
    assert headline_figures(report, limit=0) == []


def test_headline_figures_of_synthetic_report() -> None:
    report = make_report()
    chosen = headline_figures(report)
    assert [f.metric for f in chosen] == ["技术合同成交额", "国家高新技术企业数", "增速"]
    assert [format_value(f) for f in chosen] == ["3452.6亿元", "1.2万家", "14.1%"]


def test_figure_kind_inference() -> None:
    assert figure_kind(_fig("x", "成交额", None, "元")) == "amount"
    assert figure_kind(_fig("x", "增长倍数", None, "times")) == "multiple"
    assert figure_kind(_fig("x", "收入增速", None, "ratio")) == "growth"
    assert figure_kind(_fig("x", "企业", None, "家")) == "count"


def test_section_summary_uses_leads_then_first_sentences() -> None:
    section = Section(id="s1", label="一、", title="标题", level=1, paragraphs=[
        Paragraph(id="p1", text="第一句。第二句。", lead="第一句。"),
        Paragraph(id="p2", text="  没有主题句的段落！后面还有。"),
        Paragraph(id="p3", text="   "),
    ])
    assert section_summary(section) == ["第一句。", "没有主题句的段落！"]


def test_format_value_falls_back_to_number_and_unit() -> None:
    figure = _fig("x", "企业数", "count")
    figure.text = ""
    figure.number, figure.unit = "1.2万", "万家"
    assert format_value(figure) == "1.2万家"


def test_format_period() -> None:
    from exporter.selection import format_period

    assert format_period("2015") == "2015年"
    assert format_period("2011-2015") == "2011—2015年"
    assert format_period(None) == ""
    assert format_period("十二五") == "十二五"


def test_headline_figures_prefer_results_over_baselines_and_targets() -> None:
    from exporter.model import Meta

    def dated(fid: str, metric: str, kind: str, period: str | None):
        figure = _fig(fid, metric, kind)
        figure.period = period
        return figure

    report = Report(meta=Meta(date="2016-02-19", year=2016), figures=[
        dated("base", "成交额", "amount", "2010"),
        dated("goal", "研发投入", "amount", "2016-2020"),   # a target: fills last
        dated("now", "成交额", "amount", "2015"),           # the result replaces the baseline
        dated("c1", "企业数", "count", "2015"),
        dated("c2", "专利数", "count", "2015"),
        dated("c3", "机构数", "count", None),
        dated("s1", "占比", "share", "2015"),
    ])
    assert [f.id for f in headline_figures(report, limit=4)] == ["now", "c1", "c2", "s1"]
    assert [f.id for f in headline_figures(report, limit=6)] == ["goal", "now", "c1", "c2", "c3", "s1"]


def test_chinese_date_writes_days_and_months_and_keeps_other_forms() -> None:
    assert chinese_date("2016-02-19") == "2016年2月19日"
    assert chinese_date("2016-2") == "2016年2月"
    assert chinese_date("2016年春") == "2016年春"
    assert chinese_date("") == ""


def test_speaker_line_names_the_organization_only_when_no_issuer_line_does() -> None:
    meta = Meta(speaker="张三", organization="某市人民政府")
    assert speaker_line(meta, issuer_shown=False) == "某市人民政府 张三"
    assert speaker_line(meta, issuer_shown=True) == "张三"
    titled = Meta(speaker="张三", speaker_title="市长 ", organization="某市人民政府")
    assert speaker_line(titled, issuer_shown=True) == "市长 张三"
    assert speaker_line(Meta(), issuer_shown=False) == ""


def test_document_author_is_the_speaker_else_the_issuer() -> None:
    assert document_author(Meta(speaker="张三", organization="某委")) == "张三"
    assert document_author(Meta(publisher="某办")) == "某办"
    assert document_author(Meta()) == ""


def test_clip_cuts_with_an_ellipsis_only_past_the_limit() -> None:
    assert clip("一二三", 3) == "一二三"
    assert clip("一二三四", 3) == "一二…"
