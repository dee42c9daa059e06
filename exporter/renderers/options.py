"""What every renderer receives besides the model and the theme: :class:`RenderOptions`.

Kept apart from the package's table of writers so a renderer importing its options never
imports the other renderers.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from ..choice import ContentChoice
from ..document import DocumentSettings, document_time
from ..mapper import Mapper
from ..model import Report

#: The zip entry time of a file that carries no date (zip entries must have one; the
#: earliest a zip can hold, so nobody reads it as a real date).
UNDATED_ZIP_TIME = datetime(1980, 1, 1, tzinfo=UTC)
#: The latest entry time a zip can hold (its DOS date counts years 1980-2107): a later
#: date (a report dated 2200, SOURCE_DATE_EPOCH up to 9999) is stored as this, while the
#: documents' own metadata keep the true date.
LATEST_ZIP_TIME = datetime(2107, 12, 31, 23, 59, 58, tzinfo=UTC)


@dataclass(frozen=True)
class EmbeddedFont:
    """A font the Word briefing embeds (``--embed-fonts``): the family name the styles use
    and the TrueType file's bytes (a subset of the characters the document prints)."""

    family: str
    data: bytes


def _ignore(message: str) -> None:
    """Default warning sink: renderers are silent unless the caller listens."""


@dataclass(frozen=True)
class RenderOptions:
    """What the user chose, as one record every renderer receives."""

    #: The whole report rather than the briefing / summary.
    full: bool = False
    #: Seconds since the epoch stamped into document metadata and zip entries
    #: (``SOURCE_DATE_EPOCH``); ``None``: the briefing's or the report's own date.
    source_date_epoch: int | None = None
    #: The office's settings (issuer, number, title, date …; see :mod:`exporter.document`).
    settings: DocumentSettings = field(default_factory=DocumentSettings)
    #: The office's Word template (``--reference-doc``): styles, page set-up, headers and
    #: footers of the DOCX come from it, as in pandoc.
    reference_doc: bytes | None = None
    #: Headline count and pinned figures (sections are chosen before rendering, see
    #: :mod:`exporter.choice`).
    choice: ContentChoice = field(default_factory=ContentChoice)
    #: The most pages the PDF summary may take (``--max-pages``); None: no limit.
    max_pages: int | None = None
    #: Role → the font the DOCX names and embeds for it (``--embed-fonts``: the faces the
    #: PDF uses, see :func:`.pdf.fonts.embeddable_fonts`); empty: the theme's faces, named.
    embedded_fonts: Mapping[str, EmbeddedFont] = field(default_factory=dict)
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
    #: the report was read with; ``None``: the ids alone.
    indicator_names: Mapping[str, str] | None = None

    def document_time(self, report: Report) -> datetime | None:
        """The UTC instant every renderer stamps into its output's metadata:
        SOURCE_DATE_EPOCH, else the briefing's date, else the report's; None when nothing
        says, and then the files carry no creation date."""
        return document_time(report, self.settings, self.source_date_epoch)

    def zip_time(self, report: Report) -> datetime:
        """The entry time of the DOCX and XLSX zips: :meth:`document_time` within the
        range a zip can hold, or :data:`UNDATED_ZIP_TIME` for an undated file (never the
        clock)."""
        when = self.document_time(report) or UNDATED_ZIP_TIME
        return min(max(when, UNDATED_ZIP_TIME), LATEST_ZIP_TIME)
