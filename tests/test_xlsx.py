"""The Excel workbook, read back with openpyxl, its raw XML and LibreOffice headless."""

from __future__ import annotations

import csv
import io
import re
import subprocess
import zipfile
from dataclasses import replace
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree
from openpyxl import load_workbook
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.workbook.workbook import Workbook
from openpyxl.xml.functions import tostring

from exporter.model import Report
from exporter.renderers import RenderOptions, render
from exporter.renderers._office import xml_escape, xml_safe
from exporter.renderers.xlsx._cells import (
    MAX_CELL_CHARS,
    TRUNCATION_MARKER,
    base_format,
    cell_text,
    display_width,
    value_format,
)
from exporter.renderers.xlsx._compat import add_sheet
from exporter.renderers.xlsx.writer import FIGURE_COLUMNS
from exporter.series import Series, period_key
from exporter.theme import Theme, load_theme
from exporter.vocabulary import vocabulary
from tests.conftest import require_soffice
from tests.factories import make_figure, make_report

HOSTILE = ('=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\tTAB", "\rCR")
COL = {name: n for n, name in enumerate(FIGURE_COLUMNS)}


def _render(report: Report, theme: str = "modern", **options: object) -> bytes:
    out = io.BytesIO()
    render("xlsx", report, load_theme(theme), RenderOptions(**options), out)  # type: ignore[arg-type]
    return out.getvalue()


def _open(data: bytes) -> Workbook:
    return load_workbook(io.BytesIO(data))


def _with_series(report: Report) -> Report:
    """The factory report plus the first metric stated again for 2010: one series."""
    first = report.figures[0]
    report.figures.insert(1, make_figure(
        "f0", first.paragraph, first.section or "", first.sentence, first.text, "1579.5亿",
        1579.5, "亿元", 157_950_000_000, "元", period="2010", metric=first.metric, kind="amount"))
    return report


def _hostile_report() -> Report:
    """Sentences, metrics and texts that open like formulas, and an XML-illegal character."""
    report = make_report(sections=1, depth=1, paragraphs=1)
    base = report.figures[0]
    report.figures = [
        make_figure(f"h{n}", base.paragraph, base.section or "", lead + "，成交额达3452.6亿元。",
                    lead, "3452.6亿", 3452.6, "亿元", 345_260_000_000, "元", metric=lead)
        for n, lead in enumerate(HOSTILE, 1)
    ]
    report.figures[0].sentence += "\x01\x0b bell\x07"
    report.sections[0].title = "=SUM(1,2)"
    report.meta.title = "@cmd"
    return report


# --- openpyxl read-back ---------------------------------------------------------------


def test_figures_sheet_is_one_typed_table_row_per_figure() -> None:
    report = _with_series(make_report())
    wb = _open(_render(report, "official"))
    assert wb.sheetnames == ["指标", "句子", "章节", "序列", "说明"]
    ws = wb["指标"]
    (table,) = ws.tables.values()
    assert table.displayName == "Figures" and table.tableStyleInfo.name == "TableStyleMedium2"
    assert table.ref == f"A1:W{len(report.figures) + 1}" == table.autoFilter.ref
    assert [c.value for c in ws[1]] == [vocabulary("zh").column(n) for n in FIGURE_COLUMNS]
    assert ws.freeze_panes == "A2"
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert [r[COL["id"]] for r in rows] == [f.id for f in report.figures]
    for row, figure in zip(ws.iter_rows(min_row=2), report.figures):
        value, base = row[COL["value"]], row[COL["base_value"]]
        assert value.data_type == base.data_type == "n"
        assert (value.value, base.value) == (figure.value, figure.base_value)
        sentence = wb["句子"].cell(row[COL["sentence"]].value + 1, 3)
        assert sentence.value == figure.sentence and sentence.alignment.wrap_text
        path = report.section_paths()[figure.section or ""]
        assert row[COL["section"]].value == " › ".join(s.heading for s in path)
        if figure.unit == "亿元":
            assert value.number_format == '#,##0.0"亿元"' and base.number_format == '#,##0"元"'
        if figure.base_unit == "ratio":
            assert base.number_format == "0.0%" and value.number_format == '#,##0.0"%"'
    nested = next(r for r in rows if r[COL["paragraph"]].startswith("s1.2."))
    assert nested[COL["section"]] == "一、第1级标题1：推动创新发展 › （二）第2级标题2：推动创新发展"
    header = ws["A1"]
    role = load_theme("official").role("table_header")
    assert header.font.name == role.fonts[0] and header.font.b
    assert header.fill.fgColor.rgb.endswith("F2F2F2")
    assert ws.print_title_rows == "$1:$1"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    assert ws.sheet_properties.pageSetUpPr.fitToPage


def test_column_widths_fit_the_formatted_cjk_text() -> None:
    ws = _open(_render(make_report()))["Figures"]
    widths = {name: ws.column_dimensions[chr(65 + n)].width for name, n in COL.items()}
    assert widths["value"] >= display_width("3,452.6亿元") + 2 == 13
    assert widths["metric"] >= display_width("国家高新技术企业数") + 2
    assert widths["sentence"] == display_width("sentence") + 2  # a number: text on Sentences


def test_sections_link_internally_to_their_first_figure() -> None:
    report = make_report()
    data = _render(report)
    wb = _open(data)
    ws, figures = wb["Sections"], wb["Figures"]
    sections = list(report.walk())
    assert ws.max_row == len(sections) + 1
    ids = [c.value for c in figures["A"]]
    for row, (section, _) in zip(ws.iter_rows(min_row=2), sections):
        link = row[2].hyperlink
        assert row[0].value == section.id and row[2].value == section.title
        assert link is not None and link.target is None
        target_row = int(re.fullmatch(r"'?Figures'?!A(\d+)", link.location).group(1))
        assert figures.cell(target_row, 2).value.split(" › ")[-1] == section.heading
        assert ids[target_row - 1] == next(f.id for f in report.figures
                                           if f.paragraph.startswith(section.id + "."))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        rels = [n for n in archive.namelist() if n.startswith("xl/worksheets/_rels/")]
        assert not any(b"hyperlink" in archive.read(n) for n in rels)


def test_series_sheet_pivots_and_charts_each_series() -> None:
    data = _render(_with_series(make_report()))
    ws = _open(data)["Series"]
    assert [c.value for c in ws[1]] == ["metric", "unit", "2010", "2015"]
    assert [c.value for c in ws[2]] == ["技术合同成交额", "亿元", 1579.5, 3452.6]
    assert ws["C2"].number_format == '#,##0.0"亿元"'
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        charts = [n for n in archive.namelist() if n.startswith("xl/charts/chart")]
        assert len(charts) == 1
        xml = archive.read(charts[0]).decode()
    assert "<barChart>" in xml and "$B$5:$B$6" in xml and "$A$5:$A$6" in xml


def test_about_sheet_names_source_counts_and_tool() -> None:
    report = make_report()
    report.meta.source_sha256 = "ab" * 32
    wb = _open(_render(report, tool_version="9.9"))
    about = {row[0]: row[1] for row in wb["About"].iter_rows(min_row=2, values_only=True)}
    assert about["source"] == "synthetic.txt" and about["source_sha256"] == "ab" * 32
    assert about["figures"] == len(report.figures)
    assert about["sections"] == len(list(report.walk()))
    assert (about["tool_version"], about["theme"], about["series"]) == ("9.9", "modern", 0)
    assert wb.properties.title == report.meta.title and wb.properties.language == "zh-CN"


def test_formula_like_text_stays_text() -> None:
    data = _render(_hostile_report())
    wb = _open(data)
    rows = list(wb["Figures"].iter_rows(min_row=2))
    sentences = wb["Sentences"]
    for row, lead in zip(rows, HOSTILE):
        sentence = sentences.cell(row[COL["sentence"]].value + 1, 3)
        for cell in (row[COL["metric"]], row[COL["text"]], sentence):
            assert cell.data_type == "s" and cell.value.startswith(lead)
            assert cell.quotePrefix
    assert sentences["C2"].value.endswith("亿元。 bell")  # \x01 \x0b \x07 dropped
    title = wb["Sections"]["C2"]
    assert (title.value, title.data_type, title.quotePrefix) == ("=SUM(1,2)", "s", True)
    assert title.hyperlink.location == "'Figures'!A2"
    about = wb["About"]["B4"]
    assert (about.value, about.data_type) == ("@cmd", "s")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/sheet"):
                assert not re.search(rb"<f[ >]", archive.read(name)), name


def test_cells_are_cut_at_excels_limit_with_a_marker() -> None:
    report = make_report(sections=1, depth=1, paragraphs=1)
    report.figures[0].sentence = "长" * 40_000
    cell = _open(_render(report))["Sentences"]["C2"]
    assert len(cell.value) == MAX_CELL_CHARS and cell.value.endswith(TRUNCATION_MARKER)


def test_cell_text_cut_never_splits_a_character_beyond_the_bmp() -> None:
    for text in ("𠀀" * 20_000, "a" + "𠀀" * 20_000):
        cut = cell_text(text)
        units = len(cut.encode("utf-16-le")) // 2
        assert MAX_CELL_CHARS - 1 <= units <= MAX_CELL_CHARS
        assert cut.endswith(TRUNCATION_MARKER)
        assert set(cut.removesuffix(TRUNCATION_MARKER)) <= {"a", "𠀀"}


def test_sheet_names_are_made_valid_and_unique() -> None:
    names = {"Figures": "数据", "Sections": "数据", "Series": "a:b", "About": "长" * 31}
    theme = replace(load_theme("modern"), sheet_names=names)
    out = io.BytesIO()
    render("xlsx", make_report(), theme, RenderOptions(), out)
    assert _open(out.getvalue()).sheetnames == ["数据", "Sentences", "数据 (2)", "ab", "长" * 31]


def test_renders_are_byte_identical_and_dates_pinned() -> None:
    report = _with_series(make_report())
    first, second = _render(report), _render(report)
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        # no epoch: the report's own date, never an invented one
        assert {info.date_time for info in archive.infolist()} == {(2016, 2, 19, 0, 0, 0)}
    later = _render(report, source_date_epoch=1_700_000_000)
    props = _open(later).properties
    assert props.created == props.modified
    assert props.created.isoformat() == "2023-11-14T22:13:20"
    with zipfile.ZipFile(io.BytesIO(later)) as archive:
        assert {i.date_time for i in archive.infolist()} == {(2023, 11, 14, 22, 13, 20)}


def test_figureless_report_gives_a_valid_workbook() -> None:
    report = make_report()
    report.figures = []
    wb = _open(_render(report))
    assert wb["Figures"].max_row == 1
    assert wb["Series"]["A2"].value.startswith("No metric")
    about = dict(wb["About"].iter_rows(min_row=2, values_only=True))
    assert (about["figures"], about["year"]) == (0, "2016")


def test_formats_show_units_and_real_percentages() -> None:
    assert value_format(3452.6, "亿元") == ('#,##0.0"亿元"', "3,452.6亿元")
    assert value_format(20183, "家") == ('#,##0"家"', "20,183家")
    assert value_format(5, 'a"b') == ("#,##0", "5")  # a quote cannot sit in a format literal
    assert base_format(0.141, "ratio") == ("0.0%", "14.1%")
    assert base_format(0.9959, "ratio") == ("0.00%", "99.59%")
    assert base_format(2, "times") == ('#,##0"×"', "2×")


def test_sample_table_has_one_row_per_model_figure(sample_model_json: Report) -> None:
    ws = _open(_render(sample_model_json))["Figures"]
    ids = [row[0] for row in ws.iter_rows(min_row=2, values_only=True)]
    assert ids == [f.id for f in sample_model_json.figures]
    for row in ws.iter_rows(min_row=2, values_only=True):
        assert isinstance(row[COL["base_value"]], (int, float))


# --- LibreOffice ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def libreoffice_csv(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[list[str]]]:
    """The Figures sheet of two workbooks as LibreOffice shows them, as CSV rows."""
    soffice = require_soffice()
    folder = tmp_path_factory.mktemp("lo")
    (folder / "plain.xlsx").write_bytes(_render(_with_series(make_report())))
    (folder / "hostile.xlsx").write_bytes(_render(_hostile_report()))
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{folder}/profile", "--headless",
         "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true",
         "--outdir", str(folder), str(folder / "plain.xlsx"), str(folder / "hostile.xlsx")],
        check=True, capture_output=True, timeout=120)
    return {name: list(csv.reader((folder / f"{name}.csv").read_text(encoding="utf-8")
                                  .splitlines()))
            for name in ("plain", "hostile")}


