"""The PDF renderer, checked with real tools: poppler (pdffonts, pdftotext), qpdf, pypdf."""

from __future__ import annotations

import re
import subprocess
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab import rl_config

from exporter._parallel import shared_items_map
from exporter.model import Figure, Paragraph, Report
from exporter.renderers import RenderOptions
from exporter.renderers.pdf.writer import render
from exporter.selection import clip, format_period, format_value
from exporter.series import find_series, share_sets
from exporter.theme import load_theme
from tests.conftest import require_tool
from tests.factories import make_figure, make_report


def build(report: Report, tmp_path: Path, *, theme: str = "modern", full: bool = False,
          epoch: int | None = None, name: str = "out.pdf") -> Path:
    out = BytesIO()
    render(report, load_theme(theme), RenderOptions(full=full, source_date_epoch=epoch), out)
    path = tmp_path / name
    path.write_bytes(out.getvalue())
    return path


def pdftext(path: Path, *args: str) -> str:
    tool = require_tool("pdftotext")
    return subprocess.run([tool, *args, str(path), "-"], check=True, capture_output=True,
                          text=True).stdout


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def body_text(path: Path, title: str | None) -> str:
    """The squashed text without the running header and footer, which would otherwise
    fall between the halves of a paragraph split across pages."""
    text = squash(pdftext(path)).replace(squash(title or ""), "")
    return re.sub(r"第\d+页/共\d+页", "", text)


def outline_titles(path: Path) -> list[str]:
    def walk(items: list) -> list[str]:
        titles = []
        for item in items:
            titles += walk(item) if isinstance(item, list) else [item.title]
        return titles

    return walk(PdfReader(str(path)).outline)


