"""Every use of reportlab's private internals, in one place (tested with reportlab 5.1;
``pyproject.toml`` bounds it below 5.2). A reportlab upgrade is checked here first."""

from __future__ import annotations

import time
from typing import Any

from reportlab.lib.utils import TimeStamp


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
