"""Builds and comparisons on a Dask distributed cluster (``--scheduler ADDRESS|local``).

Each report is one task: the worker reads the file (so workers must see the same paths as
the client, as on one machine or a shared file system), renders the asked formats into
memory and returns their bytes with the report's counts (a comparison's task returns its
figure table instead, :func:`summarise_report`). The client writes each
report's files as a set, as a local build does (all renamed into place once all are
written; the whole set removed when a rename fails), in input order, and assembles a
comparison from the tables. One report's
failure, even a worker lost under it, becomes that report's error line and the rest go on.
A window of tasks in flight keeps the client's memory flat however long the batch.

``dask[distributed]`` is an optional extra (``pip install 'exporter[dask]'``).
"""

from __future__ import annotations

import os
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from io import BytesIO
from pathlib import Path
from typing import Any, TypeVar

from ._files import read_input
from ._inputs import Source
from .build import (
    BuildRequest,
    BuildResult,
    ProcessPlan,
    ReportBuild,
    collector_paused,
    summary_line,
    write_set,
)
from .compare import ReportSummary
from .errors import ExporterError, InputError
from .readers import read_report

#: Tasks kept in flight per worker thread: enough to keep workers busy while the client
#: writes, few enough that finished files never pile up in memory.
IN_FLIGHT_PER_THREAD = 4
#: Workers of ``--scheduler local``: one process per core, one thread each (the work is
#: pure Python, so threads would only contend for one interpreter lock).
_LOCAL_THREADS = 1

#: Dask settings for ``--scheduler local``, whose scheduler, client and workers share
#: the cores the reports need. Each wakes a process on a timer whatever the work: the
#: workers' stack profiler (every 10 ms), the event-loop tick of every server (20 ms),
#: the memory monitor (100 ms), the system monitor (500 ms) and work stealing (100 ms,
#: pointless when every task is alike and the scheduler queues them). Measured on 36 real
#: reports on two workers, the time spent outside the tasks fell from about 56 to 24 ms
#: per report (workers 28 -> 11, client and scheduler 28 -> 13) with these.
_LOCAL_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.scheduler.work-stealing": False,
}

T = TypeVar("T")


@dataclass
class Rendered:
    """What one build task returns: each format's bytes, or the error, and the counts
    the report's summary line gives. (A build needs no figure table: only a comparison's
    tasks, :func:`summarise_report`, return one.)"""

    source: str
    files: dict[str, bytes] = field(default_factory=dict)
    sections: int = 0
    figures: int = 0
    warnings: list[str] = field(default_factory=list)
    error: str | None = None
    seconds: float = 0.0


def render_report(source: Source, request: BuildRequest) -> Rendered:
    """The task: read one report and render every asked format into memory (with the
    cycle collector paused, as a local build does, but nothing frozen: a worker's own
    task states become cyclic garbage later, and frozen they were never freed, 1,000
    reports peaking at 1,065 MB against 328 MB for 100)."""
    with collector_paused(freeze=False):
        return _render_report(source, request)


def _render_report(source: Source, request: BuildRequest) -> Rendered:
    started = time.perf_counter()
    done = Rendered(source.label)
    try:
        job = ReportBuild(source, request, ProcessPlan())
        report = job.read()
        for fmt in job.formats:
            buffer = BytesIO()
            done.warnings.extend(job.render(fmt, report, buffer))
            done.files[fmt] = buffer.getvalue()
        done.sections, done.figures = sum(1 for _ in report.walk()), len(report.figures)
    except ExporterError as exc:
        done.files.clear()
        done.error = str(exc)
    except Exception as exc:  # noqa: BLE001 - one report's bug must not stop the batch
        done.files.clear()
        done.error = f"{source.label}: internal error: {type(exc).__name__}: {exc}"
    done.seconds = time.perf_counter() - started
    return done


