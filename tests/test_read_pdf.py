"""The PDF reader: LibreOffice PDFs read like their text (running headers, footers and page
numbers dropped, lines re-joined without stray spaces), scans and hostile files refused."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from exporter.cli import cli
from exporter.errors import InputError
from exporter.readers import read_report
from exporter.readers.pdf import MAX_PAGES
from tests.conftest import require_tool
from tests.documents import (
    FIXTURES,
    W_NS,
    assert_same_reading,
    dev_report,
    raw_pdf,
    soffice_convert,
)

RUNNING_HEADER = "2017年政府工作报告（全文）"


def _paged_docx(text: str, target: Path) -> Path:
    """The report as Word would lay it out: indented paragraphs, a running header and a
    page number field in the footer."""
    import docx
    from docx.oxml import parse_xml
    from docx.shared import Pt

    document = docx.Document()
    style = document.styles["Normal"]
    style.font.size = Pt(12)
    style.paragraph_format.first_line_indent = Pt(24)
    section = document.sections[0]
    section.header.paragraphs[0].text = RUNNING_HEADER
    footer = section.footer.paragraphs[0]
    footer._p.append(parse_xml(
        f'<w:fldSimple xmlns:w="{W_NS}" w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
    for line in text.splitlines():
        if line.strip():
            document.add_paragraph(line.strip())
    document.save(str(target))
    return target


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The committed LibreOffice DOCX and a paged DOCX of the same report, exported to PDF
    by LibreOffice."""
    text = dev_report("national-gwr-2017.txt").read_text(encoding="utf-8")
    folder = tmp_path_factory.mktemp("pdfs")
    plain = folder / "plain.docx"
    plain.write_bytes((FIXTURES / "national-gwr-2017.libreoffice.docx").read_bytes())
    paged = _paged_docx(text, folder / "paged.docx")
    plain_pdf, paged_pdf = soffice_convert([plain, paged], "pdf", folder)
    return {"plain": plain_pdf, "paged": paged_pdf}


@pytest.fixture(scope="module")
def text_reading() -> object:
    return read_report(dev_report("national-gwr-2017.txt").read_bytes(), "national.txt")


def test_a_pdf_exported_from_the_docx_reads_into_the_texts_headings_and_figures(
        pdfs: dict[str, Path], text_reading: object, tmp_path: Path) -> None:
    read = read_report(pdfs["plain"].read_bytes(), "plain.pdf")
    assert_same_reading(read, text_reading, tmp_path)  # type: ignore[arg-type]


def test_running_headers_and_page_numbers_go_and_paragraphs_come_back_whole(
        pdfs: dict[str, Path], text_reading: object, tmp_path: Path) -> None:
    read = read_report(pdfs["paged"].read_bytes(), "paged.pdf")
    assert_same_reading(read, text_reading, tmp_path, paragraphs=True)  # type: ignore[arg-type]
    texts = [p.text for p in read.preamble] + [p.text for s, _ in read.walk()
                                               for p in s.paragraphs]
    assert not any(RUNNING_HEADER in t or re.fullmatch(r"\d+", t) for t in texts)
    cjk = "\u4e00-\u9fff，。、；："
    assert not any(re.search(f"[{cjk}] [{cjk}0-9]|[0-9] [{cjk}]", t) for t in texts)


def test_a_scan_without_a_text_layer_is_refused_with_advice_to_ocr() -> None:
    with pytest.raises(InputError, match="no text layer.*OCR"):
        read_report(raw_pdf(3, image=True), "scan.pdf")


def test_an_encrypted_pdf_is_refused_with_the_reason(tmp_path: Path) -> None:
    plain, locked = tmp_path / "plain.pdf", tmp_path / "locked.pdf"
    plain.write_bytes(raw_pdf(1))
    subprocess.run([require_tool("qpdf"), "--encrypt", "secret", "owner", "256", "--",
                    str(plain), str(locked)], check=True)
    with pytest.raises(InputError, match="encrypted"):
        read_report(locked.read_bytes(), "locked.pdf")


@pytest.mark.parametrize(("data", "words"), [
    (raw_pdf(10_000), f"over the limit of {MAX_PAGES:,}"),
    (b"%PDF-1.7\n" + bytes(range(256)) * 40, "not a readable PDF"),
    (raw_pdf(2, image=True), "OCR"),
])
def test_hostile_pdfs_fail_cleanly_and_write_nothing(data: bytes, words: str,
                                                     tmp_path: Path) -> None:
    source = tmp_path / "hostile.pdf"
    source.write_bytes(data)
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", str(source), "--out", str(out),
                                      "--format", "docx"])
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(source) in lines[0] and words in lines[0], result.stderr
    assert not any(out.iterdir())
