"""The workbook's second-contract columns, its language and its Sentences sheet."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from exporter.errors import ThemeError
from exporter.model import Report
from exporter.renderers import RenderOptions, render
from exporter.renderers.xlsx.writer import FIGURE_COLUMNS
from exporter.theme import load_theme, parse_theme
from exporter.vocabulary import vocabulary
from tests.factories import make_figure, make_report

COL = {name: n for n, name in enumerate(FIGURE_COLUMNS)}


def _render(report: Report, theme: str = "modern", **options: object) -> bytes:
    out = io.BytesIO()
    render("xlsx", report, load_theme(theme), RenderOptions(**options), out)  # type: ignore[arg-type]
    return out.getvalue()


def _second_contract_report() -> Report:
    """A province's report: a GDP growth target range, a fall, a background count."""
    report = make_report(sections=1, depth=1, paragraphs=1)
    report.meta.year, report.meta.region, report.meta.level = 2025, "四川省", "provincial"
    base = report.figures[0]
    sentence = "全省地区生产总值增长5%—5.5%，单位地区生产总值能耗降低2%，全省常住人口8000多万人。"
    report.figures = [
        make_figure("f1", base.paragraph, base.section or "", sentence, "5%—5.5%", "5", 5.0,
                    "%", 0.05, "ratio", qualifier="between", period="2025",
                    metric="地区生产总值增长", kind="growth"),
        make_figure("f2", base.paragraph, base.section or "", sentence, "2%", "2", 2.0, "%",
                    0.02, "ratio", period="2021-2025", metric="单位地区生产总值能耗降低",
                    kind="growth"),
        make_figure("f3", base.paragraph, base.section or "", sentence, "8000多万人", "8000",
                    8000.0, "万人", 80_000_000, "人", qualifier="over", metric="常住人口",
                    kind="count"),
    ]
    first, fall, _ = report.figures
    first.value_high, first.base_value_high = 5.5, 0.055
    first.change, first.role, first.indicator = "up", "target", "gdp_growth"
    fall.change, fall.role, fall.indicator = "down", "result", "energy_intensity_reduction"
    return report


def test_each_new_field_is_a_typed_column_read_back() -> None:
    report = _second_contract_report()
    ws = load_workbook(io.BytesIO(_render(report))).worksheets[0]
    rows = {r[COL["id"]]: r for r in ws.iter_rows(min_row=2, values_only=True)}
    first, fall, count = rows["f1"], rows["f2"], rows["f3"]
    assert (first[COL["value"]], first[COL["value_high"]]) == (5.0, 5.5)
    assert (first[COL["base_value"]], first[COL["base_value_high"]]) == (0.05, 0.055)
    assert (first[COL["qualifier"]], first[COL["change"]], first[COL["role"]],
            first[COL["indicator"]]) == ("between", "up", "target", "gdp_growth")
    assert (first[COL["period_start"]], first[COL["period_end"]]) == (2025, 2025)
    assert (fall[COL["period_start"]], fall[COL["period_end"]]) == (2021, 2025)
    assert (fall[COL["change"]], fall[COL["role"]]) == ("down", "result")
    assert fall[COL["value"]] == 2.0  # the magnitude as written; the column says it fell
    assert count[COL["role"]] is None and count[COL["period_start"]] is None
    assert count[COL["value_high"]] is None and count[COL["change"]] is None
    for row in rows.values():
        assert (row[COL["year"]], row[COL["region"]]) == (2025, "四川省")
    assert isinstance(first[COL["period_start"]], int)


@pytest.mark.parametrize(("theme", "lang"), [("official", None), ("modern", "zh")])
def test_chinese_theme_or_lang_gives_chinese_headers_and_codes(theme: str,
                                                              lang: str | None) -> None:
    report = _second_contract_report()
    report.figures[2].qualifier = "over"
    wb = load_workbook(io.BytesIO(_render(report, theme, language=lang)))
    ws = wb.worksheets[0]
    header = [c.value for c in ws[1]]
    assert header[:4] == ["编号", "章节", "段落", "指标"]
    assert {"限定", "类型", "变化", "角色", "起始年", "截止年", "报告年份", "地区"} <= set(header)
    rows = {r[0]: dict(zip(header, r)) for r in ws.iter_rows(min_row=2, values_only=True)}
    assert (rows["f1"]["类型"], rows["f1"]["角色"], rows["f1"]["限定"]) == ("增速", "目标", "区间")
    assert (rows["f2"]["变化"], rows["f2"]["角色"]) == ("下降", "完成")
    assert rows["f3"]["限定"] == "超过"
    assert [c.value for c in wb.worksheets[1][1]] == ["句子", "段落", "原文"]
    assert wb.sheetnames[1] == "句子"


