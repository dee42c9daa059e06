"""The comparison model: many reports → the tables an analyst compares them by.

Pure: it receives reports already read (or their summaries, from a cluster task) and
returns plain records; writers (``renderers/comparison_*.py``) turn them into a workbook,
CSV, JSON lines and a PDF brief, and only the application layer touches paths.

Reports are ordered by region (the country first, then provinces in the order of their
GB/T 2260 codes, from a data file), then year, then source name. The pivot has one row per
standard indicator, role and period, and never mixes units: the unit (the figure's base
unit, so ``美元`` stays apart from ``元``) is part of the row's key. Each cell points at
its figure's row in the list of all figures.
"""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .model import Figure, Meta, Report

#: Columns that lead every figure row of a comparison, in this order.
REPORT_COLUMNS = ("region", "level", "year", "source")
#: Roles in the order their rows appear (``None``, background, last).
ROLE_ORDER = ("target", "result", None)
#: How a role is named in the comparison's sheets and brief.
ROLE_NAMES = {"target": "目标", "result": "实际", None: "其他"}
#: The text between the two ends of a range (``5%—5.5%``).
RANGE_DASH = "—"
#: An indicator is charted when at least this many reports state it.
CHART_MIN_REPORTS = 3
_CATALOGUE = Path(__file__).resolve().parent / "catalogues" / "indicators.toml"


@dataclass(frozen=True)
class Catalogue:
    """The standard indicators: id → display name, in reading order."""

    names: dict[str, str]
    path: str
    sha256: str
    #: Indicators that are rates of change: a stated fall of one is a value below zero.
    growths: frozenset[str] = frozenset()

    def name(self, indicator: str) -> str:
        return self.names.get(indicator, indicator)

    def cell(self, figure: Figure, position: int) -> Cell:
        """The figure's pivot cell: its value in the base unit, below zero for a fall of a
        growth rate (``地区生产总值下降4.3%`` is −4.3 %; ``能耗下降3%`` stays 3 %, a
        reduction), so a table and a chart say which way it went."""
        low, high = figure.base_value, figure.base_value_high
        if figure.change == "down" and figure.indicator in self.growths:
            low, high = (-high, -low) if high is not None else (-low, None)
        return Cell(low, high, position)

    def order(self, indicator: str) -> tuple[int, str]:
        """Sort key: catalogue order, then ids the catalogue does not know, by id."""
        known = list(self.names)
        return (known.index(indicator), "") if indicator in self.names else (len(known), indicator)


@lru_cache(maxsize=1)
def load_catalogue() -> Catalogue:
    """The bundled indicator catalogue (``exporter/catalogues/indicators.toml``)."""
    data = _CATALOGUE.read_bytes()
    table = tomllib.loads(data.decode("utf-8"))
    names = {str(item["id"]): str(item.get("name") or item["id"])
             for item in table.get("indicator", [])}
    growths = frozenset(str(item["id"]) for item in table.get("indicator", [])
                        if item.get("kind") == "growth")
    return Catalogue(names, f"exporter/catalogues/{_CATALOGUE.name} v{table.get('version', 1)}",
                     hashlib.sha256(data).hexdigest(), growths)


@dataclass(frozen=True)
class ReportSummary:
    """What a comparison needs of one report: where it came from, its metadata, how many
    sections it has and its figures. Small enough to return from a cluster task."""

    source: str
    sha256: str
    meta: Meta
    sections: int
    figures: tuple[Figure, ...]

    @classmethod
    def of(cls, report: Report, source: str, data: bytes) -> ReportSummary:
        """The summary of ``report``, read from ``data``, the bytes of the file ``source``."""
        return cls(source, hashlib.sha256(data).hexdigest(), report.meta,
                   sum(1 for _ in report.walk()), tuple(report.figures))

    @property
    def label(self) -> str:
        """How a column names the report: region and year, else the source."""
        parts = [self.meta.region or "", str(self.meta.year) if self.meta.year else ""]
        return " ".join(p for p in parts if p) or self.source

    def leading(self) -> dict[str, str | int | None]:
        """The report columns that lead each of its figure rows."""
        return {"region": self.meta.region, "level": self.meta.level,
                "year": self.meta.year, "source": self.source}


@dataclass(frozen=True)
class Cell:
    """One pivot cell: the value in the base unit (a range has both ends) and the index of
    its figure in :attr:`Comparison.figures`."""

    value: float
    value_high: float | None
    figure: int


@dataclass(frozen=True)
class RowKey:
    """What one pivot row holds: an indicator, a role, a period, in one unit."""

    indicator: str
    role: str | None
    period: str | None
    unit: str


@dataclass
class PivotRow:
    """One pivot row: its key and the cells by report index."""

    key: RowKey
    cells: dict[int, Cell] = field(default_factory=dict)


@dataclass(frozen=True)
class ColumnKey:
    """One column of the report × indicator layout: an indicator and role in one unit."""

    indicator: str
    role: str | None
    unit: str


@dataclass(frozen=True)
class ChartData:
    """One indicator stated by enough reports: targets and results per category."""

    indicator: str
    unit: str
    axis: str  # "region", "year" or "report": what the categories are
    categories: tuple[str, ...]
    targets: tuple[Cell | None, ...]
    results: tuple[Cell | None, ...]


@dataclass
class Comparison:
    """Everything the comparison writers need."""

    reports: list[ReportSummary]
    figures: list[tuple[int, Figure]]
    pivot: list[PivotRow]
    columns: list[ColumnKey]
    wide: dict[tuple[int, int], Cell]
    charts: list[ChartData]
    catalogue: Catalogue

    def indicators(self) -> list[str]:
        """The indicators compared, in catalogue order."""
        return sorted({row.key.indicator for row in self.pivot}, key=self.catalogue.order)


