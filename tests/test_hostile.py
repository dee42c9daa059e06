"""A catalogue of bad and hostile inputs: each builds three valid files or fails cleanly.

"Valid" means python-docx and openpyxl open the files and ``qpdf --check`` passes;
"cleanly" means exit status 2, one line on stderr naming the file, no traceback, and
nothing written.
"""

from __future__ import annotations

import io
import json
import subprocess
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from exporter.cli import cli
from tests.conftest import require_tool

HEAD = "关于某市科技工作的报告\n  ——在2020年某市科技工作会议上的报告\n各位代表：\n"


def _png() -> bytes:
    return b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.txt", "一、标题\n正文")
    return buffer.getvalue()


def _many_headings() -> bytes:
    lines = [HEAD]
    for i in range(1, 1201):
        lines.append(f"{i}.第{i}项工作\n完成投资{i}亿元，增长{i % 50}.5%。\n")
    return "".join(lines).encode()


CASES: dict[str, Callable[[], bytes]] = {
    "empty": lambda: b"",
    "whitespace-only": lambda: b" \n\t\r\n\xe3\x80\x80\n",
    "png": _png,
    "zip": _zip,
    "pdf": lambda: b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n" + bytes(range(256)),
    "truncated-utf8": lambda: (HEAD + "一、总体情况\n全市投资增长5%。").encode()[:-2],
    "nul-bytes": lambda: (HEAD + "一、情况\n正文\x00\x00文本").encode(),
    "mixed-encodings": lambda: (HEAD + "一、情况\n").encode() + "增长5%，投资3亿元。".encode("gbk"),
    "control-characters": lambda: (HEAD + "一、情况\x07\n投资\x01\x02\x1b3亿元\x0b，增长5%\x0c。\n").encode(),
    "many-headings": _many_headings,
    "long-paragraph": lambda: (HEAD + "一、情况\n" + "全市投资增长5.5%，新增企业1200家，" * 4000 + "。\n").encode(),
    "rtl-emoji-ext-b": lambda: (HEAD + "一、情况😀\n\u202e全市𠀀𪚥企业\u200f达到1.2万家🚀，增长5%。\n").encode(),
    "digit-soup-line": lambda: ("1.2万%3.4亿.5%" * 8000).encode(),
    "model-not-json": lambda: b'{"meta": {"title": "x"}, "sections": [',
    "model-fails-schema": lambda: json.dumps({"meta": {}, "sections": [{"id": "s1", "label": "一、", "title": 5, "level": 1}]}).encode(),
}


def _check_outputs(out: Path) -> None:
    from docx import Document
    from openpyxl import load_workbook

    files = sorted(out.iterdir())
    assert [p.suffix for p in files] == [".docx", ".pdf", ".xlsx"], files
    for path in files:
        if path.suffix == ".docx":
            Document(str(path))
        elif path.suffix == ".xlsx":
            load_workbook(path)
        else:
            qpdf = require_tool("qpdf")
            result = subprocess.run([qpdf, "--check", str(path)], capture_output=True, text=True,
                                    check=False)
            assert result.returncode == 0, result.stdout + result.stderr


#: Hostile inputs that still read as a report: every format is built, whole.
BUILT = ("control-characters", "long-paragraph", "many-headings", "rtl-emoji-ext-b")
#: Inputs that are not a readable report: refused with one line, nothing written.
REFUSED = tuple(sorted(set(CASES) - set(BUILT)))


def _build(case: str, tmp_path: Path) -> tuple[Path, Path, Any]:
    suffix = ".json" if case.startswith("model") else ".txt"
    source = tmp_path / f"{case}{suffix}"
    source.write_bytes(CASES[case]())
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", str(source), "--out", str(out)])
    assert "Traceback" not in result.output and "Traceback" not in result.stderr
    return source, out, result


@pytest.mark.parametrize("case", BUILT)
def test_hostile_but_readable_input_builds_three_whole_files(case: str, tmp_path: Path) -> None:
    _, out, result = _build(case, tmp_path)
    assert result.exit_code == 0, result.stderr
    _check_outputs(out)


@pytest.mark.parametrize("case", REFUSED)
def test_unreadable_input_is_one_line_naming_the_file_and_writes_nothing(
        case: str, tmp_path: Path) -> None:
    source, out, result = _build(case, tmp_path)
    assert result.exit_code == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(source) in lines[0], result.stderr
    assert not out.exists() or list(out.iterdir()) == []


@pytest.mark.parametrize("case", ["empty", "whitespace-only", "png", "zip", "pdf", "nul-bytes"])
def test_unreadable_reports_are_refused(case: str, tmp_path: Path) -> None:
    source = tmp_path / f"{case}.txt"
    source.write_bytes(CASES[case]())
    result = CliRunner().invoke(cli, ["parse", str(source)])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and str(source) in result.stderr