def test_chinese_workbook_names_indicators_and_about_rows_in_chinese() -> None:
    """The catalogue's name beside each indicator id (the id stays, to pivot on), and the
    About sheet's row names in the workbook's language."""
    from exporter.figures.indicators import load_catalogue

    report = _second_contract_report()
    names = load_catalogue().display_names()  # the caller passes the catalogue's names
    wb = load_workbook(io.BytesIO(_render(report, "official", indicator_names=names)))
    ws = wb.worksheets[0]
    header = [c.value for c in ws[1]]
    rows = {r[0]: dict(zip(header, r)) for r in ws.iter_rows(min_row=2, values_only=True)}
    assert (rows["f1"]["标准指标"], rows["f1"]["标准指标名称"]) == ("gdp_growth", "地区生产总值增长")
    assert rows["f3"]["标准指标名称"] is None
    about = dict(wb["说明"].iter_rows(values_only=True))
    assert about["项目"] == "内容" and about["报告年份"] == "2025" and about["地区"] == "四川省"
    assert about["数字数"] == 3 and not {"year", "figures", "source"} & set(about)
    assert about["行政层级"] == "省级" and rows["f1"]["基本单位"] == "比率"  # no English codes
    names = {"gdp_growth": "经济增速"}
    ws = load_workbook(io.BytesIO(_render(report, "official", indicator_names=names))).worksheets[0]
    assert ws.cell(2, COL["indicator_name"] + 1).value == "经济增速"


def test_english_stays_the_default_of_the_modern_theme() -> None:
    ws = load_workbook(io.BytesIO(_render(_second_contract_report()))).worksheets[0]
    assert [c.value for c in ws[1]] == list(FIGURE_COLUMNS)


def test_theme_workbook_language_is_validated(tmp_path: Path) -> None:
    text = load_theme("modern").path.read_text(encoding="utf-8")
    assert 'lang = "en"' in text and load_theme("modern").workbook_language == "en"
    theme = parse_theme(tmp_path / "t.toml", text.replace('lang = "en"', 'lang = "zh"'))
    assert theme.workbook_language == "zh" and load_theme("official").workbook_language == "zh"
    with pytest.raises(ThemeError, match="workbook.lang"):
        parse_theme(tmp_path / "t.toml", text.replace('lang = "en"', 'lang = "xx"'))


def test_vocabulary_lists_every_code_in_every_language() -> None:
    english, chinese = vocabulary("en"), vocabulary("zh-CN")
    assert set(english.columns) == set(chinese.columns) >= set(FIGURE_COLUMNS)
    assert set(english.about) == set(chinese.about)
    for name, codes in english.codes.items():
        assert set(codes) == set(chinese.codes[name]), name
    assert chinese.code("qualifier", "over") == "超过" and chinese.code("change", None) is None


def test_a_long_sentence_with_many_figures_is_stored_once() -> None:
    """84 KB of one sentence holding 2,000 figures: the sheets grow with the text, not
    with text × figures (which was 600 MB)."""
    report = make_report(sections=1, depth=1, paragraphs=1)
    base = report.figures[0]
    sentence = "，".join(f"第{n}项指标达到{n}亿元" for n in range(2000))
    sentence += "，" + "长" * (84_000 - len(sentence))
    report.figures = [make_figure(f"f{n}", base.paragraph, base.section or "", sentence,
                                  f"{n}亿元", f"{n}亿", float(n), "亿元", n * 1e8, "元",
                                  metric=f"第{n}项指标") for n in range(2000)]
    data = _render(report)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        unpacked = sum(info.file_size for info in archive.infolist())
    assert unpacked < 3 * len(sentence.encode()) + 2000 * 1000, unpacked
    wb = load_workbook(io.BytesIO(data), read_only=True)
    assert len(list(wb.worksheets[1].iter_rows(values_only=True))) == 2
    numbers = {row[COL["sentence"]] for row in wb.worksheets[0].iter_rows(min_row=2,
                                                                           values_only=True)}
    assert numbers == {1}
    wb.close()


