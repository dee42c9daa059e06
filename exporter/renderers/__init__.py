"""The three renderers behind one signature: ``render(report, theme, options, out)``.

Each renderer package (``docx``, ``pdf``, ``xlsx``) has a ``writer`` module whose ``render``
writes the whole file to a binary stream; it never opens output paths and never imports
another renderer. :data:`WRITERS` names them; a writer is imported only when its format is
asked for, so the CLI starts fast.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import BinaryIO

from ..model import Report
from ..theme import Theme
from .options import UNDATED_ZIP_TIME, EmbeddedFont, RenderOptions

__all__ = ["DEFAULT_THEMES", "FORMATS", "UNDATED_ZIP_TIME", "WRITERS", "EmbeddedFont",
           "RenderOptions", "Writer", "render"]

#: The theme each format uses when the user names none.
DEFAULT_THEMES = {"docx": "official", "pdf": "modern", "xlsx": "modern"}


Writer = Callable[[Report, Theme, RenderOptions, BinaryIO], None]


def _write_docx(report: Report, theme: Theme, options: RenderOptions, out: BinaryIO) -> None:
    """The Word document (:mod:`.docx.writer`)."""
    from .docx.writer import render as write
    write(report, theme, options, out)


def _write_pdf(report: Report, theme: Theme, options: RenderOptions, out: BinaryIO) -> None:
    """The PDF (:mod:`.pdf.writer`)."""
    from .pdf.writer import render as write
    write(report, theme, options, out)


def _write_xlsx(report: Report, theme: Theme, options: RenderOptions, out: BinaryIO) -> None:
    """The Excel workbook (:mod:`.xlsx.writer`)."""
    from .xlsx.writer import render as write
    write(report, theme, options, out)


#: Each format and the function that writes it.
WRITERS: dict[str, Writer] = {"docx": _write_docx, "pdf": _write_pdf, "xlsx": _write_xlsx}
#: The formats, in the order a build writes them.
FORMATS = tuple(WRITERS)


def render(fmt: str, report: Report, theme: Theme, options: RenderOptions, out: BinaryIO) -> None:
    """Write ``report`` as ``fmt`` (docx, pdf or xlsx) to the stream ``out``."""
    writer = WRITERS.get(fmt)
    if writer is None:
        raise ValueError(f"unknown format {fmt!r}")
    writer(report, theme, options, out)
