"""The Excel workbook of all figures, for an analyst to filter, sort and chart at once.

Five sheets (names from the theme): *Figures*, one row per figure in an Excel table with
unit-aware number formats, each figure's sentence given by its number on *Sentences*, which
holds every sentence once (so the workbook grows with the text, not with text × figures);
*Sections*, the heading tree with each row linked to its first figure; *Series*, every
metric stated for two or more periods with a native chart each; *About*, where the workbook
came from. Headers and codes are in the theme's workbook language or the one asked for
(``catalogues/vocabulary.toml``). Written in openpyxl's write-only mode, each sheet in
memory rather than a temporary file, the figure and sentence rows streamed into the zip
(so 10,000 figures stay fast and small), and saved through a zip writer with pinned times,
so the same report gives the same bytes. Report text never becomes a formula: every
text cell is an explicit string, with a quote prefix where it opens like a formula.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import datetime
from pathlib import PurePath
from typing import Any, BinaryIO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.filters import AutoFilter
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo
from openpyxl.writer.excel import ExcelWriter

from ...document import document_author
from ...model import Figure, Report, Section, display_title
from ...series import Series, find_series, period_key
from ...theme import Theme
from ...vocabulary import Vocabulary, vocabulary
from .._office import xml_escape
from ..options import RenderOptions
from ._cells import (
    MAX_WIDTH,
    SplicingZip,
    WidthTracker,
    base_format,
    build_date,
    cell_text,
    decimals,
    finite,
    needs_quote_prefix,
    value_format,
    wrapped_lines,
)
from ._compat import (
    TextChart,
    WriteOnlyWorksheet,
    add_sheet,
    copy_style,
    drop_dates,
    set_style,
)
from ._rows import LETTERS, chunked, internal_link, number_cell, row_xml, text_cell

#: Columns of the Figures sheet, by model field (headed in the workbook's language; the
#: English headers are the field names, stable for scripts). ``period`` is split into its
#: first and last year, as numbers; ``sentence`` is the row number on the Sentences sheet;
#: ``indicator`` is the standard indicator's id (stable, to pivot on) and
#: ``indicator_name`` its catalogue name; ``year`` and ``region`` are the report's.
FIGURE_COLUMNS = ("id", "section", "paragraph", "metric", "number", "value", "value_high",
                  "unit", "base_value", "base_value_high", "base_unit", "qualifier",
                  "period_start", "period_end", "change", "role", "indicator", "indicator_name",
                  "kind", "text", "sentence", "year", "region")
SENTENCE_COLUMNS = ("sentence", "paragraph", "text")
SECTION_COLUMNS = ("id", "label", "title", "level", "paragraphs", "figures")
PATH_SEPARATOR = " › "
#: Figures-sheet columns holding numbers, and the format of the ones that are not values.
_NUMBER_FORMATS = {"period_start": "0", "period_end": "0", "sentence": "0", "year": "0"}
#: Coded columns, shown in the workbook's language.
_CODED = ("qualifier", "change", "role", "kind", "base_unit")
_SENTENCE_COLUMN = FIGURE_COLUMNS.index("sentence")
_TABLE_STYLES = re.compile(r"^TableStyle(Light([1-9]|1\d|2[01])|Medium([1-9]|1\d|2[0-8])"
                           r"|Dark([1-9]|1[01]))$")
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
#: Paper sizes openpyxl knows, by their size in whole millimetres (portrait).
_PAPER = {(210, 297): 9, (148, 210): 11, (176, 250): 13, (216, 279): 1}
_CHART_ROWS = 16
#: A series chart's size in centimetres.
_CHART_WIDTH, _CHART_HEIGHT = 16, 7.5
_CHART_NS = "http://schemas.openxmlformats.org/drawingml/2006/chart"
_A = ' xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
#: The deepest indent a Sections-sheet title takes: Excel's own limit (its format
#: refuses more than 255, and its dialog offers 15); a deeper heading stays at it.
_MAX_INDENT = 15


def render(report: Report, theme: Theme, options: RenderOptions, out: BinaryIO) -> None:
    """Write the workbook of ``report`` to the binary stream ``out``."""
    moment = build_date(options.zip_time(report))
    wb = Workbook(write_only=True)
    _properties(wb, report, theme, options, options.document_time(report))
    words = vocabulary(options.language or theme.workbook_language)
    styles = _Styles(theme, options.warn, words)
    names = _sheet_names(theme, words)
    series = find_series(report)
    sections = list(report.walk_with_appendix())
    figures = add_sheet(wb, names["Figures"])
    numbers = _sentence_numbers(report.figures)
    indicator_names = options.indicator_names or {}
    figure_rows, figure_xml, figure_links = _figures_sheet(figures, styles, report, numbers,
                                                           names["Sentences"], indicator_names)
    sentences = add_sheet(wb, names["Sentences"])
    sentence_xml = _sentences_sheet(sentences, styles, numbers)
    _sections_sheet(add_sheet(wb, names["Sections"]), styles, report, names["Figures"],
                    figure_rows)
    _series_sheet(add_sheet(wb, names["Series"]), styles, series)
    _about_sheet(add_sheet(wb, names["About"]), styles, report, theme, options,
                 len(sections), len(series))
    archive = SplicingZip(out, moment, splices=[
        (lambda: figures.path[1:], figure_xml, figure_links),
        (lambda: sentences.path[1:], sentence_xml, None)])
    ExcelWriter(wb, archive).save()


# --- styles ----------------------------------------------------------------------------


class _Styles:
    """Cells styled from the theme. A style combination is built once and its style array
    copied into each new cell: far cheaper than assigning fonts cell by cell."""

    def __init__(self, theme: Theme, warn: Callable[[str], None], words: Vocabulary) -> None:
        self.theme = theme
        self.words = words
        header, body = theme.role("table_header"), theme.role("table_body")
        self.fonts = {
            "header": Font(name=header.fonts[0], size=header.size, bold=header.bold,
                           italic=header.italic, color=header.color),
            "body": Font(name=body.fonts[0], size=body.size, bold=body.bold,
                         italic=body.italic, color=body.color),
            "key": Font(name=body.fonts[0], size=body.size, bold=True, color=body.color),
            "link": Font(name=body.fonts[0], size=body.size, underline="single",
                         color=theme.color("accent")),
        }
        self.header_fill = PatternFill("solid", fgColor=theme.color("table_header_fill"))
        self.table_style = theme.table_style
        if not _TABLE_STYLES.match(self.table_style):
            warn(f"theme {theme.name}: unknown table style {self.table_style!r}, "
                 "using TableStyleMedium2")
            self.table_style = "TableStyleMedium2"
        self._cache: dict[tuple[Any, ...], StyleArray] = {}

    def _style(self, ws: WriteOnlyWorksheet, key: tuple[Any, ...]) -> StyleArray:
        style = self._cache.get(key)
        if style is None:
            role, number_format, wrap, quote, indent, horizontal = key
            cell = WriteOnlyCell(ws)
            cell.font = self.fonts[role]
            if role == "header":
                cell.fill = self.header_fill
            cell.alignment = Alignment(horizontal=horizontal, vertical="top",
                                       wrap_text=wrap or None,
                                       indent=indent or 0)
            if number_format:
                cell.number_format = number_format
            if quote:
                cell.quotePrefix = True
            style = self._cache[key] = copy_style(cell)
        return style

    def style_id(self, ws: WriteOnlyWorksheet, key: tuple[Any, ...]) -> int:
        """The workbook's cell-format index of a style combination, for raw rows."""
        cell = WriteOnlyCell(ws)
        set_style(cell, self._style(ws, key))
        return int(cell.style_id)

    def text(self, ws: WriteOnlyWorksheet, value: str | None, role: str = "body",
             wrap: bool = False, indent: int = 0) -> Cell:
        """A string cell that is always a string: never a formula, whatever it starts with."""
        text = cell_text(value or "")
        cell = WriteOnlyCell(ws)
        set_style(cell, self._style(
            ws, (role, None, wrap, needs_quote_prefix(text), indent, None)))
        if text:
            cell.value = text
            cell.data_type = "s"
        return cell

    def number(self, ws: WriteOnlyWorksheet, value: float | None,
               number_format: str | None = None, horizontal: str | None = None) -> Cell:
        cell = WriteOnlyCell(ws, finite(value))
        set_style(cell, self._style(ws, ("body", number_format, False, False, 0, horizontal)))
        return cell

    def link(self, ws: WriteOnlyWorksheet, value: str, location: str | None,
             indent: int = 0) -> Cell:
        """A text cell linked inside the workbook (``location``, not an external target)."""
        if location is None:
            return self.text(ws, value, indent=indent)
        cell = self.text(ws, value, role="link", indent=indent)
        cell.hyperlink = Hyperlink(ref=cell.coordinate, location=location,
                                   display=cell.value if isinstance(cell.value, str) else None)
        return cell

    def headers(self, ws: WriteOnlyWorksheet, names: Iterable[str]) -> list[Cell]:
        """Header cells of model field ``names``, in the workbook's language."""
        return [self.text(ws, self.words.column(name), role="header") for name in names]

    def table(self, ws: WriteOnlyWorksheet, display_name: str, fields: tuple[str, ...],
              rows: int) -> None:
        """An Excel table over the header and ``rows`` data rows (at least one: Excel needs
        a body row), columns named explicitly since write-only sheets cannot be read back."""
        headers = tuple(self.words.column(name) for name in fields)
        ref = f"A1:{get_column_letter(len(headers))}{1 + max(rows, 1)}"
        table = Table(
            displayName=display_name, ref=ref, autoFilter=AutoFilter(ref=ref),
            tableColumns=[TableColumn(id=n, name=h) for n, h in enumerate(headers, 1)],
            tableStyleInfo=TableStyleInfo(name=self.table_style, showRowStripes=True,
                                          showColumnStripes=False, showFirstColumn=False,
                                          showLastColumn=False))
        with warnings.catch_warnings():  # openpyxl warns on every write-only table
            warnings.filterwarnings("ignore", message="In write-only mode")
            ws.add_table(table)

    def page(self, ws: WriteOnlyWorksheet, title_rows: bool) -> None:
        """A4 (or the theme's paper) landscape, fitted to one page wide, headers repeated."""
        page = self.theme.page
        size = (round(page.width * 25.4 / 72), round(page.height * 25.4 / 72))
        ws.page_setup.paperSize = _PAPER.get(tuple(sorted(size)), 9)  # type: ignore[arg-type]
        ws.page_setup.orientation = "landscape"
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        if title_rows:
            ws.print_title_rows = "1:1"


