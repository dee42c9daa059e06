"""Benchmark the Excel renderer alone on the 100× sample, run by hand (not a test).

    .venv/bin/python bench/bench_xlsx.py [--times 100] [--repeat 3]

Reads the scaled report once (untimed), then times ``render("xlsx", …)`` into memory
(best of ``--repeat``) and measures its peak memory in a separate run: Python allocations
with tracemalloc, and the growth of the process's peak RSS across the render. Budget: under
2 s and under 300 MB for the 100× sample (over 10,000 figures).
"""

from __future__ import annotations

import argparse
import io
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "source" / "beijing-science-technology-work-report-2016.txt"
SCALER = ROOT.parent / "shared" / "tools" / "make_scaled.py"
BUDGET_SECONDS = 2.0
BUDGET_MB = 300.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--times", type=int, default=100, help="body repetitions (default 100)")
    parser.add_argument("--repeat", type=int, default=3, help="timed renders (best is kept)")
    parser.add_argument("--theme", default="modern")
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    from exporter.readers import read_report
    from exporter.renderers import RenderOptions, render
    from exporter.theme import load_theme

    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / f"sample-x{args.times}.txt"
        subprocess.run([sys.executable, str(SCALER), str(SAMPLE), str(args.times), str(source)],
                       check=True)
        report = read_report(source.read_bytes(), source.name)
    theme, options = load_theme(args.theme), RenderOptions()

    def once() -> int:
        out = io.BytesIO()
        render("xlsx", report, theme, options, out)
        return len(out.getvalue())

    size = once()  # warm: imports and the width table are built once per process
    seconds = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        once()
        seconds.append(time.perf_counter() - started)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    tracemalloc.start()
    once()
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    best = min(seconds)
    sections = sum(1 for _ in report.walk())
    print(f"report: x{args.times}, {len(report.figures):,} figures, {sections} sections")
    print(f"workbook: {size / 2**20:.2f} MB")
    print(f"render: best {best:.3f} s of {args.repeat} "
          f"({', '.join(f'{s:.3f}' for s in seconds)}); budget {BUDGET_SECONDS} s")
    print(f"memory: tracemalloc peak {traced_peak / 2**20:.1f} MB; process peak RSS "
          f"{rss_after:.0f} MB (+{max(rss_after - rss_before, 0):.0f} MB over the render); "
          f"budget {BUDGET_MB:.0f} MB")
    ok = best < BUDGET_SECONDS and traced_peak / 2**20 < BUDGET_MB
    print("within budget" if ok else "OVER BUDGET")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
