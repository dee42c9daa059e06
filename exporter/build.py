"""``exporter build``: read each report once, render the asked formats, write them whole.

Many reports run in ``--jobs`` worker processes; each report is built independently, so
the files are byte-identical whatever the number of jobs, and one report's failure is
reported without stopping the others.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from ._data import sample_report
from ._files import check_out_dir, output_stem, read_input, write_atomic
from .errors import ExporterError, InputError
from .readers import read_report
from .renderers import DEFAULT_THEMES, FORMATS, RenderOptions, render
from .theme import load_theme

Echo = Callable[[str], None]


@dataclass(frozen=True)
class BuildRequest:
    """Everything ``exporter build`` was asked to do."""

    inputs: tuple[Path, ...]
    out_dir: Path
    formats: str = "docx,pdf,xlsx"
    theme: str | None = None
    full: bool = False
    font_files: tuple[Path, ...] = ()
    jobs: int = 1
    source_date_epoch: int | None = None
    max_input: int = 50 * 2**20
    tool_version: str = ""
    font_cache: Path | None = None


@dataclass
class BuildResult:
    """What building one report gave: the files written or the error, and warnings."""

    source: Path
    written: list[Path] = field(default_factory=list)
    summary: str = ""
    error: str | None = None
    warnings: list[str] = field(default_factory=list)


def parse_formats(spec: str) -> tuple[str, ...]:
    """``"docx,pdf"`` → ``("docx", "pdf")`` in canonical order; unknown names are an error."""
    asked = [part.strip().lower() for part in spec.split(",") if part.strip()]
    unknown = [part for part in asked if part not in FORMATS]
    if unknown or not asked:
        raise InputError(f"unknown format {unknown[0]!r} (choose from {', '.join(FORMATS)})"
                         if unknown else "no format given", source="--format")
    return tuple(fmt for fmt in FORMATS if fmt in asked)


def expand_inputs(inputs: tuple[Path, ...]) -> list[Path]:
    """The report files named, with folders expanded to their .txt and .json files."""
    if not inputs:
        return [sample_report()]
    found: list[Path] = []
    for path in inputs:
        if path.is_dir():
            found.extend(sorted(p for p in path.iterdir()
                                if p.is_file() and p.suffix.lower() in (".txt", ".json")))
        else:
            found.append(path)
    return found


def build_one(path: Path, request: BuildRequest) -> BuildResult:
    """Build every asked format of one report; errors are caught into the result."""
    result = BuildResult(source=path)
    started = time.perf_counter()
    try:
        formats = parse_formats(request.formats)
        report = read_report(read_input(path, request.max_input), str(path))
        options = RenderOptions(full=request.full, source_date_epoch=request.source_date_epoch,
                                font_files=request.font_files, font_cache=request.font_cache,
                                warn=result.warnings.append, tool_version=request.tool_version)
        stem = output_stem(path)
        for fmt in formats:
            theme = load_theme(request.theme or DEFAULT_THEMES[fmt])
            target = request.out_dir / f"{stem}.{fmt}"
            write_atomic(target, lambda out, fmt=fmt, theme=theme: render(
                fmt, report, theme, options, out))
            result.written.append(target)
    except ExporterError as exc:
        result.error = str(exc)
        return result
    sections = sum(1 for _ in report.walk())
    seconds = time.perf_counter() - started
    result.summary = (f"{path.name}: {sections} sections, {len(report.figures)} figures, "
                      f"{seconds:.2f} s")
    return result


def _results(paths: list[Path], request: BuildRequest) -> Iterator[BuildResult]:
    if request.jobs <= 1 or len(paths) <= 1:
        for path in paths:
            yield build_one(path, request)
        return
    with ProcessPoolExecutor(max_workers=min(request.jobs, len(paths))) as pool:
        yield from pool.map(build_one, paths, [request] * len(paths))


Track = Callable[[Iterator[BuildResult], int], Iterator[BuildResult]]


def run_build(request: BuildRequest, echo: Echo | None, warn: Echo, error: Echo,
              track: Track | None = None) -> int:
    """Build every input; return the exit status (0, or 2 when any report failed).

    ``track`` wraps the stream of results (the CLI's progress bar) when many reports run.
    """
    for fmt in parse_formats(request.formats):
        load_theme(request.theme or DEFAULT_THEMES[fmt])
    check_out_dir(request.out_dir)
    paths = expand_inputs(request.inputs)
    if not paths:
        raise InputError("no .txt or .json reports found", source=", ".join(map(str, request.inputs)))
    failed = 0
    seen_warnings: set[str] = set()
    results = _results(paths, request)
    if track is not None and len(paths) > 1:
        results = track(results, len(paths))
    for result in results:
        for line in result.warnings:
            if line not in seen_warnings:
                seen_warnings.add(line)
                warn(line)
        if result.error is not None:
            error(result.error)
            failed += 1
            continue
        if echo:
            for target in result.written:
                echo(str(target))
            echo(result.summary)
    return 2 if failed else 0