def _widths(ws: WriteOnlyWorksheet, widths: list[float]) -> None:
    for n, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(n)].width = width


# --- sheets ----------------------------------------------------------------------------


def _sheet_names(theme: Theme, words: Vocabulary) -> dict[str, str]:
    """The five sheet names from the theme, else the language's, made valid and unique
    (case-insensitively)."""
    names: dict[str, str] = {}
    taken: set[str] = set()
    for key in ("Figures", "Sentences", "Sections", "Series", "About"):
        named = theme.sheet_names.get(key) or words.sheets.get(key, key)
        name = _BAD_SHEET_CHARS.sub("", named).strip("' ")[:31] or key
        candidate, n = name, 2
        while candidate.lower() in taken:
            suffix = f" ({n})"
            candidate, n = name[:31 - len(suffix)] + suffix, n + 1
        taken.add(candidate.lower())
        names[key] = candidate
    return names


def _owners(report: Report) -> dict[str, Section]:
    """Paragraph id → the section whose own paragraphs hold it."""
    return {p.id: s for p, s in report.paragraphs() if s is not None}


def _sentence_numbers(figures: list[Figure]) -> dict[tuple[str, str], int]:
    """Each distinct (paragraph, sentence) of the figures → its number, in reading order:
    its row on the Sentences sheet less the header."""
    numbers: dict[tuple[str, str], int] = {}
    for figure in figures:
        numbers.setdefault((figure.paragraph, figure.sentence), len(numbers) + 1)
    return numbers


