"""The ``exporter`` command line: with ``build`` and ``check``, the application layer, the
only modules that touch user paths, print or decide about processes.

Every failure the user can act on is an :class:`ExporterError`, printed as one line
naming the file and the problem (exit 2; 1 for a failed check). Anything else is a bug:
one line and a hint to rerun with ``--debug`` for the traceback.
"""

from __future__ import annotations

import gc
import json
import os
import re
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, NoReturn

import click

from . import __version__
from ._data import sample_report
from ._files import DEFAULT_MAX_INPUT, read_input
from ._inputs import Source, open_sources
from .choice import DEFAULT_HEADLINE
from .errors import ExporterError, InputError, ThemeError
from .model import Report
from .readers.detect import FORMATS
from .vocabulary import languages


class _State:
    """Options of the command group that every subcommand needs."""

    def __init__(self, debug: bool, max_input: int) -> None:
        self.debug = debug
        self.max_input = max_input


def one_line(text: str) -> str:
    """``text`` on one line: control characters (a newline in a file name) escaped."""
    return _CONTROLS.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _fail(message: str, code: int = 2) -> NoReturn:
    _error(message)
    sys.exit(code)


def _error(message: str) -> None:
    click.echo(f"exporter: {one_line(message)}", err=True)


def _warn(message: str) -> None:
    click.echo(f"exporter: warning: {one_line(message)}", err=True)