@pytest.fixture(scope="module")
def sample_pdfs(sample_model_json: Report, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("pdf")
    return {
        "summary": build(sample_model_json, folder, name="summary.pdf"),
        "full": build(sample_model_json, folder, full=True, name="full.pdf"),
        "official": build(sample_model_json, folder, theme="official", full=True, name="official.pdf"),
    }


@pytest.mark.parametrize("kind", ["summary", "full", "official"])
def test_every_font_is_embedded_and_subset(sample_pdfs: dict[str, Path], kind: str) -> None:
    tool = require_tool("pdffonts")
    rows = subprocess.run([tool, str(sample_pdfs[kind])], check=True, capture_output=True,
                          text=True).stdout.splitlines()[2:]
    assert rows
    for row in rows:
        emb, sub, uni = row.split()[-5:-2]
        assert (emb, sub, uni) == ("yes", "yes", "yes"), row


@pytest.mark.parametrize("kind", ["summary", "full", "official"])
def test_qpdf_check_is_clean(sample_pdfs: dict[str, Path], kind: str) -> None:
    tool = require_tool("qpdf")
    result = subprocess.run([tool, "--check", str(sample_pdfs[kind])], capture_output=True,
                            text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No syntax or stream encoding errors" in result.stdout


@pytest.mark.parametrize("kind", ["summary", "full"])
def test_text_gives_back_every_heading_and_figure(sample_pdfs: dict[str, Path],
                                                  sample_model_json: Report, kind: str) -> None:
    text = squash(pdftext(sample_pdfs[kind]))
    for section, _ in sample_model_json.walk():
        assert squash(section.heading) in text, section.heading
    assert sample_model_json.figures
    for figure in sample_model_json.figures:
        assert squash(figure.number) in text, figure.number
        assert squash(format_value(figure)) in text, figure.text


def test_full_gives_back_every_paragraph(sample_pdfs: dict[str, Path],
                                         sample_model_json: Report) -> None:
    text = body_text(sample_pdfs["full"], sample_model_json.meta.title)
    for paragraph, _ in sample_model_json.paragraphs():
        assert squash(paragraph.text) in text, paragraph.text[:30]


@pytest.mark.parametrize("kind", ["summary", "full"])
def test_outline_has_an_entry_per_heading(sample_pdfs: dict[str, Path],
                                          sample_model_json: Report, kind: str) -> None:
    titles = outline_titles(sample_pdfs[kind])
    headings = [section.heading for section, _ in sample_model_json.walk()]
    assert [t for t in titles if t in headings] == headings


def test_metadata_and_language(sample_pdfs: dict[str, Path], sample_model_json: Report) -> None:
    reader = PdfReader(str(sample_pdfs["summary"]))
    info = reader.metadata
    assert info.title == sample_model_json.meta.title
    assert info.author and info.subject and info.get("/Keywords")
    assert reader.trailer["/Root"]["/Lang"] == "zh-CN"


def test_page_n_of_m_and_running_header(sample_pdfs: dict[str, Path],
                                        sample_model_json: Report) -> None:
    path = sample_pdfs["summary"]
    pages = len(PdfReader(str(path)).pages)
    text = pdftext(path, "-f", "2", "-l", "2")
    assert squash(f"第 2 页 / 共 {pages} 页") in squash(text)
    assert squash(sample_model_json.meta.title or "")[:10] in squash(text)


def test_two_renders_are_byte_identical_and_epoch_is_honoured(tmp_path: Path) -> None:
    report = make_report()
    before = rl_config.invariant
    first = build(report, tmp_path, name="a.pdf").read_bytes()
    second = build(report, tmp_path, name="b.pdf").read_bytes()
    assert first == second
    assert rl_config.invariant == before  # the global setting is restored
    dated = build(report, tmp_path, epoch=1455840000, name="c.pdf")
    assert PdfReader(str(dated)).metadata["/CreationDate"].startswith("D:20160219")
    # no epoch: the report's own date (2016-02-19), never an invented one
    assert PdfReader(str(tmp_path / "a.pdf")).metadata["/CreationDate"].startswith("D:20160219")


HOSTILE = ('<b>&amp; 5 < 6 & 7 > 3</b> <img src="/etc/passwd"/> <font color=red>红</font> '
           '<a href="https://evil.example/">链接</a> <link href="#x">x</link>')


def test_markup_in_report_text_is_never_interpreted(tmp_path: Path) -> None:
    report = make_report(sections=1, depth=1, paragraphs=1)
    report.meta.title = "标题<font color=red>&"
    section = report.sections[0]
    section.title = '<a href="https://evil.example/">标题</a>'
    section.paragraphs.append(Paragraph(id="hx", text=HOSTILE, lead=None))
    report.figures.append(make_figure("fx", "hx", section.id, HOSTILE, "5", "5", 5, "项", 5,
                                      "项", metric='<img src="/etc/passwd"/>指标'))
    for full in (False, True):
        path = build(report, tmp_path, full=full, name=f"h{full}.pdf")
        text = squash(pdftext(path))
        assert squash('<img src="/etc/passwd"/>') in text
        assert squash('<a href="https://evil.example/">标题</a>') in text
        assert squash("标题<font color=red>&") in text
        if full:
            assert squash(HOSTILE) in text
        reader = PdfReader(str(path))
        for page in reader.pages:
            resources = page.get("/Resources") or {}
            xobjects = resources.get("/XObject") or {}
            for name in xobjects:
                assert xobjects[name].get_object().get("/Subtype") != "/Image"
            for annot in page.get("/Annots") or []:
                action = annot.get_object().get("/A") or {}
                assert "/URI" not in action
        raw = path.read_bytes()
        assert b"/URI" not in raw and b"passwd" not in raw


def test_long_paragraph_flows_over_pages_and_a_huge_cell_is_cut(tmp_path: Path) -> None:
    report = make_report(sections=1, depth=1, paragraphs=1)
    section = report.sections[0]
    long_text = "科技创新取得新突破，“十二五”时期全市技术合同成交额持续增长。" * 700
    section.paragraphs.append(Paragraph(id="long", text=long_text))
    report.figures.append(make_figure("fl", "long", section.id, long_text[:40], "5项", "5", 5,
                                      "项", 5, "项", metric="超长指标名称" * 900))
    path = build(report, tmp_path, full=True)
    reader = PdfReader(str(path))
    assert len(reader.pages) > 12
    text = body_text(path, report.meta.title)
    assert squash(long_text) in text
    # the label cell is cut with … (selection.clip), as check expects it
    assert squash(clip("超长指标名称" * 900)) in text
    assert text.count("超长指标名称") < 30


def test_split_table_repeats_its_header(tmp_path: Path) -> None:
    report = make_report(sections=1, depth=1, paragraphs=1)
    section = report.sections[0]
    pid = section.paragraphs[0].id
    report.figures += [make_figure(f"g{n}", pid, section.id, "句子。", f"{n}项", str(n), n, "项",
                                   n, "项", metric=f"指标{n}") for n in range(1, 151)]
    path = build(report, tmp_path)
    pages = len(PdfReader(str(path)).pages)
    spanning = [p for p in range(3, pages + 1)
                if "指标150" in squash(pdftext(path, "-f", str(p), "-l", str(pages)))]
    assert len(spanning) >= 2  # the table really runs over several pages
    for page in spanning:
        assert "数值（原文）" in squash(pdftext(path, "-f", str(page), "-l", str(page)))


def test_official_theme_numbers_pages_and_draws_a_chart_per_series_and_share_set(
        tmp_path: Path, sample_model_json: Report) -> None:
    path = build(sample_model_json, tmp_path, theme="official")
    text = squash(pdftext(path))
    assert "— 2 —" in pdftext(path, "-f", "2", "-l", "2")
    assert squash(sample_model_json.meta.organization or "") in text
    series = find_series(sample_model_json)
    assert series and share_sets(sample_model_json)
    for one in series:  # each chart's caption, and its period labels on the axis
        assert squash(f"{one.metric}（{one.unit}）") in text
        for period in one.periods:
            assert squash(format_period(period).replace("年", "")) in text
    assert text.count("构成（占比）") >= 1


@pytest.mark.parametrize(("theme", "band"), [("modern", True), ("official", False)])
def test_cover_band_follows_the_theme(tmp_path: Path, sample_model_json: Report, theme: str,
                                      band: bool) -> None:
    """The modern cover has an accent band along its top edge; an official document has
    none (GB/T 9704 puts nothing above the issuer line). Read off the rendered page."""
    from PIL import Image

    path = build(sample_model_json, tmp_path, theme=theme)
    tool = require_tool("pdftoppm")
    subprocess.run([tool, "-r", "30", "-f", "1", "-l", "1", "-png", str(path),
                    str(tmp_path / "cover")], check=True)
    image = Image.open(next(tmp_path.glob("cover*.png"))).convert("L")
    top = sorted(image.getpixel((x, 0)) for x in range(image.width))
    assert (top[len(top) // 2] < 200) is band  # a dark band, or white paper


def test_figure_fields_in_the_indicator_table(tmp_path: Path) -> None:
    report = make_report(sections=1, depth=1, paragraphs=1)
    path = build(report, tmp_path)
    text = pdftext(path, "-layout")
    assert "345,260,000,000" in text and "12,000" in text
    figure: Figure = report.figures[1]
    assert figure.qualifier == "about" and "约" in text


@pytest.mark.parametrize("fonts", ["embedded", "builtin"])
def test_a_long_pdf_is_the_same_from_one_process_or_two(sample_model_json: Report,
                                                      tmp_path: Path, fonts: str) -> None:
    """Page text is finished after layout, shared with a forked child when a core is
    spare: the file must not depend on it, and must be whole (qpdf, every paragraph, the
    font on the last page) with embedded subsets and with reportlab's built-in CID font."""
    report = Report.from_dict(sample_model_json.to_dict())
    report.sections = report.sections * 6  # well past the pages worth a second process
    font_dirs = None
    if fonts == "builtin":
        font_dirs = (tmp_path / "no-fonts",)
        font_dirs[0].mkdir()
    files = {}
    for workers in (1, 2):
        out = BytesIO()
        render(report, load_theme("modern"), RenderOptions(
            full=True, mapper=shared_items_map if workers > 1 else None, font_dirs=font_dirs,
            font_cache=tmp_path / "cache"), out)
        files[workers] = out.getvalue()
    assert files[1] == files[2]
    path = tmp_path / "long.pdf"
    path.write_bytes(files[2])
    reader = PdfReader(str(path))
    assert len(reader.pages) >= 64
    assert reader.pages[-1]["/Resources"]["/Font"]
    qpdf = require_tool("qpdf")
    assert subprocess.run([qpdf, "--check", str(path)], capture_output=True,
                          check=False).returncode == 0
    if fonts == "embedded":  # poppler reads the built-in font only with poppler-data
        text = body_text(path, report.meta.title)
        assert all(squash(p.text) in text for p, _ in report.paragraphs())


def test_text_shown_without_a_reserved_code_fails_loudly() -> None:
    """Once the late drawings have reserved their codes the writer is frozen: a character
    reaching it later would be missing from the embedded subsets, so it is an error."""
    from reportlab.pdfgen.canvas import Canvas

    from exporter.renderers.pdf._compat import canvas_document
    from exporter.renderers.pdf._text import TextWriter
    from exporter.renderers.pdf.fonts import prepare_pdf_fonts

    theme = load_theme("modern")
    fonts = prepare_pdf_fonts(theme, "汉字测试")
    name = fonts.font_name("body")
    writer = TextWriter(canvas_document(Canvas(BytesIO())))
    writer.reserve(name, "汉字")
    writer.frozen = True
    assert writer.show(name, 12, "汉字汉")  # reserved characters still draw
    with pytest.raises(RuntimeError, match="reserved"):
        writer.show(name, 12, "测试")


def test_a_long_documents_code_check_still_finds_every_new_character(monkeypatch: pytest.MonkeyPatch) -> None:
    """Past enough tested text the writer looks for characters without a code with one
    regex of those it has: regex metacharacters among them are taken literally, a new
    character is still found and given its code, and a frozen writer still fails."""
    from reportlab.pdfgen.canvas import Canvas

    from exporter.renderers.pdf import _text
    from exporter.renderers.pdf._compat import canvas_document
    from exporter.renderers.pdf._text import TextWriter
    from exporter.renderers.pdf.fonts import prepare_pdf_fonts

    monkeypatch.setattr(_text, "_PATTERN_AFTER", 10)
    known = "汉字]^-\\[ab"
    name = prepare_pdf_fonts(load_theme("modern"), known + "测试").font_name("body")
    writer = TextWriter(canvas_document(Canvas(BytesIO())))
    writer.reserve(name, known)
    assert writer.show(name, 12, known * 4)  # tested past the limit: the regex is made
    assert writer._has_codes(name, known * 4)
    assert not writer._has_codes(name, known + "测")
    drawn = writer.show(name, 12, known + "测")  # not frozen: the new one gets its code
    assert writer._has_codes(name, known + "测") and drawn.endswith("> Tj")
    writer.frozen = True
    with pytest.raises(RuntimeError, match="reserved"):
        writer.show(name, 12, known + "试")


def test_the_object_writers_remembered_names_are_reportlabs_again_after_a_build(
        tmp_path: Path) -> None:
    """While a PDF is written reportlab's PDFName and pdfdocEnc are remembered versions;
    afterwards (also after a failed build) the module holds its own functions again, and
    a name or string written through them is what reportlab's own gives."""
    from reportlab.pdfbase import pdfdoc

    from exporter.renderers.pdf._compat import remembered_names

    own = pdfdoc.PDFName, pdfdoc.pdfdocEnc
    build(make_report(), tmp_path)
    assert (pdfdoc.PDFName, pdfdoc.pdfdocEnc) == own
    with pytest.raises(KeyError), remembered_names():
        assert pdfdoc.PDFName("A b#") == own[0]("A b#") == "/A#20b#23"
        assert pdfdoc.pdfdocEnc("x" * 100) == pdfdoc.pdfdocEnc("x" * 100) == b"x" * 100
        assert pdfdoc.pdfdocEnc("1 0 R") == own[1]("1 0 R")
        raise KeyError("a build that fails")
    assert (pdfdoc.PDFName, pdfdoc.pdfdocEnc) == own


def test_reserving_registers_the_font_with_the_document() -> None:
    """A font's first subset name registers it with the document (resource name and
    embedding); a forked finisher's registration would be lost, so reserving does it."""
    from reportlab.pdfbase.pdfmetrics import getFont
    from reportlab.pdfgen.canvas import Canvas

    from exporter.renderers.pdf._compat import canvas_document
    from exporter.renderers.pdf._text import TextWriter
    from exporter.renderers.pdf.fonts import BUILTIN_FONT, prepare_pdf_fonts

    fonts = prepare_pdf_fonts(load_theme("modern"), "汉字")
    name = fonts.font_name("body")
    # Helvetica named here, not taken from reportlab's process-wide setting, which another
    # test may have left pointing at this very font (it would be registered already).
    doc = canvas_document(Canvas(BytesIO(), initialFontName="Helvetica"))
    writer = TextWriter(doc)
    assert getFont(name).fontName not in doc.fontMapping
    writer.reserve(name, "汉字")
    assert getFont(name).fontName in doc.fontMapping
    prepare_pdf_fonts(load_theme("modern"), "汉字", font_dirs=[])  # registers the CID font
    assert BUILTIN_FONT not in doc.fontMapping
    writer.reserve(BUILTIN_FONT, "汉字")
    assert BUILTIN_FONT in doc.fontMapping


def test_contents_links_land_on_their_section_headings() -> None:
    """Each contents entry links to where its heading's outline entry points (same page,
    same height), and its printed page number is that page."""
    report = make_report(sections=4, depth=2, paragraphs=3)
    out = BytesIO()
    render(report, load_theme("modern"), RenderOptions(full=True), out)
    reader = PdfReader(BytesIO(out.getvalue()))
    page_numbers = {page.indirect_reference.idnum: n for n, page in enumerate(reader.pages, 1)}

    def flat(entries: list) -> list:
        return [e for item in entries for e in (flat(item) if isinstance(item, list) else [item])]

    fixed = {report.meta.title, "主要指标", "目录", "导语", "名词解释"}
    entries = [entry for entry in flat(reader.outline) if entry.title not in fixed]
    walk = list(report.walk())
    assert [entry.title for entry in entries] == [section.heading for section, _ in walk]
    notes = next(entry for entry in flat(reader.outline) if entry.title == "名词解释")
    expected = [(entry.page.idnum, round(float(entry.top), 2))
                for entry, (_, parents) in zip(entries, walk) if len(parents) < 2]
    expected.append((notes.page.idnum, round(float(notes.top), 2)))
    contents = reader.pages[1]
    links = [annotation.get_object()["/Dest"] for annotation in contents["/Annots"]]
    assert [(dest[0].idnum, round(float(dest[3]), 2)) for dest in links] == expected
    numbers = re.findall(r"(\d+)\s*$", contents.extract_text(), re.MULTILINE)
    assert [int(n) for n in numbers][:len(expected)] == [page_numbers[page]
                                                       for page, _ in expected]


def test_contents_links_stay_distinct_when_a_model_repeats_section_ids() -> None:
    report = make_report(sections=3, depth=1)
    for section, _ in report.walk():
        section.id = "s1"
    out = BytesIO()
    render(report, load_theme("modern"), RenderOptions(), out)
    contents = PdfReader(BytesIO(out.getvalue())).pages[1]
    targets = [(a.get_object()["/Dest"][0].idnum, round(float(a.get_object()["/Dest"][3]), 2))
               for a in contents["/Annots"]]
    assert len(targets) == 3 and len(set(targets)) == 3
