"""The figure list as text: JSON Lines, JSON, CSV or a terminal table (``exporter figures``).

Every format but the table carries every field of :class:`~exporter.model.Figure`, in the
model's order, as UTF-8 (never ``\\u`` escapes). The table pads by display width
(wcwidth), so CJK columns line up in a terminal.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from wcwidth import wcswidth, wcwidth

from .errors import InputError
from .model import FIGURE_FIELDS, Report

TABLE_COLUMNS: tuple[str, ...] = ("id", "text", "unit", "base_value", "base_unit",
                                  "qualifier", "change", "kind", "period", "metric")
_TABLE_MAX_WIDTH = 28
#: Leading characters that make a spreadsheet read a CSV cell as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def format_figures(report: Report, fmt: str) -> str:
    """The report's figures in ``fmt`` (``table``, ``jsonl``, ``json`` or ``csv``)."""
    return format_records([figure.record() for figure in report.figures], (), fmt)


def format_records(rows: list[dict[str, Any]], leading: tuple[str, ...], fmt: str) -> str:
    """Figure records in ``fmt``, each led by the ``leading`` columns (the report columns
    of a listing of many reports) before the figure's fields."""
    if fmt == "jsonl":
        return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        return _csv(rows, leading + FIGURE_FIELDS)
    if fmt == "table":
        return _table(rows, leading + TABLE_COLUMNS)
    raise InputError(f"unknown figure list format {fmt!r} (table, jsonl, json or csv)")


def _csv(rows: list[dict[str, Any]], columns: tuple[str, ...]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_csv_cell(row[name]) for name in columns])
    return out.getvalue()


def _csv_cell(value: Any) -> Any:
    """Report text stays text: a cell that would start a formula gets a leading quote."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return _number(value) if isinstance(value, float) else value


def _number(value: float) -> str:
    """A float without a spurious ``.0`` or exponent noise (``12000``, ``0.163``)."""
    return f"{value:.12g}" if not value.is_integer() else str(int(value))


def _cell(value: Any) -> str:
    if value is None:
        return ""
    text = _number(value) if isinstance(value, float) else str(value)
    return _clip("".join(ch if ch.isprintable() else " " for ch in text), _TABLE_MAX_WIDTH)


def _clip(text: str, width: int) -> str:
    """``text`` cut to at most ``width`` display columns, an ellipsis marking the cut."""
    if _width(text) <= width:
        return text
    out, used = [], 0
    for ch in text:
        w = max(wcwidth(ch), 0)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def _width(text: str) -> int:
    width = wcswidth(text)
    return width if width >= 0 else sum(max(wcwidth(ch), 0) for ch in text)


def _table(rows: list[dict[str, Any]], columns: tuple[str, ...]) -> str:
    cells = [[_cell(row[name]) for name in columns] for row in rows]
    header = list(columns)
    widths = [max([_width(h)] + [_width(r[i]) for r in cells]) for i, h in enumerate(header)]
    lines = [_row(header, widths), _row(["-" * w for w in widths], widths)]
    lines.extend(_row(r, widths) for r in cells)
    lines.append(f"{len(rows)} figures")
    return "\n".join(lines) + "\n"


def _row(values: list[str], widths: list[int]) -> str:
    return "  ".join(v + " " * (w - _width(v)) for v, w in zip(values, widths)).rstrip()
