"""Which of the build's process tricks pay: each one switched off in turn, on one report.

    .venv/bin/python bench/bench_processes.py REPORT [ROUNDS]    # e.g. a 100x sample

Variants (each a fresh interpreter, run in alternation ROUNDS times so a busy machine
slows them alike). Reported: the minimum and median wall time, and the median CPU
seconds of this process and of its forked children. On a busy machine wall time says
little; the CPU times do: the work a trick adds is their sum's growth, and on two idle
cores the build takes about the larger of the two (the critical path).

* ``serial``: one process, collector on: the baseline;
* ``collector``: the cycle collector paused during the build (``build.collector_paused``);
* ``share``: the formats shared with a forked child (``build.share_formats``);
* ``figures``: the figure extraction cut in two, read by a forked child;
* ``pages``: the PDF's page finishing shared with a forked child (PDF alone, ``--full``);
  with ``share``, a helper the PDF's child forks for its page finishing once the parent
  has written its formats (three formats, ``--full``).

The 100x sample: ``python ../shared/tools/make_scaled.py source/<sample>.txt 100 x100.txt``.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

#: Run in a child: build one report with the named tricks on; print wall and CPU seconds.
_CHILD = r"""
import json, resource, sys, time
from contextlib import nullcontext
from pathlib import Path
from exporter import build, _parallel
from exporter.mapper import in_order

report, out, formats, full, tricks = sys.argv[1], Path(sys.argv[2]), sys.argv[3], sys.argv[4] == "1", set(sys.argv[5].split(","))
request = build.BuildRequest(inputs=(Path(report),), out_dir=out, formats=formats, full=full)
plan = build.ProcessPlan(
    pause_collector="collector" in tricks,
    share_formats="share" in tricks,
    figures=_parallel.fork_map if "figures" in tricks else None,
    pages=_parallel.shared_items_map if "pages" in tricks else None)
started = time.perf_counter()
result = build.build_one(Path(report), request, plan)
wall = time.perf_counter() - started
assert result.error is None, result.error
own, children = (sum(getattr(resource.getrusage(who), f) for f in ("ru_utime", "ru_stime"))
                 for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
print(json.dumps({"wall": wall, "own": own, "children": children}))
"""

#: (label, formats, --full, tricks on)
VARIANTS = [
    ("3 formats, serial", "docx,pdf,xlsx", False, ""),
    ("3 formats, collector paused", "docx,pdf,xlsx", False, "collector"),
    ("3 formats, formats shared", "docx,pdf,xlsx", False, "share"),
    ("3 formats, shared + collector", "docx,pdf,xlsx", False, "share,collector"),
    ("3 formats, shared + collector + figures", "docx,pdf,xlsx", False,
     "share,collector,figures"),
    ("3 formats --full, shared + collector + figures", "docx,pdf,xlsx", True,
     "share,collector,figures"),
    ("3 formats --full, ... + late page helper", "docx,pdf,xlsx", True,
     "share,collector,figures,pages"),
    ("PDF --full, collector paused", "pdf", True, "collector"),
    ("PDF --full, collector + pages", "pdf", True, "collector,pages"),
    ("PDF --full, collector + figures", "pdf", True, "collector,figures"),
]


def main(argv: list[str]) -> None:
    report = Path(argv[0]).resolve()
    rounds = int(argv[1]) if len(argv) > 1 else 3
    times: dict[str, list[tuple[float, float, float]]] = {label: [] for label, *_ in VARIANTS}
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(rounds):
            for label, formats, full, tricks in VARIANTS:
                done = subprocess.run(
                    [sys.executable, "-c", _CHILD, str(report), tmp, formats,
                     "1" if full else "0", tricks],
                    check=True, capture_output=True, text=True)
                measured = json.loads(done.stdout)
                times[label].append((measured["wall"], measured["own"], measured["children"]))
    print(f"{report.name}, {rounds} rounds (seconds): wall min / median; CPU median of this"
          " process + of its children = total, larger of the two")
    for label, runs in times.items():
        walls = [w for w, _, _ in runs]
        own = statistics.median(o for _, o, _ in runs)
        children = statistics.median(c for _, _, c in runs)
        print(f"  {label:48s} {min(walls):6.2f} / {statistics.median(walls):6.2f}   "
              f"cpu {own:5.2f} + {children:5.2f} = {own + children:5.2f}, "
              f"{max(own, children):5.2f}")


if __name__ == "__main__":
    main(sys.argv[1:])
