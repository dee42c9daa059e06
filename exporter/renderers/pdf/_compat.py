"""Every use of reportlab's and fontTools' private internals, in one place (tested with
reportlab 5.1 and fontTools 4.68; ``pyproject.toml`` bounds them below 5.2 and 5). An
upgrade of either is checked here first."""

from __future__ import annotations

import hashlib
import os
import struct
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache, lru_cache
from typing import Any, Protocol

from reportlab import Version
from reportlab.lib.rl_accel import fp_str
from reportlab.lib.utils import TimeStamp
from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFDictionary,
    PDFInfo,
    PDFName,
    PDFStream,
    PDFString,
    PDFZCompress,
)
from reportlab.pdfbase.ttfonts import FF_NONSYMBOLIC, FF_SYMBOLIC

#: How many names and encoded strings the object writer remembers while it writes, and
#: the longest string it remembers (longer ones are a stream or a whole object).
_WRITER_MEMORY, _WRITER_SHORT = 8192, 64


@contextmanager
def remembered_names() -> Iterator[None]:
    """reportlab's ``PDFName`` and ``pdfdocEnc`` remembered while a document is written,
    and its ``format`` answering plain values (names, numbers, bytes) without its chain of
    type tests. The first two are pure functions of a short string, called for every
    dictionary key, name and number of every object (a page, an outline entry, a
    page-number form: thousands in a long document), and each re-escapes or re-encodes
    it through a Python-level codec; ``format`` is called for each of them (120,000 times
    for a long document). The module's own functions are restored afterwards."""
    saved = pdfdoc.PDFName, pdfdoc.pdfdocEnc
    encode, remembered = saved[1], lru_cache(maxsize=_WRITER_MEMORY)(saved[1])

    def encode_short(text: Any) -> Any:
        return remembered(text) if len(text) <= _WRITER_SHORT else encode(text)

    general = pdfdoc.format

    def format_element(element: Any, document: Any, toplevel: int = 0) -> Any:
        # pdfdoc.format's own answers for a str, an int, a float or bytes (three calls in
        # four); anything else, a bool or a str subclass too, goes through it.
        kind = type(element)
        if kind is str:
            return encode_short(element)
        if kind is int or kind is float:
            return encode_short(fp_str(element))
        if kind is bytes:
            return element
        return general(element, document, toplevel)

    pdfdoc.PDFName = lru_cache(maxsize=_WRITER_MEMORY)(saved[0])
    pdfdoc.pdfdocEnc = encode_short
    pdfdoc.format = format_element
    try:
        yield
    finally:
        pdfdoc.PDFName, pdfdoc.pdfdocEnc = saved
        pdfdoc.format = general


def canvas_document(canv: Any) -> Any:
    """The ``PDFDocument`` a canvas writes into (fonts are registered with it)."""
    return canv._doc


def drawing_form(canv: Any) -> bool:
    """Whether the canvas is inside ``beginForm``/``endForm`` (a form XObject's content)."""
    return canv._formData is not None


def shows_boundary(flowable: Any) -> bool:
    """Whether ``flowable`` asks for its boundary drawn (reportlab's debugging aid, which
    only ``Flowable.drawOn`` honours)."""
    return bool(getattr(flowable, "_showBoundary", None))


def draw_moved(canv: Any, flowable: Any, x: float, y: float, shrink: float,
               operators: str) -> None:
    """Write what ``Flowable.drawOn`` writes for ``flowable``, a drawing that changes no
    graphics state and shows no boundary: ``q``, the move to (x, y) aligned as
    ``drawOn`` aligns it, written as ``Canvas.translate`` writes it after a ``q``, the
    drawing's operators and ``Q``; the canvas's state is as it was, so nothing of it is
    saved or restored."""
    x = flowable._hAlignAdjust(x, shrink)
    canv._code.extend(("q", f"{fp_str(1, 0, 0, 1, x, y)} cm", operators, "Q"))


