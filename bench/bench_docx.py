"""Benchmark the Word renderer (``--full``) against pandoc, run by hand (not a test).

    .venv/bin/pip install pypandoc-binary      # the peer; not a project dependency
    .venv/bin/python bench/bench_docx.py [--times 1 100] [--repeat 3] [--theme official]

For the sample and its N× scaled copies (``shared/tools/make_scaled.py``) it reads the
report once (untimed), then times ``render("docx", …, full=True)`` into memory (best of
``--repeat``), and measures peak memory in fresh subprocesses: the process's peak RSS (reading
included; the budget applies to it) and, separately, tracemalloc's peak of the render. The peer is pandoc converting the same content, written as
Markdown (title, headings by level, every paragraph, notes), to DOCX; its time is the best
wall-clock run of the binary, its memory the child's peak RSS. Budget: no slower than pandoc,
under 300 MB.
"""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "source" / "beijing-science-technology-work-report-2016.txt"
SCALER = ROOT.parent / "shared" / "tools" / "make_scaled.py"
BUDGET_MB = 300.0

#: Run in a fresh interpreter so the peak RSS is the render's, not an earlier size's.
_MEMORY_PROBE = """
import io, json, re, sys, tracemalloc
from pathlib import Path
from exporter.readers import read_report
from exporter.renderers import RenderOptions, render
from exporter.theme import load_theme
def peak_rss():  # VmHWM: unlike ru_maxrss it does not inherit the parent's peak
    status = Path("/proc/self/status").read_text()
    return int(re.search(r"VmHWM:\\s+(\\d+)", status).group(1)) / 1024
source, theme, traced = Path(sys.argv[1]), load_theme(sys.argv[2]), sys.argv[3] == "traced"
report = read_report(source.read_bytes(), source.name)
before = peak_rss()
if traced:
    tracemalloc.start()
render("docx", report, theme, RenderOptions(full=True), io.BytesIO())
peak = tracemalloc.get_traced_memory()[1] / 2**20 if traced else 0.0
after = peak_rss()
print(json.dumps({"traced": peak, "rss": after, "rss_before": before}))
"""
_CHILD_RSS = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True); "
              "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)")


def markdown(report: object) -> str:
    """The report's content as Markdown: what pandoc gets to convert."""
    meta = report.meta  # type: ignore[attr-defined]
    lines = [f"% {meta.title or ''}", ""]
    lines += [p.text + "\n" for p in report.preamble]  # type: ignore[attr-defined]
    for section, _ in report.walk():  # type: ignore[attr-defined]
        lines.append(f"{'#' * min(section.level, 6)} {section.heading}\n")
        lines += [p.text + "\n" for p in section.paragraphs]
    if report.notes:  # type: ignore[attr-defined]
        lines.append("# 名词解释\n")
        lines += [f"{n.label}{n.term or ''} {n.text}\n" for n in report.notes]  # type: ignore[attr-defined]
    return "\n".join(lines)


def best_of(repeat: int, action: object) -> list[float]:
    seconds = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()  # type: ignore[operator]
        seconds.append(time.perf_counter() - started)
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--times", type=int, nargs="+", default=[1, 100])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--theme", default="official")
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    from exporter.readers import read_report
    from exporter.renderers import RenderOptions, render
    from exporter.theme import load_theme

    try:
        import pypandoc

        pandoc: str | None = pypandoc.get_pandoc_path()
    except (ImportError, OSError):
        pandoc = None
    theme, options = load_theme(args.theme), RenderOptions(full=True)
    rows = []
    ok = True
    with tempfile.TemporaryDirectory() as folder:
        for times in args.times:
            source = Path(folder) / f"sample-x{times}.txt"
            subprocess.run([sys.executable, str(SCALER), str(SAMPLE), str(times), str(source)],
                           check=True)
            report = read_report(source.read_bytes(), source.name)
            sink = io.BytesIO()
            render("docx", report, theme, options, sink)  # warm imports
            ours = min(best_of(args.repeat, lambda report=report: render(
                "docx", report, theme, options, io.BytesIO())))
            # RSS without tracemalloc (whose own bookkeeping would inflate it); tracemalloc
            # in a second run sees Python allocations only, not libxml2's.
            memory = {mode: json.loads(subprocess.run(
                [sys.executable, "-c", _MEMORY_PROBE, str(source), args.theme, mode],
                capture_output=True, text=True, check=True, cwd=ROOT).stdout)
                for mode in ("rss", "traced")}
            memory = {"traced": memory["traced"]["traced"], "rss": memory["rss"]["rss"],
                      "rss_before": memory["rss"]["rss_before"]}
            peer: float | None = None
            peer_rss = float("nan")
            if pandoc:
                md = Path(folder) / f"x{times}.md"
                md.write_text(markdown(report), encoding="utf-8")
                command = [pandoc, "-f", "markdown", "-t", "docx", "-o",
                           str(Path(folder) / f"x{times}.docx"), str(md)]
                peer = min(best_of(args.repeat,
                                   lambda command=command: subprocess.run(command, check=True)))
                peer_rss = float(subprocess.run([sys.executable, "-c", _CHILD_RSS, *command],
                                                capture_output=True, text=True,
                                                check=True).stdout)
            chars = sum(len(p.text) for p, _ in report.paragraphs())
            rows.append((times, chars, len(sink.getvalue()), ours, memory, peer, peer_rss))
            ok = ok and memory["rss"] < BUDGET_MB
            ok = ok and (peer is None or ours <= peer)

    print(f"theme {args.theme}, --full, best of {args.repeat}; pandoc: {pandoc or 'not installed'}")
    print("| input | characters | docx size | exporter | pandoc | exporter peak RSS (after "
          "reading) / Python traced | pandoc peak RSS |")
    print("|---|---|---|---|---|---|---|")
    for times, chars, size, ours, memory, peer, peer_rss in rows:
        print(f"| sample ×{times} | {chars:,} | {size / 1024:,.0f} KB | {ours:.2f} s | "
              f"{'—' if peer is None else f'{peer:.2f} s'} | {memory['rss']:.0f} MB ({memory['rss_before']:.0f} MB) / "
              f"{memory['traced']:.0f} MB | "
              f"{peer_rss:.0f} MB |")
    print("within budget" if ok else "OVER BUDGET")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
