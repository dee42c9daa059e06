"""Inputs beyond one file: standard input, URLs from a local server, folders walked for
every format (never the output folder), --from and --name, and detection by content."""

from __future__ import annotations

import http.server
import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from exporter.cli import cli
from exporter.readers.detect import detect_format
from tests.documents import FIXTURES, numbered_docx, raw_pdf
from tests.pages import gov_page

REPORT = ("关于某市2025年科技工作的报告\n各位代表：\n一、主要工作\n全年研发投入增长8.5%，新增高新技术企业320家。\n"
          "二、明年安排\n力争技术合同成交额突破1000亿元。\n")


def _invoke(*args: str, stdin: bytes | None = None) -> object:
    return CliRunner().invoke(cli, list(args), input=stdin)


class _Handler(http.server.BaseHTTPRequestHandler):
    """Serves a report page in GBK declared only by the response, a redirect loop, an
    image, a missing page and a page over the size limit."""

    def do_GET(self) -> None:
        page = gov_page(REPORT, "科技工作报告").replace(
            '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">', "")
        routes = {
            "/news/t20250120_1.html": (200, "text/html; charset=GBK", page.encode("gbk")),
            "/report.txt": (200, "text/plain; charset=utf-8", REPORT.encode()),
            "/latin.html": (200, "text/html; charset=ISO-8859-1",
                            gov_page(REPORT, "科技工作报告", charset="gb2312").encode("gbk")),
            "/logo.png": (200, "image/png", b"\x89PNG\r\n\x1a\n" + bytes(100)),
        }
        if self.path.startswith("/loop"):
            self.send_response(302)
            self.send_header("Location", f"/loop{len(self.path)}")
            self.end_headers()
            return
        status, kind, body = routes.get(self.path, (404, "text/plain", b"not found"))
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        """Quiet: the test output is the server's log."""


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_standard_input_is_read_and_named_stdin(tmp_path: Path) -> None:
    result = _invoke("parse", "-", stdin=REPORT.encode("gb18030"))
    assert result.exit_code == 0, result.stderr  # type: ignore[attr-defined]
    meta = json.loads(result.stdout)["meta"]  # type: ignore[attr-defined]
    assert meta["source_name"] == "stdin"
    built = _invoke("build", "-", "--out", str(tmp_path), "--format", "xlsx",
                    stdin=REPORT.encode())
    assert built.exit_code == 0, built.stderr  # type: ignore[attr-defined]
    assert [p.name for p in tmp_path.iterdir()] == ["stdin.xlsx"]


def test_name_renames_the_outputs_of_standard_input(tmp_path: Path) -> None:
    docx = (FIXTURES / "national-gwr-2017.libreoffice.docx").read_bytes()
    result = _invoke("build", "-", "--name", "gwr-2017", "--out", str(tmp_path),
                     "--format", "xlsx", stdin=docx)
    assert result.exit_code == 0, result.stderr  # type: ignore[attr-defined]
    assert [p.name for p in tmp_path.iterdir()] == ["gwr-2017.xlsx"]


def test_a_url_is_fetched_with_the_responses_encoding_and_named_by_its_path(
        server: str, tmp_path: Path) -> None:
    url = f"{server}/news/t20250120_1.html"
    result = _invoke("parse", url)
    assert result.exit_code == 0, result.stderr  # type: ignore[attr-defined]
    model = json.loads(result.stdout)  # type: ignore[attr-defined]
    assert model["meta"]["source_name"] == "t20250120_1.html"
    assert [s["label"] + s["title"] for s in model["sections"]] == ["一、主要工作", "二、明年安排"]
    built = _invoke("build", url, f"{server}/report.txt", "--out", str(tmp_path),
                    "--format", "xlsx")
    assert built.exit_code == 0, built.stderr  # type: ignore[attr-defined]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".exporter-build.json", "report.xlsx", "t20250120_1.xlsx"]


def test_a_servers_latin_1_default_gives_way_to_the_pages_own_charset(server: str) -> None:
    result = _invoke("parse", f"{server}/latin.html")
    assert result.exit_code == 0, result.stderr  # type: ignore[attr-defined]
    sections = json.loads(result.stdout)["sections"]  # type: ignore[attr-defined]
    assert [s["label"] + s["title"] for s in sections] == ["一、主要工作", "二、明年安排"]


@pytest.mark.parametrize(("path", "words"), [
    ("/logo.png", "answered with image/png"), ("/missing.html", "HTTP 404"),
    ("/loop", "too many redirects"),
])
def test_a_bad_url_fails_in_one_line(server: str, path: str, words: str, tmp_path: Path) -> None:
    result = _invoke("build", f"{server}{path}", "--out", str(tmp_path))
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()  # type: ignore[attr-defined]
    assert len(lines) == 1 and f"{server}{path}" in lines[0] and words in lines[0], lines
    assert not any(tmp_path.iterdir())


