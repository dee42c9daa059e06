"""One base error for everything the user can get wrong; the CLI prints it as one line."""

from __future__ import annotations


class ExporterError(Exception):
    """A failure the user can act on: bad input, a bad theme, an unusable output path.

    ``source`` names the file (or other origin) the problem is in; ``exit_code`` is what
    the CLI exits with (2 for bad input or usage, 1 for a failed check).
    """

    exit_code = 2

    def __init__(self, message: str, source: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.source = source

    def __str__(self) -> str:
        return f"{self.source}: {self.message}" if self.source else self.message


class InputError(ExporterError):
    """A report or model file that cannot be read."""


class ThemeError(ExporterError):
    """A theme file that is missing, malformed or inconsistent."""


class OutputError(ExporterError):
    """An output location that cannot be written."""


class CheckFailed(ExporterError):
    """Rendered outputs disagree with the model (``exporter check``)."""

    exit_code = 1
