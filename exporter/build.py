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
import json
import string
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from ._data import sample_report
from ._files import check_out_dir, output_stem, read_input, write_atomic
from ._parallel import Forked, WorkQueue, can_fork, fork_map, shared_items_map, spare_cores
from .choice import ContentChoice, choose, headline
from .document import DocumentSettings
from .errors import ExporterError, InputError
from .model import Report
from .readers import read_report
from .renderers import DEFAULT_THEMES, FORMATS, EmbeddedFont, RenderOptions, render
from .renderers.pdf.fonts import require_font_file
from .theme import Theme, load_theme

#: How a build shared with a forked child splits the formats: this process renders the
#: first one asked for, the child the last, and those between go to whichever process is
#: free first. The PDF takes the longest and reportlab is the slowest library to load, so
#: the child, which loads renderers while this process reads, renders it.
_PARENT_ORDER = ("docx", "xlsx", "pdf")

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
    settings: DocumentSettings = field(default_factory=DocumentSettings)
    reference_doc: Path | None = None
    choice: ContentChoice = field(default_factory=ContentChoice)
    max_pages: int | None = None
    #: Embed in the DOCX subsets of the faces the PDF uses (--embed-fonts).
    embed_fonts: bool = False


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


def build_one(path: Path, request: BuildRequest, split: bool = False) -> BuildResult:
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


def _build_one(path: Path, request: BuildRequest, split: bool) -> BuildResult:
    result = BuildResult(source=path)
    started = time.perf_counter()
    warnings: dict[str, list[str]] = {}
    try:
        formats = parse_formats(request.formats)
        options = RenderOptions(full=request.full, source_date_epoch=request.source_date_epoch,
                                font_files=request.font_files, font_cache=request.font_cache,
                                tool_version=request.tool_version, settings=request.settings,
                                reference_doc=_reference_data(request),
                                choice=request.choice, max_pages=request.max_pages)
        stem = output_stem(path)
        targets = {fmt: request.out_dir / f"{stem}.{fmt}" for fmt in formats}
        warnings.update((fmt, []) for fmt in formats)

        def write(fmt: str, report: Report, spare_core: bool) -> list[str]:
            theme = load_theme(request.theme or DEFAULT_THEMES[fmt])
            opts = replace(options, warn=warnings[fmt].append,
                           mapper=shared_items_map if spare_core else None)
            if fmt == "docx" and request.embed_fonts:
                opts = replace(opts, embedded_fonts=_docx_fonts(report, theme, request, opts))
            write_atomic(targets[fmt], lambda out: render(fmt, report, theme, opts, out))
            return warnings[fmt]

        def read() -> Report:
            whole = read_report(read_input(path, request.max_input), str(path),
                                mapper=fork_map if split else None)
            report = choose(whole, request.choice)
            headline(report, request.choice)  # an unknown pin fails before any format
            dropped = len(whole.figures) - len(report.figures)
            if dropped and not request.choice.sections:
                warnings.setdefault("model", []).append(
                    f"{path}: {dropped} figure(s) name sections that are not in the heading "
                    "tree; every output leaves them out")
            return report

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
    result.summary = (f"{path.name}: {sections} sections, {len(report.figures)} figures, "
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


def _results(paths: list[Path], request: BuildRequest) -> Iterator[BuildResult]:
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
    if request.full and request.max_pages is not None:
        raise InputError("limits the PDF summary; it cannot be combined with --full",
                         source="--max-pages")
    if request.reference_doc is not None:
        from .renderers.docx.writer import check_reference

        check_reference(read_input(request.reference_doc, request.max_input),
                        str(request.reference_doc))
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
