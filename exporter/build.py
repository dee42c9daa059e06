"""``exporter build``: read each report once, render the asked formats, write them whole.

This module (with ``check`` and ``cli``) is the application layer: it alone decides about
processes, in one place, :func:`plan_processes`, and hands the library at most a
``map``-like callable (:mod:`exporter.mapper`). Many reports run in ``--jobs`` worker
processes; each report is built independently, so the files are byte-identical whatever
the number of jobs, and one report's failure (a worker that dies included) is reported
without stopping the others. One report at a time follows a :class:`ProcessPlan`. A
report's files are written beside their targets and renamed into place together
(:func:`commit_set`), stamped with one build digest (:func:`stamped_version`); an
interrupt kills every process the build started and sweeps their partial files.
"""

from __future__ import annotations

import gc
import hashlib
import importlib
import multiprocessing
import os
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field, replace
from pathlib import Path

from ._files import (
    DEFAULT_MAX_INPUT,
    check_out_dir,
    commit,
    output_stem,
    partial_name,
    read_input,
    remove_partials,
    write_partial,
)
from ._parallel import (
    Forked,
    WorkQueue,
    can_fork,
    die_with_parent,
    fork_map,
    shared_items_map,
    spare_cores,
    usable_cores,
)
from .batch import Planned, Tally, find_reports, make_folders, plan_outputs, record_manifest
from .errors import ExporterError, InputError
from .figures.indicators import load_catalogue
from .mapper import Mapper
from .model import Report
from .readers import read_report
from .renderers import DEFAULT_THEMES, FORMATS, RenderOptions, render
from .renderers.pdf.fonts import require_font_file
from .theme import load_theme

#: How a build shared with a forked child splits the formats: this process renders the
#: first one asked for, the child the last, and those between go to whichever process is
#: free first. The PDF takes the longest and reportlab is the slowest library to load, so
#: the child, which loads renderers while this process reads, renders it.
_PARENT_ORDER = ("docx", "xlsx", "pdf")
#: What precedes a build's stamp in the documents' creator field (see
#: :func:`stamped_version`).
SET_STAMP = "set "

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
    max_input: int = DEFAULT_MAX_INPUT
    tool_version: str = ""
    font_cache: Path | None = None
    indicators: Path | None = None
    #: A Dask scheduler address (or ``local``) to build on instead of local processes.
    scheduler: str | None = None


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
                         if unknown else "no format given")
    return tuple(fmt for fmt in FORMATS if fmt in asked)


@dataclass(frozen=True)
class ProcessPlan:
    """What one report's build does with processes. The files are the same bytes
    whatever the plan; only the time differs."""

    #: Python's cycle collector is paused during the build (:func:`collector_paused`).
    pause_collector: bool = True
    #: The formats are shared with a forked child (:func:`share_formats`).
    share_formats: bool = False
    #: Shares a large report's figure extraction.
    figures: Mapper | None = None
    #: Shares a long PDF's page finishing when the PDF is the only format.
    pages: Mapper | None = None


def plan_processes(jobs: int, reports: int) -> ProcessPlan:
    """The plan for each report of a build: with one report at a time (``--jobs 1`` or
    a single input) and a core to spare, a forked child shares the work."""
    if jobs > 1 and reports > 1:  # the worker processes take every core
        return ProcessPlan()
    spare = spare_cores() > 0 and can_fork()
    return ProcessPlan(share_formats=spare, figures=fork_map if spare else None,
                       pages=shared_items_map if spare else None)


def build_one(path: Path, request: BuildRequest, plan: ProcessPlan = ProcessPlan()) -> BuildResult:
    """Build every asked format of one report following ``plan``; errors are caught into
    the result."""
    if not plan.pause_collector:
        return _build_one(path, request, plan)
    with collector_paused():
        return _build_one(path, request, plan)


@contextmanager
def collector_paused() -> Iterator[None]:
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


