"""Where exporter keeps what it can rebuild (converted font subsets, compiled patterns,
compiled code), and how such a file is sealed: its body after the body's SHA-256, written
atomically, so a damaged, cut or half-written file reads as missing."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path


def default_cache_dir() -> Path:
    """``$XDG_CACHE_HOME/exporter`` or ``~/.cache/exporter``."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "exporter"


def read_sealed(path: Path) -> bytes | None:
    """The body of a file :func:`write_sealed` wrote; None when it is missing or damaged."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    return data[32:] if hashlib.sha256(data[32:]).digest() == data[:32] else None


def write_sealed(path: Path, body: bytes, make_folder: bool = False) -> bool:
    """Write ``body`` after its SHA-256 to ``path`` (:func:`write_atomic`), so that
    :func:`read_sealed` tells a damaged file from a whole one."""
    return write_atomic(path, hashlib.sha256(body).digest() + body, make_folder)


def write_atomic(path: Path, data: bytes, make_folder: bool = False) -> bool:
    """Write ``data`` to ``path`` whole or not at all: a unique file beside it, renamed into
    place, so processes writing at once leave one whole file. With ``make_folder`` the
    folder is made first; without, a folder that is gone (a build's private font folder,
    removed) stays gone. A missing, read-only or full folder is only a missed cache entry
    (False); on any failure, an interrupt included, nothing is left behind."""
    import tempfile  # only on a miss: the common command never writes

    temp: Path | None = None
    try:
        if make_folder:
            path.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
        temp = Path(name)
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temp, path)
    except BaseException as exc:
        if temp is not None:
            temp.unlink(missing_ok=True)
        if not isinstance(exc, OSError):
            raise
        return False
    return True
