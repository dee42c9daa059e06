"""Benchmark the whole build against the peer chain, run by hand (not a test).

    .venv/bin/pip install pypandoc-binary   # the peer: pandoc from PyPI
    .venv/bin/python bench/bench_build.py [--quick]

Measures, side by side in one run on this machine:
  1. the sample, all three formats, --full, as a cold command, against pandoc
     (Markdown → DOCX) plus LibreOffice headless (DOCX → PDF) on the same content;
  2. the 100× sample (body repeated 100 times) the same way, with peak memory;
  3. the cost curve at 1×, 10×, 100×;
  4. a batch of 100 copies of the sample with --jobs 2 (reports per second);
  5. `exporter --help` start-up time.
Prints a Markdown table for the README.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "source" / "beijing-science-technology-work-report-2016.txt"
SCALER = ROOT.parent / "shared" / "tools" / "make_scaled.py"
EXPORTER = [sys.executable, "-m", "exporter"]


def timed(cmd: list[str]) -> float:
    """Wall seconds of one command."""
    started = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def peak_rss(cmd: list[str]) -> float:
    """Peak RSS (MB) of one command, measured alone with /usr/bin/time when present."""
    gnu_time = shutil.which("time") or "/usr/bin/time"
    if not Path(gnu_time).exists():
        return float("nan")
    result = subprocess.run([gnu_time, "-f", "%M", *cmd], capture_output=True, text=True,
                            check=True)
    return int(result.stderr.strip().splitlines()[-1]) / 1024


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


def peer(markdown: Path, folder: Path) -> float:
    import pypandoc

    pandoc = pypandoc.get_pandoc_path()
    docx = folder / f"{markdown.stem}.peer.docx"
    soffice = shutil.which("soffice") or "soffice"
    profile = folder / "lo-profile"
    seconds_pandoc = timed([pandoc, str(markdown), "-o", str(docx)])
    seconds_lo = timed([soffice, f"-env:UserInstallation=file://{profile}", "--headless",
                           "--convert-to", "pdf", "--outdir", str(folder / "peer"), str(docx)])
    return seconds_pandoc + seconds_lo


def ours(report: Path, out: Path, *extra: str) -> float:
    return timed([*EXPORTER, "build", str(report), "--full", "--quiet", "--out", str(out),
                   *extra])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="skip the 100-report batch")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="exporter-bench-"))
    rows = []
    # Warm the font cache and LibreOffice's profile once, so "cold command" means a new
    # process, not a first-ever run on the machine.
    ours(SAMPLE, folder / "warm")
    peer(markdown_of(SAMPLE, folder), folder)
    curve = {}
    for n in (1, 10, 100):
        report = scaled(n, folder)
        seconds = ours(report, folder / f"out{n}")
        curve[n] = seconds
        if n in (1, 100):
            peer_seconds = peer(markdown_of(report, folder), folder)
            memory = peak_rss([*EXPORTER, "build", str(report), "--full", "--quiet", "--out",
                               str(folder / f"mem{n}")])
            rows.append((f"{n}× sample, 3 formats, --full", seconds, peer_seconds, memory))
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}")
    print()
    print("| run | exporter (s) | pandoc + LibreOffice (s) | ratio | peak RSS (MB) |")
    print("|---|---|---|---|---|")
    for name, seconds, peer_seconds, memory in rows:
        print(f"| {name} | {seconds:.2f} | {peer_seconds:.2f} | {seconds / peer_seconds:.2f} "
              f"| {memory:.0f} |")
    print()
    print("| size | seconds | seconds per 1× |")
    print("|---|---|---|")
    for n, seconds in curve.items():
        print(f"| {n}× | {seconds:.2f} | {seconds / n:.3f} |")
    if not args.quick:
        batch = folder / "batch"
        batch.mkdir()
        for i in range(100):
            shutil.copy(SAMPLE, batch / f"report-{i:03d}.txt")
        seconds = ours(batch, folder / "batch-out", "--jobs", "2")
        print()
        print(f"batch of 100 reports, --jobs 2: {seconds:.1f} s, {100 / seconds:.1f} reports/s")
    started = time.perf_counter()
    subprocess.run([*EXPORTER, "--help"], check=True, stdout=subprocess.DEVNULL)
    print(f"`exporter --help`: {time.perf_counter() - started:.3f} s")
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
