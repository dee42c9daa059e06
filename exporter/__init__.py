"""exporter: one model of a Chinese government report, three renderers (DOCX, PDF, XLSX).

Public API::

    from exporter import read_report, load_theme, render, RenderOptions
    report = read_report(path.read_bytes(), path.name)
    render("docx", report, load_theme("official"), RenderOptions(), stream)
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

#: Where each public name lives. They are imported on first use (PEP 562), so that a
#: command that needs none of them (``exporter --help``) does not pay for the readers'
#: and renderers' imports, and so that the command line can prepare before they load.
_PUBLIC = {
    "ExporterError": "errors", "Figure": "model", "Meta": "model", "Note": "model",
    "Paragraph": "model", "Report": "model", "Section": "model", "read_report": "readers",
    "RenderOptions": "renderers", "render": "renderers", "Theme": "theme",
    "load_theme": "theme",
}

#: Written out, not derived from ``_PUBLIC``: linters and type checkers read it statically
#: (tests/test_layering.py holds the three lists of names to one another).
__all__ = [
    "ExporterError", "Figure", "Meta", "Note", "Paragraph", "RenderOptions", "Report",
    "Section", "Theme", "__version__", "load_theme", "read_report", "render",
]

if TYPE_CHECKING:
    from .errors import ExporterError
    from .model import Figure, Meta, Note, Paragraph, Report, Section
    from .readers import read_report
    from .renderers import RenderOptions, render
    from .theme import Theme, load_theme


def __getattr__(name: str) -> Any:
    """The public name ``name``, imported from its module on first use."""
    if name not in _PUBLIC:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{_PUBLIC[name]}", __name__), name)
    globals()[name] = value
    return value
