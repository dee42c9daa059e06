"""A catalogue of bad and hostile inputs and faults: each has one exact outcome, three
valid files or a clean failure.

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
from tests.conftest import require_tool, untraced_env
from tests.linearity import assert_linear

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
    "long-paragraph": lambda: (HEAD + "一、情况\n" + "全市投资增长5.5%，新增企业1200家，" * 2000 + "。\n").encode(),
    "rtl-emoji-ext-b": lambda: (HEAD + "一、情况😀\n\u202e全市𠀀𪚥企业\u200f达到1.2万家🚀，增长5%。\n").encode(),
    "digit-soup-line": lambda: (HEAD + "一、情况\n" + "1.2万%3.4亿.5%" * 8000).encode(),
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
#: (The digit soup sits under a heading: a text with neither is not a report.)
BUILT = ("control-characters", "digit-soup-line", "long-paragraph", "many-headings",
         "rtl-emoji-ext-b")
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

    def read(repeats: int) -> object:
        return read_report((HEAD + "一、情况\n" + "1.2万%3.4亿.5%9" * repeats).encode(), "line.txt")

    assert len(("1.2万%3.4亿.5%9" * 200_000).encode()) >= 3_000_000
    assert_linear(read, 20_000)


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


# --- issue 18: nothing lost, nothing left behind ------------------------------------------
#
# Each case asserts one exact outcome. Reports are tiny so each build takes a fraction of
# a second; processes are real (subprocesses, signals, a worker pool).

SMALL = HEAD + "一、总体情况\n全市投资3亿元，增长5%，新增企业12家。\n二、下步安排\n力争增长6%。\n"


def _cli(*args: str, env: dict[str, str] | None = None) -> Any:
    return CliRunner(env=env).invoke(cli, list(args))


def _one_error_line(result: Any, *needles: str) -> str:
    """The single stderr line of a clean failure (exit 2), holding every needle."""
    assert result.exit_code == 2, (result.exit_code, result.stderr)
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for needle in needles:
        assert needle in lines[0], lines[0]
    return lines[0]


def _small(tmp_path: Path, name: str = "r.txt", text: str = SMALL) -> Path:
    source = tmp_path / name
    source.write_text(text, encoding="utf-8")
    return source


def _model_json(tmp_path: Path, name: str = "m.json") -> tuple[Path, dict[str, Any]]:
    result = _cli("parse", str(_small(tmp_path)))
    assert result.exit_code == 0, result.stderr
    path = tmp_path / name
    return path, json.loads(result.stdout)


def test_lone_surrogate_in_model_json_is_refused_at_its_json_path(tmp_path: Path) -> None:
    path, model = _model_json(tmp_path)
    text = json.dumps(model, ensure_ascii=True).replace('"title": "', '"title": "\\ud800', 1)
    path.write_text(text, encoding="ascii")
    _one_error_line(_cli("build", str(path), "--out", str(tmp_path / "out")),
                    str(path), "$.meta.title", "lone surrogate")
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_control_characters_in_a_model_render_and_check_passes(tmp_path: Path) -> None:
    """XML-invalid characters are dropped alike by every output, and check agrees."""
    path, model = _model_json(tmp_path)
    model["figures"][0]["metric"] = "投资\x01规模\x1f"
    model["figures"][0]["unit"] = model["figures"][0]["unit"] + "\x7f"
    model["sections"][0]["title"] += "\x07"
    path.write_text(json.dumps(model, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "out"
    assert _cli("build", str(path), "--out", str(out)).exit_code == 0
    result = _cli("check", str(out), "--report", str(path))
    assert result.exit_code == 0, result.stdout + result.stderr


def test_a_label_thousands_of_characters_long_builds_and_check_passes(tmp_path: Path) -> None:
    """Every input the schema accepts renders: the PDF's table cuts the label with …
    (a row taller than a page stopped the build), the workbook and Word keep it whole,
    and check expects each as it is."""
    from openpyxl import load_workbook

    path, model = _model_json(tmp_path)
    model["figures"][0]["metric"] = "a" * 5000
    path.write_text(json.dumps(model, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "out"
    built = _cli("build", str(path), "--out", str(out), "--quiet")
    assert built.exit_code == 0, built.stderr
    sheet = load_workbook(out / "m.xlsx", read_only=True)["Figures"]
    assert "a" * 5000 in {cell.value for row in sheet.iter_rows() for cell in row}
    result = _cli("check", str(out), "--report", str(path))
    assert result.exit_code == 0, result.stdout + result.stderr


def test_stray_control_characters_are_dropped_with_one_warning(tmp_path: Path) -> None:
    text = SMALL.replace("全市", "全\x07市\x1b").replace("力争", "力\x01争\x02\x03\x04\x05\x06"
                                                                "\x0e\x0f\x10\x11\x12")
    source = _small(tmp_path, text=text)
    result = _cli("build", str(source), "--out", str(tmp_path / "out"), "--format", "xlsx")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines() == [
        f"exporter: warning: {source}: dropped 13 stray control character(s)"]
    parsed = json.loads(_cli("parse", str(source)).stdout)
    assert "全市投资" in json.dumps(parsed, ensure_ascii=False)


def test_text_that_is_mostly_control_bytes_is_refused_as_binary(tmp_path: Path) -> None:
    source = tmp_path / "b.txt"
    source.write_bytes(("一、情况\n" + "\x01\x02\x03\x04增" * 200).encode())
    _one_error_line(_cli("parse", str(source)), str(source), "binary")


def test_a_fifo_is_refused_not_blocked_on(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    started = time.perf_counter()
    _one_error_line(_cli("build", str(fifo), "--out", str(tmp_path / "out")), str(fifo),
                    "not a regular file")
    assert time.perf_counter() - started < 5


def test_jobs_are_capped_at_the_usable_cores(tmp_path: Path) -> None:
    import threading

    from exporter._parallel import usable_cores

    (tmp_path / "in").mkdir()
    for n in range(4):
        _small(tmp_path / "in", f"r{n}.txt")
    most = 0
    done = threading.Event()

    def watch() -> None:
        nonlocal most
        import multiprocessing

        while not done.is_set():
            most = max(most, len(multiprocessing.active_children()))
            time.sleep(0.01)

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        result = _cli("build", str(tmp_path / "in"), "--jobs", "1000", "--out",
                      str(tmp_path / "out"), "--format", "xlsx")
    finally:
        done.set()
        watcher.join()
    assert result.exit_code == 0, result.stderr
    assert 1 <= most <= usable_cores()
    assert len(list((tmp_path / "out").glob("*.xlsx"))) == 4


def test_a_huge_max_input_is_a_clean_usage_error(tmp_path: Path) -> None:
    result = _cli("--max-input", "8000000", "parse", str(_small(tmp_path)))
    assert result.exit_code == 2 and "Traceback" not in result.output + result.stderr
    assert "--max-input" in result.stderr and "4096" in result.stderr


def test_source_date_epoch_past_9999_is_a_clean_error(tmp_path: Path) -> None:
    result = _cli("build", str(_small(tmp_path)), "--out", str(tmp_path / "out"),
                  env={"SOURCE_DATE_EPOCH": "999999999999"})
    _one_error_line(result, "SOURCE_DATE_EPOCH", "9999")


@pytest.mark.parametrize("how", ["SOURCE_DATE_EPOCH", "model date"])
def test_a_date_past_2107_builds_with_zip_entries_at_the_latest_a_zip_holds(
        tmp_path: Path, how: str) -> None:
    """A zip's DOS dates end in 2107: a later date (SOURCE_DATE_EPOCH is accepted up to
    9999, a model may be dated 2200) was exit 70 in the DOCX; the entries now carry the
    latest date a zip can hold, and the documents keep the true one."""
    from docx import Document

    if how == "model date":
        source, model = _model_json(tmp_path)
        model["meta"]["date"] = "2200-01-01"
        source.write_text(json.dumps(model, ensure_ascii=False), encoding="utf-8")
        env = None
    else:
        source, env = _small(tmp_path), {"SOURCE_DATE_EPOCH": str(7258118400)}  # 2200-01-01
    out = tmp_path / "out"
    result = _cli("build", str(source), "--out", str(out), "--quiet", env=env)
    assert result.exit_code == 0, result.stderr
    for suffix in (".docx", ".xlsx"):
        with zipfile.ZipFile(out / f"{source.stem}{suffix}") as archive:
            assert {info.date_time for info in archive.infolist()} == {(2107, 12, 31, 23, 59, 58)}
    assert Document(str(out / f"{source.stem}.docx")).core_properties.created.year == 2200


def test_a_file_name_with_a_newline_gives_a_one_line_error(tmp_path: Path) -> None:
    source = tmp_path / "a\nb.txt"
    source.write_bytes(b"")
    line = _one_error_line(_cli("build", str(source), "--out", str(tmp_path / "out")),
                           "a\\nb.txt", "empty")
    assert "\n" not in line


def test_an_80_character_chinese_file_name_builds_under_its_own_name(tmp_path: Path) -> None:
    stem = "关于科技创新驱动高质量发展" * 6 + "的工作报告全文稿"
    assert len(stem) >= 80
    source = _small(tmp_path, f"{stem[:80]}.txt")
    out = tmp_path / "out"
    result = _cli("build", str(source), "--out", str(out))
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == [f"{stem[:80]}.{s}"
                                                     for s in ("docx", "pdf", "xlsx")]


def _build_quiet(source: Path, out: Path, *more: str) -> Any:
    return _cli("build", str(source), "--out", str(out), "--quiet", *more)


def test_a_folder_in_the_way_of_an_output_removes_the_set(tmp_path: Path) -> None:
    source, out = _small(tmp_path), tmp_path / "out"
    assert _build_quiet(source, out).exit_code == 0
    (out / "r.xlsx").unlink()
    (out / "r.xlsx").mkdir()
    source.write_text(SMALL + "三、其他\n增长7%。\n", encoding="utf-8")
    _one_error_line(_build_quiet(source, out), "r.xlsx", "a folder is in the way")
    assert sorted(p.name for p in out.iterdir()) == ["r.xlsx"]  # no old or new docx/pdf
    assert (out / "r.xlsx").is_dir()


def test_a_full_disk_is_one_line_and_leaves_nothing(tmp_path: Path) -> None:
    """The file-size limit (RLIMIT_FSIZE) fails writes as a full disk does (EFBIG)."""
    import resource
    import signal
    import sys

    source, out = _small(tmp_path), tmp_path / "out"
    out.mkdir()

    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

    done = subprocess.run([sys.executable, "-m", "exporter", "build", str(source), "--out",
                           str(out)], capture_output=True, text=True, preexec_fn=limit,
                          check=False, timeout=120, env=untraced_env())
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "cannot write" in lines[0] and "Traceback" not in done.stderr
    assert list(out.iterdir()) == []


def test_an_immutable_output_fails_the_rebuild_and_removes_the_rest_of_its_set(
        tmp_path: Path) -> None:
    """The old PDF cannot be replaced: the new DOCX and XLSX must not stay beside it
    looking current, and the error is one line naming the PDF."""
    import shutil

    source, out = _small(tmp_path), tmp_path / "out"
    assert _build_quiet(source, out).exit_code == 0
    chattr = shutil.which("chattr")
    if chattr is None or subprocess.run([chattr, "+i", str(out / "r.pdf")],
                                        capture_output=True, check=False).returncode:
        pytest.skip("chattr +i needs root and a file system that supports it")
    try:
        source.write_text(SMALL.replace("5%", "9%"), encoding="utf-8")
        _one_error_line(_build_quiet(source, out), "r.pdf", "cannot write")
        assert sorted(p.name for p in out.iterdir()) == ["r.pdf"]
    finally:
        subprocess.run([chattr, "-i", str(out / "r.pdf")], check=False)


def test_check_fails_on_a_mixed_set(tmp_path: Path) -> None:
    source, out = _small(tmp_path), tmp_path / "out"
    assert _build_quiet(source, out).exit_code == 0
    assert _cli("check", str(out), "--report", str(source)).exit_code == 0
    assert _build_quiet(source, out, "--format", "docx", "--full").exit_code == 0
    result = _cli("check", str(out), "--report", str(source))
    assert result.exit_code == 1
    assert "mixed set: r.docx" in result.stdout


def _zip_bytes(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(("suffix", "parts", "limit"), [
    (".docx", {"word/document.xml": b"<w:document>" + b" " * (201 * 2**20) + b"</w:document>"},
     "uncompressed-size limit"),
    (".xlsx", {"xl/worksheets/sheet1.xml": b"<a>" * 100_000 + b"</a>" * 100_000},
     "depth limit"),
    (".docx", {f"word/p{n}.xml": b"<a/>" for n in range(2500)}, "part-count limit"),
])
def test_check_reads_packages_within_bounds(tmp_path: Path, suffix: str,
                                            parts: dict[str, bytes], limit: str) -> None:
    source = _small(tmp_path)
    target = tmp_path / f"r{suffix}"
    target.write_bytes(_zip_bytes(parts))
    _one_error_line(_cli("check", str(target), "--report", str(source)), str(target), limit)


@pytest.mark.parametrize(("parts", "limit"), [
    ({"word/document.xml": b"<w:document>" + b" " * (201 * 2**20) + b"</w:document>"},
     "uncompressed-size limit"),
    ({"word/document.xml": b"<a>" * 100_000 + b"</a>" * 100_000}, "depth limit"),
    ({"word/document.xml": b"<d/>", **{f"word/p{n}.xml": b"<a/>" for n in range(2500)}},
     "part-count limit"),
    ({"word/document.xml": b'<!DOCTYPE d [<!ENTITY e "x">]><d>&e;</d>'}, "DOCTYPE"),
])
def test_the_docx_reader_keeps_the_bounds_check_keeps(tmp_path: Path, parts: dict[str, bytes],
                                                      limit: str) -> None:
    """One set of bounds (exporter/_bounded.py): a DOCX report over one is refused naming
    the limit, exit 2, nothing written."""
    source = tmp_path / "r.docx"
    source.write_bytes(_zip_bytes(parts))
    out = tmp_path / "out"
    _one_error_line(_build_quiet(source, out), str(source), limit)
    assert not out.exists() or list(out.iterdir()) == []


def test_a_batch_finishes_past_a_bad_report(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    _, model = _model_json(tmp_path)
    bad = folder / "b.json"
    bad.write_text(json.dumps(model, ensure_ascii=True).replace('"title": "', '"title": "\\udfff', 1),
                   encoding="ascii")
    for name in ("a.txt", "c.txt"):
        _small(folder, name)
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        result = _cli("build", str(folder), "--out", str(out), "--jobs", jobs, "--format", "xlsx")
        assert result.exit_code == 2
        assert result.stderr.splitlines() == [
            (f"exporter: {bad}: model JSON invalid at $.meta.title: a lone surrogate "
             "(\\ud800-\\udfff) is not a character")]
        assert sorted(p.name for p in out.glob("*.xlsx")) == ["a.xlsx", "c.xlsx"]


def test_the_pool_survives_a_worker_that_dies(tmp_path: Path) -> None:
    """A report whose worker dies every time it is built (killed outright, as the memory
    killer would, whenever a process holds its partial PDF open): that report is reported
    by name in one line, every other one is built, exit 2."""
    import os
    import signal
    import sys

    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(5):
        _small(folder, f"r{n}.txt")
    out = tmp_path / "out"
    build = subprocess.Popen([sys.executable, "-m", "exporter", "build", str(folder), "--out",
                              str(out), "--jobs", "2", "--format", "pdf", "--quiet"],
                             stderr=subprocess.PIPE, text=True)
    children = Path(f"/proc/{build.pid}/task/{build.pid}/children")
    killed = 0
    while build.poll() is None:
        for pid in children.read_text().split() if children.exists() else []:
            try:
                held = [os.readlink(fd) for fd in Path(f"/proc/{pid}/fd").iterdir()]
            except OSError:
                continue
            if any(".r2.pdf." in name for name in held):
                os.kill(int(pid), signal.SIGKILL)
                killed += 1
        time.sleep(0.005)
    stderr = build.stderr.read() if build.stderr else ""
    assert killed >= 2  # in the pool, then alone
    assert build.returncode == 2, stderr
    assert stderr.strip().splitlines() == [
        (f"exporter: {folder / 'r2.txt'}: the worker process building it died (a crash, "
         "or out of memory)")]
    assert sorted(p.name for p in out.glob("*.pdf")) == ["r0.pdf", "r1.pdf", "r3.pdf", "r4.pdf"]
    assert not list(out.glob(".*.part"))


@pytest.mark.parametrize(("signum", "status"), [("SIGTERM", 143), ("SIGINT", 130)])
def test_an_interrupt_stops_every_process_and_leaves_nothing(tmp_path: Path, signum: str,
                                                             status: int) -> None:
    import signal
    import sys

    source = tmp_path / "big.txt"  # builds for several seconds
    source.write_text(HEAD + "".join(f"{i}.第{i}项工作\n完成投资{i}亿元，增长{i % 50}.5%。\n"
                                     for i in range(1, 5001)), encoding="utf-8")
    out = tmp_path / "out"
    # A shell that starts a job in the background (as CI runners and `pytest &` do) hands
    # it SIGINT ignored, and Python keeps an inherited ignore: the build is started with
    # Ctrl-C's default handler, as from a terminal.
    with_ctrl_c = ("import runpy, signal; signal.signal(signal.SIGINT, signal.default_int_handler);"
                   " runpy.run_module('exporter', run_name='__main__', alter_sys=True)")
    build = subprocess.Popen([sys.executable, "-c", with_ctrl_c, "build", str(source), "--out",
                              str(out), "--full"], stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, text=True, env=untraced_env())
    children = Path(f"/proc/{build.pid}/task/{build.pid}/children")
    deadline = time.monotonic() + 30
    forked: list[str] = []
    while time.monotonic() < deadline and not forked:
        forked = children.read_text().split() if children.exists() else []
        time.sleep(0.02)
    time.sleep(0.4)
    assert build.poll() is None, "the build ended before it could be interrupted"
    build.send_signal(getattr(signal, signum))
    _, stderr = build.communicate(timeout=60)
    assert build.returncode == status, stderr
    assert stderr.strip() == "exporter: interrupted"
    time.sleep(1.5)  # a child that lived on would write now
    assert list(out.iterdir()) == []
    for pid in forked:
        stat = Path(f"/proc/{pid}/stat")
        assert not stat.exists() or stat.read_text().split(")")[1].split()[0] in "ZX"


def test_styles_check_lists_every_error_with_its_key(tmp_path: Path) -> None:
    from exporter.theme import theme_path

    text = theme_path("official").read_text(encoding="utf-8")
    text = text.replace('line_spacing = "35pt"', 'line_spacing = "1999pt"', 1)
    text = text.replace('heiti = ["黑体"', 'heiti = ["黑\\u0007体"', 1)
    text = text.replace("[roles.table_body]", '[roles.table_body]\nbold = "yes"', 1)
    theme = tmp_path / "bad.toml"
    theme.write_text(text, encoding="utf-8")
    result = _cli("styles", "--check", str(theme))
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert [line.split(": ")[2] for line in lines] == [
        "fonts.heiti[0]", "roles.title.line_spacing", "roles.table_body.bold"], lines
    deep = tmp_path / "deep.toml"
    deep.write_text("x = " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    _one_error_line(_cli("styles", "--check", str(deep)), "nests deeper")


@pytest.mark.parametrize("damage", ["truncated-subset", "malformed-plan"])
def test_a_damaged_font_cache_entry_is_rebuilt(tmp_path: Path, damage: str) -> None:
    source, cache = _small(tmp_path), tmp_path / "cache"
    env = {"XDG_CACHE_HOME": str(cache)}
    assert _cli("build", str(source), "--out", str(tmp_path / "a"), "--format", "pdf",
                env=env).exit_code == 0
    fonts = cache / "exporter" / "fonts"
    if damage == "truncated-subset":
        for subset in fonts.glob("*.ttf"):
            subset.write_bytes(subset.read_bytes()[:500])
    else:
        for plan in fonts.glob("plan-*.json"):
            plan.write_text('{"sha256": "0", "routes": [{"role": 1}]}', encoding="utf-8")
    import subprocess as sp
    import sys

    done = sp.run([sys.executable, "-m", "exporter", "build", str(source), "--out",
                   str(tmp_path / "b"), "--format", "pdf"], capture_output=True, text=True,
                  env={**__import__("os").environ, **env}, check=False)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "a" / "r.pdf").read_bytes() == (tmp_path / "b" / "r.pdf").read_bytes()


def test_an_unwritable_font_cache_leaves_nothing_in_the_temporary_folder(tmp_path: Path) -> None:
    import os
    import sys

    source, temp = _small(tmp_path), tmp_path / "tmp"
    temp.mkdir()
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")
    done = subprocess.run([sys.executable, "-m", "exporter", "build", str(source), "--out",
                           str(tmp_path / "out"), "--format", "pdf"], capture_output=True,
                          text=True, check=False,
                          env={**os.environ, "XDG_CACHE_HOME": str(blocked), "TMPDIR": str(temp)})
    assert done.returncode == 0, done.stderr
    assert list(temp.iterdir()) == []


def test_a_model_json_quoting_a_pdf_header_reads_as_a_model(tmp_path: Path) -> None:
    """Was: "%PDF-" anywhere in the first KB made the bytes a PDF, so a model the schema
    accepts was refused as an unreadable PDF."""
    path, model = _model_json(tmp_path)
    model["meta"]["title"] = "%PDF-1.4 在标题里"
    path.write_text(json.dumps(model, ensure_ascii=False), encoding="utf-8")
    result = _cli("build", str(path), "--out", str(tmp_path / "out"), "--format", "xlsx")
    assert result.exit_code == 0, result.stderr
