"""Reading inputs and writing outputs whole: the only file handling the CLI delegates."""

from __future__ import annotations

import os
import re
import stat
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
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):  # a FIFO or a device would block or never end
            raise InputError("is not a regular file (a pipe, socket or device)", source=name)
        size = info.st_size
        if size > max_bytes:
            raise InputError(f"is {size:,} bytes, over the input limit of {max_bytes:,} "
                             "(raise it with --max-input)", source=name)
        with path.open("rb") as stream:  # the file may have grown since: read one byte more
            data = stream.read(min(size, max_bytes) + 1)
    except PermissionError:
        raise InputError("permission denied", source=name) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", source=name) from None
    if len(data) > max_bytes:
        raise InputError(f"is over the input limit of {max_bytes:,} bytes", source=name)
    if len(data) > size:
        raise InputError("changed while it was read", source=name)
    return data


_UNSAFE = re.compile(r"[^\w.\-]+")
#: Most bytes of an output stem: with ``.docx`` it stays within the 255 bytes a file name
#: may have on common file systems (80 Chinese characters are 240 bytes).
_STEM_BYTES = 245
#: Most bytes of an output's name kept in its temporary file's name.
_TEMP_NAME_BYTES = 100


def _clip_bytes(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` UTF-8 bytes, on a character boundary."""
    return text.encode("utf-8")[:limit].decode("utf-8", "ignore")


def output_stem(input_path: Path) -> str:
    """A safe file stem from an input's name: no separators, no leading dots, never empty,
    short enough for a file name."""
    stem = unicodedata.normalize("NFC", input_path.stem)
    stem = _UNSAFE.sub("-", stem).strip("-.")
    return _clip_bytes(stem, _STEM_BYTES) or "report"


def partial_name(target: Path, tag: str) -> Path:
    """The temporary file ``target`` is written to before it is renamed into place:
    hidden, beside it, ending in ``.part``, its name short whatever the target's."""
    return target.with_name(f".{_clip_bytes(target.name, _TEMP_NAME_BYTES)}.{tag}.part")


def remove_partials(target: Path) -> None:
    """Remove the temporary files any build left for ``target`` (after an interrupt)."""
    stem = f".{_clip_bytes(target.name, _TEMP_NAME_BYTES)}."
    try:
        leftovers = [p for p in target.parent.iterdir()
                     if p.name.startswith(stem) and p.name.endswith(".part")]
    except OSError:
        return
    for path in leftovers:
        path.unlink(missing_ok=True)


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


def _cannot_write(target: Path, exc: OSError) -> OutputError:
    return OutputError(f"cannot write: {exc.strerror or exc}", source=str(target))


def write_partial(target: Path, tag: str, write: Callable[[BinaryIO], None]) -> Path:
    """Write a file destined for ``target`` into its temporary file (:func:`partial_name`)
    and return that file's path; :func:`commit` renames it into place. Any failure
    (a full disk included) removes the temporary file; a file system's refusal is an
    :class:`OutputError`."""
    temp = partial_name(target, tag)
    try:
        temp.unlink(missing_ok=True)  # left by a killed build of the same tag
        handle = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
    except OSError as exc:
        raise _cannot_write(target, exc) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            write(stream)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise _cannot_write(target, exc) from None
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return temp


def commit(temp: Path, target: Path) -> None:
    """Rename a written temporary file onto ``target``; a symlink there is replaced, never
    followed. A folder, an immutable file or a read-only place is an OutputError."""
    try:
        if target.is_dir() and not target.is_symlink():
            raise IsADirectoryError(21, "a folder is in the way")
        os.replace(temp, target)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise _cannot_write(target, exc) from None


def write_atomic(target: Path, write: Callable[[BinaryIO], None]) -> None:
    """Write a file whole or not at all: into a temporary file beside it, then rename."""
    commit(write_partial(target, str(os.getpid()), write), target)
