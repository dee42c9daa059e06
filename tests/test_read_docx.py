"""The DOCX reader: a LibreOffice DOCX reads like its text, Word's numbering becomes labels,
footnotes become notes, and hostile packages fail cleanly with the limit they broke."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from exporter.cli import cli
from exporter.errors import InputError
from exporter.readers import read_report
from tests.documents import FIXTURES, assert_same_reading, dev_report, numbered_docx, rewrite_docx

NATIONAL_DOCX = FIXTURES / "national-gwr-2017.libreoffice.docx"

OUTLINE = [(0, "经济运行"), (None, "全年经济增长6%，新增就业100万人。"), (1, "工业"),
           (None, "规模以上工业增加值增长5%。"), (2, "制造业"), (None, "制造业投资增长7%。"),
           (1, "农业"), (None, "粮食产量增长2%。"), (0, "明年安排"), (None, "预期增长5%左右。")]


def test_a_libreoffice_docx_reads_into_the_texts_headings_and_figures(tmp_path: Path) -> None:
    text = read_report(dev_report("national-gwr-2017.txt").read_bytes(), "national.txt")
    read = read_report(NATIONAL_DOCX.read_bytes(), NATIONAL_DOCX.name)
    assert_same_reading(read, text, tmp_path, paragraphs=True)


def test_word_numbering_is_rendered_into_labels_and_footnotes_into_notes() -> None:
    data = numbered_docx(OUTLINE, footnotes=["“两新”：指大规模设备更新和消费品以旧换新。"])
    report = read_report(data, "numbered.docx")
    assert [(s.heading, s.level) for s, _ in report.walk()] == [
        ("一、经济运行", 1), ("（一）工业", 2), ("1.制造业", 3), ("（二）农业", 2),
        ("二、明年安排", 1)]
    assert [(n.label, n.term) for n in report.notes] == [("[1]", "两新")]
    assert {f.number for f in report.figures} >= {"6", "100万", "5", "7", "2"}


def _bomb() -> bytes:
    """A DOCX carrying a part of 201 MB of zeros (packed 1000 to 1)."""
    return rewrite_docx(NATIONAL_DOCX.read_bytes(), {"word/media/zeros.bin": bytes(201 * 2**20)})


def _external_entity() -> bytes:
    entity = (b'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM '
              b'"file:///etc/passwd">]>')
    return rewrite_docx(NATIONAL_DOCX.read_bytes(), {
        "word/document.xml": lambda xml: entity + xml[xml.index(b"?>") + 2:].replace(
            b"<w:t>", b"<w:t>&xxe;", 1)})


def _many_parts() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        for index in range(2100):
            archive.writestr(f"word/media/{index}.xml", "<a/>")
    return buffer.getvalue()


def _deep() -> bytes:
    nested = b"<w:r>" * 3000 + b"</w:r>" * 3000
    return rewrite_docx(NATIONAL_DOCX.read_bytes(), {
        "word/document.xml": lambda xml: xml.replace(b"<w:body>", b"<w:body><w:p>" + nested
                                                     + b"</w:p>", 1)})


@pytest.mark.parametrize(("make", "words"), [
    (_bomb, "uncompressed-size limit"), (_external_entity, "DOCTYPE"),
    (_many_parts, "part-count limit"), (_deep, "depth limit"),
])
def test_hostile_docx_fails_cleanly_and_writes_nothing(make: object, words: str,
                                                        tmp_path: Path) -> None:
    source = tmp_path / "hostile.docx"
    source.write_bytes(make())  # type: ignore[operator]
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", str(source), "--out", str(out),
                                      "--format", "docx"])
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(source) in lines[0] and words in lines[0], result.stderr
    assert "Traceback" not in result.stderr
    assert not any(out.iterdir())


def test_a_zip_that_is_no_word_document_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.txt", "一、标题")
    with pytest.raises(InputError, match="not a readable DOCX"):
        read_report(buffer.getvalue(), "a.docx", source_format="docx")