def _figure_row(figure: Figure, section: str, sentence: int, report: Report,
                words: Vocabulary, indicator_names: Mapping[str, str]) -> dict[str, Any]:
    """One figure's cells by column: text, or (number, format, shown) for numbers."""
    vformat, vshown = value_format(figure.value, figure.unit)
    bformat, bshown = base_format(figure.base_value, figure.base_unit)
    span = period_key(figure.period)
    row: dict[str, Any] = {
        "id": figure.id, "section": section, "paragraph": figure.paragraph,
        "metric": figure.metric, "number": figure.number, "unit": figure.unit,
        "base_unit": figure.base_unit, "indicator": figure.indicator, "text": figure.text,
        "indicator_name": (indicator_names.get(figure.indicator, figure.indicator)
                           if figure.indicator else None),
        "region": report.meta.region,
        "value": (figure.value, vformat, vshown),
        "base_value": (figure.base_value, bformat, bshown),
    }
    if figure.value_high is not None:
        row["value_high"] = (figure.value_high, vformat,
                             value_format(figure.value_high, figure.unit)[1])
    if figure.base_value_high is not None:
        row["base_value_high"] = (figure.base_value_high, bformat,
                                  base_format(figure.base_value_high, figure.base_unit)[1])
    numbers = {"period_start": span[0] if span else None, "period_end": span[1] if span else None,
               "sentence": sentence, "year": report.meta.year}
    for name, number in numbers.items():
        if number is not None:
            row[name] = (number, _NUMBER_FORMATS[name], str(number))
    for name in _CODED:
        row[name] = words.code(name, getattr(figure, name))
    return {name: cell_text(value) if isinstance(value, str) else value
            for name, value in row.items() if value is not None}


