"""The PDF and XLSX rendered in a forked child while the parent writes the DOCX: same
bytes as one process, and the child's failures come back as the parent's own errors."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from exporter.build import BuildRequest, _Child, build_one
from exporter.errors import InputError

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")


def digests(paths: list[Path]) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in paths}


def test_split_build_writes_the_same_bytes(tmp_path: Path, sample_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir()
    two.mkdir()
    single = build_one(sample_path, BuildRequest(inputs=(), out_dir=one, full=True), False)
    split = build_one(sample_path, BuildRequest(inputs=(), out_dir=two, full=True), True)
    assert single.error is None and split.error is None
    assert [p.name for p in split.written] == [p.name for p in single.written]
    assert len(split.written) == 3
    assert digests(split.written) == digests(single.written)
    assert split.warnings == single.warnings


def test_split_build_of_an_unreadable_input_is_one_clean_error(tmp_path: Path) -> None:
    result = build_one(tmp_path / "missing.txt", BuildRequest(inputs=(), out_dir=tmp_path),
                       True)
    assert result.error is not None and "missing.txt" in result.error
    assert result.written == [] and list(tmp_path.iterdir()) == []


def test_child_returns_its_result() -> None:
    child = _Child.start(lambda: None, lambda value: [f"got {value}"])
    child.send(41)
    assert child.wait() == ["got 41"]


def test_child_exporter_error_keeps_its_class_and_message() -> None:
    def fail(value: object) -> list[str]:
        raise InputError("cannot render", source="report.txt")

    child = _Child.start(lambda: None, fail)
    child.send("x")
    with pytest.raises(InputError) as caught:
        child.wait()
    assert str(caught.value) == "report.txt: cannot render"


def test_child_crash_comes_back_with_its_traceback_as_a_note() -> None:
    def crash(value: object) -> list[str]:
        return [str(1 / 0)]

    child = _Child.start(lambda: None, crash)
    child.send(None)
    with pytest.raises(ZeroDivisionError) as caught:
        child.wait()
    notes = "\n".join(getattr(caught.value, "__notes__", []))
    assert "Traceback" in notes and "crash" in notes


def test_child_is_cancelled_when_nothing_is_sent(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    child = _Child.start(lambda: None, lambda value: [marker.write_text("x") and "ran"])
    assert child.wait(quiet=True) == []
    assert not marker.exists()


def test_large_payload_does_not_block_the_parent() -> None:
    payload = "汉" * (4 << 20)  # far larger than a pipe buffer
    child = _Child.start(lambda: None, lambda value: [str(len(value))])
    child.send(payload)
    assert child.wait() == [str(len(payload))]
