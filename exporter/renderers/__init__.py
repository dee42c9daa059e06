"""The three renderers behind one signature: ``render(report, theme, options, out)``.

Each renderer module (``docx``, ``pdf``, ``xlsx``) exposes ``render`` and writes the whole
file to a binary stream; it never opens output paths and never imports another renderer.
Modules are imported only when their format is asked for, so the CLI starts fast.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

from ..model import Report
from ..theme import Theme

FORMATS = ("docx", "pdf", "xlsx")
#: The instant stamped into an unpinned build (no SOURCE_DATE_EPOCH): fixed, so two
#: builds of any input match byte for byte.
PINNED_TIME = datetime(2000, 1, 1, tzinfo=UTC)
#: Characters XML 1.0 cannot carry (C0 controls but tab and line ends, lone surrogates,
#: U+FFFE and U+FFFF): DOCX and XLSX drop them from report text.
XML_INVALID = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text: str) -> str:
    """``text`` without the characters XML cannot hold."""
    return XML_INVALID.sub("", text)
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
    #: A core is free for a forked helper to share a renderer's work (the PDF's page
    #: finishing). The output is the same bytes either way.
    spare_core: bool = False

    @property
    def build_time(self) -> datetime:
        """The UTC instant every renderer stamps into its output: SOURCE_DATE_EPOCH, or
        :data:`PINNED_TIME` when none was given."""
        if self.source_date_epoch is None:
            return PINNED_TIME
        return datetime.fromtimestamp(self.source_date_epoch, tz=UTC)


def render(fmt: str, report: Report, theme: Theme, options: RenderOptions, out: BinaryIO) -> None:
    """Write ``report`` as ``fmt`` (docx, pdf or xlsx) to the stream ``out``."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    module = importlib.import_module(f"{__name__}.{fmt}")
    module.render(report, theme, options, out)
