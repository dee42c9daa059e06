"""Where the bundled sample reports and themes live, installed or in a checkout.

A wheel carries ``source/`` and ``styles/`` inside the package as ``exporter/_data/``;
a checkout (or an editable install) keeps them at the project root.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
SAMPLE_NAME = "beijing-science-technology-work-report-2016.txt"


def data_dir(name: str) -> Path:
    """The folder ``source`` or ``styles``, wherever this installation keeps it."""
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"bundled folder {name!r} is missing from this installation")


def sample_report() -> Path:
    """The bundled sample report, the default input of every command."""
    return data_dir("source") / SAMPLE_NAME
