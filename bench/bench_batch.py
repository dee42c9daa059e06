"""Benchmark batch builds with ``--jobs 2`` and ``--scheduler local``, run by hand.

    .venv/bin/python bench/bench_batch.py [--counts 100,300,1000] [--modes jobs,cluster]

Copies the real reports of ``../shared/dev-reports`` (labelled and unlabelled) and the
sample, in turn, under distinct names until there are COUNT of them, and builds all three
formats of each. The font cache is first filled by building each distinct report once
(as after a batch's first report: a copy of a report needs the same subsets); that cold
run is timed too, with an empty cache. Each timed run is watched from /proc for the peak
memory (RSS and PSS summed over the build's processes, cluster workers included), and
its CPU time (user + system of every process it started, from ``getrusage``): on a
shared machine the wall time measures the neighbours as much as the build, so each row
also gives the CPU seconds per report and the ceiling they set on this machine's cores
when nothing else runs (cores / CPU per report), with the load average before and after.
Each run also records the command's own process (the pool's parent, or the cluster's
client, which hosts the ``LocalCluster`` scheduler) as a memory curve: its RSS against
the reports built so far (their XLSX files counted), about ten points a run. Prints
Markdown rows for the README, each run's curve below the table.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _measure import Watched, run, watched

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "dev-reports"
EXPORTER = [sys.executable, "-m", "exporter"]


def real_reports() -> list[Path]:
    return sorted([*SHARED.glob("*.txt"), *SHARED.glob("unlabelled/*.txt"),
                   *ROOT.glob("source/*.txt")])


def copies(count: int, folder: Path) -> Path:
    """``count`` real reports under distinct names in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    reports = real_reports()
    for n in range(count):
        source = reports[n % len(reports)]
        shutil.copyfile(source, folder / f"r{n:05d}-{source.name}")
    return folder


def run_watched(cmd: list[str], out: Path,
                env: dict[str, str]) -> tuple[Watched, list[tuple[int, int]]]:
    """The run (seconds, CPU, peak RSS and PSS summed over the command's processes) and
    the curve of the command process's own RSS in MB against reports built, about ten
    points, watched from /proc: the tree every 0.1 s, the built reports every second."""
    curve: list[tuple[int, int]] = []
    next_look = time.perf_counter() + 1.0

    def look(pid: int) -> None:
        nonlocal next_look
        if time.perf_counter() >= next_look:
            curve.append((_built(out), _own_rss(pid)))
            next_look += 1.0

    return watched(cmd, every=0.1, tick=look, env=env), curve[::max(1, len(curve) // 10)]


def _built(out: Path) -> int:
    """Reports whose files are in place (each report's XLSX is renamed in with its set)."""
    return sum(1 for _ in out.rglob("*.xlsx")) if out.exists() else 0


def _own_rss(pid: int) -> int:
    """The process's own resident memory in MB (0 once it is gone)."""
    try:
        status = (Path("/proc") / str(pid) / "status").read_text()
    except OSError:
        return 0
    line = next((line for line in status.splitlines() if line.startswith("VmRSS:")), "")
    return int(line.split()[1]) // 1024 if line else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--counts", default="100,300,1000")
    parser.add_argument("--modes", default="jobs,cluster")
    args = parser.parse_args()
    counts = [int(c) for c in args.counts.split(",")]
    modes = args.modes.split(",")
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as temp:
        work = Path(temp)
        env = dict(os.environ, XDG_CACHE_HOME=str(work / "cache"))
        distinct = copies(len(real_reports()), work / "distinct")
        cold = run([*EXPORTER, "build", str(distinct), "--out", str(work / "o0"),
                    "--jobs", "2"], env)
        n = len(real_reports())
        print(f"cold font cache: {n} distinct reports, --jobs 2: {cold.wall:.1f} s, "
              f"{n / cold.wall:.2f} reports/s, {cold.cpu / n:.2f} CPU s/report, "
              f"load {os.getloadavg()[0]:.1f}")
        cores = len(os.sched_getaffinity(0))
        print("| reports | mode | seconds | reports/s | CPU s/report | CPU-bound reports/s "
              "| peak RSS (MB) | peak PSS (MB) | load before → after |")
        print("|---|---|---|---|---|---|---|---|---|")
        curves: list[str] = []
        for count in counts:
            folder = copies(count, work / f"in{count}")
            for mode in modes:
                out = work / f"out-{count}-{mode}"
                option = ["--jobs", "2"] if mode == "jobs" else ["--scheduler", "local"]
                load = os.getloadavg()[0]
                done, curve = run_watched(
                    [*EXPORTER, "build", str(folder), "--out", str(out), "--quiet", *option],
                    out, env)
                per_report = done.cpu / count
                print(f"| {count} | {' '.join(option)} | {done.wall:.1f} | "
                      f"{count / done.wall:.2f} | {per_report:.3f} | {cores / per_report:.1f} | "
                      f"{done.rss_mb:.0f} | {done.pss_mb:.0f} | {load:.1f} → "
                      f"{os.getloadavg()[0]:.1f} |",
                      flush=True)
                curves.append(f"{count} {' '.join(option)}: " + ", ".join(
                    f"{built}: {mb}" for built, mb in curve))
                shutil.rmtree(out)
        print("\nthe command process's RSS (MB) against reports built:")
        for line in curves:
            print(f"- {line}")


if __name__ == "__main__":
    main()
