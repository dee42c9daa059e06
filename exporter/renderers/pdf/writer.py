"""The PDF summary (and, with ``--full``, the whole report) with reportlab.

Summary: a cover (title, subtitle, speaker, date, publisher) with the headline figures,
a contents page with links and page numbers, then per section its heading, its lead
sentences, charts where the model holds a series or a set of shares, and its indicator
table, the appendix's sections (附件) after the body's. ``--full`` typesets every paragraph
instead of the lead sentences and ends with the notes. All report text goes through :class:`._text.TextBlock`, which draws plain text
(never reportlab paragraph markup) with Chinese line breaking; fonts are embedded subsets
from :mod:`.fonts`. Page numbers ("page N of M") and contents page numbers are
form XObjects filled in once the page count is known, so one layout pass suffices.
Output is byte-identical for the same input: reportlab's invariant mode, a creation date
from ``SOURCE_DATE_EPOCH`` (or a pinned date), deterministic font subset names.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from io import BytesIO
from typing import Any, BinaryIO

from reportlab import rl_config
from reportlab.lib.colors import HexColor
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Spacer,
    Table,
    TableStyle,
)

from ...choice import headline
from ...document import DocumentSettings, document_author
from ...errors import InputError
from ...model import Figure, Paragraph, Report, Section, display_title
from ...selection import (
    COLUMN_HEADERS,
    TABLE_WORDS,
    chinese_date,
    clip,
    format_period,
    format_role,
    format_value,
    section_summary,
    speaker_line,
)
from ...series import find_series, share_sets
from ...theme import Theme
from ..options import RenderOptions
from ._charts import ChartStyle, series_chart, share_chart
from ._compat import (
    document_pages,
    drop_dates,
    page_has_content,
    pin_creation_time,
    remembered_names,
)
from ._deferred import LateContent
from ._table import PAD_X, RowTable, TableLook
from ._text import SHORT_TEXT, Measurer, TextBlock, TextStyle
from .fonts import PdfFontSet, prepare_pdf_fonts

LABELS = {
    "key_figures": "主要指标",
    "contents": "目录",
    "preamble": "导语",
    "notes": "名词解释",
    "table": "本部分指标",
    "series": "{metric}（{unit}）",
    "shares": "构成（占比）",
    "publisher": "发布：{publisher}",
    "subject": "{title}：摘要与指标",
}
#: Indicator-table column headings.
COLUMNS = (*(COLUMN_HEADERS[field] for field in (
    "id", "metric", "stated", "base", "unit", "period", "qualifier")),
    TABLE_WORDS.column("role"))
#: The mark column: how the report qualifies a figure.
QUALIFIER_MARKS = {"exact": "", "about": "约", "under": "近/不足", "over": "超过",
                   "between": "区间"}
#: Base units as a reader says them.
BASE_UNITS = {"ratio": "比率", "times": "倍"}
#: Share of the text width for each indicator-table column.
COLUMN_SHARES = (0.07, 0.26, 0.15, 0.17, 0.07, 0.13, 0.08, 0.07)
#: The longest text the narrow columns (id, unit, mark) show before they are cut with …
NARROW_CELL = 24
#: What a summary over ``--max-pages`` leaves out, step by step, before it gives up (the
#: indicator tables always stay: they are the figures every output must agree on).
COMPACT_STEPS = ("everything", "no charts", "no charts or contents page",
                 "no charts, contents page or lead sentences")
#: Contents entries go this deep (levels below are in the outline only).
CONTENTS_DEPTH = 2
#: A number set smaller to fit its cell goes down to this share of its size at most.
_SMALLEST = 0.6
#: The widest a header logo may be, as a multiple of its height.
_LOGO_RATIO = 4.0
#: Padding inside a headline card, in points.
_CARD_PAD = 8.0
#: Longest metric label a headline card shows (the indicator tables show it whole).
_CARD_LABEL = 40
#: Room kept at the right of a contents entry for its page number, in points.
_NUMBER_ROOM = 36.0
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_BREAKS = re.compile(r"[\t\n\r\u2028\u2029]+")


def render(report: Report, theme: Theme, options: RenderOptions, out: BinaryIO) -> None:
    """Write the PDF summary of ``report`` (everything with ``options.full``) to ``out``."""
    fonts = prepare_pdf_fonts(theme, _all_text(report, theme, options.settings),
                              font_files=options.font_files,
                              font_dirs=options.font_dirs, cache_dir=options.font_cache,
                              warn=options.warn)
    body_font = fonts.font_name("body")
    limit = None if options.full else options.max_pages
    with reportlab_settings(body_font):
        for compact in range(len(COMPACT_STEPS)):
            buffer, pages = _layout(report, theme, options, fonts, compact)
            if limit is None or pages <= limit:
                break
        else:
            raise InputError(
                f"the summary takes {pages} pages even with {COMPACT_STEPS[-1]}, more than "
                f"--max-pages {limit}: choose fewer sections with --sections",
                source=report.meta.source_name or None)
    out.write(buffer.getvalue())


def _layout(report: Report, theme: Theme, options: RenderOptions, fonts: PdfFontSet,
            compact: int) -> tuple[BytesIO, int]:
    """One layout of the document at the given step of :data:`COMPACT_STEPS`; the PDF and
    its page count."""
    body_font = fonts.font_name("body")
    buffer = BytesIO()
    measurer = Measurer(fonts)
    if options.full:
        measurer.prime(body_font, "".join(p.text for p, _ in report.paragraphs()))
    story = _Story(report, theme, options, fonts, measurer, compact)
    document = _Document(buffer, story, body_font)
    document.build(story.flowables(), canvasmaker=document.canvasmaker)
    return buffer, document.page_count


def drawable(text: str | None) -> str:
    """Report text made drawable: control characters dropped, line breaks as spaces."""
    if not text:
        return ""
    if text.isprintable():  # no control character, surrogate or line break: nothing to do
        return text.strip()
    return _BREAKS.sub(" ", _CONTROL.sub("", text)).strip()


@contextmanager
def reportlab_settings(base_font: str) -> Iterator[None]:
    """reportlab's process-global settings for one build, restored afterwards: invariant
    output, binary (not ASCII85) streams, our embedded font as the canvas's initial font
    so no unembedded Helvetica is referenced, and no validation of each attribute set on
    a chart's shapes (a development aid, reportlab's docs say; it was 15 ms of a report's
    240 ms in a warm worker, and changes no byte of a valid drawing); and the object
    writer's names and short strings remembered (``_compat.remembered_names``)."""
    names = ("invariant", "useA85", "canvas_basefontname", "shapeChecking")
    saved = {name: getattr(rl_config, name) for name in names}
    rl_config.invariant, rl_config.useA85, rl_config.canvas_basefontname = 1, 0, base_font
    rl_config.shapeChecking = 0
    try:
        with remembered_names():
            yield
    finally:
        for name, value in saved.items():
            setattr(rl_config, name, value)


