"""exporter: one model of a Chinese government report, three renderers (DOCX, PDF, XLSX).

Public API::

    from exporter import read_report, load_theme, render, RenderOptions
    report = read_report(path.read_bytes(), path.name)
    render("docx", report, load_theme("official"), RenderOptions(), stream)
"""

from __future__ import annotations

from .errors import ExporterError
from .model import Figure, Meta, Note, Paragraph, Report, Section
from .readers import read_report
from .renderers import RenderOptions, render
from .theme import Theme, load_theme

__version__ = "0.1.0"

__all__ = [
    "ExporterError", "Figure", "Meta", "Note", "Paragraph", "RenderOptions", "Report",
    "Section", "Theme", "__version__", "load_theme", "read_report", "render",
]
