"""The comparison workbook: many reports side by side, for an analyst to read at once.

Sheets (names from the theme's ``[workbook]`` table where it names them): *Reports*, one
row per report; *Indicators*, the pivot (one row per indicator, role, period and unit,
one column per report, each cell linked to its figure's row); *By report*, one row per
report and one column per indicator, for filtering; *Figures*, every figure led by its
report's columns, in an Excel table; *Charts*, a native chart for each indicator stated by
at least three reports; *About*, the inputs and their hashes, the catalogue and the
version. Saved through the pinned zip writer, so the same reports give the same bytes.
Report text never becomes a formula.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import fields
from typing import Any, BinaryIO

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from ...compare import RANGE_DASH, REPORT_COLUMNS, ROLE_NAMES, Cell, Comparison, RowKey
from ...model import Figure
from ...theme import Theme
from .._office import PinnedZip
from ..options import UNDATED_ZIP_TIME, RenderOptions
from ._cells import (
    WidthTracker,
    base_format,
    build_date,
    cell_text,
    finite,
    needs_quote_prefix,
)
from ._compat import drop_dates

FIGURE_FIELDS = tuple(f.name for f in fields(Figure))
REPORT_SHEET_COLUMNS = ("region", "level", "year", "title", "speaker", "date", "source",
                        "source_sha256", "sections", "figures")
_CHART_ROWS = 18


def render(comparison: Comparison, theme: Theme, options: RenderOptions, out: BinaryIO) -> None:
    """Write the comparison workbook to the binary stream ``out``."""
    stamped = (dt.datetime.fromtimestamp(options.source_date_epoch, tz=dt.UTC)
               if options.source_date_epoch is not None else None)
    moment = build_date(stamped or UNDATED_ZIP_TIME)
    wb = Workbook()
    wb.remove(wb.active)
    props = wb.properties
    props.title, props.subject = "报告比较", "Comparison"
    props.creator = f"exporter {options.tool_version}".strip()
    props.lastModifiedBy = None
    props.language = theme.language
    if stamped is None:  # a comparison has no date of its own: SOURCE_DATE_EPOCH or none
        drop_dates(wb)
    else:
        props.created = props.modified = moment
    cells = _Cells(theme)
    names = {key: _sheet_title(theme.sheet_name(key)) for key in
             ("Reports", "Indicators", "By report", "Figures", "Charts", "About")}
    figures_at = quote_sheetname(names["Figures"])
    _reports_sheet(wb.create_sheet(names["Reports"]), cells, comparison)
    _pivot_sheet(wb.create_sheet(names["Indicators"]), cells, comparison, figures_at)
    _wide_sheet(wb.create_sheet(names["By report"]), cells, comparison, figures_at)
    _figures_sheet(wb.create_sheet(names["Figures"]), cells, comparison)
    _charts_sheet(wb.create_sheet(names["Charts"]), cells, comparison, theme)
    _about_sheet(wb.create_sheet(names["About"]), cells, comparison, options)
    ExcelWriter(wb, PinnedZip(out, moment)).save()


def _sheet_title(name: str) -> str:
    return "".join(c for c in name if c not in "[]:*?/\\")[:31] or "Sheet"


class _Cells:
    """Cell writing with the theme's table fonts; text always stays text."""

    def __init__(self, theme: Theme) -> None:
        header, body = theme.role("table_header"), theme.role("table_body")
        self.header_font = Font(name=header.fonts[0], size=header.size, bold=True,
                                color=header.color)
        self.header_fill = PatternFill("solid", fgColor=theme.color("table_header_fill"))
        self.body_font = Font(name=body.fonts[0], size=body.size, color=body.color)
        self.link_font = Font(name=body.fonts[0], size=body.size, underline="single",
                              color=theme.color("accent"))
        self.table_style = theme.table_style

    def text(self, ws: Worksheet, row: int, column: int, value: object) -> Any:
        cell = ws.cell(row, column)
        if value is None or value == "":
            return cell
        text = cell_text(str(value))
        cell.value = text
        cell.data_type = "s"
        cell.font = self.body_font
        if needs_quote_prefix(text):
            cell.quotePrefix = True
        return cell

    def number(self, ws: Worksheet, row: int, column: int, value: float | None,
               number_format: str | None = None) -> Any:
        cell = ws.cell(row, column)
        cell.value = finite(value)
        cell.font = self.body_font
        if number_format:
            cell.number_format = number_format
        return cell

    def value(self, ws: Worksheet, row: int, column: int, value: object) -> Any:
        """A number as a number, anything else as text."""
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return self.number(ws, row, column, value)
        return self.text(ws, row, column, value)

    def headers(self, ws: Worksheet, names: Sequence[str], row: int = 1) -> None:
        for column, name in enumerate(names, 1):
            cell = self.text(ws, row, column, name)
            cell.font, cell.fill = self.header_font, self.header_fill
            cell.alignment = Alignment(vertical="top", wrap_text=True)

    def link(self, cell: Any, location: str) -> None:
        cell.hyperlink = Hyperlink(ref=cell.coordinate, location=location)
        cell.font = self.link_font


