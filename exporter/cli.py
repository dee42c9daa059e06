"""The ``exporter`` command line: the only module that touches paths and prints.

Every failure the user can act on is an :class:`ExporterError`, printed as one line
naming the file and the problem (exit 2; 1 for a failed check). Anything else is a bug:
one line and a hint to rerun with ``--debug`` for the traceback.
"""

from __future__ import annotations

import json
import os
import sys
import traceback
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, NoReturn

import click

from . import __version__
from ._data import sample_report
from ._files import DEFAULT_MAX_INPUT, read_input
from ._inputs import Source, open_sources
from .errors import ExporterError, InputError
from .model import Report
from .readers.detect import FORMATS


class _State:
    """Options of the command group that every subcommand needs."""

    def __init__(self, debug: bool, max_input: int) -> None:
        self.debug = debug
        self.max_input = max_input


def _fail(message: str, code: int = 2) -> NoReturn:
    click.echo(f"exporter: {message}", err=True)
    sys.exit(code)


def _state() -> _State:
    state = click.get_current_context().find_object(_State)
    return state if state is not None else _State(False, DEFAULT_MAX_INPUT)


# --- inputs: files, folders, standard input (-), URLs; --from and --name -----------------

SOURCE_FORMAT = click.option(
    "--from", "source_format", type=click.Choice(FORMATS), default=None,
    help="Read every input as this format instead of the one its content shows.")
SOURCE_NAME = click.option(
    "--name", "source_name", default=None, metavar="NAME",
    help="Name the one input's outputs (standard input is 'stdin', a URL its last segment).")


def _sources(arguments: Sequence[str], source_format: str | None, source_name: str | None,
             out_dir: Path | None = None) -> list[Source]:
    """Every input argument as a Source (``-`` is standard input, URLs are fetched)."""
    return open_sources(arguments, stdin=sys.stdin.buffer,
                        max_bytes=_state().max_input, out_dir=out_dir, name=source_name,
                        source_format=source_format,
                        warn=lambda line: click.echo(f"exporter: warning: {line}", err=True))


def load_report(path: Path | str | None, source_format: str | None = None,
                source_name: str | None = None) -> Report:
    """Read one report of any format (the bundled sample when ``path`` is None)."""
    from .readers import read_report

    if path is None:
        sample = sample_report()
        return read_report(read_input(sample, _state().max_input), sample.name)
    sources = _sources([str(path)], source_format, source_name)
    if len(sources) != 1:
        raise InputError(f"holds {len(sources)} reports; name one file", source=str(path))
    source = sources[0]
    return read_report(source.read(_state().max_input), source.label,
                       source_format=source.source_format, charset=source.charset,
                       source_name=source.name,
                       require_content=True)


def _run(action: Callable[[], Any]) -> Any:
    """Run a command body, turning errors into one clean line and an exit status."""
    try:
        return action()
    except ExporterError as exc:
        _fail(str(exc), exc.exit_code)
    except KeyboardInterrupt:
        _fail("interrupted", 130)
    except click.exceptions.Exit:
        raise
    except Exception as exc:  # noqa: BLE001 - the last line of defence for the user
        if _state().debug:
            traceback.print_exc()
        _fail(f"internal error: {type(exc).__name__}: {exc} (rerun with --debug for details)", 70)


def _source_date_epoch() -> int | None:
    value = os.environ.get("SOURCE_DATE_EPOCH")
    if value is None or value == "":
        return None
    if not value.isdigit():
        raise InputError("SOURCE_DATE_EPOCH must be a whole number of seconds")
    return int(value)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="exporter")
@click.option("--debug", is_flag=True, help="Show the traceback of an internal error.")
@click.option("--max-input", type=click.IntRange(min=1), default=DEFAULT_MAX_INPUT // 2**20,
              show_default=True, metavar="MB", help="Largest input file accepted, in MB.")
@click.pass_context
def cli(ctx: click.Context, debug: bool, max_input: int) -> None:
    """Turn a Chinese government report into a Word briefing, a PDF summary and an
    Excel workbook of all its figures. With no report named, every command uses the
    bundled sample (the 2016 Beijing science-and-technology work report)."""
    ctx.obj = _State(debug, max_input * 2**20)


