"""The comparison's figures as CSV (UTF-8 with a BOM, which Excel on a Chinese Windows needs
to read it as UTF-8) and as JSON lines, for pandas and BI tools: one row per figure of
every report, led by the report columns ``region``, ``level``, ``year`` and ``source``."""

from __future__ import annotations

from typing import BinaryIO

from ..compare import REPORT_COLUMNS, Comparison, figure_rows
from ..listing import format_records

BOM = "\ufeff"


def render_csv(comparison: Comparison, out: BinaryIO) -> None:
    """Write ``comparison.csv`` to ``out``."""
    text = format_records(figure_rows(comparison.reports), REPORT_COLUMNS, "csv")
    out.write((BOM + text).encode("utf-8"))


def render_jsonl(comparison: Comparison, out: BinaryIO) -> None:
    """Write ``comparison.jsonl`` to ``out``."""
    out.write(format_records(figure_rows(comparison.reports), REPORT_COLUMNS, "jsonl").encode("utf-8"))
