"""Page text drawn after layout, its pages finished in pieces a caller's mapper may share.

Turning laid-out text into PDF operators, and compressing the page streams, is about
half of a long PDF's time, and it needs nothing from the layout but each block's lines.
So during layout a text block (or a table part) puts a token into the page's content
instead of its operators. At save time every block first reserves its characters' subset
codes in document order, so the font subsets are complete and the encoding no longer
depends on who draws what; then the pages are cut into chunks whose tokens are replaced
and streams compressed, by the caller's mapper on a long document (see
:mod:`exporter.mapper`), and each page gets its finished stream. The bytes are the same
whoever finishes which chunk.

The finishing cannot start while the layout goes on (a child forked when the first pages
are laid out would have had the second core's idle second): a code is a character's
place in the order its font first meets it, and a chart drawn during layout gives its
labels codes before the primed body text gets any, so no page's codes are final before
the last page is laid out. Reserving each page's drawings as the page ends changes the
sample's PDF (tried: another sha256, --full and summary alike).
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence
from typing import Any, Protocol

from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFStream

from ...mapper import Mapper, in_order
from ._compat import label_stream
from ._text import TextWriter

_TOKEN = re.compile("\x00([0-9]+)\x00")
#: Pages finished as one piece of work (and taken by one process), at least; and the
#: most pieces a document is cut into.
_CHUNK, _MAX_CHUNKS = 8, 1024
#: Fewer pages than this are finished without the mapper: sharing would cost more than it saves.
_SHARED_MIN_PAGES = 64


class LateDrawing(Protocol):
    """Something whose operators can be made after layout."""

    def reserve(self, canv: Any) -> None:
        """Give every character this drawing shows its subset code now."""

    def content(self, canv: Any) -> str:
        """The PDF operators, drawn at the current origin."""


class LateContent:
    """The drawings of one document waiting for their operators."""

    def __init__(self) -> None:
        self.drawings: list[LateDrawing] = []
        #: A drawing's index by its identity, and how many tokens stand for it: a page's
        #: running header is one drawing put on every page.
        self._index: dict[int, int] = {}
        self._uses: list[int] = []

    def token(self, drawing: LateDrawing) -> str:
        """The placeholder for ``drawing`` in a page's content."""
        index = self._index.get(id(drawing))
        if index is None:
            index = self._index[id(drawing)] = len(self.drawings)
            self.drawings.append(drawing)
            self._uses.append(0)
        self._uses[index] += 1
        return f"\x00{index}\x00"

    def finish(self, canv: Any, pages: Sequence[Any], writer: TextWriter,
               mapper: Mapper | None) -> None:
        """Give every page its finished, compressed stream (pages as reportlab's
        ``PDFPage`` objects, whose ``stream`` still holds the tokens). ``writer`` is the
        document's text writer: once every drawing has reserved its codes, it is frozen,
        so a code missed would fail loudly rather than be given in one process only.
        A drawing on many pages has its operators made once per process. A ``mapper``,
        when given, shares the work on a long document."""
        for drawing in self.drawings:
            drawing.reserve(canv)
        writer.frozen = True
        streams = [page.stream or "" for page in pages]
        size = max(_CHUNK, -(-len(streams) // _MAX_CHUNKS))
        made: dict[int, str] = {}

        def operators(match: re.Match[str]) -> str:
            index = int(match[1])
            if self._uses[index] == 1:
                return self.drawings[index].content(canv)
            found = made.get(index)
            if found is None:
                found = made[index] = self.drawings[index].content(canv)
            return found

        def finished(chunk: int) -> list[bytes]:
            return [zlib.compress(_TOKEN.sub(operators, stream).encode("utf8"))
                    for stream in streams[chunk * size:(chunk + 1) * size]]

        chunks = -(-len(streams) // size)
        run: Mapper = (mapper if mapper is not None and len(streams) >= _SHARED_MIN_PAGES
                       else in_order)
        done = [data for part in run(finished, range(chunks)) for data in part]
        for page, data in zip(pages, done):
            # The stream as reportlab's own page compression writes it; the Filter entry
            # tells it the content is already encoded.
            stream = PDFStream(PDFDictionary({"Filter": PDFArray([PDFName("FlateDecode")])}),
                               content=data)
            label_stream(stream, "page stream")
            page.Contents = stream
        self.drawings.clear()
        self._index.clear()
        self._uses.clear()
