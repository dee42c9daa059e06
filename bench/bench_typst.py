"""Benchmark exporter's cold command against Typst, the fastest typesetter a user would
pick instead, run by hand (not a test); ``bench_build.py`` calls it in the same run.

    .venv/bin/pip install -e '.[bench]'      # the peer: the `typst` package
    .venv/bin/python bench/bench_typst.py [--pairs N] [--sizes 1,100]

The same content for both: the report's full text (title, preamble, every heading and
paragraph, the appendix) plus a five-column table of its figures (id, label, value as
written, period, section), generated from exporter's model as Typst markup and set in the
Noto CJK faces exporter's PDF uses. Typst finds fonts as its command does by default: the
system's font folders, here with the Noto folder named too (``--typst-fonts folder``
makes it read only that folder, its fastest set-up: 70-80 ms less at 1× here). Each run
is a new process: ``python -c "import typst; typst.compile(...)"`` against ``exporter
build REPORT --full`` (PDF alone, and all three formats), after one warm-up of each (font
cache warm, modules byte-compiled). The two tools alternate run by run (*paired* runs),
so a change in the machine's load hits both alike; the table gives each one's median and
best, the ratio of the medians and the median of the paired ratios, each one's median
CPU seconds (user + system, children included: less sensitive to the machine's load than
wall time), and peak memory (RSS summed over a build's processes) from one more watched
run of each. The load average is recorded before and after.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from _measure import run, watched
from bench_build import EXPORTER, scaled

from exporter.model import Figure, Report
from exporter.readers import read_report

#: Faces of exporter's PDF theme (``styles/modern.toml``) as Typst names them.
BODY_FONT = "Noto Sans CJK SC"
#: Characters Typst markup gives a meaning; each is escaped with a backslash.
_MARKUP = set("\\#*_`$<>@[]~/=+-'\"")


def escape(text: str) -> str:
    """``text`` as literal Typst markup."""
    return "".join("\\" + c if c in _MARKUP else c for c in text)


def typst_source(report: Report) -> str:
    """The report's full text and a table of its figures as one Typst document."""
    out = [
        f'#set text(font: "{BODY_FONT}", lang: "zh", region: "cn", size: 10.5pt)',
        '#set page(paper: "a4", margin: 2.5cm, numbering: "1")',
        "#set par(justify: true, first-line-indent: (amount: 2em, all: true), leading: 0.9em)",
        "#set heading(numbering: none)",
        "",
        f"#align(center, text(size: 22pt, weight: \"bold\")[{escape(report.meta.title or '')}])",
        "",
    ]
    if report.meta.subtitle:
        out += [f"#align(center)[{escape(report.meta.subtitle)}]", ""]
    for paragraph in report.preamble:
        out += [escape(paragraph.text), ""]
    for section, _ in report.walk_with_appendix():
        out += [f"{'=' * min(section.level, 6)} {escape(section.label + section.title)}", ""]
        for paragraph in section.paragraphs:
            out += [escape(paragraph.text), ""]
    out += ["= 指标", "", figure_table(report.figures)]
    return "\n".join(out) + "\n"


def figure_table(figures: list[Figure]) -> str:
    """A five-column table of ``figures`` whose header repeats on every page."""
    def cell(text: str) -> str:
        return f"[{escape(text)}]"

    rows = [", ".join(cell(c) for c in (f.id, f.metric or f.text, f.number + f.unit,
                                         f.period or "", f.section or ""))
            for f in figures]
    return "\n".join([
        "#table(columns: (3em, 1fr, 7em, 6em, 4em), stroke: 0.4pt,",
        "  table.header([*编号*], [*指标*], [*数值（原文）*], [*时期*], [*章节*]),",
        *(f"  {row}," for row in rows),
        ")",
    ])


def font_folder() -> Path:
    """The system font folder holding the body face (from fontconfig)."""
    found = subprocess.run(["fc-match", "-f", "%{file}", BODY_FONT], capture_output=True,
                           text=True, check=True).stdout
    return Path(found).parent


def typst_command(markup: Path, pdf: Path, only_folder: bool = False) -> list[str]:
    """A new Python process that compiles ``markup`` to ``pdf`` with ``typst.compile``,
    finding fonts in the system's folders (or, ``only_folder``, in the Noto folder alone)."""
    code = ("import sys, typst; typst.compile(sys.argv[1], output=sys.argv[2], "
            f"font_paths=[sys.argv[3]], ignore_system_fonts={only_folder})")
    return [sys.executable, "-c", code, str(markup), str(pdf), str(font_folder())]


