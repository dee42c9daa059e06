"""The office's own document: settings from a defaults file and --set, the GB/T 9704
furniture they give the Word briefing, and the metadata and dates of all three files."""

from __future__ import annotations

import dataclasses
import io
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docx.oxml.ns import qn
from openpyxl import load_workbook
from pypdf import PdfReader

from exporter.cli import cli
from exporter.document import DocumentSettings
from exporter.errors import InputError
from exporter.model import Report
from exporter.renderers import RenderOptions, render
from exporter.settings import load_settings
from exporter.theme import load_theme
from tests.conftest import require_soffice, require_tool
from tests.factories import make_report

OFFICE = DocumentSettings(
    issuer="某市科技局文件", doc_number="某科发〔2026〕12号", copy_number="000123",
    classification="秘密", classification_term="1年", urgency="特急", title="科技工作简报",
    date="2026-03-01", cc="市委办公厅，市政府办公厅", printed_by="某市科技局办公室",
    printed_date="2026-03-02")


NO_SETTINGS = DocumentSettings()


def _render(fmt: str, report: Report, settings: DocumentSettings = NO_SETTINGS,
            **options: object) -> bytes:
    out = io.BytesIO()
    theme = load_theme("official" if fmt == "docx" else "modern")
    render(fmt, report, theme, RenderOptions(settings=settings, **options),  # type: ignore[arg-type]
           out)
    return out.getvalue()


# --- settings -------------------------------------------------------------------------


def test_set_wins_over_the_defaults_file_found_in_the_working_folder(tmp_path: Path) -> None:
    (tmp_path / "exporter.toml").write_text(
        'issuer = "甲局"\ndoc_number = "甲发〔2026〕1号"\ncc = ["乙局", "丙局"]\n'
        "date = 2026-03-01\n", encoding="utf-8")
    settings = load_settings(None, ["issuer=丁局", "urgency = 特急"], folder=tmp_path)
    assert settings.issuer == "丁局" and settings.urgency == "特急"
    assert settings.doc_number == "甲发〔2026〕1号" and settings.cc == "乙局，丙局"
    assert settings.date == "2026-03-01"
    named = tmp_path / "other.toml"
    named.write_text('signer = "张三"\n', encoding="utf-8")
    assert load_settings(named, [], folder=tmp_path).issuer is None  # the named file only


@pytest.mark.parametrize(("content", "assignments", "message"), [
    ('isuer = "甲局"\n', [], "unknown setting 'isuer'"),
    ("", ["colour=red"], "--set: unknown setting 'colour'"),
    ("", ["issuer"], "expected key=value"),
    ("", ["date=next week"], "date must be a date"),
    ("issuer = true\n", [], "issuer must be text"),
    ("issuer = \n", [], "is not valid TOML"),
    ("", ["issuer=\udce4\udcb8"], "issuer is not valid UTF-8 text"),
])
def test_bad_settings_name_the_key(tmp_path: Path, content: str, assignments: list[str],
                                   message: str) -> None:
    path = tmp_path / "d.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        load_settings(path, assignments)


def test_unknown_key_on_the_command_line_exits_2_with_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["build", "--out", str(tmp_path), "--set", "colour=red"])
    assert result.exit_code == 2
    known = ", ".join(f.name for f in dataclasses.fields(DocumentSettings))
    assert result.output.strip().splitlines() == [
        f"exporter: --set: unknown setting 'colour' (known: {known})"]
    assert not list(tmp_path.iterdir())


# --- the furniture ----------------------------------------------------------------------


