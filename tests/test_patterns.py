"""The compiled-pattern cache: a later process gets exactly the patterns ``re`` would
compile, ready before its modules load, and a damaged cache is only a cache."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

#: Patterns of the kinds the readers and the figure grammar use: a large CJK class, named
#: groups, a lookbehind, bytes, flags.
PATTERNS = [
    (r"(?P<org>[㐀-䶿一-鿿豈-﫿]{0,20}?)(?P<pos>主任|局长)$", 0),
    (r"(?<=[，；])\s+(?=[一-鿿])", 0),
    (r"</?(?:p|div)\b[^>]*>", 2),  # re.IGNORECASE
    (rb"^\s*<(html|head)[\s>/]", 2),
    (r"(\d+)(?:\.(\d+))?%", 0),
]

#: Run in a new interpreter: load the cache, then report for each pattern whether
#: ``re.compile`` got it from the file, whether it equals a fresh compile (pattern,
#: flags and program) and what it finds; optionally store what was compiled anew.
PROBE = """
import json, re, sys
from pathlib import Path
from re import _compiler
from exporter._patterns import PatternCache

cache = PatternCache.load(Path(sys.argv[1]))
cache.install()
loaded = len(cache.programs)
out = []
for pattern, flags in json.loads(sys.argv[2]):
    if pattern.startswith("b:"):
        pattern = pattern[2:].encode()
    served = cache.served
    compiled = re.compile(pattern, flags)
    from_cache = cache.served == served + 1
    fresh = _compiler.compile(pattern, flags)
    sample = "主任局长，  一二 <DIV class=x> 12.5%" if isinstance(pattern, str) else b" <HTML>"
    out.append([from_cache, compiled == fresh, compiled.groupindex == fresh.groupindex,
                [m.group(0) if isinstance(m.group(0), str) else m.group(0).decode()
                 for m in compiled.finditer(sample)]])
if sys.argv[3] == "save":
    cache.save_new()
