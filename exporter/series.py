"""Time series the report states: one metric given for two or more periods.

The rule (:func:`find_series`): figures are grouped by their *normalised metric*, their
``base_unit`` and their *measure* (:func:`measure`: a level, a change of a level, a share,
a growth rate, a change in percentage points, a multiple), so one chart holds one kind
and one unit: shares, rates, percentage points and levels never meet. The normalised metric is the ``metric`` label after NFKC folding, with
whitespace, quotation marks and brackets removed and a leading scope word (全市, 全省, 全国,
本市, 我省 …) dropped, so ``全市技术合同成交额`` and ``技术合同成交额`` meet; a figure of a
standard indicator is grouped by the indicator's id instead, so last year's
``地区生产总值增速`` and this year's ``地区生产总值增长预期目标`` make one series. Only figures
whose ``period`` is a year (``2015``) or a span of years (``2011-2015``) count; years and
spans never mix in one series (a five-year total is not comparable with one year). A group
is a series when it holds two or more *distinct* periods; where one period is stated
twice the first statement in reading order stands. Points are sorted by period (start
year, then end year); series come in the reading order of their first figure. A stated
fall (``change`` down) is a negative value, so a chart draws it below zero.

:func:`share_sets` finds the parts of one whole the report states together: two or more
shares (measure ``share``, no standard indicator) of one sentence, one role and one
period, whose parts stay within 100 % — never rates, changes or percentage points
(``居民消费价格上涨2%，城镇调查失业率5.5%`` is no composition).

Model-level only: this module imports nothing but the model, so every renderer may use it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .model import Figure, Report

_PERIOD = re.compile(r"^\s*(\d{4})\s*(?:[-–—~至到]\s*(\d{4}))?\s*$")
_DROP = re.compile(r"[\s\"'“”‘’「」『』《》〈〉()（）\[\]【】]")
_SCOPE = re.compile(r"^(?:全市|全省|全区|全国|全县|本市|本省|本区|我市|我省|我区|我国)")
#: Figure kinds that measure change rather than a part of a whole.
_GROWTH_KINDS = frozenset({"growth", "rate", "multiple", "change", "points"})
_GROWTH_WORDS = ("增长", "增速", "增幅", "下降", "降低", "提高", "年均", "同比", "环比")


@dataclass(frozen=True)
class Series:
    """One metric at two or more periods; ``points`` are (period, figure), sorted by period.

    ``unit`` is the unit most points state (the first one on a tie); values of points that
    state another scale of the same ``base_unit`` are converted by :meth:`value_of`.
    """

    metric: str
    unit: str
    base_unit: str
    points: list[tuple[str, Figure]]
    #: What every point measures (:func:`measure`).
    measure: str = "level"

    @property
    def periods(self) -> list[str]:
        return [period for period, _ in self.points]

    @property
    def scale(self) -> float:
        """Base units in one ``unit`` (1e8 for 亿元 over 元; 0.01 for % over ratio)."""
        for _, figure in self.points:
            if figure.unit == self.unit and figure.value:
                return figure.base_value / figure.value
        return 1.0

    def value_of(self, figure: Figure) -> float:
        """The figure's value in the series' ``unit``, negative for a stated fall."""
        value = figure.base_value / self.scale if self.scale else figure.base_value
        return -value if figure.change == "down" else value

    def values(self) -> list[float]:
        """Every point's value in ``unit``, in period order."""
        return [self.value_of(figure) for _, figure in self.points]


def measure(figure: Figure) -> str:
    """What a figure measures, for charting: ``points`` (a change in percentage points),
    ``growth`` (a rate of change), ``rate`` (a per-unit rate), ``share`` (a part of a
    whole), ``multiple``, ``change`` (a change of a level) or ``level``."""
    if figure.kind == "points" or "百分点" in figure.unit:
        return "points"
    if figure.base_unit == "ratio":
        if figure.change or _is_growth(figure):
            return "rate" if figure.kind == "rate" else "growth"
        return "share"
    if figure.base_unit == "times":
        return "multiple"
    return "change" if figure.change else "level"


def normalise_metric(metric: str) -> str:
    """The grouping key of a metric label (see the module docstring)."""
    text = _DROP.sub("", unicodedata.normalize("NFKC", metric))
    stripped = _SCOPE.sub("", text)
    return stripped or text


def period_key(period: str | None) -> tuple[int, int] | None:
    """``"2015"`` → (2015, 2015); ``"2011-2015"`` → (2011, 2015); anything else → None."""
    if not period:
        return None
    match = _PERIOD.match(unicodedata.normalize("NFKC", period))
    if not match:
        return None
    start = int(match.group(1))
    end = int(match.group(2)) if match.group(2) else start
    return (start, end) if end >= start else None


def find_series(report: Report) -> list[Series]:
    """Every metric the report states for two or more distinct periods (module rule)."""
    groups: dict[tuple[str, str, bool, str], dict[str, tuple[tuple[int, int], Figure]]] = {}
    for figure in report.figures:
        key = period_key(figure.period)
        name = (f"indicator:{figure.indicator}" if figure.indicator
                else normalise_metric(figure.metric or ""))
        if key is None or not name or figure.period is None:
            continue
        group = groups.setdefault((name, figure.base_unit, key[0] != key[1], measure(figure)),
                                  {})
        group.setdefault(_canonical_period(key), (key, figure))
    series: list[Series] = []
    for (_, _, _, kind), points in groups.items():
        if len(points) < 2:
            continue
        ordered = sorted(points.items(), key=lambda item: item[1][0])
        figures = [figure for _, (_, figure) in ordered]
        series.append(Series(
            metric=_label(figures), unit=_common_unit(figures), base_unit=figures[0].base_unit,
            points=[(period, figure) for period, (_, figure) in ordered], measure=kind))
    order = {figure.id: n for n, figure in enumerate(report.figures)}
    series.sort(key=lambda s: min(order[f.id] for _, f in s.points))
    return series


def share_sets(report: Report) -> list[list[Figure]]:
    """Parts of one whole stated in one sentence: two or more shares of the same sentence,
    paragraph, role and period (module rule) that together make at most 100 %."""
    by_sentence: dict[tuple[str, str, str | None, str | None], list[Figure]] = {}
    for figure in report.figures:
        if (measure(figure) != "share" or figure.indicator or figure.value_high is not None
                or not 0 < figure.base_value <= 1):
            continue
        key = (figure.paragraph, figure.sentence, figure.role, figure.period)
        by_sentence.setdefault(key, []).append(figure)
    return [parts for parts in by_sentence.values()
            if len(parts) >= 2 and sum(f.base_value for f in parts) <= 1.0 + 1e-9]


def _is_growth(figure: Figure) -> bool:
    if figure.kind in _GROWTH_KINDS:
        return True
    return any(word in (figure.metric or "") for word in _GROWTH_WORDS)


def _canonical_period(key: tuple[int, int]) -> str:
    start, end = key
    return str(start) if start == end else f"{start}-{end}"


def _label(figures: list[Figure]) -> str:
    """The shortest label the report used for the metric (the first one on a tie)."""
    labels = [f.metric.strip() for f in figures if f.metric and f.metric.strip()]
    return min(labels, key=len)


def _common_unit(figures: list[Figure]) -> str:
    counts: dict[str, int] = {}
    for figure in figures:
        counts[figure.unit] = counts.get(figure.unit, 0) + 1
    return max(counts, key=lambda unit: counts[unit])
