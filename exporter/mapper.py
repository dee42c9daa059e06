"""How the library lets its caller spread work: an optional ``map``-like callable.

Library code that has independent pieces of work (a large report's paragraphs, a long
PDF's pages) hands them to a :class:`Mapper` when it is given one and maps them in order
itself otherwise. Which processes run the pieces is decided only by the application
layer (``build``), which builds its mappers from :mod:`exporter._parallel`; the results
are the same whichever mapper runs them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol, TypeVar

T = TypeVar("T")
R = TypeVar("R")


class Mapper(Protocol):
    """``[work(item) for item in items]``, however the caller chooses to run it."""

    def __call__(self, work: Callable[[T], R], items: Sequence[T], /) -> list[R]: ...


def in_order(work: Callable[[T], R], items: Sequence[T], /) -> list[R]:
    """The mapper used when none is given: every item here, one after another."""
    return [work(item) for item in items]
