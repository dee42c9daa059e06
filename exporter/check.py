"""``exporter check``: read the DOCX, PDF and XLSX back and prove they carry the model's figures.

Each output is read with its own library (python-docx, pypdfium2, openpyxl), its figure rows
are keyed by the figure id every table carries (编号), and each is compared with the
model rebuilt from the source report: the same ids, and for each the same label, value
(a range as its two ends, a change with its direction) and unit, target or result; the
workbook also its range ends, codes, indicator, period years and the report's year and
region. Any difference is listed and the check fails (exit status 1), and so does a
mixed set (files of one report that record different build stamps). A package over a
limit of :mod:`exporter._bounded` is refused before any library unpacks it (exit 2).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ._bounded import check_package
from ._data import sample_report
from ._files import output_stem
from ._inputs import REPORT_SUFFIXES
from ._stamp import stamp_of
from .choice import ContentChoice, choose, from_properties, headline
from .errors import CheckFailed, InputError
from .model import Figure, Report
from .selection import COLUMN_HEADERS, clip, format_period, format_role, format_value
from .series import period_key
from .vocabulary import header_fields, read_back

FORMATS = (".docx", ".pdf", ".xlsx")
ID_HEADER = COLUMN_HEADERS["id"]
KEY_FIGURES = "主要指标"
_FIGURE_ID = re.compile(r"^f\d+$")
_ROW_START = re.compile(r"^(f\d+)(?:\s+|$)")
_BLANKS = re.compile(r"\s+")
#: Characters some output cannot hold and drops (XML's invalid ones, and the C1 controls
#: and non-characters the PDF leaves out): compared as absent on both sides.
_UNPRINTED = re.compile("[^\t\n\r\u0020-\u007e\u00a0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _squash(text: object) -> str:
    """Text as every output can hold it, without blanks: what two outputs can agree on."""
    return _BLANKS.sub("", _UNPRINTED.sub("", str(text or "")))


@dataclass
class Findings:
    """What one output says about each figure id: field name → value as read."""

    name: str
    rows: dict[str, dict[str, object]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    #: The build stamp the output records (see :func:`exporter.build.stamped_version`),
    #: read from the document already open for its rows.
    stamp: str | None = None
    #: A Word briefing's key-figures table (the table after its 主要指标 caption), as the
    #: ids it lists; None when it has none.
    headline_ids: list[str] | None = None


def read_xlsx(path: Path) -> Findings:
    """The Figures sheet: one row per figure under a header naming the fields, in any
    language of the vocabulary; coded values are read back to their codes."""
    from openpyxl import load_workbook

    found = Findings(path.name)
    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        props = workbook.properties  # the creator is the office; the tool modified it
        found.stamp = stamp_of(f"{props.lastModifiedBy or ''} {props.creator or ''}")
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header = header_fields([str(c) for c in next(rows, ())])
        if "id" not in header:
            found.problems.append(f"{path.name}: first sheet has no 'id' column")
            return found
        for row in rows:
            record = {name: read_back(name, value) for name, value in zip(header, row)}
            if record.get("id"):
                found.rows.setdefault(str(record["id"]), record)
    finally:
        workbook.close()
    return found


def read_docx(path: Path) -> Findings:
    """Every table whose header starts with 编号: id, label, value as stated, period and
    (in a fifth column) whether the figure is a target or a result."""
    from docx import Document

    found = Findings(path.name)
    document = Document(str(path))
    found.stamp = stamp_of(document.core_properties.last_modified_by)
    for table in document.tables:
        rows = table.rows
        if not rows or rows[0].cells[0].text.strip() != ID_HEADER:
            continue
        for row in rows[1:]:
            cells = [c.text.strip() for c in row.cells]
            if len(cells) >= 4 and _FIGURE_ID.match(cells[0]):
                record: dict[str, object] = {"metric": cells[1], "stated": cells[2],
                                             "period": cells[3],
                                             "role": cells[4] if len(cells) > 4 else None}
                previous = found.rows.setdefault(cells[0], record)
                if previous != record:
                    found.problems.append(f"{path.name}: {cells[0]} differs between tables")
    found.headline_ids = _key_figure_ids(document)
    return found


def read_pdf(path: Path) -> Findings:
    """Indicator-table rows from the PDF's text: a line opening with the figure id, then
    the row's cells in order (wrapped cells continue on the following lines)."""
    import pypdfium2

    found = Findings(path.name)
    lines: list[str] = []
    document = pypdfium2.PdfDocument(str(path))
    try:
        found.stamp = stamp_of(document.get_metadata_dict().get("Creator"))
        for index in range(len(document)):
            textpage = document[index].get_textpage()
            lines.extend(line.strip() for line in textpage.get_text_range().splitlines())
            textpage.close()
    finally:
        document.close()
    starts = [(i, m) for i, line in enumerate(lines) if (m := _ROW_START.match(line))]
    for at, (start, match) in enumerate(starts):
        end = starts[at + 1][0] if at + 1 < len(starts) else min(len(lines), start + 40)
        text = lines[start][match.end():] + "".join(lines[start + 1:end])
        found.rows.setdefault(match.group(1), {"text": _squash(text)})
    return found


