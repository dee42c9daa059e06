"""The PDF and Word tables and headline figures show ranges, falls and target or result."""

from __future__ import annotations

import io
from pathlib import Path

from docx import Document

from exporter.renderers import RenderOptions, render
from exporter.theme import load_theme
from tests.conftest import require_tool
from tests.test_pdf import build, pdftext, squash
from tests.test_xlsx_fields import _second_contract_report


def test_word_tables_show_range_fall_and_role() -> None:
    report = _second_contract_report()
    out = io.BytesIO()
    render("docx", report, load_theme("official"), RenderOptions(), out)
    document = Document(io.BytesIO(out.getvalue()))
    key, section = document.tables[0], document.tables[1]
    header = [c.text for c in key.rows[0].cells]
    assert header == ["编号", "指标", "数值", "时期", "角色"]
    # headline figures: GDP growth first, the background count never
    shown = [[c.text for c in row.cells] for row in key.rows[1:]]
    assert shown[0] == ["f1", "地区生产总值增长", "增长5%—5.5%", "2025年", "目标"]
    assert "f3" not in [row[0] for row in shown]
    rows = {row.cells[0].text: [c.text for c in row.cells] for row in section.rows[1:]}
    assert rows["f2"][2:] == ["下降2%", "2021—2025年", "完成"]
    assert rows["f3"][2:] == ["8000多万人", "—", "—"]


def test_pdf_tables_and_cover_show_range_fall_and_role(tmp_path: Path) -> None:
    require_tool("pdftotext")
    report = _second_contract_report()
    path = build(report, tmp_path)
    text = squash(pdftext(path))
    cover = text[:text.index("本部分指标")]
    assert "主要指标增长5%—5.5%下降2%地区生产总值增长2025年目标" in cover  # GDP growth first
    assert "单位地区生产总值能耗降低2021—2025年完成" in cover
    assert "8000多万人" not in cover  # background is never a headline
    # the indicator table: value, base range, unit, period, mark, role in one row
    rows = {squash(line) for line in pdftext(path, "-layout").splitlines()}
    assert {"f1地区生产总值增长增长5%—5.5%0.05—0.055比率2025区间目标",
            "f2单位地区生产总值能耗降低下降2%0.02比率2021—2025完成",
            "f3常住人口8000多万人80,000,000人—超过—"} <= rows


def test_pdf_charts_one_unit_each_and_a_fall_below_zero(tmp_path: Path) -> None:
    require_tool("pdftotext")
    from tests.test_xlsx_fields import _mixed_series_report

    text = squash(pdftext(build(_mixed_series_report(), tmp_path)))
    for caption in ("研发投入强度（%）", "研发投入强度（个百分点）", "能耗降低（%）"):
        assert text.count(caption) == 1, caption
    assert "构成（占比）" not in text
    fall = text[text.index("能耗降低（%）"):]
    assert "-3" in fall and "-2.5" in fall
