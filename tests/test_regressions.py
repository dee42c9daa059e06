"""Every finding of the long fuzzing run (``bench/fuzz.py``), as its minimal input.

A test asserts the fixed behaviour; a finding not fixed yet is ``xfail(strict=True)``
with the reason, so the test starts failing the day the fix lands and the mark must go.
"""

from __future__ import annotations

import io
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

import pytest

from exporter.errors import InputError
from exporter.model import Figure, Meta, Paragraph, Report, Section
from exporter.readers import read_report
from exporter.renderers import RenderOptions, render
from exporter.theme import load_theme

THEMES = Path(__file__).resolve().parents[1] / "styles"


class _Hang(BaseException):
    """Raised by the alarm; a BaseException so no ``except Exception`` swallows it."""


@contextmanager
def _time_limit(seconds: int) -> Iterator[None]:
    def alarm(signum: int, frame: FrameType | None) -> None:
        raise _Hang

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _render_pdf(report: Report, theme: str, *, full: bool = True, limit: int = 8) -> bytes:
    out = io.BytesIO()
    try:
        with _time_limit(limit):
            render("pdf", report, load_theme(theme), RenderOptions(full=full), out)
    except _Hang:
        pytest.fail(f"the PDF renderer ran over {limit} s")
    return out.getvalue()


# --- reader-json: JSON nested past Python's recursion limit -------------------------------

@pytest.mark.parametrize("data", [
    b'{"meta": {}, "sections": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
    # a valid model whose heading tree nests 400 deep: json.loads copes, the schema
    # validator recursed past the limit
    b'{"meta": {}, "sections": ['
    + b"".join(b'{"id": "s%d", "label": "", "title": "t", "level": 2, "sections": [' % i
               for i in range(400))
    + b"]}" * 400 + b"]}",
], ids=["brackets", "deep-headings"])
def test_model_json_nested_too_deeply_is_an_input_error(data: bytes) -> None:
    """Was: RecursionError out of json.loads / jsonschema (not an ExporterError)."""
    with pytest.raises(InputError, match="nests too deeply"):
        read_report(data, "deep.json")


# --- reader-json / pdf: numbers beyond a double ------------------------------------------

_FIGURE = ('{"meta": {}, "sections": [], "figures": [{"id": "f1", "paragraph": "p1", '
           '"sentence": "s", "text": "t", "number": "1", "value": %s, "unit": "", '
           '"base_value": 1, "base_unit": ""}]}')


@pytest.mark.parametrize("number", ["1e400", "-1e400", "1" + "0" * 400])
def test_model_json_numbers_beyond_a_double_are_refused(number: str) -> None:
    """Was: 1e400 read as inf and a 401-digit integer as an int; the PDF renderer then
    raised OverflowError in ``base_value_text`` (``round(inf)``, ``1e-9 * 10**400``)."""
    with pytest.raises(InputError, match="beyond the range of a number"):
        read_report((_FIGURE % number).encode(), "huge.json")


def test_the_largest_double_still_reads_and_renders() -> None:
    report = read_report((_FIGURE % "-1.7976931348623157e308").encode(), "max.json")
    assert report.figures[0].value == -1.7976931348623157e308
    assert _render_pdf(report, "modern").startswith(b"%PDF")


# --- xlsx: an XML-invalid character in a unit -------------------------------------------

@pytest.mark.parametrize("unit", ["\ufffe", "亿元\uffff"])
def test_xlsx_unit_with_an_xml_invalid_character_renders(unit: str) -> None:
    """Was: ValueError from lxml while writing styles.xml: the unit went verbatim into a
    number format (``#,##0"\ufffe"``); only C0 controls were kept out of formats."""
    from openpyxl import load_workbook

    figure = Figure(id="f1", paragraph="p1", sentence="增长1", text="1", number="1",
                    value=1.0, unit=unit, base_value=1.0, base_unit=unit)
    report = Report(preamble=[Paragraph(id="p1", text="增长1")], figures=[figure])
    out = io.BytesIO()
    render("xlsx", report, load_theme("modern"), RenderOptions(), out)
    sheet = load_workbook(io.BytesIO(out.getvalue())).worksheets[0]
    assert sheet.max_row == 2
    assert all("\ufffe" not in (cell.number_format or "") and
               "\uffff" not in (cell.number_format or "") for cell in sheet[2])


