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
import json
import os
import string
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from ._files import (
    DEFAULT_MAX_INPUT,
    check_out_dir,
    commit,
    partial_name,
    read_input,
    remove_partials,
    write_atomic,
    write_partial,
)
from ._inputs import Source, expand_inputs
from ._parallel import (
    Flag,
    Forked,
    WorkQueue,
    can_fork,
    die_with_parent,
    fork_map,
    release_free_memory,
    resident_bytes,
    shared_items_map,
    spare_cores,
    usable_cores,
)
from ._stamp import stamped
from .batch import Planned, Tally, make_folders, plan_outputs, record_manifest
from .choice import ContentChoice, choose, headline
from .document import DocumentSettings
from .errors import ExporterError, InputError
from .figures.indicators import load_catalogue
from .mapper import Mapper
from .model import Report
from .readers import read_report
from .renderers import DEFAULT_THEMES, FORMATS, EmbeddedFont, RenderOptions, render
from .renderers.pdf.fonts import require_font_file
from .theme import Theme, load_theme

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

#: How a build shared with a forked child splits the formats: this process renders the
#: first one asked for, the child the last, and those between go to whichever process is
#: free first. The PDF takes the longest and reportlab is the slowest library to load, so
#: the child, which loads renderers while this process reads, renders it.
_PARENT_ORDER = ("docx", "xlsx", "pdf")

Echo = Callable[[str], None]


@dataclass(frozen=True)
class BuildRequest:
    """Everything ``exporter build`` was asked to do."""

    #: Reports (folders are walked) and sources already opened (stdin, URLs, files).
    inputs: tuple[Path | Source, ...]
    out_dir: Path
    #: Files the caller's own walk passed over, each with why: warned and counted here.
    skipped: tuple[str, ...] = ()
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
    #: The workbook's language for headers and codes; None: the theme's.
    language: str | None = None
    settings: DocumentSettings = field(default_factory=DocumentSettings)
    reference_doc: Path | None = None
    choice: ContentChoice = field(default_factory=ContentChoice)
    max_pages: int | None = None
    #: Embed in the DOCX subsets of the faces the PDF uses (--embed-fonts).
    embed_fonts: bool = False


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
    #: Shares a long PDF's page finishing: through this mapper when the PDF is the only
    #: format; with the formats shared, set or not says whether the PDF's child may fork
    #: a helper for it once this process is done (:func:`share_formats`).
    pages: Mapper | None = None


def plan_processes(jobs: int, reports: int) -> ProcessPlan:
    """The plan for each report of a build: with one report at a time (``--jobs 1`` or
    a single input) and a core to spare, a forked child shares the work."""
    if jobs > 1 and reports > 1:  # the worker processes take every core
        return ProcessPlan()
    spare = spare_cores() > 0 and can_fork()
    return ProcessPlan(share_formats=spare, figures=fork_map if spare else None,
                       pages=shared_items_map if spare else None)


def build_one(source: Source | Path, request: BuildRequest,
              plan: ProcessPlan = ProcessPlan()) -> BuildResult:
    """Build every asked format of one report (a file's path or an opened source)
    following ``plan``; errors are caught into the result."""
    if isinstance(source, Path):
        source = Source(str(source), source.name, path=source)
    if not plan.pause_collector:
        return _build_one(source, request, plan)
    with collector_paused():
        return _build_one(source, request, plan)


@contextmanager
def collector_paused(freeze: bool = True) -> Iterator[None]:
    """Run one report's build without Python's cycle collector. A build allocates
    millions of objects that live until it ends (the model, every laid-out line), and
    each automatic collection walks them all again: a quarter of a large build's time.
    The cycles an earlier build left are collected first (a few milliseconds), so builds
    in a row, in a batch or a library loop, do not pile them up; the end of the process
    takes those of the last. What survives that collection is the process's lasting state
    (modules, themes, fonts, caches): it is frozen (``gc.freeze``), so neither that
    collection in the next build nor any later one walks it again (in a batch worker that
    walk was a sixth of each report's time). Frozen objects are still freed when their
    last reference goes; only a cycle among them outlives its use. Hence ``freeze=False``
    in a process whose host keeps cyclic state of its own between builds (a Dask worker's
    task states and comms): there neither the full collection nor the freeze is made,
    the host's own collections go on, and the collector is only paused for the build."""
    if not gc.isenabled():
        yield
        return
    if freeze:
        gc.collect()
        gc.freeze()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