class Interrupted(KeyboardInterrupt):
    """SIGTERM, raised where the build is so that it unwinds as on Ctrl-C."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _raise_interrupt(signum: int, frame: object) -> None:
    raise Interrupted(signum)


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
             out_dir: Path | None = None,
             skip: Callable[[str], None] | None = None) -> list[Source]:
    """Every input argument as a Source (``-`` is standard input, URLs are fetched,
    folders walked); each file passed over goes to ``skip`` (default: a warning)."""
    return open_sources(arguments, stdin=sys.stdin.buffer,
                        max_bytes=_state().max_input, out_dir=out_dir, name=source_name,
                        source_format=source_format,
                        warn=skip or (lambda line: click.echo(f"exporter: warning: {line}",
                                                              err=True)))


def load_report(path: Path | str | None, indicators: Path | None = None,
                source_format: str | None = None, source_name: str | None = None) -> Report:
    """Read one report of any format (the bundled sample when ``path`` is None), naming
    standard indicators from the catalogue ``indicators`` (default: the shipped one)."""
    if path is None:
        from .figures.indicators import load_catalogue
        from .readers import read_report

        sample = sample_report()
        return read_report(read_input(sample, _state().max_input), sample.name,
                           indicators=load_catalogue(indicators))
    sources = _sources([str(path)], source_format, source_name)
    if len(sources) != 1:
        raise InputError(f"holds {len(sources)} reports; name one file", source=str(path))
    return _read_source(sources[0], indicators)


def _read_source(source: Source, indicators: Path | None = None) -> Report:
    """One report read from ``source`` (refused when it holds no report)."""
    from .figures.indicators import load_catalogue
    from .readers import read_report

    return read_report(source.read(_state().max_input), source.label,
                       source_format=source.source_format, charset=source.charset,
                       source_name=source.name, indicators=load_catalogue(indicators),
                       require_content=True)


def _run(action: Callable[[], Any]) -> Any:
    """Run a command body, turning errors into one clean line and an exit status."""
    if _COMMAND_PROCESS:
        _resume_collector()
    try:
        return action()
    except ExporterError as exc:
        _fail(str(exc), exc.exit_code)
    except KeyboardInterrupt as exc:
        signum = exc.signum if isinstance(exc, Interrupted) else signal.SIGINT
        _fail("interrupted", 128 + signum)
    except click.exceptions.Exit:
        raise
    except Exception as exc:  # noqa: BLE001 - the last line of defence for the user
        if _state().debug:
            import traceback  # only for --debug: most commands never need it

            traceback.print_exc()
        _fail(f"internal error: {type(exc).__name__}: {exc} (rerun with --debug for details)", 70)


def _source_date_epoch() -> int | None:
    value = os.environ.get("SOURCE_DATE_EPOCH")
    if value is None or value == "":
        return None
    if not value.isdigit():
        raise InputError("SOURCE_DATE_EPOCH must be a whole number of seconds")
    if len(value) > 12 or int(value) > _LAST_SECOND:
        raise InputError("SOURCE_DATE_EPOCH is past the year 9999, which documents cannot "
                         "record")
    return int(value)


#: 9999-12-31T23:59:59Z, the last instant a document's date can hold.
_LAST_SECOND = 253402300799
#: The largest --max-input in MB: an input is read whole into memory.
_MAX_INPUT_MB = 4096


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="exporter")
@click.option("--debug", is_flag=True, help="Show the traceback of an internal error.")
@click.option("--max-input", type=click.IntRange(min=1, max=_MAX_INPUT_MB),
              default=DEFAULT_MAX_INPUT // 2**20,
              show_default=True, metavar="MB", help="Largest input file accepted, in MB.")
@click.pass_context
def cli(ctx: click.Context, debug: bool, max_input: int) -> None:
    """Turn a Chinese government report into a Word briefing, a PDF summary and an
    Excel workbook of all its figures. With no report named, every command uses the
    bundled sample (the 2016 Beijing science-and-technology work report)."""
    ctx.obj = _State(debug, max_input * 2**20)


REPORT = click.argument("report", required=False)
INDICATORS = click.option("--indicators", type=click.Path(path_type=Path), default=None,
                          metavar="FILE", help="Indicator catalogue (TOML; default: the "
                          "shipped one, see 'exporter indicators').")


def _choice_options(command: Callable[..., None]) -> Callable[..., None]:
    """--sections, --headline and --pin: build and check take the same choice."""
    for option in reversed((
        click.option("--sections", multiple=True, metavar="LIST",
                     help="Sections to cover, by number (2, 2.1), label (二) or title words."),
        click.option("--headline", type=click.IntRange(min=0), default=DEFAULT_HEADLINE,
                     show_default=True,
                     metavar="N", help="How many headline figures."),
        click.option("--pin", "pins", multiple=True, metavar="FIGURE_ID",
                     help="A figure that must be a headline figure (repeatable)."),
    )):
        command = option(command)
    return command


def _choice(sections: Sequence[str], headline: int, pins: Sequence[str]) -> Any:
    """The choice the options make; None when they make the default one (``check`` then
    uses the choice the Word briefing recorded)."""
    from .choice import ContentChoice, parse_list

    chosen = ContentChoice(sections=parse_list(sections), headline=headline,
                           pins=parse_list(pins))
    return None if chosen == ContentChoice() else chosen


@cli.command()
@REPORT
@INDICATORS
@SOURCE_FORMAT
@SOURCE_NAME
def parse(report: str | None, indicators: Path | None, source_format: str | None,
          source_name: str | None) -> None:
    """Print the report model as JSON (UTF-8). REPORT is a file, - or a URL."""

    def action() -> None:
        model = load_report(report, indicators, source_format, source_name)
        click.echo(json.dumps(model.to_dict(), ensure_ascii=False, indent=2))

    _run(action)


@cli.command()
@click.argument("reports", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "json", "csv"]),
              default="table", show_default=True, help="How to list the figures.")
@INDICATORS
@SOURCE_FORMAT
@SOURCE_NAME
def figures(reports: Sequence[str], fmt: str, indicators: Path | None,
            source_format: str | None, source_name: str | None) -> None:
    """List every figure in the report (a file, - or a URL); of many reports (files or
    folders), each row led by its report's region, level, year and source."""

    def action() -> int:
        from .listing import format_figures, format_records

        sources = _sources(reports, source_format, source_name)
        if reports and not sources:
            raise InputError("no reports found (.txt, .html, .docx, .pdf or .json)",
                             source=", ".join(reports))
        if len(sources) <= 1:
            model = (_read_source(sources[0], indicators) if sources
                     else load_report(None, indicators))
            click.echo(format_figures(model, fmt), nl=False)
            return 0
        paths = [source.path for source in sources if source.path is not None]
        from .compare import REPORT_COLUMNS
        from .comparison_build import list_figures

        rows, errors = list_figures(paths, _state().max_input)
        for line in errors:
            click.echo(f"exporter: {line}", err=True)
        click.echo(format_records(rows, REPORT_COLUMNS, fmt), nl=False)
        return 2 if errors else 0

    status = _run(action)
    if status:
        sys.exit(status)