def _figures_sheet(ws: WriteOnlyWorksheet, styles: _Styles, report: Report,
                   numbers: dict[tuple[str, str], int], sentences_sheet: str,
                   indicator_names: Mapping[str, str],
                   ) -> tuple[dict[str, int], Callable[[], Iterator[bytes]],
                              Callable[[], Iterator[bytes]]]:
    """One row per figure in reading order. The sheet's frame (widths, panes, table, print
    set-up) goes through openpyxl; its rows are returned as a stream of SpreadsheetML for
    the zip writer to splice in (see ``_rows``), with the links from each figure's
    sentence number to its row on the Sentences sheet. Also returns figure id → row."""
    paths = report.section_paths()
    owners = _owners(report)
    words = styles.words
    tracker = WidthTracker(len(FIGURE_COLUMNS))
    for n, name in enumerate(FIGURE_COLUMNS):
        tracker.see(n, words.column(name))
    headings: dict[str, str] = {}
    rows: list[list[Any]] = []
    where: dict[str, int] = {}
    for index, figure in enumerate(report.figures, 2):
        owner = owners.get(figure.paragraph)
        key = owner.id if owner else figure.section or ""
        if key not in headings:
            headings[key] = PATH_SEPARATOR.join(
                s.heading.strip() for s in paths.get(key, ()))
        cells = _figure_row(figure, headings[key],
                            numbers[(figure.paragraph, figure.sentence)], report, words,
                            indicator_names)
        row = [cells.get(name) for name in FIGURE_COLUMNS]
        for column, value in enumerate(row):
            if value is not None:
                tracker.see(column, value if isinstance(value, str) else value[2])
        rows.append(row)
        where.setdefault(figure.id, index)
    _widths(ws, tracker.widths())
    ws.freeze_panes = "A2"
    styles.page(ws, title_rows=True)
    styles.table(ws, "Figures", FIGURE_COLUMNS, len(rows))
    header_style = styles.style_id(ws, ("header", None, False, False, 0, None))
    text_ids = {quote: styles.style_id(ws, ("body", None, False, quote, 0, None))
                for quote in (False, True)}
    number_ids = {fmt: styles.style_id(ws, ("body", fmt, False, False, 0, None))
                  for fmt in sorted({cell[1] for row in rows for cell in row
                                     if isinstance(cell, tuple)})}
    link_style = styles.style_id(ws, ("link", "0", False, False, 0, None))
    column = LETTERS[_SENTENCE_COLUMN]
    target = quote_sheetname(sentences_sheet)

    def lines() -> Iterator[str]:
        yield row_xml(1, (text_cell(f"{LETTERS[n]}1", header_style, words.column(name))
                          for n, name in enumerate(FIGURE_COLUMNS)))
        for index, row in enumerate(rows, 2):
            cells = []
            for n, value in enumerate(row):
                ref = f"{LETTERS[n]}{index}"
                if n == _SENTENCE_COLUMN:
                    cells.append(number_cell(ref, link_style, value[0]))
                elif isinstance(value, tuple):
                    cells.append(number_cell(ref, number_ids[value[1]], value[0]))
                elif value:
                    cells.append(text_cell(ref, text_ids[needs_quote_prefix(value)], value))
            yield row_xml(index, cells)

    def links() -> Iterator[str]:
        yield "<hyperlinks>"
        for index, row in enumerate(rows, 2):
            number = row[_SENTENCE_COLUMN][0]
            yield internal_link(f"{column}{index}", f"{target}!C{number + 1}", str(number))
        yield "</hyperlinks>"

    return where, lambda: chunked(lines()), lambda: chunked(links()) if rows else iter(())


