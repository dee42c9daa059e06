"""What the briefing covers: the sections asked for and the headline figures.

:func:`choose` cuts a report down to the sections named with ``--sections`` (by number —
``2``, ``2.1`` — by label — ``二``, ``（一）`` under its parent — or by words of the title)
and drops every figure whose section is not in the tree any more, so a model JSON edited
by hand by cutting sections gives the same figures in every output. Build and ``check``
both apply it, so all three files and the check agree. :func:`headline` picks the
headline figures: the pinned ones first, then the rule of
:func:`exporter.selection.headline_figures` up to the count asked for. Pure functions of
the model; no report's wording is special.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from .errors import InputError
from .model import Figure, Report, Section
from .selection import headline_figures

#: Headline figures when the user does not say.
DEFAULT_HEADLINE = 8
_NUMBER = re.compile(r"\d+(?:\.\d+)*")
_LABEL_MARKS = re.compile(r"[、．.\s]")
_PARENS = str.maketrans("()", "（）")


@dataclass(frozen=True)
class ContentChoice:
    """The user's choice of content (the defaults choose everything)."""

    #: Sections by number, label or title words; empty: every section (and the preamble).
    sections: tuple[str, ...] = ()
    #: How many headline figures the briefing and the summary's cover show.
    headline: int = DEFAULT_HEADLINE
    #: Figure ids that must be headline figures, in this order.
    pins: tuple[str, ...] = ()


#: The Word briefing records a choice other than the default as custom document
#: properties under these names, so ``check`` finds what was chosen without being told.
PROPERTY_PREFIX = "exporter."


def to_properties(choice: ContentChoice) -> dict[str, str]:
    """The choice as custom document properties (none for the default choice)."""
    if choice == ContentChoice():
        return {}
    return {f"{PROPERTY_PREFIX}sections": ",".join(choice.sections),
            f"{PROPERTY_PREFIX}headline": str(choice.headline),
            f"{PROPERTY_PREFIX}pins": ",".join(choice.pins)}


def from_properties(properties: dict[str, str]) -> ContentChoice | None:
    """The choice :func:`to_properties` recorded; None when none was (or it is garbled)."""
    headline = properties.get(f"{PROPERTY_PREFIX}headline", "")
    if not headline.isdigit():
        return None
    sections = properties.get(f"{PROPERTY_PREFIX}sections", "")
    pins = properties.get(f"{PROPERTY_PREFIX}pins", "")
    return ContentChoice(sections=parse_list([sections]), headline=int(headline),
                         pins=parse_list([pins]))


def parse_list(values: Iterable[str]) -> tuple[str, ...]:
    """Options given repeatedly or comma-separated (``--sections 1,3 --sections 5``)."""
    return tuple(part.strip() for value in values for part in re.split(r"[,，]", value)
                 if part.strip())


def choose(report: Report, choice: ContentChoice) -> Report:
    """``report`` with only the chosen sections (a chosen section keeps its subsections,
    its ancestors keep only their headings) and the figures of the sections kept."""
    sections = report.sections
    preamble = report.preamble
    if choice.sections:
        chosen = {id(section) for spec in choice.sections for section in _find(report, spec)}
        sections = _prune(report.sections, chosen)
        preamble = []
    appendix = [] if choice.sections else report.appendix  # chosen sections: no 附件 either
    pruned = replace(report, sections=sections, preamble=preamble, appendix=appendix)
    # the figures of sections kept whole: not those of an ancestor kept as a heading
    kept = {section.id for section, parents in pruned.walk_with_appendix()  # 附件 targets too
            if not choice.sections or any(id(s) in chosen for s in (*parents, section))}
    figures = [f for f in report.figures
               if f.section in kept or (f.section is None and not choice.sections)]
    if len(figures) == len(report.figures) and sections is report.sections and (
            appendix is report.appendix):
        return report
    return replace(pruned, figures=figures)


def headline(report: Report, choice: ContentChoice) -> list[Figure]:
    """The headline figures: the pinned ones (each must be a figure of the chosen
    content), then the usual rule's choice, ``choice.headline`` in all (more only when
    more are pinned)."""
    by_id = {figure.id: figure for figure in report.figures}
    unknown = [pin for pin in choice.pins if pin not in by_id]
    if unknown:
        raise InputError(f"no figure {unknown[0]!r} in the chosen content "
                         "(see 'exporter figures')", source="--pin")
    pinned = [by_id[pin] for pin in dict.fromkeys(choice.pins)]
    if len(pinned) >= choice.headline:
        return pinned  # every pin shows, even past the count
    taken = {figure.id for figure in pinned}
    rest = [f for f in headline_figures(report, choice.headline + len(pinned))
            if f.id not in taken]
    return pinned + rest[:choice.headline - len(pinned)]


def _find(report: Report, spec: str) -> list[Section]:
    """The sections ``spec`` names; an InputError listing the top-level ones when none."""
    walked = list(report.walk())
    if _NUMBER.fullmatch(spec):
        found = _by_number(report.sections, [int(n) for n in spec.split(".")])
    else:
        label = _label_key(spec)
        by_label = [(len(parents), s) for s, parents in walked if label and _label_key(s.label) == label]
        shallowest = min((depth for depth, _ in by_label), default=0)
        found = [s for depth, s in by_label if depth == shallowest]
        if len(found) > 1:
            raise InputError(f"{spec!r} labels {len(found)} sections; name one by number "
                             "(such as 2.1)", source="--sections")
        if not found:
            found = [s for s, _ in walked if spec in s.title or spec == s.id]
            # a title match inside a matched section's subtree is covered by it
            ids = {id(s) for s in found}
            found = [s for s, parents in walked if id(s) in ids
                     and not any(id(p) in ids for p in parents)]
    if not found:
        listing = "；".join(s.heading for s in report.sections[:12])
        raise InputError(f"no section {spec!r} (by number, label or title; the report has: "
                         f"{listing or 'no sections'})", source="--sections")
    return found


def _label_key(label: str) -> str:
    """A label compared without its pause mark, stop or spaces (``二、`` = ``二``), with
    either width of parentheses (``(一)`` = ``（一）``)."""
    return _LABEL_MARKS.sub("", label.translate(_PARENS))


def _by_number(sections: Sequence[Section], numbers: list[int]) -> list[Section]:
    """The section at ``2.1`` (the first child of the second top-level section)."""
    current: Sequence[Section] = sections
    found: Section | None = None
    for number in numbers:
        if not 1 <= number <= len(current):
            return []
        found = current[number - 1]
        current = found.sections
    return [found] if found is not None else []


def _prune(sections: Sequence[Section], chosen: set[int]) -> list[Section]:
    """The tree with chosen sections whole and their ancestors reduced to headings."""
    kept: list[Section] = []
    for section in sections:
        if id(section) in chosen:
            kept.append(section)
            continue
        children = _prune(section.sections, chosen)
        if children:
            kept.append(replace(section, paragraphs=[], sections=children))
    return kept
