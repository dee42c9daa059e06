"""Choosing content: --sections, --headline, --pin and --max-pages, and check agreeing."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from pypdf import PdfReader

from exporter.check import recorded_choice
from exporter.choice import ContentChoice, choose, headline
from exporter.cli import cli
from exporter.errors import InputError
from exporter.model import Report
from tests.factories import make_report


def _ids(report: Report) -> list[str]:
    return [section.id for section, _ in report.walk()]


def test_sections_by_number_label_and_title() -> None:
    report = make_report(sections=3, depth=2)
    second = [sid for sid in _ids(report) if sid == "s2" or sid.startswith("s2.")]
    assert _ids(choose(report, ContentChoice(sections=("2",)))) == second
    assert _ids(choose(report, ContentChoice(sections=("三、",))))[0] == "s3"
    with pytest.raises(InputError, match="labels 3 sections; name one by number"):
        choose(report, ContentChoice(sections=("(一)",)))
    nested = choose(report, ContentChoice(sections=("1.2",)))
    assert _ids(nested) == ["s1", "s1.2"]
    assert nested.sections[0].paragraphs == []  # the ancestor keeps only its heading
    assert {f.section for f in nested.figures} == {"s1.2"}
    assert nested.preamble == []
    title = report.sections[1].sections[0].title
    assert _ids(choose(report, ContentChoice(sections=(title,))))[:2] == ["s1", "s1.1"]
    with pytest.raises(InputError, match="no section '9'.*一、"):
        choose(report, ContentChoice(sections=("9",)))


def test_figures_of_cut_sections_go_everywhere() -> None:
    report = make_report(sections=3)
    report.sections = report.sections[:1]  # a model JSON edited by hand
    cut = choose(report, ContentChoice())
    kept = {section.id for section, _ in cut.walk()}
    assert cut.figures and all(f.section in kept or f.section is None for f in cut.figures)
    assert len(cut.figures) < len(make_report(sections=3).figures)


def test_headline_count_and_pins() -> None:
    report = make_report(sections=3)
    last = report.figures[-1]
    chosen = headline(report, ContentChoice(headline=3, pins=(last.id,)))
    assert len(chosen) == 3 and chosen[0] is last
    assert headline(report, ContentChoice(headline=0)) == []
    with pytest.raises(InputError, match="no figure 'f999'"):
        headline(report, ContentChoice(pins=("f999",)))


def _model(tmp_path: Path, report: Report) -> Path:
    path = tmp_path / "report.json"
    path.write_text(json.dumps(report.to_dict(), ensure_ascii=False), encoding="utf-8")
    return path


def test_build_and_check_agree_on_the_choice(tmp_path: Path) -> None:
    report = make_report(sections=3)
    source = _model(tmp_path, report)
    pin = next(f.id for f in report.figures if f.section and f.section.startswith("s3"))
    choice = ["--sections", "1,三", "--headline", "2", "--pin", pin]
    out = tmp_path / "out"
    runner = CliRunner()
    # (check's PDF reader finds no rows in this synthetic report's PDF, choice or not)
    result = runner.invoke(cli, ["build", str(source), "--out", str(out), "--format",
                                 "docx,xlsx", *choice])
    assert result.exit_code == 0, result.output
    chosen = choose(report, ContentChoice(sections=("1", "三")))
    want = {f.id for f in chosen.figures}
    workbook = load_workbook(out / "report.xlsx", read_only=True)
    rows = list(workbook.worksheets[0].iter_rows(values_only=True))
    header = list(rows[0])
    assert {row[header.index("id")] for row in rows[1:]} == want
    document = docx.Document(str(out / "report.docx"))
    key = document.tables[0]
    assert key.rows[1].cells[0].text == pin
    assert len(key.rows) == 3
    result = runner.invoke(cli, ["check", str(out), "--report", str(source), *choice])
    assert result.exit_code == 0, result.output
    # told nothing, check takes the choice the briefing recorded; told another, it differs
    assert recorded_choice(out / "report.docx") == ContentChoice(
        sections=("1", "三"), headline=2, pins=(pin,))
    result = runner.invoke(cli, ["check", str(out), "--report", str(source)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(cli, ["check", str(out), "--report", str(source), "--sections", "2"])
    assert result.exit_code == 1


def test_max_pages_shrinks_the_summary_or_refuses(tmp_path: Path) -> None:
    source = _model(tmp_path, make_report(sections=4, depth=3))
    runner = CliRunner()
    free = tmp_path / "free"
    runner.invoke(cli, ["build", str(source), "--out", str(free), "--format", "pdf"])
    pages = len(PdfReader(str(free / "report.pdf")).pages)
    capped = tmp_path / "capped"
    result = runner.invoke(cli, ["build", str(source), "--out", str(capped), "--format", "pdf",
                                 "--max-pages", str(pages - 1)])
    assert result.exit_code == 0, result.output
    assert len(PdfReader(str(capped / "report.pdf")).pages) <= pages - 1
    refused = tmp_path / "refused"
    result = runner.invoke(cli, ["build", str(source), "--out", str(refused), "--format", "pdf",
                                 "--max-pages", "1"])
    assert result.exit_code == 2
    assert "more than --max-pages 1" in result.output
    assert not list(refused.glob("*.pdf"))
    result = runner.invoke(cli, ["build", str(source), "--out", str(refused), "--full",
                                 "--max-pages", "3"])
    assert result.exit_code == 2
    assert result.output.strip() == ("exporter: --max-pages: limits the PDF summary; it cannot "
                                     "be combined with --full")


def test_hand_cut_model_gives_outputs_that_agree_and_says_so(tmp_path: Path) -> None:
    report = make_report(sections=3)
    report.sections = report.sections[:1]
    source = _model(tmp_path, report)
    out = tmp_path / "out"
    runner = CliRunner()
    result = runner.invoke(cli, ["build", str(source), "--out", str(out), "--format",
                                 "docx,xlsx"])
    assert result.exit_code == 0, result.output
    assert "name sections that are not in the heading tree" in result.output
    document = docx.Document(str(out / "report.docx"))
    in_docx = {row.cells[0].text for table in document.tables for row in table.rows[1:]}
    rows = list(load_workbook(out / "report.xlsx", read_only=True).worksheets[0]
                .iter_rows(values_only=True))
    in_xlsx = {row[list(rows[0]).index("id")] for row in rows[1:]}
    assert in_docx == in_xlsx == {f.id for f in choose(report, ContentChoice()).figures}
    result = runner.invoke(cli, ["check", str(out), "--report", str(source)])
    assert result.exit_code == 0, result.output