@cli.command()
@click.argument("reports", nargs=-1, type=click.Path(path_type=Path))
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=Path("out"),
              show_default=True, help="Folder the comparison files are written to.")
@click.option("--theme", default="modern", show_default=True,
              help="Theme name or TOML path of the workbook and the PDF brief.")
@click.option("--jobs", type=click.IntRange(min=1), default=1, show_default=True,
              help="Reports read in parallel worker processes.")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="Read the reports on a Dask cluster (an address, or 'local').")
@click.option("--quiet", is_flag=True, help="Print nothing but errors.")
def compare(reports: Sequence[Path], out_dir: Path, theme: str, jobs: int,
            scheduler: str | None, quiet: bool) -> None:
    """Compare many reports: comparison.xlsx, .csv, .jsonl and a PDF brief in --out."""
    from .comparison_build import CompareRequest, run_compare

    def action() -> int:
        request = CompareRequest(
            inputs=tuple(reports), out_dir=out_dir, theme=theme, jobs=jobs, scheduler=scheduler,
            source_date_epoch=_source_date_epoch(), max_input=_state().max_input,
            tool_version=__version__)
        return run_compare(request, echo=None if quiet else click.echo,
                           error=lambda line: click.echo(f"exporter: {line}", err=True),
                           summary=None if quiet else click.echo)

    status = _run(action)
    if status:
        sys.exit(status)


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
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="Build on a Dask cluster (an address, or 'local') instead of --jobs.")
@click.option("--quiet", is_flag=True, help="Print nothing but errors.")
@INDICATORS
@SOURCE_FORMAT
@SOURCE_NAME
@click.option("--lang", "language", type=click.Choice(languages()), default=None,
              help="Language of the workbook's headers and codes (default: the theme's).")
@click.option("--defaults", type=click.Path(path_type=Path), default=None,
              help="Document settings (TOML; default: ./exporter.toml when present).")
@click.option("--set", "assignments", multiple=True, metavar="KEY=VALUE",
              help="A document setting (issuer, doc_number, title, date …), over --defaults.")
@click.option("--reference-doc", type=click.Path(path_type=Path), default=None,
              help="The office's Word template: styles, page set-up, headers of the DOCX.")
@_choice_options
@click.option("--max-pages", type=click.IntRange(min=1), default=None,
              help="The most pages the PDF summary may take.")
@click.option("--embed-fonts", is_flag=True,
              help="Embed in the DOCX subsets of the faces the PDF uses.")
def build(reports: Sequence[str], out_dir: Path, formats: str, theme: str | None, full: bool,
          fonts: Sequence[Path], jobs: int, scheduler: str | None, quiet: bool,
          indicators: Path | None, language: str | None, defaults: Path | None,
          assignments: Sequence[str], reference_doc: Path | None, sections: Sequence[str],
          headline: int, pins: Sequence[str], max_pages: int | None,
          embed_fonts: bool, source_format: str | None, source_name: str | None) -> None:
    """Build the Word briefing, PDF summary and Excel workbook of each REPORT: a text,
    HTML, DOCX, PDF or model JSON file, a folder of them, - (standard input) or a URL."""
    from .build import BuildRequest, run_build
    from .choice import ContentChoice
    from .figures.indicators import load_catalogue
    from .settings import load_settings

    def action() -> int:
        load_catalogue(indicators)  # a bad catalogue fails once, before any report
        skipped: list[str] = []
        sources = _sources(reports, source_format, source_name, out_dir, skipped.append)
        if reports and not sources:
            raise InputError("no reports found (.txt, .html, .docx, .pdf or .json)",
                             source=", ".join(reports))
        request = BuildRequest(
            inputs=tuple(sources), skipped=tuple(skipped), out_dir=out_dir, formats=formats, theme=theme, full=full,
            font_files=tuple(fonts), jobs=jobs, source_date_epoch=_source_date_epoch(),
            max_input=_state().max_input, tool_version=__version__, indicators=indicators,
            scheduler=scheduler, language=language,
            settings=load_settings(defaults, assignments), reference_doc=reference_doc,
            choice=_choice(sections, headline, pins) or ContentChoice(), max_pages=max_pages,
            embed_fonts=embed_fonts,
        )
        if _COMMAND_PROCESS and len(sources) == 1 and scheduler is None:
            # One report, and the process ends with its build, which pauses the collector
            # anyway (``build.collector_paused``): resumed at its end, the collector walked
            # every object the build made, which the process was about to let go of
            # (10 ms of the sample's cold PDF). So it stays paused to the end.
            gc.disable()
        return run_build(request, echo=None if quiet else click.echo, warn=_warn,
                         error=_error,
                         track=None if quiet or not sys.stderr.isatty() else _progress,
                         summary=None if quiet else click.echo)

    # SIGTERM unwinds the build as Ctrl-C does: its processes stopped, no partial file left
    previous = signal.signal(signal.SIGTERM, _raise_interrupt)
    try:
        status = _run(action)
    finally:
        signal.signal(signal.SIGTERM, previous)
    if status:
        sys.exit(status)


