"""The report model: one typed tree that every reader fills and every renderer reads.

Plain dataclasses, importing nothing of the project. ``Report.to_dict`` gives the JSON
form described in ``shared/spec/model.md``; ``Report.from_dict`` reads it back losslessly.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass, field, fields
from typing import Any

SCHEMA_VERSION = 1


@dataclass
class Meta:
    """What the report says of itself; ``None`` where the text does not say."""

    title: str | None = None
    subtitle: str | None = None
    speaker: str | None = None
    organization: str | None = None
    speaker_title: str | None = None
    date: str | None = None
    published: str | None = None
    publisher: str | None = None
    source_name: str | None = None
    source_sha256: str | None = None
    year: int | None = None
    region: str | None = None
    level: str | None = None
    kind: str | None = None

    def dated_year(self) -> int | None:
        """The year of the delivery date, else of the publication date (None: undated)."""
        for value in (self.date, self.published):
            if value and value[:4].isdigit():
                return int(value[:4])
        return None


def display_title(meta: Meta) -> str | None:
    """The title to show for a report: its own, else one composed from what it says of
    itself — year, the jurisdiction's issuer and kind (2019年国务院政府工作报告,
    2026年广西壮族自治区政府工作报告); None when it says too little to compose one."""
    if meta.title:
        return meta.title
    if not meta.kind:
        return None
    if meta.kind == "政府工作报告":
        issuer = "国务院" if meta.level == "national" else meta.region
    else:
        issuer = meta.organization or meta.region
    if not (meta.year or issuer):
        return None
    year = f"{meta.year}年" if meta.year else ""
    return f"{year}{issuer or ''}{meta.kind}"


@dataclass
class Paragraph:
    """One paragraph of body text; ``lead`` is its topic sentence when it opens with one."""

    id: str
    text: str
    lead: str | None = None


@dataclass
class Section:
    """A numbered heading (一、 / （一） / 1. / （1）) with its paragraphs and subsections."""

    id: str
    label: str
    title: str
    level: int
    paragraphs: list[Paragraph] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)

    @property
    def heading(self) -> str:
        """The heading as it reads: label and title together, an ideographic space
        between them when the label ends in a word or digit rather than its own mark
        (``附件1　2026年十件民生实事``, never ``附件12026年…``; ``一、`` and ``（一）`` close
        themselves)."""
        if self.label and self.title and self.label[-1].isalnum():
            return f"{self.label}\u3000{self.title}"
        return f"{self.label}{self.title}"


@dataclass
class Note:
    """A numbered note after the body, such as one entry of a 名词解释 glossary."""

    label: str
    term: str | None
    text: str


@dataclass
class Figure:
    """One quantitative figure, with the fields of ``shared/spec/figures.md``."""

    id: str
    paragraph: str
    sentence: str
    text: str
    number: str
    value: float
    unit: str
    base_value: float
    base_unit: str
    qualifier: str = "exact"
    period: str | None = None
    metric: str = ""
    metric_key: str | None = None
    value_high: float | None = None
    base_value_high: float | None = None
    change: str | None = None
    role: str | None = None
    indicator: str | None = None
    kind: str | None = None
    section: str | None = None
    start: int | None = None
    end: int | None = None

    def record(self) -> dict[str, Any]:
        """The figure's fields by name, in the model's order: what ``dataclasses.asdict``
        gives (every field is a plain value) without its deep copy, which cost a tenth of
        ``exporter figures`` on a large report."""
        return {name: getattr(self, name) for name in FIGURE_FIELDS}


#: The figure's fields, in the model's order (the columns of every figure listing).
FIGURE_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Figure))


@dataclass
class Report:
    """The whole report: metadata, preamble, heading tree, notes and figures."""

    meta: Meta = field(default_factory=Meta)
    preamble: list[Paragraph] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    #: Attachments after the body (附件: a list of 民生实事), each a section of its own;
    #: they are not body text, so :meth:`walk` and :meth:`paragraphs` leave them out
    #: (:meth:`walk_appendix`, :meth:`appendix_paragraphs`); their figures are read.
    appendix: list[Section] = field(default_factory=list)

    def walk(self) -> Iterator[tuple[Section, tuple[Section, ...]]]:
        """Every section in reading order with its ancestors (outermost first)."""
        yield from _visit(self.sections, ())

    def walk_appendix(self) -> Iterator[tuple[Section, tuple[Section, ...]]]:
        """Every appendix section in reading order with its ancestors, as :meth:`walk`."""
        yield from _visit(self.appendix, ())

    def walk_with_appendix(self) -> Iterator[tuple[Section, tuple[Section, ...]]]:
        """The body's sections, then the appendix's: every heading a document shows."""
        yield from self.walk()
        yield from self.walk_appendix()

    def appendix_paragraphs(self) -> Iterator[tuple[Paragraph, Section]]:
        """Every paragraph of the appendix in reading order with the section holding it.
        Not body text, yet its figures count (an appendix states real targets, such as a
        province's 民生实事), so figures are read from these after the body's."""
        for section, _ in self.walk_appendix():
            for paragraph in section.paragraphs:
                yield paragraph, section

    def paragraphs(self) -> Iterator[tuple[Paragraph, Section | None]]:
        """Every paragraph in reading order with the section holding it (None: preamble)."""
        for paragraph in self.preamble:
            yield paragraph, None
        for section, _ in self.walk():
            for paragraph in section.paragraphs:
                yield paragraph, section

    def section_paths(self) -> dict[str, tuple[Section, ...]]:
        """Section id → the path from the top-level section down to it (the appendix's
        sections included)."""
        return {section.id: parents + (section,) for section, parents in self.walk_with_appendix()}

    def figures_by_section(self) -> dict[str | None, list[Figure]]:
        """Figures grouped by the id of the section whose own paragraphs hold them (the
        body's or the appendix's; None: the preamble)."""
        owner: dict[str, str | None] = {p.id: (s.id if s else None) for p, s in self.paragraphs()}
        owner.update((p.id, s.id) for p, s in self.appendix_paragraphs())
        grouped: dict[str | None, list[Figure]] = {}
        for figure in self.figures:
            grouped.setdefault(owner.get(figure.paragraph), []).append(figure)
        return grouped

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (``shared/spec/model.md``)."""
        return {
            "schema_version": SCHEMA_VERSION,
            "meta": asdict(self.meta),
            "preamble": [asdict(p) for p in self.preamble],
            "sections": [asdict(s) for s in self.sections],
            "notes": [asdict(n) for n in self.notes],
            "appendix": [asdict(s) for s in self.appendix],
            "figures": [f.record() for f in self.figures],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Report:
        """Rebuild a report from its JSON form (already validated against the schema)."""
        return cls(
            meta=_build(Meta, data.get("meta", {})),
            preamble=[_build(Paragraph, p) for p in data.get("preamble", [])],
            sections=[_section(s) for s in data.get("sections", [])],
            notes=[_build(Note, n) for n in data.get("notes", [])],
            figures=[_build(Figure, f) for f in data.get("figures", [])],
            appendix=[_section(s) for s in data.get("appendix", [])],
        )


def _visit(sections: list[Section], parents: tuple[Section, ...],
           ) -> Iterator[tuple[Section, tuple[Section, ...]]]:
    """``sections`` and their subsections, depth first, each with its ancestors."""
    for section in sections:
        yield section, parents
        yield from _visit(section.sections, parents + (section,))


def _build(cls: Any, data: dict[str, Any]) -> Any:
    known = {f.name for f in fields(cls)}
    return cls(**{k: v for k, v in data.items() if k in known})


def _section(data: dict[str, Any]) -> Section:
    return Section(
        id=data["id"],
        label=data["label"],
        title=data["title"],
        level=data["level"],
        paragraphs=[_build(Paragraph, p) for p in data.get("paragraphs", [])],
        sections=[_section(s) for s in data.get("sections", [])],
    )
