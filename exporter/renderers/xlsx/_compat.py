"""Every use of openpyxl's private internals, in one place (tested with openpyxl 3.1;
``pyproject.toml`` bounds it below 3.2). An openpyxl upgrade is checked here first."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from openpyxl.chart._chart import ChartBase
from openpyxl.packaging.core import DocumentProperties
from openpyxl.styles.cell_style import StyleArray
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.xml.constants import DCTERMS_NS
from openpyxl.xml.functions import fromstring

__all__ = ["MemorySheet", "TextChart", "WriteOnlyWorksheet", "add_sheet", "copy_style",
           "drop_dates", "set_style"]


class _MemoryWriter(WorksheetWriter):  # type: ignore[misc]  # openpyxl ships no types
    """openpyxl's sheet writer, writing into memory: openpyxl otherwise writes every
    write-only sheet to a temporary file and deletes it once zipped, five files a
    workbook, each a create, a write, a read and a delete on disk (3 ms of wall time
    apiece on this machine's ext4)."""

    def __init__(self, ws: Any) -> None:
        super().__init__(ws, out=BytesIO())

    def cleanup(self) -> None:
        """Drop the written sheet (openpyxl would delete its temporary file here)."""
        self.out = BytesIO()


class MemorySheet(WriteOnlyWorksheet):  # type: ignore[misc]  # openpyxl ships no types
    """A write-only worksheet whose XML is written into memory (:class:`_MemoryWriter`),
    not to a temporary file. Its large row sets are spliced in by the zip writer, so
    what stays in memory is the sheet's frame and its few unspliced rows."""

    def _get_writer(self) -> None:
        if getattr(self, "_writer", None) is None:
            writer = _MemoryWriter(self)
            writer.write_top()
            self._writer = writer


def add_sheet(workbook: Any, title: str) -> MemorySheet:
    """``workbook.create_sheet(title)`` for a write-only workbook, as a :class:`MemorySheet`."""
    sheet = MemorySheet(parent=workbook, title=title)
    workbook._add_sheet(sheet)
    return sheet


def copy_style(cell: Any) -> StyleArray:
    """A copy of the style indices openpyxl keeps on ``cell`` (fonts, fills, alignment,
    number format as indices into the workbook's tables)."""
    return StyleArray(cell._style)


def set_style(cell: Any, style: StyleArray) -> None:
    """Give ``cell`` a copy of ``style``: one assignment instead of one per attribute."""
    cell._style = StyleArray(style)


class UndatedProperties(DocumentProperties):  # type: ignore[misc]  # openpyxl ships no types
    """Core properties written without ``dcterms:created``/``modified``: openpyxl always
    writes both (the clock's time when unset); an undated report's workbook has none."""

    # openpyxl's metaclass lists only a class's own descriptors: a subclass inherits none
    __attrs__ = DocumentProperties.__attrs__
    __nested__ = DocumentProperties.__nested__
    __elements__ = DocumentProperties.__elements__
    __namespaced__ = DocumentProperties.__namespaced__

    def to_tree(self, tagname: str | None = None, idx: int | None = None,
                namespace: str | None = None) -> Any:
        tree = super().to_tree(tagname, idx, namespace)
        for child in list(tree):
            if child.tag in (f"{{{DCTERMS_NS}}}created", f"{{{DCTERMS_NS}}}modified"):
                tree.remove(child)
        return tree


def drop_dates(workbook: Any) -> None:
    """Give ``workbook`` core properties that carry no creation or modification date."""
    undated = UndatedProperties()
    undated.__dict__.update(workbook.properties.__dict__)
    workbook.properties = undated


class TextChart(ChartBase):  # type: ignore[misc]  # openpyxl ships no types
    """A chart whose part is XML composed by the caller: openpyxl places it (anchor,
    drawing, relationships, content type) as any chart, and writes ``xml`` as its part.
    ChartBase's own set-up (legend, plot area, axes) is skipped: nothing reads it, since
    ``_write``, the one method that would serialise it, returns the composed XML."""

    def __init__(self, xml: str, width: float, height: float) -> None:
        self._xml = xml
        self.width, self.height = width, height

    def _write(self) -> Any:
        return fromstring(self._xml)
