"""Which format a report's bytes are in, judged by their content, not their name.

A file name lies often (a saved page named ``.txt``, a PDF renamed ``.doc``), so the bytes
decide: magic numbers for PDF and DOCX, a leading JSON object for a model file, markup for
an HTML page, and plain text otherwise. ``--from`` overrides the guess.
"""

from __future__ import annotations

import io
import re
import zipfile

#: Formats a report can be read from, as ``--from`` names them.
FORMATS = ("txt", "html", "docx", "pdf", "json")

_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
_HTML_START = re.compile(rb"^\s*<(!doctype\s+html|html|head|body|meta|title|!--|\?xml)[\s>/]",
                         re.IGNORECASE)
_TAG = re.compile(rb"</?(p|div|br|span|table|td|h[1-6]|a|font|strong)\b[^>]{0,400}>",
                  re.IGNORECASE)
#: Tags in the first 64 KB that make a text an HTML fragment rather than prose.
_MIN_TAGS = 8


def detect_format(data: bytes) -> str:
    """One of :data:`FORMATS` for ``data`` (``txt`` when nothing else fits)."""
    head = _ascii_head(data)
    if head.lstrip().startswith(b"{"):  # before the PDF test: a model's text may quote %PDF-
        return "json"
    if data[:1024].find(b"%PDF-") != -1:
        return "pdf"
    if data.startswith(b"PK\x03\x04") and is_docx(data):
        return "docx"
    if _HTML_START.match(head) or len(_TAG.findall(head[:65536])) >= _MIN_TAGS:
        return "html"
    return "txt"


def is_docx(data: bytes) -> bool:
    """True when ``data`` is a ZIP package holding a Word main document."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist()[:10000])
    except (zipfile.BadZipFile, ValueError, OSError):
        return False
    return "word/document.xml" in names or "[Content_Types].xml" in names and any(
        name.startswith("word/") for name in names)


def _ascii_head(data: bytes) -> bytes:
    """The first 64 KB with any BOM dropped and UTF-16 squeezed to its ASCII bytes, enough
    to see markup or a JSON brace."""
    head = data[:65536]
    for bom in _BOMS:
        if head.startswith(bom):
            head = head[len(bom):]
            break
    if head[:200].count(b"\x00") > 50:
        head = head.replace(b"\x00", b"")
    return head
