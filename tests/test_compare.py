"""``exporter compare`` and ``exporter figures`` of many reports, on reports made here with
known indicators (two regions × two years), read back with each format's own library."""

from __future__ import annotations

import csv
import json
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from exporter.cli import cli
from exporter.compare import ReportSummary, compare_reports
from exporter.model import Figure, Meta, Paragraph, Report, Section

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "dev-reports"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def figure(fid: str, text: str, value: float, unit: str, base: float, base_unit: str,
           indicator: str | None, role: str | None, period: str,
           high: float | None = None) -> Figure:
    return Figure(id=fid, paragraph="p1", sentence=f"句子{text}。", text=text, number=str(value),
                  value=value, unit=unit, base_value=base, base_unit=base_unit, period=period,
                  metric="指标", indicator=indicator, role=role, section="s1",
                  value_high=None if high is None else high * 100,
                  base_value_high=high, qualifier="between" if high else "exact")


def made_report(region: str, year: int, growth: float, result: float, *,
                target_high: float | None = None, dollars: bool = False) -> Report:
    """A provincial report of ``year`` with a GDP-growth target and result, GDP per capita
    (in 美元 when ``dollars``) and one figure of no indicator."""
    figures = [
        figure("f1", f"{result * 100:g}%", result * 100, "%", result, "ratio", "gdp_growth",
               "result", str(year - 1)),
        figure("f2", f"{growth * 100:g}%", growth * 100, "%", growth, "ratio", "gdp_growth",
               "target", str(year), high=target_high),
        figure("f3", "9万元", 9, "万元", 90000, "元", "gdp_per_capita", "result", str(year - 1))
        if not dollars else
        figure("f3", "1.3万美元", 1.3, "万美元", 13000, "美元", "gdp_per_capita", "result",
               str(year - 1)),
        figure("f4", "120家", 120, "家", 120, "家", None, None, str(year - 1)),
    ]
    section = Section(id="s1", label="一、", title="工作回顾", level=1,
                      paragraphs=[Paragraph(id="p1", text="".join(f.sentence for f in figures))])
    return Report(meta=Meta(title=f"{year}年{region}政府工作报告", region=region, level="provincial",
                            year=year, date=f"{year}-01-20"),
                  sections=[section], figures=figures)


