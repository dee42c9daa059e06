"""``exporter build``: read each report once, render the asked formats, write them whole.

Many reports run in ``--jobs`` worker processes; each report is built independently, so
the files are byte-identical whatever the number of jobs, and one report's failure is
reported without stopping the others. When a core would otherwise sit idle (one report, or
``--jobs 1``), a large report's figures are extracted in two processes, and the formats
are shared with a forked child: forked before the report is read, it imports renderers
meanwhile, receives the model over a pipe, takes formats in turn with this process, sends
back only its warnings or error, and never prints.
"""

from __future__ import annotations

import gc
import importlib
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from ._data import sample_report
from ._files import check_out_dir, write_atomic
from ._inputs import Source, walk_folder
from ._parallel import Forked, WorkQueue, can_fork, spare_cores
from .errors import ExporterError, InputError
from .fonts import require_font_file
from .model import Report
from .readers import read_report
from .renderers import DEFAULT_THEMES, FORMATS, RenderOptions, render
from .theme import load_theme

#: How a build shared with a forked child splits the formats: this process renders the
#: first one asked for, the child the last, and those between go to whichever process is
#: free first. The PDF takes the longest and reportlab is the slowest library to load, so
#: the child, which loads renderers while this process reads, renders it.
_PARENT_ORDER = ("docx", "xlsx", "pdf")

Echo = Callable[[str], None]


@dataclass(frozen=True)
class BuildRequest:
    """Everything ``exporter build`` was asked to do."""

    inputs: tuple[Path | Source, ...]
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

    source: Source
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


def expand_inputs(inputs: tuple[Path | Source, ...], out_dir: Path | None = None,
                  warn: Echo | None = None) -> list[Source]:
    """The reports to build: sources as given, folders walked recursively for every
    supported format (never into ``out_dir``; each skipped file named through ``warn``)."""
    if not inputs:
        sample = sample_report()
        return [Source(sample.name, sample.name, path=sample)]
    found: list[Source] = []
    for item in inputs:
        if isinstance(item, Source):
            found.append(item)
        elif item.is_dir():
            found.extend(walk_folder(item, out_dir, warn or (lambda _: None)))
        else:
            found.append(Source(str(item), item.name, path=item))
    return found


def build_one(path: Path | Source, request: BuildRequest, split: bool = False) -> BuildResult:
    """Build every asked format of one report; errors are caught into the result.

    With ``split`` (a core to spare and ``fork`` available) a forked child shares the
    work: it loads renderers while this process reads the report, then the two take
    formats in turn (see :data:`_PARENT_ORDER`). The files are the same bytes either way.
    """
    with _cycle_collector_paused():
        return _build_one(path, request, split)


@contextmanager
def _cycle_collector_paused() -> Iterator[None]:
    """Run one report's build without Python's cycle collector. A build allocates
    millions of objects that live until it ends (the model, every laid-out line), and
    each automatic collection walks them all again: a quarter of a large build's time.
    The cycles an earlier build left are collected first (a few milliseconds), so builds
    in a row, in a batch or a library loop, do not pile them up; the end of the process
    takes those of the last."""
    if not gc.isenabled():
        yield
        return
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _build_one(path: Path | Source, request: BuildRequest, split: bool) -> BuildResult:
    source = path if isinstance(path, Source) else Source(str(path), path.name, path=path)
    result = BuildResult(source=source)
    started = time.perf_counter()
    warnings: dict[str, list[str]] = {}
    try:
        formats = parse_formats(request.formats)
        options = RenderOptions(full=request.full, source_date_epoch=request.source_date_epoch,
                                font_files=request.font_files, font_cache=request.font_cache,
                                tool_version=request.tool_version)
        stem = source.stem
        targets = {fmt: request.out_dir / f"{stem}.{fmt}" for fmt in formats}
        warnings.update((fmt, []) for fmt in formats)

        def write(fmt: str, report: Report, spare_core: bool) -> list[str]:
            theme = load_theme(request.theme or DEFAULT_THEMES[fmt])
            opts = replace(options, warn=warnings[fmt].append, spare_core=spare_core)
            write_atomic(targets[fmt], lambda out: render(fmt, report, theme, opts, out))
            return warnings[fmt]

        def read() -> Report:
            return read_report(source.read(request.max_input), source.label,
                               workers=2 if split else 1, source_format=source.source_format,
                               charset=source.charset, source_name=source.name,
                               require_content=True)

        if split and len(formats) > 1:
            report, done = _share_formats(formats, read, write, request)
            warnings.update(done)
        else:
            report = read()
            for fmt in formats:  # with one report, a spare core is the renderer's to use
                write(fmt, report, split)
        result.written = list(targets.values())
    except ExporterError as exc:
        result.error = str(exc)
        return result
    finally:
        result.warnings = [line for lines in warnings.values() for line in lines]
    sections = sum(1 for _ in report.walk())
    seconds = time.perf_counter() - started
    result.summary = (f"{source.name}: {sections} sections, {len(report.figures)} figures, "
                      f"{seconds:.2f} s")
    return result


def _share_formats(formats: tuple[str, ...], read: Callable[[], Report],
                   write: Callable[[str, Report, bool], list[str]],
                   request: BuildRequest) -> tuple[Report, dict[str, list[str]]]:
    """Read the report here while a forked child loads renderers, then render the formats
    between the two processes: this one starts with the first format of
    :data:`_PARENT_ORDER`, the child with the last, and the formats between go to
    whichever is free first. Both cores are taken, so no renderer forks a helper of its own
    (handing the PDF's page finishing the core the parent frees was measured: 0.15 s
    faster at 100x, 70 MB more at its peak). Returns the report and the child's warnings
    by format."""
    order = [fmt for fmt in _PARENT_ORDER if fmt in formats]
    mine, theirs, shared = order[0], order[-1], order[1:-1]
    queue = WorkQueue(len(shared))

    def child_work(report: Report) -> dict[str, list[str]]:
        done = {theirs: list(write(theirs, report, False))}
        done.update((shared[i], list(write(shared[i], report, False)))
                    for i in iter(queue.take, None))
        return done

    try:
        child = Forked.start(lambda: _preload(theirs, request), child_work)
        try:
            report = read()
            child.send(report)
            write(mine, report, False)
            for index in iter(queue.take, None):
                write(shared[index], report, False)
        except BaseException:
            child.cancel()  # this process's failure is the one reported
            raise
        return report, child.wait()
    finally:
        queue.close()


def _preload(fmt: str, request: BuildRequest) -> None:
    """Import the renderer of ``fmt`` and load its theme: work a forked child does while
    the parent is still reading the report (only for the format it is sure to render:
    on a small report the parent is done reading long before an import would be)."""
    importlib.import_module(f"{render.__module__}.{fmt}")
    load_theme(request.theme or DEFAULT_THEMES[fmt])


def _results(paths: list[Source], request: BuildRequest) -> Iterator[BuildResult]:
    """Results in input order, from worker processes when ``--jobs`` asks for them; one
    report at a time splits its formats over two processes when a core is free."""
    if request.jobs <= 1 or len(paths) <= 1:
        split = spare_cores() > 0 and can_fork()
        for path in paths:
            yield build_one(path, request, split)
        return
    from concurrent.futures import ProcessPoolExecutor

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
    for font in request.font_files:
        require_font_file(font)
    check_out_dir(request.out_dir)
    paths = expand_inputs(request.inputs, request.out_dir, warn)
    if not paths:
        raise InputError("no reports found (.txt, .html, .docx, .pdf or .json)",
                         source=", ".join(str(getattr(i, "label", i)) for i in request.inputs))
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