def page_has_content(canv: Any) -> bool:
    """Whether the current page holds operators not yet ended by ``showPage``."""
    return bool(canv._code)


def document_pages(canv: Any) -> list[Any]:
    """The document's ``PDFPage`` objects in page order, before saving."""
    return list(canv._doc.Pages.pages)


def subset_count(font: Any, doc: Any) -> int:
    """How many subsets of an embedded TrueType ``font`` the document ``doc`` holds."""
    return len(font.state[doc].subsets)


def label_stream(stream: Any, comment: str) -> None:
    """The comment reportlab writes before a stream object (as its own page streams have)."""
    stream.__Comment__ = comment


def pin_creation_time(canv: Any, epoch: int) -> None:
    """Stamp the document's creation and modification dates (and the ID derived from
    them) with ``epoch`` (UTC) instead of the clock."""
    stamp = TimeStamp(invariant=1)
    stamp.t = float(epoch)
    stamp.lt = time.gmtime(epoch)
    stamp.YMDhms = tuple(stamp.lt)[:6]
    stamp.dhh = stamp.dmm = 0
    canv._doc._timeStamp = stamp


class _UndatedInfo(PDFInfo):  # type: ignore[misc]  # reportlab ships no types
    """The document information dictionary of ``PDFInfo.format`` without its
    CreationDate and ModDate."""

    def format(self, document: Any) -> Any:
        values: dict[str, Any] = {
            key: PDFString(value) for key, value in (
                ("Title", self.title), ("Author", self.author), ("Producer", self.producer),
                ("Creator", self.creator), ("Subject", self.subject),
                ("Keywords", self.keywords))}
        values["Trapped"] = PDFName(self.trapped)
        return PDFDictionary(values).format(document)


def drop_dates(canv: Any) -> None:
    """Leave CreationDate and ModDate out of the document information (an undated file
    carries no date rather than an invented one); the file ID stays pinned."""
    undated = _UndatedInfo()
    undated.__dict__.update(canv._doc.info.__dict__)
    canv._doc.info = undated


class StreamStore(Protocol):
    """Where compressed font-subset streams are kept between builds (``fonts.py``)."""

    def get(self, key: str) -> tuple[bytes, int] | None:
        """The compressed stream and its uncompressed length stored under ``key``."""

    def put(self, key: str, data: bytes, length: int) -> None:
        """Keep ``data`` (compressed, ``length`` bytes uncompressed) under ``key``."""


class _Precompressed:
    """The stream filter of content already compressed as reportlab's own ``FlateDecode``
    filter compresses it: the same name in the file, the bytes left as they are."""

    pdfname = "FlateDecode"

    def encode(self, data: bytes) -> bytes:
        return data


_PRECOMPRESSED = _Precompressed()


def keep_subset_streams(font: Any, store: StreamStore) -> None:
    """Have the TrueType ``font`` embed each of its subsets from ``store`` when it holds
    it, else cut and compress it as reportlab does and keep it there: a subset of a
    cached font is cut (``makeSubset``) and compressed again by every build otherwise, the
    largest single cost of writing a short PDF (about 40 ms of the sample's). The object,
    its dictionary and its bytes are those of ``TTFontFace.addSubsetObjects``, which this
    repeats (reportlab 5.1) with the stream's source changed."""
    face = font.face
    plain = face.addSubsetObjects
    # The file as registered (reportlab has read it whole: it may be gone by the save).
    stat = os.stat(face.filename)
    source = (os.path.basename(face.filename), stat.st_size, stat.st_mtime_ns,
              face.subfontNameX, Version, zlib.ZLIB_RUNTIME_VERSION)

    def add_subset_objects(doc: Any, fontname: str, subset: list[int]) -> Any:
        if not doc.compression:
            return plain(doc, fontname, subset)
        key = hashlib.sha256(repr((source, subset)).encode()).hexdigest()
        stored = store.get(key)
        if stored is None:
            content = face.makeSubset(subset)
            stored = (PDFZCompress.encode(content), len(content))
            store.put(key, *stored)
        font_file = PDFStream()
        font_file.content, font_file.dictionary["Length1"] = stored
        font_file.filters = [_PRECOMPRESSED]
        font_file_ref = doc.Reference(font_file, f"fontFile:{face.filename}({fontname})")
        flags = (face.flags & ~FF_NONSYMBOLIC) | FF_SYMBOLIC
        descriptor = PDFDictionary({
            "Type": "/FontDescriptor",
            "Ascent": face.ascent,
            "CapHeight": face.capHeight,
            "Descent": face.descent,
            "Flags": flags,
            "FontBBox": PDFArray(face.bbox),
            "FontName": PDFName(fontname),
            "ItalicAngle": face.italicAngle,
            "StemV": face.stemV,
            "FontFile2": font_file_ref,
            "MissingWidth": face.defaultWidth,
        })
        return doc.Reference(descriptor, "fontDescriptor:" + fontname)

    face.addSubsetObjects = add_subset_objects


