"""Readers turn input bytes into a :class:`~exporter.model.Report`.

A report is either plain text (UTF-8, UTF-16 or GB18030, as Chinese government sites
serve it) or a model JSON file such as ``exporter parse`` writes. Plain text gets its
figures extracted here; a model file keeps the figures it carries.
"""

from __future__ import annotations

import hashlib
from pathlib import PurePath
from typing import TYPE_CHECKING

from ..mapper import Mapper
from ..model import Report

if TYPE_CHECKING:
    from ..figures.indicators import Catalogue


def looks_like_model_json(data: bytes) -> bool:
    """True when the bytes start (after a BOM and blanks) with a JSON object."""
    head = data[:64].lstrip(b"\xef\xbb\xbf").lstrip()
    return head.startswith(b"{")


def read_report(data: bytes, name: str, *, extract_figures: bool = True,
                mapper: Mapper | None = None, indicators: Catalogue | None = None) -> Report:
    """Read a report from its bytes; ``name`` is used in error messages and metadata.
    A ``mapper`` may share a large report's figure extraction (see :mod:`exporter.mapper`);
    ``indicators`` is the catalogue of standard indicators (the shipped one by default)."""
    if looks_like_model_json(data):
        from .model_json import read_model_json

        return read_model_json(data, name)
    from .decode import decode_text
    from .text import parse_text

    report = parse_text(decode_text(data, name), name=name)
    report.meta.source_name = PurePath(name).name
    report.meta.source_sha256 = hashlib.sha256(data).hexdigest()
    if extract_figures:
        from ..figures import extract_figures as extract

        report.figures = extract(report, mapper, catalogue=indicators)
    return report
