"""Figure extraction (placeholder until the figures module lands)."""

from __future__ import annotations

from ..model import Figure, Report


def extract_figures(report: Report) -> list[Figure]:
    """Every figure of the report in reading order."""
    return []
