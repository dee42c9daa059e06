"""Benchmark ``exporter compare`` over the real reports, run by hand.

    .venv/bin/python bench/bench_compare.py [--repeat 3]

Compares the 18 real reports (``../shared/dev-reports``, labelled and unlabelled, and the
bundled sample) as one command, in one process and with ``--jobs 2``: the best of
``--repeat`` unwatched runs, and the peak memory of one more run watched from /proc (RSS
and PSS summed over the processes). The target is at most 10 s and 1 GB. Also prints how
many provincial reports have ``gdp_growth`` in the pivot.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _measure import run, watched
from bench_batch import real_reports

EXPORTER = [sys.executable, "-m", "exporter"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    reports = [str(p) for p in real_reports()]
    with tempfile.TemporaryDirectory(prefix="bench-compare-") as temp:
        print("| run | seconds (best) | peak RSS (MB) | peak PSS (MB) |")
        print("|---|---|---|---|")
        for label, options in (("one process", []), ("--jobs 2", ["--jobs", "2"])):
            cmd = [*EXPORTER, "compare", *reports, "--out", temp, "--quiet", *options]
            seconds = min(run(cmd).wall for _ in range(args.repeat))
            peak = watched(cmd)
            rss, pss = peak.rss_mb, peak.pss_mb
            print(f"| {len(reports)} reports, {label} | {seconds:.2f} | {rss:.0f} | {pss:.0f} |")
        from openpyxl import load_workbook

        started = time.perf_counter()
        sheet = load_workbook(Path(temp) / "comparison.xlsx", read_only=True)["By report"]
        rows = list(sheet.iter_rows(values_only=True))
        header = rows[0]
        growth = [n for n, h in enumerate(header) if str(h).startswith("地区生产总值增长")]
        provincial = [r for r in rows[1:] if r[1] == "provincial"]
        stated = [r for r in provincial if any(r[n] is not None for n in growth)]
        print(f"gdp_growth stated by {len(stated)} of {len(provincial)} provincial reports "
              f"(read in {time.perf_counter() - started:.1f} s)")


if __name__ == "__main__":
    main()