REPORT = click.argument("report", required=False)


@cli.command()
@REPORT
@SOURCE_FORMAT
@SOURCE_NAME
def parse(report: str | None, source_format: str | None, source_name: str | None) -> None:
    """Print the report model as JSON (UTF-8). REPORT is a file, - or a URL."""

    def action() -> None:
        model = load_report(report, source_format, source_name)
        click.echo(json.dumps(model.to_dict(), ensure_ascii=False, indent=2))

    _run(action)


@cli.command()
@REPORT
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "json", "csv"]),
              default="table", show_default=True, help="How to list the figures.")
@SOURCE_FORMAT
@SOURCE_NAME
def figures(report: str | None, fmt: str, source_format: str | None,
            source_name: str | None) -> None:
    """List every figure in the report."""

    def action() -> None:
        from .figures.listing import format_figures

        model = load_report(report, source_format, source_name)
        click.echo(format_figures(model, fmt), nl=False)

    _run(action)


@cli.command()
@click.argument("reports", nargs=-1)
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=Path("out"),
              show_default=True, help="Folder the outputs are written to.")
@click.option("--format", "formats", default="docx,pdf,xlsx", show_default=True,
              help="Comma-separated formats: docx, pdf, xlsx.")
@click.option("--theme", default=None, help="Theme name or TOML path (default per format).")
@click.option("--full", is_flag=True, help="The whole report rather than the briefing.")
@click.option("--font", "fonts", multiple=True, type=click.Path(path_type=Path),
              help="A font file to use in the PDF before any theme font (repeatable).")
@click.option("--jobs", type=click.IntRange(min=1), default=1, show_default=True,
              help="Reports built in parallel worker processes.")
@click.option("--quiet", is_flag=True, help="Print nothing but errors.")
@SOURCE_FORMAT
@SOURCE_NAME
def build(reports: Sequence[str], out_dir: Path, formats: str, theme: str | None, full: bool,
          fonts: Sequence[Path], jobs: int, quiet: bool, source_format: str | None,
          source_name: str | None) -> None:
    """Build the Word briefing, PDF summary and Excel workbook of each REPORT: a text,
    HTML, DOCX, PDF or model JSON file, a folder of them, - (standard input) or a URL."""
    from .build import BuildRequest, run_build

    def action() -> int:
        sources = _sources(reports, source_format, source_name, out_dir)
        if reports and not sources:
            raise InputError("no reports found (.txt, .html, .docx, .pdf or .json)",
                             source=", ".join(reports))
        request = BuildRequest(
            inputs=tuple(sources), out_dir=out_dir, formats=formats, theme=theme, full=full,
            font_files=tuple(fonts), jobs=jobs, source_date_epoch=_source_date_epoch(),
            max_input=_state().max_input, tool_version=__version__,
        )
        return run_build(request, echo=None if quiet else click.echo,
                         warn=lambda line: click.echo(f"exporter: warning: {line}", err=True),
                         error=lambda line: click.echo(f"exporter: {line}", err=True),
                         track=None if quiet or not sys.stderr.isatty() else _progress)

    status = _run(action)
    if status:
        sys.exit(status)


def _progress(results: Iterator[Any], total: int) -> Iterator[Any]:
    """A progress bar on the terminal's stderr while many reports build."""
    with click.progressbar(results, length=total, label="building",
                           file=sys.stderr) as bar:
        yield from bar


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--report", type=click.Path(path_type=Path), default=None,
              help="The report the outputs were built from (default: found by name).")
def check(paths: Sequence[Path], report: Path | None) -> None:
    """Prove that the DOCX, PDF and XLSX outputs carry the same figures as the model."""
    from .check import run_check

    def action() -> None:
        run_check(tuple(paths) or (Path("out"),), report, load_report, click.echo)

    _run(action)


@cli.command()
@click.option("--check", "check_path", default=None, metavar="THEME",
              help="Validate one theme (name or path) and report its problems.")
def styles(check_path: str | None) -> None:
    """List the themes and the font each role resolves to."""
    from .theme_report import describe_themes

    def action() -> None:
        click.echo(describe_themes(check_path), nl=False)

    _run(action)


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="exporter")
