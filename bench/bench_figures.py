"""Figure extraction throughput, in MB of report text per second (target: ≥ 1 MB/s).

    python bench/bench_figures.py [REPORT_TEXT ...] [--times N]

With no report, the bundled sample's body is repeated 100 times (as
``shared/tools/make_scaled.py`` does). With several reports (``../shared/dev-reports/*.txt``),
each is read and extracted on its own and the times are summed: real reports, none
repeating another, so no cache gains from a repeated text. Each report is read once,
untimed; then ``extract_figures`` (detection, labels and periods) and detection alone
are timed, once each in a fresh process (a second run would find the grammar's caches
warm), in wall time and in CPU time of this process: on a shared machine the wall time
follows the load, the CPU time much less. Take the best of a few runs of the script.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from exporter._data import sample_report
from exporter.figures import extract_figures
from exporter.figures.detect import find_figures
from exporter.readers import read_report
from exporter.sentences import split_sentences


def scaled_sample(times: int) -> bytes:
    """The sample with its body (after the greeting line, before the page footer)
    repeated ``times`` times."""
    lines = sample_report().read_text("utf-8-sig").splitlines()
    greet = next(i for i, line in enumerate(lines) if line.strip().endswith((":", "：")))
    end = max(i for i, line in enumerate(lines)
              if line.strip() and not line.strip().startswith(("[", "版权", "ICP")))
    head, body = lines[: greet + 1], lines[greet + 1:end + 1]
    return ("\n".join(head + body * times) + "\n").encode("utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("reports", nargs="*", type=Path)
    parser.add_argument("--times", type=int, default=100)
    args = parser.parse_args()
    texts = [path.read_bytes() for path in args.reports] or [scaled_sample(args.times)]
    reports = [read_report(data, "bench.txt", extract_figures=False) for data in texts]
    megabytes = sum(map(len, texts)) / 1e6

    began, cpu_began = time.perf_counter(), time.process_time()
    figures = sum(len(extract_figures(report)) for report in reports)
    full, full_cpu = time.perf_counter() - began, time.process_time() - cpu_began

    began, cpu_began = time.perf_counter(), time.process_time()
    for report in reports:
        for paragraph, _ in report.paragraphs():
            for start, end in split_sentences(paragraph.text):
                find_figures(paragraph.text[start:end])
    detect, detect_cpu = time.perf_counter() - began, time.process_time() - cpu_began

    print(f"text {megabytes:.2f} MB in {len(texts)} report(s), {figures} figures")
    for name, wall, cpu in (("extract_figures", full, full_cpu),
                            ("detection only", detect, detect_cpu)):
        print(f"{name:<16} {wall:6.2f} s  {megabytes / wall:6.2f} MB/s   "
              f"CPU {cpu:6.2f} s  {megabytes / cpu:6.2f} MB/s")


if __name__ == "__main__":
    main()
