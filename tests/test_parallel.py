"""The fork helpers: a child's result or error comes back, nothing blocks on a large
payload, a killed child does no work and dies with its parent, and shared-out jobs are each taken once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from exporter._parallel import Flag, Forked, WorkQueue, fork_map, resident_bytes, shared_map
from exporter.errors import InputError
from tests.conftest import untraced_env

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")


def test_child_returns_its_result() -> None:
    child: Forked[list[str]] = Forked.start(None, lambda value: [f"got {value}"])
    child.send(41)
    assert child.wait() == ["got 41"]


def test_child_is_working_until_it_answers() -> None:
    """``working`` only looks: true while the child waits on its work, false once it
    has answered, and the answer is still collected by ``wait``."""
    gate_r, gate_w = os.pipe()
    child: Forked[bytes] = Forked.start(None, lambda value: os.read(gate_r, 1))
    child.send(None)
    assert child.working()
    os.write(gate_w, b"x")
    deadline = time.monotonic() + 10
    while child.working() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert not child.working()
    assert child.wait() == b"x"
    os.close(gate_r)
    os.close(gate_w)


_RESIDENT = """
import sys
from exporter._parallel import release_free_memory

def resident():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS"))

blocks = [bytearray(2000) for _ in range(40_000)]  # 80 MB from malloc's heap
keep = bytearray(2000)  # above them: the heap's top cannot shrink on its own
del blocks
before = resident()
release_free_memory()
print(before - resident())
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_resident_bytes_sees_memory_in_use() -> None:
    before = resident_bytes()
    block = bytearray(b"x" * (40 << 20))  # 40 MB, written so every page is resident
    assert resident_bytes() - before >= 35 << 20
    del block


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc_trim")
def test_freed_heap_goes_back_to_the_system() -> None:
    """Freed memory below a live block stays resident until it is released."""
    done = subprocess.run([sys.executable, "-c", _RESIDENT], capture_output=True, text=True,
                          check=True, env=untraced_env())
    assert int(done.stdout) > 60_000  # kB: most of the 80 MB freed


def test_child_exporter_error_keeps_its_class_and_message() -> None:
    def fail(value: object) -> list[str]:
        raise InputError("cannot render", source="report.txt")

    child = Forked.start(None, fail)
    child.send("x")
    with pytest.raises(InputError) as caught:
        child.wait()
    assert str(caught.value) == "report.txt: cannot render"


def test_child_crash_comes_back_with_its_traceback_as_a_note() -> None:
    def crash(value: object) -> list[str]:
        return [str(1 / 0)]

    child = Forked.start(None, crash)
    child.send(None)
    with pytest.raises(ZeroDivisionError) as caught:
        child.wait()
    notes = "\n".join(getattr(caught.value, "__notes__", []))
    assert "Traceback" in notes and "crash" in notes


def test_child_killed_before_anything_is_sent_does_no_work(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    child = Forked.start(None, lambda value: marker.write_text("x"))
    child.kill()
    assert not marker.exists()


def test_child_killed_while_working_stops_at_once(tmp_path: Path) -> None:
    marker = tmp_path / "late"

    def slow(value: object) -> None:
        time.sleep(1.5)
        marker.write_text("x")

    child = Forked.start(None, slow)
    child.send(None)
    started = time.perf_counter()
    child.kill()
    assert time.perf_counter() - started < 1.0
    time.sleep(1.8)
    assert not marker.exists()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_child_dies_with_its_parent(tmp_path: Path) -> None:
    """A parent killed outright (no handler runs) takes its forked child with it."""
    marker = tmp_path / "late"
    script = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from exporter._parallel import Forked\n"
        "def work(value):\n"
        "    time.sleep(1.5)\n"
        f"    Path({str(marker)!r}).write_text('x')\n"
        "child = Forked.start(None, work)\n"
        "child.send(None)\n"
        "print(child.pid, flush=True)\n"
        "time.sleep(30)\n")
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True,
                              env=untraced_env())
    assert parent.stdout is not None
    child_pid = int(parent.stdout.readline())
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    time.sleep(2.0)
    assert not marker.exists()
    state = Path(f"/proc/{child_pid}/stat")
    assert not state.exists() or state.read_text().split(")")[1].split()[0] in "ZX"


def test_large_payload_does_not_block_the_parent() -> None:
    payload = "汉" * (4 << 20)  # far larger than a pipe buffer
    child = Forked.start(None, lambda value: len(value))
    child.send(payload)
    assert child.wait() == len(payload)


def test_fork_map_keeps_order_and_runs_items_elsewhere() -> None:
    here = os.getpid()
    results = fork_map(lambda n: (n * n, os.getpid() == here), [1, 2, 3])
    assert [value for value, _ in results] == [1, 4, 9]
    assert [local for _, local in results] == [True, False, False]


