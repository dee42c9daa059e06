"""Report files of every format made for the reader tests, never by exporter's renderers:
DOCX written with python-docx (or edited as a ZIP), PDFs exported by LibreOffice or
written byte by byte, and the scorers of ``shared/tools`` to compare what they read into.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

from exporter.model import Report, Section
from tests.conftest import SHARED, require_soffice

FIXTURES = Path(__file__).parent / "fixtures" / "readers"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


# --- LibreOffice -------------------------------------------------------------------------


def soffice_convert(sources: list[Path], fmt: str, out_dir: Path) -> list[Path]:
    """``sources`` converted by one LibreOffice headless run (with its own profile, so that
    other runs on the machine do not collide); the converted files' paths."""
    command = require_soffice()
    profile = out_dir / "lo-profile"
    subprocess.run([command, f"-env:UserInstallation=file://{profile}", "--headless",
                    "--convert-to", fmt, "--outdir", str(out_dir), *map(str, sources)],
                   check=True, capture_output=True, timeout=300)
    shutil.rmtree(profile, ignore_errors=True)
    return [out_dir / f"{source.stem}.{fmt}" for source in sources]


# --- DOCX ----------------------------------------------------------------------------------


def _numbering_xml(num_id: int, levels: list[tuple[str, str]]) -> str:
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/><w:suff w:val="nothing"/></w:lvl>'
        for i, (fmt, text) in enumerate(levels))
    return (f'<w:abstractNum w:abstractNumId="{num_id}">{lvls}</w:abstractNum>'
            f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{num_id}"/></w:num>')


def numbered_docx(items: list[tuple[int | None, str]], footnotes: list[str] = ()) -> bytes:
    """A DOCX whose headings are numbered by Word (一、 / （一） / 1.), not in their text.

    ``items`` are (level, text): level 0–2 for a numbered heading in the Heading 1–3
    style, None for a body paragraph. ``footnotes`` become footnotes of the first
    paragraph.
    """
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    numbering = document.part.numbering_part.element
    definition = _numbering_xml(42, [("chineseCounting", "%1、"),
                                    ("chineseCounting", "（%2）"), ("decimal", "%3.")])
    for node in parse_xml(f'<w:numbering xmlns:w="{W_NS}">{definition}</w:numbering>'):
        numbering.insert(0, node) if node.tag.endswith("abstractNum") else numbering.append(node)
    for level, text in items:
        if level is None:
            document.add_paragraph(text)
            continue
        paragraph = document.add_heading(text, level=level + 1)
        paragraph._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr xmlns:w="{W_NS}"><w:ilvl w:val="{level}"/><w:numId w:val="42"/></w:numPr>'))
    buffer = io.BytesIO()
    document.save(buffer)
    data = buffer.getvalue()
    return add_footnotes(data, footnotes) if footnotes else data


def add_footnotes(data: bytes, notes: list[str]) -> bytes:
    """The DOCX with a footnotes part holding ``notes``, referenced from its body."""
    items = "".join(f'<w:footnote w:id="{i}"><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:footnote>'
                    for i, text in enumerate(notes, 1))
    part = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<w:footnotes xmlns:w="{W_NS}"><w:footnote w:type="separator" w:id="-1">'
            f'<w:p><w:r><w:separator/></w:r></w:p></w:footnote>{items}</w:footnotes>')
    relation = ('<Relationship Id="rIdNotes" Type="http://schemas.openxmlformats.org/'
                'officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>')
    override = ('<Override PartName="/word/footnotes.xml" ContentType="application/'
                'vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>')
    return rewrite_docx(data, {
        "word/footnotes.xml": part.encode(),
        "word/_rels/document.xml.rels": lambda xml: xml.replace(
            b"</Relationships>", relation.encode() + b"</Relationships>"),
        "[Content_Types].xml": lambda xml: xml.replace(b"</Types>", override.encode() + b"</Types>"),
    })


