"""The code the standard library writes and compiles at run time, compiled once per
Python and kept between commands.

``@dataclass`` writes the source of each class's ``__init__``, ``__repr__``, ``__eq__``
(and more for frozen classes) and compiles it with ``exec``: about 200 functions for the
classes a PDF build defines (the model, themes, options, the renderers' own), 20 ms of
CPU — more than reading and extracting the sample's figures together.
``collections.namedtuple`` compiles each tuple's constructor with ``eval`` (28 in a PDF
build, 1.8 ms) and ``typing`` each forward reference (a ``NamedTuple``'s annotation)
with ``compile`` (33, 0.6 ms). Python keeps the bytecode of modules (``.pyc``), not of
this source. :class:`GeneratedCode` keeps it: the source's code object, keyed by the
mode and the source text itself, in a file of the cache folder. Once installed, the
``exec``, ``eval`` and ``compile`` those three modules call (their module's global
name, which shadows the builtin) run or give the stored code object when the text is
the same, and compile as before when not; the classes get the same functions either way.

Compiling is deterministic for one Python: the file is keyed by the interpreter build and
bytecode version, so another interpreter never reads it, and a code object is stored only
when it reads back equal to what was compiled. The file is only a cache: a damaged one
(its digest does not match) is ignored and written again.
"""

from __future__ import annotations

import hashlib
import marshal
import sys
from pathlib import Path
from types import CodeType
from typing import Any

from .cachedir import read_sealed, write_sealed

#: What a stored code object is compiled from: (mode, source text).
Source = tuple[str, str]
#: The most sources the file keeps: a PDF build compiles about 260, three formats and
#: the other commands some more. A full file makes room for new ones by dropping those
#: this process did not use; past the limit the rest compile as before.
LIMIT = 1000
#: Bump when what the file stores changes.
_FILE_FORMAT = 2


class GeneratedCode:
    """The compiled code of one cache file, served to the modules that compile source."""

    def __init__(self, file: Path) -> None:
        self.file = file
        #: Marshalled code objects by (mode, source text), as read from the file: each is
        #: read back only when the source is compiled.
        self.stored: dict[Source, bytes] = {}
        #: Sources this process took from the file.
        self.used: set[Source] = set()
        #: What this process compiled anew and may store.
        self.new: dict[Source, bytes] = {}

    @classmethod
    def load(cls, cache_dir: Path) -> GeneratedCode:
        """The code stored under ``cache_dir``; none when the file is missing or
        damaged."""
        tag = hashlib.sha256(f"{_FILE_FORMAT}|{sys.version}|{sys.implementation.cache_tag}|"
                             f"{marshal.version}".encode()).hexdigest()[:16]
        cache = cls(cache_dir / f"generated-{tag}.marshal")
        body = read_sealed(cache.file)
        try:
            stored = marshal.loads(body) if body is not None else None
        except (ValueError, EOFError, TypeError):
            stored = None
        if isinstance(stored, dict):
            cache.stored = stored
        return cache

    def install(self) -> None:
        """Serve the code ``dataclasses``, ``collections.namedtuple`` and ``typing``'s
        forward references compile, from now on in this process."""
        import collections
        import typing

        collections.eval = self.eval  # type: ignore[attr-defined]
        typing.compile = self.compile  # type: ignore[attr-defined]
        # Only now: its imports (inspect, dis) define named tuples and compile patterns,
        # which exporter._startup makes ready first.
        import dataclasses

        dataclasses.exec = self.exec  # type: ignore[attr-defined]

    def exec(self, source: Any, namespace: dict[str, Any] | None = None,
             names: dict[str, Any] | None = None, /) -> None:
        """``exec`` as ``dataclasses`` calls it, with ``source`` compiled once."""
        code = self._code(source, "exec") if isinstance(source, str) else source
        exec(code, namespace, names)  # noqa: S102 - what dataclasses runs, unchanged

    def eval(self, source: Any, namespace: dict[str, Any] | None = None,
             names: dict[str, Any] | None = None, /) -> Any:
        """``eval`` as ``namedtuple`` calls it, with ``source`` compiled once."""
        code = self._code(source, "eval") if isinstance(source, str) else source
        return eval(code, namespace, names)

    def compile(self, source: Any, filename: Any, mode: str, flags: int = 0,
                dont_inherit: bool = False, optimize: int = -1, **options: Any) -> Any:
        """``compile`` as ``typing`` calls it, a plain source compiled once."""
        if isinstance(source, str) and filename == "<string>" and mode == "eval" \
                and not flags and optimize == -1 and not options:
            return self._code(source, mode)
        return compile(source, filename, mode, flags, dont_inherit, optimize, **options)

    def _code(self, source: str, mode: str) -> CodeType:
        key = (mode, source)
        stored = self.stored.get(key)
        if stored is not None:
            try:
                kept = marshal.loads(stored)
            except (ValueError, EOFError, TypeError):  # not what this file format stores
                kept = None
            if isinstance(kept, CodeType):
                self.used.add(key)
                return kept
            del self.stored[key]  # compiled and stored again below
        code = compile(source, "<string>", mode, dont_inherit=True)
        data = marshal.dumps(code)
        if marshal.loads(data) == code:
            self.new[key] = data
        return code

    def save_new(self) -> None:
        """Store what this process compiled anew (the first command after an install or
        upgrade, a command that defines classes others do not). A full file keeps the
        code this process used, then the rest in its order, up to the limit."""
        if not self.new:
            return
        room = LIMIT - len(self.new)
        kept = sorted(self.stored, key=lambda source: source not in self.used)[:max(room, 0)]
        merged = {**{source: self.stored[source] for source in kept},
                  **dict(list(self.new.items())[:LIMIT])}
        if write_sealed(self.file, marshal.dumps(merged), make_folder=True):
            self.stored, self.new = merged, {}
