"""Linear-time guards that hold on a busy machine and under coverage.

A guard against catastrophic backtracking or a quadratic scan compares the CPU time of
one input with that of an input ``times`` as large: linear work grows about ``times``-fold,
quadratic work ``times``²-fold. CPU time of this process (not wall time) and a ratio (not
a budget in seconds) keep other processes' load and the tracer's slowdown out of it.
Speed budgets themselves are the benchmarks' (``bench/``), never the suite's.
"""

from __future__ import annotations

import time
from collections.abc import Callable

#: Ten times the input may cost at most this many times the CPU (linear, with noise).
BOUND = 25.0
#: Below this many CPU seconds, timer resolution and caches dominate: no ratio is read.
FLOOR = 2.0


def cpu_seconds(work: Callable[[], object]) -> float:
    """CPU seconds of this process spent in ``work()``."""
    started = time.process_time()
    work()
    return time.process_time() - started


def assert_linear(run: Callable[[int], object], size: int, times: int = 10) -> None:
    """``run(size * times)`` costs at most :data:`BOUND` × ``times`` / 10 the CPU of
    ``run(size)`` (after one warm-up call on the small size)."""
    run(size)
    small = cpu_seconds(lambda: run(size))
    large = cpu_seconds(lambda: run(size * times))
    allowed = max(BOUND * times / 10 * small, FLOOR)
    assert large < allowed, f"{times}x the input took {large:.2f} s of CPU against {small:.3f} s"
