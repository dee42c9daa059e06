"""Where exporter keeps what it can rebuild: converted font subsets, compiled patterns."""

from __future__ import annotations

import os
from pathlib import Path


def default_cache_dir() -> Path:
    """``$XDG_CACHE_HOME/exporter`` or ``~/.cache/exporter``."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "exporter"
