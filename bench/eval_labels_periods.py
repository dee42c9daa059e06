"""Score ``metric_for`` and ``period_for`` on the gold figure lists, the way
``score_figures.py`` scores labels and periods, without the figure detector.

For each gold figure, ``text`` is found in ``sentence`` (the n-th standalone
occurrence for the n-th figure with that text in the sentence); the sentence is
located in the report to get its paragraph (the enclosing line) and section path
(the nearest heading lines above). Usage::

    python bench/eval_labels_periods.py [--show] [NAME ...]

NAME is one of seed, national-gwr-2017, sichuan-gwr-2026 (all by default).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
from pathlib import Path

from exporter.figures.labels import metric_for
from exporter.figures.periods import period_for

SHARED = Path(__file__).resolve().parents[2] / "shared"
REPORTS = {
    "seed": (SHARED / "seeds" / "000_6e84a02cfd4264a6.txt", 2016),
    "national-gwr-2017": (SHARED / "dev-reports" / "national-gwr-2017.txt", 2017),
    "sichuan-gwr-2026": (SHARED / "dev-reports" / "sichuan-gwr-2026.txt", 2026),
}
_CN = "一二三四五六七八九十"
_HEADING = [
    (1, re.compile(rf"^[{_CN}]+、")),
    (2, re.compile(rf"^[（(][{_CN}]+[）)]")),
    (3, re.compile(r"^\d{1,2}[.．、](?!\d)")),
]


def norm(s: str | None) -> str:
    return "".join(unicodedata.normalize("NFKC", s or "").split())


def label_ok(metric: str, gold: dict) -> bool:
    """The scorer's rule: holds the key and is at most 2×len(gold metric)+4 long."""
    pred, want = norm(metric), norm(gold.get("metric"))
    return norm(gold.get("metric_key")) in pred and len(pred) <= 2 * len(want) + 4


def heading_title(line: str) -> str:
    """A run-in heading's title ends at its first 。."""
    return line.split("。", 1)[0]


def contexts(text: str) -> list[tuple[str, list[str]]]:
    """(paragraph, headings) for every non-blank line of the report."""
    stack: dict[int, str] = {}
    out = []
    for raw in text.splitlines():
        line = raw.strip(" \t\u3000\u00a0")
        if not line:
            continue
        for level, pattern in _HEADING:
            if pattern.match(line) and len(heading_title(line)) <= 40:
                stack = {k: v for k, v in stack.items() if k < level}
                stack[level] = heading_title(line)
                break
        out.append((line, [stack[k] for k in sorted(stack)]))
    return out


def occurrences(sentence: str, text: str) -> list[int]:
    """Start offsets of standalone occurrences of text (not after a digit or '.')."""
    found, i = [], sentence.find(text)
    while i >= 0:
        if i == 0 or not (sentence[i - 1].isdigit() or sentence[i - 1] in ".．"):
            found.append(i)
        i = sentence.find(text, i + 1)
    return found


def evaluate(name: str, show: bool) -> tuple[float, float]:
    path, year = REPORTS[name]
    lines = contexts(path.read_text(encoding="utf-8"))
    gold = [json.loads(x) for x in (SHARED / "gold" / f"{name}-figures.jsonl").open(encoding="utf-8")]
    seen: dict[tuple[str, str], int] = {}
    texts: dict[str, set[str]] = {}
    for g in gold:
        texts.setdefault(g["sentence"], set()).add(g["text"])
    label_hits = period_hits = period_total = 0
    elapsed = 0.0
    for g in gold:
        sentence, text = g["sentence"], g["text"]
        nth = seen.get((sentence, text), 0)
        seen[(sentence, text)] = nth + 1
        starts = occurrences(sentence, text)
        # skip occurrences inside a longer gold text of the same sentence (2% in 2%左右)
        longer = [(i, i + len(t)) for t in texts[sentence] if len(t) > len(text) and text in t
                  for i in occurrences(sentence, t)]
        starts = [i for i in starts if not any(a <= i < b for a, b in longer)] or starts
        start = starts[min(nth, len(starts) - 1)]
        end = start + len(text)
        paragraph, headings = next(((p, h) for p, h in lines if sentence in p), (sentence, []))
        t0 = time.perf_counter()
        metric = metric_for(sentence, start, end)
        period = period_for(sentence, start, end, report_year=year, headings=headings,
                            paragraph=paragraph)
        elapsed += time.perf_counter() - t0
        ok_label = label_ok(metric, g)
        label_hits += ok_label
        ok_period = True
        if g.get("period"):
            period_total += 1
            ok_period = str(period) == str(g["period"])
            period_hits += ok_period
        if show and not (ok_label and ok_period):
            marks = ("" if ok_label else "LABEL ") + ("" if ok_period else "PERIOD")
            print(f"  {marks:13} {text!r:14} metric={metric!r} want {g['metric_key']!r}"
                  f" ({g['metric']}) period={period} want {g.get('period')}"
                  f"\n                {sentence[:90]}")
    labels = label_hits / len(gold)
    periods = period_hits / period_total if period_total else 1.0
    print(f"{name:20} figures {len(gold):4}  labels {labels:.3f}  periods {periods:.3f}"
          f"  ({elapsed * 1000:.1f} ms)")
    return labels, periods


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("names", nargs="*", default=list(REPORTS))
    ap.add_argument("--show", action="store_true", help="print every miss")
    a = ap.parse_args(argv)
    results = [evaluate(n, a.show) for n in a.names]
    return 0 if all(lab >= 0.85 and per >= 0.80 for lab, per in results) else 1


if __name__ == "__main__":
    sys.exit(main())