def _progress(results: Iterator[Any], total: int) -> Iterator[Any]:
    """A progress bar on the terminal's stderr while many reports build: done/total, the
    report just finished and the time left."""
    with click.progressbar(results, length=total, label="building", file=sys.stderr,
                           show_pos=True, show_eta=True,
                           item_show_func=lambda r: r.source.name if r else None) as bar:
        yield from bar


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--report", type=click.Path(path_type=Path), default=None,
              help="The report the outputs were built from (default: found by name).")
@_choice_options
def check(paths: Sequence[Path], report: Path | None, sections: Sequence[str], headline: int,
          pins: Sequence[str]) -> None:
    """Prove that the DOCX, PDF and XLSX outputs carry the same figures as the model
    (the content the build chose, as the Word briefing records it, or as given)."""
    from .check import run_check

    def action() -> None:
        run_check(tuple(paths) or (Path("out"),), report, load_report, click.echo,
                  _choice(sections, headline, pins))

    _run(action)


@cli.command()
@click.option("--check", "check_path", default=None, metavar="THEME",
              help="Validate one theme (name or path) and report its problems.")
@click.option("--reference-doc", "reference_out", type=click.Path(path_type=Path), default=None,
              metavar="OUT.docx", help="Write the default Word reference document to OUT.docx.")
@click.option("--theme", default=None, help="The theme of that reference document "
              "(default: the Word briefing's).")
def styles(check_path: str | None, reference_out: Path | None, theme: str | None) -> None:
    """List the themes and the font each role resolves to."""
    from .theme import ThemeProblems
    from .theme_report import describe_themes

    def action() -> None:
        if reference_out is not None:
            from .build import write_reference_doc

            write_reference_doc(reference_out, theme)
            click.echo(str(reference_out))
            return
        try:
            click.echo(describe_themes(check_path), nl=False)
        except ThemeProblems as exc:  # --check lists every problem, one line each
            for problem in exc.problems[:-1]:
                _error(f"{exc.source}: {problem}")
            raise ThemeError(exc.problems[-1], source=exc.source) from None

    _run(action)


@cli.command("indicators")
@INDICATORS
def indicators_command(indicators: Path | None) -> None:
    """List the standard indicators a figure can be tagged with, and the catalogue file
    (copy it, extend it and pass it with --indicators)."""
    from .figures.indicators import describe_catalogue, load_catalogue

    def action() -> None:
        click.echo(describe_catalogue(load_catalogue(indicators)), nl=False)

    _run(action)


#: True in a process started for one command (:func:`run_as_command`), which ends with
#: it; False where the commands are called in a longer-lived process (tests, a host
#: application).
_COMMAND_PROCESS = False


def run_as_command() -> None:
    """Run the command line as the one command of this process (:mod:`exporter._program`,
    the console script): the collector, paused while the process starts, is resumed by
    the command's body with what start-up made frozen (:func:`_resume_collector`), or not
    at all for a build of one report, which ends the process."""
    global _COMMAND_PROCESS
    _COMMAND_PROCESS = True
    cli(prog_name="exporter")


def _resume_collector() -> None:
    """Resume the collector the program paused (:mod:`exporter._program`), for the
    command's own work; what start-up made is frozen first, so that no collection walks
    it again."""
    gc.freeze()
    gc.enable()
