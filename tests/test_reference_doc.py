"""``--reference-doc``: the office's Word template gives the briefing its styles, page
set-up and headers (as pandoc); ``styles --reference-doc`` writes the default one."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from exporter.cli import cli
from exporter.errors import InputError
from exporter.renderers import RenderOptions, render
from exporter.renderers.docx._styles import STYLES
from exporter.renderers.docx.writer import check_reference
from exporter.theme import load_theme
from tests.factories import make_report

BODY_FONT, BODY_EAST, BODY_SIZE = "Courier New", "LXGW WenKai", 13.5
HEADER = "某某办公室内部资料"


def _office_template() -> bytes:
    """A reference as an office's Chinese Word saves it: distinctive body font and size,
    Letter paper, its own header, and ``heading 1`` stored under the id ``1``."""
    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = BODY_FONT, Pt(BODY_SIZE)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), BODY_EAST)
    heading = document.styles["Heading 1"]
    heading.element.set(qn("w:styleId"), "1")
    heading.font.size = Pt(19)
    section = document.sections[0]
    section.page_width, section.page_height = Mm(215.9), Mm(279.4)
    section.orientation = WD_ORIENT.PORTRAIT
    section.header.paragraphs[0].text = HEADER
    document.add_paragraph("这段正文不应出现在简报里。")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _briefing(reference: bytes) -> docx.document.Document:
    out = io.BytesIO()
    render("docx", make_report(), load_theme("official"), RenderOptions(reference_doc=reference),
           out)
    return docx.Document(io.BytesIO(out.getvalue()))


def test_styles_page_and_header_come_from_the_reference() -> None:
    document = _briefing(_office_template())
    normal = document.styles["Normal"]
    assert normal.font.name == BODY_FONT and normal.font.size == Pt(BODY_SIZE)
    assert normal.element.rPr.rFonts.get(qn("w:eastAsia")) == BODY_EAST
    section = document.sections[0]
    assert abs(section.page_width.mm - 215.9) < 0.1 and abs(section.page_height.mm - 279.4) < 0.1
    assert section.header.paragraphs[0].text == HEADER
    texts = [p.text for p in document.paragraphs]
    assert "这段正文不应出现在简报里。" not in texts
    # headings keep the office's look, matched by name though saved under another id
    headings = [p for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings and headings[0].style.font.size == Pt(19)
    assert headings[0]._p.pPr.pStyle.val == "Heading1"
    # the styles the office's template lacks are the theme's
    lead = document.styles["Lead"]
    assert lead.element.rPr.rFonts.get(qn("w:eastAsia")) == load_theme(
        "official").role("lead").fonts[0]


def test_default_reference_doc_round_trips(tmp_path: Path) -> None:
    target = tmp_path / "reference.docx"
    result = CliRunner().invoke(cli, ["styles", "--reference-doc", str(target)])
    assert result.exit_code == 0, result.output
    reference = docx.Document(str(target))
    names = {style.name.lower() for style in reference.styles}
    assert {spec.name.lower() for spec in STYLES} <= names
    assert [p.style.name for p in reference.paragraphs][:3] == ["Normal", "Title", "Subtitle"]
    again = tmp_path / "again.docx"
    CliRunner().invoke(cli, ["styles", "--reference-doc", str(again)])
    assert again.read_bytes() == target.read_bytes()
    # building on the default reference gives the theme's look
    body = _briefing(target.read_bytes()).styles["Normal"]
    assert body.font.size == Pt(load_theme("official").role("body").size)
    with zipfile.ZipFile(target) as archive:
        assert "dcterms:created" not in archive.read("docProps/core.xml").decode()


def test_build_with_reference_doc_and_a_bad_one(tmp_path: Path) -> None:
    reference = tmp_path / "office.docx"
    reference.write_bytes(_office_template())
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", "--out", str(out), "--format", "docx,pdf",
                                      "--reference-doc", str(reference)])
    assert result.exit_code == 0, result.output
    built = docx.Document(str(next(out.glob("*.docx"))))
    assert built.sections[0].header.paragraphs[0].text == HEADER
    bad = tmp_path / "bad.docx"
    bad.write_text("not a zip", encoding="utf-8")
    with pytest.raises(InputError, match="is not a Word document"):
        check_reference(bad.read_bytes(), str(bad))
    result = CliRunner().invoke(cli, ["build", "--out", str(tmp_path / "o2"),
                                      "--reference-doc", str(bad)])
    assert result.exit_code == 2
    assert result.output.strip() == f"exporter: {bad}: is not a Word document (.docx)"
    assert not (tmp_path / "o2").exists() or not list((tmp_path / "o2").iterdir())


def test_theme_header_text_and_logo(tmp_path: Path) -> None:
    import struct
    import zlib

    def png(width: int, height: int) -> bytes:
        def chunk(kind: bytes, data: bytes) -> bytes:
            return (struct.pack(">I", len(data)) + kind + data
                    + struct.pack(">I", zlib.crc32(kind + data)))
        rows = b"".join(b"\0" + b"\xc0\0\0" * width for _ in range(height))
        return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height,
                                                                   8, 2, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))

    (tmp_path / "logo.png").write_bytes(png(8, 4))
    official = load_theme("official").path.read_text(encoding="utf-8")
    theme_path = tmp_path / "mine.toml"
    theme_path.write_text(official.replace(
        "[document]\n", '[document]\nheader_text = "内部资料 注意保存"\nlogo = "logo.png"\n'),
        encoding="utf-8")
    out = io.BytesIO()
    render("docx", make_report(), load_theme(str(theme_path)), RenderOptions(), out)
    document = docx.Document(io.BytesIO(out.getvalue()))
    header = document.sections[0].header.paragraphs[0]
    assert header.text.strip() == "内部资料 注意保存"
    assert header._p.xpath(".//pic:pic")  # the logo image, before the text
    with zipfile.ZipFile(io.BytesIO(out.getvalue())) as archive:
        assert any(name.startswith("word/media/") for name in archive.namelist())
    pdf = io.BytesIO()
    render("pdf", make_report(), load_theme(str(theme_path)), RenderOptions(), pdf)
    from pypdf import PdfReader

    page = PdfReader(pdf).pages[2]  # a body page: header with logo and header text
    assert "内部资料" in page.extract_text()
    assert list(page.images)


def test_a_reference_built_by_exporter_does_not_pass_on_its_recorded_choice(
        tmp_path: Path) -> None:
    from exporter.check import recorded_choice
    from exporter.choice import ContentChoice

    runner = CliRunner()
    first = tmp_path / "first"
    runner.invoke(cli, ["build", "--out", str(first), "--format", "docx", "--sections", "2"])
    reference = next(first.glob("*.docx"))
    assert recorded_choice(reference) == ContentChoice(sections=("2",))
    second = tmp_path / "second"
    result = runner.invoke(cli, ["build", "--out", str(second), "--format", "docx",
                                 "--reference-doc", str(reference)])
    assert result.exit_code == 0, result.output
    assert recorded_choice(next(second.glob("*.docx"))) is None
