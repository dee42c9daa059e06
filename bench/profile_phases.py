"""Where a cold command's time goes, by phase, and the floor under it, run by hand.

    .venv/bin/python bench/profile_phases.py [REPORT] [--runs N]

Each run is a new process that does what ``exporter build REPORT --full --format pdf``
does (the same ``_program.main``), with the phases timed from inside: interpreter start (a
bare ``python -c pass``, timed apart), imports (the command line, build, readers, figure
grammar and PDF renderer, after the compiled patterns and dataclass methods are loaded
as a command loads them), reading (text to model), figures, fonts (the PDF's subsets from the warm cache),
layout (reportlab's story and pages) and writing (page streams finished, the file
assembled and compressed, written). Times are CPU seconds of the building thread (the
machine is shared: wall time would count other people's work) and wall seconds; each
is the median over ``--runs`` processes. The last line is the whole process as the
system counts it (user + system CPU, from outside): with the interpreter's start and
the command's end, which the phases do not see.

The floor: the PDF this build wrote is opened, its font subsets decompressed and its page
streams compressed again at zlib's level 6 (what reportlab uses), timed: no tool writing
this document with these fonts does less.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "source" / "beijing-science-technology-work-report-2016.txt"
PHASES = ("interpreter start", "imports", "reading", "figures", "fonts", "layout", "writing")

#: The child: times each phase of one cold build from inside, prints them as JSON.
CHILD = r"""
import json, sys, time
clock = time.thread_time
marks = {}
started = (clock(), time.perf_counter())

def add(name, cpu, wall):
    old = marks.get(name, (0.0, 0.0))
    marks[name] = (old[0] + cpu, old[1] + wall)

def timed(name, function):
    def wrapper(*args, **kwargs):
        cpu, wall = clock(), time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            add(name, clock() - cpu, time.perf_counter() - wall)
    return wrapper

import exporter._startup  # compiled patterns and dataclass methods, as a command starts
import atexit, exporter._program
atexit.register(exporter._program._end_at_once)  # the process ends as the command's: main
# registers this first thing, before the build's imports (reportlab's logging) add theirs
import exporter.build, exporter.figures, exporter.readers.text
import exporter.renderers.pdf.writer as writer
add("imports", clock() - started[0], time.perf_counter() - started[1])

exporter.figures.extract_figures = timed("figures", exporter.figures.extract_figures)
exporter.build.read_report = timed("reading", exporter.build.read_report)
writer.prepare_pdf_fonts = timed("fonts", writer.prepare_pdf_fonts)
writer._layout = timed("layout", writer._layout)
writer._Canvas.save = timed("writing", writer._Canvas.save)
sys.argv = ["exporter", "build", *sys.argv[1:]]
try:
    exporter._program.main()
except SystemExit as exit:
    if exit.code:
        raise
# Nested phases: reading includes figures, layout includes writing.
for outer, inner in (("reading", "figures"), ("layout", "writing")):
    marks[outer] = tuple(a - b for a, b in zip(marks[outer], marks[inner]))
marks["total"] = (clock() - started[0], time.perf_counter() - started[1])
print(json.dumps(marks))
"""


def run_child(report: Path, out: Path) -> dict[str, list[float]]:
    before, started = os.times(), time.perf_counter()
    done = subprocess.run([sys.executable, "-c", CHILD, str(report), "--full", "--quiet",
                           "--format", "pdf", "--out", str(out)], capture_output=True,
                          text=True, check=True, cwd=ROOT)
    wall, after = time.perf_counter() - started, os.times()
    result: dict[str, list[float]] = json.loads(done.stdout.strip().splitlines()[-1])
    result["process"] = [after.children_user + after.children_system
                         - before.children_user - before.children_system, wall]
    return result


def interpreter_start() -> tuple[float, float]:
    """(CPU, wall) seconds of ``python -c pass`` in this venv."""
    before = os.times()
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    wall = time.perf_counter() - started
    after = os.times()
    return (after.children_user + after.children_system - before.children_user
            - before.children_system), wall


def floor(pdf: Path, runs: int) -> tuple[float, float, int, int]:
    """(seconds to decompress the font subsets embedded in ``pdf``, seconds to compress
    its page streams at level 6, bytes of font data, bytes of page data), each time the
    best of ``runs``: the least any tool writing this document with these fonts does.
    reportlab writes no object streams, so each stream is found by its dictionary and
    ``/Length``; a font file's dictionary has ``/Length1``."""
    data = pdf.read_bytes()
    fonts: list[bytes] = []
    pages: list[bytes] = []
    for match in _STREAM.finditer(data):
        head = match.group(1)
        length = re.search(rb"/Length (\d+)", head)
        if length is None or b"/FlateDecode" not in head:
            continue
        body = data[match.end():match.end() + int(length.group(1))]
        if b"/Length1" in head:
            fonts.append(body)
        else:
            pages.append(zlib.decompress(body))
    inflate = min(_timed(lambda: [zlib.decompress(d) for d in fonts]) for _ in range(runs))
    deflate = min(_timed(lambda: [zlib.compress(d, 6) for d in pages]) for _ in range(runs))
    return inflate, deflate, sum(len(zlib.decompress(d)) for d in fonts), sum(map(len, pages))


_STREAM = re.compile(rb"\d+ 0 obj\s*(<<.*?)stream\r?\n", re.DOTALL)


def _timed(work: object) -> float:
    started = time.perf_counter()
    work()  # type: ignore[operator]
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("report", nargs="?", type=Path, default=SAMPLE)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    out = Path(tempfile.mkdtemp(prefix="exporter-phases-"))
    run_child(args.report, out)  # warm: font and pattern caches, bytecode
    runs = [run_child(args.report, out) for _ in range(args.runs)]
    starts = [interpreter_start() for _ in range(args.runs)]
    load = os.getloadavg()
    print(f"{args.report.name}, --full --format pdf; median of {args.runs} "
          f"processes; load average {load[0]:.2f} / {load[1]:.2f} / {load[2]:.2f}")
    print()
    print("| phase | CPU (ms) | wall (ms) |")
    print("|---|---|---|")
    medians = {"interpreter start": tuple(statistics.median(s[i] for s in starts)
                                          for i in (0, 1))}
    for phase in [*PHASES[1:], "total", "process"]:
        medians[phase] = tuple(statistics.median(r[phase][i] for r in runs) for i in (0, 1))
    names = {"total": "total (from the first import)",
             "process": "the whole process, from outside (user + system)"}
    for phase in [*PHASES, "total", "process"]:
        cpu, wall = medians[phase]
        print(f"| {names.get(phase, phase)} | {cpu * 1000:.0f} | {wall * 1000:.0f} |")
    pdf = next(out.glob("*.pdf"), None)
    if pdf is not None:
        inflate, deflate, font_bytes, page_bytes = floor(pdf, args.runs)
        print()
        print(f"floor: decompressing the PDF's font subsets ({font_bytes / 1024:.0f} KB) "
              f"{inflate * 1000:.1f} ms; compressing its page streams "
              f"({page_bytes / 1024:.0f} KB) at level 6 {deflate * 1000:.1f} ms; a bare "
              f"interpreter {medians['interpreter start'][1] * 1000:.0f} ms")


if __name__ == "__main__":
    main()
