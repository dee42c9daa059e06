"""The Word renderer, checked with real readers: python-docx, the zip and XML themselves,
LibreOffice headless and pdftotext. Goldens cover word/document.xml and word/styles.xml of
the synthetic report (``pytest --update-goldens`` rewrites them)."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from lxml import etree

from exporter.model import Report
from exporter.renderers import RenderOptions
from exporter.renderers.docx.writer import render
from exporter.selection import format_value, headline_figures, section_summary
from exporter.theme import Theme, load_theme
from tests.conftest import check_golden, require_soffice, require_tool
from tests.factories import make_report

GOLDEN = Path(__file__).parent / "golden" / "docx"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _render(report: Report, theme: str | Theme = "official", **options: object) -> bytes:
    out = io.BytesIO()
    render(report, load_theme(theme) if isinstance(theme, str) else theme,
           RenderOptions(**options), out)  # type: ignore[arg-type]
    return out.getvalue()


def _part(data: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read(name))


def _instructions(data: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = [n for n in archive.namelist() if re.fullmatch(r"word/(document|header\d+|footer\d+)\.xml", n)]
        return [t.text.strip() for n in names
                for t in etree.fromstring(archive.read(n)).iter(W + "instrText")]


def test_briefing_structure_reads_back() -> None:
    report = make_report()
    data = _render(report)
    document = docx.Document(io.BytesIO(data))
    paragraphs = document.paragraphs
    headings = [(p.style.name, p.text) for p in paragraphs if p.style.name.startswith("Heading")]
    assert headings == [(f"Heading {s.level}", s.heading) for s, _ in report.walk()]
    # outline levels tie the heading styles to the navigation pane
    for level in range(1, 5):
        ppr = document.styles[f"Heading {level}"].element.find(qn("w:pPr"))
        assert ppr.find(qn("w:outlineLvl")).get(qn("w:val")) == str(level - 1)
    # briefing: the lead sentences under each heading, not the whole paragraphs
    leads = [p.text for p in paragraphs if p.style.name == "Lead"]
    assert leads == [s for section, _ in report.walk() for s in section_summary(section)]
    assert not any(p.text == report.sections[0].paragraphs[0].text for p in paragraphs)
    # key figures first, then one compact table per section holding figures
    key = document.tables[0]
    assert [c.text for c in key.rows[0].cells] == ["编号", "指标", "数值", "时期", "角色"]
    assert [(r.cells[0].text, r.cells[2].text) for r in key.rows[1:]] == [
        (f.id, format_value(f)) for f in headline_figures(report)]
    with_figures = [k for k in report.figures_by_section() if k]
    assert len(document.tables) == 1 + len(with_figures)
    for tbl in document.tables:
        assert tbl.rows[0]._tr.find(qn("w:trPr")).find(qn("w:tblHeader")) is not None
    # TOC field, dirty and refreshed on open, listing every heading
    assert 'TOC \\o "1-4" \\h \\z \\u' in _instructions(data)
    toc = [p.text for p in paragraphs if p.style.name.startswith("toc ")]
    assert toc == [s.heading for s, _ in report.walk()]
    settings = document.settings.element
    assert settings.find(qn("w:updateFields")).get(qn("w:val")) == "true"
    assert settings.find(qn("w:themeFontLang")).get(qn("w:eastAsia")) == "zh-CN"
    # no issuer set: no red 版头 naming the report's body; the title opens the document
    assert paragraphs[0].style.name == "Title" and paragraphs[0].text == report.meta.title
    assert not any(p.style.name == "Issuer" for p in paragraphs)


def test_page_setup_header_footer_and_properties() -> None:
    report = make_report()
    theme = load_theme("official")
    data = _render(report, theme, source_date_epoch=1455840000)
    document = docx.Document(io.BytesIO(data))
    section = document.sections[0]
    assert abs(section.top_margin.pt - theme.page.margin_top) < 0.1
    assert abs(section.left_margin.pt - theme.page.margin_left) < 0.1
    assert abs(section.page_width.pt - theme.page.width) < 0.1
    assert abs(section.footer_distance.pt - theme.page.footer_distance) < 0.1
    assert section.header.paragraphs[0].text == report.meta.title
    assert document.settings.odd_and_even_pages_header_footer  # outer: odd right, even left
    odd, even = section.footer.paragraphs[0], section.even_page_footer.paragraphs[0]
    assert odd.text == "— 1 —" and odd._p.pPr.find(qn("w:jc")).get(qn("w:val")) == "right"
    assert even._p.pPr.find(qn("w:jc")).get(qn("w:val")) == "left"
    assert _instructions(data).count("PAGE") == 3  # first, odd and even footers
    props = document.core_properties
    assert props.title == report.meta.title and props.subject == report.meta.subtitle
    # the office circulating the briefing is its author, never the speaker
    assert props.author == report.meta.organization and props.language == "zh-CN"
    assert "技术合同成交额" in props.keywords
    assert props.created.year == 2016 and props.modified == props.created
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert {i.date_time for i in archive.infolist()} == {(2016, 2, 19, 0, 0, 0)}
        assert not any("thumbnail" in n or "WithEffects" in n for n in archive.namelist())


def test_modern_theme_page_number_and_fields() -> None:
    data = _render(make_report(), "modern")
    document = docx.Document(io.BytesIO(data))
    assert not document.settings.odd_and_even_pages_header_footer
    footer = document.sections[0].footer.paragraphs[0]
    assert footer.text == "第 1 页 / 共 1 页"
    assert sorted(i for i in _instructions(data) if i != 'TOC \\o "1-4" \\h \\z \\u') == [
        "NUMPAGES", "NUMPAGES", "PAGE", "PAGE"]


def test_east_asian_fonts_everywhere() -> None:
    theme = load_theme("official")
    styles = _part(_render(make_report(), theme), "word/styles.xml")
    fonts = list(styles.iter(W + "rFonts"))
    assert fonts
    for rfonts in fonts:
        attrs = {k.split("}")[1] for k in rfonts.attrib}
        assert {"ascii", "hAnsi", "eastAsia", "cs"} <= attrs
        assert not attrs & {"asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"}
    defaults = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    assert defaults.find(W + "lang").get(W + "eastAsia") == "zh-CN"
    assert defaults.find(W + "rFonts").get(W + "eastAsia") == theme.role("body").fonts[0]
    by_id = {s.get(W + "styleId"): s for s in styles.iter(W + "style")}
    h1 = by_id["Heading1"].find(f"{W}rPr/{W}rFonts")
    assert h1.get(W + "eastAsia") == theme.role("heading1").fonts[0]
    ind = by_id["Normal"].find(f"{W}pPr/{W}ind")
    assert ind.get(W + "firstLine") == "640" and ind.get(W + "firstLineChars") == "200"
    spacing = by_id["Normal"].find(f"{W}pPr/{W}spacing")
    assert (spacing.get(W + "line"), spacing.get(W + "lineRule")) == ("579", "exact")


def test_full_has_every_paragraph_and_notes() -> None:
    report = make_report(sections=2, depth=3)
    document = docx.Document(io.BytesIO(_render(report, full=True)))
    texts = [p.text for p in document.paragraphs]
    for paragraph, _ in report.paragraphs():
        assert paragraph.text in texts
    for note in report.notes:
        assert any(note.text in t for t in texts)
    assert texts.count("名词解释") == 2  # the TOC entry and the heading
    assert [p.style.name for p in document.paragraphs if p.text == "名词解释"] == [
        "toc 1", "Heading 1"]


def test_untrusted_text_is_cleaned_never_markup() -> None:
    report = make_report(hostile=True)
    report.meta.title = "标题\x00\x07\ud800\ufffe结束 { PAGE }"
    report.sections[0].title = '<w:fldSimple w:instr="DATE"/>\x0b'
    data = _render(report, full=True)
    document = docx.Document(io.BytesIO(data))
    assert document.core_properties.title == "标题结束 { PAGE }"
    assert any('<img src="/etc/passwd"/>' in p.text for p in document.paragraphs)
    assert any(p.text.endswith('<w:fldSimple w:instr="DATE"/>') for p in document.paragraphs)
    assert set(_instructions(data)) == {'TOC \\o "1-4" \\h \\z \\u', "PAGE"}
    assert b"<w:fldSimple" not in zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")


def test_renders_are_byte_identical_and_the_epoch_changes_them() -> None:
    report = make_report()
    assert _render(report) == _render(make_report())
    assert _render(report, full=True) == _render(report, full=True)
    assert _render(report, source_date_epoch=0) != _render(report)


def test_a_theme_prepared_once_serves_every_document_unchanged() -> None:
    """The themed template is prepared once per theme in a process and reopened for
    each document (the goldens hold its bytes): a document built after others, of
    another theme or with another content, is the same as the first."""
    from exporter.renderers.docx import writer

    report = make_report()
    writer._TEMPLATES.clear()
    first = _render(report)
    assert len(writer._TEMPLATES) == 1
    modern = _render(report, "modern")
    _render(report, full=True)
    assert _render(report) == first and _render(report, "modern") == modern
    assert len(writer._TEMPLATES) == 2
    styles = _part(first, "word/styles.xml")
    assert styles.find(f"{W}docDefaults") is not None
    assert len(styles.findall(f"{W}style")) == len(_part(modern, "word/styles.xml").findall(f"{W}style"))


def _pretty(data: bytes, name: str) -> str:
    root = _part(data, name)
    return etree.tostring(root, pretty_print=True, encoding="unicode")


@pytest.mark.parametrize("part", ["document", "styles"])
def test_document_and_styles_xml_match_their_goldens(part: str) -> None:
    text = _pretty(_render(make_report()), f"word/{part}.xml")
    check_golden(GOLDEN / f"{part}.xml", text)


def _convert(files: list[Path], out_dir: Path) -> list[Path]:
    """LibreOffice headless → PDF, in a private profile so parallel runs never clash."""
    soffice = require_soffice()
    profile = out_dir / "lo-profile"
    result = subprocess.run(
        [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
         "--convert-to", "pdf", "--outdir", str(out_dir), *map(str, files)],
        check=False, capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr
    pdfs = [out_dir / f"{f.stem}.pdf" for f in files]
    assert all(p.is_file() for p in pdfs), result.stdout + result.stderr
    return pdfs


def _pdf_text(pdf: Path) -> str:
    pdftotext = require_tool("pdftotext")
    text = subprocess.run([pdftotext, str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    return re.sub(r"\s+", "", text)


def test_libreoffice_converts_and_keeps_headings_and_figures(tmp_path: Path) -> None:
    report = make_report()
    files = []
    for name, theme, full in (("official", "official", False), ("modern-full", "modern", True)):
        path = tmp_path / f"{name}.docx"
        path.write_bytes(_render(report, theme, full=full))
        files.append(path)
    for pdf in _convert(files, tmp_path):
        text = _pdf_text(pdf)
        for section, _ in report.walk():
            assert re.sub(r"\s+", "", section.heading) in text
        for figure in headline_figures(report):
            assert format_value(figure) in text


def test_sample_full_and_briefing_read_back(sample_model_json: Report) -> None:
    """The sample's committed model: every heading and paragraph in --full,
    every headline figure in the briefing's key-figures table."""
    full = docx.Document(io.BytesIO(_render(sample_model_json, full=True)))
    texts = {p.text for p in full.paragraphs}
    for paragraph, _ in sample_model_json.paragraphs():
        assert paragraph.text.strip() in texts
    for section, _ in sample_model_json.walk():
        assert section.heading in texts
    brief = docx.Document(io.BytesIO(_render(sample_model_json, "modern")))
    values = [row.cells[2].text for row in brief.tables[0].rows[1:]]
    assert values == [format_value(f) for f in headline_figures(sample_model_json)]
    assert len(values) == min(8, len(sample_model_json.figures)) > 0