class ReportBuild:
    """One report's build: where its input and outputs are, how it reads and how it writes
    one format; the warnings each format gave. :func:`_build_one` and
    :func:`share_formats` decide who calls which."""

    def __init__(self, source: Source, request: BuildRequest, plan: ProcessPlan) -> None:
        self.source, self.request, self.plan = source, request, plan
        self.formats = parse_formats(request.formats)
        self.options = RenderOptions(
            full=request.full, source_date_epoch=request.source_date_epoch,
            font_files=request.font_files, font_cache=request.font_cache,
            tool_version=request.tool_version, language=request.language,
            settings=request.settings, reference_doc=_reference_data(request),
            choice=request.choice, max_pages=request.max_pages,
            indicator_names=load_catalogue(request.indicators).display_names())
        self.targets = {fmt: request.out_dir / f"{source.stem}.{fmt}" for fmt in self.formats}
        #: Where each format is written before the set is renamed into place together
        #: (:func:`commit_set`); a forked child writes under its parent's tag.
        self.tag = str(os.getpid())
        self.staged = {fmt: partial_name(target, f"{self.tag}-{fmt}")
                       for fmt, target in self.targets.items()}
        self.warnings: dict[str, list[str]] = {"read": [], **{fmt: [] for fmt in self.formats}}

    def read(self) -> Report:
        """The report, its figures extracted (shared per the plan), cut to the content
        chosen; an unknown pinned figure fails here, before any format is written."""
        choice = self.request.choice
        source = self.source
        data = source.read(self.request.max_input)
        whole = read_report(data, source.label, mapper=self.plan.figures,
                            indicators=load_catalogue(self.request.indicators),
                            source_format=source.source_format, charset=source.charset,
                            source_name=source.name, require_content=True,
                            warn=self.warnings["read"].append)
        self.stamp(stamped_version(self.request, whole.meta.source_sha256 or ""))
        report = choose(whole, choice)
        headline(report, choice)
        dropped = len(whole.figures) - len(report.figures)
        if dropped and not choice.sections:
            self.warnings.setdefault("model", []).append(
                f"{source.label}: {dropped} figure(s) name sections that are not in the heading "
                "tree; every output leaves them out")
        return report

    def stamp(self, version: str) -> None:
        """Record ``version`` (:func:`stamped_version`) as every output's creator."""
        self.options = replace(self.options, tool_version=version)

    def render(self, fmt: str, report: Report, out: BinaryIO,
               pages: Mapper | None = None) -> list[str]:
        """Render ``fmt`` into ``out``; the warnings it gave."""
        theme = load_theme(self.request.theme or DEFAULT_THEMES[fmt])
        options = replace(self.options, warn=self.warnings[fmt].append, mapper=pages)
        if fmt == "docx" and self.request.embed_fonts:
            options = replace(options, embedded_fonts=_docx_fonts(report, theme, self.request,
                                                                  options))
        render(fmt, report, theme, options, out)
        return self.warnings[fmt]

    def write(self, fmt: str, report: Report, pages: Mapper | None = None) -> list[str]:
        """Render ``fmt`` and write it whole to its staged file (renamed into place with
        the rest of the set by :func:`commit_set`); the warnings it gave."""
        def draw(out: BinaryIO) -> None:
            self.render(fmt, report, out, pages)

        write_partial(self.targets[fmt], f"{self.tag}-{fmt}", draw)
        return self.warnings[fmt]