def _sentences_sheet(ws: WriteOnlyWorksheet, styles: _Styles,
                     numbers: dict[tuple[str, str], int]) -> Callable[[], Iterator[bytes]]:
    """Every sentence that holds a figure, once, numbered as the Figures sheet cites it;
    rows are as tall as the wrapped sentence. Rows are spliced in like the Figures sheet's."""
    words = styles.words
    tracker = WidthTracker(len(SENTENCE_COLUMNS))
    for n, name in enumerate(SENTENCE_COLUMNS):
        tracker.see(n, words.column(name))
    for (paragraph, _), number in numbers.items():
        tracker.see(0, str(number))
        tracker.see(1, paragraph)
    widths = tracker.widths()
    widths[2] = float(MAX_WIDTH * 2)
    _widths(ws, widths)
    ws.freeze_panes = "A2"
    styles.page(ws, title_rows=True)
    styles.table(ws, "Sentences", SENTENCE_COLUMNS, len(numbers))
    role = styles.theme.role("table_body")
    header_style = styles.style_id(ws, ("header", None, False, False, 0, None))
    number_style = styles.style_id(ws, ("body", "0", False, False, 0, None))
    text_ids = {(wrap, quote): styles.style_id(ws, ("body", None, wrap, quote, 0, None))
                for wrap in (False, True) for quote in (False, True)}

    def lines() -> Iterator[str]:
        yield row_xml(1, (text_cell(f"{LETTERS[n]}1", header_style, words.column(name))
                          for n, name in enumerate(SENTENCE_COLUMNS)))
        for (paragraph, sentence), number in numbers.items():
            index = number + 1
            text, where = cell_text(sentence), cell_text(paragraph)
            wrapped = wrapped_lines(text, widths[2], role.size)
            height = round(wrapped * role.leading + 3, 1) if wrapped > 1 else None
            yield row_xml(index, (
                number_cell(f"A{index}", number_style, number),
                text_cell(f"B{index}", text_ids[(False, needs_quote_prefix(where))], where),
                text_cell(f"C{index}", text_ids[(True, needs_quote_prefix(text))], text),
            ), height)

    return lambda: chunked(lines())


def _sections_sheet(ws: WriteOnlyWorksheet, styles: _Styles, report: Report,
                    figures_sheet: str, figure_rows: dict[str, int]) -> None:
    """The heading tree; counts cover each section with its subsections, and the title
    links to the first figure among them on the Figures sheet."""
    owners = _owners(report)
    paths = report.section_paths()
    first_row: dict[str, int] = {}
    figure_count: dict[str, int] = {}
    for figure in report.figures:
        owner = owners.get(figure.paragraph)
        for section in paths.get(owner.id if owner else figure.section or "", ()):
            first_row.setdefault(section.id, figure_rows[figure.id])
            figure_count[section.id] = figure_count.get(section.id, 0) + 1
    sections = list(report.walk_with_appendix())
    tracker = WidthTracker(len(SECTION_COLUMNS))
    for n, name in enumerate(SECTION_COLUMNS):
        tracker.see(n, styles.words.column(name))
    for section, parents in sections:
        tracker.see(0, section.id)
        tracker.see(1, section.label)
        tracker.see(2, "  " * len(parents) + section.title)
    _widths(ws, tracker.widths())
    ws.freeze_panes = "A2"
    styles.page(ws, title_rows=True)
    styles.table(ws, "Sections", SECTION_COLUMNS, len(sections))
    ws.append(styles.headers(ws, SECTION_COLUMNS))
    target = quote_sheetname(figures_sheet)
    for section, parents in sections:
        row = first_row.get(section.id)
        title = styles.link(ws, section.title, f"{target}!A{row}" if row else None,
                            indent=min(len(parents), _MAX_INDENT))
        paragraphs = len(section.paragraphs) + sum(
            len(s.paragraphs) for s, _ in _descendants(section))
        ws.append([styles.text(ws, section.id), styles.text(ws, section.label), title,
                   styles.number(ws, section.level, "0"), styles.number(ws, paragraphs, "#,##0"),
                   styles.number(ws, figure_count.get(section.id, 0), "#,##0")])


