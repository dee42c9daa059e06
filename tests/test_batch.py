"""Batch builds: folder structure kept under --out, collisions refused before anything is
written, progress on a terminal only, one summary line, --quiet, check of a batch folder."""

from __future__ import annotations

import os
import pickle
import pty
import re
import select
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner

from exporter.cli import cli

SAMPLE = Path(__file__).resolve().parents[1] / "source" / \
    "beijing-science-technology-work-report-2016.txt"
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
SUMMARY = re.compile(r"^(\d+) built, (\d+) failed, (\d+) skipped in \d+\.\d s$")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def short_report() -> bytes:
    """A second, different report: the sample's opening lines."""
    return b"\n".join(SAMPLE.read_bytes().splitlines()[:40]) + b"\n"


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """in/a/report.txt, in/b/report.txt (different reports), in/b/c/deep.txt, a note."""
    root = tmp_path / "in"
    for folder, name, data in (("a", "report.txt", SAMPLE.read_bytes()),
                               ("b", "report.txt", short_report()),
                               ("b/c", "deep.txt", short_report())):
        (root / folder).mkdir(parents=True, exist_ok=True)
        (root / folder / name).write_bytes(data)
    (root / "README.md").write_text("not a report", encoding="utf-8")
    return root


def files(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def test_outputs_keep_the_folder_structure_and_end_with_a_summary(tree: Path,
                                                                   tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, stdout, stderr = run("build", str(tree), "--out", str(out), "--format", "xlsx,docx")
    assert code == 0, stderr
    assert files(out) == [".exporter-build.json", "a/report.docx", "a/report.xlsx",
                          "b/c/deep.docx", "b/c/deep.xlsx", "b/report.docx", "b/report.xlsx"]
    lines = stdout.splitlines()
    assert SUMMARY.match(lines[-1]).groups() == ("3", "0", "1")  # type: ignore[union-attr]
    assert not CONTROL.search(stdout + stderr)  # not a terminal: no bar, no escapes
    # the batch folder checks as a whole: every report, each against its own source
    code, stdout, _ = run("check", str(out))
    assert code == 0, stdout
    assert len(stdout.splitlines()) == 6
    code, stdout, _ = run("check", str(out / "b"))  # a folder inside the batch
    assert code == 0, stdout
    assert sorted(line.split(":")[0].rsplit("/", 2)[-2:][-1] for line in stdout.splitlines()) \
        == ["deep.docx", "deep.xlsx", "report.docx", "report.xlsx"]


def test_check_of_a_batch_folder_catches_a_swapped_output(tree: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run("build", str(tree), "--out", str(out), "--format", "xlsx")[0] == 0
    (out / "b" / "report.xlsx").write_bytes((out / "a" / "report.xlsx").read_bytes())
    code, stdout, _ = run("check", str(out))
    assert code == 1
    assert "b/report.xlsx: 108 figures, the model has" in stdout
    assert "a/report.xlsx: 108 figures agree" in stdout


@pytest.mark.parametrize("names", [
    ("a b.txt", "a-b.txt"),
    (unicodedata.normalize("NFC", "café.txt"), unicodedata.normalize("NFD", "café.txt")),
    ("Report.txt", "report.txt"),
    ("x.txt", "x.json"),
], ids=["space-dash", "nfc-nfd", "case", "txt-json"])
def test_colliding_names_are_refused_before_anything_is_written(
        tmp_path: Path, names: tuple[str, str]) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in names:
        path = folder / name
        if path.exists():
            pytest.skip("this file system folds these names itself")
        data = SAMPLE.read_bytes()
        if name.endswith(".json"):
            data = run("parse", str(SAMPLE))[1].encode("utf-8")
        path.write_bytes(data)
    out = tmp_path / "out"
    code, stdout, stderr = run("build", str(folder), "--out", str(out), "--format", "xlsx")
    assert code == 2
    assert stdout == ""
    assert len(stderr.splitlines()) == 1 and "same names" in stderr
    assert not out.exists()


def test_an_output_never_replaces_an_input(tmp_path: Path) -> None:
    report = tmp_path / "report.xlsx"  # a text report with an output's name
    report.write_bytes(SAMPLE.read_bytes())
    code, _, stderr = run("build", str(report), "--out", str(tmp_path), "--format", "xlsx")
    assert code == 2 and "would replace the input" in stderr
    assert report.read_bytes() == SAMPLE.read_bytes()


def test_a_failed_report_is_counted_and_quiet_prints_only_errors(tree: Path,
                                                                 tmp_path: Path) -> None:
    (tree / "b" / "broken.json").write_text("{", encoding="utf-8")
    code, stdout, stderr = run("build", str(tree), "--out", str(tmp_path / "o"),
                               "--format", "xlsx")
    assert code == 2
    assert SUMMARY.match(stdout.splitlines()[-1]).groups() == ("3", "1", "1")  # type: ignore[union-attr]
    code, stdout, stderr = run("build", str(tree), "--out", str(tmp_path / "q"),
                               "--format", "xlsx", "--quiet")
    assert code == 2 and stdout == ""
    errors = [line for line in stderr.splitlines() if "warning: skipped" not in line]
    assert errors == [line for line in errors if "broken.json" in line] and len(errors) == 1
    assert "README.md: not a report file" in stderr  # skipped files are named, with why


def test_in_a_pipe_no_control_characters(tree: Path, tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "exporter", "build", str(tree), "--out",
                           str(tmp_path / "out"), "--format", "xlsx", "--jobs", "2"],
                          capture_output=True, check=False)
    assert proc.returncode == 0, proc.stderr
    text = proc.stdout.decode() + proc.stderr.decode()
    assert not CONTROL.search(text)
    assert SUMMARY.match(proc.stdout.decode().splitlines()[-1])


def test_on_a_terminal_a_progress_bar_then_the_summary(tree: Path, tmp_path: Path) -> None:
    """Run in a pseudo-terminal: the bar shows done/total and the report in hand."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: the CLI, on the terminal
        os.execv(sys.executable, [sys.executable, "-m", "exporter", "build", str(tree),
                                  "--out", str(tmp_path / "out"), "--format", "xlsx"])
    chunks = []
    while True:
        ready, _, _ = select.select([fd], [], [], 60)
        if not ready:
            break
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    _, status = os.waitpid(pid, 0)
    text = b"".join(chunks).decode("utf-8", "replace")
    assert os.waitstatus_to_exitcode(status) == 0, text
    assert "3/3" in text and "deep.txt" in text  # done/total and a report's name
    assert "a/report.xlsx" not in text  # the bar stands for the per-report lines
    assert SUMMARY.match(text.strip().splitlines()[-1].split("\r")[-1].strip())


def test_what_each_report_carries_to_a_worker_does_not_grow_with_the_batch(
        tmp_path: Path) -> None:
    """Each report's request is pickled to its worker (a pool's or Dask's): it holds the
    batch's options and the report's folder, not the batch's list of inputs, which made
    the work per report grow with the batch (a million sources pickled for 1,000)."""
    from exporter._inputs import expand_inputs
    from exporter.batch import plan_outputs
    from exporter.build import BuildRequest, batch_requests

    sizes = {}
    for count in (2, 40):
        folder = tmp_path / f"in{count}"
        folder.mkdir()
        for n in range(count):
            (folder / f"r{n:03d}.txt").write_bytes(SAMPLE.read_bytes())
        sources = expand_inputs((folder,), tmp_path / "out", print)
        request = BuildRequest(inputs=tuple(sources), skipped=("a note",),
                               out_dir=tmp_path / "out", full=True, jobs=2)
        planned = plan_outputs(sources, request.out_dir, ("docx",))
        requests = batch_requests(request, planned)
        assert [r.out_dir for r in requests] == [item.out_dir for item in planned]
        assert all(r.inputs == () and r.skipped == () and r.full for r in requests)
        sizes[count] = len(pickle.dumps((sources[-1], requests[-1])))
    assert sizes[40] - sizes[2] < 16  # the longer name of a later report, nothing more
