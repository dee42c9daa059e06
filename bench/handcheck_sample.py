"""Print a fixed sample of figures from the reports that have no gold, for a hand check.

    .venv/bin/python bench/handcheck_sample.py [--per-report 10] [--offset 0.5] [DIR ...]

For every report (by default ``../shared/dev-reports/unlabelled`` and Shanghai 2026) it
takes ``--per-report`` figures spread evenly over the report (the k-th at position
``(k + offset) / per_report`` of its figure list), and prints each with the fields a
checker judges against ``shared/spec/figures.md`` and ``indicators.md`` (value, range,
unit, qualifier, period, role, change, indicator) and the text around it. A different
``--offset`` gives a second, disjoint sample. The results of the checks are in
``handcheck.md``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from exporter.readers import read_report

SHARED = Path(__file__).resolve().parents[2] / "shared" / "dev-reports"
DEFAULT = [*sorted((SHARED / "unlabelled").glob("*.txt")), SHARED / "shanghai-gwr-2026.txt"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("reports", nargs="*", type=Path)
    parser.add_argument("--per-report", type=int, default=10)
    parser.add_argument("--offset", type=float, default=0.5)
    args = parser.parse_args()
    for path in args.reports or DEFAULT:
        report = read_report(path.read_bytes(), path.name)
        figures = report.figures
        picks = sorted({int((k + args.offset) * len(figures) / args.per_report)
                        for k in range(args.per_report)} & set(range(len(figures))))
        for index in picks:
            f = figures[index]
            at = f.sentence.find(f.text)
            high = f"-{f.value_high:g}" if f.value_high is not None else ""
            print(f"{path.stem} {f.id} {f.paragraph} [{f.text}] {f.value:g}{high} {f.unit} "
                  f"{f.qualifier} P={f.period} R={f.role} C={f.change} I={f.indicator}")
            print(f"    {f.sentence[max(0, at - 45):at + len(f.text) + 15]}")


if __name__ == "__main__":
    main()