def _widths(ws: Worksheet, rows: list[Sequence[object]], cap: int = 40) -> None:
    tracker = WidthTracker(max((len(r) for r in rows), default=0), cap=cap)
    for row in rows:
        for n, value in enumerate(row):
            tracker.see(n, "" if value is None else str(value))
    for n, width in enumerate(tracker.widths(), 1):
        ws.column_dimensions[get_column_letter(n)].width = width


def cell_display(cell: Cell, unit: str) -> tuple[object, str]:
    """A pivot cell's content and number format: the value in its base unit with the
    unit's format, or for a range the text of both ends (``5%—5.5%``)."""
    number_format, shown = base_format(cell.value, unit)
    if cell.value_high is None:
        return finite(cell.value), number_format
    high = base_format(cell.value_high, unit)[1]
    return f"{shown}{RANGE_DASH}{high}", "General"


def _figure_location(sheet: str, position: int) -> str:
    return f"{sheet}!A{position + 2}"


def _reports_sheet(ws: Worksheet, cells: _Cells, comparison: Comparison) -> None:
    cells.headers(ws, REPORT_SHEET_COLUMNS)
    rows: list[Sequence[object]] = [REPORT_SHEET_COLUMNS]
    for r, report in enumerate(comparison.reports, 2):
        meta = report.meta
        values = (meta.region, meta.level, meta.year, meta.title, meta.speaker, meta.date,
                  report.source, report.sha256, report.sections, len(report.figures))
        for column, value in enumerate(values, 1):
            cells.value(ws, r, column, value)
        rows.append(values)
    ws.freeze_panes = "A2"
    _widths(ws, rows)


def _row_heading(comparison: Comparison, key: RowKey) -> tuple[str, str, str, str, str]:
    return (comparison.catalogue.name(key.indicator), key.indicator, ROLE_NAMES.get(key.role, "其他"),
            key.period or "", key.unit)


def _pivot_sheet(ws: Worksheet, cells: _Cells, comparison: Comparison, figures_at: str) -> None:
    """One row per indicator, role, period and unit; one column per report."""
    lead = ("指标", "indicator", "role", "period", "unit")
    header = lead + tuple(report.label for report in comparison.reports)
    cells.headers(ws, header)
    rows: list[Sequence[object]] = [header]
    for r, row in enumerate(comparison.pivot, 2):
        heading = _row_heading(comparison, row.key)
        for column, value in enumerate(heading, 1):
            cells.text(ws, r, column, value)
        shown: list[object] = list(heading)
        for index, cell in sorted(row.cells.items()):
            content, number_format = cell_display(cell, row.key.unit)
            target = (cells.number(ws, r, len(lead) + 1 + index, content, number_format)  # type: ignore[arg-type]
                      if not isinstance(content, str)
                      else cells.text(ws, r, len(lead) + 1 + index, content))
            cells.link(target, _figure_location(figures_at, cell.figure))
            shown.append(content)
        rows.append(shown)
    ws.freeze_panes = ws.cell(2, len(lead) + 1).coordinate
    if comparison.pivot:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(comparison.pivot) + 1}"
    _widths(ws, rows, cap=24)


def _wide_sheet(ws: Worksheet, cells: _Cells, comparison: Comparison, figures_at: str) -> None:
    """One row per report, one column per indicator, role and unit (each report's value of
    its own period), for filtering."""
    catalogue = comparison.catalogue
    titles = tuple(f"{catalogue.name(c.indicator)}·{ROLE_NAMES.get(c.role, '其他')}"
                   f"（{c.unit}）" for c in comparison.columns)
    header = REPORT_COLUMNS + titles
    cells.headers(ws, header)
    rows: list[Sequence[object]] = [header]
    lead = len(REPORT_COLUMNS)
    for index, report in enumerate(comparison.reports):
        r = index + 2
        leading = report.leading()
        for column, name in enumerate(REPORT_COLUMNS, 1):
            cells.value(ws, r, column, leading[name])
        shown: list[object] = list(leading.values())
        for n, column_key in enumerate(comparison.columns):
            cell = comparison.wide.get((index, n))
            if cell is None:
                continue
            content, number_format = cell_display(cell, column_key.unit)
            target = (cells.text(ws, r, lead + 1 + n, content) if isinstance(content, str)
                      else cells.number(ws, r, lead + 1 + n, content, number_format))  # type: ignore[arg-type]
            cells.link(target, _figure_location(figures_at, cell.figure))
            shown.append(content)
        rows.append(shown)
    ws.freeze_panes = ws.cell(2, lead + 1).coordinate
    ws.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(comparison.reports) + 1}"
    _widths(ws, rows, cap=24)


