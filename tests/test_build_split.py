"""A build shared with a forked child (formats taken in turn, figures read in two
processes): the same bytes as one process, and failures as the parent's own errors."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

import docx
import pytest

from exporter._parallel import fork_map, shared_items_map
from exporter.build import BuildRequest, ProcessPlan, build_one
from exporter.figures import PARALLEL_MIN_CHARS, extract_figures
from exporter.readers import read_report

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")


#: Every process trick on: formats shared with a child, figures and PDF pages in two.
SHARED = ProcessPlan(share_formats=True, figures=fork_map, pages=shared_items_map)
ONE_PROCESS = ProcessPlan()


def digests(paths: list[Path]) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in paths}


def test_split_build_writes_the_same_bytes(tmp_path: Path, sample_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir()
    two.mkdir()
    single = build_one(sample_path, BuildRequest(inputs=(), out_dir=one, full=True), ONE_PROCESS)
    split = build_one(sample_path, BuildRequest(inputs=(), out_dir=two, full=True), SHARED)
    assert single.error is None and split.error is None
    assert [p.name for p in split.written] == [p.name for p in single.written]
    assert len(split.written) == 3
    assert digests(split.written) == digests(single.written)
    assert split.warnings == single.warnings


def test_split_build_of_an_unreadable_input_is_one_clean_error(tmp_path: Path) -> None:
    result = build_one(tmp_path / "missing.txt", BuildRequest(inputs=(), out_dir=tmp_path),
                       SHARED)
    assert result.error is not None and "missing.txt" in result.error
    assert result.written == [] and list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("formats", ["docx,pdf", "pdf,xlsx", "docx,xlsx", "pdf"])
def test_every_share_of_formats_writes_the_same_bytes(tmp_path: Path, sample_path: Path,
                                                      formats: str) -> None:
    results = []
    for name, plan in (("one", ONE_PROCESS), ("shared", SHARED)):
        out = tmp_path / name
        out.mkdir()
        results.append(build_one(sample_path, BuildRequest(inputs=(), out_dir=out,
                                                           formats=formats), plan))
    single, shared = results
    assert single.error is None and shared.error is None
    assert [p.suffix for p in shared.written] == [f".{f}" for f in formats.split(",")]
    assert digests(shared.written) == digests(single.written)


def test_failure_in_the_child_is_one_clean_error_and_leaves_no_pdf(tmp_path: Path,
                                                                    sample_path: Path) -> None:
    """A font file only the PDF uses is not a font: the PDF fails in the child, the
    error comes back as one clean message naming the file, and no PDF (nor temporary file)
    is left; the DOCX the parent may have finished meanwhile is whole."""
    out = tmp_path / "out"
    out.mkdir()
    font = tmp_path / "garbage.ttf"
    font.write_bytes(b"not a font")
    request = BuildRequest(inputs=(), out_dir=out, formats="docx,pdf", font_files=(font,))
    result = build_one(sample_path, request, SHARED)
    assert result.error is not None and "garbage.ttf" in result.error
    left = list(out.iterdir())
    assert [p.suffix for p in left] in ([], [".docx"])
    for path in left:
        docx.Document(str(path))


def test_large_report_figures_are_the_same_from_two_processes(sample_path: Path) -> None:
    report = read_report(sample_path.read_bytes(), sample_path.name, extract_figures=False)
    report.sections = report.sections * 20  # the body twenty times over
    assert sum(len(p.text) for p, _ in report.paragraphs()) >= PARALLEL_MIN_CHARS
    one = extract_figures(report)
    two = extract_figures(report, fork_map)
    assert [f.id for f in two] == [f"f{n}" for n in range(1, len(one) + 1)]
    assert [vars(f) for f in two] == [vars(f) for f in one]


def test_build_pauses_the_cycle_collector_and_restores_it(
        tmp_path: Path, sample_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import gc

    import exporter.build

    seen: list[bool] = []

    def spying_read(*args: Any, **kwargs: Any) -> Any:  # observes, then reads for real
        seen.append(gc.isenabled())
        return read_report(*args, **kwargs)

    monkeypatch.setattr(exporter.build, "read_report", spying_read)
    assert gc.isenabled()
    result = build_one(sample_path, BuildRequest(inputs=(), out_dir=tmp_path,
                                                 formats="pdf"), ONE_PROCESS)
    assert result.error is None
    assert seen == [False]  # paused while the report was read and rendered
    assert gc.isenabled()  # and restored


def test_builds_in_a_row_do_not_pile_up_cycles(tmp_path: Path, sample_path: Path) -> None:
    """The collector is paused during a build, so each build first collects what the
    one before it left, whatever the automatic thresholds (set out of reach here): the
    tracked objects stay level over many builds."""
    import gc

    request = BuildRequest(inputs=(), out_dir=tmp_path, formats="pdf")
    thresholds = gc.get_threshold()
    gc.set_threshold(10**9)  # no automatic collection between the builds
    try:
        counts = []
        for _ in range(4):
            assert build_one(sample_path, request, ONE_PROCESS).error is None
            counts.append(len(gc.get_objects()))
    finally:
        gc.set_threshold(*thresholds)
    assert counts[-1] < counts[1] * 1.1


def test_long_pdf_beside_another_format_is_the_same_bytes_with_a_late_helper(
        tmp_path: Path, sample_path: Path) -> None:
    """A PDF long enough to share its page finishing (the sample's body six times over,
    as a model file), rendered in the child while the parent writes the workbook: when
    the parent is done first (usually, not always: it is a race), the child's page
    finishing takes a helper on the freed core. Either way the files are the same bytes
    as one process's."""
    import json

    report = read_report(sample_path.read_bytes(), sample_path.name)
    report.sections = report.sections * 6
    model = tmp_path / "long.json"
    model.write_text(json.dumps(report.to_dict(), ensure_ascii=False), encoding="utf-8")
    written = {}
    for name, plan in (("one", ONE_PROCESS), ("shared", SHARED)):
        out = tmp_path / name
        out.mkdir()
        result = build_one(model, BuildRequest(inputs=(), out_dir=out, formats="pdf,xlsx",
                                               full=True), plan)
        assert result.error is None
        written[name] = digests(result.written)
    assert written["shared"] == written["one"]
    pdf = (tmp_path / "shared" / "long.pdf").read_bytes()
    assert pdf.count(b"/Type /Page\n") >= 64  # past the pages worth a helper