def summarise_report(source: str, max_input: int) -> ReportSummary | str:
    """The task of a comparison: one report's figure table, or its error line."""
    try:
        data = read_input(Path(source), max_input)
        return ReportSummary.of(read_report(data, source), source, data)
    except ExporterError as exc:
        return str(exc)
    except Exception as exc:  # noqa: BLE001 - one report's bug must not stop the batch
        return f"{source}: internal error: {type(exc).__name__}: {exc}"


@contextmanager
def connect(scheduler: str) -> Iterator[Any]:
    """A client of the cluster at ``scheduler`` (``local``: a LocalCluster started here,
    one worker process per core, stopped on leaving)."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise InputError("needs dask.distributed: pip install 'exporter[dask]'",
                         source="--scheduler") from None
    if scheduler == "local":
        import os

        import dask

        with dask.config.set(_LOCAL_CONFIG), \
                LocalCluster(n_workers=max(1, len(os.sched_getaffinity(0))),
                             threads_per_worker=_LOCAL_THREADS, processes=True,
                             dashboard_address=None, silence_logs=50) as cluster, \
                Client(cluster) as client:
            yield client
        return
    try:
        client = Client(scheduler)  # waits distributed.comm.timeouts.connect (dask config)
    except OSError as exc:
        raise InputError(f"cannot reach the scheduler: {exc}", source=scheduler) from None
    with client:
        yield client


def _in_order(client: Any, task: Callable[..., T], items: Sequence[Any],
              *args: Any) -> Iterator[tuple[Any, T | BaseException]]:
    """Each item with its task's result (or the exception that lost it), in item order,
    with a bounded window of tasks in flight."""
    threads = sum(client.nthreads().values()) or 1
    window = max(2, threads * IN_FLIGHT_PER_THREAD)
    pending: deque[tuple[Any, Any]] = deque()
    upcoming = iter(items)
    for item in upcoming:
        pending.append((item, client.submit(task, item, *args, pure=False)))
        if len(pending) >= window:
            break
    while pending:
        item, future = pending.popleft()
        try:
            outcome: T | BaseException = future.result()
        except Exception as exc:  # noqa: BLE001 - a lost worker fails one report only
            outcome = exc
        future.release()
        yield item, outcome
        following = next(upcoming, None)
        if following is not None:
            pending.append((following, client.submit(task, following, *args, pure=False)))


def cluster_results(sources: Sequence[Source], requests: Sequence[BuildRequest],
                    scheduler: str) -> Iterator[BuildResult]:
    """Build each report on the cluster; write its files here as a set, in order."""
    with connect(scheduler) as client:
        template = replace(requests[0], out_dir=Path("."), scheduler=None)
        done = _in_order(client, render_report, list(sources), template)
        for (source, outcome), request in zip(done, requests):
            yield _write(source, request, outcome)


def _write(source: Source, request: BuildRequest,
           outcome: Rendered | BaseException) -> BuildResult:
    """Write one task's files as a set under the report's output folder."""
    result = BuildResult(source=source)
    if isinstance(outcome, BaseException):
        result.error = (f"{source.label}: lost on the cluster: "
                        f"{type(outcome).__name__}: {outcome}")
        return result
    result.warnings = outcome.warnings
    if outcome.error is not None:
        result.error = outcome.error
        return result
    targets = {fmt: request.out_dir / f"{source.stem}.{fmt}" for fmt in outcome.files}
    try:
        write_set(targets, outcome.files, str(os.getpid()))
    except ExporterError as exc:
        result.error = str(exc)
        return result
    result.written = list(targets.values())
    result.summary = summary_line(source.name, outcome.sections, outcome.figures,
                                  outcome.seconds)
    return result


def cluster_summaries(paths: Sequence[Path], max_input: int,
                      scheduler: str) -> Iterator[tuple[Path, ReportSummary | str]]:
    """Each report's figure table (or its error line), read on the cluster, in order."""
    with connect(scheduler) as client:
        for source, outcome in _in_order(client, summarise_report, [str(p) for p in paths],
                                         max_input):
            if isinstance(outcome, BaseException):
                outcome = f"{source}: lost on the cluster: {type(outcome).__name__}: {outcome}"
            yield Path(source), outcome
