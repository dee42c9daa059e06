"""The command line's first import: compiled patterns, and the compiled functions of
dataclasses, made ready before any module that compiles patterns or defines dataclasses
is imported.

Importing click alone compiles 13 patterns, the command line's own imports (the input
handling, the content choice) 28 more: loaded after them, as :func:`exporter.cli.main`
did, the cache (:mod:`._patterns`) came too late for all 41 and a cold command compiled
them anew each time (about 19 ms of CPU). ``exporter.cli`` imports this module before
anything else, so loading the cache is the first thing every command does.
"""

from __future__ import annotations

from ._generated import GeneratedCode
from ._patterns import PatternCache
from .cachedir import default_cache_dir

#: This command's compiled-pattern cache; :func:`exporter.cli.main` stores what the
#: command compiled anew when it ends.
PATTERNS = PatternCache.load(default_cache_dir())
#: The functions ``dataclasses`` writes, served compiled from the cache before any of the
#: command's classes is defined (:mod:`._generated`); stored as the patterns are.
GENERATED = GeneratedCode.load(default_cache_dir())
GENERATED.install()