def _all_text(report: Report, theme: Theme, settings: DocumentSettings) -> str:
    """Every character the document may print, for the font subsets."""
    meta = report.meta
    parts = [v for v in vars(meta).values() if isinstance(v, str)]
    parts += [drawable(v) for v in vars(settings).values() if isinstance(v, str)]
    parts += [theme.header_text, *(word for _, word in _SCALES)]
    parts += [p.text for p in report.preamble]
    for section, _ in report.walk_with_appendix():
        parts.append(section.heading)
        parts += [p.text for p in section.paragraphs]
    parts += [f"{n.label}{n.term or ''}{n.text}" for n in report.notes]
    parts += [f"{f.id}{f.metric}{f.text}{f.number}{f.unit}{f.base_unit}{f.period or ''}"
              for f in report.figures]
    parts += [*LABELS.values(), *COLUMNS]
    parts += list(QUALIFIER_MARKS.values()) + list(BASE_UNITS.values())
    parts += [*TABLE_WORDS.marks.values(), *TABLE_WORDS.codes["role"].values()]
    parts.append(theme.page_number_format + "0123456789,.-—%年月日（）：…")
    return "".join(parts)


def base_value_text(figure: Figure) -> str:
    """The base value with thousands separators and no float noise (12000 → 12,000); a
    range as its two ends (0.05—0.055)."""
    ends = [figure.base_value]
    if figure.base_value_high is not None:
        ends.append(figure.base_value_high)
    return "—".join(_grouped(value) for value in ends)


def _grouped(value: float) -> str:
    if abs(value - round(value)) < 1e-9 * max(1.0, abs(value)):
        return f"{round(value):,}"
    return f"{value:,.6f}".rstrip("0").rstrip(".")


#: Chinese scale words for a base value too wide for its column, largest first.
_SCALES = ((1e12, "万亿"), (1e8, "亿"), (1e4, "万"))


def scaled_value_text(value: float) -> str | None:
    """``74400000000000`` → ``74.4万亿`` (at most four decimals, as exact as they allow);
    None below 10,000 or for values that are not finite."""
    if not math.isfinite(value):
        return None
    for scale, word in _SCALES:
        if abs(value) >= scale:
            number = f"{value / scale:,.4f}".rstrip("0").rstrip(".")
            return f"{number}{word}"
    return None


#: Up to this many distinct figure texts, each is looked for with ``str.find``.
_FIND_EACH = 16


