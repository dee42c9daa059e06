"""The three renderers behind one signature: ``render(report, theme, options, out)``.

Each renderer package (``docx``, ``pdf``, ``xlsx``) has a ``writer`` module whose ``render``
writes the whole file to a binary stream; it never opens output paths and never imports
another renderer. :data:`WRITERS` names them; a writer is imported only when its format is
asked for, so the CLI starts fast.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO
from xml.sax.saxutils import escape

from ..mapper import Mapper
from ..model import Report
from ..theme import Theme

#: The instant stamped into an unpinned build (no SOURCE_DATE_EPOCH): fixed, so two
#: builds of any input match byte for byte.
PINNED_TIME = datetime(2000, 1, 1, tzinfo=UTC)
#: Characters XML 1.0 cannot carry (C0 controls but tab and line ends, lone surrogates,
#: U+FFFE and U+FFFF): DOCX and XLSX drop them from report text.
XML_INVALID = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text: str) -> str:
    """``text`` without the characters XML cannot hold."""
    return XML_INVALID.sub("", text)


def xml_escape(text: str) -> str:
    """``text`` as XML character data, for parts written as strings: markup characters
    escaped, and a carriage return as a reference (XML reads a raw one back as a line
    feed)."""
    return escape(text, {"\r": "&#13;"})


#: The theme each format uses when the user names none.
DEFAULT_THEMES = {"docx": "official", "pdf": "modern", "xlsx": "modern"}


def _ignore(message: str) -> None:
    """Default warning sink: renderers are silent unless the caller listens."""


@dataclass(frozen=True)
class RenderOptions:
    """What the user chose, as one record every renderer receives."""

    #: The whole report rather than the briefing / summary.
    full: bool = False
    #: Seconds since the epoch stamped into document metadata and zip entries
    #: (``SOURCE_DATE_EPOCH``); ``None`` pins a fixed date so output stays reproducible.
    source_date_epoch: int | None = None
    #: Font files given with ``--font``; they win over every theme chain.
    font_files: tuple[Path, ...] = ()
    #: Where converted font subsets are cached between builds (``None``: the user cache
    #: folder, ``$XDG_CACHE_HOME/exporter`` or ``~/.cache/exporter``).
    font_cache: Path | None = None
    #: Folders searched for fonts instead of the system's (tests point it at an empty one).
    font_dirs: tuple[Path, ...] | None = None
    #: Called with one line for each warning the user should see.
    warn: Callable[[str], None] = field(default=_ignore)
    #: The tool's version, recorded in document properties.
    tool_version: str = ""
    #: Shares a renderer's independent pieces of work (the PDF's page finishing) when the
    #: caller has one (see :mod:`exporter.mapper`). The output is the same bytes either way.
    mapper: Mapper | None = None
    #: The workbook's language for headers and codes (``zh``, ``en``); ``None``: the theme's.
    language: str | None = None
    #: Standard-indicator id → the name the workbook shows beside it, from the catalogue
    #: the report was read with; ``None``: the shipped catalogue's names.
    indicator_names: Mapping[str, str] | None = None

    @property
    def build_time(self) -> datetime:
        """The UTC instant every renderer stamps into its output: SOURCE_DATE_EPOCH, or
        :data:`PINNED_TIME` when none was given."""
        if self.source_date_epoch is None:
            return PINNED_TIME
        return datetime.fromtimestamp(self.source_date_epoch, tz=UTC)


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
