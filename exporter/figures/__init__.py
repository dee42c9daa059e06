"""Figure extraction: every quantitative figure of a report, traced to its sentence.

``detect`` finds and types the figures of one sentence (numeral, unit, qualifier,
value); ``labels`` names what each measures, ``periods`` the year or span it is for
(under the frames carried over the report), ``roles`` whether it is a result or a
target and ``indicators`` the standard indicator it measures, if any. This module
walks the report in reading order and numbers the figures.
"""

from __future__ import annotations

from typing import NamedTuple

from ..mapper import Mapper
from ..model import Figure, Meta, Paragraph, Report, Section
from ..sentences import split_sentences
from .detect import Found, announces_items, find_figures
from .indicators import Catalogue, indicator_for, load_catalogue
from .labels import metric_for, owned_by_lead
from .periods import Frame, inferred_from_end, paragraph_frames, period_for
from .roles import role_for


def extract_figures(report: Report, mapper: Mapper | None = None,
                    catalogue: Catalogue | None = None) -> list[Figure]:
    """Every figure of every paragraph (preamble, sections, then the appendix's targets;
    notes are not body text) in reading order, with stable ids ``f1``, ``f2`` …

    Given a ``mapper`` and a large report, the paragraphs are cut into :data:`RUNS` runs
    of similar length that the mapper reads (see :mod:`exporter.mapper`); the figures and
    their ids are the same as without one. ``catalogue`` names the standard indicators
    (the shipped one by default)."""
    paths = report.section_paths()
    year = report.meta.year
    reading = _Reading(year, report.meta.region, catalogue or load_catalogue(),
                       _planning_year(report.meta))
    pairs: list[tuple[Paragraph, Section | None]] = [*report.paragraphs(),
                                                     *report.appendix_paragraphs()]
    frames = dict(zip(
        (paragraph.id for paragraph, _ in pairs),
        paragraph_frames([([(s.id, s.title) for s in paths[section.id]] if section else [],
                           paragraph.text) for paragraph, section in pairs], year)))

    def read(pairs: list[tuple[Paragraph, Section | None]]) -> list[Figure]:
        figures: list[Figure] = []
        for paragraph, section in pairs:
            figures.extend(_paragraph_figures(paragraph, section, frames[paragraph.id], reading,
                                              start_id=len(figures) + 1))
        return figures

    runs = _runs(pairs, RUNS) if mapper is not None else [pairs]
    if mapper is None or len(runs) == 1:
        return read(pairs)
    figures = [figure for found in mapper(read, runs) for figure in found]
    for number, figure in enumerate(figures, 1):
        figure.id = f"f{number}"
    return figures


#: Below this many characters of body text, a second process costs more than it saves.
PARALLEL_MIN_CHARS = 200_000
#: Runs a large report is cut into for a mapper: a build spares at most one core.
RUNS = 2


def _runs(pairs: list[tuple[Paragraph, Section | None]],
          count: int) -> list[list[tuple[Paragraph, Section | None]]]:
    """``pairs`` cut into at most ``count`` consecutive runs of similar text length;
    one run when the text is too short to be worth sharing."""
    total = sum(len(paragraph.text) for paragraph, _ in pairs)
    if total < PARALLEL_MIN_CHARS:
        return [pairs]
    runs: list[list[tuple[Paragraph, Section | None]]] = [[]]
    length = 0
    for pair in pairs:
        if length >= total * len(runs) / count and len(runs) < count:
            runs.append([])
        runs[-1].append(pair)
        length += len(pair[0].text)
    return runs


#: Beyond these lengths (in characters) a sentence or paragraph is a run-on (see _context).
_LONG_SENTENCE = 2000
_LONG_PARAGRAPH = 20000
_WINDOW = 300


class _Reading(NamedTuple):
    """What every paragraph of one report is read with."""

    year: int | None
    region: str | None
    catalogue: Catalogue
    #: The first year the report plans (see :func:`_planning_year`).
    planning_year: int | None


