"""The build stamp the three files of one build record in their creator field: written
by :func:`exporter.build.stamped_version`, read back by ``exporter check`` to tell a
mixed set. One place for its form, so the writer and the reader cannot drift apart."""

from __future__ import annotations

import re

_PREFIX = "set "
_STAMP = re.compile(rf"\b{_PREFIX}([0-9a-f]{{16}})\b")


def stamped(tool_version: str, digest: str) -> str:
    """The creator text: the tool's version and the build's stamp (16 hex digits)."""
    return f"{tool_version} {_PREFIX}{digest[:16]}".strip()


def stamp_of(creator: object) -> str | None:
    """The build stamp in a document's creator field, or None when it has none."""
    found = _STAMP.search(str(creator or ""))
    return found.group(1) if found else None
