"""Score the figure extractor on the held-out Shanghai 2026 report, restricted to the
paragraphs the partial gold annotates (``tests/fixtures/figures/shanghai-partial-gold.jsonl``).

    python bench/eval_heldout.py [--show]

The report is read with the real reader; a predicted figure counts only when its
paragraph holds a gold sentence (every annotated paragraph is annotated in full, see
``shanghai-partial-gold.notes.md``). Scoring is ``shared/tools/score_figures.py``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path

from exporter.readers import read_report

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
REPORT = SHARED / "dev-reports" / "shanghai-gwr-2026.txt"
GOLD = ROOT / "tests" / "fixtures" / "figures" / "shanghai-partial-gold.jsonl"
SCORER = SHARED / "tools" / "score_figures.py"


def restricted_predictions() -> list[dict]:
    """Predicted figures of the paragraphs the gold annotates, in reading order."""
    sentences = {json.loads(line)["sentence"] for line in GOLD.open(encoding="utf-8")}
    report = read_report(REPORT.read_bytes(), REPORT.name)
    kept = {p.id for p, _ in report.paragraphs() if any(s in p.text for s in sentences)}
    return [asdict(f) for f in report.figures if f.paragraph in kept]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show", action="store_true", help="list misses, extras and wrong fields")
    a = ap.parse_args(argv)
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8", delete=False) as f:
        for row in restricted_predictions():
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    args = [sys.executable, str(SCORER), f.name, str(GOLD), "--min-f1", "0.95",
            "--min-values", "0.97", "--min-labels", "0.85", "--min-periods", "0.80"]
    try:
        return subprocess.run(args + (["--show"] if a.show else []), check=False).returncode
    finally:
        Path(f.name).unlink()


if __name__ == "__main__":
    sys.exit(main())
