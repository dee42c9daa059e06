"""Typesetting that survives: a figure's number and unit never break across lines, tables
shrink or scale a number rather than wrap it, 避头尾 in cells, no orphan on a title line."""

from __future__ import annotations

import io
import subprocess
import zipfile
from itertools import pairwise
from pathlib import Path

import pytest
from lxml import etree

from exporter.model import Meta, Paragraph, Report, Section
from exporter.renderers import RenderOptions, render
from exporter.renderers.pdf._linebreak import NO_START, break_lines
from exporter.renderers.pdf.writer import figure_spans, scaled_value_text
from exporter.theme import load_theme
from tests.conftest import require_tool
from tests.factories import make_figure

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def lay(text: str, per_line: int, **options: object) -> list[str]:
    spans = break_lines(text, [1.0] * len(text), per_line, per_line, **options)  # type: ignore[arg-type]
    return [text[s:e] for s, e in spans]


def test_kept_spans_move_whole_to_the_next_line() -> None:
    text = "国内生产总值达到90万亿元增长"
    start = text.index("90万亿元")
    assert lay(text, 12) == ["国内生产总值达到90万亿", "元增长"]  # greedy: split inside
    lines = lay(text, 12, keep=((start, start + 6),))
    assert lines == ["国内生产总值达到", "90万亿元增长"]
    share = "占比达到三分之一以上"
    assert lay(share, 9, keep=((4, 10),)) == ["占比达到", "三分之一以上"]
    # a kept span longer than the line still breaks (and still never before a closer)
    assert "".join(lay("超过一千二百三十四万家，", 5, keep=((0, 11),))) == "超过一千二百三十四万家，"


def test_no_single_character_on_the_last_line_of_a_title() -> None:
    title = "关于深入推进科技创新中心建设的实施意见"  # 19 characters
    assert lay(title, 9)[-1] == "见"
    lines = lay(title, 9, orphans=False)
    assert len(lines) == 3 and all(len(line) > 1 for line in lines)
    assert lay("一二三四五六七八九十。", 10, orphans=False)[-1] != "。"


def test_figure_spans_and_scaled_values() -> None:
    sentence = "总值达到90万亿元，约90万亿元。"
    figure = make_figure("f1", "p1", "s1", sentence, "90万亿元", "90万亿", 90, "万亿元",
                         9e13, "元")
    assert figure_spans(sentence, [figure]) == ((4, 9), (11, 16))
    assert scaled_value_text(74_400_000_000_000) == "74.4万亿"
    assert scaled_value_text(3_452_600_000) == "34.526亿"
    assert scaled_value_text(12_000) == "1.2万" and scaled_value_text(999) is None


def test_figure_spans_of_many_figures_match_those_of_few() -> None:
    """Past 16 distinct figure texts the spans come from an index by first characters
    (linear in the text): the same spans as looking for each text in turn."""
    texts = [f"{n}亿元" for n in range(1, 30)] + ["5%", "55%", "5亿元以上"]
    figures = [make_figure(f"f{i}", "p1", "s1", "", t, t, 1, "", 1, "")
               for i, t in enumerate(texts)]
    sentence = "投资15亿元，增长55%，其中5亿元以上项目增长5%，再投资25亿元、5亿元和15亿元，555%。"
    expected = tuple(sorted({span for figure in figures
                             for span in figure_spans(sentence, [figure])}))
    assert expected and figure_spans(sentence, figures) == expected


def _report() -> Report:
    """Figures that used to break: a huge base value, 90万亿元, 三分之一以上, 、 in labels."""
    sentence = ("国内生产总值达到74.4万亿元，全社会研发投入达到90万亿元，"
                "高技术企业占比达到三分之一以上，新增专利授权超过5000万件。")
    paragraph = Paragraph(id="s1.p1", text="经济运行稳中向好。" + sentence * 3,
                          lead="经济运行稳中向好。" + sentence)
    section = Section(id="s1", label="一、", title="经济发展", level=1, paragraphs=[paragraph])
    specs = [("74.4万亿元", "74.4万亿", 74.4, "万亿元", 7.44e13, "元", "国内生产总值、地区生产总值和财政收入"),
             ("90万亿元", "90万亿", 90, "万亿元", 9e13, "元", "全社会研发投入、经费投入与资本投入"),
             ("三分之一以上", "三分之一", 1 / 3, "ratio", 1 / 3, "ratio", "高技术企业占比"),
             ("超过5000万件", "5000万", 5000, "万件", 5e7, "件", "新增专利授权")]
    figures = [make_figure(f"f{n}", paragraph.id, section.id, sentence, text, number, value,
                           unit, base, base_unit, metric=metric, period="2016", kind="amount")
               for n, (text, number, value, unit, base, base_unit, metric)
               in enumerate(specs, start=1)]
    return Report(meta=Meta(title="关于深入推进科技创新中心建设的实施意见的工作报告摘要稿",
                            year=2016, date="2016-02-19", source_name="t.txt"),
                  sections=[section], figures=figures)


