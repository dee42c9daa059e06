"""PDF speed against its peer (not a timed test; run by hand on a quiet machine).

    .venv/bin/python bench/bench_pdf.py [--scale 100] [--skip-peer]

1. The ``--full`` PDF of the sample repeated ``scale`` times (shared/tools/make_scaled.py):
   reading it, then rendering it, wall and CPU seconds, and the peak memory of a process
   doing both. Target: the render at most half of the peer's time, peak under 400 MB.
   Then the render alone, as a build runs it (cycle collector paused), best of three
   from the model read once and pickled: CPU seconds, which a busy machine disturbs far
   less than wall time; and the CPU (user + sys, every process) of the command
   ``exporter build --full --format pdf`` on the same text.
2. The peer: pandoc turns the same text into DOCX (``pip install pypandoc-binary``; bench
   only), then LibreOffice headless turns that DOCX into PDF; the conversion is timed.
3. The sample's summary PDF, warm (fonts cached, modules imported). Target: under 0.3 s.
"""

from __future__ import annotations

import argparse
import io
import json
import pickle
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCALER = ROOT.parent / "shared" / "tools" / "make_scaled.py"
SAMPLE = ROOT / "source" / "beijing-science-technology-work-report-2016.txt"


def child(path: Path) -> None:
    """Read and render one report in this process; print the timings as JSON."""
    from exporter.readers import read_report
    from exporter.renderers import RenderOptions
    from exporter.renderers.pdf.writer import render
    from exporter.theme import load_theme

    wall, cpu = time.perf_counter(), time.process_time()
    report = read_report(path.read_bytes(), path.name)
    read = (time.perf_counter() - wall, time.process_time() - cpu)
    wall, cpu = time.perf_counter(), time.process_time()
    out = io.BytesIO()
    render(report, load_theme("modern"), RenderOptions(full=True), out)
    done = (time.perf_counter() - wall, time.process_time() - cpu)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"read": read, "render": done, "peak_mb": peak_mb,
                      "bytes": len(out.getvalue()), "chars": len(path.read_text("utf-8")),
                      "render_cpu_best": render_cpu(report)}))


def render_cpu(report: object, runs: int = 3) -> float:
    """The best CPU seconds of ``runs`` renders of a fresh copy of ``report`` (``--full``),
    the cycle collector paused as a build pauses it."""
    from exporter.build import collector_paused
    from exporter.renderers import RenderOptions
    from exporter.renderers.pdf.writer import render
    from exporter.theme import load_theme

    pickled = pickle.dumps(report)
    theme = load_theme("modern")
    best = float("inf")
    for _ in range(runs):
        copy = pickle.loads(pickled)
        with collector_paused():
            started = time.process_time()
            render(copy, theme, RenderOptions(full=True), io.BytesIO())
            best = min(best, time.process_time() - started)
    return best


def command_cpu(text_path: Path, work: Path) -> float:
    """CPU seconds (user + sys, the command and every process it starts) of the PDF
    build of ``text_path``."""
    exporter = Path(sys.executable).with_name("exporter")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([str(exporter), "build", str(text_path), "--full", "--format", "pdf",
                    "--out", str(work / "command"), "--quiet"], check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def summary_warm() -> float:
    """Seconds for the sample's summary PDF once fonts and modules are warm."""
    from exporter.readers import read_report
    from exporter.renderers import RenderOptions
    from exporter.renderers.pdf.writer import render
    from exporter.theme import load_theme

    report = read_report(SAMPLE.read_bytes(), SAMPLE.name)
    theme = load_theme("modern")
    render(report, theme, RenderOptions(), io.BytesIO())
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        render(report, theme, RenderOptions(), io.BytesIO())
        best = min(best, time.perf_counter() - started)
    return best


def peer(text_path: Path, work: Path) -> float | None:
    """Seconds LibreOffice headless takes to turn pandoc's DOCX of the text into PDF."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    try:
        import pypandoc  # type: ignore[import-not-found]
    except ImportError:
        print("peer skipped: pip install pypandoc-binary into .venv", file=sys.stderr)
        return None
    if soffice is None:
        print("peer skipped: LibreOffice is not installed", file=sys.stderr)
        return None
    paragraphs = [line.strip() for line in text_path.read_text("utf-8").splitlines()
                  if line.strip()]
    markdown = work / "peer.md"
    markdown.write_text("\n\n".join(paragraphs), encoding="utf-8")
    docx = work / "peer.docx"
    pypandoc.convert_file(str(markdown), "docx", outputfile=str(docx))
    profile = work / "lo-profile"
    command = [soffice, f"-env:UserInstallation=file://{profile}", "--headless",
               "--convert-to", "pdf", "--outdir", str(work), str(docx)]
    subprocess.run(command, check=True, capture_output=True)  # first run creates the profile
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=100)
    parser.add_argument("--skip-peer", action="store_true")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return 0
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        scaled = work / f"x{args.scale}.txt"
        subprocess.run([sys.executable, str(SCALER), str(SAMPLE), str(args.scale), str(scaled)],
                       check=True, capture_output=True)
        result = json.loads(subprocess.run(
            [sys.executable, __file__, "--child", str(scaled)], check=True,
            capture_output=True, text=True).stdout)
        command = command_cpu(scaled, work)
        peer_seconds = None if args.skip_peer else peer(scaled, work)
    warm = summary_warm()
    render_wall, render_cpu = result["render"]
    print(f"{args.scale}x sample: {result['chars']:,} characters, PDF {result['bytes']:,} bytes")
    print(f"  read   {result['read'][0]:.2f} s wall, {result['read'][1]:.2f} s CPU")
    print(f"  render {render_wall:.2f} s wall, {render_cpu:.2f} s CPU (--full)")
    print(f"  render alone, best of 3: {result['render_cpu_best']:.2f} s CPU; "
          f"the command: {command:.2f} s CPU")
    print(f"  peak memory {result['peak_mb']:.0f} MB (target < 400)")
    ok = result["peak_mb"] < 400 and warm < 0.3
    if peer_seconds is not None:
        print(f"  peer: LibreOffice DOCX→PDF {peer_seconds:.2f} s; "
              f"target render ≤ {peer_seconds / 2:.2f} s")
        ok = ok and render_wall <= peer_seconds / 2
    print(f"sample summary PDF, warm: {warm:.3f} s (target < 0.3)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