def _build_one(source: Source, request: BuildRequest, plan: ProcessPlan) -> BuildResult:
    result = BuildResult(source=source)
    started = time.perf_counter()
    job: ReportBuild | None = None
    try:
        job = ReportBuild(source, request, plan)
        if plan.share_formats and len(job.formats) > 1:
            report = share_formats(job)
        else:
            report = job.read()
            for fmt in job.formats:  # the PDF alone may share its page finishing
                job.write(fmt, report, plan.pages if len(job.formats) == 1 else None)
        commit_set(job.staged, job.targets)
        result.written = list(job.targets.values())
    except ExporterError as exc:
        result.error = str(exc)
        return result
    finally:
        if job is not None:
            for temp in job.staged.values():  # nothing half-done stays, whatever stopped it
                temp.unlink(missing_ok=True)
            result.warnings = [line for lines in job.warnings.values() for line in lines]
    result.summary = summary_line(source.name, sum(1 for _ in report.walk()),
                                  len(report.figures), time.perf_counter() - started)
    return result


def summary_line(name: str, sections: int, figures: int, seconds: float) -> str:
    """A built report's line (``--jobs`` and the cluster alike)."""
    return f"{name}: {sections} sections, {figures} figures, {seconds:.2f} s"


def stamped_version(request: BuildRequest, input_sha256: str) -> str:
    """The tool's version as the documents record it, with the stamp of this build: a
    digest of the input (its SHA-256) and every option that shapes the outputs. The three
    files of one build carry the same stamp, so ``exporter check`` can tell a mixed set (a
    DOCX of one build beside a PDF of another); the same input and options give the same
    stamp."""
    digest = hashlib.sha256(input_sha256.encode())
    digest.update(repr((request.full, request.theme, [str(f) for f in request.font_files],
                        str(request.indicators), request.source_date_epoch,
                        request.tool_version, request.language, request.settings,
                        str(request.reference_doc), request.choice, request.max_pages,
                        request.embed_fonts)).encode())
    return stamped(request.tool_version, digest.hexdigest())


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


def write_set(targets: dict[str, Path], files: dict[str, bytes], tag: str) -> None:
    """Write a report's rendered files as one set, as a local build does: each staged
    whole (:func:`write_partial`), then all renamed into place by :func:`commit_set`;
    no staged file remains, whatever stopped it."""
    staged: dict[str, Path] = {}
    try:
        for fmt, data in files.items():
            staged[fmt] = write_partial(targets[fmt], f"{tag}-{fmt}",
                                        lambda out, data=data: out.write(data))  # type: ignore[misc]
        commit_set(staged, {fmt: targets[fmt] for fmt in files})
    finally:
        for temp in staged.values():
            temp.unlink(missing_ok=True)


def share_formats(job: ReportBuild) -> Report:
    """Read the report here while a forked child loads renderers, then render the formats
    between the two processes: this one starts with the first format of
    :data:`_PARENT_ORDER`, the child with the last, and the formats between go to
    whichever is free first. Both cores are taken until this process is done; then, if
    the plan shares pages, the child's PDF hands the rest of its page finishing to a
    helper it forks (:class:`Flag`, :func:`shared_map`) on the core this process leaves.
    The memory the first format freed is returned first (:func:`_trim_while`), so the
    three processes' summed peak stays below that of two before. Returns the report; the
    child's warnings join ``job.warnings``."""
    order = [fmt for fmt in _PARENT_ORDER if fmt in job.formats]
    mine, theirs, shared = order[0], order[-1], order[1:-1]
    queue = WorkQueue(len(shared))
    parent_done = Flag() if job.plan.pages is not None else None
    pages = partial(shared_items_map, core_free=parent_done) if parent_done else None

    def child_work(sent: tuple[Report, str]) -> dict[str, list[str]]:
        report, version = sent
        job.stamp(version)  # read here after the fork: the child records the same stamp
        done = {theirs: list(job.write(theirs, report, pages))}
        done.update((shared[i], list(job.write(shared[i], report, pages)))
                    for i in iter(queue.take, None))
        return done

    try:
        child = Forked.start(lambda: _preload(theirs, job.request), child_work)
        try:
            report = job.read()
            child.send((report, job.options.tool_version))
            resident = resident_bytes()
            job.write(mine, report)
            _trim_while(child, resident_bytes() - resident)
            for index in iter(queue.take, None):
                job.write(shared[index], report)
            if parent_done is not None:  # the child's PDF may now share its pages with a helper
                parent_done.raise_()
        except BaseException:
            child.kill()  # this process's failure is the one reported
            raise
        job.warnings.update(child.wait())
        return report
    finally:
        queue.close()
        if parent_done is not None:
            parent_done.close()


