"""Benchmark: PDF font preparation for the sample report, cold (empty cache) and warm.

Each run is a fresh process, as a real build is, so the warm figure is what the disk
cache saves and not what a process-local registry does. Imports (reportlab, which the PDF
renderer loads anyway) happen before the clock starts. Targets: ≤ 2 s cold, < 0.05 s warm (wall; CPU time is shown too, as a
busy machine inflates wall time).

    .venv/bin/python bench/bench_fonts.py [THEME ...]     # default: modern official
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

_CHILD = """
import sys, time
from pathlib import Path
import reportlab.pdfbase.pdfmetrics, reportlab.pdfbase.ttfonts, reportlab.pdfbase.cidfonts
from exporter._data import sample_report
from exporter.renderers.pdf.fonts import prepare_pdf_fonts
from exporter.theme import load_theme
theme = load_theme(sys.argv[1])
text = sample_report().read_text(encoding="utf-8")
start, cpu = time.perf_counter(), time.process_time()
fonts = prepare_pdf_fonts(theme, text, cache_dir=Path(sys.argv[2]))
print(f"{time.perf_counter() - start:.3f} {time.process_time() - cpu:.3f} {len(set(text))} {fonts.embedded}")
"""


def run(theme: str, cache: Path) -> tuple[float, float, int, str]:
    """(wall seconds, CPU seconds, distinct characters, embedded) of one preparation."""
    out = subprocess.run([sys.executable, "-c", _CHILD, theme, str(cache)], check=True,
                         capture_output=True, text=True).stdout.split()
    return float(out[0]), float(out[1]), int(out[2]), out[3]


def main(themes: list[str]) -> int:
    failed = False
    for theme in themes:
        with tempfile.TemporaryDirectory() as cache:
            cold, cold_cpu, chars, embedded = run(theme, Path(cache))
            warm, warm_cpu = min(run(theme, Path(cache))[:2] for _ in range(3))
        ok = cold <= 2.0 and warm < 0.05
        failed |= not ok
        print(f"{theme:10} {chars} distinct chars  cold {cold:.3f} s (CPU {cold_cpu:.3f})  "
              f"warm {warm:.3f} s (CPU {warm_cpu:.3f})  embedded={embedded}  "
              f"{'ok' if ok else 'OVER TARGET'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["modern", "official"]))
