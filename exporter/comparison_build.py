"""``exporter compare``: read many reports, line their indicators up, write the comparison.

The application side of :mod:`exporter.compare`: finds the reports (files and folders,
recursively), reads them here, in ``--jobs`` worker processes or on a Dask cluster,
reports each failure in one line while the others go on, and writes ``comparison.xlsx``,
``.csv``, ``.jsonl`` and ``.pdf`` atomically into ``--out`` (never over an input).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ._files import check_out_dir, read_input, write_atomic
from ._inputs import expand_inputs
from .batch import Tally
from .compare import Comparison, ReportSummary, compare_reports, figure_rows
from .errors import ExporterError, InputError
from .readers import read_report
from .renderers import RenderOptions
from .theme import load_theme

Echo = Callable[[str], None]
#: The files a comparison writes, by suffix.
OUTPUT_NAME = "comparison"
SUFFIXES = ("xlsx", "csv", "jsonl", "pdf")
#: A worksheet's limits: the pivot has a column per report, the Figures sheet a row per figure.
EXCEL_COLUMNS, EXCEL_ROWS = 16_384, 1_048_576


@dataclass(frozen=True)
class CompareRequest:
    """Everything ``exporter compare`` was asked to do."""

    inputs: tuple[Path, ...]
    out_dir: Path
    theme: str = "modern"
    jobs: int = 1
    scheduler: str | None = None
    source_date_epoch: int | None = None
    max_input: int = 50 * 2**20
    tool_version: str = ""
    font_files: tuple[Path, ...] = ()
    font_cache: Path | None = None


def summarise(path: Path, max_input: int) -> ReportSummary | str:
    """One report's figure table, or its error line (in a worker process or here)."""
    try:
        data = read_input(path, max_input)
        return ReportSummary.of(read_report(data, str(path)), str(path), data)
    except ExporterError as exc:
        return str(exc)


def _summaries(paths: list[Path], request: CompareRequest) -> Iterator[tuple[Path, ReportSummary | str]]:
    if request.scheduler is not None:
        from .cluster import cluster_summaries

        yield from cluster_summaries(paths, request.max_input, request.scheduler)
        return
    if request.jobs <= 1 or len(paths) <= 1:
        for path in paths:
            yield path, summarise(path, request.max_input)
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=min(request.jobs, len(paths))) as pool:
        yield from zip(paths, pool.map(summarise, paths, [request.max_input] * len(paths)))


def write_comparison(comparison: Comparison, request: CompareRequest) -> list[Path]:
    """Write the four comparison files atomically into ``request.out_dir``."""
    from .renderers import comparison_text
    from .renderers.pdf import comparison as comparison_pdf
    from .renderers.xlsx import comparison as comparison_xlsx

    options = RenderOptions(source_date_epoch=request.source_date_epoch,
                            font_files=request.font_files, font_cache=request.font_cache,
                            tool_version=request.tool_version)
    theme = load_theme(request.theme)
    writers: dict[str, Callable[[BinaryIO], None]] = {
        "xlsx": lambda out: comparison_xlsx.render(comparison, theme, options, out),
        "csv": lambda out: comparison_text.render_csv(comparison, out),
        "jsonl": lambda out: comparison_text.render_jsonl(comparison, out),
        "pdf": lambda out: comparison_pdf.render(comparison, theme, options, out),
    }
    written = []
    for suffix in SUFFIXES:
        target = request.out_dir / f"{OUTPUT_NAME}.{suffix}"
        write_atomic(target, writers[suffix])
        written.append(target)
    return written


def run_compare(request: CompareRequest, echo: Echo | None, error: Echo,
                summary: Echo | None = None) -> int:
    """Compare every report found; return the exit status (2 when any report failed)."""
    load_theme(request.theme)
    skipped: list[str] = []
    sources = expand_inputs(request.inputs, request.out_dir, skipped.append)
    paths = [source.path for source in sources if source.path is not None]
    if not paths:
        raise InputError("no reports found (.txt, .html, .docx, .pdf or .json)",
                         source=", ".join(map(str, request.inputs)))
    inputs = {path.resolve() for path in paths}
    for suffix in SUFFIXES:
        target = (request.out_dir / f"{OUTPUT_NAME}.{suffix}").resolve()
        if target in inputs:
            raise InputError(f"the output {target} would replace this input; choose another "
                             "--out", source=str(target))
    check_out_dir(request.out_dir)
    tally = Tally(len(paths), skipped=len(skipped))
    tables: list[ReportSummary] = []
    for path, outcome in _summaries(paths, request):
        if isinstance(outcome, str):
            error(outcome)
            tally.failed += 1
        else:
            tables.append(outcome)
            tally.built += 1
    if not tables:
        raise InputError("no report could be read", source=", ".join(map(str, request.inputs)))
    comparison = compare_reports(tables)
    if len(tables) >= EXCEL_COLUMNS - 8 or len(comparison.figures) >= EXCEL_ROWS:
        raise InputError(f"{len(tables):,} reports with {len(comparison.figures):,} figures "
                         "do not fit one workbook (16,384 columns, 1,048,576 rows): compare "
                         "fewer at a time", source=", ".join(map(str, request.inputs)))
    for target in write_comparison(comparison, request):
        if echo:
            echo(str(target))
    if summary is not None:
        summary(f"compared {len(tables)} reports: " + tally.line().replace(" built", " read", 1))
    return 2 if tally.failed else 0


def list_figures(paths: Sequence[Path], max_input: int) -> tuple[list[dict[str, object]], list[str]]:
    """The figure rows of many reports, each led by the report columns, in input order,
    with the error line of each report that could not be read."""
    tables: list[ReportSummary] = []
    errors: list[str] = []
    for path in paths:
        outcome = summarise(path, max_input)
        if isinstance(outcome, str):
            errors.append(outcome)
        else:
            tables.append(outcome)
    return figure_rows(tables), errors
