"""Bugs the QA sweep over the real reports found, each as a small model built here."""

from __future__ import annotations

import io
import json
import re
import subprocess
from pathlib import Path

from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from exporter.check import compare, read_docx, read_pdf, read_xlsx
from exporter.figures import extract_figures
from exporter.model import Paragraph, Report, Section
from exporter.readers import read_report
from exporter.readers.detect import detect_format
from exporter.renderers import RenderOptions, render
from exporter.theme import load_theme
from tests.factories import make_figure, make_report


def _write(report: Report, fmt: str, path: Path, *, full: bool = False) -> Path:
    out = io.BytesIO()
    render(fmt, report, load_theme("official"), RenderOptions(full=full), out)
    path.write_bytes(out.getvalue())
    return path


def _preamble_figure_report() -> Report:
    """A report whose opening paragraph, before any heading, states a (background)
    figure, which no key-figure table shows."""
    report = make_report(sections=1, depth=1, paragraphs=1)
    sentence = "过去一年，全市地区生产总值达到2.5万亿元。"
    report.preamble.append(Paragraph(id="p2", text=sentence))
    report.figures.insert(0, make_figure("f0", "p2", "", sentence, "2.5万亿元", "2.5万亿",
                                         2.5, "万亿元", 2.5e12, "元", metric="地区生产总值"))
    report.figures[0].section = None
    for figure in report.figures[1:]:  # roles given: the background f0 is no headline
        figure.role = "result"
    return report


def test_briefing_tables_the_preamble_figures_in_word_as_in_pdf(tmp_path: Path) -> None:
    """A figure before the first heading was in the PDF's tables and the workbook but in
    no Word table, so ``check`` failed on the briefing (seen on a provincial report)."""
    report = _preamble_figure_report()
    docx = read_docx(_write(report, "docx", tmp_path / "r.docx"))
    pdf = read_pdf(_write(report, "pdf", tmp_path / "r.pdf"))
    assert "f0" in docx.rows and "f0" in pdf.rows
    assert compare(".docx", docx, report.figures) == []
    assert compare(".pdf", pdf, report.figures) == []


def _appendix_report() -> Report:
    """A report with an attachment after the body: 附件 / 民生实事 / 一、 with one target."""
    report = make_report(sections=1, depth=1, paragraphs=1)
    sentence = "新增公办幼儿园学位5万个。"
    item = Section(id="a1.1", label="一、", title="扩大普惠托育服务供给", level=2,
                   paragraphs=[Paragraph(id="a1.1.p1", text=sentence + "惠及更多家庭。")])
    report.appendix = [Section(id="a1", label="附件", title="2026年十件民生实事", level=1,
                               paragraphs=[Paragraph(id="a1.p1", text="扎实办好民生实事。")],
                               sections=[item])]
    figure = make_figure("f99", "a1.1.p1", "a1.1", sentence, "5万个", "5万", 5.0, "万个",
                         50_000, "个", period="2026", metric="新增公办幼儿园学位")
    figure.role = "target"
    report.figures.append(figure)
    return report


def test_the_appendix_is_read_for_figures_with_its_own_paragraph_ids() -> None:
    report = _appendix_report()
    figures = extract_figures(report)
    appendix = [f for f in figures if f.paragraph.startswith("a")]
    assert [(f.paragraph, f.section, f.text) for f in appendix] == [
        ("a1.1.p1", "a1.1", "5万个")]
    assert figures[-1] is appendix[0]  # after the body's, in reading order
    assert report.figures_by_section()["a1.1"][0].id == "f99"


