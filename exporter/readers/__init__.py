"""Readers turn input bytes into a :class:`~exporter.model.Report`.

A report is plain text (UTF-8, UTF-16 or GB18030, as Chinese government sites serve it),
an HTML page, a DOCX, a PDF with a text layer, or a model JSON file such as ``exporter
parse`` writes. The format is judged from the bytes (:mod:`.detect`) unless the caller
names it. HTML, DOCX and PDF are turned into lines of text plus the file's own fields
(:class:`._extracted.Extracted`) and built by the plain-text pipeline, so every format
reads into the same model. Figures are extracted here; a model file keeps the figures it
carries.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from pathlib import PurePath
from typing import TYPE_CHECKING

from ..errors import InputError
from ..mapper import Mapper
from ..model import Report
from ._extracted import Extracted
from .detect import FORMATS, detect_format

__all__ = ["FORMATS", "detect_format", "looks_like_model_json", "read_report"]

#: Page markup that must never survive into a report's text: the signature of a web page
#: read as plain text. (Inline tags such as <a> or <font> in a sentence stay data.)
_MARKUP = re.compile(r"</?(?:p|div|span|br|td|tr|table|tbody|h[1-6]|body|html)\b[^>]*>|&nbsp;"
                     r"|\bstyle\s*=\s*[\"']", re.IGNORECASE)

if TYPE_CHECKING:
    from ..figures.indicators import Catalogue


def looks_like_model_json(data: bytes) -> bool:
    """True when the bytes start (after a BOM and blanks) with a JSON object."""
    head = data[:64].lstrip(b"\xef\xbb\xbf").lstrip()
    return head.startswith(b"{")


def read_report(data: bytes, name: str, *, extract_figures: bool = True,
                mapper: Mapper | None = None, indicators: Catalogue | None = None,
                source_format: str | None = None, charset: str | None = None,
                source_name: str | None = None, require_content: bool = False,
                warn: Callable[[str], None] | None = None) -> Report:
    """Read a report from its bytes; ``name`` is used in error messages and metadata.

    ``source_format`` (one of :data:`FORMATS`) overrides the format the bytes suggest;
    ``charset`` is an encoding declared outside the bytes (an HTTP response's);
    ``source_name`` is the name ``meta.source_name`` takes (``name``'s last part if None;
    a model file keeps its own). A ``mapper`` may share a large report's figure extraction
    (see :mod:`exporter.mapper`); ``indicators`` is the catalogue of standard indicators
    (the shipped one by default); ``warn`` hears what was repaired on the way (stray
    control characters dropped). With ``require_content`` (the CLI's reading), a report
    that reads into neither headings nor figures, or whose text still holds page markup,
    is refused: it is not a report, or not in the format it was read as.
    """
    fmt = source_format or detect_format(data)
    if fmt not in FORMATS:
        raise InputError(f"unknown input format {fmt!r} (choose from {', '.join(FORMATS)})",
                         source=name)
    if fmt == "json":
        from .model_json import read_model_json

        return read_model_json(data, name)
    from .text import parse_text

    if fmt == "txt":
        from .decode import decode_text

        report = parse_text(decode_text(data, name, charset, warn), name=name)
    else:
        extracted = _extract(fmt, data, name, charset)
        report = parse_text(extracted.text(), name=name)
        extracted.fill(report.meta)
    report.meta.source_name = source_name or PurePath(name).name
    report.meta.source_sha256 = hashlib.sha256(data).hexdigest()
    if require_content:
        _refuse_markup(report, name, fmt)
    if extract_figures:
        from ..figures import extract_figures as extract

        report.figures = extract(report, mapper, catalogue=indicators)
        if require_content and not report.sections and not report.figures:
            raise InputError(f"read as {fmt.upper()}, it holds no headings and no figures: "
                             "not a report (or not in this format: see --from)", source=name)
    return report


def _extract(fmt: str, data: bytes, name: str, charset: str | None) -> Extracted:
    if fmt == "html":
        from .html import read_html

        return read_html(data, name, charset)
    if fmt == "docx":
        from .docx import read_docx

        return read_docx(data, name)
    from .pdf import read_pdf

    return read_pdf(data, name)


def _refuse_markup(report: Report, name: str, fmt: str) -> None:
    """An InputError when paragraphs or headings still hold HTML tags or entities."""
    texts = [p.text for p in report.preamble[:50]]
    for section, _ in report.walk():
        texts.append(section.title)
        texts.extend(p.text for p in section.paragraphs[:3])
    for text in texts:
        found = _MARKUP.search(text)
        if found is not None:
            hint = " (read it as HTML: --from html)" if fmt == "txt" else ""
            raise InputError(f"its text still holds markup ({found.group()[:40]!r}){hint}",
                             source=name)