@dataclass
class Paired:
    """Wall times of two commands run in alternation, their CPU times (user + system of
    the process and its children: what a loaded machine does not inflate much), and each
    one's peak memory."""

    name: str
    ours: list[float]
    theirs: list[float]
    ours_mb: float
    theirs_mb: float
    ours_cpu: list[float]
    theirs_cpu: list[float]

    def ratio(self) -> float:
        return statistics.median(self.ours) / statistics.median(self.theirs)

    def paired_ratio(self) -> float:
        return statistics.median(a / b for a, b in zip(self.ours, self.theirs))

    def row(self) -> str:
        o, t = self.ours, self.theirs
        cpu_o, cpu_t = statistics.median(self.ours_cpu), statistics.median(self.theirs_cpu)
        return (f"| {self.name} | {statistics.median(o):.3f} / {min(o):.3f} "
                f"| {statistics.median(t):.3f} / {min(t):.3f} | {self.ratio():.2f} "
                f"| {self.paired_ratio():.2f} | {cpu_o:.3f} / {cpu_t:.3f} = {cpu_o / cpu_t:.2f} "
                f"| {self.ours_mb:.0f} | {self.theirs_mb:.0f} |")


def _timed(cmd: list[str], cpu: list[float] | None = None) -> float:
    """Wall seconds of one run of ``cmd``; its CPU seconds are appended to ``cpu``."""
    done = run(cmd)
    if cpu is not None:
        cpu.append(done.cpu)
    return done.wall


def paired(name: str, ours: list[str], theirs: list[str], pairs: int) -> Paired:
    """``pairs`` runs of each command, alternating which goes first, after one warm-up
    each; then one watched run of each for memory."""
    _timed(ours)
    _timed(theirs)
    mine: list[float] = []
    peer: list[float] = []
    mine_cpu: list[float] = []
    peer_cpu: list[float] = []
    for i in range(pairs):
        if i % 2:
            peer.append(_timed(theirs, peer_cpu))
            mine.append(_timed(ours, mine_cpu))
        else:
            mine.append(_timed(ours, mine_cpu))
            peer.append(_timed(theirs, peer_cpu))
    return Paired(name, mine, peer, watched(ours).rss_mb, watched(theirs).rss_mb, mine_cpu,
                  peer_cpu)


def markup_for(report_path: Path, folder: Path) -> Path:
    """Write the Typst document of ``report_path`` into ``folder``."""
    report = read_report(report_path.read_bytes(), report_path.name)
    target = folder / f"{report_path.stem}.typ"
    target.write_text(typst_source(report), encoding="utf-8")
    return target


def typst_rows(sizes: tuple[int, ...], pairs: int, folder: Path,
               only_folder: bool = False) -> list[Paired]:
    """The paired measurements at each size: exporter's full PDF alone and all three
    formats, each against Typst's PDF."""
    rows = []
    for n in sizes:
        report = scaled(n, folder)
        markup = markup_for(report, folder)
        theirs = typst_command(markup, folder / f"typst-x{n}.pdf", only_folder)
        build = [*EXPORTER, "build", str(report), "--full", "--quiet",
                 "--out", str(folder / f"ours-x{n}")]
        rows.append(paired(f"{n}× sample, PDF alone", [*build, "--format", "pdf"], theirs,
                           pairs))
        rows.append(paired(f"{n}× sample, 3 formats", build, theirs, pairs))
    return rows


def start_up(pairs: int) -> list[str]:
    """Median and best wall time of ``exporter --help`` and ``exporter styles``."""
    lines = []
    for args in (["--help"], ["styles"]):
        times = [_timed([*EXPORTER, *args]) for _ in range(pairs)]
        lines.append(f"`exporter {' '.join(args)}`: median {statistics.median(times):.3f} s, "
                     f"best {min(times):.3f} s")
    return lines


def report(rows: list[Paired], pairs: int, load: tuple[float, ...]) -> str:
    """The Markdown table of ``rows`` with the load it was measured under."""
    import typst

    after = os.getloadavg()
    lines = [
        (f"Typst {typst.__version__} (`typst` package); {pairs} paired runs each; load "
         f"average before {load[0]:.2f} / {load[1]:.2f} / {load[2]:.2f}, after "
         f"{after[0]:.2f} / {after[1]:.2f} / {after[2]:.2f} (1 / 5 / 15 min) on "
         f"{os.cpu_count()} cores"),
        "",
        ("| run (exporter `--full`, cold) | exporter median / best (s) | Typst PDF median / "
         "best (s) | ratio of medians | median paired ratio | CPU s, exporter / Typst "
         "(medians) | exporter peak RSS (MB) | Typst peak RSS (MB) |"),
        "|---|---|---|---|---|---|---|---|",
        *(row.row() for row in rows),
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pairs", type=int, default=7, help="paired runs per row (≥ 7)")
    parser.add_argument("--sizes", default="1,100", help="sample multiples, e.g. 1,100")
    parser.add_argument("--typst-fonts", choices=("system", "folder"), default="system",
                        help="Typst's fonts: the system's folders, or the Noto folder alone")
    args = parser.parse_args()
    load = os.getloadavg()
    folder = Path(tempfile.mkdtemp(prefix="exporter-typst-"))
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "exporter")],
                   check=True, stdout=subprocess.DEVNULL)
    sizes = tuple(int(n) for n in args.sizes.split(","))
    rows = typst_rows(sizes, args.pairs, folder, args.typst_fonts == "folder")
    print(report(rows, args.pairs, load))
    print()
    for line in start_up(args.pairs):
        print(f"- {line}")


if __name__ == "__main__":
    main()
