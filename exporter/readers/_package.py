"""Bounds on an untrusted ZIP package (DOCX) before any library unpacks it.

A DOCX is a ZIP of XML parts, and a hostile one can be a zip bomb (gigabytes from a few
kilobytes), hold thousands of parts, declare XML entities (an external entity reaching
for local files or the network, or a billion-laughs expansion) or nest elements without
end. Each limit is checked on the archive's directory and the parts' first bytes, and a
broken one is named in the error.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib

from ..errors import InputError

#: Most parts a report's package may hold.
MAX_PARTS = 2000
#: Most bytes all parts may unpack to, and one part alone.
MAX_UNPACKED = 200 * 2**20
MAX_PART = 100 * 2**20
#: Highest unpacked-to-packed ratio of a large part (real XML packs about 10:1).
MAX_RATIO = 200
_LARGE_PART = 2**20
#: Bytes of a part read to find its prolog (declarations and comments before the root).
_PROLOG = 65536
_ROOT = re.compile(rb"<[A-Za-z_]")
_DECLARATION = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)


def check_package(data: bytes, name: str) -> None:
    """InputError naming the limit when the package breaks one; silent when it is sound."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as exc:
        raise InputError(f"is not a readable DOCX package ({exc})", source=name) from None
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_PARTS:
            raise InputError(f"DOCX package holds {len(infos):,} parts, over the limit of "
                             f"{MAX_PARTS:,}", source=name)
        total = sum(info.file_size for info in infos)
        if total > MAX_UNPACKED:
            raise InputError(f"DOCX package unpacks to {total:,} bytes, over the limit of "
                             f"{MAX_UNPACKED:,} (a zip bomb?)", source=name)
        for info in infos:
            _check_part(archive, info, name)


def _check_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> None:
    if info.file_size > MAX_PART:
        raise InputError(f"DOCX part {info.filename} unpacks to {info.file_size:,} bytes, "
                         f"over the limit of {MAX_PART:,}", source=name)
    if info.file_size > _LARGE_PART and info.file_size > MAX_RATIO * max(info.compress_size, 1):
        raise InputError(f"DOCX part {info.filename} is compressed {info.file_size // max(info.compress_size, 1):,} "
                         f"to 1, over the limit of {MAX_RATIO} to 1 (a zip bomb?)", source=name)
    if not info.filename.endswith((".xml", ".rels")):
        return
    try:
        with archive.open(info) as part:
            head = part.read(_PROLOG)
    except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError, ValueError,
            EOFError, zlib.error) as exc:
        raise InputError(f"DOCX part {info.filename} cannot be unpacked ({exc})",
                         source=name) from None
    root = _ROOT.search(head)
    if root is None and len(head) == _PROLOG:
        raise InputError(f"DOCX part {info.filename} has no element in its first "
                         f"{_PROLOG:,} bytes", source=name)
    if _DECLARATION.search(head[: root.start() if root else len(head)]):
        raise InputError(f"DOCX part {info.filename} declares a DOCTYPE or XML entities "
                         "(external or expanding entities are refused)", source=name)
