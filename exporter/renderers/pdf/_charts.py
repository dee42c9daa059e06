"""Charts for the PDF, drawn with reportlab's own graphics (vector, fonts embedded).

Two kinds, both only from what the model holds: a column chart for a series (one metric
at two or more periods) and a bar chart for a set of shares stated together. Every label
is plain text in a registered font (no Helvetica), and colours come from the theme.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib.colors import Color, HexColor

#: Chart heights in points: a series, and each bar of a share chart.
SERIES_HEIGHT = 150.0
SHARE_BAR = 22.0


@dataclass(frozen=True)
class ChartStyle:
    """Fonts and colours of the charts of one document."""

    font: str
    size: float
    text: str
    muted: str
    grid: str
    colors: Sequence[str]


def _hex(value: str) -> Color:
    return HexColor("#" + value)


def _number(value: float) -> str:
    """A value label: thousands separators, at most two decimals, no trailing zeros."""
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return text if text not in ("-0", "") else "0"


def _style_axis_labels(chart: VerticalBarChart | HorizontalBarChart, style: ChartStyle) -> None:
    for axis in (chart.categoryAxis, chart.valueAxis):
        axis.labels.fontName = style.font
        axis.labels.fontSize = style.size
        axis.labels.fillColor = _hex(style.muted)
        axis.strokeColor = _hex(style.grid)
    chart.barLabels.fontName = style.font
    chart.barLabels.fontSize = style.size
    chart.barLabels.fillColor = _hex(style.text)
    chart.barLabelFormat = _number


def series_chart(periods: Sequence[str], values: Sequence[float], width: float,
                 style: ChartStyle) -> Drawing:
    """Columns for one metric over its periods, each labelled with its value."""
    drawing = Drawing(width, SERIES_HEIGHT, initialFontName=style.font)
    chart = VerticalBarChart()
    chart.x, chart.y = 36, 22
    chart.width, chart.height = width - 48, SERIES_HEIGHT - 40
    chart.data = [list(values)]
    chart.categoryAxis.categoryNames = list(periods)
    # From zero, whichever side the values fall on: a fall is drawn below the axis.
    chart.valueAxis.valueMin = min(0.0, min(values))
    if max(values) < 0:
        chart.valueAxis.valueMax = 0.0
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = _hex(style.grid)
    chart.valueAxis.gridStrokeWidth = 0.3
    chart.valueAxis.labelTextFormat = _number
    chart.bars[0].fillColor = _hex(style.colors[0])
    chart.bars[0].strokeColor = None
    chart.barWidth = 10
    chart.groupSpacing = max(8.0, chart.width / max(len(values), 1) * 0.45)
    _style_axis_labels(chart, style)
    chart.barLabels.nudge = 6
    drawing.add(chart)
    return drawing


def share_chart(labels: Sequence[str], shares: Sequence[float], width: float,
                style: ChartStyle) -> Drawing:
    """Horizontal bars for parts of one whole, as percentages of it (0–100)."""
    height = SHARE_BAR * len(shares) + 30
    label_room = min(width * 0.4, max(len(label) for label in labels) * style.size + 10)
    drawing = Drawing(width, height, initialFontName=style.font)
    chart = HorizontalBarChart()
    chart.x, chart.y = label_room, 16
    chart.width, chart.height = width - label_room - 40, height - 24
    chart.data = [[share * 100 for share in shares]]
    chart.categoryAxis.categoryNames = list(labels)
    chart.categoryAxis.reverseDirection = True  # first stated on top
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = 100
    chart.valueAxis.valueStep = 20
    chart.valueAxis.labelTextFormat = lambda v: f"{v:g}%"
    chart.bars[0].fillColor = _hex(style.colors[0])
    chart.bars[0].strokeColor = None
    _style_axis_labels(chart, style)
    chart.barLabelFormat = lambda v: f"{_number(v)}%"
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 4
    drawing.add(chart)
    return drawing
