"""The office's Word template as pandoc's ``--reference-doc`` uses it.

The briefing is built on the reference document instead of python-docx's template: its
body is dropped, and its styles (document defaults and East Asian fonts included), page
set-up, headers and footers, numbering and settings stay. Styles are matched by their UI
name, as pandoc does (a Chinese Word saves ``heading 1`` under the id ``1``): a matched
style takes the id the writer uses, and only the styles the reference lacks are written
from the theme. :func:`reference_document` writes the default one, a starting point an
office edits in Word.
"""

from __future__ import annotations

import io
import zipfile

import docx
from docx.document import Document
from docx.oxml.ns import qn
from lxml import etree  # type: ignore[import-untyped]

from ...errors import InputError
from ._styles import STYLES

#: Attributes (on any element of styles.xml) that name another style by id.
_STYLE_LINKS = ("basedOn", "next", "link")


def open_reference(data: bytes, source: str) -> Document:
    """The reference document ``data`` with its body emptied (its last section's
    properties kept); an InputError naming ``source`` when it is no Word document."""
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise InputError("is not a Word document (.docx)", source=source)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - python-docx raises many kinds on a bad package
        raise InputError(f"is not a usable Word document ({type(exc).__name__})",
                         source=source) from None
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    return document


def adopt_styles(document: Document) -> set[str]:
    """Give the reference's styles that match one of the writer's by name the writer's id
    (and every link to them); returns the ids the reference now provides."""
    styles = document.styles.element
    by_name: dict[str, etree._Element] = {}
    for style in styles.iterfind(qn("w:style")):
        name = style.find(qn("w:name"))
        if name is not None:
            by_name.setdefault(name.get(qn("w:val"), "").lower(), style)
    renamed: dict[str, str] = {}
    provided: set[str] = set()
    for spec in STYLES:
        style = by_name.get(spec.name.lower())
        if style is None or style.get(qn("w:type")) != spec.kind:
            continue
        old = style.get(qn("w:styleId"))
        if old != spec.style_id:
            for other in styles.iterfind(qn("w:style")):
                if other is not style and other.get(qn("w:styleId")) == spec.style_id:
                    styles.remove(other)  # an unrelated style squatting on the id
            style.set(qn("w:styleId"), spec.style_id)
            renamed[old] = spec.style_id
        provided.add(spec.style_id)
    if renamed:
        for link in styles.iter(*(qn(f"w:{name}") for name in _STYLE_LINKS)):
            target = link.get(qn("w:val"))
            if target in renamed:
                link.set(qn("w:val"), renamed[target])
    return provided


def has_headers_or_footers(document: Document) -> bool:
    """Whether the reference's section brings its own headers or footers."""
    section = document.element.body.find(qn("w:sectPr"))
    return section is not None and any(
        section.find(qn(f"w:{kind}Reference")) is not None for kind in ("header", "footer"))


def sample_body(body: etree._Element) -> None:
    """One paragraph in each paragraph style, named after it, so an office sees every
    style it can change (as pandoc's reference.docx shows)."""
    from ._xml import paragraph, text_run

    for spec in STYLES:
        if spec.kind == "paragraph":
            paragraph(spec.style_id, spec.name, body)
        else:
            text_run(spec.name, paragraph("Normal", parent=body), spec.style_id)