def _descendants(section: Section) -> Iterable[tuple[Section, int]]:
    for child in section.sections:
        yield child, 1
        yield from _descendants(child)


def _series_sheet(ws: WriteOnlyWorksheet, styles: _Styles, series: list[Series]) -> None:
    """A metric × period pivot on top; below it, each series as a small period/value block
    with its own native chart beside it (bars for two points or spans, lines otherwise)."""
    periods = sorted({p for s in series for p in s.periods},
                     key=lambda p: period_key(p) or (0, 0))
    headers = ("metric", "unit", *periods)
    tracker = WidthTracker(max(len(headers), 2))
    for n, header in enumerate(headers):
        tracker.see(n, header)
    formats: list[str] = []
    for s in series:
        places = max(decimals(v) for v in s.values())
        formats.append(value_format(0, s.unit, places)[0])
        tracker.see(0, s.metric)
        tracker.see(1, s.unit)
        for (period, _), value in zip(s.points, s.values()):
            shown = value_format(value, s.unit, places)[1]
            tracker.see(2 + periods.index(period), shown)
            tracker.see(0, period)  # the chart blocks below put periods in A, values in B
            tracker.see(1, shown)
    _widths(ws, tracker.widths())
    ws.freeze_panes = "C2"
    styles.page(ws, title_rows=False)
    if not series:
        ws.append(styles.headers(ws, headers))
        ws.append([styles.text(ws, styles.words.marks["no_series"])])
        return
    styles.table(ws, "Series", headers, len(series))
    ws.append(styles.headers(ws, headers))
    for s, fmt in zip(series, formats):
        values = dict(zip(s.periods, s.values()))
        ws.append([styles.text(ws, s.metric), styles.text(ws, s.unit)]
                  + [styles.number(ws, values.get(p), fmt) for p in periods])
    current = len(series) + 2  # the next row to be written
    for n, (s, fmt) in enumerate(zip(series, formats)):
        ws.append([])
        header_row = current + 1
        ws.append(styles.headers(ws, ("period", s.metric)))
        for period, value in zip(s.periods, s.values()):
            ws.append([styles.text(ws, period), styles.number(ws, value, fmt)])
        current = header_row + 1 + len(s.points)
        ws.add_chart(_chart(ws, s, header_row, styles.theme, n), f"D{header_row}")
        while current < header_row + _CHART_ROWS:
            ws.append([])
            current += 1


def _chart(ws: WriteOnlyWorksheet, series: Series, header_row: int, theme: Theme,
           index: int) -> TextChart:
    """A native chart of one series: its block's values over its periods (bars for two
    points or spans, lines otherwise), the y axis from zero. Its XML is composed here as
    openpyxl's chart objects would serialise it (tests compare the two): building those
    objects and serialising them cost ~0.6 ms a chart, a dozen charts a report."""
    yearly = all((period_key(p) or (0, 1))[0] == (period_key(p) or (0, 1))[1]
                 for p in series.periods)
    line = yearly and len(series.points) >= 3
    title = f"{series.metric}（{series.unit}）" if series.unit else series.metric
    sheet = xml_escape(quote_sheetname(ws.title))
    last = header_row + len(series.points)
    values = series.values()
    number_format = "#,##0" if min(map(abs, values)) >= 10 else "General"
    # From zero: a value axis cut above it makes 6.7 against 6.5 look like a large gap.
    bound = ('<min val="0"/>' if min(values) >= 0
             else '<max val="0"/>' if max(values) <= 0 else "")
    color = theme.chart_colors[index % len(theme.chart_colors)]
    fill = f'<a:solidFill{_A}><a:srgbClr val="{color}"/></a:solidFill>'
    outline = (f'<a:solidFill><a:srgbClr val="{color}"/></a:solidFill>'
               '<a:prstDash val="solid"/></a:ln>')
    axes = '<axId val="10"/><axId val="100"/>'
    if line:
        plot = '<lineChart><grouping val="standard"/>'
        look = (f'<spPr><a:ln{_A} w="28575">{outline}</spPr><marker><symbol val="circle"/>'
                f'<spPr>{fill}<a:ln{_A}>{outline}</spPr></marker>')
        tail = f"{axes}</lineChart>"
    else:
        plot = '<barChart><barDir val="col"/><grouping val="clustered"/>'
        look = f'<spPr>{fill}<a:ln{_A}>{outline}</spPr>'
        tail = f'<gapWidth val="150"/>{axes}</barChart>'
    xml = (f'<chartSpace xmlns="{_CHART_NS}"><chart><title><tx><rich><a:bodyPr{_A}/>'
           f'<a:p{_A}><a:pPr><a:defRPr/></a:pPr><a:r><a:t>{xml_escape(title)}</a:t></a:r>'
           f'</a:p></rich></tx></title><plotArea>{plot}<ser><idx val="0"/><order val="0"/>'
           f'<tx><strRef><f>{sheet}!B{header_row}</f></strRef></tx>{look}'
           f'<cat><numRef><f>{sheet}!$A${header_row + 1}:$A${last}</f></numRef></cat>'
           f'<val><numRef><f>{sheet}!$B${header_row + 1}:$B${last}</f></numRef></val></ser>'
           f'{tail}<catAx><axId val="10"/><scaling><orientation val="minMax"/></scaling>'
           '<delete val="0"/><axPos val="l"/><majorTickMark val="none"/>'
           '<minorTickMark val="none"/><crossAx val="100"/><lblOffset val="100"/></catAx>'
           f'<valAx><axId val="100"/><scaling><orientation val="minMax"/>{bound}</scaling>'
           '<delete val="0"/><axPos val="l"/><majorGridlines/>'
           f'<numFmt formatCode="{number_format}" sourceLinked="0"/>'
           '<majorTickMark val="none"/><minorTickMark val="none"/><crossAx val="10"/>'
           '</valAx></plotArea><plotVisOnly val="1"/><dispBlanksAs val="gap"/></chart>'
           '</chartSpace>')
    return TextChart(xml, _CHART_WIDTH, _CHART_HEIGHT)