#: A report given in these months of its year looks back on that year as done.
_YEAR_END_MONTHS = ("11", "12")


def _planning_year(meta: Meta) -> int | None:
    """The first year a report's figures can be planned for: its year, or the next for a
    report given at the end of its year (a session of 2018-12-26 reviews 2018 as done and
    plans 2019), since a figure's role is its tense against that year."""
    if meta.year is None:
        return None
    month = meta.date[5:7] if meta.date and meta.date[:4] == str(meta.year) else ""
    return meta.year + 1 if month in _YEAR_END_MONTHS else meta.year


def _paragraph_figures(paragraph: Paragraph, section: Section | None, frame: Frame | None,
                       reading: _Reading, *, start_id: int) -> list[Figure]:
    text, year = paragraph.text, reading.year
    result: list[Figure] = []
    lead = ""  # the sentence before, which may name the topic of a bare measure
    for begin, end in split_sentences(text):
        sentence = text[begin:end]
        for found in find_figures(sentence):
            if "是" in text and announces_items(text, begin + found.end, found):
                continue  # 采取三项举措。一是…: the count of the list that follows
            context, at, before = _context(text, sentence, begin, found)
            a, b = found.start - at, found.end - at
            period = period_for(context, a, b, report_year=year, paragraph=before, carried=frame)
            metric = metric_for(context, a, b)
            indicator = indicator_for(metric, context, a, b, unit=found.unit,
                                      base_unit=found.base_unit, catalogue=reading.catalogue,
                                      region=reading.region)
            if indicator is None:  # a jurisdiction's own measure (经济总量) needs no owner
                metric = owned_by_lead(metric, lead, context, a)
            result.append(Figure(
                id=f"f{start_id + len(result)}", paragraph=paragraph.id, sentence=sentence,
                text=found.text, number=found.number, value=found.value, unit=found.unit,
                base_value=found.base_value, base_unit=found.base_unit,
                qualifier=found.qualifier, kind=found.kind, change=found.change,
                value_high=found.value_high, base_value_high=found.base_value_high,
                section=section.id if section is not None else None,
                start=found.start, end=found.end,
                metric=_dated(metric, period, frame, context, a, b),
                period=period,
                indicator=indicator,
                role=role_for(context, a, b, period=period, report_year=reading.planning_year,
                              frame=frame.span if frame else None),
            ))
        lead = sentence
    return result


def _dated(metric: str, period: str | None, frame: Frame | None, sentence: str, start: int,
           end: int) -> str:
    """The label of a from-end the text leaves undated in a review of several years, with
    the year before them (``经营主体（2020年）`` in a 十四五 review): beside the to-end's label
    the two levels read apart. Within one year's review the year is the frame's own."""
    if (frame is None or frame.span[0] == frame.span[1] or period != str(frame.span[0] - 1)
            or not inferred_from_end(sentence, start, end)):
        return metric
    return f"{metric}（{period}年）"


def _context(text: str, sentence: str, begin: int, found: Found) -> tuple[str, int, str]:
    """What the label and period rules read for ``found`` in ``sentence``, which starts at
    ``begin`` in the paragraph ``text``: (sentence, its offset in the sentence, paragraph).
    A real sentence or paragraph is passed whole (the same string, whose hash the rules'
    caches have computed already); a run-on one (no report writes thousands of characters
    without a 。, but hostile input does) is cut to a window around the figure, so the
    per-figure cost stays bounded and the whole extraction linear."""
    end = begin + len(sentence)
    run_on = len(sentence) > _LONG_SENTENCE
    if not run_on and len(text) <= _LONG_PARAGRAPH:
        return sentence, 0, text
    at = max(0, found.start - _WINDOW) if run_on else 0
    stop = min(end, begin + found.end + _WINDOW) if run_on else end
    return text[begin + at:stop], at, text[max(0, begin + at - _LONG_SENTENCE):stop]
