"""Every use of reportlab's private internals, in one place (tested with reportlab 5.1;
``pyproject.toml`` bounds it below 5.2). A reportlab upgrade is checked here first."""

from __future__ import annotations

import time
from typing import Any

from reportlab.lib.utils import TimeStamp
from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFInfo, PDFName, PDFString


def canvas_document(canv: Any) -> Any:
    """The ``PDFDocument`` a canvas writes into (fonts are registered with it)."""
    return canv._doc


def drawing_form(canv: Any) -> bool:
    """Whether the canvas is inside ``beginForm``/``endForm`` (a form XObject's content)."""
    return canv._formData is not None


def page_has_content(canv: Any) -> bool:
    """Whether the current page holds operators not yet ended by ``showPage``."""
    return bool(canv._code)


def document_pages(canv: Any) -> list[Any]:
    """The document's ``PDFPage`` objects in page order, before saving."""
    return list(canv._doc.Pages.pages)


def subset_count(font: Any, doc: Any) -> int:
    """How many subsets of an embedded TrueType ``font`` the document ``doc`` holds."""
    return len(font.state[doc].subsets)


def label_stream(stream: Any, comment: str) -> None:
    """The comment reportlab writes before a stream object (as its own page streams have)."""
    stream.__Comment__ = comment


def pin_creation_time(canv: Any, epoch: int) -> None:
    """Stamp the document's creation and modification dates (and the ID derived from
    them) with ``epoch`` (UTC) instead of the clock."""
    stamp = TimeStamp(invariant=1)
    stamp.t = float(epoch)
    stamp.lt = time.gmtime(epoch)
    stamp.YMDhms = tuple(stamp.lt)[:6]
    stamp.dhh = stamp.dmm = 0
    canv._doc._timeStamp = stamp


class _UndatedInfo(PDFInfo):  # type: ignore[misc]  # reportlab ships no types
    """The document information dictionary of ``PDFInfo.format`` without its
    CreationDate and ModDate."""

    def format(self, document: Any) -> Any:
        values: dict[str, Any] = {
            key: PDFString(value) for key, value in (
                ("Title", self.title), ("Author", self.author), ("Producer", self.producer),
                ("Creator", self.creator), ("Subject", self.subject),
                ("Keywords", self.keywords))}
        values["Trapped"] = PDFName(self.trapped)
        return PDFDictionary(values).format(document)


def drop_dates(canv: Any) -> None:
    """Leave CreationDate and ModDate out of the document information (an undated file
    carries no date rather than an invented one); the file ID stays pinned."""
    undated = _UndatedInfo()
    undated.__dict__.update(canv._doc.info.__dict__)
    canv._doc.info = undated


def forget_font(name: str) -> None:
    """Remove the TrueType font registered as ``name`` from reportlab's process-wide
    registries (the font table, the face table and the family mappings that
    ``registerFontFamily`` made for it); reportlab itself never lets a font go."""
    from reportlab.lib import fonts as families
    from reportlab.pdfbase import pdfmetrics

    font = pdfmetrics._fonts.pop(name, None)
    face = getattr(font, "face", None) if getattr(font, "_dynamicFont", False) else None
    if face is not None and pdfmetrics._dynFaceNames.get(face.name) is font:
        del pdfmetrics._dynFaceNames[face.name]
    family = name.lower()
    for key in [k for k, v in families._tt2ps_map.items() if k[0] == family or v == name]:
        del families._tt2ps_map[key]
    for key in [k for k, v in families._ps2tt_map.items() if k == family or v[0] == family]:
        del families._ps2tt_map[key]