def recorded_choice(path: Path) -> ContentChoice | None:
    """The content choice a Word briefing recorded in its custom properties, if any."""
    import zipfile

    from docx.oxml.parser import parse_xml  # python-docx's parser resolves no entities

    try:
        with zipfile.ZipFile(path) as archive:
            data = archive.read("docProps/custom.xml")
        root = parse_xml(data)
    except (KeyError, OSError, ValueError, zipfile.BadZipFile):
        return None
    properties = {prop.get("name", ""): "".join(v.text or "" for v in prop) for prop in root}
    return from_properties(properties)


def _key_figure_ids(document: Any) -> list[str] | None:
    """The ids the key-figures table (the table after the 主要指标 caption) lists."""
    from docx.oxml.ns import qn

    for table in document.element.body.iterfind(qn("w:tbl")):
        caption = table.getprevious()
        if caption is not None and _text(caption, qn) == KEY_FIGURES:
            return [_text(row.find(qn("w:tc")), qn) for row in table.iterfind(qn("w:tr"))][1:]
    return None


def _headline_problems(name: str, ids: list[str] | None, chosen: list[Figure]) -> list[str]:
    """Whether the Word briefing's key-figures table lists the chosen headline figures,
    in order."""
    if ids is None:
        return [f"{name}: no key-figures table; the choice has {len(chosen)}"] if chosen else []
    want = [figure.id for figure in chosen]
    return [] if ids == want else [
        f"{name}: headline figures {', '.join(ids)}; the choice is {', '.join(want)}"]


def _text(element: Any, qn: Callable[[str], str]) -> str:
    """The text of a WordprocessingML element's runs."""
    return "".join(t.text or "" for t in element.iter(qn("w:t"))).strip()


READERS: dict[str, Callable[[Path], Findings]] = {
    ".docx": read_docx, ".pdf": read_pdf, ".xlsx": read_xlsx}


def _close(a: object, b: float) -> bool:
    try:
        x = float(a)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False
    return math.isclose(x, b, rel_tol=1e-9, abs_tol=1e-12)


def compare(kind: str, findings: Findings, figures: list[Figure],
            report: Report | None = None) -> list[str]:
    """Every way one output's figures differ from the model's (``report`` adds the
    report-level fields the workbook repeats on each row)."""
    problems = list(findings.problems)
    want = {f.id: f for f in figures}
    missing = [i for i in want if i not in findings.rows]
    extra = [i for i in findings.rows if i not in want]
    name = findings.name
    if len(findings.rows) != len(want):
        problems.append(f"{name}: {len(findings.rows)} figures, the model has {len(want)}")
    if missing:
        problems.append(f"{name}: missing {', '.join(missing[:10])}"
                        + (f" and {len(missing) - 10} more" if len(missing) > 10 else ""))
    if extra:
        problems.append(f"{name}: not in the model: {', '.join(extra[:10])}")
    for fid, row in findings.rows.items():
        figure = want.get(fid)
        if figure is None:
            continue
        for field_name, ok in _agreements(kind, row, figure, report):
            if not ok:
                problems.append(f"{name}: {fid} {field_name} differs from the model")
    return problems