def _trim_while(child: Forked[Any], grown: int) -> None:
    """Return the memory the format just written freed (:func:`release_free_memory`)
    while ``child`` still renders, if writing it grew this process by ``grown`` bytes, at
    least :data:`_TRIM_FROM` (a small report's format leaves little, and the collection
    would cost more than it saves): this process then has time to spare, and the
    processes' peaks add up. A 100x DOCX leaves 170 MB resident, held by its
    parts' cycles (the collector is paused for the build) and then by the heap: with it
    returned (0.15-0.2 s of CPU), three formats at 100x peaked at 379-386 MB summed RSS with
    the PDF's page helper, against 412-421 MB for two processes without. Once the child
    is done this process is the one waited for, and the trim would only delay it."""
    if grown >= _TRIM_FROM and child.working():
        gc.collect()  # the collector is paused, and a Word document's parts form cycles
        release_free_memory()


#: Growth of this process's resident memory over a format beyond which the memory it freed
#: is returned (:func:`_trim_while`): a 100x DOCX grows it by 166 MB, the sample's by 13.
_TRIM_FROM = 64 << 20


def _docx_fonts(report: Report, theme: Theme, request: BuildRequest,
               options: RenderOptions) -> dict[str, EmbeddedFont]:
    """The faces the PDF would set the DOCX theme's roles in, subset to every character
    the briefing can print (the model's text, the settings, the document's own words)."""
    from .renderers.docx.writer import COLUMNS, LABELS
    from .renderers.pdf.fonts import embeddable_fonts

    text = "".join((json.dumps(report.to_dict(), ensure_ascii=False),
                    *(value for value in vars(request.settings).values() if value),
                    *LABELS.values(), *COLUMNS, theme.page_number_format, theme.header_text,
                    string.printable))
    return embeddable_fonts(theme, text, font_files=request.font_files,
                            cache_dir=request.font_cache, warn=options.warn)


def _reference_data(request: BuildRequest) -> bytes | None:
    """The bytes of ``--reference-doc`` when one was named (read per report: small)."""
    if request.reference_doc is None:
        return None
    return read_input(request.reference_doc, request.max_input)


def write_reference_doc(target: Path, theme: str | None = None) -> None:
    """``exporter styles --reference-doc OUT.docx``: the default reference document, in
    ``theme`` (default: the Word briefing's)."""
    from .renderers.docx.writer import reference_document

    if target.suffix.lower() != ".docx":
        raise InputError("the reference document must be named .docx", source=str(target))
    chosen = load_theme(theme or DEFAULT_THEMES["docx"])
    write_atomic(target, lambda out: reference_document(chosen, out))


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
    sources = [item.source for item in planned]
    requests = batch_requests(request, planned)
    if request.scheduler is not None:
        from .cluster import cluster_results

        yield from cluster_results(sources, requests, request.scheduler)
        return
    plan = plan_processes(request.jobs, len(sources))
    if request.jobs <= 1 or len(sources) <= 1:
        for source, one in zip(sources, requests):
            yield _guarded(source, one, plan, batch=len(sources) > 1)
        return
    yield from _pooled(sources, requests, min(request.jobs, len(sources), usable_cores()))


def batch_requests(request: BuildRequest, planned: list[Planned]) -> list[BuildRequest]:
    """Each planned report's own request: the batch's options, its output folder, and
    neither the batch's inputs nor its skipped files. Each is pickled with its report to
    a worker, and a Dask scheduler keeps tasks' specifications a while: with the inputs
    kept, a 1,000-report batch pickled 1,000 sources per report (a million in all), and a
    ``--scheduler local`` client grew ~0.7 MB a report (760 MB at 1,000 reports)."""
    own = replace(request, inputs=(), skipped=())
    return [replace(own, out_dir=item.out_dir) for item in planned]