def test_masthead_and_imprint_as_gbt_9704_lays_them_out() -> None:
    report = make_report()
    document = docx.Document(io.BytesIO(_render("docx", report, OFFICE)))
    paragraphs = document.paragraphs
    texts = [p.text for p in paragraphs]
    # 份号, 密级★保密期限, 紧急程度 at the top left, in that order
    assert texts[:3] == ["000123", "秘密★1年", "特急"]
    heiti = load_theme("official").role("heading1").fonts[0]
    assert paragraphs[1].runs[0].element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == heiti
    # the issuer's red name, then the 发文字号 with the red rule under it
    issuer = paragraphs[3]
    assert issuer.style.name == "Issuer" and issuer.text == OFFICE.issuer
    assert str(issuer.style.font.color.rgb) == load_theme("official").color("accent")
    number = paragraphs[4]
    assert number.text == OFFICE.doc_number
    rule = number._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
    assert rule.get(qn("w:color")) == load_theme("official").color("rule")
    # the briefing's own title, the report's title under it
    assert (paragraphs[5].style.name, paragraphs[5].text) == ("Title", OFFICE.title)
    assert paragraphs[6].text == report.meta.title
    # after the body: issuer and date four characters in, then the 版记 between rules
    end = texts.index("2026年3月1日")
    assert texts[end - 1] == "某市科技局"  # the office signs without the 版头's 文件
    assert texts[-2:] == ["抄送：市委办公厅，市政府办公厅。", "某市科技局办公室\t2026年3月2日印发"]
    cc, printed = (paragraphs[-2]._p.pPr.find(qn("w:pBdr")),
                   paragraphs[-1]._p.pPr.find(qn("w:pBdr")))
    assert cc.find(qn("w:top")).get(qn("w:sz")) == "8"
    assert printed.find(qn("w:top")).get(qn("w:sz")) == "6"
    assert printed.find(qn("w:bottom")).get(qn("w:sz")) == "8"


def test_signer_sits_beside_the_number_at_the_right() -> None:
    settings = dataclasses.replace(OFFICE, signer="李四")
    document = docx.Document(io.BytesIO(_render("docx", make_report(), settings)))
    line = next(p for p in document.paragraphs if p.text.startswith(OFFICE.doc_number or ""))
    assert line.text == f"{OFFICE.doc_number}\t签发人：李四"
    assert line._p.pPr.find(qn("w:tabs")).find(qn("w:tab")).get(qn("w:val")) == "right"


def test_without_an_issuer_no_masthead_names_anybody() -> None:
    report = make_report()
    document = docx.Document(io.BytesIO(_render("docx", report)))
    assert not any(p.style.name == "Issuer" for p in document.paragraphs)
    assert not any(p._p.pPr is not None and p._p.pPr.find(qn("w:pBdr")) is not None
                   for p in document.paragraphs)
    assert not any("抄送" in p.text or "印发" in p.text for p in document.paragraphs)


def test_libreoffice_shows_issuer_and_number_at_the_top_of_page_one(tmp_path: Path) -> None:
    soffice, pdftotext = require_soffice(), require_tool("pdftotext")
    source = tmp_path / "briefing.docx"
    source.write_bytes(_render("docx", make_report(), DocumentSettings(
        issuer="某市科技局文件", doc_number="某科发〔2026〕12号")))
    subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}",
                    "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=180)
    text = subprocess.run([pdftotext, "-layout", "-f", "1", "-l", "1",
                           str(tmp_path / "briefing.pdf"), "-"],
                          check=True, capture_output=True, text=True).stdout
    lines = [line.replace(" ", "") for line in text.splitlines() if line.strip()]
    assert lines[0] == "某市科技局文件"
    assert lines[1] == "某科发〔2026〕12号"
    issuer_line = next(line for line in text.splitlines() if line.strip())
    assert issuer_line.startswith(" " * 8)  # centred, not flush left


# --- metadata and dates ----------------------------------------------------------------