def _optional_close(shown: object, value: float | None) -> bool:
    return shown is None if value is None else _close(shown, value)


def _new_fields(row: dict[str, object], figure: Figure,
                report: Report | None) -> Iterable[tuple[str, bool]]:
    """The workbook's range ends, codes, period years and the report's year and region."""
    yield "value_high", _optional_close(row.get("value_high"), figure.value_high)
    yield "base_value_high", _optional_close(row.get("base_value_high"), figure.base_value_high)
    for name in ("qualifier", "change", "role", "indicator"):
        yield name, (row.get(name) or None) == getattr(figure, name)
    span = period_key(figure.period)
    yield "period", (row.get("period_start"), row.get("period_end")) == (span or (None, None))
    if report is not None:
        yield "year", row.get("year") == report.meta.year
        yield "region", (row.get("region") or None) == report.meta.region


def _agreements(kind: str, row: dict[str, object], figure: Figure,
                report: Report | None = None) -> Iterable[tuple[str, bool]]:
    if kind == ".xlsx":
        yield "metric", _squash(row.get("metric")) == _squash(figure.metric)
        yield "value", _close(row.get("value"), figure.value)
        yield "base value", _close(row.get("base_value"), figure.base_value)
        yield "unit", _squash(row.get("unit")) == _squash(figure.unit)
        yield "base unit", _squash(row.get("base_unit")) == _squash(figure.base_unit)
        yield from _new_fields(row, figure, report)
    elif kind == ".docx":
        yield "metric", _squash(row["metric"]) == _squash(figure.metric or "—")
        yield "value", _squash(row["stated"]) == _squash(format_value(figure))
        yield "period", _squash(row["period"]) == _squash(format_period(figure.period) or "—")
        yield "role", row["role"] == format_role(figure)
    else:
        text = str(row["text"])  # the label and value cells are clipped as the PDF clips them
        label = clip(figure.metric) or "—"
        yield "metric", text.startswith(_squash(label))
        # the value cell right after the label, and the base value's digits right after it
        yield "value", re.match(re.escape(_squash(label) + _squash(clip(format_value(figure))))
                                + r"[-\d]", text) is not None
        yield "role", _pdf_role_follows(text, figure)


def _pdf_role_follows(text: str, figure: Figure) -> bool:
    """Whether the role cell follows the row's value, base, unit, period and mark cells:
    the period as the table shows it, then at most a few mark characters, then the role."""
    period = (format_period(figure.period) or "—").removesuffix("年")
    pattern = (re.escape(_squash(clip(format_value(figure)))) + ".{0,80}?"
               + re.escape(_squash(period)) + r"\D{0,5}?" + re.escape(format_role(figure)))
    return re.search(pattern, text) is not None


def group_outputs(paths: tuple[Path, ...]) -> dict[str, dict[str, Path]]:
    """Output files by stem, then by suffix, from folders and files named."""
    groups: dict[str, dict[str, Path]] = {}
    for path in paths:
        if path.is_dir():
            files = sorted(p for p in path.iterdir() if p.suffix in FORMATS and p.is_file())
        elif path.is_file():
            if path.suffix not in FORMATS:
                raise InputError("not a .docx, .pdf or .xlsx output", source=str(path))
            files = [path]
        else:
            raise InputError("no such file or folder", source=str(path))
        for file in files:
            groups.setdefault(file.stem, {})[file.suffix] = file
    if not groups:
        raise InputError("no .docx, .pdf or .xlsx outputs found",
                         source=", ".join(str(p) for p in paths))
    return groups