@lru_cache(maxsize=1)
def _region_catalogue() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The country's names and the provinces' name stems in GB/T 2260 order."""
    table = tomllib.loads((_CATALOGUE.parent / "regions.toml").read_text(encoding="utf-8"))
    return tuple(table["national"]), tuple(table["order"])


def region_order(region: str | None) -> tuple[int, int, str]:
    """Sort key of a region: the country, then provinces in GB/T 2260 order (a name
    matches the stem it starts with), then others by name, then no region at all."""
    if region is None:
        return (3, 0, "")
    national, order = _region_catalogue()
    if region in national:
        return (0, 0, region)
    stems = [n for n, stem in enumerate(order) if region.startswith(stem)]
    return (1, stems[0], region) if stems else (2, 0, region)


def _report_order(summary: ReportSummary) -> tuple[tuple[int, int, str], int, str]:
    meta = summary.meta
    return (region_order(meta.region), meta.year or 0, summary.source)


def _role_order(role: str | None) -> int:
    return ROLE_ORDER.index(role) if role in ROLE_ORDER else len(ROLE_ORDER)


def _period_order(period: str | None) -> tuple[int, str]:
    return (period is None, period or "")


def compare_reports(summaries: list[ReportSummary],
                    catalogue: Catalogue | None = None) -> Comparison:
    """Line the reports' indicator figures up: the pivot, the report × indicator layout
    and the charts, with every figure of every report listed in report order."""
    catalogue = catalogue or load_catalogue()
    reports = sorted(summaries, key=_report_order)
    figures = [(index, figure) for index, summary in enumerate(reports)
               for figure in summary.figures]
    rows: dict[RowKey, PivotRow] = {}
    for position, (index, figure) in enumerate(figures):
        if not figure.indicator:
            continue
        key = RowKey(figure.indicator, figure.role, figure.period, figure.base_unit)
        row = rows.setdefault(key, PivotRow(key))
        row.cells.setdefault(index, catalogue.cell(figure, position))
    pivot = sorted(rows.values(), key=lambda r: (catalogue.order(r.key.indicator),
                                                 _role_order(r.key.role), r.key.unit,
                                                 _period_order(r.key.period)))
    columns, wide = _wide(reports, figures, catalogue)
    comparison = Comparison(reports, figures, pivot, columns, wide, [], catalogue)
    comparison.charts = chart_data(comparison, CHART_MIN_REPORTS)
    return comparison


def _wide(reports: list[ReportSummary], figures: list[tuple[int, Figure]],
          catalogue: Catalogue) -> tuple[list[ColumnKey], dict[tuple[int, int], Cell]]:
    """One column per indicator, role and unit; each report's cell is the figure of its
    own period (a target for the report's year, a result for the year before) or, when
    none states that period, the first stated."""
    chosen: dict[tuple[int, ColumnKey], tuple[bool, Cell]] = {}
    for position, (index, figure) in enumerate(figures):
        if not figure.indicator:
            continue
        column = ColumnKey(figure.indicator, figure.role, figure.base_unit)
        own = figure.period == _own_period(reports[index].meta.year, figure.role)
        held = chosen.get((index, column))
        if held is None or (own and not held[0]):
            chosen[(index, column)] = (own, catalogue.cell(figure, position))
    columns = sorted({column for _, column in chosen},
                     key=lambda c: (catalogue.order(c.indicator), _role_order(c.role), c.unit))
    at = {column: n for n, column in enumerate(columns)}
    return columns, {(index, at[column]): cell for (index, column), (_, cell) in chosen.items()}


def _own_period(year: int | None, role: str | None) -> str | None:
    if year is None:
        return None
    return str(year) if role == "target" else str(year - 1) if role == "result" else None


def chart_data(comparison: Comparison, minimum: int = 1) -> list[ChartData]:
    """The data of a chart for each indicator (in one unit) that at least ``minimum``
    reports state: targets and results by region (one year), by year (one region) or by
    report, each report's value of its own period (see :func:`_wide`)."""
    reports, columns, wide = comparison.reports, comparison.columns, comparison.wide
    charts: list[ChartData] = []
    groups: dict[tuple[str, str], dict[str | None, int]] = {}
    for n, column in enumerate(columns):
        if column.role in ("target", "result"):
            groups.setdefault((column.indicator, column.unit), {})[column.role] = n
    for (indicator, unit), by_role in groups.items():  # columns are in catalogue order
        stating = [i for i in range(len(reports))
                   if any((i, n) in wide for n in by_role.values())]
        if len(stating) < minimum:
            continue
        metas = [reports[i].meta for i in stating]
        if len({m.year for m in metas}) == 1 and len({m.region for m in metas}) == len(metas):
            axis, names = "region", [m.region or reports[i].source for i, m in zip(stating, metas)]
        elif len({m.region for m in metas}) == 1 and len({m.year for m in metas}) == len(metas):
            axis, names = "year", [str(m.year) if m.year else reports[i].source
                                   for i, m in zip(stating, metas)]
        else:
            axis, names = "report", [reports[i].label for i in stating]

        values = {role: tuple(wide.get((i, n)) for i in stating) for role, n in by_role.items()}
        empty = (None,) * len(stating)
        charts.append(ChartData(indicator, unit, axis, tuple(names),
                                values.get("target", empty), values.get("result", empty)))
    return charts


def figure_rows(reports: list[ReportSummary]) -> list[dict[str, object]]:
    """Every figure of the reports, in their order, as a flat record led by the report
    columns (CSV, JSON lines, ``exporter figures`` of many reports)."""
    rows: list[dict[str, object]] = []
    for report in reports:
        leading = report.leading()
        for figure in report.figures:
            row: dict[str, object] = dict(leading)
            row.update(figure.record())
            rows.append(row)
    return rows
