"""Regular expressions compiled once per Python and kept between commands.

A cold ``exporter build`` compiles about 300 patterns — the readers' and the figure
grammar's (large CJK character classes), reportlab's — and compiling them took about
0.13 s of CPU, a third of the sample's PDF build. What compiling gives is deterministic
for one Python: the program of opcodes ``re`` hands to ``_sre``. :class:`PatternCache`
keeps those programs in a file of the cache folder; the next command serves them to
``re`` before the modules that compile them are imported: when ``re`` does not have a
pattern in its own cache, it asks its compiler, and the compiler builds the pattern
object straight from the stored program (only the patterns the command uses, about 60
for ``exporter --help``, 300 for a PDF build), so every ``re.compile`` of the same
pattern, ours or a library's, returns at once.

Only exact copies are kept: a program is stored only when the pattern built from it
compares equal to the one ``re`` compiled (``Pattern.__eq__`` compares the pattern, the
flags and the whole program), and the file is keyed by the Python build and the ``_sre``
format, so another interpreter never reads it. This module uses ``re``'s private
compiler and cache (CPython 3.11–3.13 share them); where they differ it does nothing and
patterns compile as usual. The file is only a cache: a damaged one (its digest does not
match) is ignored and written again.
"""

from __future__ import annotations

import hashlib
import marshal
import re
import sys
from array import array
from functools import cache
from pathlib import Path
from typing import Any

from .cachedir import read_sealed, write_sealed

try:
    import _sre  # type: ignore[import-not-found]
    from re import _compiler, _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - not CPython
    _sre = None

#: One pattern's key in ``re``'s cache: (type, pattern, flags).
Key = tuple[type, str | bytes, int]
#: What ``_sre.compile`` takes — pattern, flags, code, groups, groupindex, indexgroup —
#: with the code (a list of opcodes, large character classes as bitmaps) as the bytes of
#: an array of ``_sre.CODESIZE``-byte words: a list of ints reads back many times slower.
Program = tuple[Any, ...]

#: The most programs the file keeps: the patterns every command compiles (about 300 for
#: a PDF build, 370 for three formats), others' (the figure listing, the check, the
#: comparison) and some that the figure grammar makes from a report's measure words,
#: with room for a change of the code; past the limit new ones are compiled as before.
#: Every command reads the whole file (and checks its digest): 1.3 KB a program.
LIMIT = 600
#: Bump when what the file stores changes.
_FILE_FORMAT = 3
#: Flags whose patterns ``re`` does not cache, or whose meaning depends on the locale.
_UNCACHED = re.DEBUG | re.LOCALE


def _format_tag() -> str | None:
    """What a stored program depends on: the interpreter build and ``_sre``'s format
    (None where this module cannot work)."""
    cache = getattr(re, "_cache", None)
    if _sre is None or not isinstance(cache, dict):
        return None
    build = (f"{_FILE_FORMAT}|{sys.version}|{sys.implementation.cache_tag}|{_sre.MAGIC}|"
             f"{_sre.CODESIZE}")
    return hashlib.sha256(f"{build}|{sys.maxunicode}".encode()).hexdigest()[:16]


class PatternCache:
    """The compiled programs of one cache file, served to ``re``'s compiler."""

    def __init__(self, file: Path | None) -> None:
        self.file = file
        #: Marshalled programs by (pattern, flags), the pattern's type that of the
        #: pattern: each is read back only when ``re`` compiles its pattern.
        self.programs: dict[tuple[str | bytes, int], bytes] = {}
        #: How many patterns the file gave this process.
        self.served = 0

    @classmethod
    def load(cls, cache_dir: Path) -> PatternCache:
        """The programs stored under ``cache_dir``; none when the file is missing or
        damaged."""
        tag = _format_tag()
        cache = cls(cache_dir / f"patterns-{tag}.marshal" if tag else None)
        if cache.file is None:
            return cache
        body = read_sealed(cache.file)
        if body is None:
            return cache
        try:
            programs = marshal.loads(body)
        except (ValueError, EOFError, TypeError):
            return cache
        if isinstance(programs, dict):
            cache.programs = programs
        return cache

    def install(self) -> None:
        """Serve the stored programs to ``re``'s compiler from now on in this process."""
        if self.programs:
            _compiler.compile = self._compile(_compiler.compile)

    def _compile(self, compile: Any) -> Any:
        """``re``'s compiler ``compile``, answering from the file where it can."""

        def compile_or_rebuild(pattern: Any, flags: int = 0) -> Any:
            stored = self.programs.get((pattern, flags)) \
                if isinstance(pattern, (str, bytes)) and isinstance(flags, int) else None
            if stored is not None:
                try:
                    rebuilt = _rebuild(marshal.loads(stored))
                except (ValueError, EOFError, TypeError, RuntimeError):
                    pass
                else:
                    self.served += 1
                    return rebuilt
            return compile(pattern, flags)

        return compile_or_rebuild

    def save_new(self) -> None:
        """Store the programs of patterns compiled since :meth:`load` that it did not
        have (the first command after an install or upgrade; a new kind of input). When
        the file is full, a new pattern that something in this process holds (a module's
        compiled pattern, needed by every command that imports it) takes the place of a
        stored one that nothing holds: a pattern the code no longer compiles (left in a
        full file, those kept every new one out, and a cold build compiled them again each
        time) or one compiled in passing. A pattern compiled in passing is stored only
        where there is room, so commands never take turns evicting each other's. A
        pattern that only reorders the alternatives of a stored one is never stored: it
        is built from a set (reportlab builds one), whose order changes with Python's
        hash seed, so it differs in every process and would have every command rewrite
        the file."""
        if self.file is None:
            return
        cache = re._cache  # type: ignore[attr-defined]
        fresh = [key for key in list(cache) if key[1:] not in self.programs]
        if fresh:
            reordered = _reorderings(fresh, self.programs)
            fresh = [key for key in fresh if key not in reordered]
        if not fresh:  # the common case: every pattern came from the file
            return
        probe = {0: object()}
        bare = _references(probe[0])  # a value only a dict holds
        held = {key for key in list(cache) if _references(cache.get(key)) > bare}
        fresh.sort(key=lambda key: key not in held)  # held ones first
        kept = self.programs
        over = len(kept) + sum(1 for key in fresh if key in held) - LIMIT
        if over > 0:
            unheld = [key for key in kept if (type(key[0]), *key) not in held]
            dropped = set(unheld[:over])
            kept = {key: program for key, program in kept.items() if key not in dropped}
        room = LIMIT - len(kept)
        new: dict[tuple[str | bytes, int], bytes] = {}
        for key in fresh:
            if len(new) >= room:
                break
            if program := _program(key, cache.get(key)):
                new[key[1:]] = marshal.dumps(program)
        if not new:
            return
        try:
            body = marshal.dumps({**kept, **new})
        except ValueError:  # a program marshal cannot write: it is only a cache
            return
        if write_sealed(self.file, body, make_folder=True):
            self.programs = {**kept, **new}


