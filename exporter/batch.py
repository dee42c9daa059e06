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

from ._files import output_stem, write_atomic
from ._inputs import Source
from .errors import InputError

#: The record of a batch build, at the top of its output folder (hidden, never an input).
MANIFEST = ".exporter-build.json"


@dataclass(frozen=True)
class Planned:
    """One report of a batch: where it comes from and the folder its outputs go to."""

    source: Source
    out_dir: Path

    def targets(self, formats: Sequence[str]) -> list[Path]:
        return [self.out_dir / f"{self.source.stem}.{fmt}" for fmt in formats]


def _fold(text: str) -> str:
    """A name as a file system or a reader may confuse it: NFC, case folded."""
    return unicodedata.normalize("NFC", text).casefold()


def plan_outputs(sources: Sequence[Source], out_dir: Path,
                 formats: Sequence[str]) -> list[Planned]:
    """Each report's output folder (the structure below the folder it was found in kept
    under ``out_dir``), after refusing any two inputs whose outputs would collide and any
    output that would replace an input file. Nothing is written here."""
    planned: list[Planned] = []
    owners: dict[tuple[str, str], Source] = {}
    inputs = {_fold(str(source.path.resolve())): source.label
              for source in sources if source.path is not None}
    for source in sources:
        relative = (source.path.parent.relative_to(source.root)
                    if source.path is not None and source.root is not None else Path())
        target_dir = out_dir.joinpath(*(output_stem(Path(part + ".x")) for part in relative.parts))
        item = Planned(source, target_dir)
        key = (_fold(str(target_dir)), _fold(source.stem))
        other = owners.setdefault(key, source)
        if other != source:
            raise InputError(f"its outputs would have the same names as those of "
                             f"{other.label} ({source.stem}.*); rename one (--name) or "
                             "build them apart", source=source.label)
        for target in item.targets(formats):
            replaced = inputs.get(_fold(str(target.resolve())))
            if replaced is not None:
                raise InputError(f"its output {target} would replace the input {replaced}; "
                                 "choose another --out", source=source.label)
        planned.append(item)
    return planned


def make_folders(planned: Iterable[Planned]) -> None:
    """Create the output folders of a planned batch (after planning found no collision)."""
    for folder in sorted({item.out_dir for item in planned}):
        folder.mkdir(parents=True, exist_ok=True)


def record_manifest(out_dir: Path, built: Iterable[tuple[Source, list[Path]]]) -> None:
    """Add the reports just built to the batch manifest in ``out_dir``: each output file's
    path (relative to ``out_dir``) with the source it was built from (a file's path
    relative to ``out_dir``, else its label: ``stdin`` or the URL)."""
    manifest = out_dir / MANIFEST
    entries = read_manifest(out_dir)
    for source, written in built:
        origin = (os.path.relpath(source.path.resolve(), out_dir.resolve())
                  if source.path is not None else source.label)
        for target in written:
            entries[target.relative_to(out_dir).as_posix()] = origin
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
