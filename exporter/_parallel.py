"""Work shared with forked processes, for the second core a single build would leave idle.

:class:`Forked` is a child that prepares while this process works, takes one object and
sends back one result; :func:`fork_map` runs a function over a few items with all but the
first in such children; :class:`WorkQueue` lets processes take jobs in turn, each job
once, and :func:`shared_map` runs a function over many items that way with one child.
Forking needs ``os.fork`` (POSIX); callers check :func:`can_fork` and otherwise do the
work in this process.
"""

from __future__ import annotations

import ctypes
import functools
import os
import pickle
import select
import signal
import sys
import threading
import traceback
from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from .errors import ExporterError

T = TypeVar("T")
R = TypeVar("R")


def can_fork() -> bool:
    """Whether work can go to a forked child here."""
    return hasattr(os, "fork")


def die_with_parent(parent: int) -> None:
    """Ask Linux to kill this (child) process when its parent (``parent``, the pid the
    parent had before it forked) dies, so a killed build's helpers never go on writing;
    elsewhere the parent's interrupt handling stops them. Called first thing in every
    forked child and pool worker: a parent that died before the request is seen by the
    child's new parent pid (read in the child, it would already be the reaper's)."""
    libc = _libc()
    if libc is None:
        return
    try:
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except AttributeError:
        return
    if os.getppid() != parent:  # the parent died before the request was made
        os._exit(1)


_PR_SET_PDEATHSIG = 1


def release_free_memory() -> None:
    """Give the heap's free pages back to the system (glibc's ``malloc_trim``). A format
    just written leaves its peak resident though its objects are freed (170 MB after a
    100x DOCX): returned while another process still renders, the build's summed peak
    falls by as much. Elsewhere than glibc's Linux, nothing is done."""
    trim = getattr(_libc(), "malloc_trim", None)  # glibc's; musl has none
    if trim is not None:
        trim(ctypes.c_size_t(0))


def resident_bytes() -> int:
    """This process's resident memory (RSS) in bytes; 0 where /proc cannot tell."""
    try:
        with open("/proc/self/statm", "rb") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


