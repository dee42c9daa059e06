"""Turn the bytes of a plain-text report into one string with ``\\n`` line ends.

Chinese government sites serve UTF-8 (with or without a BOM), UTF-16 with a BOM, or
GB18030/GBK. A BOM settles the question; otherwise strict UTF-8 is tried and, failing
that, charset-normalizer chooses among the Chinese encodings. Binary files and bytes no
encoding explains are refused with an :class:`InputError` naming the file. Scraped pages
often carry a few stray control characters (a bell, an escape, a vertical tab): they are
dropped with one warning; only text that is mostly control bytes is refused as binary.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable

from ..errors import InputError

#: Leading bytes of file types that are sometimes handed over by mistake.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or DOCX/XLSX)"),
    (b"PK\x05\x06", "a ZIP archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "an executable"),
)

#: BOMs in the order they must be tested (UTF-32 LE starts like UTF-16 LE).
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

#: Encodings charset-normalizer may choose from when the bytes are not UTF-8.
_CANDIDATES = ["gb18030", "big5"]

#: Control characters that never occur in a text report (tab, line and form feeds excepted).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
#: The share of control characters (of the first :data:`_SAMPLE` characters) above which
#: the text is binary rather than text with debris in it.
_BINARY_SHARE = 0.3
_SAMPLE = 65536

#: Line ends other than LF, each made one LF: CR LF, a lone CR, and Unicode's line and
#: paragraph separators and NEL. Replaced by ``str.replace`` after a test with ``in``:
#: both find a character at C speed, where a regular expression for them tests every
#: position of the text (most texts hold none of them, and took 16 ms per 1.5 MB).
_LINE_ENDS = ("\r\n", "\r", "\u2028", "\u2029", "\x85")


def decode_text(data: bytes, name: str, declared: str | None = None,
                warn: Callable[[str], None] | None = None) -> str:
    """The text of ``data`` with LF line ends, no BOM and no stray control characters;
    InputError when it is not text. ``declared`` is an encoding stated outside the bytes
    (a server's), tried first; ``warn`` hears once how many control characters were
    dropped."""
    if not data:
        raise InputError("file is empty", source=name)
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"is {kind}, not a text report", source=name)
    text = _declared(data, declared) or _decode(data, name)
    text = _lf_line_ends(text.replace("\ufeff", ""))
    if not text.strip():
        raise InputError("file holds only whitespace, no report text", source=name)
    sample = text[:_SAMPLE]
    if "\x00" in text or len(_CONTROL.findall(sample)) > _BINARY_SHARE * len(sample):
        raise InputError("looks like a binary file (control bytes), not a text report",
                         source=name)
    text, dropped = _CONTROL.subn("", text)
    if dropped and warn is not None:
        warn(f"{name}: dropped {dropped} stray control character(s)")
    return text


def _lf_line_ends(text: str) -> str:
    """``text`` with every line end LF (CR LF first, so it turns into one LF, not two).
    ``str.replace`` returns the text itself, after one scan, where there is none."""
    for end in _LINE_ENDS:
        text = text.replace(end, "\n")
    return text


def _declared(data: bytes, encoding: str | None) -> str | None:
    """``data`` decoded as the encoding declared for it (GB2312/GBK as GB18030), or None."""
    if not encoding or data.startswith(tuple(bom for bom, _ in _BOMS)):
        return None
    codec = python_codec(encoding)
    try:
        return data.decode(codec) if codec else None
    except (LookupError, UnicodeDecodeError):
        return None


def python_codec(encoding: str) -> str | None:
    """The codec to decode a declared encoding with, or None when the declaration is not to
    be trusted. GB2312 and GBK pages hold GB18030 characters often enough that the superset
    is always read; Latin-1 and its kin decode any bytes without error, and a server that
    names them for a Chinese report only states its own default."""
    squeezed = encoding.lower().replace("_", "").replace("-", "")
    if squeezed in ("gb2312", "gbk", "gb231280", "xgbk", "cp936", "euccn"):
        return "gb18030"
    if squeezed in ("iso88591", "latin1", "l1", "windows1252", "cp1252", "8859", "usascii"):
        return None
    return encoding


def _decode(data: bytes, name: str) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(f"undecodable bytes at offset {exc.start} "
                                 f"(the BOM says {encoding.upper()})", source=name) from None
    if b"\x00" in data:
        raise InputError("looks like a binary file (NUL bytes), not a text report", source=name)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    return _detect(data, name, first_bad)


def _detect(data: bytes, name: str, first_bad: int) -> str:
    """Let charset-normalizer pick a Chinese encoding; GB18030 wins whenever it fits."""
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data, cp_isolation=_CANDIDATES))
    chosen = next((m for m in matches if m.encoding == "gb18030"), None)
    if chosen is None and matches:
        chosen = matches[0]
    if chosen is None:
        raise InputError(f"undecodable bytes at offset {first_bad}: not UTF-8, UTF-16 or "
                         "GB18030 text", source=name)
    try:
        return data.decode(chosen.encoding)
    except UnicodeDecodeError as exc:
        raise InputError(f"undecodable bytes at offset {exc.start} "
                         f"(as {chosen.encoding.upper()})", source=name) from None