@pytest.mark.parametrize("theme", ["modern", "official"])
@pytest.mark.parametrize("full", [False, True])
def test_pdf_never_splits_a_figure_nor_starts_a_line_with_a_closer(
        tmp_path: Path, theme: str, full: bool) -> None:
    pdftotext = require_tool("pdftotext")
    report = _report()
    out = io.BytesIO()
    render("pdf", report, load_theme(theme), RenderOptions(full=full), out)
    path = tmp_path / "t.pdf"
    path.write_bytes(out.getvalue())
    raw = subprocess.run([pdftotext, str(path), "-"], capture_output=True, text=True,
                         check=True).stdout
    lines = [line.strip() for line in raw.splitlines() if line.strip()]
    # a scaled base value's cell (74.4万亿) is followed by its unit's cell (元): no split
    base_cells = {scaled_value_text(f.base_value) for f in report.figures}
    for figure in report.figures:
        text = figure.text
        for before, after in pairwise(lines):
            if before in base_cells:
                continue
            for cut in range(1, len(text)):
                assert not (before.endswith(text[:cut]) and after.startswith(text[cut:])), (
                    f"{text} split: {before[-10:]} | {after[:10]}")
    assert not [line for line in lines if line[0] in NO_START - set("—")]
    layout = subprocess.run([pdftotext, "-layout", str(path), "-"], capture_output=True,
                            text=True, check=True).stdout
    # the base value is whole on one line: all its digits, or scaled with its unit
    assert "74,400,000,000,000" in layout or "74.4万亿" in layout


def test_docx_number_cells_do_not_wrap_and_shrink_to_fit() -> None:
    report = _report()
    long = report.figures[3]
    long.text = "超过5000万件" * 3  # wider than the value column at 五号
    out = io.BytesIO()
    render("docx", report, load_theme("official"), RenderOptions(), out)
    with zipfile.ZipFile(io.BytesIO(out.getvalue())) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    rows = [row for table in root.iter(f"{W}tbl") for row in table.iter(f"{W}tr")][1:]
    body = [row for row in rows if row.find(f"{W}trPr/{W}tblHeader") is None]
    assert body
    for row in body:
        cells = row.findall(f"{W}tc")
        for column in (0, 2, 3):
            assert cells[column].find(f"{W}tcPr/{W}noWrap") is not None
        assert cells[1].find(f"{W}tcPr/{W}noWrap") is None  # labels may wrap
    sizes = {"".join(t.text for t in cell.iter(f"{W}t")): cell.find(f".//{W}r/{W}rPr/{W}sz")
             for row in body for cell in row.findall(f"{W}tc")}
    assert sizes[long.text] is not None
    assert int(sizes[long.text].get(f"{W}val")) < 21  # below 五号 (10.5 pt)
    assert sizes["90万亿元"] is None  # fits as it is


def test_a_missing_theme_face_gives_one_warning_naming_both(tmp_path: Path) -> None:
    from exporter.renderers.pdf.fonts import find_face

    theme = load_theme("official")
    wanted = theme.role("body").fonts[0]
    if find_face([wanted]) is not None:
        pytest.skip(f"{wanted} is installed here")
    warnings: list[str] = []
    render("pdf", _report(), theme, RenderOptions(warn=warnings.append), io.BytesIO())
    named = [line for line in warnings if wanted in line]
    assert len(named) == 1 and "is used instead" in named[0]
    used = named[0].split(f"{wanted} is not installed, ", 1)[1].split(" is used", 1)[0]
    assert find_face([used]) is not None  # the substitute named is a real installed face


def test_docx_title_is_balanced_rather_than_leaving_one_character() -> None:
    import docx

    from exporter.renderers.docx.writer import balanced_lines

    assert balanced_lines("一二三四五六七八九，十", 10) == ["一二三四五六", "七八九，十"]
    assert balanced_lines("一二三四五六七八", 10) == ["一二三四五六七八"]  # one line: Word's
    theme = load_theme("official")
    per_line = int(theme.page.frame_width / theme.role("title").size)
    report = _report()
    report.meta.title = "关" * per_line + "见"  # Word would leave 见 alone on line 2
    out = io.BytesIO()
    render("docx", report, theme, RenderOptions(), out)
    title = next(p for p in docx.Document(io.BytesIO(out.getvalue())).paragraphs
                 if p.style.name == "Title")
    lines = title.text.split("\n")
    assert "".join(lines) == report.meta.title and len(lines) == 2
    assert min(len(line) for line in lines) > 1
