"""The cache of the functions ``dataclasses`` writes: a later process gets exactly the
functions ``dataclasses`` would compile, and a damaged or unwritable cache is only a
cache."""

from __future__ import annotations

import builtins
import dataclasses
import marshal
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from exporter import _generated
from exporter._generated import GeneratedCode

#: A frozen class with a default, a default factory and a field left out of ``__init__``:
#: ``__init__``, ``__repr__``, ``__eq__``, ``__hash__``, ``__setattr__``, ``__delattr__``.
_METHODS = ("__init__", "__repr__", "__eq__", "__hash__", "__setattr__", "__delattr__")


def _point(serve: Any, monkeypatch: pytest.MonkeyPatch, name: str = "Point") -> Any:
    """A new dataclass, its functions compiled through ``serve`` (``exec``'s stand-in);
    its fields are named after it, so that each name gives functions of its own."""
    monkeypatch.setattr(dataclasses, "exec", serve, raising=False)
    x, y = ("x", "y") if name == "Point" else (f"{name}_x", f"{name}_y")
    return dataclasses.make_dataclass(name, [
        (x, int), (y, int, dataclasses.field(default=0)),
        ("tags", tuple, dataclasses.field(default_factory=tuple)),
        ("note", str, dataclasses.field(default="", init=False))], frozen=True)


def test_a_later_process_gets_the_same_functions_from_the_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plain = _point(builtins.exec, monkeypatch)
    first = GeneratedCode.load(tmp_path)
    _point(first.exec, monkeypatch)
    assert not first.used and len(first.new) >= len(_METHODS)
    first.save_new()
    assert len(list(tmp_path.glob("generated-*.marshal"))) == 1

    later = GeneratedCode.load(tmp_path)
    served = _point(later.exec, monkeypatch)
    assert later.used == set(later.stored) and not later.new
    for name in _METHODS:
        assert getattr(served, name).__code__ == getattr(plain, name).__code__, name
    point = served(1)
    assert point == served(1, 0) and point != served(2)
    assert repr(point) == "Point(x=1, y=0, tags=(), note='')"
    assert hash(point) == hash(served(1, 0, ()))
    with pytest.raises(dataclasses.FrozenInstanceError):
        point.x = 3


def test_the_command_line_serves_dataclasses_from_the_cache(tmp_path: Path) -> None:
    """A command stores the functions it compiled; the next one compiles none of them."""
    probe = ("import sys, exporter._program, exporter._startup as s, exporter.model\n"
             "s.GENERATED.save_new()\n"
             "print(len(s.GENERATED.used), len(s.GENERATED.stored))")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    runs = [subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                           check=True, env=env).stdout.split() for _ in range(2)]
    assert runs[0][0] == "0"
    used, stored = map(int, runs[1])
    assert used > 20 and used == stored


def test_a_damaged_file_is_ignored_and_written_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = GeneratedCode.load(tmp_path)
    _point(first.exec, monkeypatch)
    first.save_new()
    (file,) = tmp_path.glob("generated-*.marshal")
    data = bytearray(file.read_bytes())
    data[len(data) // 2] ^= 0xFF
    file.write_bytes(bytes(data))
    damaged = GeneratedCode.load(tmp_path)
    assert damaged.stored == {}
    assert _point(damaged.exec, monkeypatch)(1).y == 0
    damaged.save_new()
    assert len(GeneratedCode.load(tmp_path).stored) == len(first.stored)


def test_a_sealed_file_holding_no_code_is_compiled_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A whole file (its digest holds) of another shape — a body that is no marshal
    data, or an entry that reads back as no code object — only costs the compile: the
    class still gets its functions, and the entry is stored anew."""
    from exporter.cachedir import write_sealed

    first = GeneratedCode.load(tmp_path)
    _point(first.exec, monkeypatch)
    first.save_new()
    (file,) = tmp_path.glob("generated-*.marshal")
    write_sealed(file, b"\xff not marshal")
    assert GeneratedCode.load(tmp_path).stored == {}
    write_sealed(file, marshal.dumps(
        {key: marshal.dumps("no code") for key in first.stored}))
    odd = GeneratedCode.load(tmp_path)
    point = _point(odd.exec, monkeypatch)
    assert point(1, 2) == point(1, 2) and repr(point(1)) == "Point(x=1, y=0, tags=(), note='')"
    assert not odd.used and set(odd.new) == set(first.stored)


def test_an_unwritable_cache_folder_only_costs_the_speed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    cache = GeneratedCode.load(blocked / "cache")
    assert _point(cache.exec, monkeypatch)(1).x == 1
    cache.save_new()
    assert cache.new and blocked.read_text() == "not a folder"


def test_a_full_file_keeps_what_the_process_used(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = GeneratedCode.load(tmp_path)
    _point(first.exec, monkeypatch, "Old")
    _point(first.exec, monkeypatch, "Kept")
    first.save_new()
    later = GeneratedCode.load(tmp_path)
    _point(later.exec, monkeypatch, "Kept")
    _point(later.exec, monkeypatch, "New")
    wanted = later.used | set(later.new)
    monkeypatch.setattr(_generated, "LIMIT", len(wanted))
    later.save_new()
    stored = set(GeneratedCode.load(tmp_path).stored)
    assert stored == wanted
    assert not any("Old" in text for _, text in stored)
    assert any("New" in text for _, text in stored) and any("Kept" in text for _, text in stored)


def test_named_tuples_and_forward_references_get_the_same_code_from_the_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import collections
    import typing

    def made(cache: GeneratedCode | None) -> tuple[Any, Any]:
        monkeypatch.setattr(collections, "eval", cache.eval if cache else builtins.eval,
                            raising=False)
        monkeypatch.setattr(typing, "compile", cache.compile if cache else builtins.compile,
                            raising=False)
        return (collections.namedtuple("Span", "start end", defaults=(0,)),
                typing.ForwardRef("dict[str, Span]"))

    plain_tuple, plain_reference = made(None)
    first = GeneratedCode.load(tmp_path)
    made(first)
    assert {mode for mode, _ in first.new} == {"eval"} and len(first.new) == 2
    first.save_new()
    later = GeneratedCode.load(tmp_path)
    span, reference = made(later)
    assert later.used == set(later.stored) and not later.new
    assert span.__new__.__code__ == plain_tuple.__new__.__code__
    assert reference.__forward_code__ == plain_reference.__forward_code__
    assert span(3) == (3, 0) and span(1, end=2).end == 2
    assert typing.ForwardRef("Span")._evaluate({"Span": span}, None, frozenset()) is span
    with pytest.raises(SyntaxError):  # typing's own error, as without the cache
        typing.ForwardRef("dict[")