def forget_font(name: str) -> None:
    """Remove the TrueType font registered as ``name`` from reportlab's process-wide
    registries (the font table, the face table and the family mappings that
    ``registerFontFamily`` made for it); reportlab itself never lets a font go."""
    from reportlab.lib import fonts as families
    from reportlab.pdfbase import pdfmetrics

    font = pdfmetrics._fonts.pop(name, None)
    face = getattr(font, "face", None) if getattr(font, "_dynamicFont", False) else None
    if face is not None and pdfmetrics._dynFaceNames.get(face.name) is font:
        del pdfmetrics._dynFaceNames[face.name]
    family = name.lower()
    for key in [k for k, v in families._tt2ps_map.items() if k[0] == family or v == name]:
        del families._tt2ps_map[key]
    for key in [k for k, v in families._ps2tt_map.items() if k == family or v[0] == family]:
        del families._ps2tt_map[key]


@cache
def compiled_glyph_class() -> type[Any]:
    """:class:`CompiledGlyph`, made on first use: fontTools' table modules take 14 ms of a
    cold command to import, and only converting a font's glyphs needs them."""
    from fontTools.ttLib.tables._g_l_y_f import Glyph

    class CompiledGlyph(Glyph):  # type: ignore[misc]  # fontTools ships no types
        """A simple TrueType glyph kept in its compiled form. fontTools decompiles a glyph to
        recompute its bounds and compiles it again when it writes a font (most of the cost of
        a subset); this one answers from its header instead (its bounds, its contour and point
        counts, which the font's ``head``, ``maxp`` and ``hhea`` are computed from) and is
        written as it is. ``data`` must be what fontTools itself compiles for the glyph, with
        its bounds (``Glyph.compile(None, optimizeSize=False)``)."""

        def __init__(self, data: bytes) -> None:
            super().__init__(data)
            self.xMin = self.yMin = self.xMax = self.yMax = 0
            self.points = 0
            if data:
                header = struct.unpack(">hhhhh", data[:10])
                self.numberOfContours, self.xMin, self.yMin, self.xMax, self.yMax = header
                if self.numberOfContours > 0:  # the last contour's last point, counted from 0
                    end = 10 + 2 * self.numberOfContours
                    self.points = struct.unpack(">H", data[end - 2:end])[0] + 1

        def expand(self, glyfTable: Any) -> None:
            """Stay compiled: everything fontTools reads is known."""

        def recalcBounds(self, glyfTable: Any, *, boundsDone: Any = None) -> None:
            """The bounds in the header are the glyph's own."""

        def compile(self, glyfTable: Any, recalcBBoxes: bool = True, *, boundsDone: Any = None,
                    optimizeSize: bool = True) -> bytes:
            return getattr(self, "data", b"")

        def getMaxpValues(self) -> tuple[int, int]:
            return self.points, self.numberOfContours

        def isComposite(self) -> bool:
            return False

    return CompiledGlyph
