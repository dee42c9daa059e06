"""find_series / share_sets: the grouping rule on reports built in code."""

from __future__ import annotations

from exporter.model import Report
from exporter.series import find_series, normalise_metric, period_key, share_sets
from tests.factories import make_figure


def _report(*specs: tuple[str, str, str, float, str, float, str | None, str]) -> Report:
    """Figures from (metric, sentence, unit, value, base_unit, base_value, period, kind)."""
    report = Report()
    for n, (metric, sentence, unit, value, base_unit, base, period, kind) in enumerate(specs, 1):
        report.figures.append(make_figure(
            f"f{n}", f"p{n}", "s1", sentence, f"{value:g}{unit}", f"{value:g}", value, unit,
            base, base_unit, period=period, metric=metric, kind=kind))
    return report


def test_metric_stated_for_two_years_is_a_series_sorted_by_period() -> None:
    report = _report(
        ("全市技术合同成交额", "s2", "亿元", 3452.6, "元", 3452.6e8, "2015", "amount"),
        ("国家高新技术企业数", "s3", "家", 12000, "家", 12000, None, "count"),
        ("技术合同成交额", "s1", "亿元", 1579.5, "元", 1579.5e8, "2010", "amount"),
    )
    (series,) = find_series(report)
    assert series.metric == "技术合同成交额"
    assert series.periods == ["2010", "2015"]
    assert (series.unit, series.base_unit) == ("亿元", "元")
    assert series.values() == [1579.5, 3452.6]


def test_units_of_one_base_convert_and_incompatible_bases_split() -> None:
    report = _report(
        ("收入", "a", "亿元", 9000, "元", 9000e8, "2014", None),
        ("收入", "b", "万亿元", 1.2, "元", 1.2e12, "2015", None),
        ("收入", "c", "亿元", 8000, "元", 8000e8, "2013", None),
        ("收入", "d", "%", 20, "ratio", 0.2, "2015", None),
    )
    (series,) = find_series(report)
    assert series.unit == "亿元"
    assert series.periods == ["2013", "2014", "2015"]
    assert [round(v, 6) for v in series.values()] == [8000, 9000, 12000]


def test_single_period_repeats_years_mixed_with_spans_and_no_period_are_not_series() -> None:
    report = _report(
        ("企业数", "a", "家", 10, "家", 10, "2015", None),
        ("企业数", "b", "家", 11, "家", 11, "2015", None),
        ("企业数", "c", "家", 50, "家", 50, "2011-2015", None),
        ("企业数", "d", "家", 12, "家", 12, None, None),
    )
    assert find_series(report) == []


def test_spans_form_their_own_series_and_first_statement_of_a_period_wins() -> None:
    report = _report(
        ("项目数", "a", "个", 100, "个", 100, "2011-2015", None),
        ("项目数", "b", "个", 150, "个", 150, "2016-2020", None),
        ("项目数", "c", "个", 999, "个", 999, "2011—2015", None),
    )
    (series,) = find_series(report)
    assert series.periods == ["2011-2015", "2016-2020"]
    assert series.values() == [100, 150]


def test_normalisation_and_period_parsing() -> None:
    assert normalise_metric("“新三板” 挂牌企业数") == "新三板挂牌企业数"
    assert normalise_metric("全市") == "全市"
    assert period_key("2015") == (2015, 2015)
    assert period_key("2011-2015") == (2011, 2015)
    assert period_key("2015-2011") is None
    assert period_key("十二五") is None


def test_share_sets_are_non_growth_ratios_of_one_sentence_within_a_whole() -> None:
    report = _report(
        ("第一产业占比", "结构为10%、40%和50%。", "%", 10, "ratio", 0.1, None, "share"),
        ("第二产业占比", "结构为10%、40%和50%。", "%", 40, "ratio", 0.4, None, "share"),
        ("第三产业占比", "结构为10%、40%和50%。", "%", 50, "ratio", 0.5, None, "share"),
        ("收入增速", "增速20%，占比30%。", "%", 20, "ratio", 0.2, None, None),
        ("占比", "增速20%，占比30%。", "%", 30, "ratio", 0.3, None, None),
    )
    # Paragraph ids differ per figure in _report, so put the three parts in one paragraph.
    for figure in report.figures[:3]:
        figure.paragraph = "p1"
    (parts,) = share_sets(report)
    assert [f.metric for f in parts] == ["第一产业占比", "第二产业占比", "第三产业占比"]


