"""The ``exporter`` program: the console script and ``python -m exporter``.

The process is the command's, so it is made ready as a command's and no more: the
compiled patterns and the code the standard library compiles at run time come from the
cache before the command line's modules are imported (:mod:`._startup`; a host that
imports :mod:`exporter.cli` to call the commands gets none of it), the cycle collector is
paused while the process starts (the modules and options it loads live until the end),
what the command compiled anew is kept for the next one, and the process ends without
tearing itself down (:func:`_end_at_once`).
"""

from __future__ import annotations

# The collector is paused first: what the imports below make lives until the end.
import gc

gc.disable()

# isort: split
# Then, before click and the modules that compile patterns or define dataclasses.
from ._startup import GENERATED, PATTERNS

# isort: split
import atexit
import os
import sys

from .cli import run_as_command

#: The exit status the command ended with; None while it runs, or when it ended
#: otherwise than by ``sys.exit`` with a number (an uncaught error).
_EXIT_STATUS: int | None = None


def main() -> None:
    """Run one command as this process's work (the console script's entry point)."""
    global _EXIT_STATUS
    if _is_the_program():
        atexit.register(_end_at_once)  # the first exit handler, so the last to run
    try:
        try:
            run_as_command()
        finally:
            PATTERNS.save_new()
            GENERATED.save_new()
    except SystemExit as end:  # recorded only once the caches are saved: a failure or an
        if end.code is None or isinstance(end.code, int):  # interrupt there is reported
            _EXIT_STATUS = end.code or 0
        raise


def _is_the_program() -> bool:
    """Whether :func:`main` runs as the program: called by the module run as ``__main__``
    (the console script, ``python -m exporter``), before anything registered an exit
    handler (one registered earlier would run after :func:`_end_at_once`, that is never).
    ``atexit._ncallbacks`` is CPython's; without it the process ends the ordinary way."""
    ncallbacks = getattr(atexit, "_ncallbacks", None)
    return (getattr(sys.modules.get("__main__"), "main", None) is main
            and ncallbacks is not None and ncallbacks() == 0)


def _end_at_once() -> None:
    """End the command's process now, with its exit status, rather than after the
    interpreter has freed every module and object one by one (15–20 ms of the sample's
    cold build, work whose only effect is memory the system takes back at once). It is the
    last exit handler: every other one has run, and the interpreter has waited for the
    command's threads. It flushes the standard streams as the interpreter would; where
    one cannot be flushed, or the command ended with an uncaught error, the interpreter
    ends the process as usual and reports it."""
    if _EXIT_STATUS is None:
        return
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except (OSError, ValueError):
        return
    os._exit(_EXIT_STATUS)