def _build_one(path: Path, request: BuildRequest, plan: ProcessPlan) -> BuildResult:
    result = BuildResult(source=path)
    started = time.perf_counter()
    warnings: dict[str, list[str]] = {"read": []}
    staged: dict[str, Path] = {}
    try:
        formats = parse_formats(request.formats)
        data = read_input(path, request.max_input)
        options = RenderOptions(full=request.full, source_date_epoch=request.source_date_epoch,
                                font_files=request.font_files, font_cache=request.font_cache,
                                tool_version=stamped_version(request, data))
        stem = output_stem(path)
        targets = {fmt: request.out_dir / f"{stem}.{fmt}" for fmt in formats}
        tag = str(os.getpid())  # the forked child writes under its parent's tag
        staged.update((fmt, partial_name(targets[fmt], f"{tag}-{fmt}")) for fmt in formats)
        warnings.update((fmt, []) for fmt in formats)

        def write(fmt: str, report: Report, pages: Mapper | None = None) -> list[str]:
            theme = load_theme(request.theme or DEFAULT_THEMES[fmt])
            opts = replace(options, warn=warnings[fmt].append, mapper=pages)
            write_partial(targets[fmt], f"{tag}-{fmt}",
                          lambda out: render(fmt, report, theme, opts, out))
            return warnings[fmt]

        def read() -> Report:
            return read_report(data, str(path), mapper=plan.figures,
                               indicators=load_catalogue(request.indicators),
                               warn=warnings["read"].append)

        if plan.share_formats and len(formats) > 1:
            report, done = share_formats(formats, read, write, request)
            warnings.update(done)
        else:
            report = read()
            for fmt in formats:  # the PDF alone may share its page finishing
                write(fmt, report, plan.pages if len(formats) == 1 else None)
        commit_set(staged, targets)
        result.written = list(targets.values())
    except ExporterError as exc:
        result.error = str(exc)
        return result
    finally:
        for temp in staged.values():  # nothing half-done stays, whatever stopped the build
            temp.unlink(missing_ok=True)
        result.warnings = [line for lines in warnings.values() for line in lines]
    sections = sum(1 for _ in report.walk())
    seconds = time.perf_counter() - started
    result.summary = (f"{path.name}: {sections} sections, {len(report.figures)} figures, "
                      f"{seconds:.2f} s")
    return result


def stamped_version(request: BuildRequest, data: bytes) -> str:
    """The tool's version as the documents record it, with the stamp of this build: a
    digest of the input and every option that shapes the outputs. The three files of one
    build carry the same stamp, so ``exporter check`` can tell a mixed set (a DOCX of one
    build beside a PDF of another); the same input and options give the same stamp."""
    digest = hashlib.sha256(data)
    digest.update(repr((request.full, request.theme, [str(f) for f in request.font_files],
                        str(request.indicators), request.source_date_epoch,
                        request.tool_version)).encode())
    return f"{request.tool_version} {SET_STAMP}{digest.hexdigest()[:16]}".strip()


def commit_set(staged: dict[str, Path], targets: dict[str, Path]) -> None:
    """Rename a report's written files into place together, only once all were written:
    a format that failed to render leaves the previous set whole. Should a rename fail
    (a folder or an immutable file in the way), the whole set is removed, old files and
    new, so that no mixed set looks current; the error names the target."""
    try:
        for fmt, temp in staged.items():
            commit(temp, targets[fmt])
    except BaseException:
        for target in targets.values():
            if target.is_file() or target.is_symlink():
                with suppress(OSError):
                    target.unlink()
        raise


