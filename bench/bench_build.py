"""Benchmark the whole build against the peer chain, run by hand (not a test).

    .venv/bin/pip install pypandoc-binary   # the peer: pandoc from PyPI
    .venv/bin/python bench/bench_build.py [--quick] [--repeat N]

Measures, side by side in one run on this machine (each time the best of ``--repeat``
runs, ours and the peers' alike, since a shared machine only ever adds time; memory comes
from one more run watched from /proc, never from a timed one):
  1. the sample, all three formats, --full, as a cold command, against pandoc
     (Markdown → DOCX) plus LibreOffice headless (DOCX → PDF) on the same content;
  2. the 100× sample (body repeated 100 times) the same way, with peak memory (the
     sum over the build's processes: the PDF renders in a forked child);
  3. the cost curve at 1×, 10×, 100×;
  4. the --full PDF alone of the 100× sample against LibreOffice's DOCX → PDF alone,
     and the sample's summary PDF as a warm in-process render;
  5. a batch of 100 copies of the sample with --jobs 2 (reports per second);
  6. `exporter --help` start-up time;
  7. Typst as a peer (``bench_typst.py``, the ``bench`` extra): paired cold runs of
     exporter's full PDF alone and of all three formats against ``typst.compile`` on the
     same content, at 1× and 100×, with the machine's load average.
"Cold command" means a new process, after one warm-up run has filled the font cache
and LibreOffice's profile and our modules are byte-compiled (as an installed package
is), not a first-ever run on the machine. Prints Markdown tables for the README.
"""

from __future__ import annotations

import argparse
import io
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _measure import run, watched

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "source" / "beijing-science-technology-work-report-2016.txt"
SCALER = ROOT.parent / "shared" / "tools" / "make_scaled.py"
EXPORTER = [sys.executable, "-m", "exporter"]


def best(cmd: list[str], repeat: int, memory: bool = True) -> tuple[float, float, float]:
    """The fastest of ``repeat`` unwatched runs, and (with ``memory``) the peak RSS and
    PSS of one more, watched run."""
    seconds = min(run(cmd).wall for _ in range(repeat))
    if not memory:
        return seconds, 0.0, 0.0
    peak = watched(cmd)
    return seconds, peak.rss_mb, peak.pss_mb


def scaled(n: int, folder: Path) -> Path:
    if n == 1:
        return SAMPLE
    target = folder / f"sample-x{n}.txt"
    subprocess.run([sys.executable, str(SCALER), str(SAMPLE), str(n), str(target)], check=True)
    return target


def markdown_of(report_path: Path, folder: Path) -> Path:
    """The same content as Markdown, for the pandoc peer."""
    sys.path.insert(0, str(ROOT))
    from exporter.readers import read_report

    report = read_report(report_path.read_bytes(), report_path.name, extract_figures=False)
    lines = [f"# {report.meta.title or ''}", ""]
    for paragraph in report.preamble:
        lines += [paragraph.text, ""]
    for section, _ in report.walk():
        lines += ["#" * min(section.level + 1, 6) + f" {section.label}{section.title}", ""]
        for paragraph in section.paragraphs:
            lines += [paragraph.text, ""]
    target = folder / f"{report_path.stem}.md"
    target.write_text("\n".join(lines), encoding="utf-8")
    return target


def peer(markdown: Path, folder: Path, repeat: int) -> tuple[float, float]:
    """(pandoc Markdown → DOCX, LibreOffice DOCX → PDF) seconds, each the best of runs."""
    import pypandoc

    pandoc = pypandoc.get_pandoc_path()
    docx = folder / f"{markdown.stem}.peer.docx"
    soffice = shutil.which("soffice") or "soffice"
    profile = folder / "lo-profile"
    seconds_pandoc = best([pandoc, str(markdown), "-o", str(docx)], repeat, memory=False)[0]
    seconds_lo = best([soffice, f"-env:UserInstallation=file://{profile}", "--headless",
                       "--convert-to", "pdf", "--outdir", str(folder / "peer"), str(docx)],
                      repeat, memory=False)[0]
    return seconds_pandoc, seconds_lo


def ours(report: Path, out: Path, repeat: int, *extra: str,
         memory: bool = True) -> tuple[float, float, float]:
    return best([*EXPORTER, "build", str(report), "--full", "--quiet", "--out", str(out),
                 *extra], repeat, memory)