def test_a_url_over_the_size_limit_is_refused(server: str) -> None:
    from exporter._inputs import fetch_url
    from exporter.errors import InputError

    with pytest.raises(InputError, match="over the input limit"):
        fetch_url(f"{server}/news/t20250120_1.html", max_bytes=1000)


def test_folders_are_walked_for_every_format_and_never_into_the_output(tmp_path: Path) -> None:
    (tmp_path / "2025" / "html").mkdir(parents=True)
    (tmp_path / "a.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "2025" / "html" / "page.htm").write_text(gov_page(REPORT, "报告"), encoding="utf-8")
    (tmp_path / "2025" / "gwr.docx").write_bytes(numbered_docx(
        [(0, "主要工作"), (None, "全年增长6%。"), (0, "明年安排"), (None, "预期增长5%左右。")]))
    (tmp_path / "2025" / "photo.jpg").write_bytes(b"\xff\xd8\xff" + bytes(64))
    (tmp_path / "2025" / "a.txt").write_text(REPORT, encoding="utf-8")
    out = tmp_path / "out"
    first = _invoke("build", str(tmp_path), "--out", str(out), "--format", "docx")
    assert first.exit_code == 0, first.stderr  # type: ignore[attr-defined]
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()) == [
        ".exporter-build.json", "2025/a.docx", "2025/gwr.docx", "2025/html/page.docx",
        "a.docx"]
    warnings = first.stderr.strip().splitlines()  # type: ignore[attr-defined]
    assert len(warnings) == 1
    assert "photo.jpg" in warnings[0] and "not a report file" in warnings[0]
    again = _invoke("build", str(tmp_path), "--out", str(out), "--format", "docx")
    assert again.exit_code == 0
    assert again.stdout.count(" sections, ") == 4  # type: ignore[attr-defined]
    # Built into itself, a report's own DOCX beside it is taken for its output, not read.
    for _ in range(2):
        inside = _invoke("build", str(tmp_path / "2025"), "--out", str(tmp_path / "2025"),
                         "--format", "pdf")
        assert inside.exit_code == 0, inside.stderr  # type: ignore[attr-defined]
    assert "a.pdf: taken for an output of" in inside.stderr  # type: ignore[attr-defined]
    assert "gwr.pdf: taken for an output of" in inside.stderr  # type: ignore[attr-defined]


def test_a_folder_without_reports_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "notes.md").write_text("# notes", encoding="utf-8")
    result = _invoke("build", str(tmp_path), "--out", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert "no reports found" in result.stderr  # type: ignore[attr-defined]


def test_the_content_decides_the_format_and_from_overrides_it(tmp_path: Path) -> None:
    assert detect_format(raw_pdf(1)) == "pdf"
    assert detect_format((FIXTURES / "national-gwr-2017.libreoffice.docx").read_bytes()) == "docx"
    assert detect_format(b'\xef\xbb\xbf {"schema_version": 1}') == "json"
    assert detect_format(gov_page(REPORT, "x").encode("utf-16")) == "html"
    assert detect_format(REPORT.encode()) == "txt"
    misnamed = tmp_path / "report.pdf"
    misnamed.write_text(REPORT, encoding="utf-8")
    assert _invoke("parse", str(misnamed)).exit_code == 0  # type: ignore[attr-defined]
    forced = _invoke("parse", str(misnamed), "--from", "docx")
    assert forced.exit_code == 2
    assert "not a readable DOCX" in forced.stderr  # type: ignore[attr-defined]


def test_check_finds_a_page_or_docx_source_beside_its_outputs_never_an_output(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("page.html").write_text(gov_page(REPORT, "报告"), encoding="utf-8")
    built = _invoke("build", "page.html", "--out", ".", "--format", "docx,xlsx")
    assert built.exit_code == 0, built.stderr  # type: ignore[attr-defined]
    checked = _invoke("check", "page.docx", "page.xlsx")
    assert checked.exit_code == 0, checked.stderr  # type: ignore[attr-defined]
    assert checked.stdout.count("agree with the model") == 2  # type: ignore[attr-defined]


def test_a_folder_built_into_itself_never_reads_its_own_outputs(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(REPORT, encoding="utf-8")
    for _ in range(2):
        result = _invoke("build", str(tmp_path), "--out", str(tmp_path), "--format", "docx,pdf")
        assert result.exit_code == 0, result.stderr  # type: ignore[attr-defined]
        assert result.stdout.count("sections") == 1  # type: ignore[attr-defined]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.docx", "a.pdf", "a.txt"]