def find_source(stem: str, outputs: dict[str, Path], given: Path | None) -> Path | None:
    """The report the outputs were built from: given, the sample, or a same-named report
    file of any format beside the outputs or in the current folder (never an output)."""
    if given is not None:
        return given
    if stem == output_stem(sample_report()):
        return None
    folders = {p.parent for p in outputs.values()} | {Path.cwd()}
    built = {p.resolve() for p in outputs.values()}
    for folder in sorted(folders):
        for suffix in REPORT_SUFFIXES:
            candidate = folder / f"{stem}{suffix}"
            if candidate.is_file() and candidate.resolve() not in built:
                return candidate
    raise InputError("cannot tell which report these outputs were built from; "
                     "name it with --report", source=stem)


def _groups(paths: tuple[Path, ...],
            report_path: Path | None) -> list[tuple[str, dict[str, Path], Path | None]]:
    """Each report's outputs with its source: a batch output folder's from its manifest
    (every report under it), other folders and files by name."""
    from .batch import manifest_groups

    batches: list[tuple[str, dict[str, Path], Path | None]] = [
        group for path in paths if path.is_dir() for group in manifest_groups(path)]
    if batches and report_path is None:
        return batches
    return [(stem, outputs, find_source(stem, outputs, report_path))
            for stem, outputs in group_outputs(paths).items()]


def _read_bounded(path: Path) -> Findings:
    """An output read with its own library, once its package is within bounds (a DOCX
    is bounded before anything else reads it, in :func:`run_check`)."""
    if path.suffix == ".xlsx":
        check_package(path, str(path), "XLSX")
    return READERS[path.suffix](path)


def _mixed(outputs: dict[str, Path], stamps: dict[str, str | None]) -> list[str]:
    """A problem when the files of one report come from different builds."""
    if len(set(stamps.values())) <= 1:
        return []
    listed = ", ".join(f"{outputs[suffix].name} ({stamp or 'no stamp'})"
                       for suffix, stamp in sorted(stamps.items()))
    return [f"mixed set: {listed} come from different builds; rebuild them together"]


def run_check(paths: tuple[Path, ...], report_path: Path | None,
              load_report: Callable[[Path | None], Report], echo: Callable[[str], None],
              choice: ContentChoice | None = None) -> None:
    """Check every group of outputs against the content chosen as the build chose it
    (``choice``, else what the Word briefing recorded, else everything); raise
    CheckFailed listing the differences."""
    problems: list[str] = []
    for stem, outputs, source in _groups(paths, report_path):
        if ".docx" in outputs:  # bounded before its recorded choice is read
            check_package(outputs[".docx"], str(outputs[".docx"]), "DOCX")
        chosen = choice or (recorded_choice(outputs[".docx"]) if ".docx" in outputs else None)
        chosen = chosen or ContentChoice()
        report = choose(load_report(source), chosen)
        stamps: dict[str, str | None] = {}
        for suffix in FORMATS:
            if suffix not in outputs:
                continue
            try:
                findings = _read_bounded(outputs[suffix])
                stamps[suffix] = findings.stamp
            except InputError:
                raise  # a package over a limit: refused, exit 2
            except Exception as exc:  # noqa: BLE001 - an unreadable output is a finding
                problems.append(f"{outputs[suffix].name}: cannot be read: {type(exc).__name__}")
                continue
            if suffix == ".docx":
                problems += _headline_problems(outputs[suffix].name, findings.headline_ids,
                                               headline(report, chosen))
            findings.name = f"{stem}{suffix}"  # in a batch folder, its path under the folder
            found = compare(suffix, findings, report.figures, report)
            problems += found
            if not found:
                echo(f"{outputs[suffix]}: {len(report.figures)} figures agree with the model")
        problems += _mixed(outputs, stamps)
    if problems:
        for line in problems:
            echo(line)
        raise CheckFailed(f"{len(problems)} difference(s) between the outputs and the model")