def test_every_file_names_the_office_as_author_never_the_speaker(tmp_path: Path) -> None:
    report = make_report()
    for settings, author in ((OFFICE, "某市科技局"), (DocumentSettings(),
                                                  report.meta.organization)):
        word = docx.Document(io.BytesIO(_render("docx", report, settings)))
        pdf = PdfReader(io.BytesIO(_render("pdf", report, settings)))
        path = tmp_path / "w.xlsx"
        path.write_bytes(_render("xlsx", report, settings))
        book = load_workbook(path)
        assert word.core_properties.author == pdf.metadata["/Author"] == author
        title = settings.title or report.meta.title
        assert word.core_properties.title == pdf.metadata["/Title"] == book.properties.title == title
        assert book.properties.creator == author
        assert report.meta.speaker not in (word.core_properties.author, pdf.metadata["/Author"])
    assert docx.Document(io.BytesIO(_render(
        "docx", report, DocumentSettings(author="王五")))).core_properties.author == "王五"


def test_dates_are_true_or_absent_and_rebuilds_identical(tmp_path: Path) -> None:
    report = make_report()
    undated = dataclasses.replace(report, meta=dataclasses.replace(report.meta, date=None))
    cases = [(report, DocumentSettings(), None, "2016-02-19"),
             (report, DocumentSettings(date="2026-03-01"), None, "2026-03-01"),
             (report, DocumentSettings(date="2026-03-01"), 1_700_000_000, "2023-11-14"),
             (undated, DocumentSettings(), None, None)]
    for model, settings, epoch, expected in cases:
        built = {fmt: _render(fmt, model, settings, source_date_epoch=epoch)
                 for fmt in ("docx", "pdf", "xlsx")}
        assert built == {fmt: _render(fmt, model, settings, source_date_epoch=epoch)
                         for fmt in built}
        with zipfile.ZipFile(io.BytesIO(built["docx"])) as archive:
            core = archive.read("docProps/core.xml").decode()
        with zipfile.ZipFile(io.BytesIO(built["xlsx"])) as archive:
            book_core = archive.read("docProps/core.xml").decode()
        pdf_date = PdfReader(io.BytesIO(built["pdf"])).metadata.get("/CreationDate")
        if expected is None:
            assert "created" not in core and "created" not in book_core and pdf_date is None
            assert "2000" not in core and "2000-01-01" not in book_core
        else:
            assert f"<dcterms:created xsi:type=\"dcterms:W3CDTF\">{expected}T" in core
            assert f">{expected}T" in book_core
            assert pdf_date.startswith("D:" + expected.replace("-", ""))


def test_pdf_cover_carries_the_office_issuer_and_title(tmp_path: Path) -> None:
    pdftotext = require_tool("pdftotext")
    report = make_report()
    out = tmp_path / "c.pdf"
    out.write_bytes(_render("pdf", report, OFFICE))
    first = subprocess.run([pdftotext, "-l", "1", str(out), "-"], check=True,
                           capture_output=True, text=True).stdout
    first = "".join(first.split())
    assert first.index(OFFICE.title or "") < first.index(report.meta.title or "")
    plain = tmp_path / "p.pdf"
    plain.write_bytes(_render("pdf", report))
    cover = subprocess.run([pdftotext, "-l", "1", str(plain), "-"], check=True,
                           capture_output=True, text=True).stdout
    assert OFFICE.issuer not in cover


def test_hostile_settings_are_text_in_every_file(tmp_path: Path) -> None:
    hostile = DocumentSettings(
        issuer='<w:p>\x00某局\x0b文件&amp;', doc_number="=HYPERLINK(\"x\")", cc="甲\ud800乙",
        title="简报<b>\x1f</b>" * 40, printed_by="丙\t丁", printed_date="2026年3月2日")
    report = make_report()
    word = docx.Document(io.BytesIO(_render("docx", report, hostile)))
    texts = [p.text for p in word.paragraphs]
    assert "<w:p>某局文件&amp;" in texts and "抄送：甲乙。" in texts
    assert word.core_properties.author == "<w:p>某局文件&amp;".removesuffix("文件")
    pdf = PdfReader(io.BytesIO(_render("pdf", report, hostile)))
    assert "简报<b></b>" in "".join(pdf.pages[0].extract_text().split())
    path = tmp_path / "h.xlsx"
    path.write_bytes(_render("xlsx", report, hostile))
    assert load_workbook(path).properties.title.startswith("简报<b></b>")
