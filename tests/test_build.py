"""``exporter build``: whole files or none, clean names, batches, determinism."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from exporter.cli import cli

FORMATS = ("docx", "pdf", "xlsx")


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.iterdir()) if p.is_file() and not p.name.startswith(".")}


@pytest.fixture(scope="module")
def sample_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("sample")
    code, _stdout, stderr = run("build", "--out", str(out))
    assert code == 0, stderr
    return out


def test_default_build_writes_three_formats_of_the_sample(sample_build: Path) -> None:
    names = sorted(p.name for p in sample_build.iterdir())
    stems = {Path(n).stem for n in names}
    assert len(stems) == 1, names
    assert sorted(Path(n).suffix for n in names) == [".docx", ".pdf", ".xlsx"]
    assert not [n for n in names if n.startswith(".")], "no temporary file left behind"


def test_build_prints_paths_and_a_summary(tmp_path: Path) -> None:
    code, stdout, _ = run("build", "--format", "xlsx", "--out", str(tmp_path))
    assert code == 0
    lines = stdout.splitlines()
    assert lines[0].endswith(".xlsx") and Path(lines[0]).is_file()
    assert "sections" in lines[-1] and "figures" in lines[-1] and lines[-1].endswith(" s")


def test_two_builds_are_byte_identical(sample_build: Path, tmp_path: Path) -> None:
    code, _, stderr = run("build", "--out", str(tmp_path))
    assert code == 0, stderr
    assert digests(tmp_path) == digests(sample_build)


def test_source_date_epoch_is_honoured(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    for folder, epoch in ((a, "1700000000"), (b, "1500000000")):
        code, _, stderr = run("build", "--format", "xlsx,docx", "--out", str(folder),
                              env={"SOURCE_DATE_EPOCH": epoch})
        assert code == 0, stderr
    assert digests(a) != digests(b)
    from openpyxl import load_workbook

    xlsx = next(a.glob("*.xlsx"))
    assert load_workbook(xlsx).properties.created.year == 2023


def test_out_that_is_a_file_is_a_clean_error(tmp_path: Path) -> None:
    target = tmp_path / "file"
    target.write_text("x")
    code, _, stderr = run("build", "--out", str(target))
    assert code == 2
    assert stderr.count("\n") == 1 and str(target) in stderr and "Traceback" not in stderr


def test_out_that_cannot_be_created_is_a_clean_error(tmp_path: Path) -> None:
    """An --out below a file cannot be created, whoever runs the test (root included)."""
    blocker = tmp_path / "file"
    blocker.write_text("x")
    target = blocker / "out"
    code, _, stderr = run("build", "--out", str(target))
    assert code == 2
    assert stderr.count("\n") == 1 and str(target) in stderr and "Traceback" not in stderr


def test_out_not_writable_is_a_clean_error(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir(mode=0o500)
    if os.access(folder, os.W_OK):  # root: permissions do not bind, use a read-only mount
        folder = Path("/proc/sys")
    code, _, stderr = run("build", "--out", str(folder))
    assert code == 2 and "not writable" in stderr and str(folder) in stderr


@pytest.mark.parametrize(("name", "content", "problem"), [
    ("missing.ttf", None, "not found"),
    ("garbage.ttf", b"not a font at all", "not a TrueType or OpenType font"),
])
def test_unusable_font_file_is_a_clean_error_before_anything_is_written(
        tmp_path: Path, name: str, content: bytes | None, problem: str) -> None:
    font = tmp_path / name
    if content is not None:
        font.write_bytes(content)
    out = tmp_path / "out"
    code, _, stderr = run("build", "--font", str(font), "--out", str(out))
    assert code == 2 and stderr.count("\n") == 1 and "Traceback" not in stderr
    assert str(font) in stderr and problem in stderr
    assert not out.exists() or list(out.iterdir()) == []


def test_unknown_format_is_a_usage_error(tmp_path: Path) -> None:
    code, _, stderr = run("build", "--format", "docx,odt", "--out", str(tmp_path))
    assert code == 2 and "odt" in stderr
    assert list(tmp_path.iterdir()) == []


def test_output_names_are_cleaned_and_stay_in_out(tmp_path: Path, sample_path: Path) -> None:
    source = tmp_path / "in"
    source.mkdir()
    odd = source / "..报告 (final);rm -rf.txt"
    odd.write_bytes(sample_path.read_bytes())
    out = tmp_path / "out"
    code, _, stderr = run("build", str(odd), "--format", "xlsx", "--out", str(out))
    assert code == 0, stderr
    written = list(out.iterdir())
    assert len(written) == 1
    assert written[0].parent == out and not written[0].name.startswith(".")
    assert " " not in written[0].name and ";" not in written[0].name


def test_symlink_at_output_is_replaced_not_followed(tmp_path: Path, sample_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    stem = sample_path.stem
    (out / f"{stem}.xlsx").symlink_to(victim)
    code, _, stderr = run("build", "--format", "xlsx", "--out", str(out))
    assert code == 0, stderr
    assert victim.read_text() == "keep me"
    assert not (out / f"{stem}.xlsx").is_symlink()


def test_failed_render_leaves_previous_file_intact(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"meta": {}, "sections": [{"id": "s1"}]}), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    previous = out / "bad.pdf"
    previous.write_bytes(b"old")
    code, _, stderr = run("build", str(bad), "--out", str(out))
    assert code == 2 and "$.sections[0]" in stderr
    assert previous.read_bytes() == b"old"
    assert sorted(p.name for p in out.iterdir()) == ["bad.pdf"]


def test_batch_reports_failures_and_builds_the_rest(tmp_path: Path, sample_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a.txt").write_bytes(sample_path.read_bytes())
    (folder / "b.txt").write_bytes(b"")
    (folder / "c.txt").write_bytes(sample_path.read_bytes())
    serial, parallel = tmp_path / "serial", tmp_path / "parallel"
    code1, out1, err1 = run("build", str(folder), "--format", "xlsx,docx", "--out", str(serial))
    code2, _, err2 = run("build", str(folder), "--format", "xlsx,docx", "--out", str(parallel),
                         "--jobs", "2")
    assert code1 == 2 and code2 == 2
    assert "b.txt" in err1 and "b.txt" in err2
    assert sorted(digests(serial)) == ["a.docx", "a.xlsx", "c.docx", "c.xlsx"]
    assert digests(serial) == digests(parallel), "outputs must not depend on --jobs"
    assert "a.txt:" in out1 and "c.txt:" in out1


def test_model_json_is_accepted_as_input(tmp_path: Path) -> None:
    code, stdout, _ = run("parse")
    assert code == 0
    model = tmp_path / "edited.json"
    data = json.loads(stdout)
    data["meta"]["title"] = "手工修改的标题"
    model.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code, _, stderr = run("build", str(model), "--format", "docx", "--out", str(tmp_path))
    assert code == 0, stderr
    from docx import Document

    text = "\n".join(p.text for p in Document(str(tmp_path / "edited.docx")).paragraphs)
    assert "手工修改的标题" in text
