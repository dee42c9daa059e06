"""How the benches time and watch a command: one place, so every table measures alike.

A run's CPU seconds are the user + system time of the command and every process it
waited for (``wait4``'s resource usage: a build's forked children and pool workers are
waited for by the build, so they count). Memory is polled from /proc over the command's
process tree; polling takes CPU from the machine, so the build and peer tables report
the seconds of unwatched runs, while ``bench_batch`` reports its long watched runs
(polled every 0.1 s) and their CPU, which is the command's own and so not the poller's.
"""

from __future__ import annotations

import os
import resource
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Run:
    """Wall and CPU seconds of one finished command."""

    wall: float
    cpu: float


@dataclass(frozen=True)
class Watched(Run):
    """A run's seconds and its peak memory (MB, summed over the process tree)."""

    rss_mb: float
    pss_mb: float


def run(cmd: list[str], env: dict[str, str] | None = None, cwd: Path | None = None) -> Run:
    """Run ``cmd`` with nothing watching it; its output is discarded, a failure raised."""
    started = time.perf_counter()
    process = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    return _finished(cmd, process, time.perf_counter() - started, status, usage)


def watched(cmd: list[str], every: float = 0.02, tick: Callable[[int], None] | None = None,
            env: dict[str, str] | None = None) -> Watched:
    """Run ``cmd`` polling its process tree's memory every ``every`` seconds; ``tick``
    is called with the command's pid at each poll (for curves of its own)."""
    started = time.perf_counter()
    process = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    peak_rss = peak_pss = 0
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        rss, pss = tree_memory(process.pid)
        peak_rss, peak_pss = max(peak_rss, rss), max(peak_pss, pss)
        if tick is not None:
            tick(process.pid)
        time.sleep(every)
    done = _finished(cmd, process, time.perf_counter() - started, status, usage)
    return Watched(done.wall, done.cpu, peak_rss / 1024, peak_pss / 1024)


def _finished(cmd: list[str], process: subprocess.Popen[bytes], wall: float, status: int,
              usage: resource.struct_rusage) -> Run:
    """The run of ``cmd`` that ended with ``status``, told to its ``Popen`` (reaped here by
    ``wait4``, it would otherwise poll a pid that is gone); a failure stops the bench."""
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"failed ({process.returncode}): {' '.join(cmd)}")
    return Run(wall, usage.ru_utime + usage.ru_stime)


def tree_memory(root: int) -> tuple[int, int]:
    """(RSS, PSS) in KB of ``root`` and every process below it. RSS counts each page a
    forked child still shares with its parent once per process (an upper bound); PSS
    splits shared pages between the processes sharing them (the memory really used)."""
    rss = pss = 0
    todo = [root]
    while todo:
        pid = todo.pop()
        proc = Path("/proc") / str(pid)
        try:
            rollup = (proc / "smaps_rollup").read_text()
            for task in (proc / "task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
        for line in rollup.splitlines():
            if line.startswith("Rss:"):
                rss += int(line.split()[1])
            elif line.startswith("Pss:"):
                pss += int(line.split()[1])
    return rss, pss
