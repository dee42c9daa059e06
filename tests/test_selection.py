"""The shared model-level choices: headline figures, section summaries, stated values."""

from __future__ import annotations

from exporter.model import Meta, Paragraph, Report, Section
from exporter.selection import (
    chinese_date,
    clip,
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


def test_clip_cuts_with_an_ellipsis_only_past_the_limit() -> None:
    assert clip("一二三", 3) == "一二三"
    assert clip("一二三四", 3) == "一二…"
def _stated(fid: str, metric: str, role: str | None, period: str | None, *,
            indicator: str | None = None, base_value: float = 5, base_unit: str = "ratio"):
    figure = make_figure(fid, "p1", "s1", "句子。", "5%", "5", 5, "%", base_value, base_unit,
                         period=period, metric=metric)
    figure.role, figure.indicator = role, indicator
    return figure


def _provincial_report() -> Report:
    from exporter.model import Meta

    return Report(meta=Meta(year=2025, region="四川省", level="provincial"), figures=[
        _stated("pop", "常住人口", None, None, base_value=8.4e7, base_unit="人"),
        _stated("city", "成都市地区生产总值", "result", "2024", base_value=2.35e12,
                base_unit="元"),
        _stated("firm", "某某集团营业收入", "result", "2024", base_value=3e12, base_unit="元"),
        _stated("inv", "固定资产投资总额", "result", "2024", base_value=4e12, base_unit="元"),
        _stated("cpi", "居民消费价格涨幅", "result", "2024", indicator="cpi"),
        _stated("gdp5", "地区生产总值年均增长", "result", "2020-2024", indicator="gdp_growth"),
        _stated("gdp", "地区生产总值增长", "result", "2024", indicator="gdp_growth"),
        _stated("gdpT", "地区生产总值增长", "target", "2025", indicator="gdp_growth"),
        _stated("big", "基础设施投资", "target", "2025", base_value=6e12, base_unit="元"),
        _stated("cpiT", "居民消费价格涨幅", "target", "2025", indicator="cpi"),
    ])


def test_headlines_lead_with_gdp_growth_then_indicators_then_totals() -> None:
    chosen = [f.id for f in headline_figures(_provincial_report())]
    assert chosen[:2] == ["gdp", "gdpT"]  # last year's result, this year's target
    assert chosen[2:4] == ["cpi", "cpiT"]
    assert chosen[4:6] == ["big", "inv"]  # the largest totals, largest first
    assert "pop" not in chosen  # background: never
    assert "city" not in chosen and "firm" not in chosen  # one city's, one company's
    assert headline_figures(_provincial_report(), limit=1)[0].id == "gdp"


def test_gdp_growth_first_wherever_it_is_stated() -> None:
    report = _provincial_report()
    report.figures.reverse()
    assert headline_figures(report)[0].indicator == "gdp_growth"
    report.figures = [f for f in report.figures if f.id != "gdp"]
    assert headline_figures(report)[0].id == "gdp5"  # the latest result when no yearly one


def test_names_a_part_of_the_jurisdiction() -> None:
    from exporter.selection import names_a_part

    for label in ("成都市地区生产总值", "天府新区经济总量", "某某集团营业收入", "攀枝花钢铁厂产量",
                  "泸州白酒产业营收"):
        assert names_a_part(label, "四川省"), label
    for label in ("地区生产总值", "四川省地区生产总值", "全省一般公共预算收入", "上市公司市值",
                  "社区卫生服务中心", "固定资产投资", "全州地区生产总值"):
        assert not names_a_part(label, "四川省"), label


def test_format_value_shows_ranges_and_falls() -> None:
    from exporter.selection import format_role

    growth = _stated("r", "地区生产总值增长", "target", "2025")
    growth.text, growth.value, growth.value_high, growth.unit = "5-5.5%", 5.0, 5.5, "%"
    assert format_value(growth) == "5%—5.5%"
    growth.change = "up"
    assert format_value(growth) == "增长5%—5.5%"
    fall = _stated("d", "单位地区生产总值能耗", "result", "2024")
    fall.text, fall.change = "2%", "down"
    assert format_value(fall) == "下降2%"
    counted = _stated("c", "企业", None, None)
    counted.text, counted.value, counted.value_high, counted.unit = "2—3万家", 2, 3, "万家"
    assert format_value(counted) == "2万家—3万家"
    assert [format_role(f) for f in (growth, fall, counted)] == ["目标", "完成", "—"]


def test_a_city_figure_is_never_a_headline_even_with_an_indicator() -> None:
    report = _provincial_report()
    report.figures.insert(0, _stated("cityG", "成都市地区生产总值增长", "result", "2024",
                                     indicator="gdp_growth"))
    chosen = [f.id for f in headline_figures(report)]
    assert "cityG" not in chosen and chosen[0] == "gdp"