print(json.dumps({"loaded": loaded, "patterns": out}))
"""


def _probe(cache_dir: Path, save: bool) -> Any:
    patterns = [("b:" + p.decode() if isinstance(p, bytes) else p, f) for p, f in PATTERNS]
    done = subprocess.run([sys.executable, "-c", PROBE, str(cache_dir), json.dumps(patterns),
                           "save" if save else "-"], capture_output=True, text=True, check=True,
                          env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[1])})
    return json.loads(done.stdout)


def test_a_later_process_gets_the_same_patterns_from_the_cache(tmp_path: Path) -> None:
    first = _probe(tmp_path, save=True)
    assert first["loaded"] == 0
    assert [p[0] for p in first["patterns"]] == [False] * len(PATTERNS)
    assert len(list(tmp_path.glob("patterns-*.marshal"))) == 1
    second = _probe(tmp_path, save=False)
    assert second["loaded"] >= len(PATTERNS)
    for (cached, equal, groups, found), (_, _, _, expected) in zip(
            second["patterns"], first["patterns"]):
        assert cached and equal and groups
        assert found == expected
    assert any(found for *_, found in second["patterns"])


def test_a_damaged_cache_is_ignored_and_written_again(tmp_path: Path) -> None:
    _probe(tmp_path, save=True)
    (file,) = tmp_path.glob("patterns-*.marshal")
    data = bytearray(file.read_bytes())
    data[len(data) // 2] ^= 0xFF
    file.write_bytes(bytes(data))
    damaged = _probe(tmp_path, save=True)
    assert damaged["loaded"] == 0
    assert all(equal for _, equal, _, _ in damaged["patterns"])
    assert _probe(tmp_path, save=False)["loaded"] >= len(PATTERNS)


def test_an_unwritable_cache_folder_only_costs_the_speed(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    result = _probe(blocked / "cache", save=True)
    assert all(equal for _, equal, _, _ in result["patterns"])


def test_the_file_keeps_at_most_its_limit(tmp_path: Path, monkeypatch: Any) -> None:
    import re

    from exporter import _patterns

    monkeypatch.setattr(_patterns, "LIMIT", 3)
    cache = _patterns.PatternCache.load(tmp_path)
    for n in range(5):
        re.compile(f"limit{n}[一-鿿]+")
    cache.save_new()
    again = _patterns.PatternCache.load(tmp_path)
    assert len(again.programs) == 3
    re.compile("limit-more[一-鿿]+")
    again.save_new()
    assert len(_patterns.PatternCache.load(tmp_path).programs) == 3


def test_a_full_file_makes_room_for_held_patterns_by_dropping_those_nothing_holds(
        tmp_path: Path, monkeypatch: Any) -> None:
    import re

    from exporter import _patterns

    monkeypatch.setattr(re, "_cache", {})
    monkeypatch.setattr(_patterns, "LIMIT", 3)
    first = _patterns.PatternCache.load(tmp_path)
    for n in range(3):  # compiled once, by code that has since changed
        re.compile(f"stale{n}[一-鿿]+")
    first.save_new()

    def stored() -> set[str | bytes]:
        return {pattern for pattern, _ in _patterns.PatternCache.load(tmp_path).programs}

    monkeypatch.setattr(re, "_cache", {})  # a later process
    full = _patterns.PatternCache.load(tmp_path)
    re.compile("passing[一-鿿]+")  # compiled in passing: no room, and it evicts nothing
    full.save_new()
    assert stored() == {f"stale{n}[一-鿿]+" for n in range(3)}
    still_used = re.compile("stale0[一-鿿]+")
    added = re.compile("added[一-鿿]+")  # held, as a module's pattern is
    full.save_new()
    after = stored()
    assert len(after) == 3 and {still_used.pattern, added.pattern} <= after


def test_a_pattern_that_only_reorders_a_stored_one_never_has_the_file_rewritten(
        tmp_path: Path, monkeypatch: Any) -> None:
    """A pattern built from a set differs in every process (the order of its alternatives
    follows the hash seed): storing each would have every command rewrite the file. A
    pattern of the same characters that is not a reordering is stored."""
    import re

    from exporter import _patterns

    monkeypatch.setattr(re, "_cache", {})
    first = _patterns.PatternCache.load(tmp_path)
    held = [re.compile(r"\b(?:gi_frame|cr_code|tb_next)[一-鿿]+"), re.compile(r"(\d{4})-(\d{2})")]
    first.save_new()
    (file,) = tmp_path.glob("patterns-*.marshal")
    written = file.read_bytes()
    monkeypatch.setattr(re, "_cache", {})  # a later process, another hash seed
    later = _patterns.PatternCache.load(tmp_path)
    held += [re.compile(r"\b(?:tb_next|gi_frame|cr_code)[一-鿿]+")]
    later.save_new()
    assert file.read_bytes() == written
    held += [re.compile(r"(\d{2})-(\d{4})")]  # the same characters, another pattern
    later.save_new()
    assert (r"(\d{2})-(\d{4})", 0) in _patterns.PatternCache.load(tmp_path).programs
    assert all(held)


def test_one_new_pattern_a_module_holds_makes_room_in_a_full_file(
        tmp_path: Path, monkeypatch: Any) -> None:
    """A small change of the code (one pattern) is stored too, in place of one nothing
    holds: otherwise every later command would compile it again."""
    import re

    from exporter import _patterns

    monkeypatch.setattr(re, "_cache", {})
    monkeypatch.setattr(_patterns, "LIMIT", 3)
    first = _patterns.PatternCache.load(tmp_path)
    for n in range(3):
        re.compile(f"old{n}[一-鿿]+")
    first.save_new()
    monkeypatch.setattr(re, "_cache", {})
    full = _patterns.PatternCache.load(tmp_path)
    changed = re.compile("changed[一-鿿]+")
    full.save_new()
    stored = {pattern for pattern, _ in _patterns.PatternCache.load(tmp_path).programs}
    assert len(stored) == 3 and changed.pattern in stored
