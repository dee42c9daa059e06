"""CPU of one build at several commits, each commit's own code, run by hand (not a test).

    .venv/bin/python bench/bisect_speed.py X100.txt COMMIT [COMMIT ...] [--runs 3]
        [--format pdf] [--parse]

Each commit is checked out in a worktree of its own (``git worktree add --detach``) and
its ``exporter`` run from inside it, with ``PYTHONPATH`` on it: ``python -m`` puts the
current folder first on the path, so a run from another folder imports that folder's
package whatever ``PYTHONPATH`` says (the fault that made an earlier bisection skip its
runs). Before timing, the script checks that the tree's own package is the one imported
and, after each run, that the output was written. One warm-up build fills the caches,
then each run is timed as CPU seconds (user + system of the command and of the children
it waited for), since on a shared machine wall time is mostly other people's work; the
table gives the best and the median. ``--parse`` also times ``exporter parse`` (reading,
figures, the model as JSON), which splits reading from rendering. The worktrees are
removed at the end, whatever happened.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _measure import run

ROOT = Path(__file__).resolve().parents[1]


def cpu_seconds(command: list[str], cwd: Path, env: dict[str, str]) -> float:
    """User + system CPU seconds of ``command`` and the children it waited for."""
    return run(command, env, cwd).cpu


def imported_from(tree: Path, env: dict[str, str]) -> Path:
    """Where ``import exporter`` finds the package when run inside ``tree``."""
    done = subprocess.run([sys.executable, "-c", "import exporter; print(exporter.__file__)"],
                          cwd=tree, env=env, capture_output=True, text=True, check=True)
    return Path(done.stdout.strip()).parent


def measure(tree: Path, report: Path, fmt: str, runs: int, parse: bool) -> list[list[float]]:
    """The CPU seconds of each run of the build (and of ``parse``) at ``tree``."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    if imported_from(tree, env) != tree / "exporter":
        raise RuntimeError(f"{tree}: another tree's exporter is imported")
    subprocess.run([sys.executable, "-m", "compileall", "-q", "exporter"], cwd=tree, env=env,
                   check=True, stdout=subprocess.DEVNULL)
    out = tree / "_bisect_out"
    build = [sys.executable, "-m", "exporter", "build", str(report), "--format", fmt, "--full",
             "--out", str(out)]
    cpu_seconds(build, tree, env)  # warm-up: font subsets, compiled patterns
    timings: list[list[float]] = [[]]
    for _ in range(runs):
        shutil.rmtree(out, ignore_errors=True)
        timings[0].append(cpu_seconds(build, tree, env))
        if not (out / f"{report.stem}.{fmt}").is_file():
            raise RuntimeError(f"{tree}: no {fmt} written")
    if parse:
        timings.append([cpu_seconds([sys.executable, "-m", "exporter", "parse", str(report)],
                                    tree, env) for _ in range(runs)])
    return timings


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("report", type=Path, help="the input, e.g. a 100x sample")
    parser.add_argument("commits", nargs="+")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--format", default="pdf")
    parser.add_argument("--parse", action="store_true", help="time `exporter parse` too")
    args = parser.parse_args()
    report = args.report.resolve()
    folder = Path(tempfile.mkdtemp(prefix="exporter-bisect-"))
    print(f"{report.name}, --format {args.format} --full; CPU seconds, best / median of "
          f"{args.runs}; load average {os.getloadavg()[0]:.1f} at the start")
    print()
    print("| commit | subject | build | parse |" if args.parse else "| commit | subject | build |")
    print("|---|---|---|---|" if args.parse else "|---|---|---|")
    try:
        for commit in args.commits:
            tree = folder / commit
            subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "-q", "--detach",
                            str(tree), commit], check=True)
            subject = subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%s",
                                      commit], capture_output=True, text=True,
                                     check=True).stdout.strip()[:60]
            cells = [f"{min(t):.2f} / {statistics.median(t):.2f}"
                     for t in measure(tree, report, args.format, args.runs, args.parse)]
            print(f"| {commit} | {subject} | {' | '.join(cells)} |", flush=True)
    finally:
        for tree in folder.iterdir():
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force",
                            str(tree)], check=False)
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