def _guarded(source: Source, request: BuildRequest, plan: ProcessPlan = ProcessPlan(),
             batch: bool = True) -> BuildResult:
    """:func:`build_one`; in a batch, an internal error (a bug) fails this report alone,
    reported in one line with its file, and the batch goes on."""
    if not batch:
        return build_one(source, request, plan)
    try:
        return build_one(source, request, plan)
    except Exception as exc:  # noqa: BLE001 - one report's bug must not stop a batch
        return BuildResult(source=source, error=f"{source.label}: internal error: "
                                              f"{type(exc).__name__}: {exc}")


def _pooled(sources: list[Source], requests: list[BuildRequest],
            workers: int) -> Iterator[BuildResult]:
    """Results in input order from ``workers`` processes. A report that kills its worker
    (a crash, the memory killer) breaks the pool: the reports then unfinished are built
    again, those that were in flight (the first ``2 × workers + 1``, the pool's queue)
    each alone so the one that crashed is found and reported, the rest in a new pool."""
    from concurrent.futures.process import BrokenProcessPool

    todo = list(range(len(sources)))
    while todo:
        rest: list[int] = []
        with _pool(workers) as pool:
            futures = [pool.submit(_guarded, sources[i], requests[i]) for i in todo]
            for at, future in enumerate(futures):
                try:
                    result = future.result()
                except BrokenProcessPool:
                    rest = todo[at:]
                    break
                yield result
        suspects, todo = rest[:2 * workers + 1], rest[2 * workers + 1:]
        for index in suspects:
            yield _alone(sources[index], requests[index])


def _alone(source: Source, request: BuildRequest) -> BuildResult:
    """One report in a worker of its own: its crash is reported, not raised."""
    from concurrent.futures.process import BrokenProcessPool

    try:
        with _pool(1) as pool:
            return pool.submit(_guarded, source, request).result()
    except BrokenProcessPool:
        return BuildResult(source=source, error=f"{source.label}: the worker process building it "
                                              "died (a crash, or out of memory)")
    finally:  # a dead worker's temporary files (in the pool or here) go
        for fmt in parse_formats(request.formats):
            remove_partials(request.out_dir / f"{source.stem}.{fmt}")


@contextmanager
def _pool(workers: int) -> Iterator[ProcessPoolExecutor]:
    """A pool of worker processes that die with this one; on an interrupt (or any
    failure here) its workers are killed at once rather than waited for. (Imported
    here: a single report's build never needs a pool, and loading one costs 5 ms.)"""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(max_workers=workers, initializer=die_with_parent,
                               initargs=(os.getpid(),))
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
    if request.full and request.max_pages is not None:
        raise InputError("limits the PDF summary; it cannot be combined with --full",
                         source="--max-pages")
    if request.reference_doc is not None:
        from .renderers.docx.writer import check_reference

        check_reference(read_input(request.reference_doc, request.max_input),
                        str(request.reference_doc))
    skipped = list(request.skipped)
    sources = expand_inputs(request.inputs, request.out_dir, skipped.append)
    for line in skipped:
        warn(line)
    if not sources:
        raise InputError("no reports found (.txt, .html, .docx, .pdf or .json)",
                         source=", ".join(str(getattr(i, "label", i)) for i in request.inputs))
    planned = plan_outputs(sources, request.out_dir, parse_formats(request.formats))
    check_out_dir(request.out_dir)
    make_folders(planned)
    tally = Tally(len(planned), skipped=len(skipped))
    seen_warnings: set[str] = set()
    results = _results(planned, request)
    if track is not None and len(planned) > 1:
        results = track(results, len(planned))
        echo = None  # the bar stands for the per-report lines; the summary follows it
    built: list[tuple[Source, list[Path]]] = []
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
        import multiprocessing

        for child in multiprocessing.active_children():
            child.kill()
        formats = parse_formats(request.formats)
        for item in planned:
            for target in item.targets(formats):
                remove_partials(target)
        raise


def _count(result: BuildResult, tally: Tally, built: list[tuple[Source, list[Path]]],
           error: Echo) -> None:
    """Count one result into ``tally`` and ``built``; print its error."""
    if result.error is not None:
        error(result.error)
        tally.failed += 1
    else:
        tally.built += 1
        built.append((result.source, result.written))
