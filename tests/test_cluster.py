"""Builds and comparisons on a real Dask LocalCluster (processes, two workers): the same
bytes as ``--jobs 2``, and one bad report reported while the rest go on."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from exporter.cli import cli

pytest.importorskip("distributed")

SAMPLE = Path(__file__).resolve().parents[1] / "source" / \
    "beijing-science-technology-work-report-2016.txt"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


#: Runs a LocalCluster until its standard input closes. In a process of its own, so the
#: helper processes multiprocessing leaves behind are not children of the test process.
CLUSTER = """
import sys
from distributed import LocalCluster
if __name__ == "__main__":
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None, silence_logs=50) as cluster:
        print(cluster.scheduler_address, flush=True)
        sys.stdin.read()
"""


@pytest.fixture(scope="module")
def scheduler(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    script = tmp_path_factory.mktemp("cluster") / "cluster.py"
    script.write_text(CLUSTER, encoding="utf-8")
    process = subprocess.Popen([sys.executable, str(script)], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert process.stdout is not None and process.stdin is not None
    try:
        address = process.stdout.readline().strip()
        assert address.startswith("tcp://"), "the LocalCluster did not start"
        yield address
    finally:
        process.stdin.close()
        process.wait(timeout=60)


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "sample.txt").write_bytes(b"\n".join(SAMPLE.read_bytes().splitlines()[:90]))
    (folder / "sub" / "short.txt").write_bytes(
        b"\n".join(SAMPLE.read_bytes().splitlines()[:40]) + b"\n")
    return folder


def contents(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.name.startswith(".")}


def test_cluster_build_gives_the_bytes_of_jobs_2(scheduler: str, reports: Path,
                                                 tmp_path: Path) -> None:
    code, stdout, stderr = run("build", str(reports), "--out", str(tmp_path / "dask"),
                               "--scheduler", scheduler)
    assert code == 0, stderr
    assert stdout.splitlines()[-1].startswith("2 built, 0 failed")
    code, _, stderr = run("build", str(reports), "--out", str(tmp_path / "jobs"),
                          "--jobs", "2")
    assert code == 0, stderr
    dask, jobs = contents(tmp_path / "dask"), contents(tmp_path / "jobs")
    assert sorted(dask) == ["sample.docx", "sample.pdf", "sample.xlsx",
                            "sub/short.docx", "sub/short.pdf", "sub/short.xlsx"]
    assert dask == jobs
    assert not list((tmp_path / "dask").rglob("*.part"))
    code, stdout, _ = run("check", str(tmp_path / "dask"))
    assert code == 0, stdout


def test_cluster_compare_gives_the_bytes_of_jobs_2(scheduler: str, reports: Path,
                                                   tmp_path: Path) -> None:
    code, _, stderr = run("compare", str(reports), "--out", str(tmp_path / "dask"),
                          "--scheduler", scheduler)
    assert code == 0, stderr
    code, _, stderr = run("compare", str(reports), "--out", str(tmp_path / "jobs"),
                          "--jobs", "2")
    assert code == 0, stderr
    assert contents(tmp_path / "dask") == contents(tmp_path / "jobs")


def test_one_bad_report_is_reported_and_the_rest_build(scheduler: str, reports: Path,
                                                       tmp_path: Path) -> None:
    (reports / "sub" / "bad.json").write_text('{"meta": {}, "sections": 5}', encoding="utf-8")
    out = tmp_path / "out"
    code, stdout, stderr = run("build", str(reports), "--out", str(out), "--format", "xlsx",
                               "--scheduler", scheduler)
    assert code == 2
    assert len(stderr.splitlines()) == 1 and "bad.json" in stderr
    assert stdout.splitlines()[-1].startswith("2 built, 1 failed")
    assert sorted(contents(out)) == ["sample.xlsx", "sub/short.xlsx"]


def test_an_unreachable_scheduler_is_one_line_and_exit_2(reports: Path, tmp_path: Path) -> None:
    import dask

    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        code, stdout, stderr = run("compare", str(reports), "--out", str(tmp_path),
                                   "--scheduler", "tcp://127.0.0.1:9")
    assert code == 2 and stdout == ""
    assert len(stderr.splitlines()) == 1 and "scheduler" in stderr


def test_a_failed_rename_removes_the_whole_set_as_jobs_does(scheduler: str, reports: Path,
                                                            tmp_path: Path) -> None:
    """The cluster's files are replaced as a set: a folder in the way of the workbook
    leaves neither the new DOCX and PDF nor the old ones, and no temporary file."""
    source, out = reports / "sample.txt", tmp_path / "out"
    code, _, stderr = run("build", str(source), "--out", str(out), "--scheduler", scheduler)
    assert code == 0, stderr
    (out / "sample.xlsx").unlink()
    (out / "sample.xlsx").mkdir()
    source.write_bytes(source.read_bytes() + "三、其他\n增长7%。\n".encode())
    code, _, stderr = run("build", str(source), "--out", str(out), "--scheduler", scheduler)
    assert code == 2
    assert len(stderr.splitlines()) == 1 and "sample.xlsx" in stderr and "folder" in stderr
    assert sorted(p.name for p in out.iterdir()) == ["sample.xlsx"]


def test_the_cluster_task_reads_its_input_once(reports: Path) -> None:
    """The task hashes the bytes it built from, not a second read of the file."""
    import hashlib
    from dataclasses import dataclass, field
    from io import BytesIO

    from openpyxl import load_workbook

    from exporter._inputs import Source
    from exporter.build import BuildRequest
    from exporter.cluster import render_report

    @dataclass(frozen=True)
    class Counted(Source):
        reads: list[int] = field(default_factory=list)

        def read(self, max_bytes: int) -> bytes:
            self.reads.append(max_bytes)
            return super().read(max_bytes)

    path = reports / "sample.txt"
    source = Counted(label=str(path), name=path.name, path=path)
    done = render_report(source, BuildRequest(inputs=(), out_dir=Path("."), formats="xlsx"))
    assert done.error is None and set(done.files) == {"xlsx"}
    assert len(source.reads) == 1
    assert done.sections > 0 and done.figures > 0
    workbook = load_workbook(BytesIO(done.files["xlsx"]), read_only=True)
    cells = [str(c) for row in workbook.worksheets[-1].values for c in row if c is not None]
    assert hashlib.sha256(path.read_bytes()).hexdigest() in cells  # provenance: the bytes read


def test_an_interrupt_leaves_whole_sets_and_nothing_late(scheduler: str, reports: Path,
                                                         tmp_path: Path) -> None:
    """SIGTERM while the cluster builds: exit 143, no temporary file, every report's
    outputs a whole set or absent, and no file written after the client is gone."""
    import signal
    import time

    for n in range(12):
        (reports / f"copy{n}.txt").write_bytes((reports / "sample.txt").read_bytes())
    out = tmp_path / "out"
    build = subprocess.Popen([sys.executable, "-m", "exporter", "build", str(reports), "--out",
                              str(out), "--scheduler", scheduler, "--quiet"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (out.exists() and any(out.glob("*.pdf"))):
        time.sleep(0.05)
    assert build.poll() is None, "the build ended before it could be interrupted"
    build.send_signal(signal.SIGTERM)
    _, stderr = build.communicate(timeout=60)
    assert build.returncode == 143, stderr
    before = contents(out)
    time.sleep(1.5)  # a task finishing now must not be written
    assert contents(out) == before
    assert not [p for p in out.rglob("*") if p.name.endswith(".part")]
    stems: dict[str, set[str]] = {}
    for name in before:
        stem, _, suffix = name.rpartition(".")
        stems.setdefault(stem, set()).add(suffix)
    assert stems and all(suffixes == {"docx", "pdf", "xlsx"} for suffixes in stems.values())