def summary_pdf_warm() -> float:
    """The sample's summary PDF rendered in-process after one warm-up render."""
    sys.path.insert(0, str(ROOT))
    from exporter.readers import read_report
    from exporter.renderers import RenderOptions, render
    from exporter.theme import load_theme

    report = read_report(SAMPLE.read_bytes(), SAMPLE.name)
    theme = load_theme("modern")
    times = []
    for _ in range(4):
        started = time.perf_counter()
        render("pdf", report, theme, RenderOptions(), io.BytesIO())
        times.append(time.perf_counter() - started)
    return min(times[1:])


def machine() -> str:
    """One line describing the machine and the tools measured."""
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        memory = int(Path("/proc/meminfo").read_text().split()[1]) / 2**20
    except OSError:
        memory = float("nan")
    import pypandoc
    import reportlab

    office = subprocess.run([shutil.which("soffice") or "soffice", "--version"],
                            capture_output=True, text=True, check=False).stdout.split()[:2]
    return (f"{model}, {os.cpu_count()} cores, {memory:.0f} GB RAM, {platform.system()}; "
            f"Python {platform.python_version()}, reportlab {reportlab.Version}; peers: "
            f"pandoc {pypandoc.get_pandoc_version()}, {' '.join(office)}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="skip the 100-report batch")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (best)")
    parser.add_argument("--pairs", type=int, default=7, help="paired runs against Typst")
    parser.add_argument("--typst-only", action="store_true",
                        help="only the Typst comparison (no pandoc or LibreOffice)")
    args = parser.parse_args()
    repeat = args.repeat
    folder = Path(tempfile.mkdtemp(prefix="exporter-bench-"))
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "exporter")],
                   check=True, stdout=subprocess.DEVNULL)
    if args.typst_only:
        typst_table(args.pairs, folder)
        return
    # Warm the font cache and LibreOffice's profile once.
    ours(SAMPLE, folder / "warm", 1, memory=False)
    peer(markdown_of(SAMPLE, folder), folder, 1)
    rows = []
    curve = {}
    pdf_row = None
    for n in (1, 10, 100):
        report = scaled(n, folder)
        seconds, rss, pss = ours(report, folder / f"out{n}", repeat)
        curve[n] = seconds
        if n in (1, 100):
            pandoc_s, office_s = peer(markdown_of(report, folder), folder, repeat)
            rows.append((f"{n}× sample, 3 formats, --full", seconds, pandoc_s + office_s,
                         rss, pss))
        if n == 100:
            pdf_s, pdf_rss, pdf_pss = ours(report, folder / "pdf100", repeat, "--format", "pdf")
            pdf_row = ("100× sample, PDF alone, --full (peer: LibreOffice DOCX → PDF)",
                       pdf_s, office_s, pdf_rss, pdf_pss)
    assert pdf_row is not None
    rows.append(pdf_row)
    print(f"machine: {machine()}")
    print(f"(each time the best of {repeat} unwatched runs; memory from one more run, "
          "summed over the build's processes: RSS counts pages a forked child shares once "
          "per process, PSS splits them)")
    print()
    print("| run | exporter (s) | pandoc + LibreOffice (s) | ratio | peak RSS (MB) "
          "| peak PSS (MB) |")
    print("|---|---|---|---|---|---|")
    for name, seconds, peer_seconds, rss, pss in rows:
        print(f"| {name} | {seconds:.2f} | {peer_seconds:.2f} | {seconds / peer_seconds:.2f} "
              f"| {rss:.0f} | {pss:.0f} |")
    print()
    print("| size | seconds | seconds per 1× |")
    print("|---|---|---|")
    for n, seconds in curve.items():
        print(f"| {n}× | {seconds:.2f} | {seconds / n:.3f} |")
    print()
    print(f"sample summary PDF, warm (in-process): {summary_pdf_warm():.3f} s")
    if not args.quick:
        batch = folder / "batch"
        batch.mkdir()
        for i in range(100):
            shutil.copy(SAMPLE, batch / f"report-{i:03d}.txt")
        seconds = ours(batch, folder / "batch-out", 1, "--jobs", "2", memory=False)[0]
        print(f"batch of 100 reports, 3 formats, --full, --jobs 2: {seconds:.1f} s, "
              f"{100 / seconds:.1f} reports/s")
    print(f"`exporter --help`: {min(run([*EXPORTER, '--help']).wall for _ in range(5)):.3f} s")
    print()
    typst_table(args.pairs, folder)


def typst_table(pairs: int, folder: Path) -> None:
    """The paired comparison with Typst (``bench_typst.py``), printed; removes ``folder``."""
    sys.path.insert(0, str(ROOT / "bench"))
    import bench_typst

    load = os.getloadavg()
    rows = bench_typst.typst_rows((1, 100), pairs, folder)
    print(bench_typst.report(rows, pairs, load))
    print()
    for line in bench_typst.start_up(pairs):
        print(f"- {line}")
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
