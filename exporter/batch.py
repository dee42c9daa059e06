"""Batches of reports: which files a folder holds, where each report's outputs go, the
collisions refused before anything is written, and the manifest ``check`` reads back.

Outputs keep the inputs' folder structure under ``--out``: ``in/a/report.txt`` builds
``out/a/report.docx``. Two inputs whose outputs would still share a name once spelling is
normalised (NFC/NFD, case, ``a b`` against ``a-b``, ``x.txt`` beside ``x.json``) are
refused, naming both, before any file is written; so is an output that would replace an
input. A build records what it wrote in :data:`MANIFEST` at the top of ``--out``, so
``exporter check OUT`` finds every report of a batch and the source of each.
"""

from __future__ import annotations

import json
import os
import time
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from ._data import sample_report
from ._files import output_stem, write_atomic
from .errors import InputError

#: The file suffixes a folder is searched for (what the readers take).
REPORT_SUFFIXES = (".txt", ".json")
#: The record of a batch build, at the top of its output folder (hidden, never an input).
MANIFEST = ".exporter-build.json"


@dataclass(frozen=True)
class Planned:
    """One report of a batch: its input file and the folder its outputs go to."""

    source: Path
    out_dir: Path

    def targets(self, formats: Sequence[str]) -> list[Path]:
        stem = output_stem(self.source)
        return [self.out_dir / f"{stem}.{fmt}" for fmt in formats]


@dataclass
class Found:
    """Report files found under the inputs, with the folder each came from (``None`` for
    a file named directly), and how many other files were passed over."""

    files: list[tuple[Path, Path | None]] = field(default_factory=list)
    skipped: int = 0


def find_reports(inputs: Sequence[Path]) -> Found:
    """Report files named or under the folders named, recursively, in a stable order;
    hidden files and folders are passed over, other files are counted as skipped."""
    found = Found()
    if not inputs:
        found.files.append((sample_report(), None))
        return found
    for path in inputs:
        if not path.is_dir():
            found.files.append((path, None))
            continue
        for folder, dirs, names in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(names):
                if name.startswith("."):
                    continue
                file = Path(folder) / name
                if file.suffix.lower() in REPORT_SUFFIXES:
                    found.files.append((file, path))
                else:
                    found.skipped += 1
    return found


def _fold(text: str) -> str:
    """A name as a file system or a reader may confuse it: NFC, case folded."""
    return unicodedata.normalize("NFC", text).casefold()


def plan_outputs(found: Found, out_dir: Path, formats: Sequence[str]) -> list[Planned]:
    """Each report's output folder (its folder's structure kept under ``out_dir``), after
    refusing any two inputs whose outputs would collide and any output that would replace
    an input. Nothing is written here."""
    planned: list[Planned] = []
    owners: dict[tuple[str, str], Path] = {}
    inputs = {_fold(str(source.resolve())): source for source, _ in found.files}
    for source, root in found.files:
        relative = source.parent.relative_to(root) if root is not None else Path()
        target_dir = out_dir.joinpath(*(output_stem(Path(part + ".x")) for part in relative.parts))
        item = Planned(source, target_dir)
        key = (_fold(str(target_dir)), _fold(output_stem(source)))
        other = owners.setdefault(key, source)
        if other != source:
            raise InputError(f"its outputs would have the same names as those of {other} "
                             f"({output_stem(source)}.*); rename one or build them apart",
                             source=str(source))
        for target in item.targets(formats):
            replaced = inputs.get(_fold(str(target.resolve())))
            if replaced is not None:
                raise InputError(f"its output {target} would replace the input {replaced}; "
                                 "choose another --out", source=str(source))
        planned.append(item)
    return planned


def make_folders(planned: Iterable[Planned]) -> None:
    """Create the output folders of a planned batch (after planning found no collision)."""
    for folder in sorted({item.out_dir for item in planned}):
        folder.mkdir(parents=True, exist_ok=True)


def record_manifest(out_dir: Path, built: Iterable[tuple[Path, list[Path]]]) -> None:
    """Add the reports just built to the batch manifest in ``out_dir``: each output file's
    path (relative to ``out_dir``) with the source it was built from."""
    manifest = out_dir / MANIFEST
    entries = read_manifest(out_dir)
    for source, written in built:
        for target in written:
            entries[target.relative_to(out_dir).as_posix()] = os.path.relpath(
                source.resolve(), out_dir.resolve())
    text = json.dumps({"version": 1, "outputs": dict(sorted(entries.items()))},
                      ensure_ascii=False, indent=1) + "\n"
    data = text.encode("utf-8")

    def write(out: BinaryIO) -> None:
        out.write(data)

    write_atomic(manifest, write)


def read_manifest(out_dir: Path) -> dict[str, str]:
    """Output path → source path (both relative to ``out_dir``), or empty without one."""
    try:
        data = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    outputs = data.get("outputs") if isinstance(data, dict) else None
    if not isinstance(outputs, dict):
        return {}
    return {str(k): str(v) for k, v in outputs.items()}


def manifest_groups(folder: Path) -> list[tuple[str, dict[str, Path], Path]]:
    """The reports of a batch output folder, or of a folder inside one: (name, outputs by
    suffix, source) for every output the batch's manifest lists under ``folder`` that is
    still there; empty when no manifest is found in ``folder`` or above it."""
    top = next((p for p in (folder.resolve(), *folder.resolve().parents)
                if (p / MANIFEST).is_file()), None)
    if top is None:
        return []
    groups: dict[tuple[str, Path], dict[str, Path]] = {}
    for output, source in read_manifest(top).items():
        file = top / output
        if file.is_file() and file.is_relative_to(folder.resolve()):
            stem = file.with_suffix("").relative_to(folder.resolve()).as_posix()
            groups.setdefault((stem, (top / source).resolve()), {})[file.suffix] = file
    return [(stem, outputs, source) for (stem, source), outputs in sorted(groups.items())]


@dataclass
class Tally:
    """Counts of a batch for its summary line."""

    total: int
    skipped: int = 0
    built: int = 0
    failed: int = 0
    started: float = field(default_factory=time.perf_counter)

    def line(self) -> str:
        seconds = time.perf_counter() - self.started
        return (f"{self.built} built, {self.failed} failed, {self.skipped} skipped "
                f"in {seconds:.1f} s")
