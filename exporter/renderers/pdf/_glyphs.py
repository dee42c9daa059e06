"""CFF glyphs converted to TrueType outlines, kept in memory and on disk.

reportlab embeds only TrueType outlines, so every glyph a PDF takes from a CFF-based font
(Noto CJK, Source Han) is converted: its charstring interpreted and its cubic curves
turned into quadratic ones. That conversion is most of what a report with a character
set not seen before costs (about 1.5 CPU seconds for a provincial report against 0.4 s
for one whose subsets are cached), yet a glyph converts the same in every subset and
most characters recur from report to report. So each glyph is converted once per
machine: its compiled TrueType form is kept in a small SQLite file per font beside the
subsets (safe for parallel builds, which SQLite serialises), and in memory for the rest
of the process.

The cache is only a cache. Every record carries a digest of its bytes and a damaged one
is converted again; a file SQLite cannot read is replaced; when nothing can be written
the glyphs are converted as if there were no cache. The key names the font file (its
PostScript name, modification time, size and index) and the fontTools version, whose
conversion it stores, so a kept glyph is byte for byte what a fresh conversion gives.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections import OrderedDict
from collections.abc import Iterable
from contextlib import closing
from pathlib import Path
from typing import Any

from ._compat import compiled_glyph_class

#: At most this many converted glyphs stay in a process's memory (a few hundred bytes
#: each compiled; the 6,763 characters of GB 2312 in a regular and a bold face fit).
_MEMORY_LIMIT = 16_000
_memory: OrderedDict[tuple[str, str], bytes] = OrderedDict()
#: Bump when the stored form changes.
_FORMAT = 1
#: SQLite's limit on the parameters of one statement is 999 in older builds.
_CHUNK = 900
#: How long a build waits for another build's write to the same file (seconds).
_BUSY_TIMEOUT = 30.0


def _digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=8).digest()


def store_key(ps_name: str, font_ident: str) -> str:
    """The name of one font's glyph file: the font file's identity and the converter's
    version, so a fontTools upgrade starts a new file instead of mixing conversions."""
    import fontTools

    text = f"{_FORMAT}|{ps_name}|{font_ident}|{fontTools.version}"
    return hashlib.sha256(text.encode()).hexdigest()[:20]


class _DiskGlyphs:
    """One font's converted glyphs in ``folder/glyphs-KEY.sqlite``; every failure of the
    file is a miss, never an error of the build."""

    def __init__(self, folder: Path, key: str) -> None:
        self.path = folder / f"glyphs-{key}.sqlite"

    def _connect(self) -> sqlite3.Connection:
        connection = sqlite3.connect(self.path, timeout=_BUSY_TIMEOUT, isolation_level=None)
        connection.execute("CREATE TABLE IF NOT EXISTS glyph "
                           "(name TEXT PRIMARY KEY, digest BLOB, data BLOB) WITHOUT ROWID")
        return connection

    def read(self, names: list[str]) -> dict[str, bytes]:
        """The intact stored glyphs among ``names``."""
        found: dict[str, bytes] = {}
        try:
            with closing(self._connect()) as connection:
                for start in range(0, len(names), _CHUNK):
                    chunk = names[start:start + _CHUNK]
                    rows = connection.execute(
                        f"SELECT name, digest, data FROM glyph WHERE name IN ({','.join('?' * len(chunk))})",
                        chunk).fetchall()
                    found.update((name, data) for name, digest, data in rows if _digest(data) == digest)
        except sqlite3.OperationalError:  # locked past the timeout, unwritable: a miss
            return {}
        except sqlite3.DatabaseError:  # not a database (damaged): start it again
            self.path.unlink(missing_ok=True)
            return {}
        except sqlite3.Error:
            return {}
        return found

    def write(self, glyphs: dict[str, bytes]) -> None:
        """Keep ``glyphs`` (replacing damaged records of the same names)."""
        try:
            with closing(self._connect()) as connection:
                connection.execute("BEGIN IMMEDIATE")
                connection.executemany("INSERT OR REPLACE INTO glyph VALUES (?, ?, ?)",
                                       [(name, _digest(data), data) for name, data in sorted(glyphs.items())])
                connection.execute("COMMIT")
        except sqlite3.Error:
            pass  # only a cache: the glyphs are converted again next time


def converted_glyphs(source: Any, names: Iterable[str], key: str,
                     folder: Path | None) -> dict[str, Any]:
    """Compiled TrueType glyphs for ``names`` of the CFF font ``source`` (a fontTools
    ``TTFont``), converted only where neither this process nor ``folder`` has them yet."""
    wanted = sorted(set(names))
    compiled: dict[str, bytes] = {}
    missing: list[str] = []
    for name in wanted:
        data = _memory.get((key, name))
        if data is None:
            missing.append(name)
        else:
            _memory.move_to_end((key, name))
            compiled[name] = data
    disk = _DiskGlyphs(folder, key) if folder is not None else None
    if missing and disk is not None:
        stored = disk.read(missing)
        compiled.update(stored)
        _remember(key, stored)
        missing = [name for name in missing if name not in stored]
    if missing:
        fresh = _convert(source, missing)
        compiled.update(fresh)
        _remember(key, fresh)
        if disk is not None:
            disk.write(fresh)
    compiled_glyph = compiled_glyph_class()
    return {name: compiled_glyph(compiled[name]) for name in wanted}


def _remember(key: str, glyphs: dict[str, bytes]) -> None:
    for name, data in glyphs.items():
        _memory[(key, name)] = data
    while len(_memory) > _MEMORY_LIMIT:
        _memory.popitem(last=False)


def _convert(source: Any, names: list[str]) -> dict[str, bytes]:
    """Interpret each CFF charstring and draw it as quadratic TrueType contours (within one
    font unit of the cubic original, in TrueType's clockwise direction), compiled with its
    bounds as fontTools writes a font for speed (``OPTIMIZE_FONT_SPEED``, as the subsets
    are), so the bytes go into a subset unchanged."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    glyph_set = source.getGlyphSet()
    out: dict[str, bytes] = {}
    for name in names:
        pen = TTGlyphPen(None)
        glyph_set[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        out[name] = pen.glyph().compile(None, optimizeSize=False)
    return out