_ON_ONE_CORE = """
import os, sys
from pathlib import Path
os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
from exporter.build import BuildRequest, ProcessPlan, build_one, plan_processes
plan = plan_processes(1, 1)
assert plan == ProcessPlan(), plan  # nothing to share a core with: no fork planned
result = build_one(Path(sys.argv[1]), BuildRequest(inputs=(), out_dir=Path(sys.argv[2]),
                                                   full=True), plan)
assert result.error is None, result.error
"""


@pytest.mark.skipif(not hasattr(os, "sched_setaffinity"), reason="needs CPU affinity")
def test_on_one_core_the_build_forks_nothing_and_writes_the_same_bytes(
        tmp_path: Path, sample_path: Path) -> None:
    """A process allowed one core plans no fork and builds everything itself: the same
    files as a build that shares its work."""
    import subprocess
    import sys

    alone, shared = tmp_path / "alone", tmp_path / "shared"
    alone.mkdir()
    shared.mkdir()
    subprocess.run([sys.executable, "-c", _ON_ONE_CORE, str(sample_path), str(alone)],
                   check=True, capture_output=True)
    result = build_one(sample_path, BuildRequest(inputs=(), out_dir=shared, full=True), SHARED)
    assert result.error is None
    assert digests(sorted(alone.iterdir())) == digests(result.written)


def test_without_fork_the_plan_shares_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Where ``os.fork`` does not exist (Windows), every report is built in this process,
    whatever the cores."""
    from exporter._parallel import spare_cores
    from exporter.build import plan_processes

    assert plan_processes(1, 1) != ONE_PROCESS or spare_cores() == 0
    monkeypatch.delattr(os, "fork")
    assert plan_processes(1, 1) == ONE_PROCESS