def test_libreoffice_shows_the_values_and_formats(
        libreoffice_csv: dict[str, list[list[str]]]) -> None:
    report = _with_series(make_report())
    rows = libreoffice_csv["plain"]
    assert rows[0] == list(FIGURE_COLUMNS)
    assert [r[0] for r in rows[1:]] == [f.id for f in report.figures]
    shown = {r[COL["metric"]]: (r[COL["value"]], r[COL["base_value"]]) for r in rows[1:]}
    assert shown["技术合同成交额"] == ("3,452.6亿元", "345,260,000,000元")
    assert shown["国家高新技术企业数"] == ("1.2万家", "12,000家")
    assert shown["增速"] == ("14.1%", "14.1%")


def test_libreoffice_shows_formula_like_text_literally(
        libreoffice_csv: dict[str, list[list[str]]]) -> None:
    rows = libreoffice_csv["hostile"][1:]
    assert [r[COL["metric"]] for r in rows[:4]] == list(HOSTILE[:4])
    assert rows[0][COL["text"]].startswith('=HYPERLINK("http://x","y")')


def test_sections_nested_deeper_than_excel_indents_still_render() -> None:
    """A model file may nest sections hundreds deep; the title's indent stops at Excel's
    15 while the level column keeps the real depth."""
    from exporter.model import Section

    report = make_report(sections=1, depth=1, paragraphs=1)
    parent = report.sections[0]
    for depth in range(2, 300):
        child = Section(id=f"d{depth}", label="", title=f"第{depth}层", level=depth)
        parent.sections.append(child)
        parent = child
    ws = _open(_render(report))["Sections"]
    rows = list(ws.iter_rows(min_row=2))
    assert len(rows) == 299
    assert rows[-1][2].alignment.indent == 15 and rows[-1][3].value == 299