def _typed(report: Report, **fields: object) -> Report:
    """Set second-contract fields on every figure of ``report``, by figure id → value."""
    for name, values in fields.items():
        for figure in report.figures:
            if figure.id in values:  # type: ignore[operator]
                setattr(figure, name, values[figure.id])  # type: ignore[index]
    return report


def test_rates_changes_points_and_shares_never_share_a_chart() -> None:
    report = _report(
        ("研发投入强度", "a", "%", 2.5, "ratio", 0.025, "2023", "share"),
        ("研发投入强度", "b", "%", 2.7, "ratio", 0.027, "2024", "share"),
        ("研发投入强度", "c", "个百分点", 0.1, "ratio", 0.001, "2022", "points"),
        ("研发投入强度", "d", "个百分点", 0.2, "ratio", 0.002, "2024", "points"),
        ("铁路运营里程", "e", "公里", 5000, "公里", 5000, "2023", "quantity"),
        ("铁路运营里程", "f", "公里", 1700, "公里", 1700, "2024", "quantity"),
    )
    _typed(report, change={"f6": "up"})
    series = find_series(report)
    assert sorted((s.measure, s.unit) for s in series) == [("points", "个百分点"),
                                                         ("share", "%")]
    for s in series:
        assert {f.unit for _, f in s.points} == {s.unit}


def test_a_fall_is_a_negative_value() -> None:
    report = _report(
        ("单位地区生产总值能耗降低", "a", "%", 3, "ratio", 0.03, "2023", "growth"),
        ("单位地区生产总值能耗降低", "b", "%", 2.5, "ratio", 0.025, "2024", "growth"),
    )
    _typed(report, change={"f1": "down", "f2": "down"})
    (series,) = find_series(report)
    assert series.measure == "growth" and series.values() == [-3, -2.5]


def test_rates_and_changes_stated_together_are_no_composition() -> None:
    sentence = "居民消费价格上涨2%，城镇调查失业率5.5%，第三产业占比55%。"
    report = _report(
        ("居民消费价格上涨", "x", "%", 2, "ratio", 0.02, "2024", "growth"),
        ("城镇调查失业率", "x", "%", 5.5, "ratio", 0.055, "2024", "share"),
        ("第三产业占比", "x", "%", 55, "ratio", 0.55, "2024", "share"),
        ("第二产业占比", "x", "%", 35, "ratio", 0.35, "2024", "share"),
        ("高技术产业占比提高", "x", "个百分点", 1.2, "ratio", 0.012, "2024", "points"),
    )
    for figure in report.figures:
        figure.paragraph, figure.sentence = "p1", sentence
    _typed(report, indicator={"f1": "cpi", "f2": "urban_unemployment_rate"},
           change={"f1": "up"})
    assert [[f.id for f in parts] for parts in share_sets(report)] == [["f3", "f4"]]
    _typed(report, role={"f3": "result", "f4": "target"})
    assert share_sets(report) == []  # a target is no part of a result's whole


def test_a_standard_indicator_is_one_series_whatever_its_labels() -> None:
    report = _report(
        ("地区生产总值增速", "a", "%", 5.5, "ratio", 0.055, "2025", "growth"),
        ("地区生产总值增长预期目标", "b", "%", 5, "ratio", 0.05, "2026", "growth"),
        ("成都市地区生产总值增速", "c", "%", 6, "ratio", 0.06, "2024", "growth"),
    )
    _typed(report, indicator={"f1": "gdp_growth", "f2": "gdp_growth"},
           role={"f1": "result", "f2": "target"})
    (series,) = find_series(report)
    assert series.metric == "地区生产总值增速" and series.periods == ["2025", "2026"]
