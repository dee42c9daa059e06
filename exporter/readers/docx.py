"""The DOCX reader: a Word report, read with python-docx into lines for the text pipeline.

Paragraphs and table cells are read in document order; tracked deletions are left out and
soft line breaks end a line. Word's automatic numbering is rendered into the label it
shows (``一、``, ``（一）``, ``1.``), so a heading numbered by Word reads like one numbered
in its text. Footnotes and endnotes follow the body as a numbered notes block. The package
is bounded before python-docx sees it (:mod:`exporter._bounded`, the limits ``check`` applies).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import TYPE_CHECKING

from .._bounded import check_package
from ..errors import InputError
from ._extracted import Extracted
from ._numbering import Numbering

if TYPE_CHECKING:
    from lxml.etree import _Element  # type: ignore[import-untyped]

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_NOTES_MARKER = "注释"
_NOTE_PARTS = ("footnotes", "endnotes")


def read_docx(data: bytes, name: str) -> Extracted:
    """Body lines, notes and the core title of a DOCX report."""
    check_package(data, name, "DOCX")
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml import etree  # type: ignore[import-untyped]

    try:
        document = docx.Document(io.BytesIO(data))
        return _read(document, name)
    except InputError:
        raise
    except etree.XMLSyntaxError as exc:
        raise InputError(f"DOCX holds malformed XML ({_xml_problem(exc)})", source=name) from None
    except (PackageNotFoundError, KeyError, ValueError, AttributeError) as exc:
        raise InputError(f"is not a readable DOCX document ({exc})", source=name) from None
    except Exception as exc:  # noqa: BLE001 - python-docx failing on an untrusted package
        raise InputError(f"is not a readable DOCX document ({type(exc).__name__}: {exc})",
                         source=name) from None


def _read(document: object, name: str) -> Extracted:
    numbering = Numbering.of(document)
    body = document.element.body  # type: ignore[attr-defined]
    lines = [line for block in _blocks(body) for line in _paragraph_lines(block, numbering)]
    notes = list(_notes(document, name))
    if notes:
        lines.append(_NOTES_MARKER)
        lines.extend(notes)
    title = (document.core_properties.title or "").strip() or None  # type: ignore[attr-defined]
    return Extracted(lines=lines, title=title)


def _xml_problem(exc: Exception) -> str:
    message = str(exc)
    if "depth" in message.lower():
        return "elements nested deeper than the XML parser's limit of 256 levels"
    return message[:120]


def _blocks(container: _Element) -> Iterator[_Element]:
    """Paragraphs in document order, inside tables and content controls too; a cell merged
    across several grid columns is read once."""
    for child in container:
        tag = child.tag
        if tag == f"{W}p":
            yield child
        elif tag == f"{W}tbl":
            for row in child.iter(f"{W}tr"):
                for cell in row.iter(f"{W}tc"):
                    yield from _blocks(cell)
        elif tag in (f"{W}sdt", f"{W}sdtContent", f"{W}customXml"):
            yield from _blocks(child)


def _paragraph_lines(paragraph: _Element, numbering: Numbering) -> list[str]:
    """The paragraph's text as lines (a soft break ends one), with Word's numbering label."""
    parts: list[str] = []
    for node in paragraph.iter(f"{W}t", f"{W}br", f"{W}cr", f"{W}tab"):
        if _deleted(node, paragraph):
            continue
        if node.tag == f"{W}t":
            parts.append(node.text or "")
        elif node.tag == f"{W}tab":
            parts.append(" ")
        else:
            parts.append("\n")
    text = "".join(parts)
    label = numbering.label(paragraph) if text.strip() else None
    if label:
        text = label + text.lstrip()
    return [line for line in text.split("\n") if line.strip()]


def _deleted(node: _Element, paragraph: _Element) -> bool:
    """True for text inside a tracked deletion or a move's old place."""
    parent = node.getparent()
    while parent is not None and parent is not paragraph:
        if parent.tag in (f"{W}del", f"{W}moveFrom"):
            return True
        parent = parent.getparent()
    return False


def _notes(document: object, name: str) -> Iterator[str]:
    """``[n]text`` for each footnote, then each endnote, in their parts' order."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    number = 0
    part = document.part  # type: ignore[attr-defined]
    for kind in _NOTE_PARTS:
        reltype = getattr(RT, kind.upper())
        related = [rel.target_part for rel in part.rels.values()
                   if rel.reltype == reltype and not rel.is_external]
        for target in related:
            try:
                root = etree.fromstring(target.blob, parser)
            except etree.XMLSyntaxError as exc:
                raise InputError(f"DOCX {kind} are malformed XML ({_xml_problem(exc)})",
                                 source=name) from None
            for note in root:
                if note.get(f"{W}type") in ("separator", "continuationSeparator",
                                            "continuationNotice"):
                    continue
                text = "".join(t.text or "" for t in note.iter(f"{W}t")).strip()
                if text:
                    number += 1
                    yield f"[{number}]{text}"