def test_workbook_needs_no_temporary_folder(tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """openpyxl writes each write-only sheet to a temporary file by default; ours are
    written in memory, so a workbook renders even where no temporary folder exists."""
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "gone"))
    data = _render(_with_series(make_report(sections=2, depth=2, paragraphs=2)))
    assert len(_open(data).sheetnames) == 5



@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",))))
def test_escaped_text_reads_back_as_itself_and_as_saxutils_escapes_it(text: str) -> None:
    assert xml_escape(text) == escape(text, {"\r": "&#13;"})
    safe = xml_safe(text)
    assert (etree.fromstring(f"<t>{xml_escape(safe)}</t>").text or "") == safe


def _openpyxl_chart(ws: Any, series: Series, header_row: int, theme: Theme,
                    index: int) -> BarChart | LineChart:
    """The series chart built with openpyxl's chart objects, as the renderer once did:
    the reference its composed XML must equal."""
    yearly = all((period_key(p) or (0, 1))[0] == (period_key(p) or (0, 1))[1]
                 for p in series.periods)
    chart: BarChart | LineChart = LineChart() if yearly and len(series.points) >= 3 else BarChart()
    chart.title = f"{series.metric}（{series.unit}）" if series.unit else series.metric
    chart.legend = None
    chart.width, chart.height = 16, 7.5
    last = header_row + len(series.points)
    chart.add_data(Reference(ws, min_col=2, min_row=header_row, max_row=last),
                   titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=header_row + 1, max_row=last))
    values = series.values()
    chart.y_axis.number_format = "#,##0" if min(map(abs, values)) >= 10 else "General"
    if min(values) >= 0:
        chart.y_axis.scaling.min = 0
    elif max(values) <= 0:
        chart.y_axis.scaling.max = 0
    chart.y_axis.delete = False
    chart.x_axis.delete = False
    color = theme.chart_colors[index % len(theme.chart_colors)]
    plotted = chart.series[0]
    if isinstance(chart, LineChart):
        plotted.graphicalProperties.line.solidFill = color
        plotted.graphicalProperties.line.width = 28575
        plotted.marker.symbol = "circle"
        plotted.marker.graphicalProperties.solidFill = color
        plotted.marker.graphicalProperties.line.solidFill = color
    else:
        plotted.graphicalProperties.solidFill = color
        plotted.graphicalProperties.line.solidFill = color
    return chart