def test_schema_error_names_the_json_path(tmp_path: Path) -> None:
    source = tmp_path / "model.json"
    source.write_bytes(CASES["model-fails-schema"]())
    result = CliRunner().invoke(cli, ["parse", str(source)])
    assert result.exit_code == 2
    assert "$.sections[0].title" in result.stderr


def test_input_size_limit(tmp_path: Path) -> None:
    source = tmp_path / "big.txt"
    source.write_bytes((HEAD + "一、情况\n" + "增长5%。" * 200_000).encode())
    result = CliRunner().invoke(cli, ["--max-input", "1", "parse", str(source)])
    assert result.exit_code == 2
    assert "limit" in result.stderr and str(source) in result.stderr


def test_internal_errors_print_one_line_and_a_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    from exporter import readers

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(readers, "read_report", boom)
    result = CliRunner().invoke(cli, ["parse"])
    assert result.exit_code == 70
    assert result.stderr.count("\n") == 1 and "--debug" in result.stderr
    result = CliRunner().invoke(cli, ["--debug", "parse"])
    assert "Traceback" in result.stderr


def test_figure_patterns_stay_linear_on_a_3mb_line() -> None:
    """A 3 MB line of digits, dots, % and 万/亿: the figure patterns must not backtrack."""
    from exporter.readers import read_report

    small = ("1.2万%3.4亿.5%9" * 20_000).encode()
    large = (HEAD + "一、情况\n").encode() + small * 10
    small = (HEAD + "一、情况\n").encode() + small
    started = time.perf_counter()
    read_report(small, "small.txt")
    small_seconds = time.perf_counter() - started
    started = time.perf_counter()
    report = read_report(large, "large.txt")
    large_seconds = time.perf_counter() - started
    assert len(large) >= 3_000_000
    assert report.figures is not None
    # Ten times the input may cost at most ~25 times the time (linear with noise).
    assert large_seconds < max(25 * small_seconds, 2.0), (small_seconds, large_seconds)


HOSTILE = (HEAD + "一、<b>标题</b> & 注入\n"
           '=HYPERLINK("http://evil.example","点我")，全市投资3亿元。\n'
           "+1+1，新增企业12家。\n"
           "-2+3，增长5%。\n"
           "@SUM(A1:A9)，完成4项。\n"
           '<img src="/etc/passwd"/> <font name="Courier" color="red">红</font> '
           '<a href="file:///etc/passwd">链接</a> &amp; &#60; 共10个。\n')


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """The hostile report built in full, and its paragraph texts as the model holds them."""
    from exporter.readers import read_report

    folder = tmp_path_factory.mktemp("hostile")
    source = folder / "hostile.txt"
    source.write_text(HOSTILE, encoding="utf-8")
    out = folder / "out"
    result = CliRunner().invoke(cli, ["build", str(source), "--full", "--out", str(out)])
    assert result.exit_code == 0, result.stderr
    report = read_report(source.read_bytes(), source.name)
    texts = [p.text for p, _ in report.paragraphs()]
    assert any(t.startswith("=HYPERLINK") for t in texts)
    assert any("<img" in t and "<font" in t and "&amp;" in t for t in texts)
    return out, texts


def test_no_formula_cell_in_the_workbook(hostile_build: tuple[Path, list[str]]) -> None:
    from openpyxl import load_workbook

    out, texts = hostile_build
    workbook = load_workbook(out / "hostile.xlsx")
    cells = []
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    cells.append(cell.value)
    for text in texts:
        if text[0] in "=+-@":
            assert text in cells, text  # the sentence, stored as text, unchanged
    with zipfile.ZipFile(out / "hostile.xlsx") as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name)


def test_docx_keeps_markup_as_text(hostile_build: tuple[Path, list[str]]) -> None:
    from docx import Document

    out, texts = hostile_build
    document = Document(str(out / "hostile.docx"))
    body = "\n".join(p.text for p in document.paragraphs)
    for text in texts:
        assert text in body, text
    with zipfile.ZipFile(out / "hostile.docx") as archive:
        assert not [n for n in archive.namelist() if n.startswith("word/media/")]
        assert b"evil.example" not in archive.read("word/_rels/document.xml.rels")


def test_pdf_keeps_markup_as_text(hostile_build: tuple[Path, list[str]]) -> None:
    pdftotext = require_tool("pdftotext")
    out, texts = hostile_build
    extracted = subprocess.run([pdftotext, str(out / "hostile.pdf"), "-"],
                               capture_output=True, text=True, check=True).stdout
    flat = "".join(extracted.split())
    for text in texts:
        assert "".join(text.split()) in flat, text
    raw = (out / "hostile.pdf").read_bytes()
    assert b"/Subtype /Image" not in raw and b"/Subtype/Image" not in raw
    assert b"/URI" not in raw and b"passwd" not in raw
