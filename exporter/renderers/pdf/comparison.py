"""The comparison brief as PDF: one page per compared indicator, a table and a chart.

Fonts come from the same machinery as the report PDF (:func:`~exporter.renderers.pdf.fonts.prepare_pdf_fonts`
with the theme's roles: subset, embedded, cached); colours and page from the theme. Table
cells are plain strings, which reportlab draws as text, never as paragraph markup, so
report text cannot inject markup. Built with ``invariant`` on, so the same reports give
the same bytes.
"""

from __future__ import annotations

from io import BytesIO
from typing import Any, BinaryIO

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing
from reportlab.lib.colors import HexColor
from reportlab.platypus import PageBreak, SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from ...compare import RANGE_DASH, ROLE_NAMES, Cell, ChartData, Comparison, chart_data
from ...theme import Theme
from ..options import RenderOptions
from .fonts import PdfFontSet, prepare_pdf_fonts
from .writer import reportlab_settings

TITLE = "报告比较"
COLUMNS = ("报告", "目标", "实际")
CHART_HEIGHT = 200.0
#: Longest category label under a chart's column, in characters.
_LABEL_CHARS = 8


def render(comparison: Comparison, theme: Theme, options: RenderOptions, out: BinaryIO) -> None:
    """Write the brief: a cover line, then one page per indicator in one unit."""
    charts = chart_data(comparison, minimum=1)
    text = TITLE + "".join(COLUMNS) + "".join(ROLE_NAMES.values()) + "（）%—0123456789.,-·第页共"
    text += "".join(comparison.catalogue.name(c.indicator) + c.unit + "".join(c.categories)
                    for c in charts)
    fonts = prepare_pdf_fonts(theme, text, font_files=options.font_files,
                              font_dirs=options.font_dirs, cache_dir=options.font_cache,
                              warn=options.warn)
    page = theme.page
    buffer = BytesIO()
    with reportlab_settings(fonts.font_name("body")):
        document = SimpleDocTemplate(
            buffer, pagesize=(page.width, page.height), leftMargin=page.margin_left,
            rightMargin=page.margin_right, topMargin=page.margin_top,
            bottomMargin=page.margin_bottom, title=TITLE, invariant=1,
            creator=f"exporter {options.tool_version}".strip(), producer="exporter",
            lang=theme.language, initialFontName=fonts.font_name("body"))
        story: list[Flowable] = []
        for n, chart in enumerate(charts):
            if n:
                story.append(PageBreak())
            story += _page(comparison, chart, theme, fonts, page.frame_width)
        if not story:
            story.append(_Line("没有可比较的标准指标", fonts.font_name("body"),
                               theme.role("body").size, theme.role("body").color))
        document.build(story)
    out.write(buffer.getvalue())


class _Line(Flowable):  # type: ignore[misc]  # reportlab ships no types
    """One line of plain text in one font (a page title)."""

    def __init__(self, text: str, font: str, size: float, color: str) -> None:
        super().__init__()
        self.text, self.font, self.size, self.color = text, font, size, color

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return available_width, self.size * 1.6

    def draw(self) -> None:
        self.canv.setFont(self.font, self.size)
        self.canv.setFillColor(HexColor("#" + self.color))
        self.canv.drawString(0, self.size * 0.4, self.text)


def _number(value: float, unit: str) -> str:
    if unit == "ratio":
        return f"{value * 100:.2f}".rstrip("0").rstrip(".") + "%"
    return f"{value:,.2f}".rstrip("0").rstrip(".") + ("×" if unit == "times" else unit)


def _shown(cell: Cell | None, unit: str) -> str:
    """A table cell: the value in its unit, a range as both ends, ``—`` when unstated."""
    if cell is None:
        return "—"
    if cell.value_high is None:
        return _number(cell.value, unit)
    return f"{_number(cell.value, unit)}{RANGE_DASH}{_number(cell.value_high, unit)}"


def _page(comparison: Comparison, chart: ChartData, theme: Theme, fonts: PdfFontSet,
          width: float) -> list[Flowable]:
    """One indicator: its name and unit, the table of targets and results, the chart."""
    title_role, header_role, body_role = (theme.role("heading1"), theme.role("table_header"),
                                          theme.role("table_body"))
    name = comparison.catalogue.name(chart.indicator)
    unit = "%" if chart.unit == "ratio" else chart.unit
    rows = [list(COLUMNS)] + [[category, _shown(t, chart.unit), _shown(r, chart.unit)]
                              for category, t, r in zip(chart.categories, chart.targets,
                                                        chart.results)]
    table = Table(rows, colWidths=[width * 0.5, width * 0.25, width * 0.25], repeatRows=1)
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, 0), fonts.font_name("table_header"), header_role.size),
        ("FONT", (0, 1), (-1, -1), fonts.font_name("table_body"), body_role.size),
        ("TEXTCOLOR", (0, 0), (-1, 0), HexColor("#" + theme.color("table_header_text"))),
        ("BACKGROUND", (0, 0), (-1, 0), HexColor("#" + theme.color("table_header_fill"))),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, HexColor("#" + theme.color("table_border"))),
        ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
    ]))
    return [_Line(f"{name}（{unit}）", fonts.font_name("heading1"), title_role.size,
                  title_role.color),
            Spacer(width, 6), table, Spacer(width, 14),
            _chart(chart, theme, fonts.font_name("caption"), theme.role("caption").size, width)]


def _chart(chart: ChartData, theme: Theme, font: str, size: float, width: float) -> Drawing:
    """Columns of the targets and results by category (a range at its low end), with a
    legend."""
    scale = 100.0 if chart.unit == "ratio" else 1.0
    plotted = [(role, cells) for role, cells in (("target", chart.targets),
                                                ("result", chart.results))
               if any(c is not None for c in cells)]
    drawing = Drawing(width, CHART_HEIGHT, initialFontName=font)
    bars = VerticalBarChart()
    bars.x, bars.y = 40, 40
    bars.width, bars.height = width - 60, CHART_HEIGHT - 70
    bars.data = [[(c.value if c else 0.0) * scale for c in cells] for _, cells in plotted]
    bars.categoryAxis.categoryNames = [c[:_LABEL_CHARS] for c in chart.categories]
    lowest = min((v for row in bars.data for v in row), default=0.0)
    bars.valueAxis.valueMin = min(0.0, lowest)
    for axis in (bars.categoryAxis, bars.valueAxis):
        axis.labels.fontName, axis.labels.fontSize = font, size
        axis.strokeColor = HexColor("#" + theme.color("table_border"))
    bars.categoryAxis.labels.angle = 30 if len(chart.categories) > 6 else 0
    bars.categoryAxis.labels.boxAnchor = "ne" if len(chart.categories) > 6 else "n"
    colors = theme.chart_colors
    for n in range(len(plotted)):
        bars.bars[n].fillColor = HexColor("#" + colors[n % len(colors)])
        bars.bars[n].strokeColor = None
    drawing.add(bars)
    legend: Any = Legend()
    legend.fontName, legend.fontSize = font, size
    legend.x, legend.y = 40, CHART_HEIGHT - 8
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.colorNamePairs = [(HexColor("#" + colors[n % len(colors)]), ROLE_NAMES[role])
                             for n, (role, _) in enumerate(plotted)]
    drawing.add(legend)
    return drawing
