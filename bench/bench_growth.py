"""How the PDF's cost grows with its input: time and peak memory per unit of input at 1×,
2× and 4× of each hostile shape (issue 18). Linear means the per-unit figures stay flat;
the bar is at most 1.3× per doubling.

    python bench/bench_growth.py [--shapes title,headings,figures] [--scale 1.0] [--full]

Each measurement runs in a fresh process (read the input, render the PDF into memory)
so peak RSS is that run's alone; the time excludes imports. Shapes, at 1× (``--scale``
multiplies the base size):

- ``title``: a report whose title is 500,000 characters (2 million at 4×);
- ``headings``: 25,000 numbered headings, each over a short figure paragraph;
- ``figures``: 0.5 MB of figure-dense text (numbers with units and growth rates).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time

HEAD = "关于某市科技工作的报告\n  ——在2020年某市科技工作会议上的报告\n各位代表：\n"
SHAPES = {"title": 500_000, "headings": 25_000, "figures": 500_000}


def make(shape: str, size: int) -> bytes:
    """The input of ``shape`` at ``size`` units (characters, headings or bytes)."""
    if shape == "title":
        title = ("科技创新驱动高质量发展" * (size // 11 + 1))[:size]
        return (title + "\n各位代表：\n一、总体情况\n全市投资增长5%，新增企业12家。\n").encode()
    if shape == "headings":
        lines = [HEAD]
        for i in range(1, size + 1):
            lines.append(f"{i}.第{i}项工作\n完成投资{i % 97}亿元，增长{i % 50}.5%。\n")
        return "".join(lines).encode()
    sentence = "全市研发投入123.4亿元，增长8.5%，新增高新技术企业1200家，占比达到35.6%。"
    body = []
    count = 0
    section = 0
    while count < size:
        if count % 20_000 < len(sentence.encode()):
            section += 1
            body.append(f"\n{section}.第{section}部分\n")
        body.append(sentence)
        count += len(sentence.encode())
    return (HEAD + "一、总体情况\n" + "".join(body) + "\n").encode()


def measure(shape: str, size: int, full: bool) -> dict[str, float]:
    """Run one measurement in this process (called in a fresh one)."""
    import io

    from exporter.readers import read_report
    from exporter.renderers import RenderOptions, render
    from exporter.theme import load_theme

    data = make(shape, size)
    theme = load_theme("modern")
    chars = "".join(sorted(set(data.decode()) - {"\n"}))
    warm = f"{HEAD}一、情况\n增长5%。{chars}\n".encode()
    render("pdf", read_report(warm, "warm.txt"), theme, RenderOptions(full=full),
           io.BytesIO())  # imports, font subsets of these characters and caches warm
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    report = read_report(data, f"{shape}.txt")
    out = io.BytesIO()
    render("pdf", report, theme, RenderOptions(full=full), out)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"seconds": seconds, "peak_mb": peak / 1024, "grown_mb": (peak - base) / 1024,
            "input_mb": len(data) / 2**20}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shapes", default=",".join(SHAPES))
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--full", action="store_true", help="the full PDF, not the summary")
    parser.add_argument("--one", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one[0], int(args.one[1]), args.full)))
        return
    print("| shape | size | input MB | seconds | s per 1× | peak RSS MB | grown MB | "
          "grown MB per 1× | time ratio per doubling |")
    print("|---|---|---|---|---|---|---|---|---|")
    for shape in args.shapes.split(","):
        base = int(SHAPES[shape] * args.scale)
        previous = None
        for factor in (1, 2, 4):
            command = [sys.executable, __file__, "--one", shape, str(base * factor)]
            if args.full:
                command.append("--full")
            done = subprocess.run(command, capture_output=True, text=True, check=True)
            row = json.loads(done.stdout.strip().splitlines()[-1])
            per = row["seconds"] / factor
            ratio = f"{per / previous:.2f}" if previous else "—"
            previous = per
            print(f"| {shape} | {factor}× ({base * factor:,}) | {row['input_mb']:.2f} | "
                  f"{row['seconds']:.2f} | {per:.2f} | {row['peak_mb']:.0f} | "
                  f"{row['grown_mb']:.0f} | {row['grown_mb'] / factor:.0f} | {ratio} |",
                  flush=True)


if __name__ == "__main__":
    main()
