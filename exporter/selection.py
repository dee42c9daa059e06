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


def headline_figures(report: Report, limit: int = 8) -> list[Figure]:
    """The report's headline figures, at most ``limit``, listed in reading order.

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
    if limit <= 0:
        return []
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


def format_value(figure: Figure) -> str:
    """The value as the report states it, qualifier and unit included (``约16.3%``,
    ``1.2万家``); the number and unit when the surface text is missing."""
    text = figure.text.strip()
    if text:
        return text
    number, unit = figure.number, "" if figure.unit == "ratio" else figure.unit
    # A scale character stands in both number and unit (1.2万 / 万家): write it once.
    overlap = next((n for n in range(min(len(number), len(unit)), 0, -1)
                    if number.endswith(unit[:n])), 0)
    return f"{number}{unit[overlap:]}".strip()


#: The longest value a PDF indicator-table cell shows: in its narrow column, longer text
#: made a row taller than a page, which cannot be laid out, so it is cut with … there
#: (the workbook and Word keep it whole).
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


def document_author(meta: Meta) -> str:
    """The author recorded in a document's properties: the speaker, else who issued it."""
    return meta.speaker or meta.organization or meta.publisher or ""