def _references(value: object) -> int:
    """How many references ``value`` has, counted as :meth:`PatternCache.save_new` counts
    a pattern's (a pattern only ``re``'s cache holds has as many as a value only a dict
    holds). None counts as held by nothing: a stored pattern ``re`` has already dropped."""
    return 0 if value is None else sys.getrefcount(value)


def _reorderings(fresh: list[Key], stored: dict[tuple[str | bytes, int], bytes]) -> set[Key]:
    """The keys of ``fresh`` whose pattern only reorders the alternatives of a stored
    pattern (:func:`_same_alternatives`)."""
    sizes = {(kind, flags, len(pattern)) for kind, pattern, flags in fresh}
    shapes: dict[tuple[type, int, int, str | bytes], list[str | bytes]] = {}
    for pattern, flags in stored:
        if (type(pattern), flags, len(pattern)) in sizes:  # sorted only where it may match
            shapes.setdefault((type(pattern), flags, len(pattern), _sorted(pattern)),
                              []).append(pattern)
    return {key for key in fresh if any(
        _same_alternatives(key[1], other)
        for other in shapes.get((key[0], key[2], len(key[1]), _sorted(key[1])), ()))}


def _sorted(pattern: str | bytes) -> str | bytes:
    """The characters of ``pattern`` in order, the same for any reordering of it."""
    return "".join(sorted(pattern)) if isinstance(pattern, str) else bytes(sorted(pattern))


def _same_alternatives(one: Any, other: Any) -> bool:
    """Whether ``one`` and ``other`` differ only in the order of a run of alternatives:
    the same text before and after it (cut where a group opens or an alternative
    starts or ends), the same alternatives in it. A pattern taken for a reordering
    is only compiled as usual, never served wrongly."""
    if one == other:
        return False
    bar, opening, closing = ("|", "(:|", ")|") if isinstance(one, str) else (b"|", b"(:|", b")|")
    head = 0
    while one[head] == other[head]:
        head += 1
    tail = len(one)
    while one[tail - 1] == other[tail - 1]:
        tail -= 1
    while head and one[head - 1:head] not in opening:
        head -= 1
    while tail < len(one) and one[tail:tail + 1] not in closing:
        tail += 1
    alternatives = one[head:tail].split(bar)
    return len(alternatives) > 1 and sorted(alternatives) == sorted(other[head:tail].split(bar))


def _program(key: Key, compiled: Any) -> Program | None:
    """What ``_sre.compile`` needs to rebuild ``compiled`` exactly, or None when the
    rebuilt pattern would differ (or ``key`` is not a plain cached pattern)."""
    kind, pattern, flags = key if isinstance(key, tuple) and len(key) == 3 else (None, None, 0)
    if kind not in (str, bytes) or not isinstance(flags, int) or flags & _UNCACHED:
        return None
    try:
        parsed = _parser.parse(pattern, flags)
        code = array(_word(), _compiler._code(parsed, flags)).tobytes()
        groupindex = dict(parsed.state.groupdict)
        indexgroup: list[str | None] = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        program = (pattern, flags | parsed.state.flags, code, parsed.state.groups - 1,
                   groupindex, tuple(indexgroup))
        rebuilt = _rebuild(program)
    except Exception:  # noqa: BLE001 - a private API that changed: keep compiling
        return None
    return program if rebuilt == compiled else None


def _rebuild(program: Program) -> Any:
    """The pattern object of a stored program."""
    pattern, flags, code, *groups = program
    return _sre.compile(pattern, flags, array(_word(), code).tolist(), *groups)


@cache
def _word() -> str:
    """The array type code of one ``_sre`` code word (asked at every pattern rebuilt)."""
    return next(code for code in "IL" if array(code).itemsize == _sre.CODESIZE)