@pytest.mark.parametrize(("values", "periods", "unit"), [
    ([1.5, 2.5], ["2015", "2016"], "%"),                      # bars, from zero
    ([-1.0, -2.0, -3.0], ["2014", "2015", "2016"], "亿元"),    # a line, down to zero
    ([15.0, 20.0, 30.0], ["2014", "2015", "2016"], "万人"),    # thousands separators
    ([-1.0, 20.0, 30.0, 2.0], ["2013", "2014", "2015", "2016"], ""),  # both signs
    ([3.0, 4.0, 5.0], ["2011-2015", "2016", "2017"], "项"),   # a span: bars
])
def test_series_chart_xml_is_what_openpyxl_writes(values: list[float], periods: list[str],
                                                  unit: str) -> None:
    from exporter.renderers.xlsx.writer import _chart

    theme = load_theme("modern")
    sheet = add_sheet(Workbook(write_only=True), "Se'ries & <x>")
    points = [(period, make_figure(f"f{n}", "p1", "s1", "句子", "x", str(value), value, unit,
                                   value, unit or "count"))
              for n, (period, value) in enumerate(zip(periods, values))]
    series = Series("增长 <&> \"率\"", unit, unit or "count", points)
    for index in (0, 7):
        composed = tostring(_chart(sheet, series, 12, theme, index)._write())
        assert composed == tostring(_openpyxl_chart(sheet, series, 12, theme, index)._write())
