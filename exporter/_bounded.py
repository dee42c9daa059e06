"""Bounded opening of an untrusted ZIP package of XML parts (DOCX, XLSX): the one set of
limits the DOCX reader and ``exporter check`` both apply.

A hostile package can be a zip bomb (a gigabyte from a few kilobytes, or a directory
that understates the sizes), hold thousands of parts, nest its XML without end or
declare entities (an external entity reaching for local files, a billion-laughs
expansion). Before any library unpacks it, :func:`check_package` refuses a directory
that declares too many parts or bytes, then reads every part as a stream, counting the
bytes really unpacked, and runs expat over each XML part to measure its depth; the first
limit broken is named in an :class:`InputError`. The parts are never kept: memory stays
at one chunk whatever the package holds. A library module of no layer: readers and the
application layer both import it.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from xml.parsers import expat

from .errors import InputError


@dataclass(frozen=True)
class Limits:
    """What a package may hold."""

    #: Most parts (files) in the archive.
    parts: int = 2000
    #: Most bytes all parts unpack to, together.
    unpacked: int = 200 * 2**20
    #: Deepest nesting of elements in any XML part.
    depth: int = 256


DEFAULT_LIMITS = Limits()
_CHUNK = 2**16


class _TooDeep(Exception):
    pass


class _Declares(Exception):
    pass


def check_package(source: bytes | Path, name: str, kind: str,
                  limits: Limits = DEFAULT_LIMITS) -> None:
    """InputError naming the limit ``source`` (the package's bytes or file) breaks; silent
    when it is within every limit. ``kind`` (``DOCX``, ``XLSX``) is used in messages."""
    stream = io.BytesIO(source) if isinstance(source, bytes) else source
    try:
        archive = zipfile.ZipFile(stream)
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as exc:
        raise InputError(f"is not a readable {kind} package ({exc})", source=name) from None
    with archive:
        infos = archive.infolist()
        if len(infos) > limits.parts:
            raise InputError(f"{kind} package holds {len(infos):,} parts, over the part-count "
                             f"limit of {limits.parts:,}", source=name)
        declared = sum(info.file_size for info in infos)
        if declared > limits.unpacked:  # honest about its size: refused before unpacking
            raise InputError(f"{kind} package declares {declared:,} unpacked bytes, over the "
                             f"uncompressed-size limit of {limits.unpacked:,}", source=name)
        budget = limits.unpacked
        for info in infos:
            budget -= _check_part(archive, info, name, kind, limits, budget)


def _check_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, kind: str,
                limits: Limits, budget: int) -> int:
    """Unpack one part as a stream within ``budget`` bytes, parsing it when it is XML;
    the bytes it unpacked to."""
    parser = _depth_parser(limits.depth) if info.filename.endswith((".xml", ".rels")) else None
    size = 0
    try:
        with archive.open(info) as part:
            while chunk := part.read(_CHUNK):
                size += len(chunk)
                if size > budget:
                    raise InputError(f"{kind} package unpacks to over {limits.unpacked:,} "
                                     f"bytes (the uncompressed-size limit; at part "
                                     f"{info.filename})", source=name)
                if parser is not None:
                    parser.Parse(chunk, False)
            if parser is not None:
                parser.Parse(b"", True)
    except _TooDeep:
        raise InputError(f"{kind} part {info.filename} nests XML elements over the depth "
                         f"limit of {limits.depth}", source=name) from None
    except _Declares:
        raise InputError(f"{kind} part {info.filename} declares a DOCTYPE or XML entities "
                         "(external or expanding entities are refused)", source=name) from None
    except expat.ExpatError as exc:
        raise InputError(f"{kind} part {info.filename} is not well-formed XML ({exc})",
                         source=name) from None
    except (zipfile.BadZipFile, zlib.error, OSError, RuntimeError, NotImplementedError, EOFError,
            ValueError) as exc:
        raise InputError(f"{kind} part {info.filename} cannot be unpacked ({exc})",
                         source=name) from None
    return size


def _depth_parser(limit: int) -> expat.XMLParserType:
    """An expat parser that raises at an element deeper than ``limit`` or a DOCTYPE."""
    parser = expat.ParserCreate()
    depth = 0

    def start(tag: str, attributes: object) -> None:
        nonlocal depth
        depth += 1
        if depth > limit:
            raise _TooDeep

    def end(tag: str) -> None:
        nonlocal depth
        depth -= 1

    def doctype(*args: object) -> None:
        raise _Declares

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = doctype
    return parser
