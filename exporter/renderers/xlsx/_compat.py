"""Every use of openpyxl's private internals, in one place (tested with openpyxl 3.1;
``pyproject.toml`` bounds it below 3.2). An openpyxl upgrade is checked here first."""

from __future__ import annotations

from typing import Any

from openpyxl.styles.cell_style import StyleArray
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

__all__ = ["WriteOnlyWorksheet", "copy_style", "set_style"]


def copy_style(cell: Any) -> StyleArray:
    """A copy of the style indices openpyxl keeps on ``cell`` (fonts, fills, alignment,
    number format as indices into the workbook's tables)."""
    return StyleArray(cell._style)


def set_style(cell: Any, style: StyleArray) -> None:
    """Give ``cell`` a copy of ``style``: one assignment instead of one per attribute."""
    cell._style = StyleArray(style)
