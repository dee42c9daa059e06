"""WordprocessingML building blocks for the Word renderer, written straight with lxml.

python-docx's object API re-parses and searches the tree on every call; a report of a few
thousand paragraphs is built far faster by appending elements directly. Every piece of
report text passes through :func:`run_text` and is set as element text, so lxml escapes
it: text can never become markup or a field.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from docx.oxml.ns import qn
from lxml import etree  # type: ignore[import-untyped]

from .._office import xml_escape, xml_safe

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{W_NS}}}"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_BREAKS = re.compile("[\t\n\r]+")
#: Word's default left and right cell margin, in twips (0.08 in).
CELL_MARGIN = 115
#: A number set smaller to fit its cell goes down to this share of its size at most.
SMALLEST_SHARE = 0.6


def run_text(text: str | None) -> str:
    """Report text made safe for XML: invalid characters dropped, tabs and line breaks
    (which Word would need as separate elements) turned into single spaces."""
    if not text:
        return ""
    return _BREAKS.sub(" ", xml_safe(text))


def w(tag: str, parent: etree._Element | None = None, **attrs: str | int) -> etree._Element:
    """A ``w:`` element with ``w:`` attributes (``w("ind", firstLine=640)``)."""
    name = _W + tag
    element = etree.Element(name) if parent is None else etree.SubElement(parent, name)
    for key, value in attrs.items():
        element.set(_W + key, str(value))
    return element


def text_run(text: str, parent: etree._Element | None = None,
             char_style: str | None = None) -> etree._Element:
    """A run holding ``text`` (already cleaned), optionally in a character style."""
    run = w("r", parent)
    if char_style:
        w("rStyle", w("rPr", run), val=char_style)
    t = w("t", run)
    t.text = text
    if text[:1].isspace() or text[-1:].isspace():
        t.set(_XML_SPACE, "preserve")
    return run


def paragraph(style: str, text: str = "", parent: etree._Element | None = None,
              ppr: Iterable[etree._Element] = ()) -> etree._Element:
    """A paragraph in ``style`` with one run of ``text`` (cleaned here) and any extra
    paragraph properties (already-built ``w:pPr`` children, in schema order)."""
    p = w("p", parent)
    props = w("pPr", p)
    w("pStyle", props, val=style)
    for child in ppr:
        props.append(child)
    cleaned = run_text(text)
    if cleaned:
        text_run(cleaned, p)
    return p


def field_runs(parent: etree._Element, instruction: str, result: str = "",
               dirty: bool = False) -> None:
    """A complex field (begin, instruction, separate, cached result, end) as runs of
    ``parent``. ``instruction`` is always the renderer's own text, never report text."""
    begin = w("fldChar", w("r", parent), fldCharType="begin")
    if dirty:
        begin.set(qn("w:dirty"), "true")
    instr = w("instrText", w("r", parent))
    instr.text = f" {instruction} "
    instr.set(_XML_SPACE, "preserve")
    w("fldChar", w("r", parent), fldCharType="separate")
    if result:
        text_run(result, parent)
    w("fldChar", w("r", parent), fldCharType="end")


def bookmark(p: etree._Element, ident: int, name: str) -> None:
    """Wrap the runs of paragraph ``p`` in a bookmark (the target of TOC links)."""
    start = etree.Element(_W + "bookmarkStart")
    start.set(_W + "id", str(ident))
    start.set(_W + "name", name)
    props = p.find(_W + "pPr")
    p.insert(0 if props is None else 1, start)
    w("bookmarkEnd", p, id=ident)


def page_break(parent: etree._Element | None = None) -> etree._Element:
    """An empty paragraph holding a page break."""
    p = w("p", parent)
    w("br", w("r", p), type="page")
    return p


def _cell_text(text: str, half_points: int | None = None) -> str:
    """A cell's run, escaped, at ``half_points`` when given; empty text gives no run."""
    cleaned = run_text(text)
    if not cleaned:
        return ""
    space = ' xml:space="preserve"' if cleaned != cleaned.strip() else ""
    size = (f'<w:rPr><w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/></w:rPr>'
            if half_points else "")
    return f"<w:r>{size}<w:t{space}>{xml_escape(cleaned)}</w:t></w:r>"


def em_width(char: str) -> float:
    """A character's advance in ems, as a table or title estimate: wide and full-width
    (CJK) characters one, the rest half of one (unicodedata: wcwidth costs 45 ms to
    import)."""
    return 1.0 if unicodedata.east_asian_width(char) in "WF" else 0.5


def fitting_size(text: str, width: int, size: float) -> int | None:
    """The size (half-points) at which ``text`` fits on one line of ``width`` twips, when
    it does not at ``size`` pt (None then): wide (CJK) characters take a full em, the
    rest half of one. Never below :data:`SMALLEST_SHARE` of the size."""
    ems = sum(map(em_width, run_text(text)))
    room = (width - 2 * CELL_MARGIN) / 20
    if ems * size <= room or ems == 0:
        return None
    return max(round(size * 2 * SMALLEST_SHARE), int(room / ems * 2))


def table(rows: list[list[str]], widths: list[int], *, header_style: str, body_style: str,
          border: str, header_fill: str, stripe: str | None,
          numbers: tuple[int, ...] = (), body_size: float = 0.0) -> etree._Element:
    """A full-width table: the first row is a header repeated on every page (w:tblHeader),
    no row splits across pages, thin borders in ``border``, the header shaded
    ``header_fill`` and every second body row ``stripe`` (None: no striping).
    ``widths`` are the column widths in twips. Body cells of the ``numbers`` columns
    never wrap (``w:noWrap``), and a value too wide for its column at ``body_size`` pt is
    set smaller to fit (Word and LibreOffice would otherwise break ``74,400,000,000,000``).

    Tables hold most of the elements of a long report, so the markup is composed as text
    and parsed once (several times faster than element by element); cell text is cleaned
    and escaped, and every attribute value is a number, a style id or a theme colour."""
    sides = "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="{border}"/>'
                    for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    parts: list[str] = [
        (f'<w:tbl xmlns:w="{W_NS}"><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
        f'<w:jc w:val="center"/><w:tblBorders>{sides}</w:tblBorders>'
        '<w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" '
        'w:firstColumn="0" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>'),
        *(f'<w:gridCol w:w="{width}"/>' for width in widths), "</w:tblGrid>"]
    for index, cells in enumerate(rows):
        header = index == 0
        fill = header_fill if header else (stripe if stripe and index % 2 == 0 else None)
        shading = f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>' if fill else ""
        style = header_style if header else body_style
        parts.append("<w:tr><w:trPr><w:cantSplit/>"
                     f"{'<w:tblHeader/>' if header else ''}</w:trPr>")
        for column, (width, value) in enumerate(zip(widths, cells)):
            number = not header and column in numbers
            size = fitting_size(value, width, body_size) if number else None
            parts.append(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shading}'
                         f'{"<w:noWrap/>" if number else ""}'
                         f'<w:vAlign w:val="center"/></w:tcPr><w:p><w:pPr>'
                         f'<w:pStyle w:val="{style}"/></w:pPr>{_cell_text(value, size)}</w:p></w:tc>')
        parts.append("</w:tr>")
    parts.append("</w:tbl>")
    return etree.fromstring("".join(parts))