class FigurePhrases:
    """The texts of some figures (number, unit, qualifier: ``超过5000万标准箱``), indexed by
    their first two characters, so that finding them in a text costs that text's length,
    not its length times the number of figures (a table of thousands of figures searched
    every row's label for every figure's text: quadratic)."""

    def __init__(self, figures: Sequence[Figure]) -> None:
        self._phrases = sorted({f.text for f in figures if len(f.text) > 1})
        self._by_head: dict[str, list[str]] = {}
        #: The spans found in short texts (a table's labels repeat).
        self._found: dict[str, tuple[tuple[int, int], ...]] = {}
        if len(self._phrases) > _FIND_EACH:  # a paragraph's few figures need no index
            for phrase in self._phrases:
                self._by_head.setdefault(phrase[:2], []).append(phrase)

    def spans(self, text: str) -> tuple[tuple[int, int], ...]:
        """Where each phrase stands in ``text`` (a phrase's repeats never overlap): the
        spans line breaking keeps whole."""
        if len(text) > SHORT_TEXT:
            return self._spans(text)
        found = self._found.get(text)
        if found is None:
            found = self._found[text] = self._spans(text)
        return found

    def _spans(self, text: str) -> tuple[tuple[int, int], ...]:
        """:meth:`spans`, searched for."""
        spans: set[tuple[int, int]] = set()
        if len(self._phrases) <= _FIND_EACH:  # a paragraph's few figures: str.find is faster
            for phrase in self._phrases:
                at = text.find(phrase)
                while at >= 0:
                    spans.add((at, at + len(phrase)))
                    at = text.find(phrase, at + len(phrase))
            return tuple(sorted(spans))
        free_from: dict[str, int] = {}
        for at in range(len(text) - 1):
            for phrase in self._by_head.get(text[at:at + 2], ()):
                if at >= free_from.get(phrase, 0) and text.startswith(phrase, at):
                    spans.add((at, at + len(phrase)))
                    free_from[phrase] = at + len(phrase)
        return tuple(sorted(spans))


def figure_spans(text: str, figures: Sequence[Figure]) -> tuple[tuple[int, int], ...]:
    """Where each figure's text stands in ``text`` (:class:`FigurePhrases`)."""
    return FigurePhrases(figures).spans(text) if figures else ()


# --- the story ----------------------------------------------------------------------------