@pytest.mark.parametrize("fmt", ["xlsx", "docx", "pdf"])
def test_a_ratio_beyond_a_double_in_percent_renders(fmt: str) -> None:
    """Was (xlsx, second run): OverflowError in ``_xlsx_cells.decimals``: an integer
    base value of 10**307 with base unit ``ratio`` is a double, but × 100 it is not."""
    figure = Figure(id="f1", paragraph="p1", sentence="增长1", text="1", number="1",
                    value=1.0, unit="%", base_value=10**307, base_unit="ratio")
    report = Report(preamble=[Paragraph(id="p1", text="增长1")], figures=[figure])
    out = io.BytesIO()
    render(fmt, report, load_theme("modern"), RenderOptions(full=True), out)
    assert out.getvalue()


# --- pdf: a headline figure card taller than a page --------------------------------------

@pytest.mark.parametrize("theme", ["modern", "official"])
def test_pdf_headline_card_with_a_long_figure_text_renders(theme: str) -> None:
    """Was: LayoutError (cell too large) or IndexError in reportlab's Table._splitCell
    from the headline panel: the card showed the figure's text uncut, so 300 characters
    made a quarter-width card taller than the page (the pdf target's most frequent crash,
    24 hits). Fixed by cutting the card value like its label (pdf.py headline_panel)."""
    figure = Figure(id="f1", paragraph="p1", sentence="投资5亿元", text="长" * 300,
                    number="5", value=5.0, unit="亿元", base_value=5e8, base_unit="元",
                    metric="投资", kind="amount")
    report = Report(preamble=[Paragraph(id="p1", text="投资5亿元")], figures=[figure])
    for full in (False, True):
        assert _render_pdf(report, theme, full=full).startswith(b"%PDF")


# --- pdf: a heading taller than a page ----------------------------------------------------

def test_pdf_heading_taller_than_a_page_renders() -> None:
    """Was a hang, found by the pdf target: a level-1 section titled with 800 CJK
    characters and no paragraph; the heading, kept with what follows, could never fit,
    so reportlab moved the pair from page to page forever. Fixed: a block taller than a
    third of the frame no longer keeps with the next one (pdf.py block)."""
    report = Report(sections=[Section(id="s1", label="一、", title="长" * 800, level=1)])
    assert _render_pdf(report, "official", full=False, limit=6).startswith(b"%PDF")


def test_pdf_heading_taller_than_two_pages_renders() -> None:
    """Was a hang, found by issue 18's long run (pdf target; shrunk to a level-8
    heading of 4,400 characters after a cover): the fix above let the block flow, but the
    parts of a split block took keep-with-next from the style again, so a tail still
    taller than a page was kept with what follows and moved from page to page forever.
    Parts now keep their block's."""
    report = Report(meta=Meta(organization="某市", date="6452", publisher="某市"),
                    sections=[Section(id="s1", label="", title="长" * 4400, level=8)])
    assert _render_pdf(report, "official", full=False, limit=10).startswith(b"%PDF")


# --- pdf: a table cell taller than a page -------------------------------------------------

def test_pdf_table_cell_taller_than_a_page_renders() -> None:
    """Was IndexError/LayoutError, found by the reader-json target (a figure with an
    835-character metric): TextBlock.split answered [self] to reportlab's table splitter,
    and a row taller than a page cannot be laid out. Fixed: split answers [] when no split
    is needed, and the cells are clipped with … (selection.clip; the workbook keeps the
    whole text)."""
    failures = []
    for theme in ("modern", "official"):
        for field in ("text", "base_unit", "metric"):
            for length in (1000, 2000, 3000, 6000):
                figure = Figure(id="f1", paragraph="s1.p1", sentence="增长5%", text="5%",
                                number="5", value=5.0, unit="%", base_value=0.05,
                                base_unit="ratio", section="s1")
                setattr(figure, field, "长" * length)
                report = Report(sections=[Section(
                    id="s1", label="一、", title="标题", level=1,
                    paragraphs=[Paragraph(id="s1.p1", text="增长5%")])], figures=[figure])
                try:
                    _render_pdf(report, theme)
                except Exception as exc:  # noqa: BLE001 — collect every crash, then report
                    failures.append(f"{theme} {field}×{length}: {type(exc).__name__}")
    assert not failures, failures


# --- pdf: a summary-table label of thousands of letters (issue 18's fuzz run) -------------

