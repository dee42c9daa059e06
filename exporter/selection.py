"""Model-level choices shared by the Word briefing, the PDF summary and ``check``.

Which figures are the report's headline figures, what a section says in brief, how a
figure's value, a date and the speaker read, what the figure tables' columns are called
and where long text is clipped. Pure functions of the model: renderers import them so the
documents agree, ``check`` so it reads back what they wrote, and no choice here ever
depends on a particular report's wording.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .model import Figure, Meta, Report, Section
from .sentences import split_sentences
from .vocabulary import vocabulary

#: The headings of the figure tables' columns, by field. Every figure table starts with
#: the id column, which ``check`` looks for to find them.
COLUMN_HEADERS = {"id": "编号", "metric": "指标", "value": "数值", "stated": "数值（原文）",
                  "base": "基数", "unit": "单位", "period": "时期", "qualifier": "限定"}

#: Kinds that state a level (how much, how many, what share): the headline material.
#: Rates of change and multiples only fill the table when too few levels are stated.
PRIMARY_KINDS = ("amount", "count", "share")
_GROWTH_WORDS = ("增长", "增速", "增幅", "提高", "下降", "降低")


def figure_kind(figure: Figure) -> str:
    """The figure's kind as the extractor stated it, else inferred from its base unit:
    ``元`` → amount, ``times`` → multiple, ``ratio`` → growth when the metric names a
    change (增长, 增速 …) and share otherwise, any measure word → count."""
    if figure.kind:
        return figure.kind
    if figure.base_unit == "元":
        return "amount"
    if figure.base_unit == "times":
        return "multiple"
    if figure.base_unit == "ratio":
        return "growth" if any(w in figure.metric for w in _GROWTH_WORDS) else "share"
    return "count"


def _end_year(figure: Figure) -> int | None:
    """The last year of the figure's period (``2011-2015`` → 2015), None when unstated."""
    years = re.findall(r"\d{4}", figure.period or "")
    return int(years[-1]) if years else None


#: The indicator every work report leads with: first among the headline figures.
LEAD_INDICATOR = "gdp_growth"
#: A label that opens with the name of a part of the jurisdiction or of one organisation
#: (成都市…, 天府新区…, 某某集团…, 惠州…): 2–6 characters closed by a place or company word,
#: or a city named by one character and 州.
_PART_NAME = re.compile(r"^(?:[\u4e00-\u9fff]州|[\u4e00-\u9fff]{2,6}?(?:自治州|市|州|县|区|盟|旗|公司|集团|厂))")
#: Scope words that name the whole jurisdiction, stripped before looking for a part's name.
_WHOLE = re.compile(r"^(?:全国|全省|全市|全区|全州|全县|本省|本市|本区|我国|我省|我市|我区)")
#: Common words that end like a name but name no one place (社区, 上市公司), and the
#: term 地区生产总值, whose 地区 is the whole jurisdiction's.
_COMMON_ENDINGS = ("社区", "园区", "城区", "市区", "山区", "景区", "上市", "超市", "上市公司")
_GDP_TERM = "地区生产总值"


