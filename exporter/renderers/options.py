"""What every renderer receives besides the model and the theme: :class:`RenderOptions`.

Kept apart from the package's table of writers so a renderer importing its options never
imports the other renderers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from ..mapper import Mapper

#: The instant stamped into an unpinned build (no SOURCE_DATE_EPOCH): fixed, so two
#: builds of any input match byte for byte.
PINNED_TIME = datetime(2000, 1, 1, tzinfo=UTC)


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

    @property
    def build_time(self) -> datetime:
        """The UTC instant every renderer stamps into its output: SOURCE_DATE_EPOCH, or
        :data:`PINNED_TIME` when none was given."""
        if self.source_date_epoch is None:
            return PINNED_TIME
        return datetime.fromtimestamp(self.source_date_epoch, tz=UTC)
