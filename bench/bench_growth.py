"""How a build's cost grows with its input: time and peak memory per unit of input at 1×,
2× and 4× of each hostile shape (issue 18). Linear means the per-unit figures stay flat;
the bar is at most 1.3× per doubling.

    python bench/bench_growth.py [--shapes sentence,title,headings,figures] [--scale 1.0]
                                 [--formats docx,pdf,xlsx] [--full]

Each measurement runs in a fresh process (read the input, render every asked format into
memory) so peak RSS is that run's alone. Start-up (imports, themes, font subsets of the
input's characters) is done first on a tiny report of the same characters and reported
beside the 1× time: the bar is judged from a size where it is under a tenth. Shapes, at
1× (``--scale`` multiplies the base size):

- ``sentence``: one sentence of 80,000 characters holding a figure every ten or so
  (the workbook once repeated the sentence per figure: quadratic);
- ``title``: a report whose title is 2 million characters;
- ``headings``: 10,000 numbered headings, each over a short figure paragraph;
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
SHAPES = {"sentence": 80_000, "title": 2_000_000, "headings": 10_000, "figures": 500_000}
FORMATS = ("docx", "pdf", "xlsx")


def make(shape: str, size: int) -> bytes:
    """The input of ``shape`` at ``size`` units (characters, headings or bytes)."""
    if shape == "sentence":
        clause = "投资3亿元，增长5%，"
        sentence = (clause * (size // len(clause) + 1))[:size]
        return (HEAD + "一、总体情况\n全市" + sentence + "。\n").encode()
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


def measure(shape: str, size: int, full: bool, formats: list[str]) -> dict[str, float]:
    """Run one measurement in this process (called in a fresh one)."""
    import io

    from exporter.readers import read_report
    from exporter.renderers import DEFAULT_THEMES, RenderOptions, render
    from exporter.theme import load_theme

    data = make(shape, size)
    themes = {fmt: load_theme(DEFAULT_THEMES[fmt]) for fmt in formats}
    chars = "".join(sorted(set(data.decode()) - {"\n"}))
    warm = read_report(f"{HEAD}一、情况\n增长5%。{chars}\n".encode(), "warm.txt")
    started = time.process_time()
    for fmt in formats:  # imports, font subsets of these characters and caches warm
        render(fmt, warm, themes[fmt], RenderOptions(full=full), io.BytesIO())
    startup = time.process_time() - started
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.process_time()
    report = read_report(data, f"{shape}.txt")
    row: dict[str, float] = {"read": time.process_time() - started}
    for fmt in formats:
        began = time.process_time()
        render(fmt, report, themes[fmt], RenderOptions(full=full), io.BytesIO())
        row[fmt] = time.process_time() - began
    seconds = time.process_time() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {**row, "seconds": seconds, "startup": startup, "peak_mb": peak / 1024,
            "grown_mb": (peak - base) / 1024, "input_mb": len(data) / 2**20}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shapes", default=",".join(SHAPES))
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--formats", default=",".join(FORMATS))
    parser.add_argument("--full", action="store_true", help="the full PDF, not the summary")
    parser.add_argument("--one", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    formats = args.formats.split(",")
    if args.one:
        print(json.dumps(measure(args.one[0], int(args.one[1]), args.full, formats)))
        return
    print(f"| shape | size | input MB | seconds (read, {', '.join(formats)}) | start-up share "
          "| s per 1× | grown MB per 1× | time ratio per doubling | memory ratio per doubling |")
    print("|---|---|---|---|---|---|---|---|---|")
    for shape in args.shapes.split(","):
        base = int(SHAPES[shape] * args.scale)
        previous: tuple[float, float] | None = None
        for factor in (1, 2, 4):
            command = [sys.executable, __file__, "--one", shape, str(base * factor),
                       "--formats", args.formats]
            if args.full:
                command.append("--full")
            done = subprocess.run(command, capture_output=True, text=True, check=True)
            row = json.loads(done.stdout.strip().splitlines()[-1])
            per = (row["seconds"] / factor, row["grown_mb"] / factor)
            ratios = (f"{per[0] / previous[0]:.2f}", f"{per[1] / max(previous[1], 1e-9):.2f}") \
                if previous else ("—", "—")
            previous = per
            parts = ", ".join(f"{row[k]:.2f}" for k in ("read", *formats))
            print(f"| {shape} | {factor}× ({base * factor:,}) | {row['input_mb']:.2f} | "
                  f"{row['seconds']:.2f} ({parts}) | "
                  f"{row['startup'] / (row['startup'] + row['seconds']):.0%} | {per[0]:.2f} | "
                  f"{per[1]:.0f} | {ratios[0]} | {ratios[1]} |", flush=True)


if __name__ == "__main__":
    main()
