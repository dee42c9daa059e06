"""``exporter build``: read each report once, render the asked formats, write them whole.

Many reports run in ``--jobs`` worker processes; each report is built independently, so
the files are byte-identical whatever the number of jobs, and one report's failure is
reported without stopping the others. When a core would otherwise sit idle (one report, or
``--jobs 1``), the PDF and the XLSX are rendered in a forked child while this process
writes the DOCX: the child, forked before the report is read, imports its renderers
meanwhile, receives the model over a pipe, sends back only its warnings or error, and
never prints.
"""

from __future__ import annotations

import importlib
import os
import pickle
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ._data import sample_report
from ._files import check_out_dir, output_stem, read_input, write_atomic
from .errors import ExporterError, InputError
from .model import Report
from .readers import read_report
from .renderers import DEFAULT_THEMES, FORMATS, RenderOptions, render
from .theme import load_theme

#: Formats a forked child renders when a core is free, in order of preference: the PDF
#: takes the longest, and the XLSX (whose library is the slowest to import) balances the
#: parent's reading plus DOCX. The parent always keeps at least one format.
_CHILD_FORMATS = ("pdf", "xlsx")

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


def build_one(path: Path, request: BuildRequest, split: bool = False) -> BuildResult:
    """Build every asked format of one report; errors are caught into the result.

    With ``split`` (and ``fork`` available) the PDF renders in a child process alongside
    the other formats: forked before the report is read, it loads the PDF renderer while
    this process reads, then receives the model. The files are the same bytes either way.
    """
    result = BuildResult(source=path)
    started = time.perf_counter()
    warnings: dict[str, list[str]] = {}
    try:
        formats = parse_formats(request.formats)
        options = RenderOptions(full=request.full, source_date_epoch=request.source_date_epoch,
                                font_files=request.font_files, font_cache=request.font_cache,
                                tool_version=request.tool_version)
        stem = output_stem(path)
        targets = {fmt: request.out_dir / f"{stem}.{fmt}" for fmt in formats}
        warnings.update((fmt, []) for fmt in formats)

        def write(fmt: str, report: Report) -> list[str]:
            theme = load_theme(request.theme or DEFAULT_THEMES[fmt])
            opts = replace(options, warn=warnings[fmt].append)
            write_atomic(targets[fmt], lambda out: render(fmt, report, theme, opts, out))
            return warnings[fmt]

        forked = _forked_formats(formats) if split and hasattr(os, "fork") else ()
        child = None
        if forked:
            child = _Child.start(lambda: _preload(forked, request),
                                 lambda report: [w for fmt in forked for w in write(fmt, report)])
        try:
            report = read_report(read_input(path, request.max_input), str(path))
            if child is not None:
                child.send(report)
            for fmt in formats:
                if fmt not in forked:
                    write(fmt, report)
        except BaseException:
            if child is not None:  # reap it; this process's failure is the one reported
                child.wait(quiet=True)
            raise
        if child is not None:
            warnings[forked[0]] = child.wait()
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


def _forked_formats(formats: tuple[str, ...]) -> tuple[str, ...]:
    """The formats a forked child renders: the child's candidates that were asked for,
    leaving the parent at least one; none when only one format was asked for."""
    if len(formats) < 2:
        return ()
    forked = tuple(fmt for fmt in _CHILD_FORMATS if fmt in formats)
    return forked if len(forked) < len(formats) else forked[:1]


def _preload(formats: tuple[str, ...], request: BuildRequest) -> None:
    """Import the renderers of ``formats`` and load their themes: work a forked child does
    while the parent is still reading the report."""
    for fmt in formats:
        importlib.import_module(f"{render.__module__}.{fmt}")
        load_theme(request.theme or DEFAULT_THEMES[fmt])


class _Child:
    """A forked process that prepares, receives one object, works on it and reports back.

    The parent sends the object pickled (from a thread, so a large model never stalls
    it while the child is still preparing) or cancels by sending nothing. The child
    answers with what ``work`` returned or the exception it raised, and leaves with
    ``os._exit``: it runs no ``atexit`` handler, flushes no inherited buffer and prints
    nothing, so errors stay the parent's one-line messages.
    """

    def __init__(self, pid: int, inbox: int, outbox: int) -> None:
        self.pid, self.inbox, self.outbox = pid, inbox, outbox
        self._sender: threading.Thread | None = None

    @classmethod
    def start(cls, prepare: Callable[[], None], work: Callable[[Any], list[str]]) -> _Child:
        """Fork; the child runs ``prepare``, then ``work`` on what it is sent, and exits."""
        inbox_r, inbox_w = os.pipe()
        outbox_r, outbox_w = os.pipe()
        pid = os.fork()
        if pid:
            os.close(inbox_r)
            os.close(outbox_w)
            return cls(pid, inbox_w, outbox_r)
        status = 0
        try:  # the child: never returns
            os.close(inbox_w)
            os.close(outbox_r)
            payload: tuple[str, object] | None = None
            try:
                prepare()
                with os.fdopen(inbox_r, "rb") as inbox:
                    data = inbox.read()
                if data:  # nothing sent: the parent cancelled
                    payload = ("ok", list(work(pickle.loads(data))))
            except BaseException as exc:  # noqa: BLE001 - everything goes to the parent
                status, payload = 1, ("error", _portable(exc))
            with os.fdopen(outbox_w, "wb") as outbox:
                if payload is not None:
                    outbox.write(pickle.dumps(payload))
        finally:
            os._exit(status)

    def send(self, value: Any) -> None:
        """Hand ``value`` to the child (once)."""
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        self._sender = threading.Thread(target=self._write, args=(data,), daemon=True)
        self._sender.start()

    def _write(self, data: bytes) -> None:
        try:
            with os.fdopen(self.inbox, "wb") as inbox:
                inbox.write(data)
        except BrokenPipeError:  # the child failed early; wait() reports why
            pass

    def wait(self, quiet: bool = False) -> list[str]:
        """What ``work`` returned, once the child ends; re-raise what it raised (unless
        ``quiet``). Without a :meth:`send` first, this cancels the child."""
        if self._sender is None:
            os.close(self.inbox)
        else:
            self._sender.join()
        with os.fdopen(self.outbox, "rb") as outbox:
            data = outbox.read()
        os.waitpid(self.pid, 0)
        if quiet:
            return []
        try:
            kind, value = pickle.loads(data)
        except Exception:  # noqa: BLE001 - the child died before it could report
            raise RuntimeError("the worker process ended without a result") from None
        if kind == "error":
            raise value
        return list(value)


def _portable(exc: BaseException) -> BaseException:
    """``exc`` in a form that survives pickling: an :class:`ExporterError` as its own
    class with its full message; anything else with its traceback kept as a note (shown
    by ``--debug``), or as a RuntimeError naming it when its class does not pickle."""
    if isinstance(exc, ExporterError):
        clone = type(exc)(str(exc))
        return clone if _pickles(clone) else ExporterError(str(exc))
    exc.add_note("".join(traceback.format_exception(exc)).rstrip())
    return exc if _pickles(exc) else RuntimeError(f"{type(exc).__name__}: {exc}")


def _pickles(exc: BaseException) -> bool:
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:  # noqa: BLE001 - any failure means "no"
        return False
    return True


def _results(paths: list[Path], request: BuildRequest) -> Iterator[BuildResult]:
    """Results in input order, from worker processes when ``--jobs`` asks for them; one
    report at a time splits its formats over two processes when a core is free."""
    if request.jobs <= 1 or len(paths) <= 1:
        split = (os.cpu_count() or 1) > 1
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