def headline_figures(report: Report, limit: int = 8) -> list[Figure]:
    """The report's headline figures, at most ``limit``, in order of importance.

    When the figures carry roles (the second figures contract):

    1. background (``role`` null) is never a headline, nor a figure without a label, nor
       one whose label opens with the name of a city, district or company
       (``成都市地区生产总值`` in a provincial report, see :func:`names_a_part`);
    2. the jurisdiction's standard indicators come first (``indicator`` set, which the
       extractor gives only to figures of the whole jurisdiction): GDP growth, then the
       others in the order the report first states them; for each, last year's result
       (else its latest result), then this year's target (else its nearest target);
    3. then the largest stated totals (amounts in 元), one per metric, largest first;
    4. then the indicators' other statements, in reading order.

    A model without roles (made before that contract) falls back to :func:`_by_kind`.
    """
    if limit <= 0:
        return []
    if not any(figure.role for figure in report.figures):
        return _by_kind(report, limit)
    year = report.meta.year
    region = report.meta.region
    stated = [f for f in report.figures
              if f.role and f.metric.strip() and not names_a_part(f.metric, region)]
    chosen: list[Figure] = []
    indicators = sorted({f.indicator for f in stated if f.indicator},
                        key=lambda i: (i != LEAD_INDICATOR,
                                       next(n for n, f in enumerate(stated) if f.indicator == i)))
    for indicator in indicators:
        own = [f for f in stated if f.indicator == indicator]
        for role, wanted in (("result", year - 1 if year else None), ("target", year)):
            best = _closest([f for f in own if f.role == role], wanted, latest=role == "result")
            if best is not None:
                chosen.append(best)
    totals: dict[str, Figure] = {}
    for figure in sorted((f for f in stated if not f.indicator and f.base_unit == "元"),
                         key=lambda f: -f.base_value):
        totals.setdefault((figure.metric_key or figure.metric).strip(), figure)
    chosen += totals.values()
    chosen += [f for f in stated if f.indicator and f not in chosen]
    return chosen[:limit]


def _closest(figures: list[Figure], year: int | None, latest: bool) -> Figure | None:
    """The figure whose period ends in ``year``, else the latest (results) or the
    earliest (targets) ending; a single year before a span; the first stated wins a tie."""
    if not figures:
        return None

    def rank(figure: Figure) -> tuple[int, int, int]:
        years = [int(y) for y in re.findall(r"\d{4}", figure.period or "")]
        if not years:
            return (2, 0, 0)
        end = years[-1]
        return (0 if end == year else 1, -end if latest else end, end - years[0])

    return min(figures, key=rank)


def names_a_part(metric: str, region: str | None = None) -> bool:
    """Whether a label opens with the name of a part of the jurisdiction or of one
    organisation, once the jurisdiction's own name and scope words are stripped."""
    label = metric.strip()
    if region:
        for name in (region, region.rstrip("省市区")):
            if name and label.startswith(name):
                label = label[len(name):]
                break
    label = _WHOLE.sub("", label)
    found = _PART_NAME.match(label)
    if found is None or found.group().endswith(_COMMON_ENDINGS):
        return False
    return not label.startswith(_GDP_TERM, found.end() - 2)


def _by_kind(report: Report, limit: int) -> list[Figure]:
    """Headline figures of a model whose figures carry no roles, in reading order.

    The rule, applied to ``report.figures`` (in reading order):

    1. only figures with a metric label can head a table row; unlabelled ones are out;
    2. one figure per metric (``metric_key``, else ``metric``): the one for the most
       recent period that is not a target wins, so a baseline (2010) gives way to the
       result (2015); the first stated wins a tie;
    3. achievements come before targets (a period ending after the report's year), and
       levels (kinds amount, count, share) before rates of change and multiples;
    4. levels are taken round-robin by kind — first amount, first count, first share,
       second amount … — each kind in reading order, so the table shows how much, how
       many and what share, from the preamble and earliest sections (where a report
       states its results) onwards;
    5. rates, multiples, then targets fill any rows left, first stated first.
    """
    year = report.meta.year
    position = {id(figure): index for index, figure in enumerate(report.figures)}

    def is_target(figure: Figure) -> bool:
        end = _end_year(figure)
        return year is not None and end is not None and end > year

    best: dict[str, Figure] = {}
    for figure in report.figures:
        key = (figure.metric_key or figure.metric).strip()
        if not figure.metric.strip():
            continue
        held = best.get(key)
        if held is None or _recency(figure, is_target) > _recency(held, is_target):
            best[key] = figure
    candidates = sorted(best.values(), key=lambda f: position[id(f)])
    achieved = [f for f in candidates if not is_target(f)]
    by_kind = [[f for f in achieved if figure_kind(f) == kind] for kind in PRIMARY_KINDS]
    chosen: list[Figure] = []
    for rank in range(max((len(group) for group in by_kind), default=0)):
        chosen += [group[rank] for group in by_kind if rank < len(group)]
    chosen += [f for f in achieved if figure_kind(f) not in PRIMARY_KINDS]
    chosen += [f for f in candidates if is_target(f)]
    return sorted(chosen[:limit], key=lambda f: position[id(f)])


