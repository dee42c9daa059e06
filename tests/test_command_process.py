"""The process of one command (``exporter …``, ``python -m exporter …``): it ends without
tearing itself down, and with all its output and its exit status."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from exporter.cli import cli
from tests.conftest import untraced_env

#: A module run as ``__main__`` that imports ``main`` as the console script does, and
#: holds an object whose finalizer would speak if the interpreter tore the module down.
_PROGRAM = """
import sys
from exporter._program import main

class Witness:
    def __del__(self):
        sys.stderr.write("torn down\\n")

witness = Witness()
sys.argv = ["exporter", *sys.argv[1:]]
main()
"""


def _command(*args: str, program: str = _PROGRAM) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", program, *args], capture_output=True,
                          text=True, check=False, timeout=120, env=untraced_env())


def test_the_process_ends_at_once_with_every_line_of_its_output(sample_path: Path) -> None:
    """No teardown, nothing lost: the same lines as the command gives in process."""
    done = _command("figures", str(sample_path), "--format", "jsonl")
    in_process = CliRunner().invoke(cli, ["figures", str(sample_path), "--format", "jsonl"])
    assert done.returncode == 0, done.stderr
    assert done.stdout == in_process.stdout
    assert "torn down" not in done.stderr, "the interpreter tore the process down"


def test_a_failed_command_keeps_its_status_and_its_one_line(tmp_path: Path) -> None:
    done = _command("build", str(tmp_path / "missing.txt"), "--out", str(tmp_path))
    assert done.returncode == 2
    assert done.stderr.splitlines() == [f"exporter: {tmp_path / 'missing.txt'}: no such file"]


def test_an_exit_handler_registered_before_the_command_still_runs() -> None:
    """A host that registered an exit handler before calling ``main`` gets it run: the
    process then ends the ordinary way."""
    program = _PROGRAM.replace("main()", "import atexit\n"
                               "atexit.register(print, 'handler ran')\nmain()")
    done = _command("--version", program=program)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "handler ran"
    assert "torn down" in done.stderr


def test_pillow_loads_only_when_a_bitmap_is_read() -> None:
    """reportlab imports Pillow's Image at its top; a command that draws no bitmap never
    loads it, and one that reads a bitmap gets it whole."""
    probe = """
import io, sys
import exporter._program
import reportlab.lib.utils as utils
print(type(sys.modules["PIL.Image"]).__name__, "PIL._imaging" in sys.modules)
from PIL import Image
buffer = io.BytesIO()
Image.new("RGB", (3, 2)).save(buffer, "PNG")
print(utils.ImageReader(buffer).getSize())
"""
    done = _command(program=probe)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["_LazyModule False", "(3, 2)"]


def test_a_failure_while_keeping_the_caches_is_not_an_exit_0() -> None:
    """The command's status is recorded only once its caches are stored: an error there
    is reported (traceback, status 1), not swallowed by the quick exit."""
    program = _PROGRAM.replace("main()", "import exporter._startup as startup\n"
                               "def fail():\n    raise RuntimeError('disk gone')\n"
                               "startup.PATTERNS.save_new = fail\nmain()")
    done = _command("--version", program=program)
    assert done.returncode == 1
    assert "RuntimeError: disk gone" in done.stderr


def test_a_host_importing_the_command_line_keeps_the_standard_library() -> None:
    """Only the program installs the caches: importing ``exporter.cli`` to call the
    commands replaces nothing in ``dataclasses``, ``collections``, ``typing`` or ``re``."""
    probe = """
import collections, dataclasses, re, typing
import exporter.cli
print(hasattr(dataclasses, "exec"), hasattr(collections, "eval"), hasattr(typing, "compile"),
      "exporter._startup" in __import__("sys").modules)
"""
    done = _command(program=probe)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False", "False", "False", "False"]