def _figures_sheet(ws: Worksheet, cells: _Cells, comparison: Comparison) -> None:
    """Every figure of every report, the report's columns first, in an Excel table."""
    header = REPORT_COLUMNS + FIGURE_FIELDS
    cells.headers(ws, header)
    rows: list[Sequence[object]] = [header[:len(REPORT_COLUMNS) + 8]]
    base_value = header.index("base_value") + 1
    for r, (index, figure) in enumerate(comparison.figures, 2):
        leading = comparison.reports[index].leading()
        values = [leading[name] for name in REPORT_COLUMNS]
        values += [getattr(figure, name) for name in FIGURE_FIELDS]
        for column, value in enumerate(values, 1):
            cells.value(ws, r, column, value)
        ws.cell(r, base_value).number_format = base_format(figure.base_value,
                                                           figure.base_unit)[0]
        rows.append(values[:len(REPORT_COLUMNS) + 8])
    ref = f"A1:{get_column_letter(len(header))}{max(len(comparison.figures), 1) + 1}"
    ws.add_table(Table(displayName="Figures", ref=ref, tableStyleInfo=TableStyleInfo(
        name=cells.table_style, showRowStripes=True)))
    ws.freeze_panes = "A2"
    _widths(ws, rows, cap=30)


def _charts_sheet(ws: Worksheet, cells: _Cells, comparison: Comparison, theme: Theme) -> None:
    """For each indicator at least three reports state: a block of its targets and
    results by region, year or report, and a native column chart of the block."""
    top = 1
    for n, chart in enumerate(comparison.charts):
        name = comparison.catalogue.name(chart.indicator)
        cells.headers(ws, (name, "目标", "实际"), row=top)
        number_format = "0.0%" if chart.unit == "ratio" else "#,##0.##"
        for offset, (category, target, result) in enumerate(
                zip(chart.categories, chart.targets, chart.results), 1):
            cells.text(ws, top + offset, 1, category)  # a range is charted by its low end
            cells.number(ws, top + offset, 2, target.value if target else None, number_format)
            cells.number(ws, top + offset, 3, result.value if result else None, number_format)
        last = top + len(chart.categories)
        plot = BarChart()
        plot.type = "col"
        plot.title = f"{name}（{chart.unit}）"
        plot.width, plot.height = 18, 8
        roles = [2] + ([3] if any(v is not None for v in chart.results) else [])
        if all(v is None for v in chart.targets):
            roles.remove(2)
        for column in roles:
            plot.add_data(Reference(ws, min_col=column, min_row=top, max_row=last),
                          titles_from_data=True)
        plot.set_categories(Reference(ws, min_col=1, min_row=top + 1, max_row=last))
        plot.y_axis.number_format = number_format
        plot.y_axis.delete = False
        plot.x_axis.delete = False
        for s, series in enumerate(plot.series):
            color = theme.chart_colors[(n + s) % len(theme.chart_colors)]
            series.graphicalProperties.solidFill = color
            series.graphicalProperties.line.solidFill = color
        ws.add_chart(plot, f"E{top}")
        top = max(last, top + _CHART_ROWS) + 2
    ws.column_dimensions["A"].width = 24


def _about_sheet(ws: Worksheet, cells: _Cells, comparison: Comparison,
                 options: RenderOptions) -> None:
    """Where the comparison came from: each input and its hash, the catalogue, the tool."""
    catalogue = comparison.catalogue
    rows: list[tuple[str, object, object]] = [
        ("reports", len(comparison.reports), None),
        ("figures", len(comparison.figures), None),
        ("indicator catalogue", catalogue.path, catalogue.sha256),
        ("tool_version", options.tool_version, None),
    ]
    rows += [("input", report.source, report.sha256)
             for report in comparison.reports]
    cells.headers(ws, ("field", "value", "sha256"))
    for r, row in enumerate(rows, 2):
        for column, value in enumerate(row, 1):
            cells.value(ws, r, column, value)
    _widths(ws, [("field", "value", "sha256"), *rows], cap=70)
