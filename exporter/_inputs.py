"""Where reports come from: files, folders walked recursively, standard input and URLs.

Part of the application layer (with ``cli`` and ``build``): it touches user paths and the
network so that readers only ever see bytes. Every input becomes a :class:`Source` that
knows how messages name it (``label``), the file name its outputs take (``name``) and its
bytes. Standard input and URLs are read once, up front; files are read when built.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from ._data import sample_report
from ._files import output_stem, read_input
from .errors import InputError
from .readers.detect import FORMATS, detect_format

#: File name endings read when a folder is walked (others are skipped, each named).
REPORT_SUFFIXES = (".txt", ".json", ".html", ".htm", ".shtml", ".xhtml", ".docx", ".pdf")
#: Report formats a build also writes: beside a source of the same name, they are its
#: outputs.
OUTPUT_SUFFIXES = (".docx", ".pdf")
#: Seconds a URL may take to answer, and redirects it may take.
URL_TIMEOUT = 20.0
MAX_REDIRECTS = 5
#: Content types a report URL may answer with (others are refused before the body is read).
_URL_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "application/pdf",
              "application/json", "application/octet-stream",
              "application/vnd.openxmlformats-officedocument.wordprocessingml.document")

Warn = Callable[[str], None]


@dataclass(frozen=True)
class Source:
    """One report to read: a file (``path``) or bytes already read (stdin, a URL)."""

    label: str
    name: str
    path: Path | None = None
    data: bytes | None = None
    charset: str | None = None
    source_format: str | None = None
    #: The folder named on the command line that this file was found under: its outputs
    #: keep their place below it under ``--out`` (None: a file, stdin or URL named alone).
    root: Path | None = None

    @property
    def stem(self) -> str:
        """The stem every output of this report is named with."""
        return output_stem(Path(self.name))

    def read(self, max_bytes: int) -> bytes:
        """The report's bytes (a file is read now, within ``max_bytes``)."""
        if self.data is not None:
            return self.data
        assert self.path is not None  # a Source holds a path or its bytes
        return read_input(self.path, max_bytes)


def is_url(argument: str) -> bool:
    """True for an ``http://`` or ``https://`` argument."""
    return argument.lower().startswith(("http://", "https://"))


def open_sources(arguments: Iterable[str], *, stdin: BinaryIO, max_bytes: int,
                 out_dir: Path | None = None, name: str | None = None,
                 source_format: str | None = None, warn: Warn | None = None) -> list[Source]:
    """A Source for every argument: ``-`` is standard input, a URL is fetched, a folder is
    walked (never into ``out_dir``), anything else is a file. ``name`` renames the one
    input's outputs; ``source_format`` overrides the detected format of every input."""
    arguments = list(arguments)
    if source_format is not None and source_format not in FORMATS:
        raise InputError(f"unknown format {source_format!r} (choose from {', '.join(FORMATS)})",
                         source="--from")
    if name is not None and len(arguments) != 1:
        raise InputError("--name needs exactly one input", source="--name")
    sources: list[Source] = []
    for argument in arguments:
        if argument == "-":
            data = stdin.read(max_bytes + 1)
            if len(data) > max_bytes:
                raise InputError(f"is over the input limit of {max_bytes:,} bytes "
                                 "(raise it with --max-input)", source="stdin")
            sources.append(Source("stdin", "stdin", data=data))
        elif is_url(argument):
            sources.append(fetch_url(argument, max_bytes))
        else:
            sources.extend(expand_inputs([Path(argument)], out_dir, warn or (lambda _: None)))
    if name is not None and sources:
        sources[0] = replace(sources[0], name=name)
    if source_format is not None:
        sources = [replace(source, source_format=source_format) for source in sources]
    return sources


def expand_inputs(inputs: Iterable[Path | Source], out_dir: Path | None,
                  warn: Warn) -> list[Source]:
    """The reports to read: sources as given, folders walked (:func:`walk_folder`), other
    paths as files; the bundled sample when nothing is named."""
    inputs = list(inputs)
    if not inputs:
        sample = sample_report()
        return [Source(sample.name, sample.name, path=sample)]
    found: list[Source] = []
    for item in inputs:
        if isinstance(item, Source):
            found.append(item)
        elif item.is_dir():
            found.extend(walk_folder(item, out_dir, warn))
        else:
            found.append(Source(str(item), item.name, path=item))
    return found


