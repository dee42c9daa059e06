"""The program's first import (:mod:`exporter._program`): compiled patterns, and the code
the standard library compiles at run time (dataclass methods, named tuples, forward
references), made ready before any module that needs them is imported; and Pillow's
``Image``, which reportlab imports at its top, made to load only when a bitmap (a theme's
logo) is drawn.

Importing click alone compiles 13 patterns, the command line's own imports (the input
handling, the content choice) 28 more: loaded after them, the cache (:mod:`._patterns`)
came too late for all 41 and a cold command compiled them anew each time (about 19 ms of
CPU). The program imports this module before anything else, so loading the cache is the
first thing every command does. Only the program does: a host that imports
:mod:`exporter.cli` to call the commands keeps the standard library as it is.
"""

from __future__ import annotations

import importlib.util
import sys

from ._generated import GeneratedCode
from ._patterns import PatternCache
from .cachedir import default_cache_dir

#: This command's compiled-pattern cache; :func:`exporter._program.main` stores what the
#: command compiled anew when it ends. Loaded before anything imports ``dataclasses``,
#: whose ``inspect`` and ``tokenize`` compile patterns at import.
PATTERNS = PatternCache.load(default_cache_dir())
PATTERNS.install()
#: The code ``dataclasses``, ``namedtuple`` and ``typing`` compile, served from the cache
#: before any of the command's modules needs them (:mod:`._generated`); stored as the
#: patterns are.
GENERATED = GeneratedCode.load(default_cache_dir())
GENERATED.install()


#: Modules a library imports at its top that a command seldom uses: reportlab's utilities
#: import Pillow's ``Image`` (8 ms of CPU) for bitmaps, which only a theme's logo needs.
#: Each loads on its first use instead (:func:`load_on_first_use`).
UNUSED_AT_START = ("PIL.Image",)


def load_on_first_use(name: str) -> None:
    """Make module ``name`` load when something first reads one of its attributes
    (``importlib.util.LazyLoader``), unless it is loaded already or cannot be found. Its
    parent package learns of it as an import would tell it, so ``from parent import
    name`` binds it without loading it; an ``import`` of it loads it."""
    if name in sys.modules:
        return
    try:
        spec = importlib.util.find_spec(name)
        if spec is None or spec.loader is None:
            return
        loader = importlib.util.LazyLoader(spec.loader)
    except (ImportError, ValueError, TypeError):  # not installed; a loader that cannot wait
        return
    spec.loader = loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    loader.exec_module(module)
    parent, _, child = name.rpartition(".")
    if parent:
        setattr(sys.modules[parent], child, module)


for _name in UNUSED_AT_START:
    load_on_first_use(_name)