REPORTS = {  # file name → report; neither names nor code points sort as the regions do
    # (江苏 is 32 in GB/T 2260, 广东 44)
    "z-su-2025.json": made_report("江苏省", 2025, 0.05, 0.052, target_high=0.055),
    "a-su-2026.json": made_report("江苏省", 2026, 0.05, 0.051),
    "m-yue-2025.json": made_report("广东省", 2025, 0.06, 0.058, dollars=True),
    "b-yue-2026.json": made_report("广东省", 2026, 0.055, 0.06),
}


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("reports")
    for name, report in REPORTS.items():
        (folder / name).write_text(json.dumps(report.to_dict(), ensure_ascii=False),
                                   encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def compared(inputs: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("comparison")
    code, stdout, stderr = run("compare", str(inputs), "--out", str(out))
    assert code == 0, stderr
    assert stdout.splitlines()[-1].startswith("compared 4 reports: 4 read, 0 failed")
    return out


ORDER = ["江苏省 2025", "江苏省 2026", "广东省 2025", "广东省 2026"]


def test_reports_sheet_orders_by_region_then_year(compared: Path) -> None:
    wb = load_workbook(compared / "comparison.xlsx")
    rows = list(wb["Reports"].iter_rows(values_only=True))
    assert rows[0][:3] == ("region", "level", "year")
    assert [(r[0], r[2]) for r in rows[1:]] == [("江苏省", 2025), ("江苏省", 2026),
                                                 ("广东省", 2025), ("广东省", 2026)]
    assert rows[1][6].endswith("z-su-2025.json") and len(rows[1][7]) == 64


def test_pivot_lines_up_indicator_role_period_with_links_and_units(compared: Path) -> None:
    wb = load_workbook(compared / "comparison.xlsx")
    ws = wb["Indicators"]
    header = [c.value for c in ws[1]]
    assert header[5:] == ORDER
    rows = {(r[1].value, r[2].value, r[3].value, r[4].value): r for r in ws.iter_rows(min_row=2)}
    target_2026 = rows[("gdp_growth", "目标", "2026", "ratio")]
    assert [c.value for c in target_2026[5:]] == [None, 0.05, None, 0.055]
    assert target_2026[6].number_format == "0%" and target_2026[8].number_format == "0.0%"
    target_2025 = rows[("gdp_growth", "目标", "2025", "ratio")]
    assert target_2025[5].value == "5%—5.5%"  # a range: both ends, in the unit's form
    assert target_2025[7].value == 0.06
    # dollars never share a row with yuan
    assert rows[("gdp_per_capita", "实际", "2024", "元")][5].value == 90000
    assert rows[("gdp_per_capita", "实际", "2024", "美元")][7].value == 13000
    assert rows[("gdp_per_capita", "实际", "2024", "元")][7].value is None
    # each cell links to its own figure's row
    figures = wb["Figures"]
    fig_header = [c.value for c in figures[1]]
    link = target_2026[8].hyperlink.location
    sheet, cell = link.split("!")
    assert sheet.strip("'") == "Figures"
    row = {h: c.value for h, c in zip(fig_header, figures[int(cell[1:])])}
    assert (row["region"], row["year"], row["indicator"], row["role"], row["base_value"]) == (
        "广东省", 2026, "gdp_growth", "target", 0.055)


def test_by_report_layout_and_figures_table(compared: Path) -> None:
    wb = load_workbook(compared / "comparison.xlsx")
    wide = list(wb["By report"].iter_rows(values_only=True))
    assert wide[0][:4] == ("region", "level", "year", "source")
    column = wide[0].index("地区生产总值增长·目标（ratio）")
    assert [r[column] for r in wide[1:]] == ["5%—5.5%", 0.05, 0.06, 0.055]
    figures = wb["Figures"]
    assert [c.value for c in figures[1]][:5] == ["region", "level", "year", "source", "id"]
    assert figures.max_row == 1 + 4 * 4
    assert list(figures.tables) == ["Figures"]


def test_a_native_chart_for_each_indicator_three_reports_state(compared: Path) -> None:
    wb = load_workbook(compared / "comparison.xlsx")
    sheet = wb["Charts"]
    charts = sheet._charts
    # growth by 4 reports; GDP per capita in 元 by 3 (the 美元 one, alone, gets no chart)
    assert [len(chart.series) for chart in charts] == [2, 1]  # targets and results; results
    growth = charts[0].series[0].val.numRef.f
    block = [row for row in sheet.iter_rows(values_only=True) if any(row)]
    assert block[0] == ("地区生产总值增长", "目标", "实际")
    assert block[1:5] == [("江苏省 2025", 0.05, 0.052), ("江苏省 2026", 0.05, 0.051),
                          ("广东省 2025", 0.06, 0.058), ("广东省 2026", 0.055, 0.06)]
    assert growth == "'Charts'!$B$2:$B$5"
    about = {r[0]: r[1:] for r in wb["About"].iter_rows(values_only=True)}
    assert about["reports"][0] == 4 and about["indicator catalogue"][1]


def test_csv_with_bom_and_json_lines_agree_with_each_report(compared: Path,
                                                            inputs: Path) -> None:
    raw = (compared / "comparison.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert list(rows[0])[:4] == ["region", "level", "year", "source"]
    assert len(rows) == 16
    lines = [json.loads(line) for line in
             (compared / "comparison.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [list(line)[:4] for line in lines[:1]] == [["region", "level", "year", "source"]]
    for name in REPORTS:
        code, own, _ = run("figures", str(inputs / name), "--format", "jsonl")
        assert code == 0
        mine = [{k: v for k, v in line.items() if k not in ("region", "level", "year", "source")}
                for line in lines if line["source"].endswith(name)]
        assert mine == [json.loads(x) for x in own.splitlines()]


def test_pdf_brief_has_a_page_per_indicator_with_embedded_fonts(compared: Path) -> None:
    pdf = compared / "comparison.pdf"
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    pages = text.split("\f")
    titles = [page.strip().splitlines()[0].strip() for page in pages if page.strip()]
    assert titles == ["地区生产总值增长（%）", "人均地区生产总值（元）", "人均地区生产总值（美元）"]
    assert "江苏省 2025" in pages[0] and "5%—5.5%" in pages[0]  # a range, both ends
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    assert fonts and all(" yes " in line for line in fonts)  # every font embedded


def test_compare_is_byte_identical_and_goes_on_past_a_bad_report(
        inputs: Path, compared: Path, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for file in inputs.iterdir():
        (folder / file.name).write_bytes(file.read_bytes())
    (folder / "broken.json").write_text("{not json", encoding="utf-8")
    code, _, stderr = run("compare", str(folder), "--out", str(tmp_path / "out"), "--jobs", "2")
    assert code == 2
    assert "broken.json" in stderr and len(stderr.strip().splitlines()) == 1
    for name in ("comparison.csv", "comparison.pdf"):
        assert (tmp_path / "out" / name).is_file()
    # same reports, same bytes, whichever way they were read
    code, _, _ = run("compare", str(inputs), "--out", str(tmp_path / "again"), "--jobs", "2")
    assert code == 0
    for name in ("comparison.xlsx", "comparison.csv", "comparison.jsonl", "comparison.pdf"):
        assert (tmp_path / "again" / name).read_bytes() == (compared / name).read_bytes(), name


def test_compare_never_writes_over_an_input(tmp_path: Path, inputs: Path) -> None:
    report = tmp_path / "comparison.jsonl"  # a model JSON file, named as an output is
    report.write_bytes((inputs / "a-su-2026.json").read_bytes())
    code, _, stderr = run("compare", str(report), "--out", str(tmp_path))
    assert code == 2 and "would replace" in stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["comparison.jsonl"]
    assert report.read_bytes() == (inputs / "a-su-2026.json").read_bytes()


def test_figures_of_many_reports_lead_with_report_columns(inputs: Path) -> None:
    code, stdout, _ = run("figures", str(inputs / "a-su-2026.json"),
                          str(inputs / "m-yue-2025.json"), "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(stdout.splitlines()))
    assert list(rows[0])[:5] == ["region", "level", "year", "source", "id"]
    assert [(r["region"], r["year"]) for r in rows[::4]] == [("江苏省", "2026"), ("广东省", "2025")]
    code, stdout, _ = run("figures", str(inputs / "a-su-2026.json"), "--format", "csv")
    assert stdout.splitlines()[0].startswith("id,")  # one report: as before


def test_comparison_model_is_pure_and_orders_unknown_regions_last() -> None:
    unknown = made_report("某省", 2026, 0.04, 0.04)
    unknown.meta.region = None
    summaries = [ReportSummary.of(r, n, b"") for n, r in [("u.json", unknown),
                                                      *REPORTS.items()]]
    comparison = compare_reports(summaries)
    assert [r.label for r in comparison.reports] == [*ORDER, "2026"]
    assert comparison.indicators() == ["gdp_growth", "gdp_per_capita"]


@pytest.mark.skipif(not SHARED.is_dir(), reason="needs the shared dev reports")
def test_real_reports_compare_as_their_own_figure_lists(tmp_path: Path) -> None:
    report = SHARED / "national-gwr-2017.txt"
    sample = ROOT / "source" / "beijing-science-technology-work-report-2016.txt"
    code, _, stderr = run("compare", str(report), str(sample), "--out", str(tmp_path))
    assert code == 0, stderr
    lines = [json.loads(line) for line in
             (tmp_path / "comparison.jsonl").read_text(encoding="utf-8").splitlines()]
    for path in (report, sample):
        _, own, _ = run("figures", str(path), "--format", "jsonl")
        mine = [{k: v for k, v in line.items() if k not in ("region", "level", "year", "source")}
                for line in lines if line["source"] == str(path)]
        assert mine == [json.loads(x) for x in own.splitlines()]


def test_a_fall_of_a_growth_rate_is_below_zero_and_a_reduction_stays_a_size(
        tmp_path: Path) -> None:
    fell = made_report("湖北省", 2021, 0.1, 0.05)
    fell.figures[0].change = "down"  # 地区生产总值下降5%
    saved = figure("f5", "5.4%", 5.4, "%", 0.054, "ratio", "energy_intensity_reduction",
                   "result", "2020")
    saved.change = "down"  # 单位地区生产总值能耗下降5.4%: the size of a reduction
    fell.figures.append(saved)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "hubei.json").write_text(json.dumps(fell.to_dict(), ensure_ascii=False),
                                                encoding="utf-8")
    code, _, stderr = run("compare", str(tmp_path / "in"), "--out", str(tmp_path / "out"))
    assert code == 0, stderr
    ws = load_workbook(tmp_path / "out" / "comparison.xlsx")["Indicators"]
    rows = {(r[1].value, r[2].value, r[3].value): r[5].value for r in ws.iter_rows(min_row=2)}
    assert rows[("gdp_growth", "实际", "2020")] == -0.05
    assert rows[("gdp_growth", "目标", "2021")] == 0.1
    assert rows[("energy_intensity_reduction", "实际", "2020")] == 0.054