def walk_folder(folder: Path, out_dir: Path | None, warn: Warn) -> Iterator[Source]:
    """The reports in ``folder`` and its subfolders, in name order, each with ``folder``
    as its root. Hidden entries and the output folder are passed over; every other file
    not read is named through ``warn`` with the reason. A DOCX or PDF beside a more
    textual file of the same name (text, page, model, then DOCX) is taken for that
    report's output and not read (a folder built into itself); other files sharing
    outputs are refused by :func:`exporter.batch.plan_outputs`."""
    skip_dir = out_dir.resolve() if out_dir is not None else None
    reports: list[Path] = []
    for path in _files_under(folder, skip_dir):
        kind = _report_kind(path)
        if kind is not None:
            warn(f"skipped {path}: {kind}")
        else:
            reports.append(path)
    first: dict[tuple[Path, str], Path] = {}
    for path in sorted(reports, key=_preference):
        first.setdefault((path.parent, output_stem(path)), path)
    for path in reports:
        kept = first[(path.parent, output_stem(path))]
        if kept != path and path.suffix.lower() in OUTPUT_SUFFIXES:
            warn(f"skipped {path}: taken for an output of {kept}")
            continue
        yield Source(str(path), path.name, path=path, root=folder)


def _preference(path: Path) -> int:
    """The most textual format first (text, page, model, DOCX, PDF)."""
    suffix = path.suffix.lower()
    return REPORT_SUFFIXES.index(suffix) if suffix in REPORT_SUFFIXES else len(REPORT_SUFFIXES)


def _files_under(folder: Path, skip_dir: Path | None) -> Iterator[Path]:
    try:
        entries = sorted(folder.iterdir())
    except OSError as exc:
        raise InputError(f"cannot list the folder: {exc.strerror or exc}",
                         source=str(folder)) from None
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            if skip_dir is None or entry.resolve() != skip_dir:
                yield from _files_under(entry, skip_dir)
        elif entry.is_file():
            yield entry


def _report_kind(path: Path) -> str | None:
    """None when ``path`` is to be read as a report; else why it is skipped."""
    if path.suffix.lower() in REPORT_SUFFIXES:
        return None
    try:
        with path.open("rb") as stream:
            head = stream.read(4096)
    except OSError as exc:
        return f"cannot read: {exc.strerror or exc}"
    if head.startswith(b"%PDF-") or detect_format(head) == "html":
        return None
    suffix = path.suffix or "no extension"
    return f"not a report file ({suffix}; reports are {', '.join(REPORT_SUFFIXES)})"


def fetch_url(url: str, max_bytes: int, timeout: float = URL_TIMEOUT) -> Source:
    """Fetch a report URL: bounded in time, size and redirects, its content type checked;
    named by the last segment of its path. (urllib is imported here: it costs a command
    that reads no URL a noticeable share of its start-up.)"""
    import urllib.error
    import urllib.request

    class LimitedRedirects(urllib.request.HTTPRedirectHandler):
        max_redirections = MAX_REDIRECTS

    opener = urllib.request.build_opener(LimitedRedirects)
    request = urllib.request.Request(url, headers={"User-Agent": "exporter",
                                                   "Accept": ", ".join(_URL_TYPES)})
    try:
        with opener.open(request, timeout=timeout) as response:
            final = response.geturl()
            if not is_url(final):
                raise InputError(f"redirected to {final}, which is not http(s)", source=url)
            headers = response.headers
            content_type = headers.get_content_type()
            if content_type not in _URL_TYPES:
                raise InputError(f"answered with {content_type}, not a report "
                                 "(HTML, text, PDF, DOCX or JSON)", source=url)
            length = headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise InputError(f"is {int(length):,} bytes, over the input limit of "
                                 f"{max_bytes:,} (raise it with --max-input)", source=url)
            data = response.read(max_bytes + 1)
    except urllib.error.HTTPError as exc:
        problem = (f"too many redirects (over {MAX_REDIRECTS})" if exc.code in range(300, 400)
                   else f"HTTP {exc.code} {exc.reason}")
        raise InputError(problem, source=url) from None
    except urllib.error.URLError as exc:
        raise InputError(f"cannot fetch: {exc.reason}", source=url) from None
    except TimeoutError:
        raise InputError(f"no answer within {timeout:g} s", source=url) from None
    except OSError as exc:
        raise InputError(f"cannot fetch: {exc}", source=url) from None
    if len(data) > max_bytes:
        raise InputError(f"is over the input limit of {max_bytes:,} bytes "
                         "(raise it with --max-input)", source=url)
    return Source(url, _url_name(final), data=data, charset=headers.get_content_charset(),
                  source_format="html" if content_type in _URL_TYPES[:2]
                  and detect_format(data) == "txt" else None)


def _url_name(url: str) -> str:
    """The last segment of the URL's path (unquoted), else its host."""
    import urllib.parse

    parsed = urllib.parse.urlsplit(url)
    segment = PurePosixPath(urllib.parse.unquote(parsed.path)).name
    return segment or parsed.hostname or "download"