@pytest.mark.parametrize("metric", ["a" * 5000, "1" * 5000])
def test_pdf_summary_row_with_a_label_of_thousands_of_letters_renders(metric: str) -> None:
    """Was LayoutError, found by the reader-json target: a figure label of thousands of
    characters breaking only between letters made a summary-table row taller than a page,
    handed to reportlab's in-row splitting, which refused it. Fixed: the label cell is
    clipped like the value cell, and a row still taller than a page is split by the
    table itself."""
    figure = Figure(id="f1", paragraph="s1.p1", sentence="增长5%", text="5%", number="5",
                    value=5.0, unit="%", base_value=0.05, base_unit="ratio", section="s1",
                    metric=metric)
    report = Report(sections=[Section(id="s1", label="一、", title="标题", level=1,
                                      paragraphs=[Paragraph(id="s1.p1", text="增长5%")])],
                    figures=[figure])
    for theme in ("official", "modern"):
        for full in (False, True):
            assert _render_pdf(report, theme, full=full).startswith(b"%PDF")


def test_a_table_row_taller_than_a_page_is_split_inside_and_keeps_its_text(
        tmp_path: Path) -> None:
    """A valid theme with a 36 pt table font on A5 makes even a clipped row taller than
    a page: the table splits the row itself over pages, and each character past what the
    headline card shows is drawn once."""
    from pypdf import PdfReader

    text = (THEMES / "modern.toml").read_text(encoding="utf-8")
    text = text.replace('size = "A4"', 'size = "A5"').replace(
        '[roles.table_body]\nsize = "9pt"', '[roles.table_body]\nsize = "36pt"')
    path = tmp_path / "big.toml"
    path.write_text(text, encoding="utf-8")
    label = "".join(chr(0x9F00 + i) for i in range(100))  # rare: in no heading or caption
    figure = Figure(id="f1", paragraph="p1", sentence="增长5%", text="5%", number="5",
                    value=5.0, unit="%", base_value=0.05, base_unit="ratio", metric=label)
    report = Report(preamble=[Paragraph(id="p1", text="增长5%")], figures=[figure])
    out = io.BytesIO()
    with _time_limit(20):
        render("pdf", report, load_theme(str(path)), RenderOptions(full=True), out)
    pages = PdfReader(io.BytesIO(out.getvalue())).pages
    drawn = "".join(page.extract_text() or "" for page in pages)
    # the headline card shows the label's start cut short; the table shows all of it once
    assert [drawn.count(ch) for ch in label[-50:]] == [1] * 50
    assert sum(any(ch in (page.extract_text() or "") for ch in label[-50:]) for page in pages) > 1


# --- reader-json / xlsx: a heading tree 256+ deep (issue 18's fuzz run) -------------------

def _nested(depth: int) -> bytes:
    return (b'{"meta": {}, "sections": ['
            + b"".join(b'{"id": "s%d", "label": "", "title": "t", "level": 2, "sections": [' % i
                       for i in range(depth))
            + b"]}" * depth + b"]}")


def test_a_heading_tree_past_the_schema_depth_is_refused() -> None:
    """Was: 300 levels passed the schema, then the workbook failed (ValueError: an
    outline indent over 255); every model the schema accepts must render."""
    with pytest.raises(InputError, match=r"\$\.sections\[0\]: its heading tree nests too deeply"):
        read_report(_nested(300), "deep.json")


def test_the_deepest_heading_tree_the_schema_accepts_renders() -> None:
    from openpyxl import load_workbook

    report = read_report(_nested(100), "deep.json")
    out = io.BytesIO()
    render("xlsx", report, load_theme("modern"), RenderOptions(full=True), out)
    load_workbook(io.BytesIO(out.getvalue()))
    assert _render_pdf(report, "modern").startswith(b"%PDF")


# --- pdf: a block split over many pages (issue 18's growth bench) -------------------------

def test_pdf_block_split_over_many_pages_costs_linear_time() -> None:
    """Was quadratic, measured by bench/bench_growth.py (a title of 0.5 / 1 / 2 million
    characters, the full PDF: 0.57 / 1.56 / 5.65 s of CPU): each split rebased the lines
    and keep spans of the whole rest of the block. Parts now view their source's lines.
    Four times the text may cost at most six times the CPU (quadratic was over 8)."""
    import time

    def cpu(size: int) -> float:
        report = Report(meta=Meta(title="长" * size))
        started = time.process_time()
        _render_pdf(report, "modern", limit=60)
        return time.process_time() - started

    cpu(1000)  # fonts and caches warm
    assert cpu(400_000) < 6 * cpu(100_000)
