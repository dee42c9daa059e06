"""Reading inputs and writing outputs whole: the only file handling the CLI delegates."""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from .errors import InputError, OutputError

DEFAULT_MAX_INPUT = 50 * 1024 * 1024


def read_input(path: Path, max_bytes: int = DEFAULT_MAX_INPUT) -> bytes:
    """The bytes of an input file, or an InputError naming the file and the problem."""
    name = str(path)
    if not path.exists():
        raise InputError("no such file", source=name)
    if path.is_dir():
        raise InputError("is a directory, not a report file", source=name)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(f"is {size:,} bytes, over the input limit of {max_bytes:,} "
                             "(raise it with --max-input)", source=name)
        with path.open("rb") as stream:
            data = stream.read(max_bytes + 1)
    except PermissionError:
        raise InputError("permission denied", source=name) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", source=name) from None
    if len(data) > max_bytes:
        raise InputError(f"is over the input limit of {max_bytes:,} bytes", source=name)
    return data


_UNSAFE = re.compile(r"[^\w.\-]+")


def output_stem(input_path: Path) -> str:
    """A safe file stem from an input's name: no separators, no leading dots, never empty."""
    stem = unicodedata.normalize("NFC", input_path.stem)
    stem = _UNSAFE.sub("-", stem).strip("-.")
    return stem[:120] or "report"


def check_out_dir(out_dir: Path) -> None:
    """Create ``out_dir`` if needed; fail clearly when it is a file or not writable."""
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError("--out is a file, not a folder", source=str(out_dir))
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create output folder: {exc.strerror or exc}",
                          source=str(out_dir)) from None
    if not os.access(out_dir, os.W_OK | os.X_OK):
        raise OutputError("output folder is not writable", source=str(out_dir))


def write_atomic(target: Path, write: Callable[[BinaryIO], None]) -> None:
    """Write a file whole or not at all: into a temporary file beside it, then rename.

    A symlink at ``target`` is replaced by the new file, never followed.
    """
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part",
                                             dir=target.parent)
    except OSError as exc:
        raise OutputError(f"cannot write: {exc.strerror or exc}", source=str(target)) from None
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "wb") as stream:
            write(stream)
        os.chmod(temp, 0o644)
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
