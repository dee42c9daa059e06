"""Bugs the QA sweep over the real reports found, each as a small model built here."""

from __future__ import annotations

import io
from pathlib import Path

from exporter.check import compare, read_docx, read_pdf
from exporter.model import Paragraph, Report
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