def rewrite_docx(data: bytes, changes: dict[str, object]) -> bytes:
    """A copy of a DOCX package with parts replaced (bytes), edited (a function of the old
    bytes) or added."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            old = source.read(info)
            change = changes.get(info.filename)
            new = change(old) if callable(change) else change if change is not None else old
            out.writestr(info.filename, new)
        for name, change in changes.items():
            if name not in source.namelist() and isinstance(change, bytes):
                out.writestr(name, change)
    return buffer.getvalue()


# --- PDF written byte by byte ---------------------------------------------------------------


def raw_pdf(pages: int, image: bool = False) -> bytes:
    """A PDF of ``pages`` pages with no text: empty, or each a full-page grey image (a
    scan). Written directly so that thousands of pages cost milliseconds."""
    objects: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]
    kids = []
    resources = b"<< >>"
    content_ref = b""
    if image:
        pixels = zlib.compress(bytes((x * 7 + y * 3) % 256 for y in range(200) for x in range(150)))
        objects.append(b"<< /Type /XObject /Subtype /Image /Width 150 /Height 200 "
                       b"/ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode "
                       b"/Length %d >>\nstream\n" % len(pixels) + pixels + b"\nendstream")
        resources = b"<< /XObject << /Im0 3 0 R >> >>"
        drawing = b"q 500 0 0 700 50 70 cm /Im0 Do Q"
        objects.append(b"<< /Length %d >>\nstream\n" % len(drawing) + drawing + b"\nendstream")
        content_ref = b" /Contents 4 0 R"
    first_page = len(objects) + 1
    for index in range(pages):
        kids.append(b"%d 0 R" % (first_page + index))
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources "
                       + resources + content_ref + b" >>")
    objects[1] = b"<< /Type /Pages /Count %d /Kids [" % pages + b" ".join(kids) + b"] >>"
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % offset for offset in offsets))
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
              % (len(objects) + 1, xref))
    return out.getvalue()


# --- scoring against the text's reading ------------------------------------------------------


def outline_gold(report: Report) -> dict[str, object]:
    """The heading tree of ``report`` in the gold-outline form ``score_outline.py`` reads."""

    def node(section: Section) -> dict[str, object]:
        return {"label": section.label, "title": section.title,
                "paragraphs": len(section.paragraphs),
                "children": [node(child) for child in section.sections]}

    return {"sections": [node(section) for section in report.sections]}


def score(tool: str, predicted: Path, gold: Path, *options: str) -> subprocess.CompletedProcess[str]:
    """Run one of the shared scorers; its completed process (exit 1 under a threshold)."""
    return subprocess.run([sys.executable, str(SHARED / "tools" / tool), str(predicted),
                           str(gold), *options], capture_output=True, text=True, check=False)


def assert_same_reading(read: Report, text: Report, folder: Path,
                        paragraphs: bool = False) -> None:
    """``read`` has the text reading's heading tree (F1 1.000) and its figures (F1 ≥ 0.98),
    measured with the shared scorers; with ``paragraphs``, its paragraph counts too."""
    from exporter.listing import format_figures

    model, gold = folder / "read.json", folder / "gold-outline.json"
    model.write_text(json.dumps(read.to_dict(), ensure_ascii=False), encoding="utf-8")
    gold.write_text(json.dumps(outline_gold(text), ensure_ascii=False), encoding="utf-8")
    outline = score("score_outline.py", model, gold, "--show", "--meta-keys", "title")
    assert "headings f1 1.000" in outline.stdout, outline.stdout
    if paragraphs:
        assert "paragraph counts 1.000" in outline.stdout, outline.stdout
    figures, gold_figures = folder / "read.jsonl", folder / "gold.jsonl"
    figures.write_text(format_figures(read, "jsonl"), encoding="utf-8")
    gold_figures.write_text(format_figures(text, "jsonl"), encoding="utf-8")
    scored = score("score_figures.py", figures, gold_figures, "--min-f1", "0.98")
    assert scored.returncode == 0, scored.stdout + scored.stderr


def dev_report(name: str) -> Path:
    """A report of ``shared/dev-reports`` (the test is skipped where shared/ is absent)."""
    import pytest

    path = SHARED / "dev-reports" / name
    if not path.exists():
        pytest.skip(f"{path} is not here")
    return path