def test_fork_map_raises_a_childs_error_after_reaping_all() -> None:
    def work(n: int) -> int:
        if n == 2:
            raise InputError("bad part", source="x.txt")
        return n

    with pytest.raises(InputError, match="bad part"):
        fork_map(work, [1, 2, 3])
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)  # no child left behind


def test_work_queue_gives_each_job_to_exactly_one_process() -> None:
    count = 50
    queue = WorkQueue(count)
    try:
        child = Forked.start(None, lambda _: list(iter(queue.take, None)))
        child.send(None)
        mine = list(iter(queue.take, None))
        theirs = child.wait()
        assert queue.take() is None  # all taken
    finally:
        queue.close()
    assert sorted(mine + theirs) == list(range(count))
    assert not set(mine) & set(theirs)


def test_shared_map_keeps_order_and_shares_uneven_work(tmp_path: Path) -> None:
    import time

    def work(n: int) -> tuple[int, int]:
        # Every item waits (up to 10 s) until both processes have begun taking items, so
        # a busy machine that starts the child late cannot let the parent take them all.
        (tmp_path / str(os.getpid())).touch()
        deadline = time.monotonic() + 10
        while len(list(tmp_path.iterdir())) < 2 and time.monotonic() < deadline:
            time.sleep(0.005)
        time.sleep(0.05 if n % 7 == 0 else 0.001)  # a few items far slower than the rest
        return n * n, os.getpid()

    results = shared_map(work, 60)
    assert [value for value, _ in results] == [n * n for n in range(60)]
    assert len({pid for _, pid in results}) == 2  # both processes took items


def test_shared_map_raises_the_first_error_and_leaves_no_child() -> None:
    def work(n: int) -> int:
        if n == 5:
            raise InputError("bad item", source="x.txt")
        return n

    with pytest.raises(InputError, match="bad item"):
        shared_map(work, 20)
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)



def test_shared_map_waits_for_a_free_core_before_forking(tmp_path: Path) -> None:
    """With a flag, every item is this process's until the flag is raised (here by the
    work itself at item 10, as a build's parent raises it when its formats are done);
    from then a child shares the rest; unraised, no child is ever forked."""
    flag = Flag()
    try:
        def work(n: int) -> tuple[int, int]:
            if n == 10:
                flag.raise_()
            (tmp_path / str(os.getpid())).touch()
            deadline = time.monotonic() + 10  # both processes take items (see above)
            while n > 10 and len(list(tmp_path.iterdir())) < 2 and time.monotonic() < deadline:
                time.sleep(0.005)
            time.sleep(0.002)
            return n * n, os.getpid()

        results = shared_map(work, 40, core_free=flag)
    finally:
        flag.close()
    assert [value for value, _ in results] == [n * n for n in range(40)]
    assert {pid for _, pid in results[:11]} == {os.getpid()}
    assert len({pid for _, pid in results[11:]}) == 2

    unraised = Flag()
    try:
        alone = shared_map(lambda n: os.getpid(), 20, core_free=unraised)
    finally:
        unraised.close()
    assert alone == [os.getpid()] * 20
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)  # no child was forked, none is left


def test_shared_map_works_on_alone_when_the_system_refuses_a_fork(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The helper is only a speed-up: a fork refused (EAGAIN under a process limit or
    ENOMEM under strict overcommit, neither of which a root test process can provoke)
    leaves every item to this process instead of failing the build."""
    def refused() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", refused)
    fds = Path("/proc/self/fd")  # Linux's view of the open descriptors
    open_before = len(os.listdir(fds)) if fds.exists() else 0
    assert shared_map(lambda n: (n * n, os.getpid()), 12) == [(n * n, os.getpid())
                                                               for n in range(12)]
    if fds.exists():
        assert len(os.listdir(fds)) == open_before  # the pipes made for it are closed


def test_shared_map_raises_the_childs_error_as_its_own(tmp_path: Path) -> None:
    """An item failing in the child comes back as that error (the child reaped once),
    not as a failure to clean up after it."""
    parent = os.getpid()

    def work(n: int) -> int:
        (tmp_path / str(os.getpid())).touch()
        deadline = time.monotonic() + 10  # both processes take items (see above)
        while len(list(tmp_path.iterdir())) < 2 and time.monotonic() < deadline:
            time.sleep(0.005)
        if os.getpid() != parent:
            raise InputError("bad item in the child", source="x.txt")
        time.sleep(0.002)
        return n

    with pytest.raises(InputError, match="bad item in the child"):
        shared_map(work, 20)
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)