def test_chart_axes_start_at_zero() -> None:
    report = make_report(sections=1, depth=1, paragraphs=1)
    first = report.figures[0]
    report.figures.append(make_figure(
        "f9", first.paragraph, first.section or "", first.sentence, first.text, "3400亿",
        3400.0, "亿元", 340_000_000_000, "元", period="2014", metric=first.metric,
        kind="amount"))
    with zipfile.ZipFile(io.BytesIO(_render(report))) as archive:
        (chart,) = [n for n in archive.namelist() if n.startswith("xl/charts/chart")]
        xml = archive.read(chart).decode()
    assert '<c:min val="0"' in xml or '<min val="0"' in xml


def _mixed_series_report() -> Report:
    """One metric stated as a share in two years and as a change in points in two years,
    and a fall stated for two years."""
    report = make_report(sections=1, depth=1, paragraphs=1)
    base = report.figures[0]
    specs = [("研发投入强度", "2.5%", "2.5", 2.5, "%", 0.025, "2023", "share", None),
             ("研发投入强度", "2.7%", "2.7", 2.7, "%", 0.027, "2024", "share", None),
             ("研发投入强度", "0.1个百分点", "0.1", 0.1, "个百分点", 0.001, "2022", "points", None),
             ("研发投入强度", "0.2个百分点", "0.2", 0.2, "个百分点", 0.002, "2024", "points", None),
             ("能耗降低", "3%", "3", 3.0, "%", 0.03, "2023", "growth", "down"),
             ("能耗降低", "2.5%", "2.5", 2.5, "%", 0.025, "2024", "growth", "down")]
    report.figures = []
    for n, (metric, text, number, value, unit, base_value, period, kind, change) in \
            enumerate(specs, 1):
        figure = make_figure(f"f{n}", base.paragraph, base.section or "", f"{metric}{text}。",
                             text, number, value, unit, base_value, "ratio", period=period,
                             metric=metric, kind=kind)
        figure.change = change
        report.figures.append(figure)
    return report


def test_one_chart_one_unit_and_a_fall_below_zero() -> None:
    data = _render(_mixed_series_report())
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        charts = sorted(n for n in archive.namelist() if n.startswith("xl/charts/chart"))
        xml = [archive.read(n).decode() for n in charts]
    titles = [re.search(r"<a:t>([^<]*)</a:t>", x).group(1) for x in xml]  # type: ignore[union-attr]
    assert sorted(titles) == ["研发投入强度（%）", "研发投入强度（个百分点）", "能耗降低（%）"]
    fall = xml[titles.index("能耗降低（%）")]
    assert '<c:max val="0"' in fall or '<max val="0"' in fall
    ws = load_workbook(io.BytesIO(data))["Series"]
    rows = {(r[0], r[1]): r[2:] for r in ws.iter_rows(min_row=2, max_row=4, values_only=True)}
    assert [v for v in rows[("能耗降低", "%")] if v is not None] == [-3, -2.5]


def test_each_figure_links_to_its_sentence() -> None:
    report = make_report(sections=2, depth=1, paragraphs=2)
    wb = load_workbook(io.BytesIO(_render(report, "official")))
    figures, sentences = wb.worksheets[0], wb.worksheets[1]
    column = COL["sentence"]
    for row, figure in zip(figures.iter_rows(min_row=2), report.figures):
        cell = row[column]
        assert cell.hyperlink is not None and cell.hyperlink.target is None
        sheet, ref = cell.hyperlink.location.split("!")
        assert sheet.strip("'") == "句子" and ref == f"C{cell.value + 1}"
        assert sentences[ref].value == figure.sentence
        assert sentences[f"B{cell.value + 1}"].value == figure.paragraph
    assert sentences.max_row == 1 + len({(f.paragraph, f.sentence) for f in report.figures})


def test_lang_option_builds_a_chinese_workbook_that_check_reads_back(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from exporter.cli import cli

    out = tmp_path / "out"
    built = CliRunner().invoke(cli, ["build", "--format", "xlsx", "--lang", "zh", "--out",
                                     str(out), "--quiet"])
    assert built.exit_code == 0, built.stderr
    (workbook,) = out.glob("*.xlsx")
    header = [c.value for c in load_workbook(workbook, read_only=True).worksheets[0][1]]
    assert header[:4] == ["编号", "章节", "段落", "指标"]
    checked = CliRunner().invoke(cli, ["check", str(out)])
    assert checked.exit_code == 0 and "agree with the model" in checked.stdout
    # a code changed in Chinese is read back as the code it spells, and differs
    wb = load_workbook(workbook)
    sheet = wb.worksheets[0]
    sheet.cell(2, COL["role"] + 1).value = "目标"
    wb.save(workbook)
    checked = CliRunner().invoke(cli, ["check", str(out)])
    assert checked.exit_code == 1 and "f1 role differs from the model" in checked.stdout