def _about_sheet(ws: WriteOnlyWorksheet, styles: _Styles, report: Report, theme: Theme,
                 options: RenderOptions, sections: int, series: int) -> None:
    """Where the workbook came from, as field / value rows named in the workbook's
    language."""
    meta = report.meta
    rows: list[tuple[str, str | int | None]] = [
        ("source", PurePath(meta.source_name).name if meta.source_name else None),
        ("source_sha256", meta.source_sha256),
        ("title", meta.title), ("subtitle", meta.subtitle), ("publisher", meta.publisher),
        ("organization", meta.organization), ("speaker", meta.speaker),
        ("date", meta.date), ("published", meta.published),
        ("year", str(meta.year) if meta.year is not None else None),  # no 2,016
        ("region", meta.region), ("level", styles.words.code("level", meta.level)),
        ("figures", len(report.figures)), ("sections", sections), ("series", series),
        ("tool_version", options.tool_version), ("theme", theme.name),
    ]
    words = styles.words
    tracker = WidthTracker(2, cap=80)
    for key, value in rows:
        tracker.see(0, words.about_key(key))
        tracker.see(1, str(value or ""))
    _widths(ws, tracker.widths())
    styles.page(ws, title_rows=False)
    ws.append([styles.text(ws, text, role="header")
               for text in (words.column("field"), words.about_key("value"))])
    for key, value in rows:
        cell = (styles.number(ws, value, "#,##0", horizontal="left") if isinstance(value, int)
                else styles.text(ws, value))
        ws.append([styles.text(ws, words.about_key(key), role="key"), cell])


def _properties(wb: Workbook, report: Report, theme: Theme, options: RenderOptions,
                moment: datetime | None) -> None:
    """Document properties, dates pinned (``ExcelWriter`` is used directly, so openpyxl's
    ``save`` never resets ``modified``), none when the report is undated; the author is
    the issuing office (:func:`document_author`)."""
    props = wb.properties
    title = options.settings.title or display_title(report.meta) or ""
    props.title = cell_text(title)[:255] or None
    props.subject = "Figures"
    props.creator = (cell_text(document_author(report, options.settings))[:255]
                     or f"exporter {options.tool_version}".strip())
    # the tool and this build's stamp (the creator is the office): ``check`` compares it
    props.lastModifiedBy = f"exporter {options.tool_version}".strip()
    props.language = theme.language
    props.keywords = "figures; series; sections"
    if moment is None:
        drop_dates(wb)
    else:
        props.created = props.modified = build_date(moment)
