"""``exporter build``: read each report once, render the asked formats, write them whole."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ._data import sample_report
from ._files import check_out_dir, output_stem, read_input, write_atomic
from .errors import ExporterError, InputError
from .readers import read_report
from .renderers import DEFAULT_THEMES, FORMATS, RenderOptions, render
from .theme import Theme, load_theme

Echo = Callable[[str], None]


@dataclass(frozen=True)
class BuildRequest:
    """Everything ``exporter build`` was asked to do."""

    inputs: tuple[Path, ...]
    out_dir: Path
    formats: str = "docx,pdf,xlsx"
    theme: str | None = None
    full: bool = False
    font_files: tuple[Path, ...] = ()
    jobs: int = 1
    source_date_epoch: int | None = None
    max_input: int = 50 * 2**20
    tool_version: str = ""
    font_cache: Path | None = None


def parse_formats(spec: str) -> tuple[str, ...]:
    """``"docx,pdf"`` → ``("docx", "pdf")`` in canonical order; unknown names are an error."""
    asked = [part.strip().lower() for part in spec.split(",") if part.strip()]
    unknown = [part for part in asked if part not in FORMATS]
    if unknown or not asked:
        raise InputError(f"unknown format {unknown[0]!r}" if unknown else "no format given",
                         source="--format")
    return tuple(fmt for fmt in FORMATS if fmt in asked)


def expand_inputs(inputs: tuple[Path, ...]) -> list[Path]:
    """The report files named, with folders expanded to their .txt and .json files."""
    if not inputs:
        return [sample_report()]
    found: list[Path] = []
    for path in inputs:
        if path.is_dir():
            found.extend(sorted(p for p in path.iterdir()
                                if p.is_file() and p.suffix.lower() in (".txt", ".json")))
        else:
            found.append(path)
    return found


def build_one(path: Path, request: BuildRequest, formats: tuple[str, ...],
              themes: dict[str, Theme], warn: Echo) -> tuple[list[Path], str]:
    """Build every format of one report; return the paths written and a summary line."""
    started = time.perf_counter()
    report = read_report(read_input(path, request.max_input), str(path))
    stem = output_stem(path)
    options = RenderOptions(full=request.full, source_date_epoch=request.source_date_epoch,
                            font_files=request.font_files, font_cache=request.font_cache,
                            warn=warn, tool_version=request.tool_version)
    written: list[Path] = []
    for fmt in formats:
        target = request.out_dir / f"{stem}.{fmt}"
        write_atomic(target, lambda out, fmt=fmt: render(fmt, report, themes[fmt], options, out))
        written.append(target)
    sections = sum(1 for _ in report.walk())
    seconds = time.perf_counter() - started
    return written, (f"{path.name}: {sections} sections, {len(report.figures)} figures, "
                     f"{seconds:.2f} s")


def run_build(request: BuildRequest, echo: Echo | None, warn: Echo, error: Echo,
              progress: bool = False) -> int:
    """Build every input; return the exit status (0, or 2 when any report failed)."""
    formats = parse_formats(request.formats)
    themes = {fmt: load_theme(request.theme or DEFAULT_THEMES[fmt]) for fmt in formats}
    check_out_dir(request.out_dir)
    failed = 0
    for path in expand_inputs(request.inputs):
        try:
            written, summary = build_one(path, request, formats, themes, warn)
        except ExporterError as exc:
            error(str(exc))
            failed += 1
            continue
        if echo:
            for target in written:
                echo(str(target))
            echo(summary)
    return 2 if failed else 0
