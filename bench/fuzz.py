"""A long fuzzing run over the reader, the figure extractor and the three renderers.

    python bench/fuzz.py [--minutes 25] [--targets reader-bytes,pdf,...] [--seed N]
                         [--out DIR] [--examples N] [--input-limit SECONDS]
                         [--shrink-seconds SECONDS]

Hypothesis drives every target (``deadline=None``, its example database in a temporary
folder). The targets run one after another, each in its own process with a share of the
``--minutes`` budget and a hard kill a minute past it, so the run always stops by itself.
Within a target, examples run in chunks with fresh seeds until its time is up. A failure
is shrunk to its minimal input, saved under ``--out`` (input file, repr, traceback) and from
then on only counted, so the run keeps looking for other bugs. An input slower than
``--input-limit`` is saved as a finding without shrinking. The run ends with a table:
target, inputs run (including shrinking replays), minutes, findings, slowest input.

The targets, strategies and invariants are in ``tests/fuzzing.py``;
``tests/test_fuzz.py`` runs them with a few examples each on every test run.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import seed as hypothesis_seed
from hypothesis.database import DirectoryBasedExampleDatabase

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the tests package

from tests.fuzzing import TARGETS, Target, TooSlow, Violation, time_limit


def signature(exc: BaseException) -> str:
    """What makes two failures the same bug: the invariant, or the exception type and the
    innermost frame of exporter code it came from."""
    if isinstance(exc, Violation):
        return f"violation: {exc.kind}"
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if "/exporter/" in f.filename] or frames[-1:]
    where = f" at {Path(ours[-1].filename).name}:{ours[-1].lineno} {ours[-1].name}" if ours else ""
    return f"{type(exc).__name__}{where}"


def _dump(value: Any) -> bytes:
    if value is None or isinstance(value, bytes):
        return value or b""
    report = value[0] if isinstance(value, tuple) else value
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=1).encode()


def fuzz(target: Target, seconds: float, out: Path, seed: int, examples: int | None,
         input_limit: float, shrink_seconds: float) -> dict[str, Any]:
    """Run one target for ``seconds`` (or ``examples`` inputs); save and return findings."""
    stop = time.monotonic() + seconds
    rng = random.Random(seed)
    stats: dict[str, Any] = {"target": target.name, "inputs": 0, "slowest": 0.0,
                             "findings": {}}
    findings: dict[str, dict[str, Any]] = stats["findings"]
    pending: dict[str, tuple[Any, str]] = {}
    started = time.monotonic()

    def save(sig: str, value: Any, trace: str) -> None:
        n = len(findings) + 1
        stem = out / f"{target.name}-{n}"
        stem.with_suffix(".input").write_bytes(_dump(value))
        stem.with_suffix(".txt").write_text(f"{sig}\n\n{trace}\n\nrepr:\n{value!r}"[:200_000],
                                            encoding="utf-8", errors="replace")
        findings[sig] = {"n": n, "hits": 1, "input": str(stem.with_suffix(".input")),
                         "trace": trace.strip().splitlines()[-1][:300] if trace else sig}
        print(f"[{target.name}] finding {n}: {sig}", flush=True)

    failing: list[float] = []  # when the current chunk's first failure was seen
    failed: set[str] = set()  # inputs that failed in the current chunk, as repr hashes
    with tempfile.TemporaryDirectory() as db:
        database = DirectoryBasedExampleDatabase(db)
        while time.monotonic() < stop and (examples is None or stats["inputs"] < examples):
            failing.clear()
            failed.clear()

            @settings(max_examples=min(200, examples or 200), deadline=None, database=database,
                      suppress_health_check=list(HealthCheck), report_multiple_bugs=False,
                      print_blob=False)
            @given(target.strategy)
            def run(value: Any) -> None:
                key = hashlib.sha1(repr(value).encode("utf-8", "replace")).hexdigest()
                if not failing and (time.monotonic() > stop or
                                    (examples is not None and stats["inputs"] >= examples)):
                    return
                if failing and time.monotonic() - failing[0] > shrink_seconds \
                        and key not in failed:
                    return  # shrinking ran out of time: keep the smallest failure so far
                stats["inputs"] += 1
                began = time.perf_counter()
                try:
                    with time_limit(input_limit):
                        target.check(value)
                except TooSlow:
                    sig = f"slow: one input ran over {input_limit:g} s"
                    if sig in findings:
                        findings[sig]["hits"] += 1
                    else:
                        save(sig, value, "")
                except Exception as exc:
                    sig = signature(exc)
                    if sig in findings:
                        findings[sig]["hits"] += 1
                        return
                    failing.append(time.monotonic())
                    failed.add(key)
                    pending[sig] = (value, traceback.format_exc())
                    raise
                finally:
                    stats["slowest"] = max(stats["slowest"], time.perf_counter() - began)

            hypothesis_seed(rng.getrandbits(64))(run)
            try:
                run()
            except Exception as exc:  # noqa: BLE001 — the shrunk failure, or hypothesis' own
                sig = signature(exc)
                value, trace = pending.get(sig, (None, traceback.format_exc()))
                save(sig if sig in pending else f"hypothesis: {type(exc).__name__}", value, trace)
            except TooSlow:  # the alarm fired outside the check: nothing to record
                pass
    stats["minutes"] = (time.monotonic() - started) / 60
    return stats


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=25.0, help="total wall-time budget")
    parser.add_argument("--targets", default=",".join(TARGETS), help="comma-separated")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, help="findings folder (default: a new temp one)")
    parser.add_argument("--examples", type=int, help="stop a target after this many inputs")
    parser.add_argument("--input-limit", type=float, default=30.0,
                        help="seconds one input may take before it is saved as a finding")
    parser.add_argument("--shrink-seconds", type=float, default=90.0,
                        help="time spent shrinking one failure to a minimal input")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--seconds", type=float, help=argparse.SUPPRESS)
    args = parser.parse_args()
    out: Path = args.out or Path(tempfile.mkdtemp(prefix="exporter-fuzz-"))
    out.mkdir(parents=True, exist_ok=True)
    if args.worker:
        stats = fuzz(TARGETS[args.worker], args.seconds, out, args.seed, args.examples,
                     args.input_limit, args.shrink_seconds)
        (out / f"{args.worker}.json").write_text(json.dumps(stats, indent=1), encoding="utf-8")
        return
    names = [n.strip() for n in args.targets.split(",") if n.strip()]
    unknown = [n for n in names if n not in TARGETS]
    if unknown:
        parser.error(f"unknown targets {unknown}; choose from {list(TARGETS)}")
    total = sum(TARGETS[n].share for n in names)
    rows = []
    for name in names:
        seconds = args.minutes * 60 * TARGETS[name].share / total
        command = [sys.executable, __file__, "--worker", name, "--seconds", str(seconds),
                   "--out", str(out), "--seed", str(args.seed),
                   "--input-limit", str(args.input_limit),
                   "--shrink-seconds", str(args.shrink_seconds)]
        if args.examples:
            command += ["--examples", str(args.examples)]
        began = time.monotonic()
        try:
            subprocess.run(command, timeout=seconds + args.shrink_seconds * 4 + 2 * args.input_limit + 60, check=False)
            stats = json.loads((out / f"{name}.json").read_text(encoding="utf-8"))
        except (subprocess.TimeoutExpired, OSError, ValueError) as exc:
            stats = {"inputs": "?", "slowest": 0.0, "minutes": (time.monotonic() - began) / 60,
                     "findings": {f"worker died: {type(exc).__name__}": {"hits": 1}}}
        rows.append((name, stats))
    print(f"\nfindings saved in {out}\n")
    print("| target | inputs | minutes | findings | slowest input (s) |")
    print("|---|---:|---:|---|---:|")
    for name, stats in rows:
        found = "; ".join(f"{sig} (×{f['hits']})" for sig, f in stats["findings"].items())
        print(f"| {name} | {stats['inputs']} | {stats['minutes']:.1f} | {found or 'none'} "
              f"| {stats['slowest']:.1f} |")


if __name__ == "__main__":
    main()