@functools.cache
def _libc() -> ctypes.CDLL | None:
    """Linux's C library, loaded once per process tree (a forked child inherits it)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(None, use_errno=True)
    except OSError:
        return None


def usable_cores() -> int:
    """Cores this process may run on."""
    return spare_cores() + 1


def spare_cores() -> int:
    """Cores beyond the one this process runs on."""
    try:
        return max(len(os.sched_getaffinity(0)) - 1, 0)
    except AttributeError:  # not on Linux
        return max((os.cpu_count() or 1) - 1, 0)


class Forked(Generic[R]):
    """A forked process that prepares, receives one object, works on it and reports back.

    The parent sends the object pickled (from a thread, so a large model never stalls
    it while the child is still preparing) or kills it. The child answers with what
    ``work`` returned or the exception it raised, and leaves with ``os._exit``: it runs
    no ``atexit`` handler, flushes no inherited buffer and prints nothing, so errors stay
    the parent's one-line messages. It dies with its parent (:func:`die_with_parent`).
    """

    def __init__(self, pid: int, inbox: int, outbox: int) -> None:
        self.pid, self.inbox, self.outbox = pid, inbox, outbox
        self._sender: threading.Thread | None = None

    @classmethod
    def start(cls, prepare: Callable[[], None] | None,
              work: Callable[[Any], R]) -> Forked[R]:
        """Fork; the child runs ``prepare``, then ``work`` on what it is sent, and exits."""
        pipes: list[int] = []
        try:
            pipes += os.pipe()
            pipes += os.pipe()
            parent = os.getpid()
            pid = os.fork()
        except OSError:  # no pipe or no fork: nothing is left open (see shared_map)
            for end in pipes:
                os.close(end)
            raise
        inbox_r, inbox_w, outbox_r, outbox_w = pipes
        if pid:
            os.close(inbox_r)
            os.close(outbox_w)
            return cls(pid, inbox_w, outbox_r)
        status = 0
        try:  # the child: never returns
            die_with_parent(parent)
            os.close(inbox_w)
            os.close(outbox_r)
            payload: tuple[str, object] | None = None
            try:
                if prepare is not None:
                    prepare()
                with os.fdopen(inbox_r, "rb") as inbox:
                    data = inbox.read()
                if data:  # nothing sent: the parent gave up on it
                    value = pickle.loads(data)
                    del data  # the pickled copy (8 MB for a 100x model) is not kept
                    payload = ("ok", work(value))
            except BaseException as exc:  # noqa: BLE001 - everything goes to the parent
                status, payload = 1, ("error", _portable(exc))
            with os.fdopen(outbox_w, "wb") as outbox:
                if payload is not None:
                    outbox.write(pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL))
        finally:
            os._exit(status)

    def send(self, value: Any) -> None:
        """Hand ``value`` to the child (once)."""
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        self._sender = threading.Thread(target=self._write, args=(data,), daemon=True)
        self._sender.start()

    def _write(self, data: bytes) -> None:
        try:
            with os.fdopen(self.inbox, "wb") as inbox:
                inbox.write(data)
        except BrokenPipeError:  # the child failed early; wait() reports why
            pass

    def working(self) -> bool:
        """Whether the child is still at its work: it has neither answered nor ended.
        (It only looks: :meth:`wait` still collects the answer.)"""
        readable, _, _ = select.select([self.outbox], [], [], 0)
        return not readable

    def wait(self) -> R:
        """What ``work`` returned, once the child ends; re-raise what it raised."""
        if self._sender is None:
            raise RuntimeError("wait() before send(): use kill()")
        self._sender.join()
        data = self._collect()
        try:
            kind, value = pickle.loads(data)
        except Exception:  # noqa: BLE001 - the child died before it could report
            raise RuntimeError("the worker process ended without a result") from None
        if kind == "error":
            raise value
        return value  # type: ignore[no-any-return]

    def kill(self) -> None:
        """Stop the child at once, whatever it is doing, and reap it (an interrupt, or a
        failure here that makes its work useless)."""
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        if self._sender is None:
            os.close(self.inbox)
        else:
            self._sender.join()  # its write fails at once: the reader is gone
        self._collect()

    def _collect(self) -> bytes:
        with os.fdopen(self.outbox, "rb") as outbox:
            data = outbox.read()
        os.waitpid(self.pid, 0)
        return data


def fork_map(work: Callable[[T], R], items: Sequence[T]) -> list[R]:
    """``[work(item) for item in items]``, the first item here and each other one in a
    forked child that inherits it (only the results are pickled back)."""
    def on(item: T) -> Callable[[object], R]:
        return lambda _: work(item)

    children = [Forked.start(None, on(item)) for item in items[1:]]
    try:
        for child in children:
            child.send(None)
        first = work(items[0]) if items else None
    except BaseException:
        for child in children:
            child.kill()
        raise
    results: list[R] = [first] if items else []  # type: ignore[list-item]
    failure: BaseException | None = None
    for child in children:  # every child is reaped, whatever another one did
        try:
            results.append(child.wait())
        except BaseException as exc:  # noqa: BLE001 - the first failure is raised below
            failure = failure or exc
    if failure is not None:
        raise failure
    return results


def shared_map(work: Callable[[int], R], count: int,
               core_free: Flag | None = None) -> list[R]:
    """``[work(i) for i in range(count)]``, the indices taken in turn by this process and
    a forked child, whichever is free: balanced however uneven the items are. With
    ``core_free``, the child is forked only once that flag is raised (another process of
    the build has finished and left its core), between two items; until then, and if it
    never is, this process takes them all; so it does if the fork fails, the helper being
    only a speed-up."""
    queue = WorkQueue(count)

    def drain(_: object = None) -> dict[int, R]:
        return {index: work(index) for index in iter(queue.take, None)}

    child: Forked[dict[int, R]] | None = None
    alone = False
    done: dict[int, R] = {}
    try:
        try:
            for index in iter(queue.take, None):
                if child is None and not alone and (core_free is None or core_free.raised()):
                    try:
                        child = Forked.start(None, drain)
                    except OSError:  # no fork now (memory, process limit): work on alone
                        alone = True
                    else:
                        child.send(None)
                done[index] = work(index)
        except BaseException:
            if child is not None:
                child.kill()
            raise
        if child is not None:  # its failure is raised here, the child already reaped
            done.update(child.wait())
    finally:
        queue.close()
    return [done[i] for i in range(count)]


def shared_items_map(work: Callable[[T], R], items: Sequence[T],
                     core_free: Flag | None = None) -> list[R]:
    """:func:`shared_map` over ``items``: a :class:`~exporter.mapper.Mapper` for pieces of
    uneven size."""
    return shared_map(lambda index: work(items[index]), len(items), core_free)


class Flag:
    """A one-way signal between a process and those it forks after making the flag:
    raised once by any of them, seen by all without waiting (a byte in a pipe)."""

    def __init__(self) -> None:
        self._read, self._write = os.pipe()
        self._raised = False

    def raise_(self) -> None:
        """Raise the flag (again: nothing more happens)."""
        if not self._raised:
            self._raised = True
            os.write(self._write, b"!")

    def raised(self) -> bool:
        """Whether any process has raised the flag."""
        if not self._raised:
            self._raised = bool(select.select([self._read], [], [], 0)[0])
        return self._raised

    def close(self) -> None:
        os.close(self._read)
        os.close(self._write)


class WorkQueue:
    """The indices ``0 … count-1``, taken in turn by the processes forked after the queue
    was made, each index by exactly one of them. The queue is a pipe of 4-byte indices
    whose write end is closed at once: a read of 4 bytes from a pipe is atomic, and an
    empty one reads as its end."""

    #: The most indices a queue holds: they must fit in a pipe's buffer.
    LIMIT = 4096

    def __init__(self, count: int) -> None:
        if count > self.LIMIT:
            raise ValueError(f"at most {self.LIMIT} items")
        self._read, write = os.pipe()
        os.write(write, b"".join(i.to_bytes(4, "big") for i in range(count)))
        os.close(write)

    def take(self) -> int | None:
        """The next index, or None when every index has been taken."""
        data = os.read(self._read, 4)
        return int.from_bytes(data, "big") if len(data) == 4 else None

    def close(self) -> None:
        os.close(self._read)


def _portable(exc: BaseException) -> BaseException:
    """``exc`` in a form that survives pickling: an :class:`ExporterError` as its own
    class with its full message; anything else with its traceback kept as a note (shown
    by ``--debug``), or as a RuntimeError naming it when its class does not pickle."""
    if isinstance(exc, ExporterError):
        clone = type(exc)(str(exc))
        return clone if _pickles(clone) else ExporterError(str(exc))
    exc.add_note("".join(traceback.format_exception(exc)).rstrip())
    return exc if _pickles(exc) else RuntimeError(f"{type(exc).__name__}: {exc}")


def _pickles(exc: BaseException) -> bool:
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:  # noqa: BLE001 - any failure means "no"
        return False
    return True