def share_formats(formats: tuple[str, ...], read: Callable[[], Report],
                  write: Callable[[str, Report], list[str]],
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
        done = {theirs: list(write(theirs, report))}
        done.update((shared[i], list(write(shared[i], report)))
                    for i in iter(queue.take, None))
        return done

    try:
        child = Forked.start(lambda: _preload(theirs, request), child_work)
        try:
            report = read()
            child.send(report)
            write(mine, report)
            for index in iter(queue.take, None):
                write(shared[index], report)
        except BaseException:
            child.kill()  # this process's failure is the one reported
            raise
        return report, child.wait()
    finally:
        queue.close()


def _preload(fmt: str, request: BuildRequest) -> None:
    """Import the renderer of ``fmt`` and load its theme: work a forked child does while
    the parent is still reading the report (only for the format it is sure to render:
    on a small report the parent is done reading long before an import would be)."""
    importlib.import_module(f"{render.__module__}.{fmt}.writer")
    load_theme(request.theme or DEFAULT_THEMES[fmt])


def _results(planned: list[Planned], request: BuildRequest) -> Iterator[BuildResult]:
    """Results in input order: from a Dask cluster when ``--scheduler`` asks for one, from
    worker processes when ``--jobs`` does, else one report at a time following
    :func:`plan_processes`."""
    paths = [item.source for item in planned]
    requests = [replace(request, out_dir=item.out_dir) for item in planned]
    if request.scheduler is not None:
        from .cluster import cluster_results

        yield from cluster_results(paths, requests, request.scheduler)
        return
    plan = plan_processes(request.jobs, len(paths))
    if request.jobs <= 1 or len(paths) <= 1:
        for path, one in zip(paths, requests):
            yield _guarded(path, one, plan, batch=len(paths) > 1)
        return
    yield from _pooled(paths, requests, min(request.jobs, len(paths), usable_cores()))


def _guarded(path: Path, request: BuildRequest, plan: ProcessPlan = ProcessPlan(),
             batch: bool = True) -> BuildResult:
    """:func:`build_one`; in a batch, an internal error (a bug) fails this report alone,
    reported in one line with its file, and the batch goes on."""
    if not batch:
        return build_one(path, request, plan)
    try:
        return build_one(path, request, plan)
    except Exception as exc:  # noqa: BLE001 - one report's bug must not stop a batch
        return BuildResult(source=path, error=f"{path}: internal error: "
                                              f"{type(exc).__name__}: {exc}")


def _pooled(paths: list[Path], requests: list[BuildRequest],
            workers: int) -> Iterator[BuildResult]:
    """Results in input order from ``workers`` processes. A report that kills its worker
    (a crash, the memory killer) breaks the pool: the reports then unfinished are built
    again, those that were in flight (the first ``2 × workers + 1``, the pool's queue)
    each alone so the one that crashed is found and reported, the rest in a new pool."""
    from concurrent.futures.process import BrokenProcessPool

    todo = list(range(len(paths)))
    while todo:
        rest: list[int] = []
        with _pool(workers) as pool:
            futures = [pool.submit(_guarded, paths[i], requests[i]) for i in todo]
            for at, future in enumerate(futures):
                try:
                    result = future.result()
                except BrokenProcessPool:
                    rest = todo[at:]
                    break
                yield result
        suspects, todo = rest[:2 * workers + 1], rest[2 * workers + 1:]
        for index in suspects:
            yield _alone(paths[index], requests[index])


def _alone(path: Path, request: BuildRequest) -> BuildResult:
    """One report in a worker of its own: its crash is reported, not raised."""
    from concurrent.futures.process import BrokenProcessPool

    try:
        with _pool(1) as pool:
            return pool.submit(_guarded, path, request).result()
    except BrokenProcessPool:
        return BuildResult(source=path, error=f"{path}: the worker process building it "
                                              "died (a crash, or out of memory)")
    finally:  # a dead worker's temporary files (in the pool or here) go
        stem = output_stem(path)
        for fmt in parse_formats(request.formats):
            remove_partials(request.out_dir / f"{stem}.{fmt}")


@contextmanager
def _pool(workers: int) -> Iterator[ProcessPoolExecutor]:
    """A pool of worker processes that die with this one; on an interrupt (or any
    failure here) its workers are killed at once rather than waited for."""
    pool = ProcessPoolExecutor(max_workers=workers, initializer=die_with_parent)
    try:
        yield pool
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        for child in multiprocessing.active_children():
            child.kill()
        raise
    finally:
        pool.shutdown(wait=True)


Track = Callable[[Iterator[BuildResult], int], Iterator[BuildResult]]


def run_build(request: BuildRequest, echo: Echo | None, warn: Echo, error: Echo,
              track: Track | None = None, summary: Echo | None = None) -> int:
    """Build every input; return the exit status (0, or 2 when any report failed).

    ``track`` wraps the stream of results (the CLI's progress bar) when many reports run;
    ``summary`` receives the closing line (built, failed, skipped, time).
    """
    for fmt in parse_formats(request.formats):
        load_theme(request.theme or DEFAULT_THEMES[fmt])
    for font in request.font_files:
        require_font_file(font)
    found = find_reports(request.inputs)
    if not found.files:
        raise InputError("no .txt or .json reports found", source=", ".join(map(str, request.inputs)))
    planned = plan_outputs(found, request.out_dir, parse_formats(request.formats))
    check_out_dir(request.out_dir)
    make_folders(planned)
    tally = Tally(len(planned), skipped=found.skipped)
    seen_warnings: set[str] = set()
    results = _results(planned, request)
    if track is not None and len(planned) > 1:
        results = track(results, len(planned))
        echo = None  # the bar stands for the per-report lines; the summary follows it
    built: list[tuple[Path, list[Path]]] = []
    try:
        for result in _interruptible(results, planned, request):
            for line in result.warnings:
                if line not in seen_warnings:
                    seen_warnings.add(line)
                    warn(line)
            _count(result, tally, built, error)
            if echo and result.error is None:
                for target in result.written:
                    echo(str(target))
                echo(result.summary)
    finally:
        if len(planned) > 1 or any(item.out_dir != request.out_dir for item in planned):
            record_manifest(request.out_dir, built)
    if summary is not None and len(planned) > 1:
        summary(tally.line())
    return 2 if tally.failed else 0


def _interruptible(results: Iterator[BuildResult], planned: list[Planned],
                   request: BuildRequest) -> Iterator[BuildResult]:
    """The results; on an interrupt (SIGINT, SIGTERM) every process the build started is
    stopped (the pool's workers and forked children kill themselves with their parent's
    cleanup) and no temporary file of any planned output is left."""
    try:
        yield from results
    except BaseException:
        for child in multiprocessing.active_children():
            child.kill()
        formats = parse_formats(request.formats)
        for item in planned:
            for target in item.targets(formats):
                remove_partials(target)
        raise


def _count(result: BuildResult, tally: Tally, built: list[tuple[Path, list[Path]]],
           error: Echo) -> None:
    """Count one result into ``tally`` and ``built``; print its error."""
    if result.error is not None:
        error(result.error)
        tally.failed += 1
    else:
        tally.built += 1
        built.append((result.source, result.written))
