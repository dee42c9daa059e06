"""Every use of openpyxl's private internals, in one place (tested with openpyxl 3.1;
``pyproject.toml`` bounds it below 3.2). An openpyxl upgrade is checked here first."""

from __future__ import annotations

from typing import Any

from openpyxl.packaging.core import DocumentProperties
from openpyxl.styles.cell_style import StyleArray
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.xml.constants import DCTERMS_NS

__all__ = ["WriteOnlyWorksheet", "copy_style", "drop_dates", "set_style"]


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