def test_full_outputs_show_the_appendix_after_the_body_and_check_agrees(tmp_path: Path) -> None:
    report = _appendix_report()
    paths = {fmt: _write(report, fmt, tmp_path / f"r.{fmt}", full=True)
             for fmt in ("docx", "pdf", "xlsx")}
    last_body = report.sections[-1].heading
    paragraphs = [p.text for p in Document(str(paths["docx"])).paragraphs]
    at = paragraphs.index("附件\u30002026年十件民生实事")
    assert paragraphs.index(last_body) < at < paragraphs.index("一、扩大普惠托育服务供给")
    assert "新增公办幼儿园学位5万个。惠及更多家庭。" in paragraphs
    text = "".join(page.extract_text() or "" for page in PdfReader(str(paths["pdf"])).pages)
    text = "".join(text.split())
    assert text.rindex(last_body) < text.rindex("附件2026年十件民生实事")
    assert "新增公办幼儿园学位5万个。惠及更多家庭。" in text
    workbook = load_workbook(paths["xlsx"], read_only=True)
    sections = [row[:3] for row in workbook.worksheets[2].iter_rows(min_row=2, values_only=True)]
    figures = [row for row in workbook.worksheets[0].iter_rows(min_row=2, values_only=True)]
    workbook.close()
    assert sections[-2:] == [("a1", "附件", "2026年十件民生实事"),
                             ("a1.1", "一、", "扩大普惠托育服务供给")]
    assert figures[-1][0] == "f99" and "一、扩大普惠托育服务供给" in figures[-1][1]
    for fmt, reader in ((".docx", read_docx), (".pdf", read_pdf), (".xlsx", read_xlsx)):
        assert compare(fmt, reader(paths[fmt.lstrip(".")]), report.figures) == [], fmt


def test_a_label_ending_in_a_digit_is_set_apart_from_its_title() -> None:
    """``附件1`` + ``2026年…`` read ``附件12026年…`` on the contents page and headings."""
    assert Section("a1", "附件1", "2026年省十件民生实事", 1).heading == "附件1\u30002026年省十件民生实事"
    assert Section("s1", "一、", "2025年工作回顾", 1).heading == "一、2025年工作回顾"
    assert Section("s2", "", "2026年工作安排", 1).heading == "2026年工作安排"


def test_contents_page_numbers_sit_on_their_entries_baseline(tmp_path: Path) -> None:
    """The number was drawn with its block's bottom on the entry's baseline, 3 pt high."""
    path = _write(make_report(sections=2, depth=2, paragraphs=1), "pdf", tmp_path / "r.pdf")
    html = subprocess.run(["pdftotext", "-f", "2", "-l", "2", "-bbox", str(path), "-"],
                          capture_output=True, text=True, check=True).stdout
    words = [(float(y), text) for y, text in re.findall(
        r'<word xMin="[\d.]+" yMin="[\d.]+" xMax="[\d.]+" yMax="([\d.]+)">([^<]+)</word>', html)]
    entry = next(y for y, text in words if text.startswith("（一）"))
    number = min((abs(y - entry), text) for y, text in words if text.isdigit())
    assert number[0] < 0.5, number


def test_a_heading_tree_deeper_than_excel_can_indent_still_gives_a_workbook() -> None:
    """Found by the fuzz run during the sweep: 257 nested headings raised openpyxl's
    'Max value is 255' on the Sections sheet's indent."""
    report = make_report(sections=1, depth=1, paragraphs=1)
    parent = report.sections[0]
    for n in range(260):
        child = Section(id=f"{parent.id}.1", label="", title=f"t{n}", level=parent.level + 1)
        parent.sections.append(child)
        parent = child
    out = io.BytesIO()
    render("xlsx", report, load_theme("modern"), RenderOptions(), out)
    sheet = load_workbook(io.BytesIO(out.getvalue())).worksheets[2]
    assert sheet.max_row == 2 + 260 and sheet.cell(sheet.max_row, 3).alignment.indent == 15


def test_a_model_whose_text_holds_a_pdf_header_reads_as_a_model() -> None:
    """Found by the fuzz run: a heading titled ``%PDF-`` made its model JSON read as a
    broken PDF."""
    report = make_report(sections=1, depth=1, paragraphs=1)
    report.sections[0].title = "%PDF-"
    data = json.dumps(report.to_dict(), ensure_ascii=False).encode()
    assert detect_format(data) == "json"
    assert read_report(data, "model.json").sections[0].title == "%PDF-"
    assert detect_format(b"\n%PDF-1.7\n") == "pdf"