class _Story:
    """Builds the flowables of the document from the model and the theme.

    Every outline entry has a fixed bookmark key: the cover's, contents', preamble's and
    notes' by name, each section's by its place in the report's walk (:meth:`section_key`),
    so the contents link to the headings whatever order the story puts them in."""

    def __init__(self, report: Report, theme: Theme, options: RenderOptions,
                 fonts: PdfFontSet, measurer: Measurer, compact: int = 0) -> None:
        self.report, self.theme, self.options = report, theme, options
        self.fonts, self.measurer = fonts, measurer
        self.width, self.compact = theme.page.frame_width, compact
        self.by_section = report.figures_by_section()
        # By the section object, not its id: a model file may repeat an id.
        self._section_keys = {id(section): f"section{n}"
                              for n, (section, _) in enumerate(report.walk_with_appendix(), 1)}
        #: The bookmark keys the contents link to: each gets a page-number form.
        self.linked: list[str] = []
        self._styles: dict[tuple[Any, ...], TextStyle] = {}
        #: Table cells' shared blocks (:meth:`cell`).
        self._cells: dict[tuple[str, TextStyle, tuple[tuple[int, int], ...]], TextBlock] = {}
        self._fitted_cells: dict[tuple[Any, ...], TextBlock] = {}
        self._outline_level = -1
        self.section_of = {f.id: sid for sid, figs in self.by_section.items() for f in figs}
        self.by_paragraph: dict[str, list[Figure]] = {}
        for figure in report.figures:
            self.by_paragraph.setdefault(figure.paragraph, []).append(figure)
        self.charts = self._place_charts() if compact < 1 else {}
        #: The headline figures: the cover's cards and the document's keywords.
        self.headline = headline(report, options.choice)

    # -- styles -------------------------------------------------------------------------

    def style(self, role: str, **changes: Any) -> TextStyle:
        """The theme role as a :class:`TextStyle`, with optional overrides. Each distinct
        style is made once and shared: styles compare by identity, and the layout caches
        are keyed by them."""
        key = (role, *sorted(changes.items()))
        found = self._styles.get(key)
        if found is None:
            found = self._styles[key] = self._style(role, **changes)
        return found

    def _style(self, role: str, **changes: Any) -> TextStyle:
        spec = self.theme.role(role)
        bold = changes.pop("bold", spec.bold)
        fonts = self.fonts
        return TextStyle(
            role=role, size=spec.size, leading=spec.leading, color=spec.color,
            align=spec.align, first_indent=spec.first_line_indent * spec.size,
            left_indent=spec.left_indent, space_before=spec.space_before,
            space_after=spec.space_after, char_spacing=spec.char_spacing, bold=bold,
            fake_bold=bold and fonts.fake_bold(role), keep_with_next=spec.keep_with_next,
        ).but(**changes)

    def block(self, text: str, style: TextStyle, **kw: Any) -> TextBlock:
        block = TextBlock(drawable(text), style, self.measurer, **kw)
        if block.keepWithNext and (len(block.lines(self.width)) * style.leading
                                   > self.theme.page.frame_height / 3):
            # Kept with what follows, a block this tall can never fit: reportlab would
            # move the pair from page to page forever. Let it flow on its own.
            block.keepWithNext = False
        return block

    def fit(self, text: str, width: float, role: str, **changes: Any) -> TextBlock:
        """A number (with its unit) on one line of ``width`` in the role's style: set
        smaller when it is too wide, down to :data:`_SMALLEST` of the size; only then may
        it wrap."""
        text = drawable(text)
        return self.block(text, self._fitted(text, width, role, **changes),
                          keep=((0, len(text)),))

    def _fitted(self, text: str, width: float, role: str, **changes: Any) -> TextStyle:
        """The style of :meth:`fit` for the drawable ``text``."""
        style = self.style(role, **changes)
        wide = sum(self.measurer.measure(style, text)[1])
        if wide > width > 0:
            size = max(style.size * _SMALLEST, math.floor(style.size * width / wide * 4) / 4)
            style = self.style(role, **changes, size=size)
        return style

    def cell(self, text: str, style: TextStyle,
             keep: tuple[tuple[int, int], ...] = ()) -> TextBlock:
        """A table cell's block. A short text's block is made once for each style and keep
        spans and shared by every cell showing it: a long table's units, periods and marks
        repeat, and the table only wraps and draws its cells, so a shared block is
        measured, broken and drawn once per column width."""
        return self._shared(drawable(text), style, keep)

    def _shared(self, text: str, style: TextStyle,
                keep: tuple[tuple[int, int], ...]) -> TextBlock:
        """The cell block of the drawable ``text`` (:meth:`cell`)."""
        if len(text) > SHORT_TEXT:
            return TextBlock(text, style, self.measurer, keep=keep)
        key = (text, style, keep)
        found = self._cells.get(key)
        if found is None:
            found = self._cells[key] = TextBlock(text, style, self.measurer, keep=keep)
        return found

    def fitted_cell(self, text: str, width: float, role: str, **changes: Any) -> TextBlock:
        """:meth:`fit` for a table cell: a shared block (:meth:`cell`), found again by its
        text and column before any style is worked out."""
        key = (text, width, role, *changes.items())
        found = self._fitted_cells.get(key)
        if found is not None:
            return found
        shown = drawable(text)
        block = self._shared(shown, self._fitted(shown, width, role, **changes),
                             keep=((0, len(shown)),))
        if len(shown) <= SHORT_TEXT:
            self._fitted_cells[key] = block
        return block

    def within(self, block: TextBlock, width: float, height: float) -> TextBlock:
        """``block`` as it is when its lines at ``width`` fit in ``height``; else cut
        after the lines that fit (at least one), ending in …."""
        lines = block.lines(width)
        most = max(1, int(height // block.style.leading))
        if len(lines) <= most:
            return block
        end = max(1, lines[most - 1][1] - 1)  # never "…" alone
        return TextBlock(block.text[:end] + "…", block.style, self.measurer,
                         keep=tuple((lo, hi) for lo, hi in block.keep if hi <= end))

    def _base_value(self, figure: Figure, style: TextStyle, width: float) -> str:
        """The base value in full (74,400,000,000,000), or scaled (74.4万亿) when the
        digits are too wide for the column."""
        text = base_value_text(figure)
        if sum(self.measurer.measure(style, text)[1]) <= width:
            return text
        return scaled_value_text(figure.base_value) or text

    def _outline(self, title: str, key: str, level: int) -> tuple[str, str, int]:
        """An outline entry; levels never jump by more than one (reportlab requires it)."""
        level = max(0, min(level, self._outline_level + 1))
        self._outline_level = level
        return drawable(title) or "—", key, level

    def section_key(self, section: Section) -> str:
        """The bookmark key of a section's heading."""
        return self._section_keys[id(section)]

    # -- the document -------------------------------------------------------------------

    def flowables(self) -> list[Flowable]:
        report = self.report
        story: list[Flowable] = []
        story += self.cover()
        story.append(NextPageTemplate("body"))
        story.append(PageBreak())
        if self.compact < 2:
            story += self.contents()
            story.append(PageBreak())
        story += self.preamble()
        for section, _ in report.walk_with_appendix():
            story += self.section(section)
        if self.options.full and report.notes:
            story += self.notes()
        return story

    def cover(self) -> list[Flowable]:
        meta, theme = self.report.meta, self.theme
        story: list[Flowable] = []
        issuer = drawable(self.options.settings.issuer)  # the office's, never the report's
        if theme.issuer_line and issuer:
            story.append(self.block(issuer, self.style("issuer")))
        story.append(_Rule(self.width, theme.color("rule"), 2.0 if theme.red_rule else 3.0,
                           space=self.theme.role("body").leading))
        own = self.options.settings.title  # the briefing's own title, the report's under it
        title = own or display_title(meta)
        story.append(self.block(title or self.report.meta.source_name or "",
                                self.style("title"), outline=self._outline(
                                    title or "—", "title", 0), orphans=False))
        for line in (display_title(meta) if own else None, meta.subtitle):
            if line:
                story.append(self.block(line, self.style("subtitle"), orphans=False))
        speaker = speaker_line(meta, issuer_shown=theme.issuer_line and bool(issuer))
        for line in (speaker, chinese_date(drawable(meta.date))):
            if line:
                story.append(self.block(line, self.style("meta")))
        if meta.publisher or meta.published:
            publisher = LABELS["publisher"].format(publisher=" ".join(
                drawable(v) for v in (meta.publisher, chinese_date(drawable(meta.published))) if v))
            story.append(self.block(publisher, self.style("meta")))
        story.append(Spacer(1, 24))
        story += self.headline_panel()
        return story

    def headline_panel(self) -> list[Flowable]:
        figures = self.headline
        if not figures:
            return []
        columns = 4 if self.width > 400 else 2
        value_style: dict[str, Any] = {"align": "left", "first_indent": 0, "space_before": 0,
                                       "space_after": 2, "keep_with_next": False}
        label_style = self.style("table_body", color=self.theme.color("text"))
        period_style = self.style("table_body", color=self.theme.color("muted"))
        card = self.width / columns - 2 * _CARD_PAD
        cells = [[self.fit(clip(drawable(format_value(f)), _CARD_LABEL), card, "heading2",
                           **value_style),
                  self.block(clip(drawable(f.metric) or "—", _CARD_LABEL), label_style),
                  self.block(" ".join(filter(None, (format_period(f.period), TABLE_WORDS.code(
                      "role", f.role)))) or " ", period_style)] for f in figures]
        # A card must fit a page (reportlab cannot split a row of them): with large type
        # in a narrow card, each of its three texts keeps at most a quarter page of lines.
        cells = [[self.within(block, card, self.theme.page.frame_height / 4) for block in row]
                 for row in cells]
        while len(cells) % columns:
            cells.append([])
        rows = [cells[i:i + columns] for i in range(0, len(cells), columns)]
        gap = 6.0
        table = Table(rows, colWidths=[self.width / columns] * columns)
        table.setStyle(TableStyle([
            ("FONT", (0, 0), (-1, -1), self.fonts.font_name("table_body")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), _CARD_PAD),
            ("RIGHTPADDING", (0, 0), (-1, -1), _CARD_PAD),
            ("TOPPADDING", (0, 0), (-1, -1), 8), ("BOTTOMPADDING", (0, 0), (-1, -1), 10),
            ("LINEABOVE", (0, 0), (-1, -1), 1.5, HexColor("#" + self.theme.color("accent"))),
            ("LINEBELOW", (0, -1), (-1, -1), 0.5, HexColor("#" + self.theme.color("table_border"))),
        ] + [("BACKGROUND", (c, r), (c, r), HexColor("#" + self.theme.color("table_stripe")))
             for r, row in enumerate(rows) for c, cell in enumerate(row) if cell]))
        return [self.block(LABELS["key_figures"], self.style("caption"),
                           outline=self._outline(LABELS["key_figures"], "key_figures", 1)),
                Spacer(1, gap), table]

    def contents(self) -> list[Flowable]:
        story: list[Flowable] = [self.block(LABELS["contents"], self.style(
            "heading1", first_indent=0, keep_with_next=False), outline=self._outline(
            LABELS["contents"], "contents", 0))]
        for section, parents in self.report.walk_with_appendix():
            depth = len(parents)
            if depth >= CONTENTS_DEPTH:
                continue
            role = "heading3" if depth == 0 else "table_body"
            style = self.style(role, first_indent=0, left_indent=depth * 2 * self.theme.role(
                "body").size, right_indent=_NUMBER_ROOM, space_before=4 if depth == 0 else 1,
                space_after=1, align="left", keep_with_next=False,
                bold=depth == 0 and self.theme.role(role).bold)
            story.append(self._contents_entry(section.heading, style, self.section_key(section)))
        if self.options.full and self.report.notes:
            style = self.style("heading3", first_indent=0, right_indent=_NUMBER_ROOM,
                               space_before=4, keep_with_next=False)
            story.append(self._contents_entry(LABELS["notes"], style, "notes"))
        return story

    def _contents_entry(self, text: str, style: TextStyle, key: str) -> _ContentsEntry:
        self.linked.append(key)
        return _ContentsEntry(drawable(text), style, self.measurer, link=key)

    def _preamble_caption(self) -> bool:
        return bool(self.report.preamble) and (
            self.options.full or bool(self.by_section.get(None)))

    def preamble(self) -> list[Flowable]:
        report = self.report
        if not self._preamble_caption():
            return []
        story: list[Flowable] = [self.block(LABELS["preamble"], self.style("heading1"),
                                            outline=self._outline(LABELS["preamble"],
                                                                  "preamble", 0))]
        if self.options.full:
            story += [self.paragraph(p) for p in report.preamble]
        else:
            pseudo = Section(id="", label="", title="", level=1, paragraphs=report.preamble)
            story += [self.block(s, self.style("lead"), keep=figure_spans(
                drawable(s), self.by_section.get(None, []))) for s in section_summary(pseudo)]
        story += self.indicator_table(self.by_section.get(None, []))
        return story

    def section(self, section: Section) -> list[Flowable]:
        level = min(section.level, 4)
        story: list[Flowable] = [self.block(section.heading, self.style(f"heading{level}"),
                                            outline=self._outline(
                                                section.heading, self.section_key(section),
                                                level - 1))]
        if self.options.full:
            story += [self.paragraph(p) for p in section.paragraphs]
        else:
            summary = "".join(drawable(s) for s in section_summary(section))
            if summary and self.compact < 3:
                story.append(self.block(summary, self.style("lead"), keep=figure_spans(
                    summary, self.by_section.get(section.id, []))))
        story += self.charts.get(section.id, [])
        story += self.indicator_table(self.by_section.get(section.id, []))
        return story

    def paragraph(self, paragraph: Paragraph) -> TextBlock:
        text, lead = drawable(paragraph.text), drawable(paragraph.lead)
        spec = self.theme.role("lead")
        emphasis = ((len(lead), "lead", spec.bold)
                    if lead and text.startswith(lead) and len(lead) < len(text) else None)
        return TextBlock(text, self.style("body"), self.measurer, lead=emphasis,
                         keep=figure_spans(text, self.by_paragraph.get(paragraph.id, [])))

    def notes(self) -> list[Flowable]:
        story: list[Flowable] = [self.block(LABELS["notes"], self.style("heading1"),
                                            outline=self._outline(LABELS["notes"], "notes", 0))]
        for note in self.report.notes:
            term = drawable(note.term)
            text = drawable(note.text)
            prefix = f"{drawable(note.label)}{term}：" if term and not text.startswith(term) else \
                drawable(note.label)
            story.append(TextBlock(prefix + text, self.style("body"), self.measurer,
                                   lead=(len(prefix), "lead", True) if prefix else None))
        return story

    # -- tables and charts ----------------------------------------------------------------

    def indicator_table(self, figures: list[Figure]) -> list[Flowable]:
        if not figures:
            return []
        body = self.style("table_body")
        number = self.style("table_body", align="right")
        centre = self.style("table_body", align="center")
        aligns = ("left", "left", "left", "right", "center", "center", "center", "center")
        inner = [self.width * share - 2 * PAD_X for share in COLUMN_SHARES]
        rows: list[list[TextBlock]] = [[self.block(label, self.style("table_header",
                                                                     align=align))
                                        for label, align in zip(COLUMNS, aligns)]]
        phrases = FigurePhrases(figures)
        for figure in figures:
            metric = clip(figure.metric)
            rows.append([
                self.cell(clip(figure.id, NARROW_CELL), body),
                self.cell(metric or "—", body,  # a label may quote figures
                          keep=phrases.spans(drawable(metric))),
                self.fitted_cell(clip(format_value(figure)), inner[2], "table_body"),
                self.fitted_cell(self._base_value(figure, number, inner[3]), inner[3],
                                 "table_body", align="right"),
                self.cell(clip(BASE_UNITS.get(figure.base_unit, figure.base_unit), NARROW_CELL),
                          centre),
                # the column is headed 时期, so 年 would only force a wrap
                self.fitted_cell((format_period(figure.period) or "—").removesuffix("年"),
                                 inner[5], "table_body", align="center"),
                self.cell(clip(QUALIFIER_MARKS.get(figure.qualifier, figure.qualifier), NARROW_CELL),
                          centre),
                self.cell(format_role(figure), centre),
            ])
        colors = self.theme.colors
        widths = [self.width * share for share in COLUMN_SHARES]
        look = TableLook(header_fill=colors["table_header_fill"], border=colors["table_border"],
                         stripe=colors["table_stripe"])
        table = RowTable(rows[0], rows[1:], widths, look, self.theme.page.frame_height)
        caption = self.block(f"{LABELS['table']}（{len(figures)}）", self.style(
            "caption", keep_with_next=False))
        room = self.theme.role("caption").leading + (self.theme.role("table_header").leading + 6) * 4
        return [CondPageBreak(room), caption, table, Spacer(1, 6)]

    def _place_charts(self) -> dict[str | None, list[Flowable]]:
        """Charts by the section holding the figure they end with (a series' latest point,
        a share set's parts)."""
        theme = self.theme
        chart_style = ChartStyle(font=self.fonts.font_name("table_body"),
                                 size=theme.role("table_body").size - 1,
                                 text=theme.color("text"), muted=theme.color("muted"),
                                 grid=theme.color("table_border"), colors=theme.chart_colors)
        width = min(self.width, 360.0)
        placed: dict[str | None, list[Flowable]] = {}
        caption = self.style("caption", keep_with_next=True)
        for series in find_series(self.report):
            last = series.points[-1][1]
            title = LABELS["series"].format(metric=drawable(series.metric), unit=drawable(series.unit))
            drawing = series_chart([_period_label(p) for p in series.periods], series.values(),
                                   width, chart_style)
            placed.setdefault(self.section_of.get(last.id), []).append(
                KeepTogether([self.block(title, caption), drawing]))
        drawn: set[tuple[tuple[str, ...], tuple[float, ...]]] = set()
        for parts in share_sets(self.report):
            labels = [drawable(f.metric) or format_value(f) for f in parts]
            key = (tuple(labels), tuple(f.base_value for f in parts))
            if key in drawn:  # the same shares restated: one chart is enough
                continue
            drawn.add(key)
            drawing = share_chart(labels, [f.base_value for f in parts], width, chart_style)
            placed.setdefault(self.section_of.get(parts[-1].id), []).append(
                KeepTogether([self.block(LABELS["shares"], caption), drawing]))
        return placed


def _period_label(period: str) -> str:
    return format_period(period).replace("年", "")


class _ContentsEntry(TextBlock):
    """A contents line: a link to its heading, and its page number drawn from a form the
    canvas fills in at the end (the number is not known when the contents are laid out)."""

    def draw(self) -> None:
        super().draw()
        style = self.style
        baseline = self.height - _below_top(style)
        baseline -= (len(self.lines(self.width)) - 1) * style.leading
        self.canv.saveState()
        self.canv.translate(self.width, baseline)
        self.canv.doForm(_page_form(self.link or ""))
        self.canv.restoreState()


def _page_form(key: str) -> str:
    return f"pageof_{key}"


def _below_top(style: TextStyle) -> float:
    """How far a text block's first baseline lies below its top."""
    return (style.leading - style.size) / 2 + style.size * 0.86


class _Rule(Flowable):  # type: ignore[misc]  # reportlab ships no types
    """A full-width horizontal rule."""

    def __init__(self, width: float, color: str, thickness: float, space: float) -> None:
        super().__init__()
        self.width, self.color, self.thickness, self.space = width, color, thickness, space

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.thickness + self.space

    def draw(self) -> None:
        self.canv.setStrokeColor(HexColor("#" + self.color))
        self.canv.setLineWidth(self.thickness)
        y = self.space / 2 + self.thickness / 2
        self.canv.line(0, y, self.width, y)


# --- the document and its pages ---------------------------------------------------------


class _Document(BaseDocTemplate):  # type: ignore[misc]  # reportlab ships no types
    """A4 (or the theme's paper) with a cover template and a body template whose header
    carries the report title and whose footer the page number."""

    def __init__(self, buffer: BytesIO, story: _Story, body_font: str) -> None:
        report, theme, options = story.report, story.theme, story.options
        page = theme.page
        meta = report.meta
        chosen = story.headline
        super().__init__(
            buffer, pagesize=(page.width, page.height), leftMargin=page.margin_left,
            rightMargin=page.margin_right, topMargin=page.margin_top,
            bottomMargin=page.margin_bottom,
            title=drawable(options.settings.title or display_title(meta)) or None,
            author=drawable(document_author(report, options.settings)) or None,
            subject=LABELS["subject"].format(title=drawable(display_title(meta)))
            if display_title(meta) else None,
            keywords=[drawable(f.metric) for f in chosen if f.metric],
            creator=f"exporter {options.tool_version}".strip(), producer="exporter",
            invariant=1, lang=theme.language, initialFontName=body_font,
            displayDocTitle=1,
        )
        self.report, self.theme, self.options = report, theme, options
        self.story = story
        self.page_count = 0
        self._header_block: tuple[TextBlock, float] | None = None
        frame = Frame(page.margin_left, page.margin_bottom, page.frame_width,
                      page.frame_height, leftPadding=0, rightPadding=0, topPadding=0,
                      bottomPadding=0, id="body")
        self.addPageTemplates([
            PageTemplate("cover", frames=[frame], onPage=self._cover_page),
            PageTemplate("body", frames=[frame], onPage=self._body_page),
        ])

    def canvasmaker(self, *args: Any, **kwargs: Any) -> _Canvas:
        return _Canvas(*args, document=self, **kwargs)

    def _cover_page(self, canv: Canvas, doc: Any) -> None:
        """The cover's only furniture: an accent band along the top edge, where the theme
        has one."""
        page = self.theme.page
        if not self.theme.cover_band:
            return
        canv.saveState()
        canv.setFillColor(HexColor("#" + self.theme.color("accent")))
        canv.rect(0, page.height - 8, page.width, 8, stroke=0, fill=1)
        canv.restoreState()

    def _body_page(self, canv: Canvas, doc: Any) -> None:
        """Running header (the theme's logo, the title and a hairline) and the
        page-number form."""
        page, theme = self.theme.page, self.theme
        canv.saveState()
        header = self._header()
        if header is not None:
            block, height = header
            top = page.height - theme.page.header_distance
            block.drawOn(canv, page.margin_left, top - height)
            if theme.logo:  # at the left of the header line, as tall as it
                canv.drawImage(theme.logo, page.margin_left, top - height,
                               width=height * _LOGO_RATIO, height=height,
                               preserveAspectRatio=True, anchor="sw", mask="auto")
            canv.setStrokeColor(HexColor("#" + theme.color("table_border")))
            canv.setLineWidth(0.4)
            canv.line(page.margin_left, top - height - 3, page.width - page.margin_right,
                      top - height - 3)
        number = canv.getPageNumber()
        position = theme.page_number_position
        if position == "outer":
            position = "right" if number % 2 else "left"
        x = {"left": page.margin_left, "center": page.width / 2,
             "right": page.width - page.margin_right}[position]
        canv.translate(x, page.footer_distance)
        canv.doForm(_page_form(f"page{number}"))
        canv.restoreState()

    def _header(self) -> tuple[TextBlock, float] | None:
        """The running header (the theme's header text, else the briefing's or the
        report's title, cut to one line) and its height, laid out once for every page."""
        if self._header_block is None:
            page = self.theme.page
            title = drawable(self.theme.header_text or self.options.settings.title
                             or display_title(self.report.meta))
            if not title:
                return None
            style = self.story.style("header")
            block = self.story.within(self.story.block(title, style), page.frame_width, style.leading)
            self._header_block = (block, block.wrap(page.frame_width, page.height)[1])
        return self._header_block

    def number_forms(self, canv: _Canvas, pages: int) -> None:
        """Fill in every page-number form now that the page count is known."""
        theme, page = self.theme, self.theme.page
        position = theme.page_number_position
        for number in range(1, pages + 1):
            where = position if position != "outer" else ("right" if number % 2 else "left")
            text = theme.page_number_format.replace("{page}", str(number)).replace(
                "{pages}", str(pages))
            self._form(canv, f"page{number}", text, self.story.style("page_number", align=where,
                                                                      first_indent=0), where,
                       page.frame_width)
        for key, target in canv.destination_pages.items():
            self._form(canv, key, str(target), self.story.style(
                "table_body", align="right", first_indent=0), "right", _NUMBER_ROOM,
                on_baseline=True)

    def _form(self, canv: Canvas, key: str, text: str, style: TextStyle, where: str,
              width: float, on_baseline: bool = False) -> None:
        """A form holding ``text``: its bottom at the form's origin, or (a contents
        entry's number, drawn at the entry's baseline) its baseline."""
        block = self.story.block(text, style)
        _, height = block.wrap(width, 1000)
        left = {"left": 0.0, "center": -width / 2, "right": -width}[where]
        bottom = _below_top(style) - height if on_baseline else 0.0
        canv.beginForm(_page_form(key), lowerx=left, lowery=bottom - 2, upperx=left + width,
                       uppery=bottom + height + 2)
        block.drawOn(canv, left, bottom)
        canv.endForm()


class _Canvas(Canvas):  # type: ignore[misc]  # reportlab ships no types
    """The canvas of one build: pinned creation date, outline pages recorded, and the
    page-number forms defined before saving."""

    def __init__(self, *args: Any, document: _Document, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.document = document
        self.destination_pages: dict[str, int] = {}
        #: Text drawn during layout as tokens, its operators made at save time.
        self.late = LateContent()
        moment = document.options.document_time(document.report)
        pin_creation_time(self, int(moment.timestamp()) if moment else 0)
        if moment is None:
            drop_dates(self)

    def addOutlineEntry(self, title: str, key: str, level: int = 0,
                        closed: bool | None = None) -> None:
        self.destination_pages[key] = self.getPageNumber()
        super().addOutlineEntry(title, key, level, closed)

    def save(self) -> None:
        if page_has_content(self):
            self.showPage()
        pages = self.getPageNumber() - 1
        story = self.document.story
        for key in story.linked:  # a contents entry whose heading never drew: no dangling form
            self.destination_pages.setdefault(key, 0)
        self.document.number_forms(self, pages)
        self.document.page_count = pages
        self.late.finish(self, document_pages(self), story.measurer.writer(self),
                         self.document.options.mapper)
        super().save()