def _recency(figure: Figure, is_target: Callable[[Figure], bool]) -> tuple[int, int]:
    """Sort key within one metric: achievements first, then the latest period."""
    end = _end_year(figure)
    return (0 if is_target(figure) else 1, end if end is not None else -1)


def section_summary(section: Section) -> list[str]:
    """What the section says in brief: each paragraph's lead sentence, or its first
    sentence when the paragraph opens with no lead. Blank paragraphs give nothing."""
    summary: list[str] = []
    for paragraph in section.paragraphs:
        lead = (paragraph.lead or "").strip()
        if lead:
            summary.append(lead)
            continue
        spans = split_sentences(paragraph.text)
        if spans:
            start, end = spans[0]
            summary.append(paragraph.text[start:end])
    return summary


def format_period(period: str | None) -> str:
    """A period as a table shows it: ``2015`` → ``2015年``, ``2011-2015`` → ``2011—2015年``;
    an empty string when the report does not say; any other form as stated."""
    if not period:
        return ""
    if re.fullmatch(r"\d{4}", period):
        return f"{period}年"
    if match := re.fullmatch(r"(\d{4})-(\d{4})", period):
        return f"{match.group(1)}—{match.group(2)}年"
    return period


#: The words of the PDF and Word tables (both documents are in Chinese).
TABLE_WORDS = vocabulary("zh")


def format_value(figure: Figure) -> str:
    """The value as a table shows it: as the report states it, qualifier and unit included
    (``约16.3%``, ``1.2万家``), the number and unit when the surface text is missing; a
    range as its two ends in the stated unit (``5%—5.5%``); a change led by its direction
    (``下降2%``, ``增长6%``), so a fall never reads as a level."""
    unit = "" if figure.unit == "ratio" else figure.unit
    text = figure.text.strip()
    if figure.value_high is not None:
        text = f"{_plain(figure.value)}{unit}—{_plain(figure.value_high)}{unit}"
    elif not text:
        number = figure.number
        # A scale character stands in both number and unit (1.2万 / 万家): write it once.
        overlap = next((n for n in range(min(len(number), len(unit)), 0, -1)
                        if number.endswith(unit[:n])), 0)
        text = f"{number}{unit[overlap:]}".strip()
    return TABLE_WORDS.marks.get(figure.change or "", "") + text


def format_role(figure: Figure) -> str:
    """Whether a figure is a target (目标) or a result (完成); ``—`` for background."""
    return TABLE_WORDS.code("role", figure.role) or TABLE_WORDS.marks["none"]


def _plain(value: float) -> str:
    """A number as a report writes it: no thousands separators, no float noise."""
    return f"{value:.6f}".rstrip("0").rstrip(".") if value % 1 else f"{value:.0f}"


#: The longest value or label a PDF indicator-table cell shows: longer text made a row
#: taller than a page, so it is cut with … there (the workbook and Word keep it whole, and
#: ``check`` expects the cut text in the PDF).
CELL_LIMIT = 120


def clip(text: str, limit: int = CELL_LIMIT) -> str:
    """``text`` cut to ``limit`` characters, ending in … when it was longer."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def chinese_date(value: str) -> str:
    """``2016-02-19`` → ``2016年2月19日``, ``2016-02`` → ``2016年2月``; other forms as
    stated."""
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", value):
        return f"{m.group(1)}年{int(m.group(2))}月{int(m.group(3))}日"
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})", value):
        return f"{m.group(1)}年{int(m.group(2))}月"
    return value


def speaker_line(meta: Meta, issuer_shown: bool) -> str:
    """Who gave the report, under its title: the speaker's post (or, when the document
    does not already show it as the issuer line, the organization), then the name."""
    post = meta.speaker_title or (None if issuer_shown else meta.organization)
    return " ".join(part.strip() for part in (post, meta.speaker) if part and part.strip())
